"""The seed guide in other renderings gives the facts its Markdown gives.

The test makes the renderings itself: pandoc turns the guide into HTML (its tab-separated
tables written as pipe tables first, since pandoc reads no tab tables; nothing else changes),
and headless Chromium prints that HTML to PDF three ways: pandoc's own style (a journal-like
three-rule table: rules above and below the header and at the end), a full grid of cell
borders, and a booktabs-like style of our own (heavy top and bottom rules, a thin header rule,
no padding between rows to speak of). Tables split across pages, wrapped cells and reference
lists nested by the converter (`<ul><li><ol start="5">`, one item broken by a paragraph) all
have to hold. pandoc and chromium are Debian packages that `.ci/run` installs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extractors.document import make_doc_id
from extractors.readers import read_document
from extractors.records import document_to_records

pytestmark = pytest.mark.slow  # renders PDFs with pandoc and Chromium, or runs every ground-truth page

SEED = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "seed"
    / "baricitinib-preclinical-meta-analysis.md"
)
STYLES = {
    "pandoc": "",
    "grid": "table{border-collapse:collapse;display:table} th,td{border:1px solid #000;padding:3px 6px} tbody{border:none}",
    "booktabs": (
        "table{border-collapse:collapse;display:table;border-top:2px solid #000;border-bottom:2px solid #000}"
        " thead th{border-top:none;border-bottom:1px solid #000;padding:4px 8px} tbody{border:none}"
        " td{border:none;padding:2px 8px}"
    ),
}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # CI installs both (.ci/run); a silent skip would hide the renderings
        pytest.fail(f"{name} is needed: apt-get install -y {name}")
    return path


def tabs_to_pipe_tables(text: str) -> str:
    """Gives the Markdown with each run of two or more tab-separated lines as a pipe table."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            width = max(line.count("\t") for line in run) + 1
            rows = [[c.strip().replace("|", r"\|") for c in line.split("\t")] for line in run]
            rows = [r + [""] * (width - len(r)) for r in rows]
            out.extend(["", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * width])
            out.extend("| " + " | ".join(r) + " |" for r in rows[1:])
            out.append("")
        else:
            out.extend(run)
        run.clear()

    for line in text.split("\n"):
        if "\t" in line:
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


@pytest.fixture(scope="module")
def renderings(tmp_path_factory, print_pdf) -> dict[str, Path]:
    pandoc = _tool("pandoc")
    tmp = tmp_path_factory.mktemp("renderings")
    source = tmp / "seed.md"
    source.write_text(tabs_to_pipe_tables(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    out: dict[str, Path] = {}
    for style, css in STYLES.items():
        header = tmp / f"{style}.head.html"
        header.write_text(f"<style>{css}</style>\n" if css else "\n", encoding="utf-8")
        html = tmp / f"seed-{style}.html"
        subprocess.run(
            [
                pandoc,
                str(source),
                "-s",
                "--metadata",
                "title=Baricitinib",
                "-H",
                str(header),
                "-o",
                str(html),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        if style == "pandoc":
            out["html"] = html
        pdf = print_pdf(html, tmp / f"seed-{style}.pdf")
        out[f"pdf-{style}"] = pdf
    return out


def _facts(path: Path) -> dict[str, object]:
    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    rec = document_to_records(doc)

    def squash(text: str | None) -> str:  # `IFN- γ ,` (the guide's LaTeX) and `IFN-γ,` alike
        return re.sub(r"\s+", "", text or "")

    return {
        "tables": len(doc.tables),
        "studies": sorted(squash(r["model"]) for r in rec["studies"]),
        "study_refs": sorted(tuple(r["ref_numbers"]) for r in rec["studies"]),
        "outcomes": sorted((squash(r["measure"]), r["direction"]) for r in rec["outcomes"]),
        "potency": sorted((r["target"], r["qualifier"], r["value"], r["unit"]) for r in rec["potency"]),
        "references": [r["ref_number"] for r in rec["references"]],
        "titles": [squash(r["title"]) for r in rec["references"]],
    }


@pytest.fixture(scope="module")
def markdown_facts() -> dict[str, object]:
    facts = _facts(SEED)
    assert facts["tables"] == 4 and len(facts["studies"]) == 6 and len(facts["outcomes"]) == 16  # type: ignore[arg-type]
    return facts


def test_html_rendering_gives_the_markdown_facts(renderings, markdown_facts):
    facts = _facts(renderings["html"])
    assert facts == markdown_facts  # every study, outcome, potency row and reference title


@pytest.mark.parametrize("style", list(STYLES))
def test_pdf_rendering_gives_the_markdown_facts(renderings, markdown_facts, style):
    facts = _facts(renderings[f"pdf-{style}"])
    for key in ("tables", "studies", "study_refs", "outcomes", "potency", "references"):
        assert facts[key] == markdown_facts[key], (style, key)
    # Chromium kerns `STAT` as `ST` + `A` + `T` with overlapping boxes; every title is read whole.
    # The last item ends where the bullet item after the list starts (its bullet is no text).
    assert facts["titles"] == markdown_facts["titles"], style
