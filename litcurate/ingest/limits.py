"""Per-document limits: wall time, memory and output rows, enforced in a worker process.

A document is extracted in a separate process (one per run, reused for every document, so
the spaCy pipeline is built once) that the run can stop: past its deadline the worker is
killed and a fresh one takes the next document. Memory is capped with RLIMIT_AS in the
worker, so a PDF that inflates its streams to gigabytes (a decompression bomb) raises
MemoryError there, or kills the worker, instead of taking the machine. A document over a
limit becomes a failed document with a message saying which limit and by how much; every
other document of the run is extracted and written as usual.

Inside a Dask worker (a daemon process, which may not start children) documents are
extracted in that process with the row limit only: the cluster's own workers are the
processes to watch there.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing as mp
import os
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from litcurate.ingest.settings import MB, Limits, RunSettings, resolved

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


class _Duplex:
    """Two one-way connections used as one: receive from the child, send to it."""

    def __init__(self, incoming: Connection, outgoing: Connection) -> None:
        self.incoming, self.outgoing = incoming, outgoing

    def send(self, obj: Any) -> None:
        self.outgoing.send(obj)

    def recv(self) -> Any:
        return self.incoming.recv()

    def poll(self, timeout: float | None) -> bool:
        return self.incoming.poll(timeout)

    def close(self) -> None:
        self.incoming.close()
        self.outgoing.close()


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
    ex = Extraction(source.doc_id, str(source.path), _file_sha(source.path) or "0" * 64, _version())
    ex.error = (
        f"{source.path}: its compressed streams inflate to over {limits.inflated_mb:,} MB "
        "(the per-document decompressed-size limit); not read"
    )
    ex.stage = "read"
    return ex


def _extract(source: Source, settings: RunSettings) -> Extraction:
    """Gives the extraction of one source under the limits that apply in any process."""
    from litcurate.ingest.extraction import extract_source

    return _over_inflate(source, settings) or check_rows(
        extract_source(source, follow_symlinks=settings.follow_symlinks), settings.limits
    )


def _serve(conn: Any, settings: RunSettings) -> None:
    """The worker: sets its memory cap, builds the pipeline, then extracts what it is sent."""
    if settings.limits.memory_mb is not None:
        import resource

        cap = settings.limits.memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from extractors.entities.pipeline import get_pipeline

    get_pipeline()  # once per worker, not per document
    # The built vocabulary is ~1M objects that live as long as the worker: frozen out of the
    # collector, every full collection no longer walks them (~8% of extraction time).
    gc.collect()
    gc.freeze()
    conn.send("ready")
    while True:
        try:
            source = conn.recv()
        except EOFError:
            return
        if source is None:
            return
        ex = _extract(source, settings)
        if ex.error and "MemoryError" in ex.error and settings.limits.memory_mb is not None:
            # Raised inside the extraction and caught there: say which limit it was.
            ex.error = (
                f"{source.path}: went over the per-document memory limit of "
                f"{settings.limits.memory_mb:,} MB (address space of the extraction process); stopped"
            )
        conn.send(ex)


class DocumentWorker:
    """A reusable extraction process with a deadline per document; restarted after a kill."""

    def __init__(self, settings: RunSettings | None = None) -> None:
        self.settings = resolved(settings)
        self.limits = self.settings.limits
        self._proc: Any = None
        self._conn: Connection | None = None
        self._ready = False

    def _start(self) -> Connection:
        # A fresh interpreter (`python -m litcurate.ingest.limits`) rather than multiprocessing's
        # spawn, which re-imports the caller's __main__ (a script, pytest, Prefect's runner).
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        self._proc = subprocess.Popen(
            # The run's settings go on the worker's command line, not through the environment.
            [
                sys.executable,
                "-m",
                "litcurate.ingest.limits",
                str(to_child_r),
                str(from_child_w),
                *_settings_argv(self.settings),
            ],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._conn = _Duplex(Connection(from_child_r), Connection(to_child_w))  # type: ignore[assignment]
        return self._conn  # type: ignore[return-value]

    def extract(self, source: Source) -> Extraction:
        """Gives the extraction of one source, or a failure naming the limit it went over."""
        from litcurate.ingest.extraction import Extraction
        from litcurate.ingest.sources import file_sha256 as _file_sha

        conn = self._conn or self._start()
        size = _safe_size(source)
        deadline = self.limits.deadline(size)
        t0 = time.monotonic()
        try:
            # The first document also waits for the worker's pipeline build (~5 s): not its time.
            if not self._ready:
                if not conn.poll(600) or conn.recv() != "ready":
                    raise EOFError
                self._ready = True
                t0 = time.monotonic()
            conn.send(source)
            if conn.poll(deadline):
                result: Extraction = conn.recv()
                # The version this process plans with (the same code; a test may patch it here).
                result.extractor_version = _version()
                if result.error and "memory limit" in result.error:
                    self.close()  # a fresh worker for the next document, not a fragmented heap
                return result
            why = f"took longer than the per-document limit of {deadline:g} s (wall time); stopped"
        except (EOFError, OSError):
            code = self._proc.poll() if self._proc is not None else None
            mem = self.limits.memory_mb
            why = f"the extraction process died (exit code {code}) after {time.monotonic() - t0:.1f} s" + (
                f", most likely over the memory limit of {mem:,} MB" if mem is not None else ""
            )
        self.close()  # killed: the next document gets a fresh worker
        ex = Extraction(source.doc_id, str(source.path), _file_sha(source.path) or "0" * 64, _version())
        ex.error, ex.stage = f"{source.path}: {why}", "extract"
        return ex

    @property
    def pid(self) -> int | None:
        """Gives the worker process's id, or None when none runs."""
        return None if self._proc is None else int(self._proc.pid)

    def close(self) -> None:
        """Stops the worker (asks, then kills)."""
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        self._ready = False
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        if proc is not None:
            try:
                proc.wait(0.5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def __enter__(self) -> DocumentWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _version() -> str:
    from extractors import versions

    return versions.extractor_version()


def _safe_size(source: Source) -> int:
    try:
        return source.path.stat().st_size
    except OSError:
        return 0


_WORKER: DocumentWorker | None = None


def extract_limited(sources: list[Source], settings: RunSettings | None = None) -> list[Extraction]:
    """Gives the extraction of each source, each under the run's limits (see the module's doc).

    One worker process serves the whole process's runs with the same settings, so a scheduled
    run does not rebuild the pipeline; in a daemon process (a Dask worker) documents are
    extracted here.
    """
    global _WORKER
    settings = resolved(settings)
    # In this process: in a daemon (a Dask worker may not start children), and in a thread
    # other than the main one (a Prefect task's): a worker started from a task thread was seen
    # to wait out its 600 s start in the test suite; the flow's process is the one to watch.
    in_task = threading.current_thread() is not threading.main_thread()
    if mp.current_process().daemon or in_task or not settings.limits.isolated:
        return [_extract(s, settings) for s in sources]
    if _WORKER is None or _WORKER.settings != settings:
        if _WORKER is not None:
            _WORKER.close()
        _WORKER = DocumentWorker(settings)
        atexit.register(close_worker)  # the worker also quits by itself when this process dies (EOF)
    return [_WORKER.extract(s) for s in sources]


def close_worker() -> None:
    """Stops this process's extraction worker, if one runs."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.close()
        _WORKER = None


def _settings_argv(settings: RunSettings) -> list[str]:
    """Gives the settings as the worker's arguments (`none`: a limit switched off)."""
    lim = settings.limits
    values = (lim.memory_mb, lim.max_rows, lim.inflated_mb)
    return ["none" if v is None else str(v) for v in values] + [str(int(settings.follow_symlinks))]


def _settings_from_argv(argv: list[str]) -> RunSettings:
    """Gives the settings `_settings_argv` wrote (the worker keeps no wall-time limit: the run
    watches that)."""
    mem, rows, infl, follow = argv
    limits = Limits(
        memory_mb=None if mem == "none" else int(mem),
        max_rows=None if rows == "none" else int(rows),
        inflated_mb=None if infl == "none" else int(infl),
    )
    return RunSettings(limits, follow == "1")


if __name__ == "__main__":  # the worker process started by DocumentWorker
    _r, _w = sys.argv[1:3]
    _serve(_Duplex(Connection(int(_r)), Connection(int(_w))), _settings_from_argv(sys.argv[3:7]))
