"""How a run's sources are cut into tasks and how many workers they get."""

from __future__ import annotations

import heapq
import math
import os
from pathlib import Path

from litcurate.ingest.sources import Source

# Every extraction worker process builds its own pipeline: ~1-2 s of CPU before its first
# document. A PDF takes ~0.5-2 s and a small text document ~65 ms (benchmarks/bench_ingest.py),
# so a second worker repays its start from about this much expected work.
PARALLEL_MIN_SECONDS = 3.0
PDF_SECONDS, TEXT_SECONDS = 1.0, 0.065


def default_workers(sources: list[Source], cpus: int | None = None) -> int:
    """Gives the worker count a run uses unless told: one worker process per core when the
    documents' expected extraction time (a PDF ~1 s, another document ~65 ms) repays starting
    them, otherwise 1."""
    cpus = cpus or os.cpu_count() or 1
    n_pdfs = sum(1 for s in sources if _is_pdf(s.path))
    work = n_pdfs * PDF_SECONDS + (len(sources) - n_pdfs) * TEXT_SECONDS
    return cpus if cpus > 1 and work >= PARALLEL_MIN_SECONDS else 1


# On a Dask cluster a task costs ~100 ms of Prefect orchestration, in the worker (a client
# and settings per task run) and here (the run context serialised per submit), measured with
# 70 empty tasks on 2 workers: one PDF a task gives that much away per PDF (~0.6 s of work).
# A few balanced batches per worker keep the workers busy to the end at a fraction of it.
TASKS_PER_WORKER = 4


def batch_sources(
    sources: list[Source], *, workers: int = 1, max_docs: int | None = None
) -> list[list[Source]]:
    """Gives the sources in batches, one Prefect task each.

    `max_docs` None (the default): one task per document in this process (`workers` 1);
    on a cluster, `TASKS_PER_WORKER` batches per worker, balanced by file size. `max_docs` N:
    a PDF alone, up to N small text documents together, spread over the workers (a task
    here costs ~50 ms: worth it for a PDF, not for a text document of ~30 ms, so `--batch 25`
    speeds up large runs of small documents). The biggest batches come first, so workers
    finish together.
    """
    if max_docs is None and workers > 1:
        return _balanced(sources, workers * TASKS_PER_WORKER)
    pdfs: list[Source] = []
    texts: list[Source] = []
    for s in sources:
        (pdfs if _is_pdf(s.path) else texts).append(s)
    pdfs = largest_first(pdfs)
    per_batch = max(1, min(max_docs or 1, math.ceil(len(texts) / max(1, workers)))) if texts else 1
    text_batches = [texts[i : i + per_batch] for i in range(0, len(texts), per_batch)]
    return [[p] for p in pdfs] + text_batches


def _balanced(sources: list[Source], n_batches: int) -> list[list[Source]]:
    """Gives at most `n_batches` batches of about equal total size, biggest first: each
    source, largest first, goes to the batch with the least so far (LPT scheduling)."""
    sized = sorted(((_size(s.path), s) for s in sources), key=lambda pair: -pair[0])
    bins: list[tuple[int, int, list[Source]]] = [(0, i, []) for i in range(min(n_batches, len(sized)))]
    heapq.heapify(bins)
    for size, source in sized:
        total, i, members = heapq.heappop(bins)
        members.append(source)
        heapq.heappush(bins, (total + max(size, 1), i, members))
    return [members for _, _, members in sorted(bins, key=lambda b: (-b[0], b[1]))]


def _is_pdf(path: Path) -> bool:
    try:
        if not path.is_file():  # a FIFO would block the open: it is refused later, never read
            return False
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def largest_first(sources: list[Source]) -> list[Source]:
    """Gives the sources largest file first, ties in their order (a document's duplicate stays
    after it): extracted in this order, the longest documents (a scan read by OCR, a large
    PDF) start first and the workers finish together, where one started last kept a worker
    busy alone (the corpus PDFs: ~7 s of OCR begun at 8 s of 15)."""
    return sorted(sources, key=lambda s: -_size(s.path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
