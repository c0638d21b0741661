"""The `litcurate` command starts light: its module imports no data library, so that `ingest`
starts its extraction workers before it pays for pandas, pyarrow and Pandera (~0.8 s)."""

from __future__ import annotations

import subprocess
import sys


def test_the_cli_module_imports_no_data_library() -> None:
    code = (
        "import sys, litcurate.cli\n"
        "heavy = [m for m in ('pandas', 'pyarrow', 'pandera', 'spacy', 'prefect', 'duckdb') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_workers_start_from_light_modules() -> None:
    """What `ingest` imports to start its workers (settings, sources, the worker pool)."""
    code = (
        "import sys\n"
        "from litcurate.ingest.settings import RunSettings\n"
        "from litcurate.ingest.sources import discover\n"
        "from litcurate.ingest.workers import warm_for\n"
        "heavy = [m for m in ('pandas', 'pyarrow', 'pandera', 'spacy', 'prefect') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
