"""Notebook output for bilingual readers: Arabic shown right-to-left.

A pandas table or a print() shows Arabic in a left-to-right box, where
punctuation and embedded Latin words land on the wrong side. These helpers
return IPython HTML objects whose Arabic parts carry ``dir="rtl" lang="ar"``,
with a plain-text fallback for viewers that do not render HTML. A table or a
findings box for a reader of a right-to-left language is right-to-left as a
whole (its first column on the right), with the direction, language and
words from :mod:`helpers.toolkit.langs`.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from helpers.toolkit import arabic, langs

_RTL_STYLE = "text-align:right;font-family:'Noto Sans Arabic','Noto Naskh Arabic',sans-serif"


def has_arabic(text: object) -> bool:
    return isinstance(text, str) and arabic.has_arabic(text)


def cell_html(value: object) -> str:
    """One value as HTML; Arabic text gets its own right-to-left block."""
    text = "" if value is None else str(value)
    if has_arabic(text):
        return f'<div dir="rtl" lang="ar" style="{_RTL_STYLE}">{html.escape(text)}</div>'
    return html.escape(text)


class _Html:
    """HTML for notebooks, plain text for terminals and diff tools."""

    def __init__(self, markup: str, plain: str):
        self.markup, self.plain = markup, plain

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.plain


def rtl(text: str) -> _Html:
    """An Arabic paragraph, right-to-left."""
    return _Html(cell_html(text), text)


def table(rows: Iterable[Mapping[str, object]] | object, columns: list[str] | None = None,
          lang: str = "en") -> _Html:
    """A table whose Arabic cells read right-to-left.

    ``rows`` is a DataFrame or an iterable of mappings; ``columns`` picks and
    orders the columns shown (default: all). For a right-to-left *lang* the
    whole table is right-to-left.
    """
    if hasattr(rows, "to_dict"):
        records = rows.to_dict("records")
        columns = columns or list(rows.columns)
    else:
        records = [dict(r) for r in rows]
        columns = columns or (list(records[0]) if records else [])
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell_html(_plain(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in records
    )
    language = langs.get(lang)
    attributes = f' dir="rtl" lang="{language.code}"' if language.rtl else ""
    markup = (f'<table class="collection"{attributes}><thead><tr>{head}</tr></thead>'
              f"<tbody>{body}</tbody></table>")
    plain = "\n".join(
        [" | ".join(map(str, columns))]
        + [" | ".join(_plain(r.get(c)) for c in columns) for r in records]
    )
    return _Html(markup, plain)


def _plain(value: object) -> str:
    if value is None:
        return ""
    try:  # pandas missing values (NaN, NaT, NA) read as empty, not as "nan"
        import pandas as pd

        if not isinstance(value, (list, tuple)) and pd.isna(value):
            return ""
    except (ImportError, TypeError, ValueError):
        pass
    if hasattr(value, "date") and hasattr(value, "hour") and value.hour == value.minute == 0:
        return str(value.date())
    return str(value)


def findings(sentences: list[str], lang: str = "en") -> _Html:
    """The finding-first box that opens a notebook, in one language.

    Sentences are built from the data (templates filled with computed numbers), so the
    numbers a reader sees first are the numbers the data holds.
    """
    language = langs.get(lang)
    heading = html.escape(language.word("findings"))
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    side = "right" if language.rtl else "left"
    style = f"border-{side}:4px solid #0072B2;padding:0.5em 1em"
    if language.rtl:
        style += f";text-align:right;font-family:{language.css_fonts}"
    markup = (f'<div class="findings" dir="{language.direction}" lang="{language.code}" style="{style}">'
              f"<p><strong>{heading}</strong></p><ul>{items}</ul></div>")
    plain = "\n".join([f"{language.word('findings')}:"] + [f"- {s}" for s in sentences])
    return _Html(markup, plain)
