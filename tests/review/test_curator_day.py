"""Issue 13, a curator's day, on three real papers (the seed in Markdown, a JATS article, a PDF):
the queue ordered by table, search and document filters, bulk accept, the document page,
`review list`, readable edit refusals, the documents export, `litcurate query`, a busy port,
and the report's sources, findings and integers."""

from __future__ import annotations

import io
import json
import re
import socket
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from lxml import etree
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.review import ConcurrentEditError
from litcurate.review.app import create_app
from litcurate.review.store import Filters, ReviewStore, open_store
from schemas.catalog import REVIEW_RANK, REVIEWED

from .conftest import ReviewEnv

runner = CliRunner()
JATS, PDF = "1472-6831-8-11.nxml", "camelot_column_span_1.pdf"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def _doc_id(store: ReviewStore, name: str) -> str:
    return next(d["doc_id"] for d in store.document_names() if d["source_path"].endswith(name))


def _all(store: ReviewStore, f: Filters | None = None) -> list[dict]:
    return store.queue(f or Filters(), size=100_000)[0]


# -- 1. the queue: by table (the catalog's order), then document, then place -----------------
def test_queue_puts_studies_first_then_each_table_in_catalog_order(three_papers: ReviewEnv) -> None:
    store = open_store(three_papers.curated)
    rows = _all(store)
    assert len({r["doc_id"] for r in rows}) == 2  # the one-page PDF holds a table, no reviewed record
    keys = [(REVIEW_RANK[r["tbl"]], r["doc_id"], r["pos"]) for r in rows]
    assert keys == sorted(keys)  # table first: no paper's entities before another paper's studies
    assert rows[0]["tbl"] == REVIEWED[0].name == "studies"
    seen = list(dict.fromkeys(r["tbl"] for r in rows))
    assert seen == [s.name for s in REVIEWED if s.name in seen]
    # previous / next walk the same order, across documents and tables
    ids = [r["record_id"] for r in rows]
    for i in (0, len(ids) // 3, len(ids) // 2, len(ids) - 1):
        prev_id, next_id = store.neighbours(ids[i], Filters())
        assert prev_id == (ids[i - 1] if i else None) and next_id == (
            ids[i + 1] if i + 1 < len(ids) else None
        )
    # the paper column: each queue row names its paper
    assert all(r["doc_path"] for r in rows) and any(r["doc_title"] for r in rows)


# -- 2. search, document and table filters; bulk accept ----------------------------------------
def test_search_matches_field_values_not_field_names(three_papers: ReviewEnv) -> None:
    store = open_store(three_papers.curated)
    study = _all(store, Filters(table="studies"))[0]
    word = store.record(study["record_id"]).extracted["model"].split()[0]
    found = _all(store, Filters(q=word))
    assert study["record_id"] in [r["record_id"] for r in found]
    assert 0 < len(found) < len(_all(store))
    for r in found:
        rec = store.record(r["record_id"])
        values = " ".join(str(v) for k, v in rec.extracted.items() if not k.endswith("provenance"))
        assert word.lower() in (values + r["summary"]).lower()
    assert _all(store, Filters(q="outcome_direction")) == []  # a column name is not the record's text
    both = _all(store, Filters(q=f"{word} zzzqqq"))  # every word must match
    assert both == []


def test_document_filter_takes_an_id_a_path_or_a_fragment(three_papers: ReviewEnv) -> None:
    store = open_store(three_papers.curated)
    jats = _doc_id(store, JATS)
    by_id = _all(store, Filters(doc=jats))
    assert by_id and {r["doc_id"] for r in by_id} == {jats}
    path = str(three_papers.raw / JATS)
    assert store.resolve_doc(path) == [jats] == store.resolve_doc("1472-6831")
    assert _all(store, Filters(doc=path)) == by_id
    assert len(store.resolve_doc(str(three_papers.raw))) == 3  # a fragment naming all three
    assert store.resolve_doc("no-such-paper") == []


def test_bulk_accept_is_one_logged_decision_per_record_and_keeps_one_by_one_decisions(
    three_papers: ReviewEnv,
) -> None:
    store = open_store(three_papers.curated)
    f = Filters(table="references", doc=_doc_id(store, JATS))
    rows = _all(store, f)
    rejected = rows[0]["record_id"]
    store.decide(rejected, "reject", reviewer="ana")
    candidates = store.bulk_candidates(f)
    assert len(candidates) == len(rows) - 1
    with pytest.raises(ConcurrentEditError, match="changed"):
        store.accept_all(f, reviewer="ben", expected_count=len(candidates) + 1)
    assert len(store.history()) == 1  # nothing accepted on a stale confirmation
    done, skipped = store.accept_all(f, reviewer="ben", note="bulk", expected_count=len(candidates))
    assert (done, skipped) == (len(candidates), [])
    log = store.history()
    assert len(log) == 1 + done and {h["record_id"] for h in log[1:]} == {r["record_id"] for r in candidates}
    assert all(h["action"] == "accept" and h["reviewer"] == "ben" and h["note"] == "bulk" for h in log[1:])
    assert store.record(rejected).status == "rejected"
    assert {r["status"] for r in _all(store, f)} == {"accepted", "rejected"}
    assert _all(store, Filters(table="studies"))[0]["status"] == "pending"  # outside the set: untouched


def test_bulk_accept_in_the_app_confirms_the_count_then_accepts(three_papers: ReviewEnv) -> None:
    with TestClient(create_app(three_papers.curated, raw=three_papers.raw)) as c:
        page = c.get("/queue?table=studies&q=mice")
        assert 'id="bulk-link"' in page.text
        confirm = c.get("/queue/accept?table=studies&q=mice")
        n = int(re.search(r'<p id="bulk-count"><b>(\d+)</b>', confirm.text).group(1))
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', confirm.text).group(1)
        stale = c.post(
            "/queue/accept?table=studies&q=mice", data={"csrf_token": csrf, "expected_count": n + 1}
        )
        assert stale.status_code == 409
        r = c.post(
            "/queue/accept?table=studies&q=mice",
            data={"csrf_token": csrf, "expected_count": n},
            follow_redirects=False,
        )
        assert r.status_code == 303 and f"accepted={n}" in r.headers["location"]
        assert f"Accepted {n} record(s)" in c.get(r.headers["location"]).text
    store = open_store(three_papers.curated)
    assert len(store.history()) == n > 0
    assert {r["status"] for r in _all(store, Filters(table="studies", q="mice"))} == {"accepted"}


# -- 3. the document page ----------------------------------------------------------------------
def test_document_page_shows_every_record_of_the_paper_beside_its_source(three_papers: ReviewEnv) -> None:
    store = open_store(three_papers.curated)
    seed = _doc_id(store, "baricitinib-preclinical-meta-analysis.md")
    records = _all(store, Filters(doc=seed))
    with TestClient(create_app(three_papers.curated, raw=three_papers.raw)) as c:
        assert f'href="/document/{seed}"' in c.get("/").text  # linked from the documents list
        assert f'href="/document/{seed}"' in c.get("/queue").text  # and from the queue's paper column
        assert (
            f'href="/document/{seed}?at=' in c.get(f"/record/{records[0]['record_id']}").text
        )  # and each record
        soup = BeautifulSoup(c.get(f"/document/{seed}").text, "lxml")
        shown = [tr["data-record"] for tr in soup.select("table.doc-table tr[data-record]")]
        assert sorted(shown) == sorted(r["record_id"] for r in records)
        tables = [t["data-table"] for t in soup.select("table.doc-table")]
        assert tables == [s.name for s in REVIEWED if s.name in tables] and tables[0] == "studies"
        assert soup.select_one("#evidence mark")  # the first study's span, marked in the source
        last = records[-1]["record_id"]
        soup = BeautifulSoup(c.get(f"/document/{seed}?at={last}").text, "lxml")
        assert soup.select_one("tr.current")["data-record"] == last
        pdf = _doc_id(store, PDF)
        assert "Nothing was extracted" in c.get(f"/document/{pdf}").text
        assert c.get("/document/0000000000000000").status_code == 404


# -- 4. review list ----------------------------------------------------------------------------
def test_review_list_limit_paper_doc_path_table_typo_json_search(three_papers: ReviewEnv) -> None:
    cur = str(three_papers.curated)
    store = open_store(three_papers.curated)
    total = len(_all(store))
    code, out = _run("review", "list", "--curated", cur, "--limit", "5")
    assert code == 0 and f"5 of {total} record(s)" in out and "paper" in out
    code, out = _run("review", "list", "--curated", cur, "--table", "studie")
    assert code == 2 and ", ".join(s.name for s in REVIEWED) in out  # the catalog's tables, in its order
    jats = _doc_id(store, JATS)
    for given in (str(three_papers.raw / JATS), "1472-6831", jats):
        code, out = _run("review", "list", "--curated", cur, "--doc", given, "--json", "--limit", "1000")
        data = json.loads(out)
        assert code == 0 and data["total"] == len(_all(store, Filters(doc=jats))) > 0
        assert {r["doc_id"] for r in data["records"]} == {jats} and data["records"][0]["doc_path"].endswith(
            JATS
        )
    code, out = _run("review", "list", "--curated", cur, "--doc", "no-such-paper")
    assert code == 2 and "no document" in out
    code, out = _run("review", "list", "--curated", cur, "--doc", str(three_papers.raw))
    assert code == 2 and "names 3 documents" in out
    code, out = _run("review", "list", "--curated", cur, "--search", "arthritis", "--json")
    found = json.loads(out)["records"]
    assert code == 0 and found
    for r in found:
        values = json.dumps(store.record(r["record_id"]).extracted, ensure_ascii=False).lower()
        assert "arthritis" in values + r["summary"].lower()


def test_review_list_edited_shows_the_reviewed_values(three_papers: ReviewEnv) -> None:
    cur = str(three_papers.curated)
    store = open_store(three_papers.curated)
    rid = _all(store, Filters(table="studies"))[0]["record_id"]
    assert _run("review", "edit", rid, "route", "subcutaneous", "--curated", cur)[0] == 0
    code, out = _run("review", "list", "--curated", cur, "--status", "edited", "--json")
    [row] = json.loads(out)["records"]
    assert (
        code == 0
        and row["record_id"] == rid
        and "subcutaneous" in row["summary"]
        and "oral" not in row["summary"]
    )


# -- 5. edit refusals in words ------------------------------------------------------------------
def test_edit_refusal_lists_the_allowed_units_unmangled(three_papers: ReviewEnv) -> None:
    store = open_store(three_papers.curated)
    rid = _all(store, Filters(table="studies"))[0]["record_id"]
    result = runner.invoke(
        app, ["review", "edit", rid, "dose_unit", "bananas", "--curated", str(three_papers.curated)]
    )
    out = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "µM" in out and "mg/kg/day" in out and "week" in out
    assert "?M" not in out and "[mµnp]" not in out and "(?:" not in out  # no regex, nothing eaten by rich


# -- 6. reviewed data is the easy read ------------------------------------------------------------
def _own_doi(path: Path) -> str:
    root = etree.parse(str(path))
    return root.xpath("//*[local-name()='article-meta']/*[local-name()='article-id'][@pub-id-type='doi']")[
        0
    ].text


def test_export_has_documents_and_reviewed_table_reads_without_the_app(
    three_papers: ReviewEnv, tmp_path: Path
) -> None:
    from litcurate.review.view import reviewed_table

    store = open_store(three_papers.curated)
    rid = _all(store, Filters(table="studies"))[0]["record_id"]
    store.edit(rid, "route", "intravenous", reviewer="ana")
    rejected = _all(store, Filters(table="studies"))[1]["record_id"]
    store.decide(rejected, "reject", reviewer="ana")
    store.close()
    df = reviewed_table(three_papers.curated, "studies")  # a folder: no store, no app
    by_id = df.set_index("record_id")
    assert by_id.loc[rid, "route"] == "intravenous" and by_id.loc[rid, "review_status"] == "edited"
    assert by_id.loc[rejected, "review_status"] == "rejected"
    code, out = _run("export", "--to", str(tmp_path / "out"), "--curated", str(three_papers.curated))
    assert code == 0 and "documents.csv: 3 row(s)" in out
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str).set_index("source_path")
    jats = docs.loc[str(three_papers.raw / JATS)]
    assert jats["doi"] == _own_doi(three_papers.raw / JATS) and jats["title"]
    assert str(docs.loc[str(three_papers.raw / PDF), "n_pages"]) == "1"


# -- 7. litcurate query ---------------------------------------------------------------------------
def test_query_runs_duckdb_over_tables_and_reviewed_views_read_only(three_papers: ReviewEnv) -> None:
    cur = str(three_papers.curated)
    store = open_store(three_papers.curated)
    rid = _all(store, Filters(table="studies"))[0]["record_id"]
    store.edit(rid, "route", "intravenous", reviewer="ana")
    n_entities = len(_all(store, Filters(table="entities")))
    store.close()
    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM entities", "--curated", cur])
    assert result.exit_code == 0 and result.output.splitlines() == ["n", str(n_entities)]
    sql = (
        f"SELECT s.route, s.review_status, d.source_path FROM reviewed_studies s JOIN documents d "
        f"USING (doc_id) WHERE s.record_id = '{rid}'"
    )
    result = runner.invoke(app, ["query", sql, "--curated", cur, "--json"])
    [row] = json.loads(result.output)
    assert result.exit_code == 0 and row["route"] == "intravenous" and row["review_status"] == "edited"
    csv_out = runner.invoke(
        app, ["query", "SELECT doc_id, title FROM documents ORDER BY doc_id", "--curated", cur]
    )
    assert len(pd.read_csv(io.StringIO(csv_out.output))) == 3
    target = Path(cur).parent / "leak.csv"
    for bad in (f"COPY studies TO '{target}'", "CREATE TABLE x AS SELECT 1", "SELECT * FROM studie"):
        result = runner.invoke(app, ["query", bad, "--curated", cur])
        assert result.exit_code == 2, (bad, result.output)
    assert not target.exists()


# -- 9. a busy port --------------------------------------------------------------------------------
def test_serve_on_a_busy_port_says_so_before_any_url(three_papers: ReviewEnv) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(
            app, ["review", "serve", "--curated", str(three_papers.curated), "--port", str(port)]
        )
    out = " ".join(result.output.split())
    assert result.exit_code == 1 and "already in use" in out and "http://" not in out


# -- 8. the report ----------------------------------------------------------------------------------
def test_report_sources_for_every_format_findings_and_integers(three_papers: ReviewEnv) -> None:
    from litcurate.report.build import _source
    from litcurate.storage import CuratedStore

    result = runner.invoke(app, ["report", "--curated", str(three_papers.curated)])
    assert result.exit_code == 0, result.output
    soup = BeautifulSoup((three_papers.curated / "report.html").read_text(encoding="utf-8"), "lxml")
    studies = soup.find("h2", id="studies").find_next("table")
    header = [th.get_text(strip=True) for th in studies.find_all("th")]
    assert "findings" in header
    findings = [
        tr.find_all("td")[header.index("findings")].get_text(strip=True) for tr in studies.find_all("tr")[1:]
    ]
    assert any("arthritis" in f.lower() for f in findings)
    assert studies.find_parent("div")["class"] == ["scroll"]  # a wide table scrolls in its own box
    docs = soup.find("h2", id="documents").find_next("table")
    cells = [td.get_text(strip=True) for td in docs.find_all("td", class_="num")]
    assert "1" in cells and not any(re.fullmatch(r"\d+\.0", c) for c in cells)  # the PDF's page count
    # every format's provenance gives a place in the report's source column
    store = CuratedStore(three_papers.curated)
    paths = dict(zip(store.read("documents")["doc_id"], store.read("documents")["source_path"], strict=True))
    refs = store.read("references")
    jats_ref = refs[refs["doc_id"].map(lambda d: paths[d].endswith(JATS))].iloc[0]
    assert re.search(
        rf"{re.escape(JATS)} /?\w+.*/", _source(jats_ref["doc_id"], jats_ref["provenance"], paths)
    )
    cells = store.read("cells")
    pdf_cell = cells[cells["doc_id"].map(lambda d: paths[d].endswith(PDF))].iloc[0]
    assert _source(pdf_cell["doc_id"], pdf_cell["provenance"], paths).endswith(f"{PDF} p.1")
