"""Re-extraction as plain functions: exactly the documents that changed, and the diff expected."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from litcurate.ingest import (
    TASKS_PER_WORKER,
    batch_sources,
    default_workers,
    discover,
    ingest,
    plan,
    purge,
    reextract,
)
from litcurate.locking import write_pending
from litcurate.runs import read_run_records
from litcurate.storage import CuratedStore
from schemas.catalog import spec

DOSE = "Baricitinib (3 mg/kg, once daily, oral)"


@pytest.fixture()
def raw(tmp_path: Path, seed_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    return folder


@pytest.fixture()
def curated(tmp_path: Path, raw: Path) -> Path:
    out = tmp_path / "curated"
    first = ingest([raw], out)
    assert len(first.processed) == 1 and not first.failed
    return out


def _no_changes(diff: dict) -> bool:
    return all(not (d.added or d.removed or d.changed) for d in diff.values())


def test_first_ingest_records_every_record_as_added(curated: Path) -> None:
    [record] = read_run_records(curated)
    store = CuratedStore(curated)
    assert record["kind"] == "ingest" and record["started"] <= record["ended"]
    assert sorted(record["tables"]["studies"]["added"]) == sorted(store.read("studies")["record_id"])
    assert len(record["tables"]["entities"]["added"]) == len(store.read("entities"))
    assert record["tables"]["references"]["added"][0][1] == 1  # (doc_id, ref_number)
    assert len(record["tables"]["cells"]["added"][0]) == 4  # (doc_id, table_id, row, col)
    # Every table, citations too (keyed by content: the same reference cited twice in one
    # sentence is two citations, and the seed has such sentences).
    for table in ("citations", "references", "cells", "outcomes", "potency"):
        assert len(record["tables"][table]["added"]) == len(store.read(table)), table


def test_no_change_reextracts_nothing(raw: Path, curated: Path) -> None:
    summary = reextract([raw], curated)
    assert summary.processed == [] and summary.skipped == [
        str(raw / "baricitinib-preclinical-meta-analysis.md")
    ]
    assert _no_changes(summary.tables)
    record = read_run_records(curated, last=1)[0]
    assert record["kind"] == "reextract" and record["n"]["skipped"] == 1 and record["n"]["processed"] == 0


def test_modified_document_changes_exactly_its_edited_study(raw: Path, curated: Path) -> None:
    store = CuratedStore(curated)
    before = store.read("studies").set_index("record_id")
    seed = next(raw.iterdir())
    seed.write_text(seed.read_text().replace(DOSE, DOSE.replace("3 mg/kg", "10 mg/kg")))

    summary = reextract([raw], curated)

    assert summary.processed == [str(seed)]
    after = store.read("studies").set_index("record_id")
    edited = after.index[after["dose_text"].str.contains("10 mg/kg", na=False)].tolist()
    assert len(edited) == 1 and before.loc[edited[0], "dose_value"] == 3.0
    studies = summary.tables["studies"]
    assert studies.changed == edited and studies.added == [] and studies.removed == []
    # Records after the edit only moved (provenance offsets shifted): not changed.
    assert summary.tables["references"].changed == [] and summary.tables["outcomes"].changed == []
    assert read_run_records(curated, last=1)[0]["tables"]["studies"]["changed"] == edited


def test_new_document_is_the_only_one_extracted(raw: Path, curated: Path) -> None:
    seed = next(raw.iterdir())
    (raw / "second.md").write_text(seed.read_text().replace("Baricitinib", "Tofacitinib"))

    summary = reextract([raw], curated)

    assert summary.processed == [str(raw / "second.md")] and summary.skipped == [str(seed)]
    store = CuratedStore(curated)
    new_id = discover([raw])[1].doc_id
    new_studies = store.read("studies", [new_id])
    assert sorted(summary.tables["studies"].added) == sorted(new_studies["record_id"])
    assert all(not d.removed and not d.changed for d in summary.tables.values())


def test_removed_document_is_marked_kept_then_purged(raw: Path, curated: Path) -> None:
    seed = next(raw.iterdir())
    doc_id = discover([raw])[0].doc_id
    seed.unlink()

    summary = reextract([raw], curated)

    assert summary.removed == [str(seed)] and summary.processed == []
    store = CuratedStore(curated)
    assert store.read("documents").loc[0, "status"] == "removed"
    assert len(store.read("studies")) == 6  # kept until the curator purges
    assert read_run_records(curated, last=1)[0]["removed"] == [str(seed)]
    assert reextract([raw], curated).removed == []  # marked once

    assert purge(curated) == [doc_id]
    assert store.read("studies").empty and store.read("documents").empty
    record = read_run_records(curated, last=1)[0]
    assert record["kind"] == "purge" and len(record["tables"]["studies"]["removed"]) == 6


def test_removed_document_that_returns_is_extracted_again(raw: Path, curated: Path, seed_path: Path) -> None:
    next(raw.iterdir()).unlink()
    reextract([raw], curated)
    shutil.copy(seed_path, raw / seed_path.name)
    summary = reextract([raw], curated)
    assert len(summary.processed) == 1
    assert CuratedStore(curated).read("documents").loc[0, "status"] == "ok"


def test_other_folders_are_not_marked_removed(raw: Path, curated: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    assert reextract([other], curated).removed == []


def test_bumped_extractor_version_reextracts_all_without_changes(
    raw: Path, curated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractors import versions

    monkeypatch.setattr(versions, "extractor_version", lambda: "xbumped00001")
    summary = reextract([raw], curated)
    assert len(summary.processed) == 1 and summary.skipped == []
    assert _no_changes(summary.tables)  # same extractors underneath: the same records
    assert CuratedStore(curated).read("documents").loc[0, "extractor_version"] == "xbumped00001"
    assert reextract([raw], curated).processed == []


def test_all_reextracts_unchanged_documents(raw: Path, curated: Path) -> None:
    summary = reextract([raw], curated, everything=True)
    assert len(summary.processed) == 1 and _no_changes(summary.tables)


def test_pending_and_rowless_documents_are_stale(raw: Path, curated: Path, seed_path: Path) -> None:
    store = CuratedStore(curated)
    sources = discover([raw])
    assert plan(store, sources) == ([], sources)
    write_pending(curated, [sources[0].doc_id])  # as a run killed while writing it leaves it
    assert plan(store, sources)[0] == sources
    assert len(reextract([raw], curated).processed) == 1
    assert not (curated / ".pending.json").exists()
    store.delete("documents", sources[0].doc_id)  # tables written, documents row never was
    assert plan(store, sources)[0] == sources


def test_content_hash_ignores_volatile_and_positional_columns() -> None:
    row = {"record_id": "a", "dose_value": 3.0, "ingested_at": "t1", "provenance": '{"line": 3}'}
    moved = {**row, "ingested_at": "t2", "provenance": '{"line": 4}'}
    studies = spec("studies")
    assert studies.content_hash(row) == studies.content_hash(moved)
    assert studies.content_hash(row) != studies.content_hash({**row, "dose_value": 10.0})


def test_batches_put_pdfs_alone_and_text_together(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"t{i}.md").write_text(f"# doc {i}\n")
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 small")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 " + b"x" * 100)
    batches = batch_sources(discover([tmp_path]), workers=2, max_docs=25)
    names = [[s.path.name for s in b] for b in batches]
    assert names[:2] == [["b.pdf"], ["a.pdf"]]
    assert sorted(n for b in names[2:] for n in b) == [f"t{i}.md" for i in range(5)]
    assert len(names[2:]) == 2  # at least one batch per worker
    # By default in this process, one task per document (the Foundation issue's contract).
    assert all(len(b) == 1 for b in batch_sources(discover([tmp_path]), workers=1))


def test_cluster_batches_are_few_balanced_and_complete(tmp_path: Path) -> None:
    sizes = [810, 240, 190, 90, 50, 40, 30, 20, 10, 5] * 3
    for i, kb in enumerate(sizes):
        (tmp_path / f"d{i:02d}.pdf").write_bytes(b"%PDF-1.4 " + b"x" * (kb * 1024))
    sources = discover([tmp_path])
    batches = batch_sources(sources, workers=2)
    assert len(batches) == 2 * TASKS_PER_WORKER
    assert sorted(s.path.name for b in batches for s in b) == sorted(s.path.name for s in sources)
    totals = [sum(s.path.stat().st_size for s in b) for b in batches]
    assert totals == sorted(totals, reverse=True)  # the biggest first, so workers finish together
    assert totals[0] - totals[-1] <= 810 * 1024 + 9  # no worse than one largest document apart
    # Fewer documents than batches: one each, none empty.
    assert [len(b) for b in batch_sources(sources[:3], workers=2)] == [1, 1, 1]
    # An explicit --batch keeps its meaning on a cluster: a PDF alone.
    assert all(len(b) == 1 for b in batch_sources(sources, workers=2, max_docs=1))


def test_run_record_is_json_with_totals(curated: Path) -> None:
    [path] = (curated / "runs").glob("*.json")
    data = json.loads(path.read_text())
    assert data["run_id"] == path.stem and data["n"]["records_added"] > 0


def test_default_workers_one_unless_the_work_repays_more(tmp_path: Path) -> None:
    """A second worker process costs a pipeline build: 2 PDFs and 10 notes do not repay it,
    a third PDF does, and so do a hundred small text documents alone."""
    for i in range(2):
        (tmp_path / f"d{i:02d}.pdf").write_bytes(b"%PDF-1.4 tiny")
    for i in range(10):
        (tmp_path / f"t{i:02d}.md").write_text(f"# doc {i}\n")
    assert default_workers(discover([tmp_path]), cpus=2) == 1
    (tmp_path / "last.pdf").write_bytes(b"%PDF-1.4 tiny")
    assert default_workers(discover([tmp_path]), cpus=2) == 2
    assert default_workers(discover([tmp_path]), cpus=1) == 1
    texts = tmp_path / "texts"
    texts.mkdir()
    for i in range(100):
        (texts / f"t{i:03d}.md").write_text(f"# doc {i}\n")
    assert default_workers(discover([texts]), cpus=4) == 4
