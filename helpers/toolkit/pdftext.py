"""PDF exports whose Arabic copies and searches as the letters that were typed.

matplotlib >= 3.11 shapes Arabic with raqm and embeds the fonts as TrueType
(``pdf.fonttype`` 42). Each glyph drawn gets a character code, and the font's
``/ToUnicode`` map says which text that code stands for. matplotlib writes,
for every glyph of a shaped cluster, the *whole* cluster in logical order:

- a lam-alef ligature glyph maps to ``"لا"``. PDF has no bidi rules for a
  glyph that stands for several characters, and poppler (``pdftotext``,
  Evince, Okular), MuPDF, PDFium (Chrome, Edge) and pdf.js all lay those
  characters out left to right inside the glyph and then reverse the
  right-to-left run, so they come out swapped: الحملات reads الحمالت;
- a letter with a vowel mark is two glyphs (letter, mark), and both map to
  letter+mark, so the extracted word holds it twice (نُنُشر).

:func:`backend_for` gives ``figures.save()`` a matplotlib backend that writes
the same PDF except for those ``/ToUnicode`` entries, which say what each
glyph itself depicts (:func:`glyph_text`):

- a glyph that stands for several right-to-left letters, and that the font
  itself encodes at one code point (its ``cmap``), maps to that code point:
  the lam-alef glyph maps to U+FEFB/U+FEFC, lam-alef-maksura to U+FC43/U+FC86.
  One character cannot come out swapped, whatever an extractor assumes about
  the order of a multi-character entry; Unicode's compatibility decomposition
  (NFKC), which viewers apply when searching and PDFium applies when
  extracting, gives back the letters in logical order;
- a mark glyph (GDEF class 3) maps to its mark, the letter glyph of the same
  cluster to its letter(s).

Content streams, fonts and subsets are untouched: the page draws exactly as
matplotlib draws it. Nothing changes for text without such clusters (English
figures come out byte for byte as matplotlib writes them).

Why not ``/ActualText``: a marked-content span carrying the logical line
(``/Span <</ActualText (...)>> BDC ... EMC``) is what the PDF specification
offers, but poppler, MuPDF and PDFium spread the span's text left to right
over its box and then reverse it as a right-to-left run, so every line came
out backwards (pdftotext found 43 % of the words instead of 91 %). Spans per
cluster, as Chrome writes them, extract exactly like ``/ToUnicode`` entries
(lam-alef still swapped). See docs/figures.md, "Copyable Arabic in PDFs".

On matplotlib 3.10 and earlier (the reshaper path) every glyph is one
presentation-form character already, and :func:`backend_for` returns None:
matplotlib's own PDF backend is used.

Public API: :data:`BACKEND`, :func:`backend_for`, :func:`supported`,
:func:`glyph_text`, :class:`FontGlyphs`. matplotlib loads ``FigureCanvas``
from this module when handed ``backend=BACKEND``. The module imports only
the standard library until it is used.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

__all__ = ["BACKEND", "FontGlyphs", "backend_for", "glyph_text", "supported"]

#: The name matplotlib's ``savefig(..., backend=...)`` loads this module by.
BACKEND = "module://helpers.toolkit.pdftext"

_MARK_CATEGORIES = ("Mn", "Me")
_RTL_CLASSES = ("R", "AL")
_GDEF_MARK_CLASS = 3


# --------------------------------------------------------------------------
# What one glyph stands for


@dataclass(frozen=True)
class FontGlyphs:
    """What a font file says about its glyphs: which are marks, which code
    points map to which glyph (its ``cmap``)."""

    marks: frozenset[int]
    glyph_of: dict[int, int]  # code point -> glyph index
    code_points_of: dict[int, tuple[int, ...]]  # glyph index -> code points

    @classmethod
    @functools.cache
    def load(cls, path: str, face_index: int = 0) -> FontGlyphs:
        """Read *path* (cached): GDEF glyph classes and the best ``cmap``."""
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), fontNumber=face_index, lazy=True)
        marks: set[int] = set()
        if "GDEF" in font and font["GDEF"].table.GlyphClassDef is not None:
            marks = {
                font.getGlyphID(name)
                for name, glyph_class in font["GDEF"].table.GlyphClassDef.classDefs.items()
                if glyph_class == _GDEF_MARK_CLASS
            }
        glyph_of = {cp: font.getGlyphID(name) for cp, name in font.getBestCmap().items()}
        code_points: dict[int, list[int]] = {}
        for cp, glyph in sorted(glyph_of.items()):
            code_points.setdefault(glyph, []).append(cp)
        return cls(frozenset(marks), glyph_of,
                   {glyph: tuple(cps) for glyph, cps in code_points.items()})

    def is_mark(self, glyph: int) -> bool:
        return glyph in self.marks

    def single_code_point(self, glyph: int, letters: str) -> str | None:
        """The code point the font maps to *glyph* that decomposes (NFKC) to
        *letters*, or None."""
        for cp in self.code_points_of.get(glyph, ()):
            if unicodedata.normalize("NFKC", chr(cp)) == letters:
                return chr(cp)
        return None


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in _MARK_CATEGORIES


def glyph_text(cluster: str, glyph: int, font: FontGlyphs, *, marks_apart: bool) -> str:
    """The text one *glyph* of a shaped *cluster* depicts, for ``/ToUnicode``.

    *cluster* is the logical text raqm shaped into one or more glyphs;
    *marks_apart* says whether the cluster's marks were drawn as glyphs of
    their own. A cluster of one character is returned unchanged.

    - A mark glyph: the cluster's mark(s) it is the glyph of (all of them if
      the font substituted a combined mark glyph).
    - Any other glyph: the cluster's letters, without the marks if those are
      drawn apart. Several right-to-left letters in one glyph become the
      single code point the font itself maps to that glyph, when there is one
      whose NFKC decomposition is those letters (lam-alef: U+FEFB/U+FEFC);
      otherwise they stay in logical order, as matplotlib writes them.
    """
    if len(cluster) < 2:
        return cluster
    marks = "".join(ch for ch in cluster if _is_mark(ch))
    letters = "".join(ch for ch in cluster if not _is_mark(ch))
    if marks and font.is_mark(glyph):
        own = "".join(ch for ch in marks if font.glyph_of.get(ord(ch)) == glyph)
        return own or marks
    text = letters if marks and marks_apart else cluster
    if len(text) > 1 and all(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text):
        return font.single_code_point(glyph, text) or text
    return text


# --------------------------------------------------------------------------
# The backend


@functools.lru_cache(maxsize=1)
def supported() -> bool:
    """True if the installed matplotlib tracks glyphs with their clusters
    (3.11 and later), which is what the ``/ToUnicode`` fix works on."""
    try:
        from matplotlib import font_manager
        from matplotlib.backends import _backend_pdf_ps, backend_pdf
    except ImportError:
        return False
    tracker = getattr(_backend_pdf_ps, "CharacterTracker", None)
    return (
        hasattr(font_manager, "FontPath")
        and hasattr(_backend_pdf_ps, "GlyphMap")
        and all(hasattr(tracker, name) for name in ("track_glyph", "subset_to_unicode"))
        and hasattr(backend_pdf.PdfFile, "embedTTF")
    )


def backend_for(fmt: str) -> str | None:
    """The ``savefig`` backend for format *fmt*: :data:`BACKEND` for PDF on a
    matplotlib this module supports, else None (matplotlib's default)."""
    return BACKEND if fmt == "pdf" and supported() else None


@functools.lru_cache(maxsize=1)
def _canvas_class():
    """Build the canvas class on first use (imports matplotlib)."""
    from matplotlib.backends import _backend_pdf_ps
    from matplotlib.backends.backend_mixed import MixedModeRenderer
    from matplotlib.backends.backend_pdf import FigureCanvasPdf, PdfFile, RendererPdf
    from matplotlib.font_manager import FontPath

    class GlyphTextTracker(_backend_pdf_ps.CharacterTracker):
        """matplotlib's glyph tracker, with glyph-accurate Unicode text."""

        def __init__(self, subset_size: int = 0):
            super().__init__(subset_size)
            # (font, cluster) -> every glyph drawn for that cluster
            self._cluster_glyphs: dict[tuple, set[int]] = {}

        def track_glyph(self, font, chars, glyph):
            if isinstance(chars, str) and len(chars) > 1:
                key = (FontPath(font.fname, font.face_index), chars)
                self._cluster_glyphs.setdefault(key, set()).add(int(glyph))
            return super().track_glyph(font, chars, glyph)

        def subset_to_unicode(self, fontname, subset, subset_charcode):
            chars, glyph = self.glyph_maps[fontname].iget(subset, subset_charcode)
            if len(chars) < 2:
                return chars
            glyphs = FontGlyphs.load(str(fontname), getattr(fontname, "face_index", 0))
            drawn = self._cluster_glyphs.get((fontname, chars), ())
            apart = any(glyphs.is_mark(g) for g in drawn)
            return glyph_text(chars, int(glyph), glyphs, marks_apart=apart)

    class GlyphTextPdfFile(PdfFile):
        def __init__(self, filename, metadata=None):
            super().__init__(filename, metadata=metadata)
            # Nothing has been drawn yet: swap in the tracker before any glyph.
            self._character_tracker = GlyphTextTracker(self._character_tracker.subset_size)

    class FigureCanvasPdfText(FigureCanvasPdf):
        """matplotlib's PDF canvas writing glyph-accurate ``/ToUnicode`` maps."""

        def print_pdf(self, filename, *, bbox_inches_restore=None, metadata=None,
                      **_ignored):
            # matplotlib 3.11's FigureCanvasPdf.print_pdf for a single page,
            # with GlyphTextPdfFile: it names PdfFile directly, so the file
            # class cannot be swapped in from outside. savefig passes dpi,
            # colours and orientation, which a PDF page does not use.
            dpi = self.figure.dpi
            self.figure.dpi = 72  # 72 PDF points to an inch
            width, height = self.figure.get_size_inches()
            file = GlyphTextPdfFile(filename, metadata=metadata)
            try:
                file.newPage(width, height)
                renderer = MixedModeRenderer(
                    self.figure, width, height, dpi,
                    RendererPdf(file, dpi, height, width),
                    bbox_inches_restore=bbox_inches_restore)
                self.figure.draw(renderer)
                renderer.finalize()
                file.finalize()
            finally:
                file.close()

    return FigureCanvasPdfText


def __getattr__(name):
    # matplotlib's backend loader reads FigureCanvas from the module.
    if name == "FigureCanvas":
        return _canvas_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
