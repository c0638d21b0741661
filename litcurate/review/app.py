"""The review web app: documents, the queue, one record beside its evidence.

Server-rendered Jinja2 pages (autoescaped: document text is always shown as text), one small
local script for keyboard shortcuts, no assets from the internet. Every state change is a
POST carrying a CSRF token (double submit: a random cookie that a page from another site
cannot read, echoed in the form). On a non-local address an access token is required too.
"""

from __future__ import annotations

import hmac
import math
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi import Path as Path_
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from litcurate.review import (
    ConcurrentEditError,
    InvalidEditError,
    ReviewError,
    SourceAccessError,
)
from litcurate.review.evidence import evidence_needles, pdf_region_png, record_evidence, safe_source_path
from litcurate.review.set_pages import add_set_pages
from litcurate.review.store import STATUSES, Filters, ReviewStore, default_reviewer
from schemas.catalog import CATALOG, REVIEWED

HERE = Path(__file__).parent
CSRF_COOKIE, TOKEN_COOKIE, REVIEWER_COOKIE = "lc_csrf", "lc_token", "lc_reviewer"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def _filters(request: Request) -> Filters:
    q = request.query_params
    return Filters(
        q.get("table", ""), q.get("label", ""), q.get("status", ""), q.get("doc", ""), q.get("q", "")
    )


async def check_csrf(request: Request) -> None:
    """Refuses (403) any state change whose form does not echo the CSRF cookie."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    cookie = request.cookies.get(CSRF_COOKIE) or ""
    form = await request.form()  # cached on the request: the endpoint reads the same form
    sent = str(form.get("csrf_token") or request.headers.get("x-csrf-token") or "")
    if not cookie or not hmac.compare_digest(sent.encode(), cookie.encode()):
        raise HTTPException(403, "refused: missing or wrong CSRF token (reload the page and try again)")


def _refuse_a_tampered_log(curated: Path) -> None:
    """Raises AuditLogTamperedError when the audit log fails verification: not served."""
    from litcurate.review import AuditLogTamperedError
    from litcurate.review.chain import verify
    from litcurate.review.db import connect

    conn = connect(curated)
    try:
        verdict = verify(conn)
    finally:
        conn.close()
    if not verdict.ok:
        raise AuditLogTamperedError(f"{curated}: {verdict.message()}; the review app does not serve it")


MAX_PAGE = 1_000_000  # beyond any queue or PDF; SQLite's OFFSET overflowed on 10**20


def _bbox(text: str) -> tuple[float, ...] | None:
    """Gives the four finite numbers of `x0,top,x1,bottom`, None for none; 400 otherwise."""
    if not text:
        return None
    try:
        box = tuple(float(v) for v in text.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not all(math.isfinite(v) and abs(v) < 1e6 for v in box):
        raise HTTPException(400, "bad request: bbox must be four numbers x0,top,x1,bottom")
    return box


def create_app(
    curated: str | Path,
    *,
    raw: str | Path = "raw",
    token: str | None = None,
    reviewer: str | None = None,
    allowed_hosts: set[str] | None = None,
) -> FastAPI:
    """Gives the review app over one curated folder (sources are read from it and from `raw`).

    `allowed_hosts`, when given, is the set of Host header names the app answers to: serving on
    127.0.0.1 that keeps a web page elsewhere from reaching the app by DNS rebinding.
    """
    curated, raw = Path(curated), Path(raw)
    roots = [curated, raw]
    app = FastAPI(
        title="litcurate review",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(check_csrf)],
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # A malformed query or form value is the client's mistake: 400 with what was wrong.
        fields = ", ".join(str(e.get("loc", ("?",))[-1]) for e in exc.errors())
        return PlainTextResponse(f"bad request: malformed {fields or 'parameters'}", status_code=400)

    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["urlencode"] = urlencode
    ReviewStore(curated).close()  # create the database before the first request
    _refuse_a_tampered_log(curated)

    def store() -> ReviewStore:
        s = ReviewStore(curated)
        s.sync()
        return s

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if allowed_hosts is not None and (request.url.hostname or "") not in allowed_hosts:
            return PlainTextResponse("refused: unexpected Host header", 400)
        given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if token and not hmac.compare_digest(given.encode(), token.encode()):
            return PlainTextResponse(
                "an access token is required (open the URL printed by `review serve`)", 401
            )
        csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        request.state.csrf = csrf
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; object-src 'none'"
        )
        if not request.cookies.get(CSRF_COOKIE):
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        if token and request.query_params.get("token"):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response

    def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(
            csrf=request.state.csrf,
            who=request.cookies.get(REVIEWER_COOKIE) or reviewer or default_reviewer(),
        )
        return templates.TemplateResponse(request, name, ctx, status_code=status_code)

    @app.get("/", response_class=HTMLResponse)
    def documents(request: Request) -> HTMLResponse:
        s = store()
        try:
            return render(request, "documents.html", docs=s.documents(), n_orphans=len(s.orphans()))
        finally:
            s.close()

    @app.get("/queue", response_class=HTMLResponse)
    def queue(request: Request, page: int = Query(1, ge=1, le=MAX_PAGE)) -> HTMLResponse:
        f = _filters(request)
        s = store()
        try:
            rows, total = s.queue(f, page=max(page, 1))
            return render(
                request,
                "queue.html",
                rows=rows,
                total=total,
                page=max(page, 1),
                f=f,
                q=f.query(),
                tables=[s.name for s in REVIEWED],
                labels=s.labels(),
                statuses=STATUSES,
                docs=s.document_names(),
                n_pages=max(1, -(-total // 50)),
            )
        finally:
            s.close()

    def _record_page(
        request: Request, record_id: str, *, error: str = "", status_code: int = 200
    ) -> HTMLResponse:
        f = _filters(request)
        s = store()
        try:
            try:
                rec = s.record(record_id)
            except ReviewError as exc:
                raise HTTPException(404, str(exc)) from exc
            prev_id, next_id = s.neighbours(record_id, f)
            doc = s.document(rec.doc_id)
            review = CATALOG[rec.table].review
            needles = evidence_needles(rec.extracted, review.highlight if review else ())
            ev = record_evidence(doc, rec.extracted.get("provenance"), needles, roots, base=curated.parent)
            return render(
                request,
                "record.html",
                status_code=status_code,
                rec=rec,
                doc=doc,
                ev=ev,
                f=f,
                q=f.query(),
                prev_id=prev_id,
                next_id=next_id,
                history=s.history(record_id),
                error=error,
            )
        finally:
            s.close()

    @app.get("/record/{record_id}", response_class=HTMLResponse)
    def record(request: Request, record_id: str) -> HTMLResponse:
        return _record_page(request, record_id)

    def _who(request: Request) -> str:
        return request.cookies.get(REVIEWER_COOKIE) or reviewer or default_reviewer()

    def _after(request: Request, record_id: str, next_id: str) -> RedirectResponse:
        q = urlencode(_filters(request).query())
        target = f"/record/{next_id or record_id}" + (f"?{q}" if q else "")
        return RedirectResponse(target, status_code=303)

    @app.post("/record/{record_id}/decide")
    def decide(
        request: Request,
        record_id: str,
        action: str = Form(...),
        version: int = Form(...),
        content_hash: str = Form(...),
        next_id: str = Form(""),
        note: str = Form(""),
    ) -> Response:
        s = store()
        try:
            s.decide(
                record_id,
                action,
                reviewer=_who(request),
                note=note,
                expected_version=version,
                expected_hash=content_hash,
            )
        except ConcurrentEditError as exc:
            return _record_page(request, record_id, error=str(exc), status_code=409)
        except ReviewError as exc:
            return _record_page(request, record_id, error=str(exc), status_code=422)
        finally:
            s.close()
        return _after(request, record_id, next_id)

    @app.post("/record/{record_id}/edit")
    def edit(
        request: Request,
        record_id: str,
        field: str = Form(...),
        value: str = Form(""),
        version: int = Form(...),
        content_hash: str = Form(...),
        note: str = Form(""),
    ) -> Response:
        s = store()
        try:
            s.edit(
                record_id,
                field,
                value,
                reviewer=_who(request),
                note=note,
                expected_version=version,
                expected_hash=content_hash,
            )
        except ConcurrentEditError as exc:
            return _record_page(request, record_id, error=str(exc), status_code=409)
        except (InvalidEditError, ReviewError) as exc:
            return _record_page(request, record_id, error=str(exc), status_code=422)
        finally:
            s.close()
        return _after(request, record_id, "")

    @app.post("/whoami")
    def whoami(name: str = Form(...), back: str = Form("/")) -> Response:
        response = RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/", 303)
        response.set_cookie(REVIEWER_COOKIE, name.strip()[:80] or default_reviewer(), samesite="strict")
        return response

    def _source(doc_id: str) -> Path:
        s = store()
        try:
            doc = s.document(doc_id)
        finally:
            s.close()
        if doc is None:
            raise HTTPException(404, "no such document")
        try:
            return safe_source_path(doc["source_path"], roots, base=curated.parent)
        except SourceAccessError as exc:
            raise HTTPException(404, str(exc)) from exc

    @app.get("/source/{doc_id}")
    def source(doc_id: str) -> Response:
        path = _source(doc_id)
        return Response(path.read_bytes(), media_type="text/plain; charset=utf-8")

    @app.get("/page/{doc_id}/{page}.png")
    def page_png(doc_id: str, page: int = Path_(..., ge=1, le=MAX_PAGE), bbox: str = "") -> Response:
        box = _bbox(bbox)
        try:
            png = pdf_region_png(_source(doc_id), page, box if box and len(box) == 4 else None)  # type: ignore[arg-type]
        except (SourceAccessError, ValueError) as exc:
            raise HTTPException(404, str(exc)) from exc
        return Response(png, media_type="image/png")

    add_set_pages(
        app, render=render, store=store, who=_who, filters=_filters, roots=roots, base=curated.parent
    )
    return app
