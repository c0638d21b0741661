"""The version of every extractor, and of the whole: what makes a document stale.

Kept apart from the extractors so deciding what is stale costs no import of spaCy, pdfplumber
or pandas. Bump a component's version whenever its output for the same input can change.
"""

from __future__ import annotations

import hashlib
import json

VERSIONS = {
    "readers": "readers.v9",  # v9: a PDF page is read for tables when a line opens with a caption, not for a mention of one in its prose; v8: PDF pages without a usable text layer read by OCR (Tesseract); PDF column gutters found from the clear strip between a line's pieces (not a 12 pt gap), kept across pages; justified lines' stretched pieces joined; a taller heading under a block of columns read after all of them; a comma's low glyph box no longer repeats a letter; PDF tables: a section head on the body's first line or centred across the columns of figures is a row of its own, rows whose cells all wrap are joined, a heading over a spanner rule goes in its first column, a stub header spanning the header levels heads its top row; v7: a PDF line's font size is its largest of the first glyphs (small-capital titles over lines); PDF lines grouped before ordering (glyph-placed Chromium text), two-column label|value and dot-leader tables without rules, section heads and wrapped labels in stream and three-rule tables; reference labels at the page foot, one missing label, the last item ended where continuation lines stop, hanging-indent and spaced author-year items; v6: full lattice grids trusted (wrapped header cells, shaded rows split at column rules); PDF words drawn inside a line put in place, italic letters not doubled, reference numbers hanging in the margin, author-year lists in two columns with link labels, the list ended by a larger heading; v5: PDF tables found without captions (rules, aligned rows), split across pages, `mean ±` over two lines; HTML reference lists in any list markup; v4: JSON data refused; v2: JATS table parts, appendices, sub-articles; PDF columns; plain-text reference headings; v3: PDF titles of several lines
    "tables": "tables.v1",
    "references": "references.v5",  # v5: a larger heading with space above ends an author-year list; a range broken after its dash joined whole; v4: one-word author names, titles ending after a quote or acronym (never an initial), surnames of three words at most; v3: `Authors: Title` (F1000), `Surname, I.; ...` author lists (MDPI/ACS), titles ending on `?`; v2: IEEE quoted titles, string parse under structured fields
    "citations": "citations.v2",  # v2: citations in any table cell
    "quantities": "quantities.v2",  # v2: unit grammar with denominators, durations in any unit
    "outcomes": "outcomes.v2",  # v2: hedged outcomes
    "studies": "studies.v3",  # v3: continuation rows, protocol sentences
    "potency": "potency.v1",
    "primary": "primary.v3",  # cohorts, outcome_data, risk_of_bias of primary in-vivo papers; v3: the model's inducer is not a group's compound and sets roles (sham, drug_only), groups from figure legends and the dosing sentence, results values named by dose or as a control, strain between sex and species; v2: outcome names/units/timepoints from table headers, greater_is_worse vocabulary, bracketed-group results with experiments
    "entities": "entities.v4",  # v3: exclusions, FamPlex first, gene case variants; v4: MeSH+ChEBI drug names, treatment-context gases/foods, induced models
}


def extractor_version() -> str:
    """Gives the version of the whole extractor: a digest of every component's version."""
    blob = json.dumps(VERSIONS, sort_keys=True).encode()
    return "x" + hashlib.sha256(blob).hexdigest()[:12]
