"""The tour of the dataset that notebook 01 shows: what each table holds, where each of the
article's numbers sits, which years were inferred, what happens to a damaged file, and
what is not known. Each function returns a DataFrame with plain column names; the notebook
shows it with :func:`helpers.analysis.present.table` in the reader's language."""
from __future__ import annotations

import hashlib
import re

from helpers.analysis import article, data
from helpers.toolkit import fmt, paths

__all__ = ["inventory", "article_numbers", "inferred_years", "damaged", "gaps", "DAMAGED_SAMPLES"]

#: Damaged copies from the test corpus that notebook 01 loads to show the loader's errors.
DAMAGED_SAMPLES = ("arabic_indic_digits.campaigns.csv", "several_problems.campaigns.csv",
                   "quote_wrong_paragraph.campaigns.csv")
_INFERRED = re.compile(r"\byear\b|inferred|without a date|no date")
_GAP = re.compile(r"not public|not found|not disclosed|no source gives", re.IGNORECASE)


def _frames() -> dict:
    return {name: data.load(name) for name in data.tables()}


def _row_name(table: str, row) -> str:
    return f"{table} · {row[data.schema(table).key[0]]}"


def inventory():
    """One row per table: rows, columns, rows from the article and from outside, fact ids."""
    import pandas as pd

    rows = []
    for name, frame in _frames().items():
        sourced = "source" in frame
        rows.append({"table": f"{name}.csv", "rows": len(frame), "columns": frame.shape[1],
                     "from_article": int(frame["source"].eq("article").sum()) if sourced else 0,
                     "from_outside": int(frame["source"].ne("article").sum()) if sourced else 0,
                     "fact_ids": frame["fact_id"].nunique() if "fact_id" in frame else 0})
    return pd.DataFrame(rows)


def _stored(row, lang: str) -> str:
    """What an article row stores: money (in *lang*) and dates (at their precision)."""
    import pandas as pd

    money = [fmt.money(row[amount], row[currency], lang)
             for amount, currency in (("budget_amount", "budget_currency"), ("reported_amount", "reported_currency"))
             if pd.notna(row.get(amount))]
    shown = {"month": "%Y-%m", "year": "%Y"}.get(row.get("precision"), "%Y-%m-%d")
    dates = [f"{row[column]:{shown}}" for column in ("announced_on", "start_on", "end_on", "date", "end_date")
             if pd.notna(row.get(column))]
    return "; ".join(filter(None, [" = ".join(money), *dates]))


def article_numbers(lang: str = "en"):
    """Every article row of campaigns and events: what it stores, the Arabic sentence it
    quotes and the matching English sentence."""
    import pandas as pd

    sentences = article.sentences()
    frames = _frames()
    rows = [{"row": _row_name(name, row), "paragraph": row["paragraph"], "stored": _stored(row, lang),
             "sentence_ar": row["quote_ar"],
             "sentence_en": article.english_for(row["paragraph"], row["quote_ar"], sentences)}
            for name in ("campaigns", "events")
            for _, row in frames[name][frames[name]["source"].eq("article")].iterrows()]
    return pd.DataFrame(rows)


def inferred_years():
    """Article rows whose note says which year was inferred (the article gives none)."""
    import pandas as pd

    frames = _frames()
    rows = [{"row": _row_name(name, row), "paragraph": row["paragraph"], "note": row["note"]}
            for name in ("campaigns", "events")
            for _, row in frames[name][frames[name]["source"].eq("article") & frames[name]["note"].notna()].iterrows()
            if _INFERRED.search(row["note"])]
    return pd.DataFrame(rows)


def damaged(samples=DAMAGED_SAMPLES):
    """Load each damaged sample as a notebook loads a table; one row per problem found:
    the file, the line and column it names, the value, the loader's message (English) and
    whether the file's bytes stayed the same."""
    import pandas as pd

    corpus = paths.ROOT / "tests" / "malformed"
    rows = []
    for sample in samples:
        path = corpus / sample
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        try:
            data.load(sample.split(".")[1], path=path)
            problems = []
        except data.DataError as error:
            problems = error.problems
        unchanged = hashlib.sha256(path.read_bytes()).hexdigest() == before
        for problem in problems:
            rows.append({"file": f"tests/malformed/{sample}", "line": problem.line, "column": problem.column,
                         "value": problem.value or "", "message": str(problem), "unchanged": unchanged})
    return pd.DataFrame(rows, columns=["file", "line", "column", "value", "message", "unchanged"])


def gaps():
    """Rows whose note says something is not public, not found or not disclosed."""
    import pandas as pd

    rows = [{"row": _row_name(name, row), "source": "article" if row["source"] == "article" else "",
             "fact_id": row.get("fact_id") if pd.notna(row.get("fact_id")) else "",
             "paragraph": row.get("paragraph") if pd.notna(row.get("paragraph")) else "",
             "note": row["note"]}
            for name, frame in _frames().items() if "note" in frame
            for _, row in frame[frame["note"].str.contains(_GAP, na=False)].iterrows()]
    return pd.DataFrame(rows)
