"""The article sentence by sentence, in Arabic and in its English translation.

    sentences()                  # one row per sentence: paragraph, sentence, ar, en
    english_for(3, quote_ar)     # the English sentence that translates the Arabic one
    coverage(checks.run_all())   # every sentence with the claims read from it

Sentences are cut by :func:`helpers.toolkit.wording.split_sentences` (it knows "؟").
"""

from __future__ import annotations

from helpers.analysis import data
from helpers.toolkit.wording import split_sentences

__all__ = ["sentences", "english_for", "coverage"]



def sentences():
    """The article sentence by sentence, Arabic next to its English translation.

    Columns: paragraph (0 = headline), sentence (1-based within the paragraph), ar, en.
    Both files are split after a full stop; the translation keeps the original's sentences,
    so the n-th English sentence of a paragraph translates the n-th Arabic one (ValueError
    if a paragraph has a different number of sentences in the two languages).
    """
    import pandas as pd

    ar, en = data.article("ar"), data.article("en")
    rows = []
    for number in sorted(ar):
        ar_parts = split_sentences(ar[number])
        en_parts = split_sentences(en.get(number, ""))
        if len(ar_parts) != len(en_parts):
            raise ValueError(f"paragraph {number}: {len(ar_parts)} Arabic sentence(s) but "
                             f"{len(en_parts)} English in article.en.txt")
        for i, (a, e) in enumerate(zip(ar_parts, en_parts), 1):
            rows.append({"paragraph": number, "sentence": i, "ar": a, "en": e})
    frame = pd.DataFrame(rows)
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    frame["sentence"] = frame["sentence"].astype("Int64")
    return frame


def english_for(paragraph: int, quote_ar: str, table=None) -> str:
    """The English sentence that translates the Arabic sentence holding ``quote_ar``.

    ``table`` is a :func:`sentences` frame (read if not given).  ValueError if the quote is
    not inside one sentence of that paragraph.
    """
    table = sentences() if table is None else table
    rows = table[table["paragraph"].eq(paragraph) & table["ar"].str.contains(quote_ar, regex=False)]
    if len(rows) != 1:
        raise ValueError(f"quote not inside exactly one sentence of paragraph {paragraph}: {quote_ar[:40]!r}")
    return rows["en"].iloc[0]


def coverage(results=None):
    """Every sentence of the article with the claims read from it and their verdicts.

    ``results`` is a :func:`run_all` frame (computed if not given).  Columns: paragraph,
    sentence, ar, en, claims (claim ids joined by ", "), verdicts (claim: verdict pairs),
    n_claims.  A sentence with no claim has an empty ``claims`` and n_claims 0.
    """
    if results is None:
        from helpers.analysis import checks

        results = checks.run_all()
    table = sentences()
    claims, verdicts, counts = [], [], []
    for row in table.itertuples(index=False):
        inside = results[results["paragraph"].eq(row.paragraph)
                         & results["quote_ar"].map(lambda q, text=row.ar: q in text)]
        claims.append(", ".join(inside["claim_id"]))
        verdicts.append("; ".join(f"{c}: {v}" for c, v in zip(inside["claim_id"], inside["verdict"])))
        counts.append(len(inside))
    return table.assign(claims=claims, verdicts=verdicts, n_claims=counts)
