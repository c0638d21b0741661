"""Catalogue, crash hygiene: reading commands never write under the curated folder.

The folder has a review database with a decision and an index that lags the curated files (a
table file changed since the index was built), the state in which `review list` and `report`
used to bring `review.sqlite` up to date in place. Each reading command must leave every file
and folder under curated/ as it was (content, size, modification time; nothing created), and
must work on a folder mounted read only (a bind mount in a user namespace: chmod binds no root).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.review.store import Filters, open_store

# Each reading command; OUT is a folder outside the curated one, for what the user asked written.
READING = (
    ("status",),
    ("status", "--json"),
    ("validate",),
    ("review", "list"),
    ("review", "list", "--json", "--status", "accepted"),
    ("review", "verify"),
    ("query", "SELECT review_status, COUNT(*) AS n FROM reviewed_studies GROUP BY 1"),
    ("export", "--to", "OUT/export"),
    ("export", "--format", "syrf", "--out", "OUT/syrf.csv"),
    ("meta", "--json"),
    ("report", "--out", "OUT/report.html"),
)


def _state(root: Path) -> dict[str, tuple[int, int, str]]:
    """Gives every file and folder under `root`: (mtime_ns, size, sha256 of a file's bytes)."""
    out = {}
    for path in [root, *sorted(root.rglob("*"))]:
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        out[str(path.relative_to(root))] = (st.st_mtime_ns, st.st_size, digest)
    return out


@pytest.fixture
def dataset(seed_curated, tmp_path: Path) -> Path:
    """A copy of the seed's curated folder with one decision, whose review index lags a table."""
    curated = tmp_path / "curated"
    shutil.copytree(seed_curated[0].root, curated)
    store = open_store(curated)
    try:
        first = store.queue(Filters(table="studies"))[0][0]["record_id"]
        store.decide(first, "accept", reviewer="ana")
    finally:
        store.close()
    table = next((curated / "studies").glob("*.parquet"))
    os.utime(table, ns=(table.stat().st_atime_ns, table.stat().st_mtime_ns + 10**9))  # re-extracted, say
    return curated


def _args(cmd: tuple[str, ...], curated: Path, out: Path) -> list[str]:
    return [a.replace("OUT", str(out)) for a in cmd] + ["--curated", str(curated)]


def test_reading_commands_write_nothing_under_the_curated_folder(dataset: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    before = _state(dataset)
    for cmd in READING:
        result = runner.invoke(app, _args(cmd, dataset, tmp_path / "out"))
        assert result.exit_code == 0, f"{cmd}: {result.output[-600:]}"
        after = _state(dataset)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"`litcurate {' '.join(cmd)}` wrote under curated/: {changed}"
    # They did their job: the decision and what the user asked for are there.
    listed = json.loads(runner.invoke(app, _args(READING[4], dataset, tmp_path)).output)
    assert listed["total"] == 1 and listed["records"][0]["status"] == "accepted"
    assert (tmp_path / "out" / "report.html").stat().st_size > 0
    assert (tmp_path / "out" / "export" / "studies.csv").is_file()


def _ro_mount_works(probe: Path) -> bool:
    if not shutil.which("unshare") or not sys.platform.startswith("linux"):
        return False
    probe.mkdir(exist_ok=True)
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'mount --bind -o ro "{probe}" "{probe}" && ! touch "{probe}/x"'],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


_ON_READ_ONLY = """
import json, sys
from typer.testing import CliRunner
from litcurate.cli import app
runner = CliRunner()
codes = []
for args in json.loads(sys.argv[1]):
    result = runner.invoke(app, args)
    codes.append([args[:2], result.exit_code, result.output[-400:]])
print(json.dumps(codes))
"""


@pytest.mark.slow
def test_reading_commands_work_on_a_read_only_folder(dataset: Path, tmp_path: Path) -> None:
    if not _ro_mount_works(tmp_path / "probe"):
        pytest.skip("no user namespace here to mount a folder read only")
    out = tmp_path / "out"
    out.mkdir()
    before = _state(dataset)
    commands = json.dumps([_args(cmd, dataset, out) for cmd in READING])
    script = f'mount --bind -o ro "{dataset}" "{dataset}" && exec "$0" -c "$1" "$2"'
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, sys.executable, _ON_READ_ONLY, commands],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    failed = [(args, code, output) for args, code, output in results if code != 0]
    assert not failed, failed
    assert _state(dataset) == before
    assert (out / "report.html").stat().st_size > 0
