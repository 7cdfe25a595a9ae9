"""This article's words: one TOML file per language (``en.toml``, ``ar.toml``).

Every sentence the analysis writes — the fact-check's explanations, the
findings, figure titles, captions and alt text, table headers — is a template
in these files, filled from numbers the code computes (see
:mod:`helpers.toolkit.wording` for the fields). A language's file holds the
same keys as the English one; ``tests/test_words.py`` checks that.
"""
from __future__ import annotations

from pathlib import Path

from helpers.toolkit.wording import Words

FOLDER = Path(__file__).resolve().parent

__all__ = ["FOLDER", "of", "localized"]


def of(lang: str) -> Words:
    """The templates of *lang*."""
    return Words(FOLDER, lang)


def localized(key: str, /, **values):
    """The template at *key* rendered in every language, as one value for another template."""
    from helpers.toolkit import langs
    from helpers.toolkit.wording import Localized

    return Localized({lang: of(lang).say(key, **values) for lang in langs.LANGS})
