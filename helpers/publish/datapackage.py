"""data/datapackage.json: the collection's tables as a Frictionless Data Package.

    python -m helpers.publish.datapackage            # write data/datapackage.json (if changed)
    python -m helpers.publish.datapackage --check    # exit 1 if the file is out of date

The descriptor is generated from the loader's own schemas (``helpers.analysis.data``,
built on ``helpers.toolkit.tables``), so a reader with any Frictionless tool (Python,
R, JavaScript, Open Data Editor) can open and validate the tables without this code.
Field descriptions come from the data dictionary in data/README.md.

How a loader column becomes a Table Schema field:

* kind: text -> ``string``; int and money -> ``integer`` (money also gets minimum 0);
  float -> ``number``; date -> ``date`` (ISO, between the loader's first and last date);
* required -> ``constraints.required``; choices -> ``constraints.enum``;
  pattern -> ``constraints.pattern`` (written without ``(?:`` groups, which XML Schema
  regular expressions, the spec's dialect, lack; the match is the same); minimum and
  maximum -> the same constraints;
* the table's key -> ``primaryKey`` where every key column is required, otherwise
  ``uniqueKeys`` (Data Package 2: unique, but a key column may be empty, as an article
  row's ``fact_id`` is);
* ``claims.verdict`` -> a foreign key to ``verdicts.verdict``.

What the package cannot say (checked by the loader and the tests instead): cross-field
rules (a quote in the right paragraph, money paired with a currency, date order), and
references to facts.md ids, which is a Markdown document, not a table.

The descriptor holds no timestamp, so it changes only when a schema or the README does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from helpers.toolkit import files, paths
from helpers.toolkit import tables as t

OUTPUT = paths.DATA / "datapackage.json"
README = paths.DATA / "README.md"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TYPES = {"text": "string", "int": "integer", "money": "integer", "float": "number",
         "date": "date"}
#: (table, column) -> (table, column) it refers to.
FOREIGN_KEYS = {("claims", "verdict"): ("verdicts", "verdict")}
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
ARTICLE_NOTE = (
    "The quote_ar column holds sentences of the article, © its publisher الاقتصادية (Al "
    "Eqtisadiah), quoted for criticism and review; they are not under CC BY 4.0."
)
OUTSIDE_NOTE = (
    "The quote column holds short excerpts © the publishers named in each row's source URL, "
    "quoted for attribution and verification; they are not under CC BY 4.0."
)


def _readme_descriptions(text: str) -> dict[str, dict[str, str]]:
    """{table: {column: meaning}} from the ``### `table.csv` `` sections of data/README.md."""
    described: dict[str, dict[str, str]] = {}
    sections = re.split(r"^### `([a-z_]+)\.csv`\s*$", text, flags=re.M)
    for name, body in zip(sections[1::2], sections[2::2]):
        columns = {}
        for line in body.split("\n## ")[0].splitlines():
            match = re.match(r"^\| `([a-z_]+)` \|(.*)\|\s*$", line)
            if match:
                cells = [c.strip() for c in match.group(2).split(" | ")]
                meaning = cells[-1] if cells else ""
                if meaning and meaning != "see Provenance":
                    columns[match.group(1)] = meaning
        described[name] = columns
    return described


def _pattern(regex: str) -> str:
    return regex.replace("(?:", "(")


def field(column: t.Column, description: str = "") -> dict:
    """The Table Schema field for one loader column."""
    out: dict = {"name": column.name, "type": TYPES[column.kind]}
    if column.kind == "date":
        out["format"] = "default"
    if description:
        out["description"] = description
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if column.pattern:
        constraints["pattern"] = _pattern(column.pattern)
    if column.kind == "date":
        constraints["minimum"] = t.FIRST_DATE.isoformat()
        constraints["maximum"] = t.LAST_DATE.isoformat()
    for bound in ("minimum", "maximum"):
        value = getattr(column, bound)
        if value is not None:
            constraints[bound] = int(value) if column.kind in ("int", "money") else value
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(spec: t.Table, descriptions: dict[str, str] | None = None) -> dict:
    """The Table Schema for one loader table."""
    descriptions = descriptions or {}
    schema: dict = {
        "fields": [field(c, descriptions.get(c.name, "")) for c in spec.columns],
        "missingValues": [""],
    }
    required = {c.name for c in spec.columns if c.required}
    if set(spec.key) <= required:
        schema["primaryKey"] = list(spec.key)
    else:
        schema["uniqueKeys"] = [list(spec.key)]
    foreign = [
        {"fields": [column], "reference": {"resource": target, "fields": [target_column]}}
        for (table, column), (target, target_column) in FOREIGN_KEYS.items()
        if table == spec.name
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def descriptor() -> dict:
    """The whole data package descriptor, as written to data/datapackage.json."""
    from helpers.analysis import data

    readme = _readme_descriptions(README.read_text(encoding="utf-8"))
    listed = _readme_files(README.read_text(encoding="utf-8"))
    resources = []
    for name in (*data.tables(), *data.record_tables()):
        spec = data.schema(name)
        resource = {
            "name": name,
            "path": spec.file,
            "type": "table",
            "$schema": RESOURCE_PROFILE,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": listed.get(spec.file, ""),
            "schema": table_schema(spec, readme.get(name)),
        }
        notes = [n for col, n in (("quote_ar", ARTICLE_NOTE), ("quote", OUTSIDE_NOTE))
                 if col in spec.names]
        if notes:
            resource["description"] = " ".join([resource["description"], *notes]).strip()
        resources.append(resource)
    return {
        "$schema": PROFILE,
        "name": "qwen-red-envelope-collection",
        "title": _collection_title(),
        "description": (
            "Hand-curated tables behind a notebook collection that analyses one Arabic news "
            "article (الاقتصادية, 2 Feb 2026) on Alibaba's CNY 3 bn Qwen AI campaign: the rival "
            "campaigns, a timeline, every checkable claim with its verdict, and the context "
            "series. Every row is sourced: article rows quote the article verbatim, outside "
            "rows carry a URL, a quote, a facts.md id and a confidence. See README.md beside "
            "this file for the data dictionary and the provenance policy."
        ),
        "licenses": [DATA_LICENCE],
        "sources": [
            {"title": "الاقتصادية (Al Eqtisadiah), the Arabic article of 2 Feb 2026, "
                      "in source/article.ar.txt"},
            {"title": "The team's sourced outside facts, in source/facts.md"},
        ],
        "resources": resources,
    }


def _readme_files(text: str) -> dict[str, str]:
    """{file: what it is} from the README's "Files" table."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"^\| `([a-z_]+\.csv)` \| (.*) \|\s*$", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


def _collection_title() -> str:
    """The collection's name: the README's first heading (also CITATION.cff's title)."""
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", readme, flags=re.M)
    return match.group(1).strip() if match else "qwen-red-envelope-collection"


def render() -> str:
    """The descriptor as the text of data/datapackage.json."""
    return json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish.datapackage",
                                     description="Write data/datapackage.json from the "
                                                 "loader's schemas.")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if data/datapackage.json is out of date")
    parser.add_argument("--out", type=Path, default=OUTPUT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    text = render()
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
    shown = args.out.name
    if args.check:
        if current != text:
            print(f"{shown} is out of date: run `python -m helpers.publish.datapackage` "
                  f"(or `make`)", file=sys.stderr)
            return 1
        print(f"{shown} is up to date")
        return 0
    if current == text:
        print(f"{shown}: unchanged")
        return 0
    files.atomic_write_text(args.out, text)
    print(f"{shown}: written ({len(json.loads(text)['resources'])} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
