"""PDF pages that look like they hold tables -> Tables, with pdfplumber's words and rules.

pdfplumber costs 200-700 ms a page, so only pages whose cheap text mentions a table (or
documents of a few pages, where it costs little) pay for it. Ruled tables come from the
line-based strategy, unless its cells hold words a column gap apart (shaded rows taken for
cell borders: every other row comes out as one cell); those, and pages without rules, are read
as stream tables from the words' whitespace (pdf_stream), kept only when they look like a grid
of short cells rather than a page of prose. A table that runs off the bottom of a page and
resumes at the top of the next with the same width is one table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from extractors.document import Cell, Provenance, Table
from extractors.readers.pdf_hyphens import join_lines, lines_to_vocabulary
from extractors.readers.pdf_lattice import grid_split_rows, rules_miss_columns, rules_miss_rows, slivers
from extractors.readers.pdf_pairs import words_to_pair_table
from extractors.readers.pdf_rules import page_to_ruled_tables
from extractors.readers.pdf_stream import CAPTION, words_to_stream_table
from extractors.readers.xml_text import clean_text

_TABLE_WORD = re.compile(r"\bTable[:.]?\s*[A-Z]?\d+", re.I)
_LEADER = re.compile(r"[.\u2026·]{2,}|\.")  # dot leaders between a row's label and its figures
_DOTS = re.compile(r"(?:\.\s?){6,}")  # a dot leader in a text line
_FIGURES = re.compile(r"(?<!\S)[-+–(<>]?\d[\d.,]*%?\)?(?!\S)")
_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass(slots=True)
class PageTable:
    """A table found on one page: its rows of cell text, box and caption line."""

    page: int
    bbox: tuple[float, float, float, float]
    rows: list[list[str | None]]  # a reader's rows of str only are cast (lists are invariant)
    caption: str
    page_height: float
    n_header: int = 1
    open_end: bool = False


def page_rules(page: Any) -> list[tuple[float, float, float]]:
    """Gives (x0, x1, y) of the thin horizontal paths of a pypdfium2 page, bottom-up y: a
    look at the drawing objects costs about a millisecond a page, pdfplumber's far more."""
    import pypdfium2.raw as pdfium_c

    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        x0, y0, x1, y1 = obj.get_bounds()
        if y1 - y0 <= 3 and x1 - x0 > 15:
            out.append((x0, x1, (y0 + y1) / 2))
    return out


def _has_rule_pair(
    rules: list[tuple[float, float, float]], height: float, lines: list[Any] | None = None
) -> bool:
    # Two rules of one extent in the page's body (not the running head's or foot's rule) with
    # a text line between them inside their width: a table's top and header or end rules.
    body = [r for r in rules if 0.06 * height < r[2] < 0.94 * height]
    for i, a in enumerate(body):
        for b in body[i + 1 :]:
            if abs(a[0] - b[0]) > 4 or abs(a[1] - b[1]) > 4 or not 6 < abs(a[2] - b[2]) < 0.6 * height:
                continue  # a pair further apart frames the page's text (head and foot rules)
            if lines is None:
                return True
            lo, hi = height - max(a[2], b[2]), height - min(a[2], b[2])  # top-down
            inside = [
                ln
                for ln in lines
                if lo < ln.top and ln.bottom < hi and ln.x0 >= a[0] - 4 and ln.x1 <= a[1] + 4
            ]
            # Text across the rules' width, as a table's header or rows run (a plot's gridlines
            # hold only an axis label or two).
            if sum(ln.x1 - ln.x0 for ln in inside) >= 0.3 * (a[1] - a[0]):
                return True
    return False


def _has_aligned_rows(lines: list[Any]) -> bool:
    # Four text rows that each hold three or more separate runs of text starting at the same
    # three x positions or more: columns of a table (justified prose in two columns shares two).
    by_row: dict[int, list[Any]] = {}
    for ln in lines:
        by_row.setdefault(round(ln.bottom / 2), []).append(ln)

    # Or four lines mostly of figures, three or more (a monospaced table's rows).
    def figures(text: str) -> bool:
        n = len(_FIGURES.findall(text))
        return n >= 3 and n >= 0.4 * len(text.split())

    if sum(1 for ln in lines if figures(ln.text)) >= 4:
        return True
    rows = [r for r in by_row.values() if len(r) >= 3]
    if len(rows) < 4:
        return False
    starts = Counter(x for r in rows for x in {round(ln.x0 / 3) for ln in r})
    return sum(1 for n in starts.values() if n >= 4) >= 3


def _has_aligned_pairs(lines: list[Any]) -> bool:
    # Or four text rows of two short runs of text each (a label and a value, not two columns
    # of prose), the left runs starting at one x and the right ones aligned at one edge; or
    # four lines led by dots to their figure. A row is the lines whose middles lie within
    # half a line of each other (a value without descenders sits higher than its label).
    if sum(1 for ln in lines if _DOTS.search(ln.text)) >= 4:
        return True
    rows: list[list[Any]] = []
    for ln in sorted(lines, key=lambda ln: ln.top + ln.bottom):
        middle = (ln.top + ln.bottom) / 2
        if rows and abs(middle - (rows[-1][0].top + rows[-1][0].bottom) / 2) < 0.5 * ln.height:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    pairs = [
        sorted(r, key=lambda ln: ln.x0) for r in rows if len(r) == 2 and all(len(ln.text) < 40 for ln in r)
    ]
    if len(pairs) < 4:
        return False

    def shared(edges: list[float]) -> bool:
        return Counter(round(x / 3) for x in edges).most_common(1)[0][1] >= 4

    return shared([a.x0 for a, _ in pairs]) and (
        shared([b.x0 for _, b in pairs]) or shared([b.x1 for _, b in pairs])
    )


def pages_worth_reading(
    page_texts: list[str],
    rules: list[list[tuple[float, float, float]]] | None = None,
    lines: list[list[Any]] | None = None,
    height: float = 792.0,
) -> list[int]:
    """Gives the 0-based indexes of pages on which pdfplumber should look for tables: a page
    with a line that opens with a table's caption (any mention of one, without `lines`), that
    draws two rules of one width, or sets text in aligned columns.

    A page that only mentions a table in its prose (`as Table 2 shows`) is not read: of the
    93 corpus pages read before, the 14 that only did so gave no table, at ~0.2 s of
    pdfplumber each.
    """
    if len(page_texts) <= 3:
        return list(range(len(page_texts)))
    out = []
    for i, t in enumerate(page_texts):
        if (
            (any(CAPTION.match(ln.text) for ln in lines[i]) if lines else _TABLE_WORD.search(t))
            or (rules and _has_rule_pair(rules[i], height, lines[i] if lines else None))
            or (lines and (_has_aligned_rows(lines[i]) or _has_aligned_pairs(lines[i])))
        ):
            out.append(i)
    return out


def _looks_like_grid(rows: Sequence[Sequence[str | None]]) -> bool:
    cells = [c for r in rows for c in r]
    if len(rows) < 3 or max((len(r) for r in rows), default=0) < 2 or not cells:
        return False
    filled = [c for c in cells if c and c.strip()]
    mean_len = sum(len(c) for c in filled) / max(1, len(filled))
    prose = sum(1 for c in filled if len(c) > 60)
    return len(filled) / len(cells) >= 0.45 and mean_len < 25 and prose <= len(filled) * 0.05


def _caption_above(page: Any, bbox: tuple[float, float, float, float]) -> str:
    # Up to just above the box: a raised `(1)` of the first header row is not caption text.
    above = page.crop((0, max(0, bbox[1] - 80), page.width, max(0, bbox[1] - 1)), strict=False)
    lines = [ln for ln in (above.extract_text() or "").split("\n") if ln.strip()]
    for i, ln in enumerate(lines):
        if CAPTION.match(ln):
            return clean_text(" ".join(lines[i:]))
    return ""


def _stream_table(
    page: Any,
    page_number: int,
    bbox: tuple[float, float, float, float] | None,
    words: list[dict[str, Any]] | None = None,
) -> PageTable | None:
    if words is None:
        region = page.crop(bbox, strict=False) if bbox else page
        words = region.extract_words()
    words = [w for w in words if not _LEADER.fullmatch(w["text"])]
    found = words_to_stream_table(words)
    if (
        found is None
        or not _looks_like_grid(found.rows)
        or (found.bbox[3] - found.bbox[1]) > page.height * 0.9
    ):
        # Two columns only: a table when its rows bear the marks of one (pdf_pairs).
        found = words_to_pair_table(words)
        if found is None or not _looks_like_grid(found.rows):
            return None
    return PageTable(
        page_number,
        found.bbox,
        cast("list[list[str | None]]", found.rows),
        _caption_above(page, found.bbox),
        page.height,
        max(1, found.n_header),
    )


def page_to_tables(page: Any, page_number: int) -> list[PageTable]:
    """Gives the tables on a page: ruled ones as their rules say, else read from whitespace."""
    ruled = [t for t in page.find_tables(_LINES) if len(t.rows) >= 2]
    if any(slivers(t) for t in ruled):
        # Borders drawn as pairs of close lines (or outlined) make sliver columns: snap them.
        ruled = [
            t
            for t in page.find_tables({**_LINES, "snap_tolerance": 6, "join_tolerance": 6})
            if len(t.rows) >= 2
        ]
    words = page.extract_words()
    out = []
    extracted = {id(t): t.extract() for t in ruled}
    # A grid whose body is one tall cell per column (column rules, no row rules) is read
    # between its horizontal rules instead, where text lines make the rows.
    ruled = [t for t in ruled if not rules_miss_rows(extracted[id(t)])]
    for t in ruled:
        rows = extracted[id(t)]
        if rules_miss_columns(words, t):
            # Shaded rows under a ruled header: the grid's columns split them; rules that
            # frame the table without column rules leave the whitespace to say where.
            rows = grid_split_rows(words, t)
            if not rows:
                stream = _stream_table(page, page_number, t.bbox)
                if stream is not None:
                    out.append(stream)
                continue
        vocabulary = lines_to_vocabulary(w["text"] for w in words)
        text_rows = [
            [clean_text(join_lines((c or "").split("\n"), vocabulary=vocabulary)) for c in r] for r in rows
        ]
        text_rows = [r for r in text_rows if any(r)]
        if len(text_rows) >= 2:
            out.append(
                PageTable(
                    page_number,
                    tuple(t.bbox),
                    cast("list[list[str | None]]", text_rows),
                    _caption_above(page, t.bbox),
                    page.height,
                )
            )
    for rt in page_to_ruled_tables(page, words, [tuple(t.bbox) for t in ruled]):
        if not any(_overlaps(rt.bbox, o.bbox) for o in out):
            out.append(
                PageTable(
                    page_number,
                    rt.bbox,
                    cast("list[list[str | None]]", rt.rows),
                    _caption_above(page, rt.bbox),
                    page.height,
                    rt.n_header,
                    rt.open_end,
                )
            )
    if not out:
        # Tables without rules, read from whitespace: the longest grid, then the longest of
        # the words left, and so on (two tables on one page).
        left = words
        for _ in range(4):
            stream = _stream_table(page, page_number, None, left)
            if stream is None:
                break
            out.append(stream)
            b = stream.bbox
            left = [
                w
                for w in left
                if not (
                    b[0] - 1 <= w["x0"]
                    and w["x1"] <= b[2] + 1
                    and b[1] - 1 <= w["top"]
                    and w["bottom"] <= b[3] + 1
                )
            ]
        out.sort(key=lambda t: t.bbox[1])
    return out


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0


def join_continued(tables: list[PageTable]) -> list[PageTable]:
    """Gives the tables with each continuation (next page, top, same width, no caption) appended."""
    out: list[PageTable] = []
    for t in tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not t.caption
            and t.page == prev.page + 1
            and len(t.rows[0]) == len(prev.rows[0])
            and prev.bbox[3] > prev.page_height * 0.6
            and t.bbox[1] < t.page_height * 0.3
        ):
            rows = t.rows[1:] if t.rows[0] == prev.rows[0] else t.rows  # a repeated header
            if rows and not rows[0][0] and prev.rows[-1][0] and len(rows[0]) == len(prev.rows[-1]):
                # The page break cut a row: its first cell stayed on the page before.
                prev.rows[-1] = [f"{a} {b}".strip() for a, b in zip(prev.rows[-1], rows[0], strict=True)]
                rows = rows[1:]
            prev.rows.extend(rows)
            prev.open_end = t.open_end
            continue
        out.append(t)
    return out


def _dangling(row: Sequence[str | None]) -> bool:
    # `6.50±` over `0.01*c`: values set as `mean ±` on one line and their errors on the next.
    # Two or more cells ending on the operator say the row goes on below.
    return sum(1 for c in row if c and c.rstrip().endswith(("±", "+/-"))) >= 2


def join_dangling_rows(rows: list[list[str | None]], n_header: int) -> list[list[str | None]]:
    """Gives the body rows with a row whose values end on `±` joined cell by cell to the next."""
    out = [list(r) for r in rows[:n_header]]
    for row in rows[n_header:]:
        if len(out) > n_header and _dangling(out[-1]):
            above = out[-1]
            width = max(len(above), len(row))
            out[-1] = [
                " ".join(
                    x
                    for x in ((above[c] if c < len(above) else None), (row[c] if c < len(row) else None))
                    if x
                )
                or None
                for c in range(width)
            ]
        else:
            out.append(list(row))
    return out


def page_table_to_table(t: PageTable, table_id: str) -> Table:
    """Gives the Document Table of a found table; its first `n_header` rows are the header."""
    prov = Provenance(page=t.page, bbox=tuple(round(v, 2) for v in t.bbox))  # type: ignore[arg-type]
    rows = join_dangling_rows(t.rows, t.n_header)
    width = max(len(r) for r in rows)
    grid = [[Cell(r[c] or "" if c < len(r) else "", prov) for c in range(width)] for r in rows]
    label = m.group(0) if (m := CAPTION.match(t.caption)) else ""
    return Table(table_id, t.caption, grid[: t.n_header], grid[t.n_header :], prov, label=label.strip())
