"""PDF reader on real articles, and PDFs that must fail alone with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import make_doc_id
from extractors.errors import EmptyDocumentError, EncryptedDocumentError, MalformedDocumentError
from extractors.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def test_two_column_numbered_references_with_page_and_box(trials_pdf):
    refs = trials_pdf.references
    assert [r.number for r in refs] == list(range(1, 22))
    assert refs[0].raw.startswith("Auger C, Forster AJ, Oake N, Tamblyn R. Usability of a computerised drug")
    assert refs[0].provenance.page == 6
    assert refs[0].provenance.bbox is not None
    assert trials_pdf.n_pages == 7
    assert trials_pdf.title.startswith("Effectiveness of a computerized drug-monitoring program")


def test_two_column_text_reads_column_by_column(trials_pdf):
    # The sentence continues across a line break inside the left column, not across columns.
    text = " ".join(b.text for b in trials_pdf.blocks)
    assert "Physicians and pharmacists also supported the system [1,2]." in text


def test_bracketed_ieee_references(hindawi_pdf):
    refs = hindawi_pdf.references
    assert len(refs) == 17
    assert refs[0].raw.startswith("E. Braunwald, “Shattuck lecture: cardiovascular medicine")
    assert refs[16].raw.startswith("L. S. Evangelista")


def _read(data: bytes, name: str):
    return read_document(data, doc_id=make_doc_id(name), source_path=name)


def test_truncated_pdf_fails_alone():
    data = (CORPUS / "pdf/cermine-test1_bmc-dvt-prophylaxis-trauma.pdf").read_bytes()
    with pytest.raises(MalformedDocumentError, match="truncated"):
        _read(data[: len(data) // 2], "cut.pdf")


def test_encrypted_pdf_fails_alone(encrypted_pdf):
    with pytest.raises(EncryptedDocumentError, match="password"):
        _read(encrypted_pdf, "locked.pdf")


def test_shapes_only_pdf_says_it_gives_no_text(image_only_pdf):
    # A shape is neither glyphs nor a page image: nothing for OCR to read either.
    with pytest.raises(EmptyDocumentError, match="no text layer, and no glyphs or page image"):
        _read(image_only_pdf, "scan.pdf")


def test_ieee_reference_record_fields(hindawi_pdf):
    from extractors.references import reference_to_record

    rec = reference_to_record(hindawi_pdf.references[0])
    assert rec["title"] == (
        "Shattuck lecture: cardiovascular medicine at the turn of the millennium: "
        "triumphs, concerns, and opportunities"
    )
    assert rec["venue"] == "New England Journal of Medicine"
    assert rec["authors"] == ["E. Braunwald"]
    assert rec["year"] == 1997


def test_three_reference_columns_inside_a_one_column_page(panda_pdf):
    # Pages 12-14 set the 76 references in three narrow columns below one-column body text;
    # item 25 heads the second column of page 13 and 39 the third (checked in the PDF).
    refs = panda_pdf.references
    assert [r.number for r in refs] == list(range(1, 77))
    assert refs[0].raw.startswith("Langer P. 2009 Differences in the composition of colostrum and milk")
    assert refs[24].raw.startswith("Hudson GJ, Bailey PA, John PMV, Monsalve L, Delcampo ALG")
    assert (refs[24].provenance.page, round(refs[24].provenance.bbox[0])) == (13, 197)
    assert refs[38].raw.startswith("Jenness R, Holt C. 1987 Casein and lactose concentrations")
    assert (refs[38].provenance.page, round(refs[38].provenance.bbox[0])) == (13, 338)
    assert refs[75].raw.startswith("Mess A, Carter AM. 2007 Evolution of the placenta")


def test_royal_society_reference_fields(panda_pdf):
    from extractors.references import reference_to_record

    rec = reference_to_record(panda_pdf.references[57])
    assert rec["title"] == "Structure of the haptoglobin–haemoglobin complex"
    assert rec["year"] == 2012
    assert rec["authors"][3:5] == ["Pinto de Oliveira CL", "Hersleth H-P"]
    assert rec["doi"] == "10.1038/nature11369"


def test_space_where_the_font_changes(panda_pdf):
    # `mammals.` (roman) and `Zoology` (italic) are separate PDF segments 1.3 pt apart.
    assert "eutherian mammals. Zoology 111" in panda_pdf.references[1].raw
    assert "Vaccine 21, 3365–3369" in panda_pdf.references[11].raw


def test_line_break_hyphen_in_compounds_is_kept(trials_pdf, panda_pdf):
    refs = " ".join(r.raw for r in trials_pdf.references)
    assert "on-demand versus computer-triggered drug decision support" in refs
    text = " ".join(b.text for b in panda_pdf.blocks)
    assert "unusual duration of trans-intestinal absorption" in text
    # ... and hyphenation inside a word is still undone.
    body = " ".join(b.text for b in trials_pdf.blocks)
    assert "medica-tion" not in body and "pa-tient" not in body


def test_shaded_rows_table_read_from_whitespace():
    # camelot's health.pdf: shaded rows look like rules to pdfplumber (24 columns, every other
    # row one cell); the printed table has 8 columns and a header set on six lines.
    doc = _read((CORPUS / "pdf/camelot_health-outlay.pdf").read_bytes(), "health.pdf")
    (table,) = doc.tables
    assert table.caption.startswith("Table: 5 Public Health Outlay 2012-13 (Budget Estimates)")
    assert table.n_cols == 8 and len(table.header) == 6
    assert [c.text for c in table.rows[0]] == [
        "Andhra Pradesh",
        "47,824,589",
        "9,967,837",
        "1,275,000",
        "15,000",
        "59,082,426",
        "14,898,243",
        "73,980,669",
    ]
    assert [c.text for c in table.rows[-1]][:2] == ["Punjab", "19,775,485"]
    assert table.header_texts()[1] == "Revenue Medical & Public Health"
    assert table.header_texts()[5] == "Total Revenue & Capital"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        # From the CERMINE ground truth files beside the PDFs.
        (
            "cermine-test1_bmc-dvt-prophylaxis-trauma.pdf",
            "Complications related to deep venous thrombosis prophylaxis in trauma: a systematic review of the literature",
        ),
        (
            "cermine-test2_hindawi-heart-failure-programmes.pdf",
            "Patient Experiences of Structured Heart Failure Programmes",
        ),
        # Read off the first pages: titles of three to five lines whose boxes differ in height
        # (no capitals or descenders), one with a journal label above it.
        (
            "PMC4632522_giant-panda-milk.pdf",
            "Prolonged transition time between colostrum and mature milk in a bear, the giant panda, Ailuropoda melanoleuca",
        ),
        (
            "trials-16-2_drug-monitoring-adverse-events.pdf",
            "Effectiveness of a computerized drug-monitoring program to detect and prevent adverse drug events and "
            "medication non-adherence in outpatient ambulatory care: study protocol of a randomized controlled trial",
        ),
    ],
)
def test_whole_title_of_several_lines(name, title, corpus_document):
    assert corpus_document(f"pdf/{name}").title == title


def test_no_title_when_no_line_stands_out():
    # A bank's report page in body-size type throughout: no line is a title.
    path = CORPUS / "pdf" / "icdar2013_us-004_bank-performance.pdf"
    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    assert doc.title == "" and len(doc.tables) == 1


def test_values_set_over_two_lines_are_one_cell() -> None:
    # A journal table prints `6.50±` on one line and its error `0.01*c` on the next.
    from extractors.readers.pdf_tables import join_dangling_rows

    rows = [
        ["Group", "RBC", "HB"],
        ["DC", "6.50±", "10.04±"],
        [None, "0.01*c", "0.02*c"],
        ["NC", "10.89 ± 0.01", "16.52 ± 0.02"],
    ]
    assert join_dangling_rows(rows, 1) == [
        ["Group", "RBC", "HB"],
        ["DC", "6.50± 0.01*c", "10.04± 0.02*c"],
        ["NC", "10.89 ± 0.01", "16.52 ± 0.02"],
    ]


def test_a_real_table_of_mean_and_error_lines_reads_whole() -> None:
    from pathlib import Path

    from extractors.document import make_doc_id
    from extractors.readers import read_document

    path = (
        Path(__file__).resolve().parents[3]
        / "shared"
        / "corpus"
        / "primary"
        / "wjbmr-2016-3-1-34_ocimum-gongronema-stz-diabetic-blood.pdf"
    )
    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r]
    assert "6.50± 0.01*c" in cells and not any(c.rstrip().endswith("±") for c in cells)
