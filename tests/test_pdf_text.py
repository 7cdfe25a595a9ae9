"""Copyable Arabic in the exported PDFs (helpers.toolkit.pdftext).

A real Arabic figure goes through ``figures.save``; poppler's ``pdftotext``
and PDFium (Chrome's engine) read the PDF back. Every lam-alef word must come
back spelled right (matplotlib's own PDF gives الحمالت for الحملات), and
nearly every word must come back at all. The words expected are the logical
strings matplotlib drew, recorded at the PDF renderer.

The rest checks that only the text layer changed: the page draws pixel for
pixel as matplotlib's own PDF, with the same fonts, and a figure without
Arabic comes out byte for byte as matplotlib writes it.
"""
from __future__ import annotations

import shutil
import subprocess

import matplotlib as mpl
import pdf_text_support as support
import pytest

from helpers.toolkit import arabic, figures, pdftext, style
from helpers.toolkit.arabic import FONTS_DIR, label

#: Share of the words without vowel marks that the fixed PDFs must give back.
#: Measured on this figure: pdftotext and PDFium 44/44 (and every lam-alef
#: word); matplotlib's own PDF: 29/47 words in all, no lam-alef word right.
#: Words with a vowel mark drawn as a glyph of its own (نُشر, يومًا) are split
#: by both extractors' word building, fixed or not: see docs/figures.md.
MIN_PLAIN_SHARE = 0.95

TITLE = "الحملات الإعلانية لتطبيقات الذكاء الاصطناعي"
SUBTITLE = "كل سطر يجمع أشكال لام ألف والحركات والأرقام"
LINES = (
    "الإعلانات في الأسواق إلى الآن لا تزال قائمة",  # لإ لأ لى لآ لا
    "ثلاثة أضعاف خلال العطلة الرسمية: 9 أيام",  # lam-alef inside words
    "المصدر: الخبر كما نُشر، ويُعدّ الأعلى يومًا بعد يوم",  # marks drawn apart
    "تطبيق Qwen الأول في متجر أبل (2026)، والأولى في الصين",  # Latin, digits, brackets
)


def _raqm_only():
    if arabic.engine() != "raqm":
        pytest.skip("not applicable: on the reshaper path (matplotlib <= 3.10) every glyph is "
                    "one presentation-form character, so there is no cluster text to correct")


@pytest.fixture
def out(tmp_path, monkeypatch):
    folder = tmp_path / "figures"
    monkeypatch.setenv(figures.FIGURES_DIR_ENV, str(folder))
    monkeypatch.delenv(figures.NOTEBOOK_ENV, raising=False)
    monkeypatch.delenv(arabic.ENGINE_ENV, raising=False)
    return folder


def lam_alef_figure():
    """A slide-size Arabic figure: title, subtitle and four lines of text."""
    style.use("ar")
    fig, ax = style.subplots(lang="ar")
    # No axes drawn (not set_axis_off(): figures.check_text_inside would still
    # measure the hidden tick labels).
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    for row, line in enumerate(LINES):
        ax.text(0.98, 0.85 - 0.22 * row, label(line), transform=ax.transAxes,
                ha="right", va="center", fontsize=22)
    style.title(ax, TITLE, SUBTITLE, lang="ar")
    return fig


def _save(fig, lang="ar", name="lam_alef"):
    """Export through figures.save; return the PDF and the strings drawn into it."""
    with support.recording_drawn_text() as drawn:
        figures.save(fig, name, lang, title=TITLE, caption=SUBTITLE, alt="Text only.")
    return figures.output_dir() / f"{name}.{lang}.pdf", drawn


def _matplotlib_pdf(fig, path, lang="ar"):
    """The same figure written by matplotlib's own PDF backend, as save() sets it up."""
    figures._restart_layout(fig)
    with mpl.rc_context({"pdf.fonttype": 42}), open(path, "wb") as handle:
        fig.savefig(handle, format="pdf",
                    metadata=figures._metadata("pdf", TITLE, "Text only.", lang))
    return path


# --------------------------------------------------------------------------
# What a reader copies


@pytest.mark.skipif(support.pdftotext_missing_reason() is not None,
                    reason=str(support.pdftotext_missing_reason()))
def test_pdftotext_spells_every_lam_alef_word_right(out):
    _raqm_only()
    pdf, drawn = _save(lam_alef_figure())
    text = support.pdftotext(pdf)
    # Lam-alef comes back as the font's own ligature character (U+FEFB...),
    # which NFKC (what viewers apply when searching) turns into its letters.
    result = support.score(drawn, text, nfkc=True)
    assert result.lam_alef_total >= 12, "the figure should hold a dozen lam-alef words"
    assert result.lam_alef_found == result.lam_alef_total, result.missing
    # The defect's spelling (الحمالت for الحملات) appears nowhere, even unnormalised.
    assert not support.score(drawn, text).lam_alef_swapped
    assert result.plain_share >= MIN_PLAIN_SHARE, (result.plain_share, result.missing)
    assert not support.doubled_clusters(text)  # نُنُشر


@pytest.mark.skipif(support.pdfium_missing_reason() is not None,
                    reason=str(support.pdfium_missing_reason()))
def test_pdfium_copies_and_finds_every_lam_alef_word_as_letters(out):
    _raqm_only()
    pdf, drawn = _save(lam_alef_figure())
    text = support.pdfium(pdf)
    result = support.score(drawn, text)  # no normalisation: PDFium gives the letters
    assert result.lam_alef_found == result.lam_alef_total >= 12, result.missing
    assert result.plain_share >= MIN_PLAIN_SHARE, (result.plain_share, result.missing)
    assert not support.doubled_clusters(text)
    # Find-in-page finds them as typed.
    lam_alef = {w for line in drawn for w in support.words(line) if support.LAM_ALEF.search(w)}
    assert [w for w in sorted(lam_alef) if not support.pdfium_finds(pdf, w)] == []


# --------------------------------------------------------------------------
# Only the text layer changed


@pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None,
                    reason="pdftoppm/pdffonts (poppler-utils) not installed")
def test_the_page_draws_exactly_as_matplotlibs_own_pdf(out, tmp_path):
    fig = lam_alef_figure()
    ours, _drawn = _save(fig)
    theirs = _matplotlib_pdf(fig, tmp_path / "matplotlib.pdf")
    assert ours.read_bytes() != theirs.read_bytes()  # the text layer differs...

    def pixels(pdf):
        return subprocess.run(["pdftoppm", "-r", "72", "-gray", str(pdf)], check=True,
                              capture_output=True, timeout=120).stdout

    def fonts(pdf):
        return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                              text=True, timeout=60).stdout

    assert pixels(ours) == pixels(theirs)  # ...what is drawn does not
    assert fonts(ours) == fonts(theirs)


def test_a_figure_without_arabic_is_byte_for_byte_matplotlibs(out, tmp_path):
    style.use("en")
    fig, ax = style.subplots(lang="en")
    ax.plot([0, 1, 2], [1, 3, 2])
    ax.set_title("Office workflow: fifty flights")  # Latin ligatures (fi, fl, ffi)
    ours, _drawn = _save(fig, lang="en", name="latin")
    assert ours.read_bytes() == _matplotlib_pdf(fig, tmp_path / "m.pdf", "en").read_bytes()


def test_save_uses_the_text_layer_backend_for_pdf_only():
    assert pdftext.backend_for("png") is None
    assert pdftext.backend_for("svg") is None
    major_minor = tuple(int(part) for part in mpl.__version__.split(".")[:2])
    # On matplotlib >= 3.11 the fix must be active: a silent fallback after a
    # matplotlib upgrade would bring the swapped lam-alef back.
    assert pdftext.supported() == (major_minor >= (3, 11))
    assert pdftext.backend_for("pdf") == (pdftext.BACKEND if pdftext.supported() else None)


# --------------------------------------------------------------------------
# glyph_text, on the vendored fonts


@pytest.fixture(scope="module")
def noto_arabic():
    return pdftext.FontGlyphs.load(str(FONTS_DIR / "NotoSansArabic-Regular.ttf"))


@pytest.mark.parametrize("letters, presentation_forms", [
    ("لا", "\ufefb\ufefc"), ("لأ", "\ufef7\ufef8"), ("لإ", "\ufef9\ufefa"),
    ("لآ", "\ufef5\ufef6"), ("لى", "\ufc43\ufc86"),
])
def test_a_lam_alef_glyph_stands_for_the_fonts_own_ligature_character(
        noto_arabic, letters, presentation_forms):
    for form in presentation_forms:
        glyph = noto_arabic.glyph_of.get(ord(form))
        if glyph is None:
            continue
        assert pdftext.glyph_text(letters, glyph, noto_arabic, marks_apart=False) == form
    assert any(ord(form) in noto_arabic.glyph_of for form in presentation_forms)


def test_a_letter_and_its_mark_drawn_apart_each_stand_for_themselves(noto_arabic):
    noon, damma = noto_arabic.glyph_of[ord("ن")], noto_arabic.glyph_of[ord("\u064f")]
    assert noto_arabic.is_mark(damma) and not noto_arabic.is_mark(noon)
    assert pdftext.glyph_text("نُ", noon, noto_arabic, marks_apart=True) == "ن"
    assert pdftext.glyph_text("نُ", damma, noto_arabic, marks_apart=True) == "\u064f"
    # Drawn as one glyph, the letter glyph carries the mark too (logical order).
    assert pdftext.glyph_text("نُ", noon, noto_arabic, marks_apart=False) == "نُ"


def test_single_characters_and_latin_ligatures_are_left_alone(noto_arabic):
    latin = pdftext.FontGlyphs.load(str(FONTS_DIR / "NotoSans-Regular.ttf"))
    fl_glyph = latin.glyph_of.get(0xFB02, 0)
    assert pdftext.glyph_text("fl", fl_glyph, latin, marks_apart=False) == "fl"
    alef = noto_arabic.glyph_of[ord("ا")]
    assert pdftext.glyph_text("ا", alef, noto_arabic, marks_apart=False) == "ا"
    # Two right-to-left letters in a glyph the font encodes nowhere stay in
    # logical order, as matplotlib writes them.
    assert pdftext.glyph_text("لح", alef, noto_arabic, marks_apart=False) == "لح"
