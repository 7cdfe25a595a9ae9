"""Sentences from templates: the words in per-language files, the numbers from the code.

A template is a Python format string whose fields name values and, after a
colon, how to write them for a reader of the language:

=================  ==========================================  ======================
field              value                                       English / Arabic
=================  ==========================================  ======================
``{x:money}``      :class:`Money` (amount, currency)           CNY 3 billion / 3 مليارات يوان
``{x:money,million,0}``  the same, in millions, no decimals    USD 646 million
``{x:amount}``     :class:`Money`, without the currency        3 billion / 3 مليارات
``{n:count}``      a number of things                          5 million / 5 ملايين
``{n:short}``      a number of things, for labels              1.01 bn / 1.01 مليار
``{d:date}``       a date                                      2 Feb 2026 / 2 فبراير 2026
``{d:day}``        a date without its year                     2 Feb / 2 فبراير
``{d:weekday}``    a date's weekday                            Monday / الاثنين
``{m:month}``      a month number                              February / فبراير
``{xs:list}``      a list, each item written as its own kind   a, b and c / أ وب وج
``{xs:money/}``    a list, each item with the spec, " / "      CNY 1 / CNY 2
``{xs:%item;}``    a list joined by the language's semicolon    a; b / أ؛ ب
``{xs:date,}``     a plain list joined by the language's comma  A01, A07 / A01، A07
``{t}``            a :class:`Localized` value or a mapping     its text in the language
``{v:word}``       a key of the language's interface words     holds / صحيح
``{k:@table}``     a key looked up in a table of the word      at_least -> more than /
                   file (the template's own section first)     أكثر من
``{xs:%item}``     a list of mappings, each rendered by the    (the items, joined)
                   template ``item`` of the same section
=================  ==========================================  ======================

A list with any other spec is written item by item with that spec and joined
the language's way ("a, b and c").

Anything else is ordinary ``format()``: ``{r:g}``, ``{x:.4f}``, ``{s:.1%}``.

    >>> render("{who} put up {x:money}.", "en", who={"en": "Alibaba", "ar": "علي بابا"},
    ...        x=Money(3_000_000_000, "CNY"))
    'Alibaba put up CNY 3 billion.'

:class:`Words` reads a language's TOML file of templates (stdlib ``tomllib``)
and looks templates up by dotted keys, naming the file and the key when one is
missing, so a language that lacks a sentence fails loudly, not silently.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import fmt, langs

__all__ = ["Money", "Localized", "render", "Words", "WordsError", "split_sentences"]


@dataclass(frozen=True)
class Money:
    """An amount in a currency, written by :func:`helpers.toolkit.fmt.money`."""

    amount: float
    currency: str

    def __format__(self, spec: str) -> str:  # outside a template: the English form
        return fmt.money(self.amount, self.currency, "en")


class Localized(dict):
    """A value with a text per language: ``Localized(en="Alibaba", ar="علي بابا")``."""

    def __format__(self, spec: str) -> str:
        return format(self.get("en", ""), spec)


class WordsError(KeyError):
    """A template is missing, or names a value that was not given."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class _Formatter(string.Formatter):
    def __init__(self, lang: str, words: "Words | None" = None, section: str = ""):
        super().__init__()
        self.lang = lang
        self.language = langs.get(lang)
        self.words = words
        self.section = section

    def _lookup(self, key: str):
        """A table or template of the word file: the section's own first, then from the top."""
        if self.words is None:
            raise WordsError(f"{{...:@{key}}} needs a word file (use Words.say)")
        if self.section:
            found = self.words.get(f"{self.section}.{key}")
            if found is not None:
                return found
        return self.words[key]

    def get_value(self, key, args, kwargs):
        try:
            return super().get_value(key, args, kwargs)
        except (KeyError, IndexError):
            raise WordsError(f"template field {{{key}}} has no value "
                             f"(given: {', '.join(sorted(kwargs)) or 'none'})") from None

    def format_field(self, value, spec: str) -> str:
        lang, language = self.lang, self.language
        if spec.endswith("/"):  # a list written item by item, joined by " / "
            return " / ".join(self.format_field(item, spec[:-1]) for item in value)
        if spec.endswith(";"):  # items that hold commas, joined by "; " / "؛ "
            return language.semicolon.join(self.format_field([item], spec[:-1]) for item in value)
        if spec.endswith(","):  # a plain list (ids, dates), joined by ", " / "، "
            return language.comma.join(self.format_field([item], spec[:-1]) for item in value)
        if spec.startswith("%"):  # each item rendered by a template of this section
            template = self._lookup(spec[1:])
            return language.join([self.vformat(template, (), dict(item)) for item in value])
        if isinstance(value, (list, tuple)):
            item_spec = "" if spec == "list" else spec
            return language.join([self.format_field(item, item_spec) for item in value])
        if spec.startswith("@"):  # a key of a table in the word file; unknown keys as written
            table = self._lookup(spec[1:])
            return str(table.get(value, value)) if isinstance(table, Mapping) else str(value)
        if isinstance(value, Mapping):
            value = value.get(lang, value.get("en", ""))
        kind, options = _options(spec)
        if kind == "money":
            return fmt.money(value.amount, value.currency, lang, **options)
        if kind == "amount":
            return fmt.count(value.amount, lang, short=False, **options)
        if kind == "count":
            return fmt.count(value, lang, short=False, **options)
        if kind == "short":
            return fmt.count(value, lang, short=True, **options)
        if spec in ("date", "day"):
            return fmt.day_month(value, lang, year=spec == "date")
        if spec == "weekday":
            return language.weekdays[fmt.as_date(value).weekday()]
        if spec == "month":  # a month number, or a date's month
            month = value.month if isinstance(value, (dt.date, dt.datetime)) else int(value)
            return fmt.month_name(month, lang)
        if spec == "word":
            return language.word(value)
        if isinstance(value, Money):
            return fmt.money(value.amount, value.currency, lang)
        if isinstance(value, (dt.date, dt.datetime)) and not spec:
            return fmt.day_month(value, lang, year=True)
        return format(value, spec)


def _options(spec: str) -> tuple[str, dict]:
    """"money,million,0" -> ("money", {"scale": "million", "decimals": 0})."""
    kind, *rest = spec.split(",")
    options: dict = {}
    for option in rest:
        if option.isdigit():
            options["decimals"] = int(option)
        elif option in fmt.SCALES or option == "none":
            options["scale"] = None if option == "none" else option
        else:
            raise WordsError(f"unknown option {option!r} in {{...:{spec}}}")
    return kind, options


def render(template: str, lang: str, /, **values) -> str:
    """*template* filled with *values*, each written for a reader of *lang*."""
    return _Formatter(lang).vformat(template, (), values)


def _render_in(words: "Words", section: str, template: str, values: dict) -> str:
    return _Formatter(words.lang, words, section).vformat(template, (), values)


class Words:
    """One language's templates, from ``<folder>/<lang>.toml``.

    ``words["checks.budget.matches"]`` returns the template at that dotted key;
    ``words.say("checks.budget.matches", **values)`` renders it.
    """

    def __init__(self, folder: Path, lang: str):
        self.lang = langs.check(lang)
        self.path = Path(folder) / f"{lang}.toml"
        try:
            stamp = self.path.stat().st_mtime_ns
        except OSError as exc:
            raise WordsError(f"{self.path}: no word file for {lang!r} ({exc.strerror})") from None
        self.tree = _read(str(self.path), stamp)

    def __getitem__(self, key: str):
        node = self.tree
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise WordsError(f"{self.path}: no template {key!r} (missing {part!r})")
            node = node[part]
        return node

    def get(self, key: str, default=None):
        try:
            return self[key]
        except WordsError:
            return default

    def say(self, key: str, /, **values) -> str:
        """The template at *key*, rendered with *values*."""
        template = self[key]
        if not isinstance(template, str):
            raise WordsError(f"{self.path}: {key!r} is a table of templates, not one template")
        try:
            return _render_in(self, key.rpartition(".")[0], template, values)
        except WordsError as exc:
            raise WordsError(f"{self.path}: {key!r}: {exc}") from None


@functools.lru_cache(maxsize=32)
def _read(path: str, stamp: int) -> dict:  # stamp: the file's mtime, so an edit is re-read
    with open(path, "rb") as handle:
        try:
            return tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise WordsError(f"{path}: not valid TOML ({exc})") from None


#: A sentence ends at ".", "!", "?", the Arabic question mark "؟" or the Urdu full stop "۔",
#: when whitespace (or the end of the text) follows.
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f\u06d4])\s+")


def split_sentences(text: str) -> list[str]:
    """*text* as a list of sentences (each keeps its end mark)."""
    return [part for part in _SENTENCE_END.split(text.strip()) if part]
