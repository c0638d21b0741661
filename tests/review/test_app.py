"""The review web app through its HTTP interface: pages, CSRF, escaping, file access, tokens."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from litcurate.review.app import create_app
from litcurate.storage import CuratedStore

from .conftest import ReviewEnv

SCRIPT = "<script>alert('xss')</script>"


def _ids(client: Any, table: str = "studies") -> list[str]:
    page = client.get(f"/queue?table={table}")
    assert page.status_code == 200
    return re.findall(r'href="/record/([0-9a-f]+)', page.text)


def _form(html: str) -> dict[str, str]:
    """The hidden fields of the first form on a record page."""
    return {
        k: re.search(rf'name="{k}" value="([^"]*)"', html).group(1)
        for k in ("csrf_token", "version", "content_hash")
    }


def test_pages_render(client: Any) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "baricitinib-preclinical-meta-analysis.md" in home.text
    queue = client.get("/queue?table=potency&status=pending")
    assert queue.status_code == 200 and "4 record(s)" in queue.text
    rid = _ids(client)[0]
    page = client.get(f"/record/{rid}?table=studies")
    assert page.status_code == 200
    # The study row is highlighted whole, from the model cell to the reference cell.
    assert re.search(r"<mark>Collagen-Induced Arthritis \(CIA\) in mice\s[^<]*\[5\]</mark>", page.text)
    assert 'id="next" href="/record/' in page.text and 'id="prev" class="off"' in page.text
    assert client.get("/record/" + "0" * 20).status_code == 404
    assert client.get("/static/review.js").status_code == 200


def test_accept_then_next_via_form(client: Any) -> None:
    a, b = _ids(client)[:2]
    form = _form(client.get(f"/record/{a}?table=studies").text)
    r = client.post(
        f"/record/{a}/decide?table=studies",
        data={**form, "action": "accept", "next_id": b},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/record/{b}?table=studies"
    assert 'id="status" class="badge st-accepted"' in client.get(f"/record/{a}").text


def _post_routes(app: Any) -> list[str]:
    return [r.path for r in app.routes if "POST" in getattr(r, "methods", set())]


def test_every_state_change_needs_the_csrf_token(review_env: ReviewEnv) -> None:
    app = create_app(review_env.curated, raw=review_env.raw)
    routes = _post_routes(app)
    assert set(routes) == {
        "/record/{record_id}/decide",
        "/record/{record_id}/edit",
        "/whoami",
        "/queue/accept",
    }
    with TestClient(app) as c:
        rid = _ids(c)[0]
        good = _form(c.get(f"/record/{rid}").text)
        data = {
            **good,
            "action": "accept",
            "field": "route",
            "value": "oral",
            "name": "mallory",
            "expected_count": "1",
        }
        for path in routes:
            url = path.replace("{record_id}", rid)
            missing = {k: v for k, v in data.items() if k != "csrf_token"}
            assert c.post(url, data=missing, follow_redirects=False).status_code == 403, path
            wrong = {**data, "csrf_token": "forged"}
            assert c.post(url, data=wrong, follow_redirects=False).status_code == 403, path
        # a forged form from another site has no cookie either
        bare = TestClient(app)
        assert bare.post(f"/record/{rid}/decide", data=data, follow_redirects=False).status_code == 403
        assert c.get(f"/record/{rid}").text.count("No decisions yet") == 1


def test_document_text_is_escaped(review_env: ReviewEnv) -> None:
    seed = review_env.seed
    text = seed.read_text(encoding="utf-8")
    seed.write_text(
        text.replace(
            "Significantly attenuated the progression",
            f"{SCRIPT} Significantly attenuated the progression",
            1,
        ),
        encoding="utf-8",
    )
    review_env.reextract()
    with TestClient(create_app(review_env.curated, raw=review_env.raw)) as c:
        rid = _ids(c)[0]
        page = c.get(f"/record/{rid}").text
        assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page  # in the evidence and the field
        assert SCRIPT not in page and "<script>alert" not in page
        assert "Content-Security-Policy" in c.get(f"/record/{rid}").headers


@pytest.mark.parametrize(
    "path",
    [
        "/source/..%2F..%2F..%2Fetc%2Fpasswd",
        "/source/../../etc/passwd",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2F__init__.py",
        "/page/..%2F..%2Fetc/1.png",
    ],
)
def test_no_path_traversal(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (404, 405) and "root:" not in r.text


def test_only_sources_under_curated_or_raw_are_served(review_env: ReviewEnv, tmp_path: Any) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("# secret\n", encoding="utf-8")
    store = CuratedStore(review_env.curated)
    docs = store.read("documents")
    doc_id = docs["doc_id"][0]
    with TestClient(create_app(review_env.curated, raw=review_env.raw)) as c:
        assert c.get(f"/source/{doc_id}").status_code == 200
        for forged in (
            "/etc/passwd",
            str(outside),
            str(review_env.raw / ".." / "secret.md"),
            "../../etc/passwd",
        ):
            docs["source_path"] = forged
            store.write("documents", doc_id, docs)
            r = c.get(f"/source/{doc_id}")
            assert r.status_code == 404 and "root:" not in r.text and "secret" not in r.text.split(":")[-1]
            rid = _ids(c)[0]
            assert "not found under the curated or raw folders" in c.get(f"/record/{rid}").text


def test_token_required_when_set(review_env: ReviewEnv) -> None:
    app = create_app(review_env.curated, raw=review_env.raw, token="s3cret")
    with TestClient(app) as c:
        assert c.get("/").status_code == 401
        assert c.get("/?token=wrong").status_code == 401
        assert c.get("/?token=s3cret").status_code == 200
        assert c.get("/queue").status_code == 200  # the cookie carries it from now on


def test_concurrent_web_edits_are_refused(review_env: ReviewEnv) -> None:
    app = create_app(review_env.curated, raw=review_env.raw)
    with TestClient(app) as ana, TestClient(app) as ben:
        rid = _ids(ana)[0]
        form_a, form_b = _form(ana.get(f"/record/{rid}").text), _form(ben.get(f"/record/{rid}").text)
        r = ana.post(
            f"/record/{rid}/edit",
            data={**form_a, "field": "route", "value": "intraperitoneal"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        r = ben.post(f"/record/{rid}/edit", data={**form_b, "field": "route", "value": "subcutaneous"})
        assert r.status_code == 409
        assert "changed since you loaded it" in r.text and "Your change was not saved" in r.text
        assert 'value="intraperitoneal"' in ben.get(f"/record/{rid}").text


def test_invalid_web_edit_shows_the_schema_reason(client: Any) -> None:
    rid = _ids(client)[0]
    form = _form(client.get(f"/record/{rid}").text)
    r = client.post(f"/record/{rid}/edit", data={**form, "field": "dose_unit", "value": "furlongs"})
    assert r.status_code == 422 and "refused by the studies schema" in r.text


def test_local_app_answers_only_to_local_host_names(review_env: ReviewEnv) -> None:
    app = create_app(review_env.curated, raw=review_env.raw, allowed_hosts={"127.0.0.1", "localhost"})
    assert TestClient(app, base_url="http://127.0.0.1:8765").get("/").status_code == 200
    assert TestClient(app, base_url="http://attacker.example:8765").get("/").status_code == 400


def test_changed_record_shows_its_value_when_decided(review_env: ReviewEnv) -> None:
    from .conftest import edit_seed

    with TestClient(create_app(review_env.curated, raw=review_env.raw)) as c:
        rid = _ids(c)[0]
        form = _form(c.get(f"/record/{rid}").text)
        c.post(f"/record/{rid}/decide", data={**form, "action": "accept"})
        edit_seed(review_env)
        review_env.reextract()
        page = c.get(f"/record/{rid}").text
        assert "changed since decided" in page and "when decided: 3.0" in page
        assert 'data-field="dose_value" value="5.0"' in page
