"""The built vocabulary (`vocab_tables`) cached on disk, so a process is ready in well under a second.

The cache file is named by a key: a digest of every vocabulary file, of the source of the
modules that build the tables (tokenizer rules included) and of the spaCy version. Change any
of them and the key changes, so a stale file is never read. The file is written whole to a
temporary name and renamed into place (atomic: another process reads the old file or the new
one, never half of one); a file that does not load or does not hold what it should is built
again and replaced, not trusted. It is plain msgpack (strings, numbers, lists), not pickle.

Where: `$LITCURATE_CACHE_DIR` when set (empty: no disk cache), else
`$XDG_CACHE_HOME/litcurate`, else `~/.cache/litcurate`. A cache folder that cannot be written
costs the build in each process, nothing else. This is the only file extractors write, and it
is derived data, never dataset output.
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.attrs import LOWER, ORTH

from extractors.entities.vocab import VOCAB_PACKAGE, VocabEntry
from extractors.entities.vocab_tables import BuiltVocabulary, PhraseTable, build_vocabulary

FORMAT = 1  # of the file's content; bumped when its layout changes
_KEEP = 3  # cache files of other keys kept (other checkouts on the same machine)
_BUILD_SOURCES = ("vocab.py", "vocab_tables.py", "vocab_cache.py", "tokenizer.py")


def cache_dir() -> Path | None:
    """Gives the folder of the cache file, or None when the disk cache is turned off."""
    explicit = os.environ.get("LITCURATE_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "litcurate"


def vocabulary_key() -> str:
    """Gives the digest of the vocabulary files and of the code that builds from them."""
    digest = hashlib.sha256(f"format {FORMAT} spacy {spacy.__version__}\n".encode())
    for item in sorted(resources.files(VOCAB_PACKAGE).iterdir(), key=lambda p: p.name):
        if item.name.endswith(".tsv"):
            digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    here = Path(__file__).parent
    for name in _BUILD_SOURCES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def to_payload(built: BuiltVocabulary, key: str) -> dict[str, Any]:
    """Gives the built vocabulary as plain data for msgpack."""
    return {
        "format": FORMAT,
        "key": key,
        "entries": [[e.id, e.norm, e.label, list(e.synonyms), e.source, e.extra] for e in built.entries],
        "forms": built.forms,
        "exact": [[list(k), [list(c) for c in v]] for k, v in built.exact.table.items()],
        "lower": [[list(k), [list(c) for c in v]] for k, v in built.lower.table.items()],
    }


def from_payload(data: Any, key: str) -> BuiltVocabulary:
    """Gives the built vocabulary a payload holds (read with tuples for arrays).

    Raises ValueError when the payload is not one of this format and key.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        raise ValueError("not a vocabulary cache of this format and key")
    entries = tuple(
        VocabEntry(i, norm, label, tuple(syns), source, dict(extra))
        for i, norm, label, syns, source, extra in data["entries"]
    )
    forms = dict(data["forms"])
    if any(not 0 <= i < len(entries) for i in forms.values()):
        raise ValueError("a surface form points past the entries")
    exact, lower = dict(data["exact"]), dict(data["lower"])
    if not exact or not lower or not all(isinstance(k, tuple) and k for k in exact):
        raise ValueError("empty or malformed token tables")
    return BuiltVocabulary(
        entries, forms, PhraseTable.from_table(ORTH, exact), PhraseTable.from_table(LOWER, lower)
    )


def _read(path: Path, key: str) -> BuiltVocabulary | None:
    # Hundreds of thousands of new objects and no garbage among them: without the collector
    # paused, its full passes over them cost more than the read itself.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return from_payload(srsly.msgpack_loads(path.read_bytes(), use_list=False), key)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001  (a corrupt or foreign file: any failure means build again)
        return None
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, path: Path, built: BuiltVocabulary, key: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(srsly.msgpack_dumps(to_payload(built, key)))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        others = sorted(folder.glob("vocabulary-*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in [p for p in others if p != path][_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # read-only or full: the next process builds again, nothing else is lost


def load_or_build() -> BuiltVocabulary:
    """Gives the built vocabulary from the disk cache, building and caching it when missing."""
    key = vocabulary_key()
    folder = cache_dir()
    path = folder / f"vocabulary-{key}.msgpack" if folder else None
    built = _read(path, key) if path else None
    if built is None:
        built = build_vocabulary()
        if folder and path:
            _write(folder, path, built, key)
    return built


_LOCK = threading.Lock()
_BUILT: BuiltVocabulary | None = None


def built_vocabulary() -> BuiltVocabulary:
    """Gives the process-wide built vocabulary, loaded (or built) on first use."""
    global _BUILT
    with _LOCK:  # the pipeline warm-up thread and a lookup may ask at once: one load
        if _BUILT is None:
            _BUILT = load_or_build()
        return _BUILT
