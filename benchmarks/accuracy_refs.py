"""PDF reference lists and titles against their twins (JATS, BMC XML, CERMINE XML): reference
count, reference title token F1, document title token F1."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from accuracy_corpus import CORPUS, Score, read
from accuracy_jats import xml_refs

from extractors.readers.jats_refs import ref_to_reference
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_text import element_to_text, local_name
from extractors.references import reference_to_record


def tokens(text: str | None) -> list[str]:
    """Gives the lower-case word tokens of a string."""
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def token_f1(predicted: str | None, truth: str | None) -> float:
    """Gives the token F1 of a predicted string against the true one."""
    p, t = Counter(tokens(predicted)), Counter(tokens(truth))
    common = sum((p & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def _twin_titles(rel: str) -> list[str]:
    """Gives the twin's reference titles, a reference's whole string where none is tagged."""
    return [title or raw for title, raw in _twin_refs(rel)]


def _twin_refs(rel: str) -> list[tuple[str, str]]:
    """Gives the twin's references as (tagged title or "", whole string)."""
    path = CORPUS / rel
    if rel.endswith((".nxml", ".xml")) and "cermine" not in rel:
        return [(r.fields.get("title") or "", r.raw) for r in read(rel).references]
    root = bytes_to_xml_root(path.read_bytes(), rel)
    return [
        (_cermine_title(r) or ref_to_reference(r, i, "").fields.get("title") or "", "")
        for i, r in enumerate(xml_refs(root), 1)
    ]


def _cermine_title(ref: Any) -> str:
    """Gives the longest `<article-title>` of a CERMINE ground-truth reference.

    CERMINE's expected output tags an author fragment as a second title in two references
    (`<article-title>Filippatos et al</article-title>` before the quoted title); the quoted
    title is the longer one.
    """
    titles = [element_to_text(t) for t in ref.iter() if local_name(t) == "article-title"]
    return max(titles, key=len, default="")


def score_pdf_twin(pdf_rel: str, twin_rel: str) -> list[Score]:
    """Gives reference count and mean title token F1 of a PDF against its XML twin."""
    name = Path(pdf_rel).name
    doc = read(pdf_rel)
    twin = _twin_refs(twin_rel)
    truth = [title or raw for title, raw in twin]
    scores = [
        Score(
            name,
            "PDF ref count exact",
            float(len(doc.references) == len(truth)),
            f"{len(doc.references)}/{len(truth)}",
        )
    ]
    f1s = []
    for i, title in enumerate(truth):
        if i < len(doc.references):
            rec = reference_to_record(doc.references[i])
            f1s.append(token_f1(rec["title"], title))
        else:
            f1s.append(0.0)
    if f1s:
        scores.append(Score(name, "PDF ref title F1", sum(f1s) / len(f1s)))
        # Where the twin tags no title (`<mixed-citation>` text alone: books, web pages), the
        # measure above compares a title with the whole citation; this one leaves those out.
        tagged = [f for f, (title, _) in zip(f1s, twin, strict=True) if title]
        if len(tagged) < len(f1s):
            scores.append(
                Score(
                    name,
                    "PDF ref title F1, tagged titles",
                    sum(tagged) / max(1, len(tagged)),
                    f"{len(f1s) - len(tagged)} of {len(f1s)} untagged",
                )
            )
        # The reader's own share: the true title's words found in the reference's raw string.
        within = [
            sum((Counter(tokens(t)) & Counter(tokens(doc.references[i].raw))).values())
            / max(1, len(tokens(t)))
            for i, t in enumerate(truth)
            if i < len(doc.references)
        ]
        scores.append(Score(name, "PDF ref title recall in raw", sum(within) / max(1, len(truth))))
    return scores


def score_cermine_title() -> list[Score]:
    """Gives the title token F1 of the CERMINE test-1 PDF against its metadata ground truth."""
    root = bytes_to_xml_root(
        (CORPUS / "pdf/cermine-test1_bmc-dvt-prophylaxis-trauma.metadata-gt.xml").read_bytes(), "gt"
    )
    title = next(element_to_text(t) for t in root.iter() if local_name(t) == "article-title")
    doc = read("pdf/cermine-test1_bmc-dvt-prophylaxis-trauma.pdf")
    return [Score("cermine-test1.pdf", "document title F1", token_f1(doc.title, title))]


PDF_TWINS = [
    ("pdf/PMC4632522_giant-panda-milk.pdf", "jats/PMC4632522_giant-panda-milk.nxml"),
    (
        "pdf/trials-16-2_drug-monitoring-adverse-events.pdf",
        "jats/trials-16-2_drug-monitoring-adverse-events.bmc.xml",
    ),
    (
        "pdf/cermine-test2_hindawi-heart-failure-programmes.pdf",
        "pdf/cermine-test2_hindawi-heart-failure-programmes.content-gt.xml",
    ),
]


PDF_GT_TWINS = [
    ("pdf-gt/twin_f1000research-3-190.pdf", "pdf-gt/twin_f1000research-3-190.xml"),
    ("pdf-gt/twin_f1000research-3-305.pdf", "pdf-gt/twin_f1000research-3-305.xml"),
    ("pdf-gt/twin_mdpi-metabolites-04-00932.pdf", "pdf-gt/twin_mdpi-metabolites-04-00932.xml"),
    ("pdf-gt/twin_pone-0115884.pdf", "pdf-gt/twin_pone-0115884.xml"),
    ("pdf-gt/cermine_test2.pdf", "pdf-gt/cermine_test2.content-gt.xml"),
]


def score_pdf_gt_titles() -> list[Score]:
    """Gives the document title token F1 of the pdf-gt PDFs whose truth states a title."""
    out = []
    for pdf, truth in [(p, t) for p, t in PDF_GT_TWINS if "cermine" not in p] + [
        ("pdf-gt/cermine_test1.pdf", "pdf-gt/cermine_test1.metadata-gt.xml"),
        ("pdf-gt/cermine_test2.pdf", "pdf-gt/cermine_test2.content-gt.xml"),
    ]:
        root = bytes_to_xml_root((CORPUS / truth).read_bytes(), truth)
        title = next(
            (
                element_to_text(t)
                for t in root.iter()
                if local_name(t) == "article-title"
                and not any(local_name(a) in ("ref", "ref-list") for a in t.iterancestors())
            ),
            "",
        )
        out.append(Score(Path(pdf).name, "document title F1", token_f1(read(pdf).title, title)))
    return out
