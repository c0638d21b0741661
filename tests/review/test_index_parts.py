"""The review index follows documents into part files (compaction) and out of them (rewrites)."""

from __future__ import annotations

from litcurate.ingest import ingest
from litcurate.parts import is_part
from litcurate.review.store import ReviewStore
from litcurate.storage import CuratedStore
from schemas.catalog import REVIEWED


def _records(review: ReviewStore) -> dict[str, tuple[str, str, str]]:
    rows = review.conn.execute("SELECT record_id, tbl, doc_id, content_hash FROM records").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def test_index_after_compaction_and_rewrites_inside_parts(review_env) -> None:
    text = review_env.seed.read_text()
    for drug in ("Tofacitinib", "Ruxolitinib"):  # two more real documents, distinct ids
        (review_env.raw / f"{drug}-guide.md").write_text(text.replace("Baricitinib", drug))
    ingest([review_env.raw], review_env.curated)
    store = CuratedStore(review_env.curated)
    docs = store.doc_ids("documents")
    assert len(docs) == 3
    review = ReviewStore(review_env.curated)
    try:
        review.sync()
        before = _records(review)
        assert {d for _, d, _ in before.values()} == set(docs)

        assert store.compact(force=True) > 0
        for spec in REVIEWED:
            names = [p.name for p in store.table_dir(spec.name).glob("*.parquet")]
            if store.read(spec.name).empty:  # a table the guides fill no row of (cohorts...)
                continue
            assert len(names) == 1 and is_part(names[0]), names
        assert review.sync() > 0, "the documents moved into parts: read again"
        assert _records(review) == before, "same records, same content, after compaction"
        assert review.sync() == 0, "nothing changed: nothing read"

        # A document re-extracted inside a part: fewer outcomes; another loses its potency rows.
        a, b = docs[0], docs[1]
        outcomes = store.read("outcomes", [a])
        store.write("outcomes", a, outcomes.head(1))
        store.delete("potency", b)
        assert review.sync() > 0
        after = _records(review)
        assert sum(1 for t, d, _ in after.values() if t == "outcomes" and d == a) == 1
        assert not any(t == "potency" and d == b for t, d, _ in after.values())
        unchanged = {
            k: v
            for k, v in before.items()
            if not (v[0] == "outcomes" and v[1] == a) and not (v[0] == "potency" and v[1] == b)
        }
        assert {k: after[k] for k in unchanged} == unchanged, "the part's other documents kept"
        assert len(after) == len(unchanged) + 1
    finally:
        review.close()
