"""Property tests: long runs of spaces, digits, `#`, brackets and mixed scripts.

Every reader and the quantity, citation and heading parsers either give a result or raise a
documented `DocumentError`, and each case stays under a time bound (Hypothesis' deadline).
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractors.citations import find_citations
from extractors.document import make_doc_id
from extractors.errors import DocumentError
from extractors.quantities import find_durations, find_frequencies, find_quantities, parse_qualified_value
from extractors.readers import read_document
from extractors.readers.markdown import markdown_to_document

_PIECES = [
    " ",
    "1",
    "#",
    "[",
    "]",
    "(",
    ")",
    ",",
    ", ",
    "-",
    ".",
    "±",
    "mg",
    "mg/kg",
    "nM",
    " and ",
    "α",
    "中",
    "ع",
    "\t",
    "|",
    "*",
    "<",
    ">",
    "&",
    "\n",
    "\\[",
    "</a>",
    "days",
    "IC50",
]

# Runs of one piece (up to 3,000 times), concatenated: the shape that makes patterns backtrack.
runs = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.integers(min_value=1, max_value=3000)), min_size=1, max_size=6
).map(lambda parts: "".join(p * n for p, n in parts))

_FAST = settings(
    max_examples=25,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


@_FAST
@given(runs)
def test_quantity_parsers(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
    find_durations(text)
    find_frequencies(text)
    parse_qualified_value(text[:5000])


@_FAST
@given(runs)
def test_citation_parser(text: str) -> None:
    for c in find_citations(text):
        assert c.numbers and 0 <= c.start < c.end <= len(text)


@_FAST
@given(runs)
def test_markdown_headings_and_blocks(text: str) -> None:
    doc = markdown_to_document(
        text, doc_id="0" * 16, source_path="t.md", sha256="0" * 64, media_type="text/markdown"
    )
    assert all(b.text is not None for b in doc.blocks)


def _read(data: bytes, name: str) -> None:
    with contextlib.suppress(DocumentError):  # the documented way to refuse a document
        read_document(data, doc_id=make_doc_id(name), source_path=name)


@settings(
    max_examples=15,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(runs, st.sampled_from(["md", "txt", "html", "xml", "pdf"]))
@example(" ", "xml")  # a blank JATS title once raised IndexError (found by this test)
def test_readers(text: str, kind: str) -> None:
    if kind == "html":
        data = f"<!DOCTYPE html><html><head><title>{text}</title></head><body><h1>{text}</h1><p>{text}</p></body></html>"
    elif kind == "xml":
        esc = text.replace("&", "&amp;").replace("<", "&lt;")
        data = (
            f'<?xml version="1.0"?><article><front><article-meta><title-group><article-title>{esc}'
            f"</article-title></title-group></article-meta></front><body><p>{esc}</p></body></article>"
        )
    elif kind == "pdf":
        data = "%PDF-1.4\n" + text  # a broken PDF: refused, never a crash
    else:
        data = text
    _read(data.encode("utf-8"), f"t.{kind}")
