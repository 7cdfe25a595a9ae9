"""The figures' manifest: one row per (figure, language) in ``figures/manifest.csv``.

Columns (:data:`MANIFEST_COLUMNS`): name, lang, title, caption, alt, notebook,
tables, then the exported files — png, svg, pdf and data — as paths relative
to the manifest's own folder (``02_budgets_cny.ar.png``; data is empty when
the figure has no CSV). Written by :func:`helpers.toolkit.figures.save`; read
by the build, the README, the HTML edition and the slide decks, all through
:func:`read_records` / :func:`read_manifest` here.

Every write also refreshes ``manifest.xlsx`` beside the CSV (:data:`EXCEL_NAME`):
the same rows as a workbook, so a presenter who double-clicks it sees the
Arabic as Arabic and every column in its own column, whatever the computer's
language. (A CSV, even UTF-8 with a byte-order mark, is split at the locale's
list separator, which is ``;`` in much of the world, and then opens as one
column.) Arabic rows are right-to-left in the workbook and the file columns
are links to the files.

Reading imports only the standard library (the HTML build loads neither
matplotlib nor anything else heavy); writing the workbook imports XlsxWriter.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from . import langs
from .files import atomic_write_bytes, folder_lock

__all__ = [
    "MANIFEST_NAME",
    "EXCEL_NAME",
    "MANIFEST_COLUMNS",
    "FILE_COLUMNS",
    "FORMATS",
    "ManifestError",
    "Record",
    "read_records",
    "read_manifest",
    "upsert_manifest",
    "write_manifest",
    "excel_path",
    "file_paths",
    "files_for",
]

MANIFEST_NAME = "manifest.csv"
EXCEL_NAME = "manifest.xlsx"
FORMATS = ("png", "svg", "pdf")
#: The exported files of a row, relative to the manifest's folder.
FILE_COLUMNS = (*FORMATS, "data")
MANIFEST_COLUMNS = ("name", "lang", "title", "caption", "alt", "notebook", "tables",
                    *FILE_COLUMNS)
# The layout before the file columns existed: still read (the files are then
# found by name), so a checkout with an older manifest builds; every write
# uses MANIFEST_COLUMNS.
_OLDER_COLUMNS = MANIFEST_COLUMNS[:7]
# A name and a language become parts of file names: nothing that climbs folders.
_SAFE_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# Fixed workbook dates: the same rows give the same bytes.
_EXCEL_DATE = dt.datetime(2000, 1, 1)


class ManifestError(ValueError):
    """manifest.csv is malformed; the message names the file, line and column.

    ``path``, ``line`` (None: the whole file), ``column`` (None: the whole
    line), ``key`` (the column's name, if it helps) and ``problem`` are kept
    so a caller can name the file its own way (:meth:`located`).
    """

    def __init__(self, path, line: int | None, column: int | None, problem: str,
                 key: str | None = None):
        self.path, self.line, self.column, self.key = Path(path), line, column, key
        self.problem = problem
        super().__init__(self.located(str(path)))

    def located(self, shown: str) -> str:
        """The message with the file shown as *shown*."""
        where = shown
        if self.line is not None:
            where += f": line {self.line}"
            if self.column:
                where += f", column {self.column}"
            if self.key:
                where += f" ({self.key})"
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Record:
    """One row of the manifest and the line of the file where it starts."""

    line: int
    row: dict


def read_records(path) -> list[Record]:
    """Every row of the manifest at *path*, with the line it starts on.

    An absent or empty file has no rows; blank lines are skipped. A row is
    returned as written (a repeated (name, lang) included: callers decide);
    a malformed file raises :class:`ManifestError` naming line and column.
    A byte-order mark (a copy saved by a spreadsheet) is accepted.
    """
    path = Path(path)
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise ManifestError(path, None, None, f"not UTF-8 text (byte {err.start + 1})") from err
    reader = csv.reader(io.StringIO(text, newline=""))
    lines = []
    previous_end = 0
    try:
        for values in reader:  # a quoted caption may span lines: note where each row starts
            lines.append((previous_end + 1, values))
            previous_end = reader.line_num
    except csv.Error as err:
        raise ManifestError(path, reader.line_num, 1, str(err)) from err
    if not lines:
        return []
    columns = _header(path, [h.strip() for h in lines[0][1]])
    records = []
    for line, values in lines[1:]:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise ManifestError(path, line, min(len(values), len(columns)) + 1,
                                f"{len(values)} fields, expected {len(columns)}")
        row = {key: value.strip() if key in ("name", "lang") else value
               for key, value in zip(columns, values)}
        for column, key in ((1, "name"), (2, "lang")):
            if not row[key]:
                raise ManifestError(path, line, column, "empty", key)
            if not _SAFE_PART.fullmatch(row[key]):
                raise ManifestError(path, line, column,
                                    f"{row[key]!r} is not a plain file-name part "
                                    f"(letters, digits, _ . -)", key)
        if columns == _OLDER_COLUMNS:
            row.update(file_paths(row["name"], row["lang"], path.parent))
        records.append(Record(line, row))
    return records


def _header(path: Path, header: list[str]) -> tuple[str, ...]:
    if tuple(header) == _OLDER_COLUMNS:
        return _OLDER_COLUMNS
    for column, (got, wanted) in enumerate(zip(header, MANIFEST_COLUMNS), start=1):
        if got != wanted:
            raise ManifestError(path, 1, column, f"header {got!r}, expected {wanted!r} "
                                f"(columns: {','.join(MANIFEST_COLUMNS)})")
    if len(header) != len(MANIFEST_COLUMNS):
        raise ManifestError(path, 1, None, f"{len(header)} columns, expected "
                            f"{len(MANIFEST_COLUMNS)} ({','.join(MANIFEST_COLUMNS)})")
    return MANIFEST_COLUMNS


def read_manifest(path) -> list[dict]:
    """The rows of a manifest.csv as dicts (an absent file has no rows)."""
    return [record.row for record in read_records(path)]


def upsert_manifest(rows, path) -> list[dict]:
    """Insert or replace *rows* in the manifest at *path*, one per (name, lang).

    Rows are sorted by name then lang; the CSV and its Excel copy are
    replaced atomically. Returns the rows now in the file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new_rows = _clean(rows)
    with folder_lock(path.parent):
        merged = {(row["name"], row["lang"]): row for row in read_manifest(path)}
        for row in new_rows:
            merged[(row["name"], row["lang"])] = row
        return _write(merged, path)


def write_manifest(rows, path) -> list[dict]:
    """Replace the manifest at *path* (and its Excel copy) with exactly *rows*.

    A later row for the same (name, lang) wins. Returns the rows written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    merged = {(row["name"], row["lang"]): row for row in _clean(rows)}
    with folder_lock(path.parent):
        return _write(merged, path)


def _clean(rows) -> list[dict]:
    cleaned = []
    for number, row in enumerate(rows, 1):
        unknown = set(row) - set(MANIFEST_COLUMNS)
        if unknown:
            raise ValueError(f"manifest row {number}: unknown columns {sorted(unknown)}")
        if not row.get("name") or not row.get("lang"):
            raise ValueError(f"manifest row {number}: name and lang are required: {row!r}")
        cleaned.append({column: str(row.get(column, "") or "") for column in MANIFEST_COLUMNS})
    return cleaned


def _write(merged: dict, path: Path) -> list[dict]:
    ordered = [merged[key] for key in sorted(merged)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in ordered:
        writer.writerow([row[column] for column in MANIFEST_COLUMNS])
    atomic_write_bytes(excel_path(path), _workbook(ordered))
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))
    return ordered


def excel_path(path) -> Path:
    """The Excel copy of the manifest at *path*: ``manifest.xlsx`` beside ``manifest.csv``."""
    path = Path(path)
    return path.with_name(EXCEL_NAME) if path.name == MANIFEST_NAME else path.with_suffix(".xlsx")


# Column widths in the workbook (characters): long texts wrap, file names fit.
_EXCEL_WIDTHS = {"name": 24, "lang": 6, "title": 40, "caption": 60, "alt": 60,
                 "notebook": 20, "tables": 18, "png": 30, "svg": 30, "pdf": 30, "data": 26}


def _workbook(rows: list[dict]) -> bytes:
    """The rows as an .xlsx: header frozen and filterable, Arabic right-to-left,
    file columns as links relative to the workbook's folder; fixed dates."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_urls": False})
    book.set_properties({"title": "Figures of the collection", "created": _EXCEL_DATE})
    sheet = book.add_worksheet("figures")
    header = book.add_format({"bold": True, "bottom": 1})
    text = {
        False: book.add_format({"text_wrap": True, "valign": "top"}),
        True: book.add_format({"text_wrap": True, "valign": "top", "reading_order": 2,
                               "align": "right"}),
    }
    link = book.add_format({"font_color": "blue", "underline": 1, "valign": "top"})
    for column, key in enumerate(MANIFEST_COLUMNS):
        sheet.set_column(column, column, _EXCEL_WIDTHS.get(key, 20))
        sheet.write_string(0, column, key, header)
    for number, row in enumerate(rows, start=1):
        rtl = langs.is_rtl(row["lang"])
        for column, key in enumerate(MANIFEST_COLUMNS):
            value = row[key]
            if key in FILE_COLUMNS and value:
                sheet.write_url(number, column, f"external:{value}", link, string=value)
            else:
                sheet.write_string(number, column, value, text[rtl and key in ("title", "caption", "alt")])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(MANIFEST_COLUMNS) - 1)
    book.close()
    return buffer.getvalue()


def file_paths(name: str, lang: str, folder) -> dict[str, str]:
    """The file columns of one figure: PNG, SVG, PDF for *lang*, and the CSV if present.

    Paths are relative to *folder* (the manifest's folder). The three figure
    files are always named (they must exist for a manifest row); ``data`` is
    ``<name>.csv`` only when that file exists in *folder*, else empty.
    """
    paths = {fmt: f"{name}.{lang}.{fmt}" for fmt in FORMATS}
    paths["data"] = f"{name}.csv" if (Path(folder) / f"{name}.csv").exists() else ""
    return paths


def files_for(name: str, lang: str, folder) -> list[Path]:
    """The files of one figure: PNG, SVG, PDF for *lang*, then the CSV if present."""
    folder = Path(folder)
    return [folder / relative for relative in file_paths(name, lang, folder).values() if relative]
