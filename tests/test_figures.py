"""helpers.toolkit.figures: slide-ready, reproducible, atomic exports and the manifest."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import figures_support as support
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers.toolkit import arabic, figures, manifest, style

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def out(tmp_path, monkeypatch):
    folder = tmp_path / "figures"
    monkeypatch.setenv(figures.FIGURES_DIR_ENV, str(folder))
    monkeypatch.delenv(figures.NOTEBOOK_ENV, raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv(arabic.ENGINE_ENV, raising=False)
    return folder


def _save_sample(lang, **overrides):
    fig, _ax, rows = support.sample_chart(lang)
    text = support.SAMPLE_TEXT[lang]
    arguments = dict(title=text["title"], caption=text["subtitle"],
                     alt="Bar chart: Alibaba 3, Tencent 1, Baidu 0.5 billion yuan.",
                     data=pd.DataFrame(rows), tables=("campaigns",))
    arguments.update(overrides)
    return figures.save(fig, "budgets", lang, **arguments), fig


def _digest(paths):
    return {Path(p).name: Path(p).read_bytes() for p in paths}


def _simple_figure(**kwargs):
    style.use("en")
    fig = Figure(figsize=style.SLIDE_SIZE, layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], **kwargs)
    return fig, ax


# --------------------------------------------------------------------------
# Files


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_save_writes_slide_sized_files_and_a_manifest_row(out, lang):
    from PIL import Image

    written, _fig = _save_sample(lang, notebook="01_budgets.ipynb")
    names = sorted(p.name for p in written)
    assert names == sorted([f"budgets.{lang}.png", f"budgets.{lang}.svg",
                            f"budgets.{lang}.pdf", "budgets.csv"])
    with Image.open(out / f"budgets.{lang}.png") as png:
        width, height = png.size
        assert "Software" not in png.info
    assert width >= 1920 and height >= 1080
    assert abs(width / height - 16 / 9) < 0.01
    assert pd.read_csv(out / "budgets.csv")["budget"].tolist() == [3e9, 1e9, 5e8]
    rows = manifest.read_manifest(out / "manifest.csv")
    assert rows == [{
        "name": "budgets", "lang": lang, "title": support.SAMPLE_TEXT[lang]["title"],
        "caption": support.SAMPLE_TEXT[lang]["subtitle"],
        "alt": "Bar chart: Alibaba 3, Tencent 1, Baidu 0.5 billion yuan.",
        "notebook": "01_budgets.ipynb", "tables": "campaigns",
        "png": f"budgets.{lang}.png", "svg": f"budgets.{lang}.svg",
        "pdf": f"budgets.{lang}.pdf", "data": "budgets.csv",
    }]
    header = (out / "manifest.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "name,lang,title,caption,alt,notebook,tables,png,svg,pdf,data"
    assert (out / "manifest.xlsx").is_file()
    assert manifest.files_for("budgets", lang, out) == [
        out / f"budgets.{lang}.png", out / f"budgets.{lang}.svg",
        out / f"budgets.{lang}.pdf", out / "budgets.csv",
    ]


def test_outside_the_build_exports_never_go_to_the_committed_figures(monkeypatch):
    from helpers.toolkit import paths

    monkeypatch.delenv(figures.FIGURES_DIR_ENV, raising=False)
    assert figures.output_dir() == paths.BUILD / "figures"
    assert figures.output_dir() != paths.FIGURES
    monkeypatch.setenv(figures.FIGURES_DIR_ENV, "/tmp/staging")
    assert figures.output_dir() == Path("/tmp/staging")


def test_no_dates_or_software_versions_in_the_files(out):
    import matplotlib

    _save_sample("ar")
    svg = (out / "budgets.ar.svg").read_text(encoding="utf-8")
    pdf = (out / "budgets.ar.pdf").read_bytes()
    assert "<dc:date>" not in svg and matplotlib.__version__ not in svg
    for marker in (b"/CreationDate", b"/ModDate", b"/Producer", b"/Creator",
                   matplotlib.__version__.encode()):
        assert marker not in pdf, marker


# --------------------------------------------------------------------------
# Reproducible


def test_two_exports_are_byte_identical_in_one_process(out):
    first, fig = _save_sample("ar")
    before = _digest(first)
    text = support.SAMPLE_TEXT["ar"]
    again = figures.save(fig, "budgets", "ar", title=text["title"], caption=text["subtitle"],
                         alt="Bar chart: Alibaba 3, Tencent 1, Baidu 0.5 billion yuan.",
                         data=pd.DataFrame(support.sample_chart("ar")[2]))
    assert _digest(again) == before  # the same figure saved again
    rebuilt, _fig = _save_sample("ar")
    assert _digest(rebuilt) == before  # the same figure built again
    changed, _fig = _save_sample("ar", alt="Another description.")
    assert _digest(changed)["budgets.ar.png"] != before["budgets.ar.png"]  # alt is in the metadata


def test_exports_from_two_processes_are_byte_identical(out, tmp_path):
    """A fresh interpreter (new font caches, new hash seeds) writes the same bytes."""
    written, _fig = _save_sample("ar")
    other = tmp_path / "other"
    script = f"""
import sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]
import pandas as pd
import figures_support as support
from helpers.toolkit import figures
fig, _ax, rows = support.sample_chart("ar")
text = support.SAMPLE_TEXT["ar"]
figures.save(fig, "budgets", "ar", title=text["title"], caption=text["subtitle"],
             alt="Bar chart: Alibaba 3, Tencent 1, Baidu 0.5 billion yuan.",
             data=pd.DataFrame(rows), tables=("campaigns",))
"""
    env = dict(os.environ, **{figures.FIGURES_DIR_ENV: str(other), "PYTHONHASHSEED": "12345"})
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=300)
    theirs = {p.name: p.read_bytes() for p in other.iterdir()
              if p.name not in ("manifest.csv", "manifest.xlsx")}
    assert theirs == _digest(written)


# --------------------------------------------------------------------------
# Atomic


def test_an_error_during_save_leaves_the_previous_files_intact(out, monkeypatch):
    _save_sample("ar")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    fig, _ax, rows = support.sample_chart("ar")
    real_savefig = fig.savefig

    def failing_savefig(handle, *, format, **kwargs):
        if format == "pdf":
            raise RuntimeError("disk full (simulated)")
        return real_savefig(handle, format=format, **kwargs)

    monkeypatch.setattr(fig, "savefig", failing_savefig)
    with pytest.raises(RuntimeError, match="disk full"):
        figures.save(fig, "budgets", "ar", title="new title", caption="c", alt="a",
                     data=pd.DataFrame([{"x": 1}]))
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # same files, same bytes, no temporary files left


# --------------------------------------------------------------------------
# Manifest


def test_manifest_has_one_row_per_name_and_lang(out):
    fig, _ax = _simple_figure()
    for name, lang, caption in [("b", "en", "first"), ("a", "ar", "x"), ("b", "en", "second"),
                                ("b", "ar", "y"), ("a", "ar", "z")]:
        figures.save(fig, name, lang, title="T", caption=caption, alt="A")
    rows = manifest.read_manifest(out / "manifest.csv")
    assert [(r["name"], r["lang"], r["caption"]) for r in rows] == [
        ("a", "ar", "z"), ("b", "ar", "y"), ("b", "en", "second")]


def test_upsert_manifest_merges_and_sorts(tmp_path):
    path = tmp_path / "m" / "manifest.csv"
    manifest.upsert_manifest([{"name": "z", "lang": "en", "title": "1"}], path)
    manifest.upsert_manifest([{"name": "a", "lang": "en", "title": "2", "tables": "x;y"},
                             {"name": "z", "lang": "en", "title": "3"}], path)
    rows = manifest.read_manifest(path)
    assert [(r["name"], r["title"], r["tables"]) for r in rows] == [
        ("a", "2", "x;y"), ("z", "3", "")]
    # no temporary files left; the Excel copy beside the CSV
    assert sorted(path.parent.iterdir()) == [path, path.with_name("manifest.xlsx")]
    with pytest.raises(ValueError, match="unknown columns"):
        manifest.upsert_manifest([{"name": "a", "lang": "en", "colour": "red"}], path)


def test_bad_manifest_names_file_line_and_column(tmp_path):
    path = tmp_path / "manifest.csv"
    header = ",".join(manifest.MANIFEST_COLUMNS)
    path.write_text("name,lang,titel\n", encoding="utf-8")
    with pytest.raises(manifest.ManifestError,
                       match=r"manifest.csv: line 1, column 3: header 'titel', expected 'title'"):
        manifest.read_manifest(path)
    path.write_text("name,lang,title\n", encoding="utf-8")
    with pytest.raises(manifest.ManifestError, match=r"manifest.csv: line 1: 3 columns, expected 11"):
        manifest.read_manifest(path)
    path.write_text(f"{header}\n"
                    "a,en,t,c,a,n,,a.en.png,a.en.svg,a.en.pdf,\n"
                    "b,en,t,c\n", encoding="utf-8")
    with pytest.raises(manifest.ManifestError, match=r"line 3, column 5: 4 fields, expected 11"):
        manifest.read_manifest(path)
    path.write_text(f"{header}\n,en,t,c,a,n,,,,,\n", encoding="utf-8")
    with pytest.raises(manifest.ManifestError, match=r"line 2, column 1 \(name\): empty"):
        manifest.read_manifest(path)


def test_notebook_column_does_not_depend_on_how_the_kernel_started(monkeypatch):
    # JupyterLab sets JPY_SESSION_NAME, nbconvert and papermill set nothing: neither may
    # change what the manifest records (issue 14, defect 1). A chart names its notebook.
    monkeypatch.delenv(figures.NOTEBOOK_ENV, raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert figures.notebook_name() == ""
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/me/notebooks/02_timeline.ipynb")
    assert figures.notebook_name() == ""
    assert figures.notebook_name("02_budgets") == "02_budgets"
    monkeypatch.setenv(figures.NOTEBOOK_ENV, "03_claims.ipynb")
    assert figures.notebook_name() == "03_claims.ipynb"
    assert figures.notebook_name("04_x.ipynb") == "04_x.ipynb"


# --------------------------------------------------------------------------
# Refusals


@pytest.mark.parametrize("kwargs, message", [
    (dict(name="Budgets Chart"), "lower-case letters"),
    (dict(lang="fr"), "lang must be one of en, ar"),
    (dict(alt=" "), "alt must be a non-empty string"),
    (dict(tables=("a;b",)), "bad table name"),
])
def test_bad_arguments_are_refused_before_writing(out, kwargs, message):
    fig, _ax = _simple_figure()
    arguments = dict(name="x", lang="en", title="T", caption="C", alt="A")
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        figures.save(fig, arguments.pop("name"), arguments.pop("lang"), **arguments)
    assert not out.exists() or not any(out.iterdir())


def test_a_figure_that_is_not_16_9_is_refused(out):
    fig = Figure(figsize=(6, 6))
    fig.add_subplot().plot([1, 2])
    with pytest.raises(figures.FigureLayoutError, match="16:9"):
        figures.save(fig, "square", "en", title="T", caption="C", alt="A")


def test_clipped_text_is_refused_and_named(out):
    fig, ax = _simple_figure()
    fig.text(0.98, 0.5, "a label that runs off the edge", fontsize=20)
    with pytest.raises(figures.FigureLayoutError,
                       match=r"'a label that runs off the edge'.*right by"):
        figures.save(fig, "clipped", "en", title="T", caption="C", alt="A")
    assert not out.exists() or not any(out.iterdir())


def test_hidden_and_out_of_view_text_is_not_judged(out):
    fig, ax = _simple_figure()
    fig.text(1.5, 0.5, "hidden", visible=False)
    ax.set_xticks([-10, 0, 1, 10])  # ticks outside the view are not drawn
    ax.set_xlim(0, 1)
    figures.save(fig, "fine", "en", title="T", caption="C", alt="A")


def test_a_missing_glyph_is_an_error(out):
    fig, ax = _simple_figure()
    ax.set_title("千问")  # Chinese: not in the vendored fonts, would draw boxes
    with pytest.raises(figures.MissingGlyphError, match="missing from font"):
        figures.save(fig, "tofu", "en", title="T", caption="C", alt="A")


# --------------------------------------------------------------------------
# Fonts in the exports, and text in the PDF


@pytest.mark.skipif(shutil.which("pdffonts") is None,
                    reason="pdffonts (poppler-utils) not installed")
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pdf_embeds_only_the_vendored_fonts_as_truetype(out, lang):
    _save_sample(lang)
    listing = subprocess.run(["pdffonts", str(out / f"budgets.{lang}.pdf")], check=True,
                             capture_output=True, text=True).stdout.splitlines()[2:]
    assert listing, "no fonts in the PDF"
    allowed = {"NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansArabic-Bold"}
    for line in listing:
        name, *rest = line.split()
        assert name.split("+")[-1] in allowed, line
        assert "TrueType" in line and " yes yes yes " in f" {' '.join(rest)} ", line  # emb sub uni


def _ligature_swaps(word):
    """*word* as poppler prints it: the letters of a lam-alef or lam-alef-maksura
    ligature glyph come out swapped in right-to-left text (a known extractor bug,
    pypdf #1589, pdfminer.six #850, PyMuPDF #2199; the PDF's ToUnicode map holds
    them in logical order)."""
    for pair in ("لا", "لأ", "لإ", "لآ", "لى"):
        word = word.replace(pair, pair[::-1])
    return word


@pytest.mark.skipif(shutil.which("pdftotext") is None,
                    reason="pdftotext (poppler-utils) not installed")
def test_pdftotext_finds_the_arabic_title_words(out):
    if arabic.engine() != "raqm":
        pytest.skip("on the reshaper path PDFs hold presentation forms in visual order; "
                    "searchable Arabic PDFs need matplotlib >= 3.11")
    _save_sample("ar")
    extracted = subprocess.run(["pdftotext", str(out / "budgets.ar.pdf"), "-"], check=True,
                               capture_output=True, text=True).stdout
    extracted = unicodedata.normalize("NFKC", extracted)
    words = support.SAMPLE_TEXT["ar"]["title"].split()
    missing = [w for w in words if w not in extracted and _ligature_swaps(w) not in extracted]
    assert not missing, f"not found in pdftotext output: {missing}"
    plain = [w for w in words if _ligature_swaps(w) == w]
    assert len(plain) >= len(words) - 2 and all(w in extracted for w in plain)
    # Presentation forms would mean visual-order text: there must be none but
    # the lam-alef ligatures, whose glyphs stand for the font's own ligature
    # character (helpers.toolkit.pdftext).
    raw = subprocess.run(["pdftotext", str(out / "budgets.ar.pdf"), "-"],
                         check=True, capture_output=True, text=True).stdout
    assert not [ch for ch in raw if "\ufb50" <= ch <= "\ufeff"
                and unicodedata.normalize("NFKC", ch) not in ("لا", "لأ", "لإ", "لآ", "لى")]


# --------------------------------------------------------------------------
# The sample for a person to look at


def test_sample_chart_for_a_person_to_look_at(monkeypatch):
    """Writes build/test-artifacts/figures/sample/budgets.{ar,en}.png (and SVG, PDF)."""
    folder = support.ARTIFACTS / "sample"
    monkeypatch.setenv(figures.FIGURES_DIR_ENV, str(folder))
    monkeypatch.delenv(arabic.ENGINE_ENV, raising=False)
    for lang in ("ar", "en"):
        _save_sample(lang, notebook="tests/test_figures.py")
        assert (folder / f"budgets.{lang}.png").stat().st_size > 50_000
    assert len(manifest.read_manifest(folder / "manifest.csv")) == 2


def test_clipped_arabic_is_named_as_typed(out, monkeypatch):
    monkeypatch.setenv(arabic.ENGINE_ENV, "reshaper")
    fig, _ax = _simple_figure()
    fig.text(0.99, 0.5, arabic.label("عنوان طويل يخرج من الحافة"), fontsize=20)
    with pytest.raises(figures.FigureLayoutError, match="'عنوان طويل يخرج من الحافة'"):
        figures.save(fig, "clipped", "ar", title="T", caption="C", alt="A")
