"""Per-document limits that hold in any process: output rows and a PDF's inflated size.

The wall-time and memory limits need a process the run can stop: `litcurate.ingest.workers`
extracts each document in a worker process, past its deadline killed, its address space
capped. What is checked here runs inside that worker (or in the run's own process when no
time or memory limit is set): a document over a limit becomes a failed document with a
message saying which limit and by how much; every other document of the run goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors import versions
from litcurate.ingest.settings import MB, Limits, RunSettings

if TYPE_CHECKING:
    from litcurate.ingest.extraction import Extraction
    from litcurate.ingest.sources import Source


def check_rows(ex: Extraction, limits: Limits) -> Extraction:
    """Gives the extraction, turned into a failure when it has more rows than the limit."""
    n = sum(len(rows) for rows in ex.rows.values())
    if limits.max_rows is not None and n > limits.max_rows:
        ex.rows = {}
        ex.error = f"{ex.source_path}: {n:,} rows is over the per-document limit of {limits.max_rows:,} rows"
        ex.stage = "extract"
    return ex


def pdf_inflated_over(data: bytes, cap_bytes: int) -> bool:
    """Gives whether the Flate streams of a PDF inflate to more than `cap_bytes` together.

    Each `stream` keyword starts a trial inflate, in bounded chunks, stopped at the cap:
    a 1 MB file that inflates to 1 GB is known for what it is after inflating `cap_bytes`,
    without holding them (a PDF bomb would otherwise take gigabytes in the reader).
    """
    import re
    import zlib

    total = 0
    for m in re.finditer(rb"stream\r?\n", data):
        d = zlib.decompressobj()
        pos = m.end()
        try:
            while pos < len(data) and not d.eof:
                chunk = d.decompress(data[pos : pos + 65536], 16 * MB)
                total += len(chunk)
                while d.unconsumed_tail and not d.eof and total <= cap_bytes:  # a chunk that inflates hugely
                    chunk = d.decompress(d.unconsumed_tail, 16 * MB)
                    total += len(chunk)
                if total > cap_bytes:
                    return True
                pos += 65536
        except zlib.error:
            continue  # not a Flate stream, or one that ends: counted as far as it went
    return False


def _over_inflate(source: Source, settings: RunSettings) -> Extraction | None:
    from litcurate.ingest.extraction import Extraction
    from litcurate.ingest.inputs import refusal
    from litcurate.ingest.sources import file_sha256 as _file_sha

    limits = settings.limits
    if limits.inflated_mb is None or refusal(
        source.path, source.root, follow_symlinks=settings.follow_symlinks
    ):
        return None  # a refused input is refused by extract_source, unread
    try:
        with source.path.open("rb") as fh:
            if fh.read(5) != b"%PDF-":
                return None
        data = source.path.read_bytes()
    except OSError:
        return None
    if not pdf_inflated_over(data, limits.inflated_mb * MB):
        return None
    ex = Extraction(
        source.doc_id, str(source.path), _file_sha(source.path) or "0" * 64, versions.extractor_version()
    )
    ex.error = (
        f"{source.path}: its compressed streams inflate to over {limits.inflated_mb:,} MB "
        "(the per-document decompressed-size limit); not read"
    )
    ex.stage = "read"
    return ex


def extract_checked(source: Source, settings: RunSettings) -> Extraction:
    """Gives the extraction of one source under the limits that apply in any process (rows,
    inflated size); never raises."""
    from litcurate.ingest.extraction import extract_source

    return _over_inflate(source, settings) or check_rows(
        extract_source(source, follow_symlinks=settings.follow_symlinks), settings.limits
    )


def settings_argv(settings: RunSettings) -> list[str]:
    """Gives the settings as the worker's arguments (`none`: a limit switched off)."""
    lim = settings.limits
    values = (lim.memory_mb, lim.max_rows, lim.inflated_mb)
    return ["none" if v is None else str(v) for v in values] + [str(int(settings.follow_symlinks))]


def settings_from_argv(argv: list[str]) -> RunSettings:
    """Gives the settings `settings_argv` wrote (the worker keeps no wall-time limit: the run
    watches that)."""
    mem, rows, infl, follow = argv
    limits = Limits(
        memory_mb=None if mem == "none" else int(mem),
        max_rows=None if rows == "none" else int(rows),
        inflated_mb=None if infl == "none" else int(infl),
    )
    return RunSettings(limits, follow == "1")
