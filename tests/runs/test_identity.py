"""Document identity is decided by planning: one id, one path; the same bytes counted once."""

from __future__ import annotations

import shutil
from pathlib import Path

from litcurate.ingest import ingest
from litcurate.runs import read_run_records
from litcurate.storage import CuratedStore


def _copy_seed(seed_path: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(seed_path, target)
    return target


def test_same_relative_path_from_another_folder_is_refused_naming_both(
    tmp_path: Path, seed_path: Path
) -> None:
    a = _copy_seed(seed_path, tmp_path / "A", "paper.md")
    b = _copy_seed(seed_path, tmp_path / "B", "paper.md")
    b.write_text(b.read_text().replace("Baricitinib", "Tofacitinib"))
    curated = tmp_path / "curated"
    first = ingest([tmp_path / "A"], curated)
    studies_before = CuratedStore(curated).read("studies")
    second = ingest([tmp_path / "B"], curated)
    assert second.exit_code == 1 and not second.processed
    (why,) = second.refused
    assert str(a) in why and str(b) in why and "--replace" in why
    docs = CuratedStore(curated).read("documents")
    assert docs["source_path"].tolist() == [str(a)] == first.processed
    assert CuratedStore(curated).read("studies").equals(studies_before)
    assert read_run_records(curated)[-1]["refused"] == [why]
    # On purpose, the other file takes the id over.
    third = ingest([tmp_path / "B"], curated, replace=True)
    assert third.processed == [str(b)] and not third.refused
    assert set(CuratedStore(curated).read("studies")["compound"].dropna()) >= {"Tofacitinib"}


def test_a_moved_folder_keeps_its_ids(tmp_path: Path, seed_path: Path) -> None:
    _copy_seed(seed_path, tmp_path / "old", "paper.md")
    curated = tmp_path / "curated"
    ingest([tmp_path / "old"], curated)
    (tmp_path / "old").rename(tmp_path / "new")
    summary = ingest([tmp_path / "new"], curated)
    assert not summary.refused and summary.exit_code == 0


def test_same_bytes_under_two_names_are_one_document_and_a_duplicate(tmp_path: Path, seed_path: Path) -> None:
    raw = tmp_path / "raw"
    _copy_seed(seed_path, raw, "a-guide.md")
    _copy_seed(seed_path, raw, "b-copy.md")
    curated = tmp_path / "curated"
    summary = ingest([raw], curated)
    assert summary.duplicates == [str(raw / "b-copy.md")] and summary.exit_code == 0
    store = CuratedStore(curated)
    docs = store.read("documents").set_index("source_path")
    original = docs.loc[str(raw / "a-guide.md")]
    copy = docs.loc[str(raw / "b-copy.md")]
    assert copy["status"] == "duplicate" and copy["duplicate_of"] == original["doc_id"]
    studies = store.read("studies")
    assert set(studies["doc_id"]) == {original["doc_id"]} and len(studies) == 6  # counted once
    # Nothing changed: the next run skips both.
    again = ingest([raw], curated)
    assert len(again.skipped) == 2 and not again.processed
