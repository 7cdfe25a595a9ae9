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
              # JupyterLab and nbconvert left-align every <p>; `start` follows dir.
              f'<p style="text-align:start"><strong>{heading}</strong></p><ul>{items}</ul></div>')
    plain = "\n".join([f"{language.word('findings')}:"] + [f"- {s}" for s in sentences])
    return _Html(markup, plain)


class _Figure:
    """A rendered figure for Jupyter: an ``<img alt>`` in HTML, a PNG, and the alt as text."""

    def __init__(self, png: bytes, alt: str, lang: str, size: tuple[int, int]):
        self.png, self.alt, self.lang, self.size = png, alt, lang, size

    def _repr_mimebundle_(self, include=None, exclude=None):
        import base64

        encoded = base64.b64encode(self.png).decode("ascii")
        width, height = self.size
        direction = ' dir="rtl"' if langs.is_rtl(self.lang) else ""
        markup = (
            f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(self.alt, quote=True)}" '
            f'lang="{html.escape(self.lang, quote=True)}"{direction} width="{width}" '
            f'height="{height}" style="max-width:100%;height:auto">'
        )
        data = {"text/html": markup, "image/png": encoded, "text/plain": self.alt}
        metadata = {"image/png": {"alt": self.alt, "width": width, "height": height}}
        return data, metadata

    def __repr__(self) -> str:
        return self.alt


def figure(fig, alt: str, *, lang: str = "en", close: bool = True) -> _Figure:
    """*fig* as an inline image that carries its alt text, for notebooks.

    Show it by leaving the result as a cell's last value or by passing it to
    ``IPython.display.display``. The output holds the same PNG (as the inline
    backend draws it: figure dpi, tight box, no software version) twice:

    - ``text/html``: ``<img alt="…" lang="…" src="data:image/png;base64,…">``.
      JupyterLab and nbconvert's HTML exporter (so the HTML edition) prefer
      HTML to PNG, and neither reads an alt text from image metadata;
    - ``image/png`` with ``{"alt": …}`` metadata: for exporters that skip HTML
      (LaTeX/PDF) and tools that read the metadata;
    - ``text/plain``: the alt text itself.

    *lang* is the alt text's language (``dir="rtl"`` for Arabic), so a screen
    reader speaks it with the right voice. With *close* (the default) the
    figure is closed in pyplot, so the inline backend does not show it a
    second time without alt text.
    """
    import io

    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"figure: alt must be a non-empty description, got {alt!r}")
    if not isinstance(lang, str) or not lang.strip():
        raise ValueError(f"figure: lang must be a language tag such as 'ar' or 'en', got {lang!r}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    png = buffer.getvalue()
    size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
    if close:
        import sys

        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close(fig)
    return _Figure(png, alt.strip(), lang.strip(), size)
