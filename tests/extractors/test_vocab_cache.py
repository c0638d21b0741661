"""The built vocabulary: matched like spaCy's PhraseMatcher, cached on disk safely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import srsly

from extractors.entities import vocab_cache
from extractors.entities.vocab_cache import built_vocabulary, from_payload, load_or_build, to_payload
from extractors.entities.vocab_tables import BuiltVocabulary


def _same(a: BuiltVocabulary, b: BuiltVocabulary) -> bool:
    return (
        a.entries == b.entries
        and a.forms == b.forms
        and a.exact.table == b.exact.table
        and a.lower.table == b.lower.table
        and a.exact.lengths == b.exact.lengths
        and a.lower.lengths == b.lower.lengths
    )


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[int]]:
    """A fresh cache folder; builds give the process's vocabulary and are counted."""
    builds: list[int] = []
    built = built_vocabulary()

    def counted_build() -> BuiltVocabulary:
        builds.append(1)
        return built

    monkeypatch.setenv("LITCURATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(vocab_cache, "build_vocabulary", counted_build)
    return tmp_path / "cache", builds


def test_payload_round_trip_gives_the_same_vocabulary() -> None:
    built = built_vocabulary()
    key = vocab_cache.vocabulary_key()
    data = srsly.msgpack_loads(srsly.msgpack_dumps(to_payload(built, key)), use_list=False)
    assert _same(from_payload(data, key), built)
    with pytest.raises(ValueError):
        from_payload(data, "another key")


def test_built_once_then_read_from_disk(cache: tuple[Path, list[int]]) -> None:
    folder, builds = cache
    first = load_or_build()
    files = list(folder.iterdir())
    assert builds == [1] and [f.name for f in files] == [f"vocabulary-{vocab_cache.vocabulary_key()}.msgpack"]
    assert _same(load_or_build(), first) and builds == [1]  # read, not built again


def test_corrupt_cache_is_built_again_and_replaced(cache: tuple[Path, list[int]]) -> None:
    folder, builds = cache
    load_or_build()
    (path,) = folder.iterdir()
    for garbage in (b"\x00not msgpack", srsly.msgpack_dumps({"format": vocab_cache.FORMAT}), b""):
        path.write_bytes(garbage)
        assert _same(load_or_build(), built_vocabulary())
    assert builds == [1, 1, 1, 1]
    assert _same(load_or_build(), built_vocabulary()) and len(builds) == 4  # the rewritten file reads
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left behind


def test_changed_vocabulary_file_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "vocab"
    shutil.copytree(Path(vocab_cache.__file__).parents[1] / "vocab", folder)
    monkeypatch.setattr(vocab_cache.resources, "files", lambda _package: folder)
    key = vocab_cache.vocabulary_key()
    drugs = folder / "drugs.tsv"
    drugs.write_text(
        drugs.read_text(encoding="utf-8") + "X:1\tnew drug\tDRUG\tnew drug\ttest\n", encoding="utf-8"
    )
    assert vocab_cache.vocabulary_key() != key


def test_unwritable_cache_folder_still_gives_the_vocabulary(
    cache: tuple[Path, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, builds = cache
    folder.parent.mkdir(exist_ok=True)
    blocker = folder.parent / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LITCURATE_CACHE_DIR", str(blocker / "cache"))
    assert _same(load_or_build(), built_vocabulary()) and builds == [1]
    monkeypatch.setenv("LITCURATE_CACHE_DIR", "")  # turned off: built, nothing written
    assert _same(load_or_build(), built_vocabulary()) and builds == [1, 1]


@pytest.mark.slow
def test_tables_match_what_spacy_phrase_matcher_matches(seed_document) -> None:
    """The token tables find exactly what a PhraseMatcher over the same phrase Docs finds."""
    from spacy.matcher import PhraseMatcher

    from extractors.entities.pipeline import get_pipeline
    from extractors.entities.vocab import load_vocabularies, vocab_phrases
    from extractors.entities.vocab_tables import phrases_to_docs

    nlp = get_pipeline()
    phrases = vocab_phrases(load_vocabularies())
    built = built_vocabulary()
    texts = [b.text for b in seed_document.blocks]
    texts += [c.text for t in seed_document.tables for row in t.header + t.rows for c in row]
    docs = [nlp.make_doc(t) for t in texts]
    for case_sensitive, table in ((True, built.exact), (False, built.lower)):
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH" if case_sensitive else "LOWER")
        chosen = [p for p in phrases if p.case_sensitive == case_sensitive]
        for p, d in zip(chosen, phrases_to_docs(nlp, chosen), strict=True):
            matcher.add(f"{p.entry.label}\t{p.entry.id}", [d])
        found = 0
        for doc in docs:
            theirs = [(*nlp.vocab.strings[m].split("\t", 1), s, e) for m, s, e in matcher(doc)]
            ours = table.find(doc)
            assert sorted(ours) == sorted(theirs), doc.text
            found += len(ours)
        assert found > 50  # the seed names drugs, cytokines, models and species throughout
