"""Shared helpers for the prose tests: where the collection writes prose, which ids it
cites there, and which numbers it states.

The reference test (tests/test_references.py) and the number test
(tests/test_prose_numbers.py) read the same texts:

- the markdown cells of the English notebooks and their Arabic translations
  (``notebooks/ar/prose.toml``), cell by cell, so that both editions are held to the same
  rules and to each other;
- string literals and comments in the notebooks' code cells and in ``helpers/analysis``
  and ``helpers/publish`` (docstrings, hints, templates);
- the word files (``helpers/analysis/words/<lang>.toml``), every sentence;
- what the figures say: ``figures/manifest.csv`` (title, caption, alt text) and each
  figure's words as its module renders them now (the source line is drawn into the image);
- the README, ``data/README.md``, ``docs/*.md`` and the text columns of the data tables.

Ids: claims ``CL01``, facts of ``data/source/facts.md`` (``A01``, ``W19``, ``D13``, gaps
``X01``), caveats ``C01``–``C16``; a range such as ``W01–W19`` (en dash, hyphen, "to" or
Arabic "إلى") stands for every id between its ends.

The number finders understand the collection's own ways of writing numbers (digits with
optional thousands commas and decimals; "bn", "billion", "m", "million", "%" and their
Arabic words; day-month dates in English and Arabic); they are narrow on purpose, so that
a wrong number is not "found" by accident.
"""
from __future__ import annotations

import ast
import csv
import functools
import io
import json
import re
import tokenize
import tomllib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from helpers.toolkit import paths

ROOT = paths.ROOT
FACTS_MD = paths.SOURCE / "facts.md"

# --------------------------------------------------------------------------- ids
_ID = r"(?:CL[0-9]{2}|[A-Z][0-9]{2})"
_EDGE_BEFORE = r"(?<![A-Za-z0-9_/$.#-])"
_EDGE_AFTER = r"(?![A-Za-z0-9_])"
#: One id, or a range of ids (en dash, hyphen, em dash, "to", Arabic "إلى").
ID_OR_RANGE = re.compile(
    rf"{_EDGE_BEFORE}(?P<first>{_ID}){_EDGE_AFTER}"
    rf"(?:\s*(?:–|-|—|\bto\b|إلى)\s*(?P<last>{_ID}){_EDGE_AFTER})?"
)


@functools.lru_cache(maxsize=1)
def fact_ids() -> frozenset[str]:
    """The ids of the facts in facts.md (A01 ... X03)."""
    text = FACTS_MD.read_text(encoding="utf-8")
    return frozenset(re.findall(r"^\| ([A-Z][0-9]{2}) \|", text, re.MULTILINE))


@functools.lru_cache(maxsize=1)
def caveat_ids() -> frozenset[str]:
    """The ids of the caveats in facts.md (C01 ... C16)."""
    text = FACTS_MD.read_text(encoding="utf-8")
    return frozenset(re.findall(r"\*\*(C[0-9]{2}) –", text))


@functools.lru_cache(maxsize=1)
def caveat_texts() -> dict[str, str]:
    """Caveat id -> its paragraph in facts.md (with its indented sub-items)."""
    text = FACTS_MD.read_text(encoding="utf-8")
    found, current = {}, None
    for line in text.splitlines():
        match = re.match(r"- \*\*(C[0-9]{2}) –", line)
        if match:
            current = match.group(1)
            found[current] = line
        elif current and line.startswith("  "):
            found[current] += "\n" + line
        else:
            current = None
    return found


@dataclass(frozen=True)
class Cited:
    """One id or range as written: the text, the ids it stands for, and where it is."""

    written: str
    first: str
    last: str | None
    start: int

    @property
    def is_range(self) -> bool:
        return self.last is not None

    def kind(self) -> str:
        return kind_of(self.first)

    def ids(self) -> list[str]:
        """Every id the citation stands for (a range: every number between its ends)."""
        if not self.last:
            return [self.first]
        prefix, a = _split(self.first)
        prefix_b, b = _split(self.last)
        if prefix != prefix_b or b <= a:
            return [self.first, self.last]  # reported by range_problems
        return [f"{prefix}{n:02d}" for n in range(a, b + 1)]


def _split(identifier: str) -> tuple[str, int]:
    return identifier[:-2], int(identifier[-2:])


def kind_of(identifier: str) -> str:
    """'claim', 'caveat' or 'fact'."""
    if identifier.startswith("CL"):
        return "claim"
    if identifier.startswith("C"):
        return "caveat"
    return "fact"


def cited(text: str) -> list[Cited]:
    """Every id and range in *text*, in order."""
    return [Cited(m.group(0), m.group("first"), m.group("last"), m.start())
            for m in ID_OR_RANGE.finditer(text)]


def cited_ids(text: str) -> set[str]:
    """Every id *text* cites, ranges expanded."""
    return {i for c in cited(text) for i in c.ids()}


def range_problems(citation: Cited) -> list[str]:
    """A range must join two ids of one kind, the first below the last."""
    if not citation.is_range:
        return []
    prefix, a = _split(citation.first)
    prefix_b, b = _split(citation.last)
    if prefix != prefix_b:
        return [f"range {citation.written!r} joins ids of two kinds"]
    if b <= a:
        return [f"range {citation.written!r} does not run upwards"]
    return []


# --------------------------------------------------------------------------- sentences
_SENTENCE_END = re.compile(r"(?<=[.;؛!?])\s+(?=[^a-z\s])|\n\s*\n|\n(?=\s*[-*|#] )")


def sentences(text: str) -> list[str]:
    """*text* cut into sentences (also at ';', blank lines, list items and table rows).

    Abbreviations the prose uses ("No. 1", "e.g.") do not end a sentence: the next
    character must not be a lower-case letter."""
    parts = _SENTENCE_END.split(text)
    return [p.strip() for p in parts if p and p.strip()]


def paragraphs(text: str) -> list[str]:
    """Markdown paragraphs: blocks between blank lines, and each list item on its own."""
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        items = re.split(r"\n(?=\s*[-*] )", block)
        blocks += [b.strip() for b in items if b.strip()]
    return blocks


# --------------------------------------------------------------------------- texts
@dataclass(frozen=True)
class Text:
    """A piece of prose: where it is (``origin``), what kind, its language, the text."""

    origin: str
    kind: str  # markdown, code, words, manifest, figure, doc, data
    lang: str
    text: str
    notebook: str = ""
    cell: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def source_notebooks() -> list[Path]:
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _cell_text(cell) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


@functools.lru_cache(maxsize=1)
def prose_ar() -> dict:
    with open(paths.NOTEBOOKS / "ar" / "prose.toml", "rb") as handle:
        return tomllib.load(handle)


def markdown_cells(lang: str) -> list[Text]:
    """Every markdown cell of the source notebooks, in *lang* ("en": the notebook itself;
    "ar": its translation in notebooks/ar/prose.toml, which the edition is built from)."""
    out = []
    for path in source_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            if lang == "en":
                text = _cell_text(cell)
                origin = f"notebooks/{path.name} cell {cell['id']}"
            else:
                entry = prose_ar().get(path.stem, {}).get(cell["id"], {})
                text = str(entry.get("text", ""))
                origin = f"notebooks/ar/prose.toml [\"{path.stem}\".{cell['id']}]"
            out.append(Text(origin, "markdown", lang, text, path.stem, cell["id"]))
    return out


def _python_strings(source: str, origin: str) -> list[Text]:
    """String literals and comments of Python source (docstrings, hints, messages)."""
    out = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):  # a cell with IPython magic: read it whole
        return [Text(origin, "code", "en", source)]
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            out.append(Text(f"{origin}:{tok.start[0]}", "code", "en", tok.string))
        elif tok.type == tokenize.STRING:
            try:
                value = ast.literal_eval(tok.string)
            except (ValueError, SyntaxError):  # an f-string: its literal parts are enough
                value = tok.string
            if isinstance(value, bytes):
                continue
            out.append(Text(f"{origin}:{tok.start[0]}", "code", "en", str(value)))
        elif tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            out.append(Text(f"{origin}:{tok.start[0]}", "code", "en", tok.string))
    return out


def code_strings() -> list[Text]:
    """Strings and comments in the notebooks' code cells and in helpers/analysis and
    helpers/publish."""
    out = []
    for path in source_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                out += _python_strings(_cell_text(cell), f"notebooks/{path.name} cell {cell['id']}")
    for folder in ("analysis", "publish"):
        for path in sorted((paths.ROOT / "helpers" / folder).rglob("*.py")):
            out += _python_strings(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    return out


def leaves(tree, prefix=""):
    """(dotted key, value) for every leaf of a word file's tree."""
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from leaves(value, path + ".")
        else:
            yield path, value


def word_sentences(lang: str) -> list[Text]:
    """Every sentence (template) of the word file of *lang*, keyed by its dotted key."""
    from helpers.analysis import words

    out = []
    for key, value in leaves(words.of(lang).tree):
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str):
                out.append(Text(f"helpers/analysis/words/{lang}.toml {key}", "words", lang, v,
                                extra={"key": key}))
    return out


def manifest_rows() -> list[dict]:
    with open(paths.ROOT / "figures" / "manifest.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def manifest_texts() -> list[Text]:
    """Title, caption and alt text of every figure in figures/manifest.csv."""
    out = []
    for row in manifest_rows():
        for column in ("title", "caption", "alt"):
            out.append(Text(f"figures/manifest.csv {row['name']} ({row['lang']}) {column}", "manifest",
                            row["lang"], row[column], extra={"figure": row["name"], "column": column}))
    return out


def documents() -> list[Text]:
    """README.md, data/README.md and docs/*.md (English)."""
    files = [paths.ROOT / "README.md", paths.DATA / "README.md", *sorted((paths.ROOT / "docs").glob("*.md"))]
    return [Text(p.relative_to(ROOT).as_posix(), "doc", "en", p.read_text(encoding="utf-8"))
            for p in files]


#: Prose columns of the data tables and the language each is written in.
DATA_PROSE = {"note": "en", "note_ar": "ar", "method": "en", "why": "en", "why_ar": "ar",
              "title_en": "en", "gloss_en": "en", "incentives": "en", "definition_en": "en"}


def data_texts() -> list[Text]:
    """The text columns of the data tables that are prose (notes, methods, titles, the
    claims' notes and the corrections log's reasons in each language)."""
    from helpers.analysis import data

    out = []
    for table in (*data.tables(), *data.record_tables()):
        path = data.path_for(table)
        with open(path, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), 2):
                for column, lang in DATA_PROSE.items():
                    if row.get(column):
                        out.append(Text(f"data/{path.name}:{line} {column}", "data", lang, row[column],
                                        extra={"table": table, "row": row, "column": column}))
    return out


# --------------------------------------------------------------------------- outputs
class _TextOnly(HTMLParser):
    """The text of an HTML fragment (no attributes, so no data: URLs or styles)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(fragment: str) -> str:
    parser = _TextOnly()
    parser.feed(fragment)
    return " ".join(parser.parts)


_URL = re.compile(r"https?://\S+")


def output_text(path: Path) -> str:
    """Everything a reader sees in a notebook's committed outputs: stream text, text and
    HTML results (the text, not the markup), and each image's alt text; URLs removed
    (their digits are not numbers a reader reads)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(_cell_text({"source": out.get("text", "")}))
            data = out.get("data", {})
            for mime, value in data.items():
                text = value if isinstance(value, str) else "".join(value)
                if mime == "text/plain":
                    parts.append(text)
                elif mime == "text/html":
                    parts.append(html_text(text))
            for meta in out.get("metadata", {}).values():
                if isinstance(meta, dict) and meta.get("alt"):
                    parts.append(meta["alt"])
    return _URL.sub(" ", "\n".join(parts))


def edition_path(notebook: str, lang: str) -> Path:
    return paths.NOTEBOOKS / (f"{notebook}.ipynb" if lang == "en" else f"{lang}/{notebook}.ipynb")


# --------------------------------------------------------------------------- numbers
MONTHS_EN = {m: i for i, m in enumerate(
    ("january february march april may june july august september october november december").split(), 1)}
MONTHS_EN.update({m[:3]: i for m, i in list(MONTHS_EN.items())})
MONTHS_EN["sept"] = 9
MONTHS_AR = {"يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6,
             "يوليو": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12}
#: Month names as prose writes them: English capitalised ("May", never the verb "may").
_MONTH = "|".join(sorted([*(m.capitalize() for m in MONTHS_EN), *MONTHS_AR], key=len, reverse=True))
#: Scale words after a number, and what they multiply by ("%" and "×" keep the number).
SCALES = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "thousand": 1e3,
          "مليار": 1e9, "مليارات": 1e9, "مليون": 1e6, "ملايين": 1e6, "ألف": 1e3, "آلاف": 1e3,
          "%": 1, "×": 1}
_SCALE = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![A-Za-z0-9_.,/:])(?P<sign>[-−])?(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?![0-9])(?:\s?(?P<scale>{_SCALE})(?![A-Za-z\u0600-\u06ff]))?")
_DAY_MONTH = re.compile(
    rf"(?<![0-9.])(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\.?(?![A-Za-z\u0600-\u06ff])(?:,?\s+(?P<y>\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?![0-9])(?:,\s*(?P<y>\d{{4}}))?")
_MONTH_YEAR = re.compile(rf"(?<![A-Za-z\u0600-\u06ff])(?P<m>{_MONTH})\.?\s+(?P<y>\d{{4}})(?![0-9])")
#: "16:9" (a shape) and "20:00" (a time of day): read whole, never as two numbers.
_COLON = re.compile(r"(?<![0-9])(?P<a>\d{1,2}):(?P<b>\d{1,2})(?![0-9])")
_ISO = re.compile(r"(?<![0-9])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![0-9])")
_YEAR = re.compile(r"^(19[5-9][0-9]|20[0-3][0-9])$")
#: Tokens that carry digits but are names, not numbers: model and product names (R1,
#: V3.2, Qwen2.5-Max, COVID-19), quarters (Q3), and ids, which the reference test reads.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.]*[0-9][A-Za-z0-9_.]*(?:-[A-Za-z0-9.]+)*|[A-Za-z]+-[0-9]+")
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"\]\([^)]*\)")
#: References to the collection's own parts, which are numbers only by their form.
_STRUCTURAL = re.compile(
    r"(?P<para>¶\s?|\bparagraphs?\s+|الفقرت(?:ين|ان)\s+|الفقرات\s+|الفقرة\s+)(?P<p>\d)(?:\s*(?:and|و|،|,|–)\s*(?P<p2>\d))?"
    r"|(?P<nb>\bnotebooks?\s+|الدفتر(?:ين)?\s+|الدفاتر\s+)(?P<n>\d{2})"
    r"|^(?P<h>#\s+)(?P<hn>\d{2})\s+·", re.MULTILINE)


def _mask(text: str, pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class Mention:
    """A number as a reader reads it: a value (with its scale), a date, a year, or a
    reference to the collection's own parts (a paragraph, a notebook)."""

    kind: str  # value, date, year, ratio, time, paragraph, notebook
    written: str
    value: float | None = None
    scaled: float | None = None
    unit: str = ""
    date: tuple = ()  # (year or None, month, day or None)


def _float(n: str) -> float:
    return float(n.replace(",", ""))


def mentions(text: str) -> list[Mention]:
    """Every number *text* states, read as a reader would (see :class:`Mention`).

    Not read as numbers: code in backticks, link targets, URLs, ids (CL12, W01–W19) and
    names with digits (R1, Qwen2.5-Max, COVID-19, Q3). Numbers written as words ("nine
    days", "تسعة أيام") are not read: the collection writes its data numbers in digits."""
    text = text.replace("**", "  ").replace("\u202f", " ").replace("\xa0", " ")
    for pattern in (_CODE, _LINK, _URL, ID_OR_RANGE, _NAME):
        text = _mask(text, pattern)
    found: list[Mention] = []
    for m in _STRUCTURAL.finditer(text):
        if m.group("p") is not None:
            found += [Mention("paragraph", m.group(0), float(p)) for p in (m.group("p"), m.group("p2")) if p]
        else:
            found.append(Mention("notebook", m.group(0), float(m.group("n") or m.group("hn"))))
    text = _mask(text, _STRUCTURAL)
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY, _MONTH_YEAR):
        for m in pattern.finditer(text):
            month = MONTHS_EN.get(m.group("m").lower().rstrip(".")) or MONTHS_AR.get(m.group("m"))
            groups = m.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            day = int(groups["d"]) if groups.get("d") else None
            found.append(Mention("date", m.group(0).strip(), date=(year, int(month) if isinstance(month, int) else int(m.group("m")), day)))
        text = _mask(text, pattern)
    for m in _COLON.finditer(text):
        kind = "time" if len(m.group("b")) == 2 else "ratio"
        found.append(Mention(kind, m.group(0), int(m.group("a")) / int(m.group("b"))))
    text = _mask(text, _COLON)
    for m in _NUMBER.finditer(text):
        n = _float(m.group("n"))
        scale = m.group("scale") or ""
        if not scale and _YEAR.match(m.group("n")):
            found.append(Mention("year", m.group(0), n))
            continue
        value = -n if m.group("sign") and scale == "%" else n
        found.append(Mention("value", m.group(0).strip(), value, value * SCALES.get(scale, 1), scale))
    return found


@dataclass
class Evidence:
    """What a prose number may be matched against: values, dates and years."""

    values: set = field(default_factory=set)
    dates: set = field(default_factory=set)
    years: set = field(default_factory=set)

    def add_text(self, text: str) -> "Evidence":
        for m in mentions(text):
            if m.kind == "value":
                self.values |= {m.value, m.scaled, abs(m.value)}
            elif m.kind == "date":
                self.dates.add(m.date)
                if m.date[0]:
                    self.years.add(m.date[0])
            elif m.kind == "year":
                self.years.add(int(m.value))
                self.values.add(m.value)
        return self

    def add_value(self, value) -> "Evidence":
        self.values.add(float(value))
        return self

    def add_date(self, value) -> "Evidence":
        self.dates.add((value.year, value.month, value.day))
        self.years.add(value.year)
        return self

    def has_value(self, mention: Mention) -> bool:
        want = mention.scaled if mention.unit not in ("", "%", "×") else mention.value
        return any(abs(want - v) <= 1e-9 * max(1.0, abs(v)) for v in self.values)

    def has_date(self, mention: Mention) -> bool:
        year, month, day = mention.date
        for y, m, d in self.dates:
            if m == month and (year is None or y is None or y == year) and (day is None or d == day):
                return True
        return False

    def has(self, mention: Mention) -> bool:
        if mention.kind == "value":
            return self.has_value(mention)
        if mention.kind == "date":
            return self.has_date(mention)
        if mention.kind == "year":
            return int(mention.value) in self.years
        return True


# --------------------------------------------------------------------------- reference rules
def known_ids() -> dict[str, frozenset[str]]:
    """What an id may name: the claims of claims.csv, the facts and caveats of facts.md."""
    from helpers.analysis import data

    return {"claim": frozenset(data.load("claims")["claim_id"]), "fact": fact_ids(),
            "caveat": caveat_ids()}


def unresolved(text: str, known: dict) -> list[str]:
    """Every id or range in *text* that names nothing (or a range that is not one)."""
    problems = []
    for c in cited(text):
        problems += range_problems(c)
        for identifier in c.ids():
            if identifier not in known[kind_of(identifier)]:
                what = {"claim": "data/claims.csv", "fact": "facts.md", "caveat": "facts.md's caveats"}
                problems.append(f"{c.written!r}: {identifier} is not in {what[kind_of(identifier)]}")
    return problems


@functools.lru_cache(maxsize=1)
def table_fact_ids() -> dict[str, frozenset[str]]:
    """Table name -> the facts.md ids its rows come from."""
    from helpers.analysis import data

    out = {}
    for table in data.tables():
        frame = data.load(table)
        out[table] = frozenset(frame["fact_id"].dropna()) if "fact_id" in frame else frozenset()
    return out


def _table_pattern(tables, group: bool = True) -> re.Pattern:
    names = "|".join(sorted(tables, key=len, reverse=True))
    return re.compile(r"`?(?:data/)?\b(" + ("" if group else "?:") + names + r")\.csv\b`?")


def table_problems(text: str, tables: dict[str, frozenset[str]]) -> list[str]:
    """Ids cited *for a table* must be in it.

    - ids in parentheses right after a table's file name (`context_fx.csv` (facts F01–F05)),
      or after a list of them (events.csv, context_users.csv (...): in one of the two);
    - a range in a sentence that names one table, and nothing else (a range is the easy
      place for an id that is not there to hide: "W01–W19").
    """
    pattern = _table_pattern(tables)
    one = _table_pattern(tables, group=False).pattern
    listed = re.compile(rf"({one}(?:\s*(?:,|،|\band\b|و)\s*{one})*)\s*\(([^)]*)\)")
    problems = []
    for m in listed.finditer(text):
        named = pattern.findall(m.group(1))
        held = frozenset().union(*(tables[t] for t in named))
        for identifier in sorted(i for i in cited_ids(m.group(2)) if kind_of(i) == "fact"):
            if identifier not in held:
                problems.append(f"{m.group(0)[:80]!r}: {identifier} is not a row of "
                                f"{' or '.join(t + '.csv' for t in named)}")
    for sentence in sentences(text):
        named = set(pattern.findall(sentence))
        if len(named) != 1:
            continue
        table = named.pop()
        for c in cited(sentence):
            if c.is_range and c.kind() == "fact":
                missing = [i for i in c.ids() if i not in tables[table]]
                if missing:
                    problems.append(f"{c.written!r} in a sentence about {table}.csv: "
                                    f"{', '.join(missing)} not in that table")
    return problems


def readme_sections(text: str):
    """(table, first paragraph) for each "### `<table>.csv`" section of data/README.md."""
    for m in re.finditer(r"^### `(\w+)\.csv`\n+(.*?)(?=\n\s*\n)", text, re.MULTILINE | re.DOTALL):
        yield m.group(1), m.group(2)


def section_problems(table: str, paragraph: str, tables: dict[str, frozenset[str]]) -> list[str]:
    """The ranges in a table's section introduction must be rows of that table."""
    problems = []
    for c in cited(paragraph):
        if c.is_range and c.kind() == "fact":
            missing = [i for i in c.ids() if i not in tables[table]]
            if missing:
                problems.append(f"section {table}.csv cites {c.written!r}: {', '.join(missing)} not in it")
    return problems


def drawn_problems(text: str, drawn: dict[str, frozenset[str]]) -> list[str]:
    """A figure's words may cite only the facts (and claims) its data draw."""
    problems = []
    for c in cited(text):
        for identifier in c.ids():
            kind = kind_of(identifier)
            if kind in drawn and identifier not in drawn[kind]:
                problems.append(f"{c.written!r}: {identifier} is not drawn (not in the figure's data)")
    return problems


_QUOTED = re.compile(r"[\"“«]([^\"”»]{3,}?)[\"”»]")


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"“”«»'‘’.,;:!?()]", " ", text.lower())).strip()


def _full_sentences(text: str) -> list[str]:
    """Sentences cut at full stops only (a ';' keeps a quote and its claim together)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[^a-z\s])|\n\s*\n|\n(?=\s*[-*|#] )", text)
    return [p.strip() for p in parts if p and p.strip()]


def _in_order(quote: str, text: str) -> bool:
    """Are the quote's words in *text*, in order (a quotation may leave words out:
    "almost three times each" of "almost three times what each of ...")?"""
    words = iter(text.split())
    return all(any(w == t for t in words) for w in quote.split())


def claim_quote_problems(text: str, glosses: dict[str, str]) -> list[str]:
    """A claim cited next to quoted words of the article must be the claim that says them:
    in a sentence with quotes, each cited claim's gloss holds the words of one of the
    quoted phrases, in order."""
    problems = []
    for sentence in _full_sentences(text):
        quotes = [_normal(q) for q in _QUOTED.findall(sentence) if len(q.split()) >= 2]
        if not quotes:
            continue
        for identifier in sorted(i for i in cited_ids(sentence) if kind_of(i) == "claim"):
            gloss = _normal(glosses.get(identifier, ""))
            if not any(_in_order(q, gloss) for q in quotes):
                problems.append(f"{identifier} is cited for {', '.join(repr(q) for q in quotes)}, "
                                f"but its claim says {glosses.get(identifier, '?')!r}")
    return problems


def paragraph_quote_problems(text: str, lang: str, article: dict[int, str]) -> list[str]:
    """Words quoted with a paragraph reference ("today, Monday" (¶1), «اليوم الاثنين»
    (الفقرة 1)) must be in that paragraph of the article (the translation for English)."""
    pattern = re.compile(r"[\"“«]([^\"”»]+)[\"”»]\s*\((?:¶\s?|paragraph\s+|الفقرة\s+)(\d)\)")
    problems = []
    for m in pattern.finditer(text):
        quote, n = _normal(m.group(1)), int(m.group(2))
        if n not in article:
            problems.append(f"paragraph {n} does not exist")
        elif quote not in _normal(article[n]):
            found = [p for p, t in article.items() if quote in _normal(t)]
            where = f"; it is in paragraph {found[0]}" if found else ""
            problems.append(f"{m.group(1)!r} is not in paragraph {n} of the article ({lang}){where}")
    return problems


def verdict_statement_problems(text: str, verdicts: dict[str, str], labels: dict[str, str]) -> list[str]:
    """A verdict stated next to a check or a claim ("check `consumer_ai_push`: partly holds",
    "CL12 (partly holds)") must be that check's or claim's verdict. *labels* maps each
    verdict as the language writes it to the verdict."""
    words = "|".join(sorted((re.escape(w) for w in labels), key=len, reverse=True))
    pattern = re.compile(rf"(?:`(?P<check>[a-z0-9_]+)`|(?P<claim>CL[0-9]{{2}}))\s*[:(،,]\s*(?P<verdict>{words})")
    problems = []
    for m in pattern.finditer(text):
        key = m.group("check") or m.group("claim")
        said = labels[m.group("verdict")]
        if key in verdicts and verdicts[key] != said:
            problems.append(f"{m.group(0)!r}: {key} is {verdicts[key]!r}, not {said!r}")
    return problems


@functools.lru_cache(maxsize=None)
def row_evidence(fact_id: str) -> Evidence:
    """The numbers and dates of every table row that comes from *fact_id*."""
    from helpers.analysis import data

    evidence = Evidence()
    for table in data.tables():
        frame = data.load(table)
        if "fact_id" not in frame:
            continue
        rows = frame[frame["fact_id"].eq(fact_id)]
        for column in data.schema(table).columns:
            for value in rows[column.name].dropna():
                if column.kind in ("int", "money", "float") and column.name != "paragraph":
                    evidence.add_value(value)
                    if column.name == "year":
                        evidence.years.add(int(value))
                elif column.kind == "date":
                    evidence.add_date(value)
    return evidence
