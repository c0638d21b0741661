"""litcurate: literature extraction and curation for preclinical pharmacology.

The package holds the parts around the pipeline: the exception hierarchy, storage of the
curated dataset and the command line. Extraction lives in `extractors`, table schemas in
`schemas` and orchestration in `flows`.
"""

__version__ = "0.1.0"
