"""The figures' manifest: one row per (figure, language) in ``figures/manifest.csv``.

Columns: name, lang, title, caption, alt, notebook, tables. Read by the build,
the README and the HTML edition; written by :func:`helpers.toolkit.figures.save`.
This module imports only the standard library (the HTML build does not load
matplotlib).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .files import atomic_write_bytes, folder_lock

__all__ = [
    "MANIFEST_NAME",
    "MANIFEST_COLUMNS",
    "FORMATS",
    "ManifestError",
    "read_manifest",
    "upsert_manifest",
    "files_for",
]

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("name", "lang", "title", "caption", "alt", "notebook", "tables")
FORMATS = ("png", "svg", "pdf")


class ManifestError(ValueError):
    """manifest.csv is malformed; the message names the file, line and column."""


def read_manifest(path) -> list[dict]:
    """The rows of a manifest.csv as dicts (an absent file has no rows)."""
    path = Path(path)
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            return []
        except csv.Error as exc:
            raise ManifestError(f"{path}: line 1, column 1: {exc}") from exc
        if tuple(header) != MANIFEST_COLUMNS:
            column = next(
                (i for i, (got, want) in enumerate(zip(header, MANIFEST_COLUMNS), 1)
                 if got != want),
                min(len(header), len(MANIFEST_COLUMNS)) + 1,
            )
            raise ManifestError(
                f"{path}: line 1, column {column}: header must be "
                f"{','.join(MANIFEST_COLUMNS)}, got {','.join(header)}"
            )
        rows = []
        try:
            for record in reader:
                line = reader.line_num
                if not record:
                    continue
                if len(record) != len(MANIFEST_COLUMNS):
                    column = min(len(record), len(MANIFEST_COLUMNS)) + 1
                    raise ManifestError(
                        f"{path}: line {line}, column {column}: "
                        f"expected {len(MANIFEST_COLUMNS)} fields, got {len(record)}"
                    )
                row = dict(zip(MANIFEST_COLUMNS, record))
                for column, key in ((1, "name"), (2, "lang")):
                    if not row[key]:
                        raise ManifestError(f"{path}: line {line}, column {column}: empty {key}")
                rows.append(row)
        except csv.Error as exc:
            raise ManifestError(f"{path}: line {reader.line_num}, column 1: {exc}") from exc
    return rows


def upsert_manifest(rows, path) -> list[dict]:
    """Insert or replace *rows* in the manifest at *path*, one per (name, lang).

    Rows are sorted by name then lang and the file is replaced atomically.
    Returns the rows now in the file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new_rows = []
    for number, row in enumerate(rows, 1):
        unknown = set(row) - set(MANIFEST_COLUMNS)
        if unknown:
            raise ValueError(f"manifest row {number}: unknown columns {sorted(unknown)}")
        if not row.get("name") or not row.get("lang"):
            raise ValueError(f"manifest row {number}: name and lang are required: {row!r}")
        new_rows.append({column: str(row.get(column, "") or "") for column in MANIFEST_COLUMNS})
    with folder_lock(path.parent):
        merged = {(row["name"], row["lang"]): row for row in read_manifest(path)}
        for row in new_rows:
            merged[(row["name"], row["lang"])] = row
        ordered = [merged[key] for key in sorted(merged)]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for row in ordered:
            writer.writerow([row[column] for column in MANIFEST_COLUMNS])
        atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))
    return ordered


def files_for(name: str, lang: str, folder) -> list[Path]:
    """The files of one figure: PNG, SVG, PDF for *lang*, then the CSV if present.

    The three figure files are always listed (they must exist for a manifest
    row); ``<name>.csv`` only when it exists in *folder* (data is optional).
    """
    folder = Path(folder)
    files = [folder / f"{name}.{lang}.{ext}" for ext in FORMATS]
    data = folder / f"{name}.csv"
    if data.exists():
        files.append(data)
    return files


