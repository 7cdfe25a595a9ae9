"""Tables and findings for readers of either language.

    present.table(budgets, ["company", "budget", "paragraph"], LANG)
    present.findings("02_budgets", "ar")

:func:`table` shows a DataFrame with its column headers and its coded values in the
reader's language: glossary terms (companies, apps, who measured) by their names,
verdicts, qualifiers, confidence levels and other codes by the words in
``words/<lang>.toml`` (section ``values``), amounts of money with their currency. The
frame itself is not changed: the analysis keeps working with ids and numbers.

:func:`findings` shows a notebook's findings box: its sentences are the templates of
``findings.<notebook>`` in the word file, filled with the numbers
:mod:`helpers.analysis.facts` computes for that notebook.
"""
from __future__ import annotations

from helpers.analysis import glossary, words
from helpers.toolkit import fmt, langs, show
from helpers.toolkit.wording import Money

__all__ = ["table", "localize", "header", "findings", "money_column"]

#: Columns whose values are terms of data/glossary.csv.
TERM_COLUMNS = ("company", "app", "measured_by", "actor", "larger", "smaller")
#: Curators' and sources' free text kept in English in the data: shown to English readers
#: only (an Arabic reader gets the same caveats in the notebook's translated notes).
ENGLISH_ONLY = ("note", "incentives", "method", "gloss_en", "title_en", "message")
#: Columns whose values are codes with a word per language (words: values.<column>).
CODE_COLUMNS = ("verdict", "curated_verdict", "qualifier", "confidence", "category", "metric", "period",
                "kind", "platform", "role", "scope", "what", "unit", "precision", "source",
                "per_user_cap_kind")


def header(column: str, lang: str) -> str:
    """A column's header in *lang* (words: columns.<column>; the name itself if none)."""
    return words.of(lang).get(f"columns.{column}", column)


def _value(column: str, value, lang: str):
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return langs.get(lang).word("yes" if value else "no")
    if column in TERM_COLUMNS and isinstance(value, str):
        try:
            return glossary.name(value, lang)
        except KeyError:
            return value
    if column in CODE_COLUMNS and isinstance(value, str):
        if column in ("verdict", "curated_verdict"):
            return langs.get(lang).word(value)
        return words.of(lang).get(f"values.{column}.{value}", value)
    if isinstance(value, Money):
        return fmt.money(value.amount, value.currency, lang)
    return value


def money_column(frame, amount: str, currency: str, lang: str, **options) -> list[str]:
    """An amount column and its currency column written as money ("CNY 3 billion"); a
    missing amount reads "not public" in *lang*."""
    import pandas as pd

    missing = langs.get(lang).word("not_public")
    return [missing if pd.isna(a) else fmt.money(int(a), c, lang, **options)
            for a, c in zip(frame[amount], frame[currency])]


def localize(frame, lang: str, columns: list[str] | None = None):
    """A copy of *frame* (only *columns*) with values and headers in *lang*.

    Two columns whose headers read alike in *lang* are an error: a table would drop one
    of them (pandas warns, the reader sees one column)."""
    columns = list(columns or frame.columns)
    headers = {c: header(c, lang) for c in columns}
    seen: dict[str, str] = {}
    for column, text in headers.items():
        if text in seen:
            raise ValueError(f"columns {seen[text]!r} and {column!r} both read {text!r} in "
                             f"{lang}: give one its own header in words/{lang}.toml [columns]")
        seen[text] = column
    out = frame[columns].copy()
    for column in columns:
        out[column] = [_value(column, v, lang) for v in out[column]]
    return out.rename(columns=headers)


def table(frame, columns: list[str] | None = None, lang: str = "en"):
    """*frame* as a table for readers of *lang* (right-to-left for Arabic); the data's
    English-only free text (notes, glosses) is left out for readers of other languages."""
    columns = [c for c in (columns or list(frame.columns)) if lang == "en" or c not in ENGLISH_ONLY]
    return show.table(localize(frame, lang, columns), lang=lang)


def findings(notebook: str, lang: str):
    """A notebook's findings box in *lang*, computed from the data."""
    from helpers.analysis import facts

    values = facts.for_notebook(notebook)
    said = words.of(lang)
    sentences = [said.say(f"findings.{notebook}.{key}", **values)
                 for key in said[f"findings.{notebook}"] if not key.startswith("_")]
    return show.findings(sentences, lang=lang)
