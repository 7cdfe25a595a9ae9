"""The text of the collection's figures: Arabic that reads in order, wording from the data.

An Arabic line whose first strong character (Unicode bidi class L, R or AL) is Latin gets
a left-to-right paragraph direction from the bidi algorithm (raqm, and python-bidi on the
reshaper path): "WeChat، 2014–2017؛ …" then draws its Arabic words in the wrong order
around the Latin one. The figures avoid it by starting every Arabic template, and every
Arabic label in the data, with an Arabic word or a date (a digit is weak; the Arabic month
after it decides). This test is the guard: it reads every line of every text drawn in
every Arabic figure, data included, and fails naming the figure and the line.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import matplotlib
import pytest
from prose_support import ID_OR_RANGE

matplotlib.use("Agg")

from helpers.analysis import data  # noqa: E402
from helpers.analysis import figures as analysis_figures  # noqa: E402
from helpers.toolkit import arabic, figures, langs  # noqa: E402

RTL_LANGS = [code for code in langs.LANGS if langs.get(code).rtl]


def first_strong(line: str) -> str | None:
    """"L" or "R": the direction the bidi algorithm gives *line* as a paragraph (rules P2,
    P3), None when it has no strong character."""
    for char in line:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return None


def scrambled_lines(text: str) -> list[str]:
    """The lines of *text* (as typed) that hold Arabic letters but start left to right."""
    typed = arabic.to_logical(text) if arabic.is_visual(text) else text
    return [line for line in typed.split("\n")
            if arabic.has_arabic_letters(line) and first_strong(line) == "L"]


@pytest.mark.parametrize("text, bad", [
    ("WeChat، 2014–2017؛ المقياسان لوغاريتميان", True),
    ("2015 WeChat مظاريف", True),  # a digit is weak: the Latin word decides
    ("DataEye وبيانات الشركات", True),
    ("بيانات WeChat للأعوام 2014–2017", False),
    ("2015: مظاريف WeChat", False),  # the Arabic word after the digits decides
    ("فبراير · نحو 130 مليون*\nبحسب DataEye وبيانات الشركات", False),
    ("نحو 130 مليون\nDataEye وبيانات الشركات", True),  # every line is its own paragraph
    ("DeepSeek", False),  # no Arabic letters: nothing to scramble
])
def test_a_line_that_starts_latin_is_flagged(text, bad):
    assert bool(scrambled_lines(text)) is bad


@pytest.fixture(scope="module")
def charts():
    return {name: analysis_figures.chart(name) for name in analysis_figures.names()}


def _drawn(charts, name: str, lang: str) -> list[str]:
    """Every text the figure *name* draws in *lang*, laid out as it is exported."""
    import matplotlib.pyplot as plt

    fig = charts[name].draw(lang)
    try:
        figures.lay_out(fig)
        return [t.get_text() for t in figures.drawn_texts(fig)]
    finally:
        plt.close(fig)


@pytest.mark.parametrize("lang", RTL_LANGS)
@pytest.mark.parametrize("name", analysis_figures.names())
def test_every_arabic_line_of_every_figure_starts_right_to_left(charts, name, lang):
    texts = _drawn(charts, name, lang)
    assert texts, f"{name}: no text drawn?"
    bad = [line for text in texts for line in scrambled_lines(text)]
    assert not bad, (f"{name} [{lang}]: these lines start with a Latin word, so they draw "
                     f"left to right, their Arabic out of order; start them with an Arabic "
                     f"word or a date: {bad}")


# Latin words an Arabic figure may draw: ids (CL06, W01), file and module paths, and the
# words the Arabic columns of the data keep in Latin letters (brands: Qwen, WeChat, DataEye).
_PATH = re.compile(r"[\w/]+\.(csv|md|txt)|data/|helpers(\.\w+)+")
_SOFTWARE = {"chinesecalendar"}  # the holiday calendar the figures cite by its package name
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9]|[A-Za-z]")


@functools.lru_cache(maxsize=None)
def _arabic_data_words(lang: str) -> frozenset[str]:
    """The Latin words the *lang* columns of the data use: what its translators kept."""
    columns = {"glossary": [lang], "events": [f"title_{lang}", f"short_{lang}"],
               "claims": [f"short_{lang}"]}
    words = set()
    for table, names in columns.items():
        frame = data.load(table)
        for name in names:
            for value in frame[name].dropna():
                words.update(_LATIN_WORD.findall(str(value)))
    return frozenset(words)


def foreign_words(text: str, allowed: frozenset[str] | set[str]) -> list[str]:
    """Latin words in *text* (as typed) that are neither ids, paths nor in *allowed*."""
    typed = arabic.to_logical(text) if arabic.is_visual(text) else text
    typed = _PATH.sub(" ", typed)
    return [w for w in _LATIN_WORD.findall(typed)
            if not ID_OR_RANGE.fullmatch(w) and w not in allowed and w not in _SOFTWARE]


def test_an_english_word_in_an_arabic_figure_is_flagged():
    allowed = {"DataEye", "SCMP"}
    assert foreign_words("المصدر: DataEye and company data", allowed) == ["and", "company", "data"]
    assert foreign_words("المصدر: data/events.csv (A01، W02)؛ DataEye وبيانات الشركات", allowed) == []


@pytest.mark.parametrize("lang", RTL_LANGS)
@pytest.mark.parametrize("name", analysis_figures.names())
def test_arabic_figures_carry_no_english_words_but_brands(charts, name, lang):
    allowed = _arabic_data_words(lang)
    texts = _drawn(charts, name, lang)
    bad = sorted({w for text in texts for w in foreign_words(text, allowed)})
    assert not bad, (f"{name} [{lang}]: Latin words that are not brands the data's {lang} "
                     f"columns keep, ids or paths: {bad}")
