"""Pages over a set of records: everything extracted from one document, and a filtered set
accepted in bulk.

The document page lists a paper's records grouped by table (the catalog's review order), each
with its status, beside the evidence of the one selected (the record page's rendering). Bulk
accept shows the size of the filtered set first; the POST (CSRF-checked like every POST)
accepts it through the store's one-record `decide`, so the audit log gets one decision per
record, and refuses if the set changed size since the curator confirmed it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from litcurate.review import ConcurrentEditError, ReviewError
from litcurate.review.evidence import Evidence, evidence_needles, record_evidence
from litcurate.review.store import Filters, ReviewStore
from schemas.catalog import CATALOG

Render = Callable[..., HTMLResponse]
BULK_PREVIEW = 20  # records listed on the confirmation page


def evidence_of(s: ReviewStore, record_id: str, roots: list[Path], base: Path) -> tuple[Any, Evidence]:
    """Gives a record and its evidence, as the record page shows them."""
    rec = s.record(record_id)
    review = CATALOG[rec.table].review
    needles = evidence_needles(rec.extracted, review.highlight if review else ())
    return rec, record_evidence(
        s.document(rec.doc_id), rec.extracted.get("provenance"), needles, roots, base=base
    )


def add_set_pages(
    app: FastAPI,
    *,
    render: Render,
    store: Callable[[], ReviewStore],
    who: Callable[[Request], str],
    filters: Callable[[Request], Filters],
    roots: list[Path],
    base: Path,
) -> None:
    """Adds the document page (`/document/{doc_id}`) and bulk accept (`/queue/accept`) to the app."""

    @app.get("/document/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str, at: str = "") -> HTMLResponse:
        s = store()
        try:
            doc = s.document(doc_id)
            if doc is None:
                raise HTTPException(404, f"no document {doc_id}")
            groups = s.document_records(doc_id)
            first = next((rows[0]["record_id"] for rows in groups.values() if rows), "")
            current = at if any(r["record_id"] == at for rows in groups.values() for r in rows) else first
            rec, ev = evidence_of(s, current, roots, base) if current else (None, None)
            counts: dict[str, int] = {}
            for rows in groups.values():
                for r in rows:
                    counts[r["status"]] = counts.get(r["status"], 0) + 1
            return render(
                request,
                "document.html",
                doc=doc,
                groups=groups,
                rec=rec,
                ev=ev,
                current=current,
                counts=counts,
                n_records=sum(counts.values()),
            )
        finally:
            s.close()

    def _bulk_page(
        request: Request,
        *,
        error: str = "",
        status_code: int = 200,
        done: int | None = None,
        skipped: list[str] | None = None,
    ) -> HTMLResponse:
        f = filters(request)
        s = store()
        try:
            rows = s.bulk_candidates(f)
            _all, total = s.queue(f, size=1)
            return render(
                request,
                "bulk.html",
                status_code=status_code,
                f=f,
                q=f.query(),
                rows=rows[:BULK_PREVIEW],
                n=len(rows),
                total=total,
                error=error,
                done=done,
                skipped=skipped or [],
            )
        finally:
            s.close()

    @app.get("/queue/accept", response_class=HTMLResponse)
    def bulk_confirm(request: Request) -> HTMLResponse:
        return _bulk_page(request)

    @app.post("/queue/accept")
    def bulk_accept(request: Request, expected_count: int = Form(...), note: str = Form("")) -> Response:
        f = filters(request)
        s = store()
        try:
            done, skipped = s.accept_all(
                f, reviewer=who(request), note=note or None, expected_count=expected_count
            )
        except ConcurrentEditError as exc:
            return _bulk_page(request, error=str(exc), status_code=409)
        except ReviewError as exc:
            return _bulk_page(request, error=str(exc), status_code=422)
        finally:
            s.close()
        if skipped:
            return _bulk_page(request, done=done, skipped=skipped)
        query = urlencode({**f.query(), "accepted": done})
        return RedirectResponse(f"/queue?{query}", status_code=303)
