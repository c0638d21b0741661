"""The vocabularies in built form: entries, surface forms and token tables to match with.

Building them (deciding ~78k surface forms, tokenising those with punctuation) takes seconds,
and spaCy's PhraseMatcher adds every pattern again when it loads from disk. The built form
here is plain data (strings and spaCy's 64-bit token hashes), so `vocab_cache` keeps it on
disk, keyed by the vocabulary files and the code that builds it, and a process loads it in a
fraction of a second. Matching walks `doc.to_array(ORTH or LOWER)`, not Token objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extractors.entities.tokenizer import blank_english
from extractors.entities.vocab import PhraseEntry, VocabEntry, load_vocabularies, vocab_phrases

TokenKey = tuple[int, ...]  # token hashes (ORTH or LOWER) of one surface form
Concepts = tuple[tuple[str, str], ...]  # (label, id) of each concept a token sequence names
Match = tuple[str, str, int, int]  # label, id, start token, end token


@dataclass(frozen=True, slots=True)
class PhraseTable:
    """Token sequences -> the concepts they name, matched over one token attribute array.

    Finds what a spaCy PhraseMatcher over the same patterns finds: every occurrence, overlaps
    included, by start token and then by length.
    """

    attr: int  # spacy.attrs.ORTH (exact case) or LOWER (any case)
    table: dict[TokenKey, Concepts]
    lengths: dict[int, tuple[int, ...]]  # first token hash -> lengths of the sequences it starts
    # first two token hashes -> lengths of the sequences of two tokens or more they start
    pairs: dict[tuple[int, int], tuple[int, ...]]

    @classmethod
    def from_table(cls, attr: int, table: dict[TokenKey, Concepts]) -> PhraseTable:
        """Gives the table with its indexes of first tokens and first pairs of tokens."""
        lengths: dict[int, set[int]] = {}
        pairs: dict[tuple[int, int], set[int]] = {}
        for key in table:
            lengths.setdefault(key[0], set()).add(len(key))
            if len(key) > 1:
                pairs.setdefault(key[:2], set()).add(len(key))  # type: ignore[arg-type]
        return cls(
            attr,
            table,
            {h: tuple(sorted(ls)) for h, ls in lengths.items()},
            {p: tuple(sorted(ls)) for p, ls in pairs.items()},
        )

    def find(self, doc: Doc) -> list[Match]:
        """Gives (label, id, start, end) of every sequence of the table in the doc."""
        if not len(doc):
            return []
        hashes: list[int] = doc.to_array(self.attr).tolist()
        n, lengths, pairs, table = len(hashes), self.lengths, self.pairs, self.table
        out: list[Match] = []
        # The tokens that start a form, picked in C (`compress`): a Python loop over every
        # token cost more than the matching.
        for i in compress(range(n), map(lengths.get, hashes)):
            h = hashes[i]
            if lengths[h][0] == 1:
                hit = table.get((h,))
                if hit:
                    out.extend((label, entry_id, i, i + 1) for label, entry_id in hit)
            # Longer forms only of the lengths that start with these two tokens: `(` and `[`
            # start forms of up to 38 tokens, nearly all ruled out by their second token.
            for length in pairs.get((h, hashes[i + 1]), ()) if i + 1 < n else ():
                if i + length > n:
                    break
                hit = table.get(tuple(hashes[i : i + length]))
                if hit:
                    out.extend((label, entry_id, i, i + length) for label, entry_id in hit)
        return out


@dataclass(frozen=True, slots=True)
class BuiltVocabulary:
    """Every vocabulary entry, its surface forms, and the exact-case and any-case tables."""

    entries: tuple[VocabEntry, ...]
    forms: dict[str, int]  # lower-cased surface form -> index into entries
    exact: PhraseTable
    lower: PhraseTable


_SIMPLE_FORM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?: [A-Za-z][A-Za-z0-9]*)*")


def phrases_to_docs(nlp: Language, phrases: Sequence[PhraseEntry]) -> list[Doc]:
    """Gives one pattern Doc per phrase, tokenised as the tokenizer would tokenise it.

    Plain words separated by spaces tokenise to themselves, so their Docs are built
    directly; only forms with punctuation go through the tokenizer (the slow part).
    """
    docs: list[Doc | None] = [None] * len(phrases)
    hard: list[int] = []
    for i, p in enumerate(phrases):
        if _SIMPLE_FORM.fullmatch(p.form):
            docs[i] = Doc(nlp.vocab, words=p.form.split(" "))
        else:
            hard.append(i)
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    for i, doc in zip(hard, tokenizer.pipe(phrases[i].form for i in hard), strict=True):
        docs[i] = doc
    return [d for d in docs if d is not None]


def build_vocabulary() -> BuiltVocabulary:
    """Gives the vocabularies built from the TSV files (seconds: see `vocab_cache`)."""
    entries = load_vocabularies()
    phrases = vocab_phrases(entries)
    index = {id(e): i for i, e in enumerate(entries)}
    # As `lookup` always read it: the first phrase claiming a lower-cased form wins.
    forms = {p.form.lower(): index[id(p.entry)] for p in reversed(phrases)}
    nlp = blank_english()
    tables: dict[bool, dict[TokenKey, Concepts]] = {True: {}, False: {}}
    for phrase, doc in zip(phrases, phrases_to_docs(nlp, phrases), strict=True):
        if not len(doc):
            continue
        attr = ORTH if phrase.case_sensitive else LOWER
        key = tuple(int(h) for h in doc.to_array(attr).tolist())
        concept = (phrase.entry.label, phrase.entry.id)
        table = tables[phrase.case_sensitive]
        # Two forms that tokenise alike name each concept once, in the vocabulary's order.
        if concept not in table.get(key, ()):
            table[key] = (*table.get(key, ()), concept)
    return BuiltVocabulary(
        entries,
        forms,
        PhraseTable.from_table(ORTH, tables[True]),
        PhraseTable.from_table(LOWER, tables[False]),
    )
