"""The ingest ratios of issue 12 from one run: text and PDFs against their libraries alone.

Run: `.venv/bin/python benchmarks/bench_ingest.py [--copies 1000] [--no-text] [--no-pdf] [--no-prefect]
[--repeat N]` (`--repeat 2`: each step the faster of two interleaved rounds).

Measured in this order, each `litcurate` figure a fresh process, end to end:
  start      a fresh process: import the pipeline module, then `get_pipeline()` (the
             built vocabulary read from its disk cache; the first run on a machine builds it)
  text       `--copies` distinct copies of the seed guide (a line differs, so hashes differ):
             spaCy blank English + sentencizer over the same texts (`nlp.pipe`, one process),
             against `litcurate ingest --prefect` (with a `prefect server start` kept running,
             as a deployment has, and with its local API started by the run), `litcurate
             ingest` as it chooses (in process, one extraction worker per core) and
             `--workers 1`
  pdf        the PDFs of the shared corpus (`corpus/pdf`, `corpus/pdf-gt`): pdfplumber
             `extract_text` + `extract_tables` on every page (one process), against `litcurate
             ingest` of the same files as it chooses and with `--workers 1`, and against
             reading them alone (`read_document`, this process, with the seconds of OCR in
             it); when OCR read some, the same again for the PDFs with a text layer alone,
             like for like (pdfplumber reads nothing on a page without one)
Each litcurate run also shows the CPU seconds it took, its worker processes included: with
one worker per core the wall time can be below the CPU time.
The machine is shared and its speed drifts: read the ratios, each measured in this run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LITCURATE_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"
PDF_FOLDERS = [SHARED / "corpus" / "pdf", SHARED / "corpus" / "pdf-gt"]
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}


def replicate(folder: Path, copies: int) -> list[Path]:
    """Gives `copies` distinct files of the seed (a line differs, so hashes differ)."""
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(copies):
        p = folder / f"seed-{i:04d}.md"
        p.write_text(text + f"\n<!-- copy {i} -->\n", encoding="utf-8")
        paths.append(p)
    return paths


def spacy_baseline(paths: list[Path]) -> float:
    """Gives seconds to read and tokenise every file with spaCy blank en + sentencizer."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    start = time.perf_counter()
    n = sum(len(d) for d in nlp.pipe(p.read_text(encoding="utf-8") for p in paths))
    assert n > 0
    return time.perf_counter() - start


def pdfplumber_baseline(paths: list[Path]) -> float:
    """Gives seconds of pdfplumber `extract_text` + `extract_tables` on every page."""
    import pdfplumber

    start = time.perf_counter()
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
    return time.perf_counter() - start


def cli_ingest(paths: list[Path], curated: Path, *options: str) -> tuple[float, str]:
    """Gives the wall seconds of `litcurate ingest` of the paths in a fresh process, and how
    many documents it wrote by status (read back: a run that failed fast is not fast) with the
    CPU seconds the run took, its worker processes included."""
    import resource

    import pandas as pd

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "litcurate.cli", "-q", "ingest", *map(str, paths), "--curated", str(curated)]
    done = subprocess.run([*cmd, *options], env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    if done.returncode not in (0, 1):  # 1: some documents failed, the others are written
        raise SystemExit(f"litcurate ingest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    docs = pd.read_parquet(curated / "documents") if (curated / "documents").is_dir() else pd.DataFrame()
    counts = docs["status"].value_counts().to_dict() if len(docs) else {}
    written = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none written"
    return elapsed, f"{written}; {cpu:.1f} s CPU"


@contextlib.contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    """Gives the API URL of a `prefect server start` run here (its own PREFECT_HOME), as a
    deployment keeps one running; stopped on leaving."""
    import socket

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**ENV, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                raise SystemExit("prefect server start ended before it answered")
            time.sleep(0.5)
        else:
            raise SystemExit("prefect server start did not answer within 180 s")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def pipeline_start() -> tuple[float, float]:
    """Gives (import seconds, get_pipeline seconds) in a fresh process."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from extractors.entities.pipeline import get_pipeline\n"
        "u = time.perf_counter(); get_pipeline(); print(u - t, time.perf_counter() - u)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True)
    t_import, t_build = map(float, out.stdout.split())
    return t_import, t_build


def read_only(paths: list[Path]) -> tuple[float, float, list[Path]]:
    """Gives seconds to read every file into a Document in this process (no annotation), the
    seconds of it spent on OCR (pages without a usable text layer), and the files OCR read."""
    import extractors.readers.pdf as pdf_reader
    from extractors.document import make_doc_id
    from extractors.readers import read_document

    real = pdf_reader.ocr_unreadable_pages
    spent = [0.0]
    ocr_read: list[Path] = []

    def timed(pdf: object, pages: list) -> list[str]:
        t = time.perf_counter()
        notes = real(pdf, pages)
        spent[0] += time.perf_counter() - t
        if notes:
            ocr_read.append(current)
        return notes

    pdf_reader.ocr_unreadable_pages = timed  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        for current in paths:
            read_document(current.read_bytes(), doc_id=make_doc_id(current.name), source_path=str(current))
        return time.perf_counter() - start, spent[0], ocr_read
    finally:
        pdf_reader.ocr_unreadable_pages = real


def _plumbed(paths: list[Path]) -> tuple[float, str]:
    return pdfplumber_baseline(paths), "baseline"


def _best(runs: list[tuple[float, str]]) -> tuple[float, str]:
    """Gives the fastest of a step's runs with its note (`--repeat`: best of N, as timeit)."""
    return min(runs, key=lambda r: r[0])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--no-text", action="store_true")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-prefect", action="store_true", help="leave out the ingest through Prefect")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds of every step, the baselines' included; each step shows its fastest round "
        "(this machine's speed drifts by 10-15 %% over minutes: rounds interleave both sides)",
    )
    args = parser.parse_args()

    rounds = max(1, args.repeat)
    work = Path(tempfile.mkdtemp(prefix="litcurate-bench-"))
    steps: dict[str, list[tuple[float, str]]] = {}  # step -> (seconds, note) of each round

    def timed(step: str, run: Callable[[], tuple[float, str]]) -> None:
        steps.setdefault(step, []).append(run())

    def cli(step: str, paths: list[Path], folder: str, *options: str) -> None:
        def run() -> tuple[float, str]:
            shutil.rmtree(work / folder, ignore_errors=True)
            return cli_ingest(paths, work / folder, *options)

        timed(step, run)

    try:
        pipeline_start()  # the first process may build the vocabulary cache: not timed
        t_import, t_build = pipeline_start()
        raw = work / "raw"
        paths: list[Path] = []
        if not args.no_text:
            raw.mkdir()
            paths = replicate(raw, args.copies)
        pdfs = sorted(p for folder in PDF_FOLDERS for p in folder.glob("*.pdf"))
        ocr_read: list[Path] = []
        for _ in range(rounds):
            if not args.no_text:
                timed("text-base", lambda: (spacy_baseline(paths), "baseline"))
                if not args.no_prefect:
                    # Through the flow on a server kept running (a deployment's setting, as for
                    # `litcurate schedule`): what Prefect costs a run beyond its API's start.
                    with prefect_server(work / "prefect-home") as url:
                        ENV["PREFECT_API_URL"] = url
                        try:
                            cli("text-prefect-up", [raw], "cur-prefect-up", "--prefect")
                        finally:
                            del ENV["PREFECT_API_URL"]
                    try:
                        cli("text-prefect", [raw], "cur-prefect", "--prefect")
                    except SystemExit as exc:  # Prefect's ephemeral API can time out on a loaded machine
                        print(exc, file=sys.stderr)
                cli("text-plain", [raw], "cur-plain")
                cli("text-one", [raw], "cur-one", "--workers", "1")
            if not args.no_pdf:
                timed("pdf-base", functools.partial(_plumbed, pdfs))

                def read() -> tuple[float, str]:
                    t_read, t_ocr, read_by_ocr = read_only(pdfs)
                    ocr_read[:] = read_by_ocr
                    return (
                        t_read,
                        f"of which OCR {t_ocr:.1f} s ({len(read_by_ocr)} PDF)" if read_by_ocr else "",
                    )

                timed("pdf-read", read)
                cli("pdf-plain", pdfs, "cur-pdf")
                cli("pdf-one", pdfs, "cur-pdf-one", "--workers", "1")
                if ocr_read:  # like for like: pdfplumber reads nothing on the pages OCR reads
                    layer = [p for p in pdfs if p not in ocr_read]
                    timed("pdf-layer-base", functools.partial(_plumbed, layer))
                    cli("pdf-layer", layer, "cur-pdf-layer")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows: list[tuple[str, float, float | None, str]] = [
        ("pipeline ready: get_pipeline() in a fresh process", t_build, None, "target <= 1 s"),
        ("  (importing the pipeline module before it)", t_import, None, ""),
    ]
    n_layer = len(pdfs) - len(ocr_read)
    names = {
        "text-base": (f"text: spaCy blank+sentencizer, {args.copies} guides", "text-base"),
        "text-prefect-up": ("text: litcurate ingest (CLI, Prefect server up)", "text-base"),
        "text-prefect": ("text: litcurate ingest (CLI, Prefect, its API started)", "text-base"),
        "text-plain": ("text: litcurate ingest (CLI as it chooses)", "text-base"),
        "text-one": ("text: litcurate ingest --workers 1", "text-base"),
        "pdf-base": (f"pdf: pdfplumber text+tables, {len(pdfs)} PDFs", "pdf-base"),
        "pdf-read": ("pdf: read_document alone (this process)", "pdf-base"),
        "pdf-plain": ("pdf: litcurate ingest (CLI as it chooses)", "pdf-base"),
        "pdf-one": ("pdf: litcurate ingest --workers 1", "pdf-base"),
        "pdf-layer-base": (f"pdf: pdfplumber, the {n_layer} PDFs with a text layer", "pdf-layer-base"),
        "pdf-layer": ("pdf: litcurate ingest of them (CLI as it chooses)", "pdf-layer-base"),
    }
    for step, (name, base) in names.items():
        if step in steps:
            secs, note = _best(steps[step])
            rows.append((name, secs, secs / _best(steps[base])[0], note))

    print("\ntargets: pipeline <= 1 s; text ingest <= 3x spaCy; PDF ingest <= 1.0x pdfplumber")
    if rounds > 1:
        print(f"each step: the fastest of {rounds} rounds, the rounds interleaved")
    print(f"{'step':56} {'seconds':>8} {'ratio':>7}  documents written")
    for name, secs, ratio, note in rows:
        shown = f"{ratio:6.1f}x" if ratio is not None else ""
        print(f"{name:56} {secs:8.2f} {shown:>7}  {note}")


if __name__ == "__main__":
    main()
