"""Page-load times of the review app over a 10,000-record curated dataset.

Builds a synthetic dataset (200 Markdown documents, each with 10 studies, 20 outcomes,
5 potency values and 15 entities: 10,000 records), serves the app with uvicorn on loopback,
and times real HTTP requests for the queue and record pages, before and after 1,000
decisions. Usage: `.venv/bin/python benchmarks/review_pages.py [--docs 200] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pandas as pd
import uvicorn

from litcurate.review.app import create_app
from litcurate.review.store import Filters, ReviewStore
from litcurate.storage import CuratedStore

PER_DOC = {"studies": 10, "outcomes": 20, "potency": 5, "entities": 15}


def _hid(*parts: object) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:20]


def build_dataset(root: Path, n_docs: int) -> tuple[Path, Path]:
    """Writes n_docs source files and their curated rows; gives (raw, curated)."""
    raw, curated = root / "raw", root / "curated"
    raw.mkdir(parents=True)
    store = CuratedStore(curated)
    for d in range(n_docs):
        doc_id = hashlib.sha256(f"doc{d}.md".encode()).hexdigest()[:16]
        lines = [f"# Synthetic study report {d}", ""]
        lines += [
            f"Model {i}\tCompound-{d} ({i + 1} mg/kg, once daily, oral)\tReduced IL-6 and TNF by {i * 7}%.\t[1]"
            for i in range(PER_DOC["studies"])
        ]
        text = "\n".join(lines) + "\n"
        (raw / f"doc{d}.md").write_text(text, encoding="utf-8")
        offsets = [text.index(line) for line in lines[2:]]
        studies, outcomes, potency, entities = [], [], [], []
        for i in range(PER_DOC["studies"]):
            prov = json.dumps({"line": i + 3, "start": offsets[i], "end": offsets[i] + len(f"Model {i}")})
            rid = _hid(doc_id, "studies", i)
            studies.append(
                {
                    "record_id": rid,
                    "doc_id": doc_id,
                    "table_id": "t1",
                    "row": i + 1,
                    "compound": f"Compound-{d}",
                    "model": f"Model {i}",
                    "species": "Mus musculus",
                    "species_id": "NCBITaxon:10090",
                    "dose_value": float(i + 1),
                    "dose_unit": "mg/kg",
                    "dose_mg_per_kg": float(i + 1),
                    "dose_text": f"{i + 1} mg/kg",
                    "frequency": "once daily",
                    "route": "oral",
                    "findings": f"Reduced IL-6 and TNF by {i * 7}%.",
                    "outcome_direction": "improved",
                    "ref_numbers": [1],
                    "provenance": prov,
                }
            )
            for k, measure in enumerate(("IL-6", "TNF")):
                outcomes.append(
                    {
                        "record_id": _hid(rid, k, measure),
                        "study_record_id": rid,
                        "doc_id": doc_id,
                        "measure": measure,
                        "direction": "decreased",
                        "text": f"Reduced {measure}",
                        "provenance": prov,
                    }
                )
        for i in range(PER_DOC["potency"]):
            potency.append(
                {
                    "record_id": _hid(doc_id, "potency", i),
                    "doc_id": doc_id,
                    "compound": f"Compound-{d}",
                    "target": f"JAK{i % 3 + 1}",
                    "target_id": "HGNC:6190",
                    "measure": "IC50",
                    "qualifier": "=",
                    "value": 5.9 * (i + 1),
                    "unit": "nM",
                    "value_nM": 5.9 * (i + 1),
                    "ref_numbers": [],
                    "provenance": json.dumps({"line": 3, "start": offsets[0], "end": offsets[0] + 5}),
                }
            )
        for i in range(PER_DOC["entities"]):
            s = offsets[i % 10] + len(f"Model {i % 10}\t")
            entities.append(
                {
                    "doc_id": doc_id,
                    "entity_id": _hid(doc_id, "ent", i),
                    "label": "DRUG",
                    "text": f"Compound-{d}",
                    "norm": f"Compound-{d}",
                    "start": 0,
                    "end": 10,
                    "provenance": json.dumps(
                        {"line": i % 10 + 3, "start": s, "end": s + len(f"Compound-{d}")}
                    ),
                }
            )
        for table, rows in (
            ("studies", studies),
            ("outcomes", outcomes),
            ("potency", potency),
            ("entities", entities),
        ):
            store.write(table, doc_id, pd.DataFrame(rows))
        store.write(
            "documents",
            doc_id,
            pd.DataFrame(
                [
                    {
                        "doc_id": doc_id,
                        "source_path": str(raw / f"doc{d}.md"),
                        "sha256": "0" * 64,
                        "media_type": "text/markdown",
                        "title": f"Synthetic study report {d}",
                        "n_tables": 1,
                        "n_references": 1,
                        "extractor_version": "bench",
                        "ingested_at": "2026-01-01T00:00:00+00:00",
                        "status": "ok",
                    }
                ]
            ),
        )
    return raw, curated


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _time(client: httpx.Client, urls: list[str]) -> dict[str, float]:
    ms = []
    for url in urls:
        t = time.perf_counter()
        r = client.get(url)
        ms.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    ms.sort()
    return {
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[int(len(ms) * 0.95) - 1], 1),
        "n": len(ms),
    }


def main() -> None:
    """Builds the dataset, serves it, and prints page-load times as JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="review-bench-"))
    t0 = time.perf_counter()
    raw, curated = build_dataset(root, args.docs)
    results: dict[str, object] = {
        "records": args.docs * sum(PER_DOC.values()),
        "build_s": round(time.perf_counter() - t0, 1),
    }
    t0 = time.perf_counter()
    store = ReviewStore(curated)
    store.sync()
    results["first_index_s"] = round(time.perf_counter() - t0, 2)
    ids = [r["record_id"] for r in store.queue(Filters(), size=10_000)[0]]
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(curated, raw=raw), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(5)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        client.get("/")
        pages = {
            "documents": ["/"] * 10,
            "queue_page_1": ["/queue"] * 30,
            "queue_deep_pages": [f"/queue?page={rng.randint(2, 200)}" for _ in range(30)],
            "queue_filtered": [
                f"/queue?table=entities&status=pending&page={rng.randint(1, 60)}" for _ in range(30)
            ],
            "record": [f"/record/{rng.choice(ids)}?status=pending" for _ in range(50)],
        }
        results["before_decisions"] = {name: _time(client, urls) for name, urls in pages.items()}
        for rid in ids[::10]:  # 1,000 decisions, every kind
            k = rng.random()
            if k < 0.6:
                store.decide(rid, "accept", reviewer="bench")
            elif k < 0.8:
                store.decide(rid, "reject", reviewer="bench")
            else:
                rec = store.record(rid)
                field = (
                    "dose_text"
                    if rec.table == "studies"
                    else ("text" if rec.table in ("outcomes", "entities") else "unit")
                )
                store.edit(rid, field, "edited", reviewer="bench")
        pages["queue_filtered"] = [f"/queue?status=accepted&page={rng.randint(1, 10)}" for _ in range(30)]
        results["after_1000_decisions"] = {name: _time(client, urls) for name, urls in pages.items()}
    server.should_exit = True
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
