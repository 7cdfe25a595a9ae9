"""Names in every language, from ``data/glossary.csv``: companies, products, platforms,
terms (red envelope: مظاريف حمراء / 红包) and the names of who measured a number.

    glossary.name("alibaba", "ar")   # 'علي بابا'
    glossary.term("red_envelope")    # Localized(en='red envelopes', ar='مظاريف حمراء')

Tables refer to these terms by id (campaigns.company, campaigns.app, context_users.app
and measured_by), and the loader checks every reference; prose, tables and figures take
the words from here, so a name is spelled one way everywhere.
"""

from __future__ import annotations

import functools

from helpers.analysis import data
from helpers.toolkit import langs
from helpers.toolkit.wording import Localized

__all__ = ["name", "term", "terms"]


def terms():
    """The glossary as a DataFrame indexed by term (read again only when the file changes)."""
    path = data.path_for("glossary")
    stat = path.stat()
    return _terms(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _terms(path: str, mtime_ns: int, size: int):
    return data.load("glossary", path).set_index("term")


def term(term_id: str) -> Localized:
    """A term's name in every language; KeyError naming the term if it is not there."""
    table = terms()
    if term_id not in table.index:
        raise KeyError(f"{term_id!r} is not a term of data/glossary.csv")
    row = table.loc[term_id]
    return Localized({lang: row[lang] for lang in langs.LANGS})


def name(term_id: str, lang: str) -> str:
    """A term's name in *lang*."""
    return term(term_id)[langs.check(lang)]
