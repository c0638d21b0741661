"""Tables set without rules are found: two-column ones, and ones whose rows are broken by section
heads and wrapped labels; two-column prose is not taken for a table.

Invented documents, printed by headless Chromium from HTML written here: a five-page paper
whose fourth page holds a borderless label | value table and whose fifth a dot-leader table,
neither named "Table" (so the page triage has to see them), and pages of what sets text in two
columns without being a table: a two-column article with a numbered reference list, `Received:`
lines, labels ending in colons beside their values, a numbered and a bulleted list (the article
last: what follows a reference list is not read as body text); and a survey table under a
paragraph, with a header spanning two columns each, section heads alone on their rows and
labels wrapped over two and three lines; tables with header cells set on several lines, labels
whose values stand on their first line, a description column wrapped in every row, section
heads running on over the columns, narrow columns whose header cells are a space apart, a line
of notes across the columns; and some of them again between a journal's three rules (read by
pdf_rules, not from whitespace). Word-level checks of two-column tables: test_pdf_pairs.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import make_doc_id
from extractors.readers import read_document

PROSE = (
    "Male rats were housed in groups of four under a twelve hour light cycle with free access to food "
    "and water. All procedures followed the institutional guidelines for the care of laboratory animals "
    "and were approved by the local committee before the study began. Body weight was measured in the "
    "morning before dosing on every study day, and the person weighing the animals did not know which "
    "group each animal belonged to. "
)
STYLE = (
    "body{font-family:serif;font-size:10.5pt;margin:2cm} p{margin:0 0 .7em} .page{page-break-after:always}"
)
CHARACTERISTICS = [
    ("Number of animals", "48"),
    ("Body weight (g)", "251 ± 12"),
    ("Age (weeks)", "8"),
    ("Food intake (g/day)", "22.4"),
    ("Water intake (ml/day)", "31.0"),
    ("Heart rate (bpm)", "342"),
]
SURVEY = [
    ["", "Men", "", "Women", ""],
    ["Characteristic", "Number", "Percent", "Number", "Percent"],
    ["All persons", "12,480", "100.0", "13,002", "100.0"],
    ["Age", "", "", "", ""],
    ["Under 25 years", "2,114", "16.9", "2,201", "16.9"],
    ["25 to 44 years", "4,380", "35.1", "4,412", "33.9"],
    ["45 years and over, including persons in institutional care", "5,986", "48.0", "6,389", "49.1"],
    ["Employment status", "", "", "", ""],
    ["Employed full time", "7,011", "56.2", "5,120", "39.4"],
    ["Employed part time or seasonally in agriculture and fishing", "1,208", "9.7", "2,866", "22.0"],
    ["Not employed", "4,261", "34.1", "5,016", "38.6"],
]
STATES = [
    ["State", "Resident population (thousands)", "Households (thousands)", "Percent owned"],
    ["Alabama", "4,779", "1,883", "39.4"],
    ["Alaska", "710", "258", "36.3"],
    ["Arizona", "6,392", "2,380", "37.2"],
    ["Arkansas", "2,916", "1,147", "39.3"],
]
AGENCIES = [
    ["Agency", "2012", "2013", "Change"],
    ["Department of Agriculture and rural development programmes", "1,204", "1,310", "8.8"],
    ["Department of Commerce", "512", "498", "-2.7"],
    ["Department of Defense, including military construction and family housing", "40,112", "41,870", "4.4"],
    ["Department of Energy", "2,310", "2,290", "-0.9"],
    ["Department of Health and Human Services", "11,870", "12,402", "4.5"],
]
PROGRAMS = [
    ["Program", "Description", "Outlays"],
    ["Food stamps", "Monthly benefit for low income households, paid by card", "62,100"],
    ["Housing aid", "Rent subsidy for families below the income limit", "17,400"],
    ["School meals", "Free or reduced price lunch and breakfast", "11,900"],
    ["Energy aid", "Help with heating bills in winter", "3,400"],
]
DEBTS = [
    [
        "Characteristic",
        "Median debt",
        "Under $10,000",
        "$10,000 to 19,999",
        "$20,000 to 39,999",
        "$40,000 or more",
    ],
    ["All graduates", "23,300", "25.5", "10.2", "26.9", "19.3"],
    ["Private nonprofit", "28,700", "28.1", "7.1", "28.9", "19.4"],
    ["For-profit", "36,900", "19.3", "7.7", "26.5", "22.7"],
    ["Did not borrow", "†", "†", "†", "†", "†"],
]
LEADERS = [
    ("Persons surveyed", "12,480"),
    ("Persons employed", "9,311"),
    ("Persons unemployed", "702"),
    ("Not in the labour force", "2,467"),
    ("Mean hours worked", "38.6"),
]


def _page(body: str) -> str:
    return f'<div class="page">{body}</div>'


def _tables_paper() -> str:
    cell = "style='padding:1px 30px 1px 0'"
    table = (
        f"<table style='border-collapse:collapse'><tr><th align=left {cell}>Characteristic</th>"
        "<th align=right>Value</th></tr>"
        + "".join(f"<tr><td {cell}>{a}</td><td align=right>{b}</td></tr>" for a, b in CHARACTERISTICS)
        + "</table>"
    )
    leaders = "".join(
        "<div style='display:flex;width:11cm'><span style='white-space:nowrap;overflow:hidden;flex:1'>"
        f"{a} {'. ' * 80}</span><span style='width:2cm;text-align:right'>{b}</span></div>"
        for a, b in LEADERS
    )
    pages = [
        _page(f"<h2>Methods</h2><p>{PROSE * 3}</p><p>{PROSE * 2}</p>"),
        _page(f"<p>{PROSE * 3}</p><p>{PROSE * 2}</p>"),
        _page(f"<p>{PROSE * 2}</p><p>{PROSE * 3}</p>"),
        _page(f"<p>{PROSE}</p>{table}<p>{PROSE}</p>"),
        _page(f"<p>{PROSE}</p>{leaders}<p>{PROSE}</p>"),
    ]
    return f"<html><head><style>{STYLE}</style></head><body>{''.join(pages)}</body></html>"


def _prose_paper() -> str:
    refs = "".join(
        f"<p style='padding-left:1.5em;text-indent:-1.5em'>{i}.&nbsp;&nbsp;Smith J, Jones K. Kinase "
        f"inhibition in a rodent model of arthritis. J Pharmacol {1990 + i};{i}:{100 + i}-{110 + i}.</p>"
        for i in range(1, 13)
    )
    labels = [
        ("Funding", "None"),
        ("Conflicts of interest", "None declared"),
        ("Ethics approval", "Committee 12/2020"),
        ("Data availability", "On request"),
        ("Registration", "Not registered"),
    ]
    steps = ["Weigh the animals", "Record the dose", "Give the drug", "Score the paws", "Collect the blood"]
    pages = [
        _page(
            "<p>Received: 3 March 2021</p><p>Revised: 2 May 2021</p><p>Accepted: 14 June 2021</p>"
            "<p>Published: 1 July 2021</p><table>"
            + "".join(f"<tr><td style='padding-right:2cm'>{a}:</td><td>{b}</td></tr>" for a, b in labels)
            + f"</table><p>{PROSE}</p><ol>"
            + "".join(f"<li>{s}</li>" for s in steps)
            + "</ol><ul>"
            + "".join(f"<li>{s}</li>" for s in ("Vehicle", "Low dose", "High dose", "Positive control"))
            + f"</ul><p>{PROSE}</p>"
        ),
        _page(
            "<div style='columns:2;column-gap:.8cm;text-align:justify'>"
            f"<p>{PROSE * 3}</p><p>{PROSE * 2}</p><h3>References</h3>{refs}</div>"
        ),
    ]
    return f"<html><head><style>{STYLE}</style></head><body>{''.join(pages)}</body></html>"


RULES = "table{border-top:1.5px solid #000;border-bottom:1.5px solid #000} th{border-bottom:1px solid #000}"


def _table_html(rows: list[list[str]], *, head: str = "", valign: str = "bottom", widths: str = "") -> str:
    def cell(text: str, i: int, tag: str) -> str:
        align = "left" if i == 0 or not any(ch.isdigit() for ch in text + "0" * (tag == "th")) else "right"
        return f"<{tag} style='text-align:{align};padding:1px 10px;vertical-align:{valign}'>{text}</{tag}>"

    body = "".join(
        "<tr>" + "".join(cell(c, i, "th" if n == 0 and not head else "td") for i, c in enumerate(r)) + "</tr>"
        for n, r in enumerate(rows)
    )
    return (
        f"<html><head><style>{STYLE} td:first-child{{width:5.5cm}} {widths}</style></head><body>"
        f"<p>{PROSE}</p><table style='border-collapse:collapse'>{head}{body}</table><p>{PROSE}</p></body></html>"
    )


def _survey_paper() -> str:
    spans = "<tr><td></td><td colspan=2 align=center>Men</td><td colspan=2 align=center>Women</td></tr>"
    return _table_html(SURVEY[1:], head=spans)


LONG_HEADS = [
    [f"{r[0]} of the person at the time of the survey interview", *r[1:]]
    if r[0] == "Age"
    else [f"{r[0]} in the week before the interview", *r[1:]]
    if r[0] == "Employment status"
    else r
    for r in SURVEY
]


def _long_heads_paper(css: str = "") -> str:
    # Section heads in cells across the whole table, running on over the columns of figures.
    def row(r: list[str]) -> str:
        if not any(r[1:]):
            return f"<tr><td colspan=5 style='padding:1px 10px'>{r[0]}</td></tr>"
        style = "padding:1px 10px;vertical-align:bottom;text-align:"
        return (
            "<tr>"
            + "".join(f"<td style='{style}{'right' if i else 'left'}'>{c}</td>" for i, c in enumerate(r))
            + "</tr>"
        )

    spans = "<tr><td></td><td colspan=2 align=center>Men</td><td colspan=2 align=center>Women</td></tr>"
    return (
        f"<html><head><style>{STYLE} td:first-child{{width:5.5cm}} {css}</style></head><body><p>{PROSE}</p>"
        f"<table style='border-collapse:collapse'>{spans}{''.join(row(r) for r in LONG_HEADS[1:])}</table>"
        f"<p>{PROSE}</p></body></html>"
    )


def _debts_paper(notes: str = "") -> str:
    # Narrow columns whose header cells wrap and are set a space apart on their second line
    # (`to 19,999 to 39,999`), under a heading over four of them.
    th = "<th style='font-weight:normal;vertical-align:bottom;padding:1px 6px;text-align:{};width:{}'>{}</th>"
    head = "<tr><th></th><th></th><th colspan=4 style='font-weight:normal'>Percent distribution</th></tr><tr>"
    head += "".join(
        th.format("right" if i else "left", "1.6cm" if i else "4cm", c) for i, c in enumerate(DEBTS[0])
    )
    td = "<td style='text-align:{};padding:1px 6px'>{}</td>"
    body = "".join(
        "<tr>" + "".join(td.format("right" if i else "left", c) for i, c in enumerate(r)) + "</tr>"
        for r in DEBTS[1:]
    )
    return (
        f"<html><head><style>{STYLE}</style></head><body><p>{PROSE}</p>"
        f"<table style='border-collapse:collapse'>{head}</tr>{body}{notes}</table><p>{PROSE}</p></body></html>"
    )


# Two notes side by side under the figures, each across three columns.
NOTES = (
    "<tr><td colspan=3 style='font-size:8pt'>† Not applicable.</td>"
    "<td colspan=3 style='font-size:8pt'>‡ Reporting standards not met.</td></tr>"
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, print_pdf) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("two_column")
    out = {}
    papers = {
        "tables": _tables_paper(),
        "prose": _prose_paper(),
        "survey": _survey_paper(),
        "states": _table_html(STATES, widths="th{width:2cm}"),
        "agencies": _table_html(AGENCIES, valign="top"),
        "programs": _table_html(PROGRAMS, valign="top", widths="td:nth-child(2){width:5cm}"),
        "ruled-survey": _survey_paper().replace("</style>", f" {RULES}</style>"),
        "ruled-agencies": _table_html(AGENCIES, valign="top", widths=RULES),
        "debts": _debts_paper(),
        "debts-notes": _debts_paper(NOTES),
        "long-heads": _long_heads_paper(),
        "ruled-long-heads": _long_heads_paper(RULES),
    }
    for name, html in papers.items():
        (tmp / f"{name}.html").write_text(html, encoding="utf-8")
        out[name] = print_pdf(tmp / f"{name}.html", tmp / f"{name}.pdf", header_footer=False)
    return out


def _read(path: Path):
    return read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))


@pytest.mark.slow
def test_two_column_tables_without_rules_or_caption_are_found(printed):
    doc = _read(printed["tables"])
    by_page = {t.provenance.page: t for t in doc.tables}
    assert sorted(by_page) == [4, 5]  # pages 4 and 5 of five: the triage let them through
    label_value = by_page[4]
    assert [c.text for c in label_value.header[0]] == ["Characteristic", "Value"]
    assert [[c.text for c in r] for r in label_value.rows] == [list(r) for r in CHARACTERISTICS]
    leaders = by_page[5]
    assert [[c.text for c in r] for r in leaders.header + leaders.rows] == [list(r) for r in LEADERS]
    # The table's text is not read again as a paragraph.
    assert not any("Heart rate (bpm)" in b.text for b in doc.blocks)


@pytest.mark.slow
def test_section_heads_and_wrapped_labels_stay_in_the_table(printed):
    doc = _read(printed["survey"])
    assert len(doc.tables) == 1
    table = doc.tables[0]
    # The paragraph's last line above the header is not a header row.
    assert [[c.text for c in r] for r in table.header + table.rows] == SURVEY


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("states", STATES),
        ("agencies", AGENCIES),
        ("programs", PROGRAMS),
        ("ruled-survey", SURVEY),
        ("ruled-agencies", AGENCIES),
        ("long-heads", LONG_HEADS),
        ("ruled-long-heads", LONG_HEADS),
    ],
)
def test_wrapped_header_labels_and_descriptions_are_one_cell_each(printed, name, rows):
    # `Resident` / `population` / `(thousands)` over a column of figures is one header cell (its
    # lines stay header rows, as camelot has them, and `header_texts` joins them); a label
    # going on below its figures (`... Health and` / `Human Services`), or a description
    # wrapped over two lines, stays in its row.
    doc = _read(printed[name])
    assert len(doc.tables) == 1
    table = doc.tables[0]
    n_header = 2 if rows[0][0] == "" else 1  # `Men` and `Women` over their columns
    grid = [[c.text for c in r] for r in table.header + table.rows]
    n_body = len(rows) - n_header
    assert grid[-n_body:] == rows[n_header:]
    head = [" ".join(c for c in column if c) for column in zip(*grid[:-n_body], strict=True)]
    assert head == [" ".join(c for c in column if c) for column in zip(*rows[:n_header], strict=True)]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["debts", "debts-notes"])
def test_header_cells_a_space_apart_are_cut_at_the_column_edges(printed, name):
    # A line of notes across the columns of figures does not merge them either.
    table = _read(printed[name]).tables[0]
    assert "Percent distribution" in [c.text for c in table.header[0]]
    texts = [" ".join(c.text for c in column[1:] if c.text) for column in zip(*table.header, strict=True)]
    assert texts == DEBTS[0]
    assert [[c.text for c in r] for r in table.rows] == DEBTS[1:]


@pytest.mark.slow
def test_two_column_prose_lists_and_labels_are_not_tables(printed):
    doc = _read(printed["prose"])
    assert doc.tables == []
    assert len(doc.references) == 12
    assert any("Weigh the animals" in b.text for b in doc.blocks)
