"""Arabic text that displays right on whichever matplotlib is installed.

matplotlib 3.11 and later lay text out with libraqm (HarfBuzz shaping plus the
Unicode bidi algorithm): they must be given the *logical* string, exactly as
typed. matplotlib 3.10 and earlier draw one glyph per code point, left to
right: they must be given a *visual* string, already joined into Arabic
presentation forms (``arabic_reshaper``) and reordered (``python-bidi``).
Handing either one the other's string draws Arabic that reads backwards,
silently. See docs/figures.md and "The Arabic text path — measured" in the
design notes.

Public API:

- :func:`engine` — ``"raqm"`` or ``"reshaper"``: which path is active. It is
  decided by *behaviour*: a short Arabic word is laid out by matplotlib's own
  text layout code with the vendored Noto Sans Arabic font, and the result is
  inspected (were glyphs substituted by contextual forms, and were they placed
  right to left?). The answer is cached per process. The environment variable
  ``COLLECTION_ARABIC_ENGINE=raqm|reshaper`` overrides it, for tests and
  diagnosis.
- :func:`label` — the string to hand to matplotlib for a piece of text.
- :func:`probe` — the detection result with the reason, for diagnosis.

This module imports only the standard library at import time; matplotlib,
arabic_reshaper and python-bidi are imported when first needed.
"""
from __future__ import annotations

import functools
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ENGINE_ENV",
    "ENGINES",
    "FONTS_DIR",
    "EngineProbe",
    "engine",
    "probe",
    "classify_layout",
    "label",
    "has_arabic",
    "has_arabic_letters",
    "is_visual",
    "to_visual",
    "to_logical",
]

#: Environment variable that forces an engine (``raqm`` or ``reshaper``).
ENGINE_ENV = "COLLECTION_ARABIC_ENGINE"
ENGINES = ("raqm", "reshaper")

#: The vendored fonts (Noto Sans, Noto Sans Arabic; OFL).
FONTS_DIR = Path(__file__).resolve().parent / "fonts"
PROBE_FONT = FONTS_DIR / "NotoSansArabic-Regular.ttf"

# Four joining letters (ain, reh, beh, yeh), no lam-alef: a shaping engine
# must replace every one of them with a contextual form and place the last
# letter leftmost; a non-shaping one draws their nominal glyphs left to right.
PROBE_TEXT = "عربي"

# Unicode blocks holding Arabic script.
_ARABIC_RANGES = (
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x0870, 0x089F),  # Arabic Extended-B
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
)
_PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFC))


def _in(ranges, ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ranges)


def has_arabic(text: str) -> bool:
    """True if *text* holds any character of the Arabic script blocks."""
    return any(_in(_ARABIC_RANGES, ch) for ch in text)


def _is_presentation_letter(ch: str) -> bool:
    return _in(_PRESENTATION_RANGES, ch) and unicodedata.category(ch) == "Lo"


@functools.lru_cache(maxsize=1)
def _shapable_letters() -> frozenset[str]:
    """The nominal letters arabic_reshaper turns into presentation forms."""
    from arabic_reshaper.letters import LETTERS_ARABIC

    # Tatweel and ZWJ are in the table but map to themselves.
    return frozenset(
        letter for letter, forms in LETTERS_ARABIC.items()
        if any(form and form != letter for form in forms)
    )


@functools.lru_cache(maxsize=1)
def _letter_of_form() -> dict[str, str]:
    """Presentation form -> the letter arabic_reshaper made it from."""
    from arabic_reshaper.letters import LETTERS_ARABIC

    return {
        form: letter
        for letter, forms in LETTERS_ARABIC.items()
        for form in forms
        if form and form != letter
    }


def has_arabic_letters(text: str) -> bool:
    """True if *text* holds an Arabic letter (nominal or presentation form)."""
    return any(
        _in(_ARABIC_RANGES, ch) and unicodedata.category(ch) == "Lo" for ch in text
    )


def _line_is_visual(line: str) -> bool:
    if not any(_is_presentation_letter(ch) for ch in line):
        return False
    shapable = _shapable_letters()
    return not any(ch in shapable for ch in line)


def is_visual(text: str) -> bool:
    """True if *text* looks already reshaped and reordered for display.

    That is what ``get_display(arabic_reshaper.reshape(s))`` produces: every
    line with Arabic letters has them as Presentation Forms (U+FB50–U+FDFF,
    U+FE70–U+FEFC) and none of the nominal letters the reshaper would have
    converted. (The rial sign U+FDFC is a currency symbol, not a letter, so
    typed text holding it is not mistaken for visual text.)
    """
    lines = [line for line in text.split("\n") if has_arabic_letters(line)]
    return bool(lines) and all(_line_is_visual(line) for line in lines)


@dataclass(frozen=True)
class EngineProbe:
    """What the detection found, and why."""

    engine: str
    reason: str
    matplotlib_version: str = "unknown"
    forced: bool = False


def _glyph_id(item) -> int:
    # LayoutItem.glyph_index on matplotlib >= 3.11, .glyph_idx before.
    for attr in ("glyph_index", "glyph_idx"):
        if hasattr(item, attr):
            return int(getattr(item, attr))
    raise AttributeError("layout item has no glyph index")


@functools.lru_cache(maxsize=1)
def _detect() -> EngineProbe:
    """Lay out PROBE_TEXT with matplotlib's own text layout and classify it."""
    try:
        import matplotlib
        from matplotlib import _text_helpers
        from matplotlib.ft2font import FT2Font
    except Exception as exc:  # no matplotlib at all: nothing will be drawn
        return EngineProbe("reshaper", f"matplotlib not importable ({exc!r})")
    version = getattr(matplotlib, "__version__", "unknown")
    try:
        font = FT2Font(str(PROBE_FONT))
        font.set_size(12, 72)
        # _text_helpers.layout is what the vector backends (PDF, SVG, PS) and
        # text-to-path use to place glyphs; the Agg backend uses the same
        # FT2Font layout code in C++.
        items = list(_text_helpers.layout(PROBE_TEXT, font))
        nominal = [font.get_char_index(ord(ch)) for ch in PROBE_TEXT]
    except Exception as exc:  # private API changed or font unreadable
        return EngineProbe(
            "reshaper",
            f"probe could not run ({type(exc).__name__}: {exc}); "
            "falling back to reshaping, which works on matplotlib without raqm",
            version,
        )
    return classify_layout(items, nominal, PROBE_TEXT, version)


def classify_layout(items, nominal, text: str, version: str = "unknown") -> EngineProbe:
    """Decide the engine from how matplotlib laid *text* out.

    *items* are matplotlib's layout items (``x``, ``char`` and a glyph index
    each); *nominal* the font's glyph for each code point of *text*. Shaped
    and right to left means raqm; nominal glyphs left to right means no
    shaping; anything else falls back to the reshaper, with the reason.
    """
    ordered = sorted(items, key=lambda item: item.x)
    drawn = [_glyph_id(item) for item in ordered]
    chars = "".join(str(getattr(item, "char", "")) for item in ordered)
    substituted = bool(drawn) and all(glyph not in nominal for glyph in drawn)
    right_to_left = chars == text[::-1]
    if substituted and right_to_left:
        return EngineProbe(
            "raqm",
            f"matplotlib {version} shaped {text!r} into contextual forms "
            "and placed it right to left: give it logical text",
            version,
        )
    if drawn == list(nominal) and chars == text:
        return EngineProbe(
            "reshaper",
            f"matplotlib {version} drew {text!r} as nominal glyphs left "
            "to right: give it reshaped, reordered text",
            version,
        )
    return EngineProbe(
        "reshaper",
        f"matplotlib {version} laid {text!r} out in an unexpected way "
        f"(glyphs substituted: {substituted}, right to left: {right_to_left}); "
        "falling back to reshaping",
        version,
    )


def probe() -> EngineProbe:
    """The engine in force and the reason (override first, then detection)."""
    forced = os.environ.get(ENGINE_ENV, "").strip()
    if forced:
        if forced not in ENGINES:
            raise ValueError(
                f"environment variable {ENGINE_ENV}={forced!r}: expected one of "
                f"{', '.join(ENGINES)} (or unset to detect)"
            )
        return EngineProbe(forced, f"forced by {ENGINE_ENV}", forced=True)
    return _detect()


def engine() -> str:
    """``"raqm"`` or ``"reshaper"``: how Arabic must be handed to matplotlib."""
    return probe().engine


def to_visual(text: str) -> str:
    """Reshape and reorder logical *text* for a matplotlib without shaping.

    Each line is handled on its own (the bidi algorithm works per paragraph
    and matplotlib draws lines separately). Tashkeel is dropped, as
    arabic_reshaper does by default: a renderer that cannot position marks
    draws them on the wrong letter. ``bidi.algorithm.get_display`` (the pure
    Python implementation shipped in python-bidi) is used rather than the
    Rust-backed ``bidi.get_display`` because only the former mirrors
    brackets (rule L4), so "(" and ")" face the right way.
    """
    # A line without Arabic letters (digits, punctuation, Latin) is left alone:
    # it has nothing to join, and a visual line could not be told from a
    # logical one, so reordering it would break idempotence. (Only an Arabic
    # ";" or "?" right next to digits may then sit on the other side than raqm
    # would put it.) A line already visual is left alone too.
    return "\n".join(_visual_line(line) for line in text.split("\n"))


def _visual_line(line: str) -> str:
    """One line as :func:`to_visual` draws it (reshaped, then reordered)."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    if not has_arabic_letters(line) or _line_is_visual(line):
        return line
    return get_display(arabic_reshaper.reshape(line))


def _reordering(logical: str) -> tuple[list[int], list[bool]] | None:
    """How the bidi algorithm displays *logical*: for each visual position, the
    index of the logical character shown there and whether it is drawn mirrored.

    The same steps as ``bidi.algorithm.get_display`` (paragraph direction from
    the text), with each character tagged by its position. None when characters
    are dropped on the way (explicit embedding controls), as then no
    position-for-position answer exists.
    """
    from bidi import algorithm as bidi

    storage = bidi.get_empty_storage()
    level = bidi.get_base_level(logical)
    storage["base_level"], storage["base_dir"] = level, ("L", "R")[level]
    bidi.get_embedding_levels(logical, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi.explicit_embed_and_overrides(storage, False)
    bidi.resolve_weak_types(storage, False)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    bidi.reorder_resolved_levels(storage, False)
    bidi.apply_mirroring(storage, False)
    chars = storage["chars"]
    if len(chars) != len(logical):
        return None
    order = [char["index"] for char in chars]
    return order, [char["ch"] != logical[i] for char, i in zip(chars, order)]


def _unreorder(visual: str, guess: str) -> str | None:
    """The logical string that *guess*'s reordering would display as *visual*.

    If *guess* resolves to the same embedding levels as the true logical line,
    this is that line; if not, it is a better guess to try again from.
    """
    found = _reordering(guess)
    if found is None:
        return None
    from bidi.mirror import MIRRORED

    order, mirrored = found
    logical = [""] * len(visual)
    for position, (index, flipped) in enumerate(zip(order, mirrored)):
        ch = visual[position]
        logical[index] = MIRRORED.get(ch, ch) if flipped else ch
    return "".join(logical)


def to_logical(text: str) -> str:
    """Undo ``to_visual``-style processing: back to logical order, real letters.

    For legacy strings that reach a raqm matplotlib already reshaped and
    reordered. Presentation forms are folded back to their letters (the
    reshaper's own table, else NFKC, applied to those characters only, so
    nothing else changes; a ligature's letters are put in visual order); then
    the logical order is searched for: a first guess reorders the line once
    more (right-to-left paragraph, then left-to-right), and each guess is
    refined by undoing exactly the reordering the bidi algorithm applies to
    it, until :func:`to_visual` of the guess gives the line back. Reordering
    is not its own inverse (digits next to an Arabic-Indic digit and Latin
    words resolve differently in the two directions), hence the refinement.
    Best effort: where no guess converges, a guess that at least reorders
    back to the line (or else the first right-to-left guess) is returned; and
    tashkeel that the reshaper dropped cannot come back.
    """
    from bidi.algorithm import get_display

    letters = _letter_of_form()

    def fold(line: str) -> str:
        # A contextual form becomes its letter (the reshaper's own table); a
        # ligature (lam-alef...) decomposes by NFKC in logical order, and the
        # line is in visual order, so its letters go in reversed.
        return "".join(
            letters.get(ch) or unicodedata.normalize("NFKC", ch)[::-1]
            if _in(_PRESENTATION_RANGES, ch)
            else ch
            for ch in line
        )

    def logical(line: str) -> str:
        folded = fold(line)
        # Second best: a guess whose reordering alone gives the folded line back
        # (its reshaping may still differ); last resort: the first guess.
        fallback = None
        for base_dir in ("R", "L"):
            guess = get_display(folded, base_dir=base_dir)
            seen = set()
            # Each refinement settles at least one more level run; a handful suffice.
            while guess is not None and guess not in seen and len(seen) < 8:
                if _visual_line(guess) == line:
                    return guess
                if fallback is None and get_display(guess) == folded:
                    fallback = guess
                seen.add(guess)
                guess = _unreorder(folded, guess)
        return fallback or get_display(folded, base_dir="R")

    return "\n".join(
        logical(line) if _line_is_visual(line) else line for line in text.split("\n")
    )


def label(text: str) -> str:
    """The string to give matplotlib so that *text* displays correctly.

    - Text without Arabic is returned unchanged (the same object).
    - raqm engine: the logical string, NFC-normalised. Lines that arrive
      already reshaped and reordered (legacy code calling
      ``get_display(reshape(s))`` itself) are converted back to logical order
      with :func:`to_logical`, so they display right instead of backwards.
    - reshaper engine: :func:`to_visual`, line by line; lines already visual
      (:func:`is_visual`) and lines without Arabic letters are left as they
      are, so ``label(label(s)) == label(s)``.

    Idempotent on both engines.
    """
    if not isinstance(text, str):
        raise TypeError(f"label() expects str, got {type(text).__name__}: {text!r}")
    if not has_arabic(text):
        return text
    if engine() == "raqm":
        return unicodedata.normalize("NFC", to_logical(text))
    return to_visual(text)
