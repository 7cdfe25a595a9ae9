"""What a reader gets when copying Arabic out of a PDF: extractors and a word score.

Used by tests/test_pdf_text.py and bench/pdf_text_bench.py. Two real
extractors: poppler's ``pdftotext`` (Evince, Okular) and PDFium through
pypdfium2 (Chrome, Edge).

The words expected are the logical strings matplotlib was asked to draw,
recorded where the PDF renderer receives them (:func:`recording_drawn_text`),
so text that is laid out but never drawn is not counted.
"""
from __future__ import annotations

import collections
import contextlib
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass

# A word: letters, digits and the Arabic marks that sit on them.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")
# pdftotext wraps runs in bidi embedding controls (U+202A..U+202E); they
# separate words, as the spaces they displace did.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Lam followed by alef (plain, hamza above/below, madda) or alef maksura:
#: drawn as one ligature glyph by Noto Sans Arabic.
LAM_ALEF = re.compile("\u0644[\u0627\u0623\u0625\u0622\u0649]")
#: Arabic vowel marks (tashkeel), superscript alef.
MARK = re.compile("[\u064b-\u065f\u0670]")
# A letter with its mark (either order) twice in a row, spaces ignored.
_DOUBLED_CLUSTER = re.compile("([\u064b-\u065f\u0670][^\u064b-\u065f\u0670]|[^\u064b-\u065f\u0670][\u064b-\u065f\u0670])\\1")


def words(text: str, *, nfkc: bool = False) -> list[str]:
    """The words of *text*, NFC (or NFKC) normalised."""
    text = _BIDI_CONTROLS.sub(" ", text)
    return _WORD.findall(unicodedata.normalize("NFKC" if nfkc else "NFC", text))


def doubled_clusters(text: str) -> list[str]:
    """Letter+mark pairs extracted twice in a row (نُنُشر): matplotlib maps both
    glyphs of a letter with a vowel mark to the pair."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", _BIDI_CONTROLS.sub("", text)))
    return [m.group(0) for m in _DOUBLED_CLUSTER.finditer(text)]


def swapped(word: str) -> str:
    """*word* with each lam-alef pair swapped, as the defect extracts it."""
    return LAM_ALEF.sub(lambda m: m.group(0)[::-1], word)


@contextlib.contextmanager
def recording_drawn_text():
    """Collect every string matplotlib's PDF renderer draws (a list, filled
    while the block runs). Mathtext is left out."""
    from matplotlib.backends.backend_pdf import RendererPdf

    drawn: list[str] = []
    real = RendererPdf.draw_text

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if not ismath:
            drawn.append(s)
        return real(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    RendererPdf.draw_text = draw_text
    try:
        yield drawn
    finally:
        RendererPdf.draw_text = real


def pdftotext_missing_reason() -> str | None:
    if shutil.which("pdftotext") is None:
        return "pdftotext is not installed (apt-get install poppler-utils)"
    return None


def pdfium_missing_reason() -> str | None:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return "pypdfium2 is not installed (pip install -r requirements.txt)"
    return None


def pdftotext(path) -> str:
    """poppler's pdftotext, reading order (its default)."""
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout


def pdfium(path) -> str:
    """PDFium's text of every page, as Chrome copies it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def pdfium_finds(path, word: str) -> bool:
    """Whether PDFium's search (Chrome's find-in-page for PDFs) finds *word*."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return any(page.get_textpage().search(word).get_next() for page in document)
    finally:
        document.close()


EXTRACTORS = {"pdftotext": pdftotext, "pdfium": pdfium}


@dataclass(frozen=True)
class Score:
    """How many of the expected words an extraction holds (as a multiset)."""

    found: int
    total: int
    lam_alef_found: int
    lam_alef_total: int
    plain_found: int  # words without a vowel mark
    plain_total: int
    missing: tuple[str, ...]
    lam_alef_swapped: tuple[str, ...]  # lam-alef words found only swapped

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0

    @property
    def plain_share(self) -> float:
        return self.plain_found / self.plain_total if self.plain_total else 1.0


def score(drawn: list[str], extracted: str, *, nfkc: bool = False) -> Score:
    """Compare the words of the *drawn* strings with the words of *extracted*.

    With *nfkc*, both sides are NFKC-normalised first (Unicode's
    compatibility equivalence, which PDF viewers apply when searching): a
    lam-alef presentation-form character then counts as its two letters.
    """
    expected = collections.Counter(w for line in drawn for w in words(line, nfkc=nfkc))
    got = collections.Counter(words(extracted, nfkc=nfkc))
    lam_alef = collections.Counter({w: n for w, n in expected.items() if LAM_ALEF.search(w)})
    plain = collections.Counter({w: n for w, n in expected.items() if not MARK.search(w)})
    missing = expected - got
    return Score(
        found=sum((expected & got).values()),
        total=sum(expected.values()),
        lam_alef_found=sum((lam_alef & got).values()),
        lam_alef_total=sum(lam_alef.values()),
        plain_found=sum((plain & got).values()),
        plain_total=sum(plain.values()),
        missing=tuple(sorted(missing.elements())),
        lam_alef_swapped=tuple(sorted(w for w in lam_alef if swapped(w) in got)),
    )
