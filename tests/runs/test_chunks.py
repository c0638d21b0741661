"""A run writes a chunk at a time: an interruption loses at most the chunk in flight."""

from __future__ import annotations

from pathlib import Path

import pytest

import litcurate.ingest.lifecycle as lifecycle
from litcurate.ingest import ingest
from litcurate.storage import CuratedStore


@pytest.fixture()
def three_docs(tmp_path: Path, seed_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    text = seed_path.read_text()
    for i, drug in enumerate(("Baricitinib", "Tofacitinib", "Ruxolitinib")):
        (raw / f"{i}-guide.md").write_text(text.replace("Baricitinib", drug))
    return raw


def test_interrupted_run_keeps_written_chunks_and_the_next_run_does_the_rest(
    three_docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = tmp_path / "curated"
    monkeypatch.setattr(lifecycle, "CHUNK_DOCS", 1)
    real = lifecycle.extract_batch
    calls: list[str] = []

    def interrupted(sources, settings=None):  # Ctrl-C while the third document is extracted
        calls.extend(s.relative_path for s in sources)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(sources, settings)

    monkeypatch.setattr(lifecycle, "extract_batch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ingest([three_docs], curated)
    docs = CuratedStore(curated).read("documents")
    assert sorted(Path(p).name for p in docs["source_path"]) == ["0-guide.md", "1-guide.md"]
    monkeypatch.setattr(lifecycle, "extract_batch", real)
    summary = ingest([three_docs], curated)
    assert [Path(p).name for p in summary.processed] == ["2-guide.md"] and len(summary.skipped) == 2
    studies = CuratedStore(curated).read("studies")
    assert studies.groupby("doc_id").size().tolist() == [6, 6, 6]


def test_chunked_and_whole_runs_write_the_same_rows(
    three_docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = ingest([three_docs], tmp_path / "whole")
    monkeypatch.setattr(lifecycle, "CHUNK_DOCS", 1)
    chunked = ingest([three_docs], tmp_path / "chunked")
    assert chunked.processed == whole.processed
    for table in ("studies", "entities", "citations"):
        a = CuratedStore(tmp_path / "whole").read(table)
        b = CuratedStore(tmp_path / "chunked").read(table)
        key = [c for c in ("record_id", "entity_id") if c in a.columns] or [
            "doc_id",
            "ref_number",
            "sentence",
        ]
        assert a.sort_values(key).reset_index(drop=True).equals(b.sort_values(key).reset_index(drop=True)), (
            table
        )


def test_a_chunk_committed_in_the_background_fails_the_run_after_the_chunks_before(
    three_docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full chunk is committed while the next is extracted; its failure is the run's."""
    from litcurate.storage import StorageError

    curated = tmp_path / "curated"
    monkeypatch.setattr(lifecycle, "CHUNK_DOCS", 1)
    real = lifecycle.commit
    threads: list[str] = []

    def second_fails(store, extractions, summary=None):  # the disk fills on the second chunk
        import threading

        threads.append(threading.current_thread().name)
        if len(threads) == 2:
            raise StorageError("no space left on device")
        return real(store, extractions, summary)

    monkeypatch.setattr(lifecycle, "commit", second_fails)
    with pytest.raises(StorageError, match="no space"):
        ingest([three_docs], curated)
    assert threads[0] == "litcurate-commit"  # not the run's thread: it went on extracting
    docs = CuratedStore(curated).read("documents")
    assert sorted(Path(p).name for p in docs["source_path"]) == ["0-guide.md"]
