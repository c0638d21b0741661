"""A group's compound and dosing from its own words: compound, dose (value, unit, mg/kg), route,
frequency, duration and timing; what the words leave out stays out.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.annotate import AnnotatedDocument
from extractors.primary.roles import is_inducer
from extractors.primary.text import Sentence
from extractors.quantities import find_durations, find_frequencies, find_quantities, find_routes
from extractors.spans import ents_of, norm_of

VEHICLE = re.compile(
    r"\b(?:vehicle|saline|placebo|distilled\s+water|carboxymethyl|cmc|dmso|solvent|normal\s+saline|untreated|no\s+treatment|without\s+treatment|(?:an\s+)?(?:equal|same)\s+volume)\b",
    re.I,
)
_DOSE_OF = re.compile(
    r"(?:mg|µg|μg|IU|U|mL|ml|g)\s*/\s*\w+(?:\s+(?:of\s+)?body\s+weight)?\s+of\s+(?P<c>[a-z][\w-]{2,})\b"
)


def dose_fields(
    annotated: AnnotatedDocument, sent: Sentence, text: str, inducers: set[str] | None = None
) -> dict[str, Any]:
    """Gives compound and dosing fields of one group's words (entities of the sentence it is in).

    The compound that induces the model (`inducers`) is not the group's compound: `X plus Y`
    with X the inducer gives Y; words naming the inducer alone give no compound and no dose
    (the dose is the induction's).
    """
    inducers = inducers or set()
    out: dict[str, Any] = {}
    drugs = [e for e in ents_of(sent.span.doc, "DRUG") if e.text in text and not VEHICLE.fullmatch(e.text)]
    drugs = [
        e
        for e in drugs
        if not re.fullmatch(r"[A-Z]{2,6}", e.text) or e._.attrs or e.text.lower() in text.lower()
    ]

    def long_of(e: Any) -> str | None:
        return (e._.attrs or {}).get("long_form") if e._.attrs else None

    tested = [e for e in drugs if not is_inducer(e.text, inducers) and not is_inducer(long_of(e), inducers)]
    if tested:
        out["compound"], out["compound_id"] = (long_of(tested[0]) or tested[0].text), norm_of(tested[0])[1]
    elif not drugs:
        # A short form the paper defined (`MET (25 mg/kg)`), tagged under another label.
        for m in re.finditer(r"\b([A-Z][A-Za-z]{1,6})\b(?=\s*\(?\s*\d)", text):
            long_form = annotated.abbreviations.get(m.group(1))
            if long_form and not is_inducer(long_form, inducers) and not is_inducer(m.group(1), inducers):
                out["compound"], out["compound_id"] = long_form, None
                break
        # A compound no vocabulary tags, named after its dose (`5 IU/kg body weight of X`).
        m2 = _DOSE_OF.search(text)
        if "compound" not in out and m2 and not VEHICLE.fullmatch(m2.group("c")):
            out["compound"], out["compound_id"] = m2.group("c"), None
    if drugs and not tested:
        return out
    doses = [q for q in find_quantities(text) if q.kind == "DOSE" and "/" in q.unit]
    at = text.lower().find(str(out.get("compound", "")).lower()) if out.get("compound") else -1
    # The compound's own dose: the first one printed after its name (`X (60 mg/kg) + Y (100 mg/kg)`).
    doses = [q for q in doses if q.start >= at] or doses
    if doses:
        q = doses[0]
        out["dose_value"], out["dose_unit"] = q.value, q.unit
        if q.canonical_unit == "mg/kg" and q.canonical_values:
            out["dose_mg_per_kg"] = q.canonical_values[0]
    routes = find_routes(text)
    if routes:
        out["route"] = routes[0].norm
    freqs = find_frequencies(text)
    if freqs:
        out["frequency"] = freqs[0].norm
    after = text.lower().find(str(out.get("compound", "")).lower()) if out.get("compound") else 0
    durs = [d for d in find_durations(text) if re.search(r"\bfor\s+$", text[: d.start][-5:])]
    durs = [d for d in durs if d.start >= after] or durs
    if durs:
        out["duration_value"], out["duration_unit"] = durs[0].value, durs[0].unit
    t = re.search(
        r"\b(?:at\s+the\s+onset\s+of\s+\w+|\d+\s*(?:h|min|hours?|minutes?|days?)\s+(?:before|after)\s+[\w-]+(?:\s+[\w-]+)?|(?:before|after|prior\s+to)\s+(?:the\s+)?(?:induction|surgery|occlusion|reperfusion|injury|ischemia|challenge))",
        text,
        re.I,
    )
    if t:
        out["timing"] = t.group(0)
    return out
