"""The collection's editions: the English notebooks are the source, every other language is
generated from them and its translation file.

    python -m helpers.publish.editions            # write notebooks/<lang>/ for every edition
    python -m helpers.publish.editions --status   # list missing and stale translations
    python -m helpers.publish.editions --stub ar  # add the untranslated cells to the file

Why this design: one analysis, no copied code. The English notebook is edited in
JupyterLab like any notebook; an edition notebook (``notebooks/ar/02_budgets.ipynb``) is
written by this module from it: the same code cells (the edition's language in the
``parameters`` and ``findings`` cells), and every markdown cell replaced by its
translation from ``notebooks/<lang>/prose.toml``. The translation file is keyed by
notebook and cell id, and each entry records which English text it translates (the first
12 hex digits of its SHA-256), so a changed English cell shows up as a stale translation;
one file per language keeps a translator's work in one place.

An edition notebook is rewritten only when its cells change, so its committed outputs
stay until the build executes it again.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from helpers.toolkit import files, langs, paths

SOURCE_LANG = "en"
#: Code cells whose language literal is the edition's (tags).
EDITION_TAGS = ("parameters", "findings")
PROSE_FILE = "prose.toml"


class EditionError(RuntimeError):
    """A translation file is missing, unreadable or lacks a cell; the message says which."""


@dataclass(frozen=True)
class Problem:
    notebook: str
    cell: str
    kind: str  # "missing" or "stale"

    def __str__(self) -> str:
        return f"{self.notebook} / {self.cell}: translation {self.kind}"


def editions() -> tuple[str, ...]:
    """The languages with an edition besides the source language."""
    return tuple(lang for lang in langs.LANGS if lang != SOURCE_LANG)


def folder(lang: str) -> Path:
    return paths.NOTEBOOKS / lang


def sources() -> list[Path]:
    """The source notebooks, in reading order."""
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def fingerprint(text: str) -> str:
    """Which English text a translation translates: 12 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _source_text(cell) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def read_prose(lang: str) -> dict:
    path = folder(lang) / PROSE_FILE
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise EditionError(f"{path.relative_to(paths.ROOT)}: not valid TOML ({exc})") from None


def problems(lang: str) -> list[Problem]:
    """Every markdown cell of every source notebook whose translation is missing or stale."""
    prose = read_prose(lang)
    found = []
    for path in sources():
        nb = json.loads(path.read_text(encoding="utf-8"))
        entries = prose.get(path.stem, {})
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            entry = entries.get(cell["id"])
            if not entry or not str(entry.get("text", "")).strip():
                found.append(Problem(path.stem, cell["id"], "missing"))
            elif entry.get("source") != fingerprint(_source_text(cell)):
                found.append(Problem(path.stem, cell["id"], "stale"))
    return found


def _wrap(text: str, lang: str) -> str:
    """Translated markdown, in a block of the language's direction when it is not LTR."""
    language = langs.get(lang)
    body = text.strip("\n")
    if not language.rtl:
        return body
    return f'<div dir="rtl" lang="{language.code}">\n\n{body}\n\n</div>'


def retarget(source: str, lang: str) -> str:
    """*source* with its language values (``LANG = "en"``, ``f(..., "en")``) set to *lang*.

    Only values after ``=``, ``(`` or ``,`` change, so a comment such as
    ``# "en" or "ar"`` keeps naming both choices.
    """
    return re.sub(rf'([=(,]\s*)"{SOURCE_LANG}"', rf'\1"{lang}"', source)


def edition_cells(path: Path, lang: str, prose: dict) -> list[dict]:
    """The cells of *path*'s edition in *lang* (no outputs)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    entries = prose.get(path.stem, {})
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            entry = entries.get(cell.id) or {}
            text = str(entry.get("text", "")).strip() or _source_text(cell)  # untranslated: the English
            new = nbformat.v4.new_markdown_cell(_wrap(text, lang))
        else:
            source = _source_text(cell)
            if set(cell.metadata.get("tags", [])) & set(EDITION_TAGS):
                source = retarget(source, lang)
            new = nbformat.v4.new_code_cell(source)
        new.id = cell.id
        if cell.metadata.get("tags"):
            new.metadata["tags"] = list(cell.metadata["tags"])
        cells.append(new)
    return cells


def _comparable(cells) -> list:
    return [(c["cell_type"], c["id"], _source_text(c), c.get("metadata", {}).get("tags", [])) for c in cells]


def _same_edition(current: dict, lang: str, source: Path) -> bool:
    marks = current.get("metadata", {}).get("collection", {})
    return marks.get("edition") == lang and marks.get("source") == f"../{source.name}"


def write(lang: str) -> list[Path]:
    """Write the edition notebooks of *lang*; return those whose cells changed."""
    import nbformat

    prose = read_prose(lang)
    out = folder(lang)
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for path in sources():
        target = out / path.name
        cells = edition_cells(path, lang, prose)
        if target.exists():
            current = json.loads(target.read_text(encoding="utf-8"))
            if _comparable(current["cells"]) == _comparable(cells) and _same_edition(current, lang, path):
                continue
        source = nbformat.read(path, as_version=4)
        nb = nbformat.v4.new_notebook(cells=cells, metadata={
            "kernelspec": source.metadata.get("kernelspec", {}),
            "language_info": source.metadata.get("language_info", {"name": "python"}),
            "collection": {"edition": lang, "source": f"../{path.name}"},
        })
        nbformat.validate(nb)
        files.atomic_write_text(target, nbformat.writes(nb) + "\n")
        changed.append(target)
    return changed


def stub(lang: str) -> int:
    """Add an entry for every markdown cell missing from the translation file (the English
    text as a comment for the translator, an empty text); return how many were added."""
    path = folder(lang) / PROSE_FILE
    prose = read_prose(lang)
    added = []
    for nb_path in sources():
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown" or cell["id"] in prose.get(nb_path.stem, {}):
                continue
            english = _source_text(cell)
            comment = "\n".join(f"# {line}" for line in english.splitlines())
            added.append(f'\n["{nb_path.stem}".{cell["id"]}]\n{comment}\nsource = "{fingerprint(english)}"\n'
                         f'text = """\n"""\n')
    if added:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.writelines(added)
    return len(added)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish.editions", description=__doc__.splitlines()[0])
    parser.add_argument("--status", action="store_true", help="list missing and stale translations")
    parser.add_argument("--stub", metavar="LANG", help="add the untranslated cells of LANG to its file")
    args = parser.parse_args(argv)
    try:
        if args.stub:
            print(f"{stub(langs.check(args.stub))} cell(s) added to notebooks/{args.stub}/{PROSE_FILE}")
            return 0
        status = 0
        for lang in editions():
            found = problems(lang)
            for problem in found:
                print(f"notebooks/{lang}/{PROSE_FILE}: {problem}", file=sys.stderr)
            status |= bool(found)
            if not args.status:
                for path in write(lang):
                    print(f"editions: wrote {path.relative_to(paths.ROOT)}")
        return 1 if (args.status and status) else 0
    except EditionError as exc:
        print(f"editions: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
