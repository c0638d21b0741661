"""The run's extraction loop (`workers.extract_ordered`): results in the plan's order, the
workers kept busy behind a slow document, and what is held bounded."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from litcurate.ingest import workers
from litcurate.ingest.extraction import Extraction
from litcurate.ingest.settings import RunSettings
from litcurate.ingest.sources import Source

SLOW_S, QUICK_S = 2.0, 0.02


@pytest.fixture()
def no_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    # The extraction here is a stand-in run in the loop's threads: no process to start.
    monkeypatch.setattr(workers, "warm_workers", lambda *a, **k: None)


class Recorder:
    """A stand-in for one document's extraction: the first source is slow, the others quick;
    records when each started and the most documents begun but not yet taken by the run."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.lock = threading.Lock()

    def __call__(self, sources: list[Source], settings: RunSettings | None) -> list[Extraction]:
        s = sources[0]
        with self.lock:
            self.started[s.relative_path] = time.monotonic()
        time.sleep(SLOW_S if s.relative_path == "doc000.md" else QUICK_S)
        return [Extraction(s.doc_id, str(s.path), "0" * 64, "test")]


def _sources(n: int) -> list[Source]:
    return [Source(Path(f"/nowhere/doc{i:03d}.md"), f"doc{i:03d}.md") for i in range(n)]


def test_results_come_in_order_and_a_slow_head_does_not_idle_the_other_worker(no_worker_processes) -> None:
    sources = _sources(30)
    rec = Recorder()
    got = [ex.source_path for ex in workers.extract_ordered(sources, RunSettings(), workers=2, extract=rec)]
    assert got == [str(s.path) for s in sources]
    # 29 quick documents on the second worker fit inside the slow one's time: all began
    # before it ended, where a window of four behind the head would have held them back.
    assert max(rec.started.values()) - rec.started["doc000.md"] < SLOW_S


def test_documents_held_behind_a_slow_head_are_bounded(no_worker_processes, monkeypatch) -> None:
    monkeypatch.setattr(workers, "AHEAD", 8)
    sources = _sources(30)
    rec = Recorder()
    out = workers.extract_ordered(sources, RunSettings(), workers=2, extract=rec)
    first = next(out)  # the slow head: meanwhile at most AHEAD - 1 others were begun
    assert first.source_path == str(sources[0].path)
    assert len(rec.started) <= 8
    assert [ex.source_path for ex in out] == [str(s.path) for s in sources[1:]]


def test_the_loop_sleeps_while_the_workers_extract(no_worker_processes, monkeypatch) -> None:
    """Waiting for a slot, the run's thread sleeps until a document is done. It once waited on
    every document in flight, done ones behind the head included, and so returned at once: a
    loop spinning for as long as the head took, CPU taken from the workers it waited for."""
    calls = []
    real_wait = workers.wait

    def counted_wait(*args, **kwargs):
        calls.append(1)
        return real_wait(*args, **kwargs)

    monkeypatch.setattr(workers, "wait", counted_wait)
    monkeypatch.setattr(workers, "AHEAD", 8)
    sources = _sources(30)
    got = list(workers.extract_ordered(sources, RunSettings(), workers=2, extract=Recorder()))
    assert len(got) == 30
    assert len(calls) <= 30  # at most one wait per document (the slow head alone took 2 s)


def test_a_parallel_run_extracts_the_largest_documents_first(tmp_path: Path, monkeypatch, seed_path) -> None:
    """Started last, a long document (a scan read by OCR) kept one worker busy alone after the
    others were done; the largest files go first (ties in the plan's order, so a duplicate stays
    after its original), and the summary still lists the documents in the plan's order."""
    from litcurate.ingest import ingest
    from litcurate.ingest.batching import largest_first

    raw = tmp_path / "raw"
    raw.mkdir()
    text = seed_path.read_text(encoding="utf-8")
    for name, copies in [("a.md", 1), ("b.md", 3), ("c.md", 2), ("d.md", 4)]:
        (raw / name).write_text(text * copies + f"\n<!-- {name} -->\n", encoding="utf-8")
    (raw / "e.md").write_bytes((raw / "b.md").read_bytes())  # b's duplicate: same size, after it
    sources = [Source(raw / n, n) for n in ["a.md", "b.md", "c.md", "d.md", "e.md"]]
    assert [s.relative_path for s in largest_first(sources)] == ["d.md", "b.md", "e.md", "c.md", "a.md"]

    seen: list[str] = []
    real = workers.extract_ordered

    def recorded(order, settings=None, **kwargs):
        seen.extend(Path(s.path).name for s in order)
        return real(order, settings, workers=1, extract=kwargs["extract"])

    monkeypatch.setattr(workers, "extract_ordered", recorded)
    summary = ingest([raw], tmp_path / "curated", workers=2)
    assert seen == ["d.md", "b.md", "e.md", "c.md", "a.md"]
    assert [Path(p).name for p in summary.processed] == ["a.md", "b.md", "c.md", "d.md", "e.md"]
