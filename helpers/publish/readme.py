"""The README's generated sections: findings box, figure gallery, paragraph map.

    python -m helpers.publish.readme [--check]

The README quotes numbers and verdicts; typing them by hand would let the
README drift from the data. Each generated section sits between
``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers and is rewritten from
the tables, ``helpers.analysis.checks`` and ``figures/manifest.csv``. ``--check`` only
reports whether the README is current (exit 1 if not); a test uses the same
comparison.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from helpers.toolkit import paths

README = paths.ROOT / "README.md"
SECTIONS = ("findings", "gallery", "paragraphs")


def findings() -> str:
    """The collection's findings (helpers.publish.findings), in English."""
    from helpers.publish import findings as computed

    return computed.markdown("en")


def gallery() -> str:
    """English PNGs with caption, Arabic and vector versions linked."""
    from helpers.toolkit import manifest

    rows = manifest.read_manifest(paths.FIGURES / manifest.MANIFEST_NAME)
    by_name: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_name.setdefault(row["name"], {})[row["lang"]] = row
    if not by_name:
        return "No figures yet: run `make`."
    out = []
    for name in sorted(by_name):
        langs = by_name[name]
        en = langs.get("en") or next(iter(langs.values()))
        links = " · ".join(
            f"[{lang} {ext}](figures/{name}.{lang}.{ext})"
            for lang in sorted(langs)
            for ext in ("png", "svg", "pdf")
        )
        out += [
            f"**{en['title']}** (`{name}`, from `notebooks/{en['notebook']}.ipynb`)",
            "",
            f"![{en['alt']}](figures/{name}.{en['lang']}.png)",
            "",
            f"{en['caption']} — {links} · [data](figures/{name}.csv)",
            "",
        ]
    return "\n".join(out).rstrip()


def paragraphs() -> str:
    """Each article paragraph → its claims, the data rows quoting it, the notebooks using them."""
    from helpers.analysis import data

    english = data.article("en")
    notebooks = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    sources = {nb.stem: nb.read_text(encoding="utf-8") for nb in notebooks}
    rows_by_paragraph: dict[int, list[str]] = {}
    tables_by_paragraph: dict[int, set[str]] = {}
    for table in data.tables():
        frame = data.load(table)
        if "paragraph" not in frame.columns:
            continue
        key = frame.columns[0]
        for row in frame[frame["paragraph"].notna()].itertuples(index=False):
            n = int(getattr(row, "paragraph"))
            rows_by_paragraph.setdefault(n, []).append(f"{table}·{getattr(row, key)}")
            tables_by_paragraph.setdefault(n, set()).add(table)
    lines = ["| ¶ | starts | data rows | notebooks |", "|---|---|---|---|"]
    for n in sorted(english):
        words = english[n].split()
        start = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        cited = rows_by_paragraph.get(n, [])
        used_in = [
            stem for stem, text in sources.items()
            if any(f'"{t}"' in text or f"'{t}'" in text or f"\\\"{t}\\\"" in text
                   for t in tables_by_paragraph.get(n, ()))
        ]
        lines.append(
            f"| {n} | {start} | {', '.join(sorted(set(cited))) or '—'} | "
            f"{', '.join(f'`{s}`' for s in used_in) or '—'} |"
        )
    return "\n".join(lines)


def render(text: str) -> str:
    """README text with every generated section rewritten."""
    makers = {"findings": findings, "gallery": gallery, "paragraphs": paragraphs}
    for name in SECTIONS:
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"{README.name}: no <!-- {name}:start --> … <!-- {name}:end --> markers")
        body = makers[name]()
        text = pattern.sub(lambda m, b=body: f"{m.group(1)}{b}\n{m.group(2)}", text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish.readme", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether README.md is current")
    args = parser.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if args.check:
        if fresh != current:
            print("README.md: generated sections are stale; run `python -m helpers.publish.readme`")
            return 1
        print("README.md: generated sections are current")
        return 0
    if fresh != current:
        Path(README).write_text(fresh, encoding="utf-8")
        print("README.md: generated sections updated")
    else:
        print("README.md: generated sections already current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
