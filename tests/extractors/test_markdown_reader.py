"""The Markdown reader on the seed guide: blocks, tables, references, provenance."""

from extractors.readers.markdown import markdown_to_document


def test_seed_structure(seed_document):
    doc = seed_document
    assert doc.title == "Meta-analysis of Baricitinib's effectiveness in preclinical studies"
    assert [t.table_id for t in doc.tables] == ["t1", "t2", "t3", "t4"]
    assert doc.tables[3].header_texts() == ["Kinase", "IC50 (nM)", "Reference"]
    assert doc.tables[0].caption == "Experimental Data Summary: Baricitinib in Preclinical RA Models"
    assert doc.tables[0].section == "Rheumatoid Arthritis (RA)"
    assert [r.number for r in doc.references] == list(range(1, 18))


def test_cells_carry_line_and_offsets(seed_document, seed_path):
    original = seed_path.read_text(encoding="utf-8")
    cell = seed_document.tables[3].rows[2][1]  # JAK3 >400, line 94
    assert cell.text == ">400"
    assert cell.provenance.line == 94
    assert original[cell.provenance.start : cell.provenance.end] == ">400"
    empty = seed_document.tables[3].rows[2][2]
    assert empty.text == ""


def test_paragraph_broken_by_blank_line_is_joined(seed_document):
    texts = [b.text for b in seed_document.blocks]
    assert any("highly effective immunomodulatory agent with a distinct profile" in t for t in texts)
    # A heading-like line followed by a capitalised paragraph stays apart.
    assert "Effects on B Cell Function" in texts


def test_pipe_tables_and_crlf():
    text = "# T\r\n\r\nDoses used\r\n\r\n| Model | Dose |\r\n|---|---|\r\n| CIA mice | 3 mg/kg |\r\n"
    doc = markdown_to_document(
        text, doc_id="0" * 16, source_path="x.md", sha256="0" * 64, media_type="text/markdown"
    )
    (table,) = doc.tables
    assert table.header_texts() == ["Model", "Dose"]
    assert [c.text for c in table.rows[0]] == ["CIA mice", "3 mg/kg"]
    assert table.caption == "Doses used"
    assert text[table.rows[0][1].provenance.start : table.rows[0][1].provenance.end] == "3 mg/kg"


def test_regression_lone_pipe_line_is_text_not_a_table():
    # Found by Hypothesis: a line that is only `|` crashed the pipe-table reader.
    doc = markdown_to_document(
        "|\n", doc_id="0" * 16, source_path="x.md", sha256="0" * 64, media_type="text/markdown"
    )
    assert doc.tables == [] and [b.text for b in doc.blocks] == ["|"]


def test_plain_text_reference_section_without_markup(seed_path):
    from extractors.document import make_doc_id
    from extractors.readers import read_document

    path = seed_path.parents[1] / "corpus" / "text" / "bmc-evolbiol-14-70_lion-maternal-history.pdf.txt"

    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    # `References` alone on line 726, then `1. Mellows A, ...`; the BMC XML twin has 73 items,
    # and 8, 31 and 55 are lost in this text extraction's page breaks.
    numbers = [r.number for r in doc.references]
    assert numbers[0] == 1 and numbers[-1] == 73 and len(numbers) == 70
    assert doc.references[0].raw.startswith("Mellows A, Barnett R, Dalen L")
