"""A notebook's fingerprint: what it used when it last ran, and whether that changed.

The build records, while a notebook runs (see :mod:`helpers.publish.kernel`), the
data files it read, the folders it listed and the modules under the repository it
imported. Each goes into the notebook's own metadata with the SHA-256 of its
content, next to the digest of the notebook's cells and of the environment files
(``requirements.txt``, ``requirements.lock``)::

    "collection": {
      "inputs_sha256": "<one digest of everything below>",
      "inputs": {
        "cells": "<sha256>",
        "environment": {"requirements.lock": "<sha256>", ...},
        "files": {"data/context_fx.csv": "<sha256>", ...},
        "folders": {"tests/malformed": "<sha256 of the sorted names>"},
        "modules": {"helpers/toolkit/tables.py": "<sha256>", ...}
      }
    }

A notebook is up to date when every one of those hashes is still the same. Content,
not modification times: the decision is the same on a fresh clone. Editing a table
reruns only the notebooks that read it; editing code no notebook imports (the
publishing tools) reruns none. Standard library only, so that a no-op build stays
fast.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = [
    "METADATA_KEY",
    "DIGEST_KEY",
    "ENVIRONMENT_FILES",
    "Hasher",
    "cells_digest",
    "recorded_inputs",
    "combined_digest",
    "stamp",
    "stored_inputs",
    "stale_reason",
]

METADATA_KEY = "collection"
DIGEST_KEY = "inputs_sha256"
INPUTS_KEY = "inputs"
#: What pins the notebook's software: a change reruns every notebook.
ENVIRONMENT_FILES = ("requirements.txt", "requirements.lock")
MISSING = "missing"
_KINDS = ("files", "folders", "modules")


class Hasher:
    """SHA-256 of files and folder listings under *root*, each computed once."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._cache: dict[tuple[str, str], str] = {}

    def file(self, relative: str) -> str:
        key = ("file", relative)
        if key not in self._cache:
            try:
                data = (self.root / relative).read_bytes()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                self._cache[key] = MISSING
            else:
                self._cache[key] = hashlib.sha256(data).hexdigest()
        return self._cache[key]

    def folder(self, relative: str) -> str:
        key = ("folder", relative)
        if key not in self._cache:
            try:
                names = sorted(p.name for p in (self.root / relative).iterdir())
            except (FileNotFoundError, NotADirectoryError):
                self._cache[key] = MISSING
            else:
                self._cache[key] = hashlib.sha256("\n".join(names).encode()).hexdigest()
        return self._cache[key]

    def of(self, kind: str, relative: str) -> str:
        return self.folder(relative) if kind == "folders" else self.file(relative)

    def environment(self) -> dict[str, str]:
        return {
            name: digest
            for name in ENVIRONMENT_FILES
            if (digest := self.file(name)) != MISSING
        }


def cells_digest(nb: dict) -> str:
    """Fingerprint of what a notebook asks to run: cell types, sources, tags."""
    cells = [
        {
            "type": c["cell_type"],
            "source": "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
            "tags": c.get("metadata", {}).get("tags", []),
        }
        for c in nb["cells"]
    ]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def recorded_inputs(nb: dict, record: dict, hasher: Hasher) -> dict:
    """The inputs block for *nb* from a kernel's *record* (lists of relative paths)."""
    inputs = {"cells": cells_digest(nb), "environment": hasher.environment()}
    for kind in _KINDS:
        inputs[kind] = {path: hasher.of(kind, path) for path in sorted(record.get(kind, []))}
    return inputs


def combined_digest(inputs: dict) -> str:
    """One digest of an inputs block (what ``inputs_sha256`` holds)."""
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def stamp(nb, inputs: dict) -> None:
    """Store *inputs* and their digest in the notebook's metadata (nbformat node or dict)."""
    # Keep what else the collection records there (an edition's language and source).
    kept = {k: v for k, v in nb["metadata"].get(METADATA_KEY, {}).items() if k not in (DIGEST_KEY, INPUTS_KEY)}
    nb["metadata"][METADATA_KEY] = {**kept, DIGEST_KEY: combined_digest(inputs), INPUTS_KEY: inputs}


def stored_inputs(nb: dict) -> dict | None:
    """The inputs block saved by the last successful build, or None."""
    block = nb.get("metadata", {}).get(METADATA_KEY, {})
    inputs = block.get(INPUTS_KEY) if isinstance(block, dict) else None
    return inputs if isinstance(inputs, dict) else None


def current_inputs(nb: dict, hasher: Hasher) -> dict | None:
    """The stored inputs block with every hash recomputed from the tree as it is now."""
    stored = stored_inputs(nb)
    if stored is None:
        return None
    current = {"cells": cells_digest(nb), "environment": hasher.environment()}
    for kind in _KINDS:
        current[kind] = {path: hasher.of(kind, path) for path in stored.get(kind, {})}
    return current


def stale_reason(nb: dict, hasher: Hasher) -> str | None:
    """Why *nb* must run again, in a few words; None when it is up to date."""
    stored = stored_inputs(nb)
    if stored is None:
        return "no record of its inputs (never built by make)"
    current = current_inputs(nb, hasher)
    if current["cells"] != stored.get("cells"):
        return "its cells changed"
    if current["environment"] != stored.get("environment"):
        changed = sorted(set(current["environment"].items()) ^ set(stored.get("environment", {}).items()))
        return f"{changed[0][0]} changed"
    for kind in _KINDS:
        for path, digest in current[kind].items():
            if digest != stored[kind][path]:
                return f"{path} {'is gone' if digest == MISSING else 'changed'}"
    if combined_digest(current) != nb["metadata"][METADATA_KEY].get(DIGEST_KEY):
        return "its stored fingerprint does not match its inputs"
    return None
