"""spaCy components of the litcurate pipeline, registered under versioned names.

Each component only wires a pure matching function (in `extractors.quantities`,
`extractors.citations`, `extractors.entities.abbreviations`) into spaCy: find, then set
annotations. Entities carry their normal form in `span._.norm`, their id in `span.kb_id_`
(and `span.id_`) and extra facts (value, unit, phosphorylation) in `span._.attrs`.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import ENT_TYPE, IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.citations import find_citations
from extractors.entities.abbreviations import find_abbreviations
from extractors.entities.context import ContextRules
from extractors.entities.vocab import lookup
from extractors.entities.vocab_cache import built_vocabulary
from extractors.quantities import find_durations, find_frequencies, find_quantities, find_routes
from extractors.scanning import may_hold

if not Span.has_extension("norm"):
    Span.set_extension("norm", default=None)
if not Span.has_extension("attrs"):
    Span.set_extension("attrs", default=None)
if not Doc.has_extension("abbreviations"):
    Doc.set_extension("abbreviations", default=None)

_POTENCY_WORD = re.compile(r"\b(p?IC50|IC₅₀|Ki|EC50|Kd|ED50|LD50|LC50|IC90)\b")


TEXT_KEY = "litcurate_text"


def doc_text(doc: Doc) -> str:
    """Gives the doc's text, joined from its tokens once (`doc.text` makes every Token each time).

    `annotate` sets it when it makes the Doc: a Doc's text is the text it was made from.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """Gives a span's text, sliced from its doc's text (`Span.text` makes a Token per word)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _set_ents(doc: Doc, spans: list[Span]) -> None:
    # Spans found earlier (by a more specific component) keep their place. Nothing new, nothing
    # to set: spaCy's ents are already disjoint, and setting them walks every token.
    if spans:
        doc.ents = filter_spans(list(doc.ents) + spans)


@Language.component("litcurate_citation_boundaries_v1")
def citation_boundaries(doc: Doc) -> Doc:
    """Keeps a citation marker with the sentence it closes: `immunity.[1] By` splits after [1]."""
    text = doc_text(doc)
    for cite in find_citations(text):
        span = doc.char_span(cite.start, cite.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            if tok.i > 0:
                tok.is_sent_start = False
        if span.end < len(doc):
            nxt = doc[span.end]
            prev = text[: cite.start].rstrip()
            nxt.is_sent_start = prev.endswith((".", "!", "?")) and (
                nxt.is_title or nxt.is_upper or not nxt.is_alpha
            )
    return doc


def quantity_spans(doc: Doc) -> list[Span]:
    """Gives DOSE, CONCENTRATION, POTENCY, ROUTE, FREQUENCY and DURATION spans of the doc."""
    text = doc_text(doc)
    spans: list[Span] = []
    for q in find_quantities(text):
        label = {"DOSE": "DOSE", "CONCENTRATION": "CONCENTRATION"}.get(q.kind)
        start = q.start
        if label in ("CONCENTRATION", "DOSE"):
            # `IC50 = 5.9 nM`, `IC50 of 53 nmol/L`: the measure joins the value.
            head = text[max(0, q.start - 24) : q.start]
            words = list(_POTENCY_WORD.finditer(head))
            m = words[-1] if words else None
            if m and re.fullmatch(r"\s*(?:values?\s*)?(?:of|=|:|was|were|is|<|>|~|≈)?\s*", head[m.end() :]):
                label, start = "POTENCY", q.start - len(head) + m.start()
        if label is None:
            continue
        span = _span(doc, start, q.end, label)
        if span is None:
            continue
        canon = q.canonical_unit or q.unit
        values = q.canonical_values or q.values
        span._.norm = "–".join(f"{v:g}" for v in values) + f" {canon}"
        span._.attrs = {
            "values": list(q.values),
            "unit": q.unit,
            "qualifier": q.qualifier,
            "canonical_unit": canon,
            "canonical_values": list(values),
            "is_range": q.is_range,
        }
        if q.substance:
            span._.attrs["substance"] = q.substance
        if q.sd is not None:
            span._.attrs["sd"] = q.sd
        spans.append(span)
    for finder, label in (
        (find_routes, "ROUTE"),
        (find_frequencies, "FREQUENCY"),
        (find_durations, "DURATION"),
    ):
        for mention in finder(text):
            span = _span(doc, mention.start, mention.end, label)
            if span is None:
                continue
            span._.norm = mention.norm
            if mention.value is not None:
                span._.attrs = {"value": mention.value, "unit": mention.unit}
            spans.append(span)
    return spans


@Language.component("litcurate_quantities_v1")
def quantities_component(doc: Doc) -> Doc:
    """Tags doses, concentrations, potencies, routes, frequencies and durations."""
    _set_ents(doc, quantity_spans(doc))
    return doc


_INDUCED = re.compile(
    r"\b(?P<agent>[A-Z0-9][\w]*(?:[- ][A-Z0-9]\w*)?)-induced\s+(?P<what>[A-Z]{2,6}\b|[a-z]+(?:\s+[a-z]+)?)"
)


def _names_a_disease(what: str) -> bool:
    # `MC903-induced AD`, `PTZ-induced seizures`: an abbreviation, or a word or two naming a
    # disease or a model; not `PBDE-induced reduction in` or `LPS-induced expression`.
    if re.fullmatch(r"[A-Z]{2,6}", what):
        return True
    words = what.split()
    return any(
        (e := lookup(" ".join(words[:n]))) is not None and e.label in ("DISEASE", "ANIMAL_MODEL")
        for n in range(len(words), 0, -1)
    )


@Language.component("litcurate_induced_models_v1")
def induced_models(doc: Doc) -> Doc:
    """Tags induced disease models written as `<agent>-induced <disease>` (`MC903-induced AD`)."""
    spans = []
    for m in _INDUCED.finditer(doc_text(doc)):
        if not _names_a_disease(m.group("what")):
            continue
        span = _span(doc, m.start(), m.end(), "ANIMAL_MODEL")
        if span is None:
            continue
        entry = lookup(m.group(0), "ANIMAL_MODEL")
        if entry:  # the id first: span extensions are keyed by label and id
            span = Span(doc, span.start, span.end, label="ANIMAL_MODEL", kb_id=entry.id)
        span._.norm = entry.norm if entry else m.group(0)
        span._.attrs = {"inducer": m.group("agent")}
        spans.append(span)
    _set_ents(doc, spans)
    return doc


_LAST_RESOLVED: tuple[dict[str, str], dict[str, Any]] | None = None


def _resolved(abbrevs: dict[str, str]) -> dict[str, Any]:
    """Gives the short forms whose long form the vocabulary knows, with its entry.

    Every Doc of a document shares its abbreviations dict: resolved once, not per block and cell.
    """
    global _LAST_RESOLVED
    last = _LAST_RESOLVED
    if last is not None and last[0] is abbrevs:
        return last[1]
    resolved: dict[str, Any] = {}
    for short, long in abbrevs.items():
        entry = lookup(long) or lookup(long.replace("-", " "))
        if entry is not None:
            resolved[short] = entry
    _LAST_RESOLVED = (abbrevs, resolved)  # holds the dict, so its identity is not reused
    return resolved


@Language.component("litcurate_abbreviations_v1")
def abbreviations_component(doc: Doc) -> Doc:
    """Gives short forms defined in the document the label and id of their long form.

    The definitions are set on `doc._.abbreviations` (document-wide, found before the
    pipeline runs); without them, the definitions in this text alone are used.
    """
    abbrevs: dict[str, str] = doc._.abbreviations or find_abbreviations(doc_text(doc))
    if not abbrevs:
        return doc
    resolved = _resolved(abbrevs)
    text = doc_text(doc)
    # An entity's text is a short form only where the doc's text holds one (most texts do not).
    for ent in doc.ents if any(short in text for short in abbrevs) else ():
        # a short form the vocabulary knew: record where it is defined
        defined = abbrevs.get(span_text(ent))
        if defined and (ent._.attrs or {}).get("long_form") is None:
            _with_attrs(ent, long_form=defined)
    spans = []
    # A token that is a short form (or its plural) starts where the text holds one: most texts
    # hold none, and the others are looked at only at those tokens. Tokens are read as (start,
    # length, entity type) rows and sliced: no Token objects.
    present = [short for short in resolved if short in text]
    for i, (start, length, ent_type) in _tokens_starting(doc, text, present) if present else ():
        word = text[start : start + length]
        entry = resolved.get(word) or resolved.get(word.rstrip("s"))
        if entry is None or ent_type:
            continue
        span = Span(doc, i, i + 1, label=entry.label, kb_id=entry.id)
        span._.norm = entry.norm
        span._.attrs = {"long_form": abbrevs.get(word) or abbrevs.get(word.rstrip("s"))}
        spans.append(span)
    _set_ents(doc, spans)
    return doc


def _tokens_starting(doc: Doc, text: str, needles: list[str]) -> list[tuple[int, list[int]]]:
    """Gives (index, [start, length, entity type]) of the tokens, in order, that start where
    one of the needles occurs in the doc's text (occurrences overlapping included)."""
    at: set[int] = set()
    for needle in needles:
        i = text.find(needle)
        while i != -1:
            at.add(i)
            i = text.find(needle, i + 1)
    rows = doc.to_array([IDX, LENGTH, ENT_TYPE])
    firsts = rows[:, 0]
    positions = sorted(at)
    found = numpy.searchsorted(firsts, positions).tolist()
    hits = sorted({j for j, p in zip(found, positions, strict=True) if j < len(firsts) and firsts[j] == p})
    return [(j, rows[j].tolist()) for j in hits]


_PHOSPHO_BEFORE = re.compile(r"(?:^|[\s(/\[])(?:phospho-?|p-|phosphorylated\s+)$", re.I)
_PHOSPHO_AFTER = re.compile(r"^\s*(?:\(?p?(?:Tyr|Ser|Thr|Y|S|T)\d+\)?\s*)?phosphorylation", re.I)
_P_PREFIXED = re.compile(r"^p-?([A-Z][A-Za-z0-9]*\d[A-Za-z0-9]*)$")
_P_ANYWHERE = re.compile(r"p-?[A-Z]")  # in every text holding a token _P_PREFIXED matches


def _with_attrs(ent: Span, **attrs: Any) -> None:
    merged = dict(ent._.attrs or {})
    merged.update(attrs)
    ent._.attrs = merged


@Language.component("litcurate_phospho_v1")
def phospho_component(doc: Doc) -> Doc:
    """Tags phospho forms of proteins (`pSTAT3`) and marks phosphorylation as an attribute.

    `phospho-STAT3`, `p-STAT3`, `pSTAT3`, `phosphorylated STAT3` and `STAT3 phosphorylation`
    all name STAT3 (its HGNC id), with `phosphorylated: true` in the attributes.
    """
    spans = []
    text = doc_text(doc)
    for tok in doc if _P_ANYWHERE.search(text) else ():  # most texts hold no `pSTAT3`
        m = _P_PREFIXED.match(tok.text)
        if tok.ent_type_ or not m:
            continue
        entry = lookup(m.group(1))
        if entry is not None and entry.label in ("PROTEIN", "KINASE"):
            span = Span(doc, tok.i, tok.i + 1, label=entry.label, kb_id=entry.id)
            spans.append(span)
    _set_ents(doc, spans)
    # Each mark needs `p` before a capital, or `phospho` or `p-` in any case, in the text.
    marked = _P_ANYWHERE.search(text) or may_hold(text, ("phospho", "p-"))
    for ent in doc.ents if marked else ():
        if ent.label_ not in ("PROTEIN", "KINASE"):
            continue
        before = text[max(0, ent.start_char - 16) : ent.start_char]
        after = text[ent.end_char : ent.end_char + 30]
        if _P_PREFIXED.match(ent.text) or _PHOSPHO_BEFORE.search(before) or _PHOSPHO_AFTER.match(after):
            _with_attrs(ent, phosphorylated=True)
    return doc


@Language.component("litcurate_families_v1")
def families_component(doc: Doc) -> Doc:
    """States family mentions as such: `IFN-α` is the IFNA family, with its HGNC members."""
    from extractors.entities.vocab import entries_by_id

    for ent in doc.ents:
        entry = entries_by_id().get(ent.kb_id_) if ent.kb_id_.startswith("FPLX:") else None
        if entry is not None:
            members = [m.split(" ")[0] for m in entry.extra.get("members", "").split("|") if m]
            _with_attrs(ent, family=entry.norm, members=members)
    return doc


class VocabularyTagger:
    """Tags vocabulary forms with their label and public id, from the built token tables.

    One instance matches by exact case (symbols: `TNF`, `JAK1`), another in any case
    (names: `baricitinib`). Spans found by earlier components keep their place.
    """

    def __init__(self, nlp: Language, case_sensitive: bool) -> None:
        built = built_vocabulary()
        self.table = built.exact if case_sensitive else built.lower
        self.context = ContextRules.from_entries(built.entries)

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=label, kb_id=eid) for label, eid, start, end in self.table.find(doc)
        ]
        # Gases, solvents and foods are drugs only as a treatment; `MES` a model only near one.
        spans = [s for s in spans if self.context.keeps(s)]
        if not spans:
            return doc
        existing = list(doc.ents)
        taken = {i for e in existing for i in range(e.start, e.end)}
        free = [s for s in filter_spans(spans) if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = sorted(existing + free, key=lambda s: s.start)
        return doc


@Language.factory("litcurate_vocabulary_v1", default_config={"case_sensitive": False})
def make_vocabulary_tagger(nlp: Language, name: str, case_sensitive: bool) -> VocabularyTagger:
    """Gives a vocabulary tagger over the shipped vocabularies."""
    return VocabularyTagger(nlp, case_sensitive)
