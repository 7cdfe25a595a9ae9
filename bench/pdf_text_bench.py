"""Words a reader gets back from the Arabic figure PDFs, before and after
helpers.toolkit.pdftext (numbers for the issue and the docs; no asserts).

Runs every notebook that exports figures, in a fresh kernel, with
``figures.save`` wrapped so that each Arabic figure is exported twice into a
temporary folder: with matplotlib's own PDF backend ("before", what the
committed figures were made with before the fix) and through ``save`` as it
is ("after"). The strings drawn are recorded at the PDF renderer. Then
poppler's ``pdftotext`` and PDFium (pypdfium2) read both PDFs back.

Columns: words found / words drawn (bidi controls count as spaces); "NFKC":
both sides normalised first, as viewers do when searching (the fixed PDFs
map a lam-alef glyph to the font's own ligature character, U+FEFB...,
which pdftotext prints as it is and PDFium turns into its two letters);
"lam-alef": words with a lam-alef ligature spelled right; "plain": words
without vowel marks. HTML comments name the committed PDF's twin and the
words still missing.

Run: .venv/bin/python bench/pdf_text_bench.py [--keep DIR] [NOTEBOOK ...]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pdf_text_support as support

_WRAP_SAVE = """
import json as _json, os as _os, sys as _sys
_sys.path.insert(0, {tests!r})
import pdf_text_support as _support
from helpers.toolkit import figures as _figures, pdftext as _pdftext

_real_save = _figures.save

def _bench_save(fig, name, lang, **kwargs):
    if lang != "ar":
        return _real_save(fig, name, lang, **kwargs)
    with _support.recording_drawn_text() as drawn:
        written = _real_save(fig, name, lang, **kwargs)
    with open(_os.path.join({out!r}, name + ".json"), "w", encoding="utf-8") as handle:
        _json.dump(drawn, handle, ensure_ascii=False)
    # Again with matplotlib's own PDF backend, into the "before" folder.
    folder, backend_for = _os.environ[_figures.FIGURES_DIR_ENV], _pdftext.backend_for
    _os.environ[_figures.FIGURES_DIR_ENV] = {before!r}
    _pdftext.backend_for = lambda fmt: None
    try:
        _real_save(fig, name, lang, **kwargs)
    finally:
        _os.environ[_figures.FIGURES_DIR_ENV], _pdftext.backend_for = folder, backend_for
    return written

_figures.save = _bench_save
"""


def _figure_notebooks() -> list[Path]:
    """The notebooks that export figures, as figures/manifest.csv records them."""
    import csv

    with open(ROOT / "figures" / "manifest.csv", encoding="utf-8", newline="") as handle:
        names = sorted({row["notebook"] for row in csv.DictReader(handle)})
    return [ROOT / "notebooks" / f"{name}.ipynb" for name in names]


def export_both(notebooks: list[Path], work: Path) -> None:
    """Run *notebooks* with figures.save wrapped; PDFs land in work/{before,after}."""
    import nbformat

    from helpers.publish import build

    for sub in ("before", "after", "drawn"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    prelude = _WRAP_SAVE.format(tests=str(ROOT / "tests"), out=str(work / "drawn"),
                                before=str(work / "before"))
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(prelude))
        copy = work / path.name
        nbformat.write(nb, copy)
        build.execute(copy, work / "after", cwd=path.parent)
        print(f"  exported {path.name}", file=sys.stderr, flush=True)


def _cell(result: support.Score, which: str) -> str:
    if which == "lam":
        return f"{result.lam_alef_found}/{result.lam_alef_total}"
    if which == "plain":
        return f"{result.plain_share:.1%}"
    return f"{result.found}/{result.total} ({result.share:.1%})"


def measure(work: Path) -> None:
    extractors = {"pdftotext": support.pdftotext}
    if support.pdfium_missing_reason() is None:
        extractors["PDFium"] = support.pdfium
    else:
        print(f"(PDFium left out: {support.pdfium_missing_reason()})")
    header = ("| figure | extractor | words before | words after | NFKC before | NFKC after "
              "| lam-alef before | lam-alef after | lam-alef NFKC after | plain NFKC after |")
    print(header)
    print("|---" * 10 + "|")
    totals: dict[tuple[str, str], list[int]] = {}
    for drawn_file in sorted((work / "drawn").glob("*.json")):
        name = drawn_file.stem
        drawn = json.loads(drawn_file.read_text(encoding="utf-8"))
        before, after = (work / "before" / f"{name}.ar.pdf", work / "after" / f"{name}.ar.pdf")
        committed = ROOT / "figures" / f"{name}.ar.pdf"
        if committed.exists():
            same = ("before" if committed.read_bytes() == before.read_bytes() else
                    "after" if committed.read_bytes() == after.read_bytes() else "neither")
            print(f"<!-- {name}: committed PDF equals the {same} export -->")
        for label, extract in extractors.items():
            text_before, text_after = extract(before), extract(after)
            raw_b, raw_a = support.score(drawn, text_before), support.score(drawn, text_after)
            nf_b = support.score(drawn, text_before, nfkc=True)
            nf_a = support.score(drawn, text_after, nfkc=True)
            print(f"| {name} | {label} | {_cell(raw_b, 'w')} | {_cell(raw_a, 'w')} "
                  f"| {_cell(nf_b, 'w')} | {_cell(nf_a, 'w')} | {_cell(raw_b, 'lam')} "
                  f"| {_cell(raw_a, 'lam')} | {_cell(nf_a, 'lam')} | {_cell(nf_a, 'plain')} |")
            row = totals.setdefault((label, "sum"), [0] * 10)
            for i, value in enumerate((raw_b.found, raw_a.found, nf_b.found, nf_a.found,
                                       raw_b.total, raw_b.lam_alef_found, raw_a.lam_alef_found,
                                       nf_a.lam_alef_found, nf_a.lam_alef_total,
                                       nf_a.plain_found)):
                row[i] += value
            totals.setdefault((label, "plain_total"), [0])[0] += nf_a.plain_total
            if nf_a.missing:
                print(f"<!-- {name} {label} after, missing (NFKC): {' '.join(nf_a.missing)} -->")
    for label in extractors:
        rb, ra, nb, na, total, lb, la, ln, lt, pf = totals[(label, "sum")]
        pt = totals[(label, "plain_total")][0]
        print(f"| **all** | {label} | {rb}/{total} ({rb / total:.1%}) "
              f"| {ra}/{total} ({ra / total:.1%}) | {nb}/{total} ({nb / total:.1%}) "
              f"| {na}/{total} ({na / total:.1%}) | {lb}/{lt} | {la}/{lt} | {ln}/{lt} "
              f"| {pf}/{pt} ({pf / pt:.1%}) |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: all that export)")
    parser.add_argument("--keep", type=Path, help="keep the exports in this folder")
    args = parser.parse_args(argv)
    if support.pdftotext_missing_reason():
        print(support.pdftotext_missing_reason(), file=sys.stderr)
        return 1
    notebooks = ([ROOT / "notebooks" / n for n in args.notebooks] if args.notebooks
                 else _figure_notebooks())
    if not notebooks:
        print("no notebook exports figures (figures/manifest.csv is empty)", file=sys.stderr)
        return 1
    work = args.keep or Path(tempfile.mkdtemp(prefix="pdf-text-bench-"))
    try:
        export_both(notebooks, work)
        measure(work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
