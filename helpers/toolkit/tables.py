"""Validated CSV tables: a schema per table, and a reader that names every problem.

A :class:`Table` lists its columns (kind, required, choices, pattern, range), its
unique key and its cross-field rules. :func:`read` checks the raw text of every cell
*before* converting it, collects every problem in the file, and raises one
:class:`DataError` naming the file, the 1-based line (the header is line 1), the
column, the offending value and what was expected. It never writes anything.

    spec = Table("rates", (date("day", True), Column("rate", "float", True, minimum=0)),
                 key=("day",))
    frame = read(spec, "data/rates.csv")

:func:`read_paragraphs` reads a text numbered ``N<TAB>paragraph`` the same way.

This module knows no table of any particular collection: the schemas live with the
analysis that owns the data (``helpers.analysis.data``). It is a compact hand-written
schema rather than pandera or Frictionless; data/README.md says why. pandas is
imported lazily so that importing this module stays cheap.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

__all__ = [
    "DataError",
    "Problem",
    "Column",
    "Table",
    "Row",
    "Rule",
    "text",
    "choice",
    "money",
    "date",
    "paired",
    "ordered",
    "unit_for",
    "precision_rule",
    "references",
    "same_within",
    "read",
    "read_paragraphs",
    "FORMULA_PREFIXES",
]


# --------------------------------------------------------------------------- errors
@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or the header, or a whole row).

    ``line`` is 1-based with the header on line 1 (None when the problem is the file
    itself, e.g. it does not exist); ``column`` is a column name, or ``(header)``,
    ``(row)``, ``(file)`` for problems that are not about one cell.
    """

    line: int | None
    column: str
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        got = "" if self.value is None else f": got {self.value!r}"
        return f"{where}, column {self.column!r}{got}; expected {self.expected}"


class DataError(ValueError):
    """A data file does not match its schema.  Lists every problem found in the file."""

    #: cap on the number of problems spelled out in the message (all are in .problems)
    SHOWN = 30

    def __init__(self, path: Path | str, problems: Iterable[Problem]):
        self.path = Path(path)
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.line if p.line is not None else 0, p.column)
        )
        n = len(self.problems)
        lines = [f"{self.path}: {n} problem{'s' if n != 1 else ''}"]
        lines += [f"  {self.path.name}: {p}" for p in self.problems[: self.SHOWN]]
        if n > self.SHOWN:
            lines.append(f"  ... and {n - self.SHOWN} more")
        super().__init__("\n".join(lines))


#: The folder of the file :func:`read` is validating (for rules that look at other tables).
_READING: ContextVar[Path] = ContextVar("reading", default=Path("."))

# --------------------------------------------------------------------------- schema
#: Dates outside this range are typos (a year 2206, a 1926 for 2026).
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2030, 12, 31)



@dataclass(frozen=True)
class Column:
    """One column: its kind (text, int, money, float or date) and its constraints."""

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    hint: str = ""  # shown in the error message, e.g. what the pattern means


@dataclass(frozen=True)
class Table:
    """A table's columns (in file order), unique key, cross-field rules (one row at a
    time) and table rules (all rows at once, e.g. "the same value for every row of a group").

    ``may_be_empty``: a header with no rows is valid (a log that has nothing in it yet);
    otherwise a header-only file is reported, since it usually means lost rows.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rules: tuple[Callable[["Row"], Iterable[tuple[str, str | None, str]]], ...] = ()
    table_rules: tuple[Callable[[list["Row"]], Iterable["Problem"]], ...] = ()
    may_be_empty: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def text(name, required=False, **kw) -> Column:
    """A text column (optionally with choices, a pattern and a hint)."""
    return Column(name, "text", required, **kw)


def choice(name, choices, required=True, hint: str = "") -> Column:
    """A text column whose value is one of *choices*."""
    return Column(name, "text", required, choices=tuple(choices), hint=hint)


def money(name, required=False) -> Column:
    """A whole, non-negative amount of currency units."""
    return Column(name, "money", required, minimum=0)


def date(name, required=False) -> Column:
    """An ISO date YYYY-MM-DD."""
    return Column(name, "date", required)



# --------------------------------------------------------------------------- rules
class Row:
    """A row during validation: raw strings, parsed values and the line of each cell."""

    def __init__(self, raw: dict[str, str], parsed: dict[str, object], lines: dict[str, int]):
        self.raw, self.parsed, self.lines = raw, parsed, lines

    def filled(self, col: str) -> bool:
        return bool(self.raw.get(col, ""))

    def get(self, col: str):
        return self.parsed.get(col)


Rule = Callable[[Row], Iterable[tuple[str, "str | None", str]]]


def paired(*pairs: tuple[str, str]) -> Rule:
    """An amount and its currency are filled together (money is never unit-less)."""

    def rule(row: Row):
        for amount, currency in pairs:
            if row.filled(amount) and not row.filled(currency):
                yield currency, "", f"a currency code because {amount} is filled"
            if row.filled(currency) and not row.filled(amount):
                yield amount, "", f"an amount because {currency} is filled"

    return rule


def ordered(*pairs: tuple[str, str]) -> Rule:
    """Date order: the later column must not precede the earlier one."""

    def rule(row: Row):
        for first, later in pairs:
            a, b = row.get(first), row.get(later)
            if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
                yield later, row.raw[later], f"a date on or after {first} ({a.isoformat()})"

    return rule


def unit_for(metric_units: dict[str, str]) -> Rule:
    """Each metric has exactly one unit, so a series can never mix people with envelopes."""

    def rule(row: Row):
        metric, unit = row.get("metric"), row.get("unit")
        if metric in metric_units and unit and unit != metric_units[metric]:
            yield "unit", unit, f"{metric_units[metric]!r} for metric {metric!r}"

    return rule


def precision_rule(row: Row):
    """A month- or year-precision date is stored as the first day of that month or year."""
    date, precision = row.get("date"), row.get("precision")
    if isinstance(date, dt.date):
        if precision == "month" and date.day != 1:
            yield "date", row.raw["date"], "the 1st of the month when precision is 'month'"
        if precision == "year" and (date.month, date.day) != (1, 1):
            yield "date", row.raw["date"], "1 January when precision is 'year'"
        if precision != "day" and row.filled("end_date"):
            yield "end_date", row.raw["end_date"], "empty unless precision is 'day'"


def references(column: str, known: Callable[[Path], Iterable[str]], what: str) -> Rule:
    """*column*, when filled, must be one of ``known(folder)`` (a key of another table): a
    foreign key.

    ``known`` gets the folder of the file being read, so a copy of a data folder is checked
    against the other tables of that copy; *what* names the other table in the message
    ("a term of data/glossary.csv").
    """

    def rule(row: Row):
        value = row.get(column)
        if value is None:
            return
        allowed = set(known(_READING.get()))
        if value not in allowed:
            listed = ", ".join(sorted(allowed)[:12]) + (", ..." if len(allowed) > 12 else "")
            yield column, row.raw[column], f"{what} ({listed})"

    return rule


def same_within(group: str, column: str) -> Callable[[list[Row]], Iterator[Problem]]:
    """Every row with the same *group* value has the same *column* value (e.g. a
    campaign's role): a later row that differs is reported against the first one."""

    def rule(rows: list[Row]):
        first: dict[object, Row] = {}
        for row in rows:
            key = row.get(group)
            if key is None:
                continue
            if key not in first:
                first[key] = row
            elif row.raw.get(column, "") != first[key].raw.get(column, ""):
                earlier = first[key]
                yield Problem(
                    row.lines.get(column),
                    column,
                    row.raw.get(column, ""),
                    f"{earlier.raw.get(column, '')!r} as on line {earlier.lines.get(column)} "
                    f"(every row of {group} {key!r} has the same {column})",
                )

    return rule



# --------------------------------------------------------------------------- cells
#: What makes a spreadsheet treat a cell as a formula (OWASP "CSV injection"): text
#: cells may not start with these. Numbers are parsed before this check, so a negative
#: number in a numeric column is still a number.
FORMULA_PREFIXES = ("=", "+", "-", "@")

_ASCII_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_ASCII_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:[,\u066c\u00a0\u202f _'][0-9]{3})+(?:\.[0-9]+)?")
_INVISIBLE = {"\ufeff": "byte-order mark (U+FEFF)", "\u200b": "zero-width space (U+200B)"}


def _non_ascii_digits(value: str) -> bool:
    return any(ch.isdigit() and not ch.isascii() for ch in value)


def _numeric_problem(col: Column, value: str) -> str | None:
    """Why a numeric-looking cell is rejected, in words; None when it is fine."""
    if _non_ascii_digits(value):
        return f"a {col.kind} in ASCII digits 0-9 (found non-ASCII digits, e.g. Arabic-Indic)"
    if _GROUPED.fullmatch(value):
        return f"a {col.kind} without thousands separators, e.g. {re.sub(r'[^0-9.-]', '', value)}"
    return None


def _parse(col: Column, value: str):
    """Parse one non-empty, stripped cell.  Returns (parsed, None) or (None, expectation)."""
    if col.kind in ("int", "money"):
        why = _numeric_problem(col, value)
        if why:
            return None, why
        if not _ASCII_INT.fullmatch(value):
            return None, (
                "a whole number of currency units (no decimals, no exponent)"
                if col.kind == "money"
                else "a whole number"
            )
        number = int(value)
        if col.kind == "money" and number < 0:
            return None, "a non-negative amount (money is never negative)"
    elif col.kind == "float":
        why = _numeric_problem(col, value)
        if why:
            return None, why
        if not _ASCII_FLOAT.fullmatch(value):
            return None, "a decimal number with a '.' decimal point, e.g. 6.9695"
        number = float(value)
    elif col.kind == "date":
        if _non_ascii_digits(value):
            return None, "an ISO date YYYY-MM-DD in ASCII digits (found non-ASCII digits)"
        if not _ISO_DATE.fullmatch(value):
            return None, "an ISO date YYYY-MM-DD"
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            return None, "a real calendar date YYYY-MM-DD"
        if not FIRST_DATE <= date <= LAST_DATE:
            return None, f"a date between {FIRST_DATE} and {LAST_DATE}"
        return date, None
    else:
        if value.startswith(FORMULA_PREFIXES):
            return None, (
                f"text that does not start with {' '.join(FORMULA_PREFIXES)}: a spreadsheet "
                "opening this table, or a CSV exported from it, would run the cell as a "
                "formula; reword it (e.g. 'up 75.7%' rather than '+75.7%')"
            )
        if col.choices and value not in col.choices:
            return None, f"one of {', '.join(col.choices)}" + (f" ({col.hint})" if col.hint else "")
        if col.pattern and not re.fullmatch(col.pattern, value):
            return None, col.hint or f"text matching {col.pattern}"
        return value, None
    if col.minimum is not None and number < col.minimum:
        return None, f"a value >= {col.minimum:g}"
    if col.maximum is not None and number > col.maximum:
        return None, f"a value <= {col.maximum:g}"
    return number, None


def _bad_characters(value: str) -> str | None:
    for ch, name in _INVISIBLE.items():
        if ch in value:
            return f"no {name} inside a cell"
    for ch in value:
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r":
            return f"no control character (found U+{ord(ch):04X})"
    return None


# --------------------------------------------------------------------------- reading
def _decode(path: Path, data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without a leading BOM, or a problem naming the line of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(1, "(file)", None, "UTF-8 text; this file is UTF-16 (re-save it as UTF-8)")
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = re.split(r"\r\n|\r|\n", data[: exc.start].decode("utf-8", errors="replace"))
        line, field_no = len(before), _fields_before(before[-1])
        first_line = re.split(r"\r\n|\r|\n", data.decode("utf-8", errors="replace"), maxsplit=1)[0]
        header = _split_plain(first_line)
        column = header[field_no].strip() if field_no < len(header) else f"(field {field_no + 1})"
        return None, [
            Problem(
                line,
                column,
                f"byte 0x{data[exc.start]:02X}",
                "UTF-8 text (was the file saved as Windows-1256 or Latin-1?)",
            )
        ]
    # A BOM at the very start is what Excel writes; harmless, so dropped.
    return text.removeprefix("\ufeff"), []


def _fields_before(text: str) -> int:
    """How many commas outside quotes precede the end of ``text`` (the index of its last cell)."""
    in_quote, commas = False, 0
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
        elif ch == "," and not in_quote:
            commas += 1
    return commas


def _split_plain(line: str) -> list[str]:
    """Split one line into cells, tolerating damage (used only to name columns in errors)."""
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return line.split(",")


def _quote_trouble(text: str, start_line: int, header: list[str]) -> Problem | None:
    """Find where a quoted cell went wrong in the record starting on ``start_line``.

    The csv module only reports where it *noticed* the damage ("unexpected end of data",
    "',' expected after '\"'"), often lines later.  Re-scan the record and name the cell whose
    opening quote is never closed, or is closed and then followed by more text.
    """
    lines = re.split(r"\r\n|\r|\n", text)
    rest = "\n".join(lines[start_line - 1 :])
    line, field_no, in_quote, at_field_start, just_closed = start_line, 0, False, True, False
    opened = (start_line, 0)
    i = 0
    while i < len(rest):
        ch = rest[i]
        if in_quote:
            if ch == '"' and rest[i + 1 : i + 2] == '"':
                i += 2
                continue
            if ch == '"':
                in_quote, just_closed = False, True
            elif ch == "\n":
                line += 1
            i += 1
            continue
        if just_closed and ch not in ",\n":
            column = header[opened[1]] if opened[1] < len(header) else f"(field {opened[1] + 1})"
            return Problem(
                opened[0],
                column,
                rest[i : i + 20],
                "nothing between a closing quote and the next comma (a quote inside a quoted "
                'cell is written twice, ""; or is a quote left open here?)',
            )
        just_closed = False
        if ch == '"' and at_field_start:
            in_quote, opened = True, (line, field_no)
        elif ch == ",":
            field_no += 1
        elif ch == "\n":
            return None  # the record ended cleanly: the trouble is elsewhere
        at_field_start = ch == ","
        i += 1
    if not in_quote:
        return None
    column = header[opened[1]] if opened[1] < len(header) else f"(field {opened[1] + 1})"
    return Problem(
        opened[0],
        column,
        None,
        "a closing double quote for the quoted cell that opens on this line",
    )


def _records(text: str, problems: list[Problem]) -> Iterator[tuple[int, list[str], list[int], int]]:
    """(start line, fields, line of each field, end line) for every non-blank record, header first.

    A CSV syntax error ends the iteration after appending a Problem to ``problems``.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            header = _split_plain(re.split(r"\r\n|\r|\n", text, maxsplit=1)[0])
            trouble = _quote_trouble(text, previous_end + 1, [h.strip() for h in header])
            problems.append(
                trouble
                or Problem(reader.line_num, "(row)", None, f"well-formed CSV quoting ({exc})")
            )
            return
        start, previous_end = previous_end + 1, reader.line_num
        if not fields or all(not f.strip() for f in fields):
            continue  # blank lines (e.g. a trailing empty line) carry nothing
        field_lines, line = [], start
        for f in fields:
            field_lines.append(line)
            line += len(re.findall(r"\r\n|\r|\n", f))
        yield start, fields, field_lines, previous_end


def _refuse_outside(path: Path) -> None:
    """Raise DataError if *path* is a link that leads out of the folder holding it.

    A table is a file in its folder (``data/``, a test corpus...). A symbolic link
    to somewhere else (``ln -s /etc/passwd data/context_fx.csv``) would have its
    content read and echoed in error messages; it is refused before any byte is
    read. Links that stay inside the folder are followed.
    """
    folder = path.absolute().parent.resolve()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links: read() reports it
        return
    if not target.is_relative_to(folder):
        raise DataError(
            path,
            [Problem(None, "(file)", None,
                     f"a file inside {folder.name}/; this is a link to a file outside "
                     "it, which is not read (replace the link by the file itself)")],
        )


def read(spec: Table, path: str | Path):
    """Read the CSV at *path*, validate it against *spec*, return a typed DataFrame.

    Column types: text -> ``str``; whole numbers and money -> ``Int64``; rates -> ``Float64``;
    dates -> ``datetime64[ns]``.  Empty optional cells are missing values.  Harmless
    formatting (a UTF-8 BOM, CRLF line ends, spaces around a cell, blank lines) is
    normalised; everything else that is wrong raises :class:`DataError` listing every
    problem with its line and column, including text cells a spreadsheet would run
    as formulas (they start with ``= + - @``).  The file is opened read-only, and
    not at all if it is a link leading out of its folder.
    """
    path = Path(path)
    _refuse_outside(path)
    token = _READING.set(path.parent)
    try:
        return _read(spec, path)
    finally:
        _READING.reset(token)


def _read(spec: Table, path: Path):
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(
            path, [Problem(None, "(file)", None, f"a readable file ({exc.strerror})")]
        ) from None
    text, problems = _decode(path, data)
    if text is None:
        raise DataError(path, problems)
    if not text.strip():
        raise DataError(path, [Problem(1, "(header)", "", "a header row: " + ",".join(spec.names))])

    records = _records(text, problems)
    first = next(records, None)
    if first is None:  # the header is unparseable, or every line is blank or only commas
        raise DataError(
            path,
            problems or [Problem(1, "(header)", None, "a header row: " + ",".join(spec.names))],
        )
    header = [h.strip() or f"(empty header cell {i + 1})" for i, h in enumerate(first[1])]
    if len(header) == 1 and len(spec.names) > 1 and re.search(r"[\t;|]", header[0]):
        problems.append(
            Problem(
                1,
                "(header)",
                header[0][:60],
                "comma-separated values; this header looks tab-, semicolon- or pipe-separated",
            )
        )
        raise DataError(path, problems)
    known = set(spec.names)
    for name in header:
        if name not in known:
            problems.append(Problem(1, name, name, "only known columns: " + ",".join(spec.names)))
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(1, name, name, "each column once"))
        seen.add(name)
    for name in spec.names:
        if name not in header:
            problems.append(Problem(1, name, None, "this column in the header"))
    position = {name: i for i, name in enumerate(header) if name in known}

    rows, checked, keys = [], [], {}
    for start, fields, field_lines, end in records:
        if len(fields) != len(header):
            if end > start:
                hint = f"; this record runs to line {end}: is a quote left open?"
            elif any(re.match(r'\s+"', f) for f in fields):
                hint = ": a space before an opening quote makes the quote plain text"
            else:
                hint = ": is a comma inside an unquoted cell?"
            problems.append(
                Problem(
                    start,
                    "(row)",
                    f"{len(fields)} fields",
                    f"{len(header)} fields, as in the header{hint}",
                )
            )
            continue
        raw, parsed, lines = {}, {}, {}
        for col in spec.columns:
            if col.name not in position:
                continue
            i = position[col.name]
            value, lines[col.name] = fields[i].strip(), field_lines[i]
            raw[col.name] = value
            bad = _bad_characters(value)
            if bad:
                problems.append(Problem(field_lines[i], col.name, value, bad))
                continue
            if not value:
                if col.required:
                    problems.append(Problem(field_lines[i], col.name, "", "a value (required)"))
                parsed[col.name] = None
                continue
            parsed[col.name], why = _parse(col, value)
            if why:
                problems.append(Problem(field_lines[i], col.name, value, why))
        row = Row(raw, parsed, lines)
        checked.append(row)
        for rule in spec.rules:
            for column, value, why in rule(row):
                problems.append(Problem(lines.get(column, start), column, value, why))
        if all(k in position for k in spec.key):
            key = tuple(raw[k] for k in spec.key)
            if key in keys:
                problems.append(
                    Problem(
                        start,
                        spec.key[0],
                        " / ".join(key),
                        f"a unique ({', '.join(spec.key)}); line {keys[key]} has the same",
                    )
                )
            keys.setdefault(key, start)
        rows.append(parsed)
    for table_rule in spec.table_rules:
        problems.extend(table_rule(checked))
    if not rows and not problems and not spec.may_be_empty:
        problems.append(Problem(2, "(row)", None, "at least one data row under the header"))
    if problems:
        raise DataError(path, problems)
    return _frame(spec, rows, path)


def _frame(spec: Table, rows: list[dict], path: Path):
    import pandas as pd  # lazy: keeps `import helpers.analysis.data` cheap

    dtypes = {"text": "str", "int": "Int64", "money": "Int64", "float": "Float64"}
    columns = {}
    for col in spec.columns:
        values = [r.get(col.name) for r in rows]
        if col.kind == "date":
            columns[col.name] = pd.to_datetime(pd.Series(values, dtype="object")).astype(
                "datetime64[ns]"
            )
        else:
            columns[col.name] = pd.Series(values, dtype=dtypes[col.kind])
    frame = pd.DataFrame(columns)
    frame.attrs.update(table=spec.name, path=str(path))
    return frame


# --------------------------------------------------------------------------- paragraphs
_PARAGRAPH_LINE = re.compile(r"(0|[1-9][0-9]*)\t(\S.*)")


def read_paragraphs(path: str | Path) -> dict[int, str]:
    """A numbered text as ``{paragraph number: text}``, numbers counting up from 0.

    Each line of the UTF-8 file is ``N<TAB>text``.  Raises DataError on any malformed
    line.  Cached by the file's path, modification time and size.
    """
    path = Path(path)
    _refuse_outside(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise DataError(
            path, [Problem(None, "(file)", None, f"a readable file ({exc.strerror})")]
        ) from None
    return dict(_read_paragraphs(str(path), stat.st_mtime_ns, stat.st_size))


_paragraph_cache: dict[tuple[str, int, int], dict[int, str]] = {}


def _read_paragraphs(path: str, mtime_ns: int, size: int) -> dict[int, str]:
    key = (path, mtime_ns, size)
    if key in _paragraph_cache:
        return _paragraph_cache[key]
    text, problems = _decode(Path(path), Path(path).read_bytes())
    paragraphs: dict[int, str] = {}
    if text is not None:
        for line_no, line in enumerate(text.splitlines(), 1):
            match = _PARAGRAPH_LINE.fullmatch(line)
            if not match:
                problems.append(
                    Problem(line_no, "(line)", line[:40], "N<TAB>text, N a paragraph number")
                )
                continue
            number = int(match.group(1))
            if number != len(paragraphs):
                problems.append(
                    Problem(line_no, "N", str(number), f"paragraph number {len(paragraphs)}")
                )
                continue
            paragraphs[number] = match.group(2)
        if not paragraphs and not problems:
            problems.append(Problem(1, "(line)", "", "at least the headline, numbered 0"))
    if problems:
        raise DataError(path, problems)
    _paragraph_cache[key] = paragraphs
    return paragraphs
