"""The word files: every language says every sentence, and every template fills.

helpers/analysis/words/<lang>.toml holds the analysis's sentences per language. A key in
one language's file and not in another's would make that language fail (or fall back)
at run time; a placeholder a language uses that English does not would be a value the
code never gives.
"""
import re
import string

import pytest
from prose_support import leaves

from helpers.analysis import words
from helpers.toolkit import langs


def _fields(template: str) -> set[str]:
    """The value names a template uses ({x:money} -> x; {start.year} -> start)."""
    names = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(template):
        if field:
            names.add(re.split(r"[.\[]", field, maxsplit=1)[0])
    return names


LEAVES = {lang: dict(leaves(words.of(lang).tree)) for lang in langs.LANGS}


@pytest.mark.parametrize("lang", [lang for lang in langs.LANGS if lang != "en"])
def test_every_language_has_every_key(lang):
    english, other = set(LEAVES["en"]), set(LEAVES[lang])
    assert not english - other, f"{lang}.toml lacks: {sorted(english - other)[:20]}"
    assert not other - english, f"{lang}.toml has keys English lacks: {sorted(other - english)[:20]}"


@pytest.mark.parametrize("lang", [lang for lang in langs.LANGS if lang != "en"])
def test_templates_use_the_values_the_english_ones_use(lang):
    different = {}
    for key, english in LEAVES["en"].items():
        other = LEAVES[lang].get(key)
        if isinstance(english, str) and isinstance(other, str) and _fields(english) != _fields(other):
            # A language may leave a value out (Arabic needs no "{subject}'s"), never add one.
            extra = _fields(other) - _fields(english)
            if extra:
                different[key] = sorted(extra)
    assert not different, f"{lang}.toml templates name values English never gives: {different}"


def test_a_missing_key_is_an_error_naming_file_and_key():
    from helpers.toolkit.wording import WordsError

    with pytest.raises(WordsError, match="en.toml.*nope"):
        words.of("en").say("checks.nope.nothing")
