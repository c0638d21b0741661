"""What a record's provenance points at in its source, ready to show beside the record.

Text formats give character offsets into the decoded source file: the lines around the span,
with the span itself marked. HTML/XML give an element path: that element's text, with the
record's words marked. PDF gives a page and a box: a picture of that page region. Only files
under the curated and raw folders are ever read.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from litcurate.review import SourceAccessError

CONTEXT_CHARS = 400


@dataclass(frozen=True, slots=True)
class Evidence:
    """The source context of a record: text before, the marked span, text after; or a PDF page box."""

    kind: str  # text | element | pdf | none
    before: str = ""
    span: str = ""
    after: str = ""
    where: str = ""
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    message: str = ""


def safe_source_path(source_path: str, roots: list[Path], *, base: Path | None = None) -> Path:
    """Gives the source file's real path, or raises SourceAccessError if it is outside the roots."""
    real_roots = [r.resolve() for r in roots]
    raw = Path(source_path)
    candidates = [raw] if raw.is_absolute() else [Path.cwd() / raw, *([base / raw] if base else [])]
    for candidate in candidates:
        real = candidate.resolve()
        if not any(real.is_relative_to(root) for root in real_roots):
            continue
        if real.is_file():
            return real
    raise SourceAccessError(f"{source_path}: not found under the curated or raw folders")


@lru_cache(maxsize=32)
def _decoded(path: Path, mtime_ns: int) -> str:
    from extractors.detect import decode_text

    return decode_text(path.read_bytes(), path)


def decoded_text(path: Path) -> str:
    """Gives a text source decoded the way the readers decode it (cached per file version)."""
    return _decoded(path, path.stat().st_mtime_ns)


def text_evidence(text: str, prov: dict[str, Any]) -> Evidence:
    """Gives the lines around characters start:end of the decoded text, the span marked."""
    start, end = prov.get("start"), prov.get("end")
    if start is None or end is None:
        line = prov.get("line")
        lines = text.splitlines()
        if line and 1 <= line <= len(lines):
            return Evidence("text", span=lines[line - 1], where=f"line {line}")
        return Evidence("none", message="no position recorded for this record")
    start, end = max(0, int(start)), min(len(text), int(end))
    lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start))) + 1  # the line before, too
    lo = max(lo, start - CONTEXT_CHARS)
    hi_line = text.find("\n", end)
    hi = len(text) if hi_line < 0 else hi_line
    hi = min(hi, end + CONTEXT_CHARS)
    return Evidence(
        "text",
        text[lo:start],
        text[start:end],
        text[end:hi],
        where=f"line {prov.get('line', '?')}, characters {start}–{end}",
    )


def _element_at(root: Any, path: str) -> Any | None:
    from extractors.readers.xml_text import local_name

    el = root
    steps = [s for s in path.split("/") if s]
    if steps and local_name(root) == steps[0].split("[")[0]:
        steps = steps[1:]
    for step in steps:
        name, _, idx = step.partition("[")
        n = int(idx.rstrip("]")) if idx else 1
        kids = [k for k in el if isinstance(k.tag, str) and local_name(k) == name]
        if len(kids) < n:
            return None
        el = kids[n - 1]
    return el


def evidence_needles(extracted: dict[str, Any], highlight: tuple[str, ...]) -> list[str]:
    """Gives the texts to mark in a record's evidence, best first: its highlighted fields
    as extracted, then the sentences its fields were read from (`field_provenance`, label and
    role first). A cohort labelled "Group 2" from "groups 2, 3, and 4 received ..." has no
    field in the source word for word; its sentence is."""
    needles = [str(extracted[k]) for k in highlight if extracted.get(k)]
    try:
        sentences = json.loads(extracted.get("field_provenance") or "{}")
    except (TypeError, ValueError):
        sentences = {}
    if isinstance(sentences, dict):
        first = [k for k in ("label", "role", "compound", "n") if k in sentences]
        for key in [*first, *sorted(set(sentences) - set(first))]:
            text = " ".join(sentences[key].split()) if isinstance(sentences[key], str) else ""
            if text and text not in needles:
                needles.append(text)
    return needles


def element_evidence(data: bytes, media_type: str, prov: dict[str, Any], needles: list[str]) -> Evidence:
    """Gives the text of the element the path names, the first of the record's words marked."""
    from lxml import html

    try:
        if "html" in media_type:
            root = html.fromstring(data)
        else:
            from extractors.readers.safe_xml import bytes_to_xml_root

            root = bytes_to_xml_root(data, "source")
    except Exception as exc:  # noqa: BLE001 - a broken source is shown as a message, not raised
        return Evidence("none", message=f"cannot parse the source: {exc}")
    el = _element_at(root, prov["path"])
    if el is None:
        return Evidence("none", message=f"element {prov['path']} not found in the source")
    text = " ".join("".join(el.itertext()).split())
    for needle in needles:
        i = text.find(needle) if needle else -1
        if i >= 0:
            return Evidence("element", text[:i], needle, text[i + len(needle) :], where=prov["path"])
    return Evidence("element", text, where=prov["path"])


def record_evidence(
    doc: dict[str, Any] | None,
    provenance: str | None,
    needles: list[str],
    roots: list[Path],
    base: Path | None = None,
) -> Evidence:
    """Gives the evidence of a record from its document row and provenance JSON; never raises."""
    try:
        prov = json.loads(provenance or "{}")
    except ValueError:
        return Evidence("none", message="provenance is not JSON")
    if doc is None:
        return Evidence("none", message="the document is not in the curated dataset")
    if prov.get("page") is not None:
        bbox = tuple(prov["bbox"]) if prov.get("bbox") else None
        return Evidence("pdf", page=int(prov["page"]), bbox=bbox, where=f"page {prov['page']}")  # type: ignore[arg-type]
    try:
        path = safe_source_path(doc["source_path"], roots, base=base)
        if prov.get("path"):
            return element_evidence(path.read_bytes(), doc.get("media_type") or "", prov, needles)
        return text_evidence(decoded_text(path), prov)
    except (SourceAccessError, OSError, ValueError) as exc:
        return Evidence("none", message=str(exc))


MAX_SIDE_PX = 3000
MAX_PIXELS = 6_000_000


def render_scale(width_pt: float, height_pt: float) -> float:
    """Gives the render scale of a page: 2x, less when the page would pass MAX_SIDE_PX on a
    side or MAX_PIXELS in all. A 14,400 pt page at 2x took 6.7 GB and 21.8 s."""
    w, h = max(width_pt, 1.0), max(height_pt, 1.0)
    # 0.99: pdfium rounds the pixel size up.
    return 0.99 * min(2.0 / 0.99, MAX_SIDE_PX / max(w, h), (MAX_PIXELS / (w * h)) ** 0.5)


def pdf_region_png(path: Path, page: int, bbox: tuple[float, float, float, float] | None) -> bytes:
    """Gives a PNG of a PDF page region around the box (the box outlined), or the whole page."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise SourceAccessError(f"{path.name} has no page {page}")
        width, height = pdf[page - 1].get_size()
        scale = render_scale(width, height)
        image = pdf[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    if bbox:
        x0, top, x1, bottom = (v * scale for v in bbox)
        ImageDraw.Draw(image).rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=(220, 40, 40), width=3)
        margin = 80 * scale
        image = image.crop((0, max(0, top - margin), image.width, min(image.height, bottom + margin)))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
