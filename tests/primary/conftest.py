"""Primary-paper fixtures: each corpus paper extracted once per session, whichever test asks."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest


@pytest.fixture(scope="session")
def primary_frames() -> Callable[[Path], dict[str, pd.DataFrame]]:
    """Gives `benchmarks.primary_eval.extract`, remembered per path (the frames are only read)."""
    from benchmarks.primary_eval import extract

    return cache(extract)
