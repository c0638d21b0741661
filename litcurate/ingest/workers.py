"""Extraction worker processes: a deadline and a memory cap per document, several at once.

A document is extracted in a separate process that the run can stop: past its deadline the
worker is killed and a fresh one takes the next document. Memory is capped with RLIMIT_AS in
the worker, so a PDF that inflates its streams to gigabytes (a decompression bomb) raises
MemoryError there, or kills the worker, instead of taking the machine. The row and inflate
limits (`litcurate.ingest.limits`) are checked inside the worker.

Workers are reused (each builds the spaCy pipeline once) from a pool shared by every thread of
the process: the run's own loop (`extract_ordered`, one worker per core), a Prefect task thread,
a thread of a Dask worker. A thread holds a worker for one batch, so two threads never talk to
the same process. The workers are started with `subprocess`, not `multiprocessing`, so a Dask
worker (a daemon process, which `multiprocessing` forbids to have children) starts them too.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from extractors import versions
from litcurate.ingest.limits import extract_checked, settings_argv, settings_from_argv
from litcurate.ingest.settings import MB, RunSettings, resolved

if TYPE_CHECKING:
    from litcurate.ingest.extraction import Extraction
    from litcurate.ingest.sources import Source

# How long a new worker may take to build its pipeline (~1 s, 10-20 s on a loaded machine)
# before it is taken for stuck, killed, and started once more.
START_WAIT_S = 180.0


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


GC_THRESHOLD = 20_000


def _serve(conn: Any, settings: RunSettings) -> None:
    """The worker: sets its memory cap, builds the pipeline, then extracts what it is sent."""
    if settings.limits.memory_mb is not None:
        import resource

        cap = settings.limits.memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from extractors.entities.pipeline import get_pipeline

    _quit_with_parent()
    get_pipeline()  # once per worker, not per document
    # The built vocabulary is ~1M objects that live as long as the worker: frozen out of the
    # collector, every full collection no longer walks them (~8% of extraction time).
    gc.collect()
    gc.freeze()
    # A document's extraction makes and drops ~10^4 objects at its peaks, nearly all freed by
    # their reference counts: at the default threshold (700) the collector ran ~4 times a
    # guide for ~3 % of the worker's time and found little. Cycles still start one past
    # GC_THRESHOLD objects alive.
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    conn.send("ready")
    while True:
        try:
            source = conn.recv()
        except EOFError:
            return
        if source is None:
            return
        ex = extract_checked(source, settings)
        if ex.error and "MemoryError" in ex.error and settings.limits.memory_mb is not None:
            # Raised inside the extraction and caught there: say which limit it was.
            ex.error = (
                f"{source.path}: went over the per-document memory limit of "
                f"{settings.limits.memory_mb:,} MB (address space of the extraction process); stopped"
            )
        conn.send(ex)


def _quit_with_parent(every_s: float = 1.0) -> None:
    """Ends this worker within `every_s` of its run's process dying (a kill -9 included).

    Between documents the closed pipe ends it; this covers a document being extracted (up to
    its whole deadline otherwise). Not PR_SET_PDEATHSIG: that fires when the *thread* that
    started the worker ends, and the run's extraction threads come and go.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        os._exit(0)

    threading.Thread(target=watch, name="litcurate-parent-watch", daemon=True).start()


class WorkerStartError(RuntimeError):
    """A worker process did not report ready in time, twice."""


class DocumentWorker:
    """A reusable extraction process with a deadline per document; restarted after a kill.

    One thread at a time: the pool (`extract_limited`) hands a worker to one thread.
    """

    def __init__(self, settings: RunSettings | None = None) -> None:
        self.settings = resolved(settings)
        self.limits = self.settings.limits
        self._proc: subprocess.Popen[bytes] | None = None
        self._conn: _Duplex | None = None
        self._ready = False

    def start(self) -> None:
        """Starts the process if none runs (its pipeline builds while the caller goes on)."""
        if self._conn is not None:
            return
        # A fresh interpreter (`python -m litcurate.ingest.workers`) rather than multiprocessing's
        # spawn, which re-imports the caller's __main__ (a script, pytest, Prefect's runner).
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        self._proc = subprocess.Popen(
            # The run's settings go on the worker's command line, not through the environment.
            [
                sys.executable,
                "-m",
                "litcurate.ingest.workers",
                str(to_child_r),
                str(from_child_w),
                *settings_argv(self.settings),
            ],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._conn = _Duplex(Connection(from_child_r), Connection(to_child_w))

    def _wait_ready(self) -> _Duplex:
        """Gives the connection to a worker that has built its pipeline: one start is retried."""
        for _attempt in range(2):
            self.start()
            assert self._conn is not None
            try:
                if self._conn.poll(START_WAIT_S) and self._conn.recv() == "ready":
                    self._ready = True
                    return self._conn
            except (EOFError, OSError):
                pass
            self.close()
        raise WorkerStartError(f"the extraction worker did not start within {START_WAIT_S:g} s, twice")

    def extract(self, source: Source) -> Extraction:
        """Gives the extraction of one source, or a failure naming the limit it went over."""
        from litcurate.ingest.extraction import Extraction
        from litcurate.ingest.sources import file_sha256 as _file_sha

        # The first document does not count the worker's pipeline build as its own time.
        conn = self._conn if self._ready and self._conn is not None else self._wait_ready()
        deadline = self.limits.deadline(_safe_size(source))
        t0 = time.monotonic()
        try:
            conn.send(source)
            if conn.poll(deadline):
                result: Extraction = conn.recv()
                # The version this process plans with (the same code; a test may patch it here).
                result.extractor_version = versions.extractor_version()
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
        ex = Extraction(
            source.doc_id, str(source.path), _file_sha(source.path) or "0" * 64, versions.extractor_version()
        )
        ex.error, ex.stage = f"{source.path}: {why}", "extract"
        return ex

    @property
    def pid(self) -> int | None:
        """Gives the worker process's id, or None when none runs."""
        return None if self._proc is None else int(self._proc.pid)

    def close(self) -> None:
        """Stops the worker (asks, then kills)."""
        proc, conn, ready = self._proc, self._conn, self._ready
        self._proc = self._conn = None
        self._ready = False
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        if proc is not None:
            try:
                # A worker never used may still be importing (it reads its pipe only once its
                # pipeline is built): it has nothing to finish, so it is not waited for.
                proc.wait(0.5 if ready else 0)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def __enter__(self) -> DocumentWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _safe_size(source: Source) -> int:
    try:
        return source.path.stat().st_size
    except OSError:
        return 0


class _Pool:
    """The process's idle workers, handed to one thread at a time; kept for the next run with
    the same settings (a scheduled run does not rebuild the pipeline)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[DocumentWorker] = []
        atexit.register(self.close)  # a worker also quits by itself when this process dies (EOF)

    def take(self, settings: RunSettings) -> DocumentWorker:
        with self._lock:
            stale = [w for w in self._idle if w.settings != settings]
            self._idle = [w for w in self._idle if w.settings == settings]
            worker = self._idle.pop() if self._idle else DocumentWorker(settings)
        for w in stale:  # a run with other limits: their processes are not needed any more
            w.close()
        return worker

    def give_back(self, worker: DocumentWorker) -> None:
        with self._lock:
            self._idle.append(worker)

    def warm(self, settings: RunSettings, n: int) -> None:
        """Starts up to `n` idle workers for `settings`, their pipelines building meanwhile."""
        taken = [self.take(settings) for _ in range(n)]
        for w in taken:
            w.start()
            self.give_back(w)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for w in idle:
            w.close()


_POOL = _Pool()


def extract_limited(sources: list[Source], settings: RunSettings | None = None) -> list[Extraction]:
    """Gives the extraction of each source, each under the run's limits (see the module's doc),
    in a worker of the pool held by this thread for the batch; in this process when the run
    has no time or memory limit."""
    settings = resolved(settings)
    if not settings.limits.isolated:
        return [extract_checked(s, settings) for s in sources]
    worker = _POOL.take(settings)
    try:
        return [worker.extract(s) for s in sources]
    finally:
        _POOL.give_back(worker)


Extract = Callable[[list["Source"], RunSettings], list["Extraction"]]


# Extractions held, done, behind one still running at the head of the run's order (a PDF's
# rows are ~1 MB at most; a small guide's ~25 KB).
AHEAD = 32


def extract_ordered(
    sources: Iterable[Source],
    settings: RunSettings | None = None,
    *,
    workers: int = 1,
    extract: Extract = extract_limited,
) -> Iterator[Extraction]:
    """Gives the extraction of each source in the order given, `workers` documents extracted
    at once (one worker process each, by `extract`), with at most two per worker in flight and
    `AHEAD` held in all, so that memory does not grow with the run."""
    settings = resolved(settings)
    # Without a time or memory limit documents are extracted in this process, where threads
    # would only share one interpreter (and one spaCy pipeline): one at a time then.
    if workers <= 1 or not settings.limits.isolated:
        for s in sources:
            yield extract([s], settings)[0]
        return
    warm_workers(settings, workers)
    pending: deque[Future[list[Extraction]]] = deque()
    with ThreadPoolExecutor(workers, thread_name_prefix="litcurate-extract") as pool:
        try:
            for s in sources:
                pending.append(pool.submit(extract, [s], settings))
                # A slow document at the head (a scan read by OCR) must not idle the other
                # workers: documents after it go on being extracted and held, up to AHEAD.
                while pending:
                    if pending[0].done() or len(pending) >= AHEAD:
                        yield pending.popleft().result()[0]
                        continue
                    running = [f for f in pending if not f.done()]
                    if len(running) < 2 * workers:
                        break
                    # On those still running only: `wait` returns at once when any future it is
                    # given is done, and one done behind the head would spin this loop.
                    wait(running, return_when=FIRST_COMPLETED)
            while pending:
                yield pending.popleft().result()[0]
        finally:
            for f in pending:  # stopped early (an error, Ctrl-C): documents not begun stay undone
                f.cancel()


def warm_workers(settings: RunSettings | None = None, n: int = 1) -> None:
    """Starts `n` extraction workers for `settings` in the background (their pipelines build
    while, say, Prefect's API starts)."""
    settings = resolved(settings)
    if settings.limits.isolated:
        _POOL.warm(settings, n)


def warm_for(
    sources: Sequence[Source], *, workers: int | None = None, settings: RunSettings | None = None
) -> bool:
    """Starts the extraction workers a run of the sources would use (`workers`, default
    `default_workers`), before it is planned; gives whether it did. A worker takes ~1.5 s to
    build its pipeline, and reading the curated folder's index and hashing the sources
    (~0.5 s on a fresh folder), or starting a Prefect flow, need not wait for it.

    Not for a Dask cluster's run (its workers are its own). A run that turns out to have
    nothing stale stops them again (`close_workers`), having cost their start's CPU, not time;
    one with fewer stale documents than expected uses one and leaves the others idle.
    """
    from litcurate.ingest.batching import default_workers

    n = workers or default_workers(list(sources))
    if n <= 1 or not resolved(settings).limits.isolated:
        return False
    warm_workers(settings, n)
    return True


def close_workers() -> None:
    """Stops this process's idle extraction workers."""
    _POOL.close()


if __name__ == "__main__":  # the worker process started by DocumentWorker
    _r, _w = sys.argv[1:3]
    _serve(_Duplex(Connection(int(_r)), Connection(int(_w))), settings_from_argv(sys.argv[3:7]))
