"""Tables whose body is divided into sections, whose rows wrap in every cell, and whose header
has a heading over the columns of figures: each layout on an invented page, printed from HTML
written here by headless Chromium, between a journal's three rules (pdf_rules) and without
rules (pdf_stream).

The layouts (ICDAR 2013's US government tables have them): a section head on the body's first
line, right under the header rule; a row whose label and description both wrap, the label's
next line under a hanging indent, set as closely as the rows are; a section heading centred
over the columns of figures, a row of its own, its text in the first column it spans; a heading
over the years above a spanner rule, the stub's head set beside the years (a cell spanning the
header's two levels, so it heads the top row). Two tables stacked under the same heading over
their columns stay two tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import make_doc_id
from extractors.readers import read_document

pytestmark = pytest.mark.slow  # prints PDFs with Chromium

PROSE = (
    "Male rats were housed in groups of four under a twelve hour light cycle with free access to food "
    "and water. All procedures followed the institutional guidelines for the care of laboratory animals. "
)
STYLE = (
    "body{font-family:sans-serif;font-size:9.5pt;margin:2cm} p{margin:0 0 .7em}"
    " .page{page-break-after:always} th{font-weight:normal} td,th{padding:0 4px}"
)
RULES = (
    "table{border-collapse:collapse;border-top:1.2px solid #000;border-bottom:1.2px solid #000}"
    " th{border-bottom:0.8px solid #000}"
)
# Factor | Setting: sections, and rows whose two cells both wrap.
HOUSING = [
    ["Factor", "Setting"],
    ["Environment", ""],
    ["Room temperature", "Held between 20 and 24 degrees"],
    ["Relative humidity", "Kept near half saturation"],
    [
        "Bedding and nesting material supplied to each cage on arrival",
        "Aspen chips changed twice weekly with fresh paper strips for nesting",
    ],
    ["Light cycle", "Twelve hours of light from seven"],
    ["Handling", ""],
    [
        "Acclimatisation period before the first dose in the unit",
        "One week in the holding room with daily weighing by the same keeper",
    ],
    ["Restraint", "Soft towel for oral dosing"],
]
# Strain by week: a heading over the weeks, sections headed across the columns of figures.
WEIGHTS = [
    ["Strain", "Week of study", "", ""],
    ["", "1", "2", "3"],
    ["", "Body weight, in grams", "", ""],
    ["Wistar", "212", "238", "261"],
    ["Sprague Dawley", "224", "251", "279"],
    ["", "Food intake, in grams per day", "", ""],
    ["Wistar", "18.2", "19.9", "21.4"],
    ["Sprague Dawley", "19.0", "20.6", "22.8"],
    ["Lister Hooded", "17.1", "18.0", "19.3"],
]


def _housing() -> str:
    rows = ""
    for k, (label, setting) in enumerate(HOUSING[1:]):
        if not setting:  # a section head, bold, set off from the rows above it (not the first)
            rows += f"<tr><td style='font-weight:bold;{'padding-top:9px' if k else ''}'>{label}</td><td></td></tr>"
        else:
            rows += f"<tr><td class=label>{label}</td><td class=setting>{setting}</td></tr>"
    css = (
        "td{vertical-align:top} td.label{width:6.5cm;padding-left:1.2em;text-indent:-1.2em}"
        " td.setting{width:6cm;text-align:right}"
    )
    return (
        f"<div class=page><style>{css}</style><p>{PROSE}</p><table><tr><th style='text-align:left'>"
        f"{HOUSING[0][0]}</th><th style='text-align:right'>{HOUSING[0][1]}</th></tr>{rows}</table>"
        f"<p>{PROSE}</p></div>"
    )


def _weights() -> str:
    head = (
        "<tr><th rowspan=2 style='text-align:left;vertical-align:bottom;width:5cm'>Strain</th>"
        "<th colspan=3 style='text-align:center'>Week of study</th></tr><tr>"
        + "".join(f"<th style='text-align:right;width:2.2cm'>{w}</th>" for w in WEIGHTS[1][1:])
        + "</tr>"
    )
    body = ""
    for row in WEIGHTS[2:]:
        if not row[0]:
            body += f"<tr><td></td><td colspan=3 style='text-align:center;padding-top:6px'>{row[1]}</td></tr>"
        else:
            body += f"<tr><td>{row[0]}</td>" + "".join(
                f"<td style='text-align:right'>{v}</td>" for v in row[1:]
            )
            body += "</tr>"
    return f"<div class=page><p>{PROSE}</p><table>{head}{body}</table><p>{PROSE}</p></div>"


def _stacked() -> str:
    # Two tables of one layout one under the other, each under `Dose, in mg/kg` over its doses.
    def table(doses: list[str], first: int) -> str:
        head = (
            "<tr><td></td><td colspan=3 style='text-align:center'>Dose, in mg/kg</td></tr><tr><td>Day</td>"
            + "".join(f"<td style='text-align:right;width:2.2cm'>{d}</td>" for d in doses)
            + "</tr>"
        )
        body = "".join(
            f"<tr><td style='width:5cm'>Day {day}</td>"
            + "".join(f"<td style='text-align:right'>{day * 3 + k}.{k + 1}</td>" for k in range(3))
            + "</tr>"
            for day in range(first, first + 5)
        )
        return f"<table style='margin-bottom:2em'>{head}{body}</table>"

    return f"<div class=page><p>{PROSE}</p>{table(['1', '3', '10'], 1)}{table(['30', '100', '300'], 6)}</div>"


def _html(*pages: str, css: str = "") -> str:
    return f"<html><head><style>{STYLE} {css}</style></head><body>{''.join(pages)}</body></html>"


@pytest.fixture(scope="module")
def tables(tmp_path_factory, print_pdf) -> dict[str, list[list[list[str]]]]:
    """Gives each printed paper's tables as grids (header rows, then body rows), page order."""
    tmp = tmp_path_factory.mktemp("sections")
    papers = {
        "ruled": _html(_housing(), _weights(), css=RULES),
        "unruled": _html(_weights(), _stacked()),
    }
    out = {}
    for name, html in papers.items():
        (tmp / f"{name}.html").write_text(html, encoding="utf-8")
        pdf: Path = print_pdf(tmp / f"{name}.html", tmp / f"{name}.pdf", header_footer=False)
        doc = read_document(pdf.read_bytes(), doc_id=make_doc_id(pdf.name), source_path=str(pdf))
        out[name] = [[[c.text for c in r] for r in t.header + t.rows] for t in doc.tables]
    return out


def test_section_head_on_the_first_line_and_rows_wrapped_in_every_cell(tables):
    # `Environment` right under the header rule is a row of its own, not the start of `Room
    # temperature`'s label; `Bedding ... each` / `cage on arrival` beside `Aspen ... twice` /
    # `weekly ...` is one row, though its second line fills both columns.
    assert tables["ruled"][0] == HOUSING


def test_heading_over_the_years_and_sections_headed_across_the_figures(tables):
    # `Week of study` over its spanner rule heads the weeks from the first; `Strain`, set beside
    # the weeks, spans both header levels; `Body weight, in grams` is a row, not text joined to
    # the figures of the row below in the middle column.
    assert tables["ruled"][1] == WEIGHTS


def test_sections_headed_across_the_figures_without_rules(tables):
    # Without rules nothing says `Strain` spans the header's levels or where `Week of study`
    # ends: the body is what must hold (before, the section headings broke it into pieces).
    grid = tables["unruled"][0]
    assert grid[-7:] == WEIGHTS[2:]
    assert grid[-8] == ["Strain", "1", "2", "3"]


def test_two_tables_under_the_same_heading_stay_two(tables):
    stacked = tables["unruled"][1:]
    assert len(stacked) == 2
    assert [r[0] for r in stacked[0][-5:]] == [f"Day {d}" for d in range(1, 6)]
    assert [r[0] for r in stacked[1][-5:]] == [f"Day {d}" for d in range(6, 11)]
