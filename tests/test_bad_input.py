"""Bad input fails alone, recorded in `failures`; other documents and earlier results survive."""

from __future__ import annotations

import codecs

import pytest

from extractors.detect import decode_text, sniff_media_type
from extractors.errors import EmptyDocumentError, UnsupportedMediaTypeError
from litcurate.ingest import Source, extract_source, ingest
from litcurate.storage import CuratedStore

LATIN1_TEXT = "# Étude\n\nLe traitement à 3 mg/kg par voie orale a réduit l'IL-6 chez la souris.\n"


def test_empty_file_is_refused_with_reason(tmp_path):
    with pytest.raises(EmptyDocumentError, match="empty"):
        sniff_media_type(b"   \n", tmp_path / "e.md")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG"),
        (b"PK\x03\x04rest", "ZIP"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_is_refused_with_reason(tmp_path, data, what):
    with pytest.raises(UnsupportedMediaTypeError, match=what):
        sniff_media_type(data, tmp_path / "x.md")


@pytest.mark.parametrize(
    "encoded",
    [
        LATIN1_TEXT.encode("latin-1"),
        LATIN1_TEXT.encode("cp1252"),
        codecs.BOM_UTF16_LE + LATIN1_TEXT.encode("utf-16-le"),
        LATIN1_TEXT.encode("utf-8-sig"),
    ],
)
def test_other_encodings_are_decoded(tmp_path, encoded):
    assert decode_text(encoded, tmp_path / "x.md") == LATIN1_TEXT
    assert sniff_media_type(encoded, tmp_path / "x.md") == "text/markdown"


def test_utf16_document_is_ingested(tmp_path):
    path = tmp_path / "fr.md"
    path.write_bytes(codecs.BOM_UTF16_LE + LATIN1_TEXT.encode("utf-16-le"))
    ex = extract_source(Source(path, path.name))
    assert ex.error is None
    assert any(r["label"] == "DOSE" and r["text"] == "3 mg/kg" for r in ex.rows["entities"])


def test_bad_documents_fail_alone_and_earlier_results_stay(tmp_path, seed_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "seed.md").write_bytes(seed_path.read_bytes())
    curated = tmp_path / "curated"
    first = ingest([raw], curated)
    assert first.exit_code == 0
    store = CuratedStore(curated)
    studies_before = store.read("studies")
    assert len(studies_before) == 6

    (raw / "empty.md").write_bytes(b"")
    (raw / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (raw / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (raw / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    second = ingest([raw], curated)

    assert second.exit_code == 1
    assert len(second.failed) == 3
    assert len(second.skipped) == 1  # the unchanged seed is not re-extracted
    docs = store.read("documents").set_index("source_path")
    assert docs.loc[str(raw / "empty.md"), "status"] == "failed"
    assert "empty" in docs.loc[str(raw / "empty.md"), "error"]
    assert "PNG" in docs.loc[str(raw / "image.md"), "error"]
    assert docs.loc[str(raw / "latin1.txt"), "status"] == "ok"
    assert docs.loc[str(raw / "seed.md"), "status"] == "ok"
    failures = store.read("failures")
    assert set(failures["stage"]) == {"read"}
    assert len(failures) == 3 and failures["message"].str.contains(str(raw)).all()
    # Every earlier result is intact.
    assert store.read("studies").equals(studies_before)
