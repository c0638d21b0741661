"""Command line: `python -m scripts.vocab_build` (or `python scripts/build_vocab.py`)."""

from __future__ import annotations

import sys

from .build import main

sys.exit(main())
