"""litcurate: literature extraction and curation for preclinical pharmacology.

The package holds the parts around the pipeline: the exception hierarchy, storage of the
curated dataset and the command line. Extraction lives in `extractors`, table schemas in
`schemas` and orchestration in `flows`.
"""

import os

__version__ = "0.1.0"

# Arrow's default allocator (mimalloc) keeps the pages that each chunk's frames and Parquet
# writes free: a run's process grew ~35 KB a document (265 -> 343 MB over 3,000 small ones);
# with the system's allocator it stays flat (279 MB), as fast. Arrow reads this when it is
# first imported, so it is set here, before any of litcurate imports it; a user's own choice
# wins. Worker processes inherit it.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
