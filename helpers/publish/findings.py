"""The collection's headline findings, computed once from the data and worded per language.

The README's findings box (:mod:`helpers.publish.readme`, English) and the findings slide
of each deck (:mod:`helpers.publish.slides`) show the same bullets: one per campaign (the
article's company first, a rival's ratio to it, a budget that is not public), the public
budgets together, the official holiday and the fact-check's verdict counts. The numbers
come from :mod:`helpers.analysis.facts` and the checks; the words are the templates of
``findings.collection`` in ``helpers/analysis/words/<lang>.toml``. A new campaign row in
``data/campaigns.csv`` adds a bullet without a code change.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Findings", "compute", "bullets", "partly_lines"]


@dataclass(frozen=True)
class Findings:
    """The values the findings are worded from."""

    values: dict  # facts.budgets() plus the holiday and the verdict counts
    partly: tuple  # (claim_id, paragraph, {lang: explanation}) of claims that hold in part


def compute(tables=None) -> Findings:
    """The findings from the data as it is now."""
    from helpers.analysis import checks, facts
    from helpers.analysis.checks import Tables
    from helpers.analysis.checks._core import announced_on
    from helpers.toolkit import holidays, langs

    t = Tables.of(tables)
    values = facts.budgets(t)
    year = announced_on(t).year
    holiday = holidays.spring_festival(year)
    results = checks.run_all(t)
    counts = checks.verdict_counts(results)
    holds, partly, fails, cannot = (counts[v] for v in checks.VERDICTS)
    values.update(year=year, first=holiday.first_day, last=holiday.last_day, days=holiday.days,
                  n_claims=len(results), holds=holds, partly=partly, fails=fails, cannot=cannot)
    inexact = results[results["verdict"].eq(checks.PARTLY)]
    return Findings(values, tuple(
        (r["claim_id"], int(r["paragraph"]), {lang: r[f"explanation_{lang}"] for lang in langs.LANGS})
        for _, r in inexact.iterrows()))


def bullets(lang: str, found: Findings | None = None) -> list[str]:
    """The findings as short bullets in *lang*."""
    from helpers.analysis import words

    found = found or compute()
    v = found.values
    said = words.of(lang)

    def say(key, **extra):
        return said.say(f"findings.collection.{key}", **{**v, **extra})

    lines = [say("lead")]
    lines += [say("rival", **rival) for rival in v["rivals"]]
    if v["hidden"]:
        lines.append(say("hidden"))
    lines += [say("together"), say("holiday"), say("claims")]
    return lines


def partly_lines(lang: str, found: Findings | None = None) -> list[str]:
    """The claims that hold only in part, each with its reason, in *lang*."""
    from helpers.analysis import words

    found = found or compute()
    said = words.of(lang)
    return [said.say("findings.collection.partly_item", claim=claim, paragraph=paragraph,
                     explanation=explanation[lang]) for claim, paragraph, explanation in found.partly]


def markdown(lang: str, found: Findings | None = None) -> str:
    """The collection's findings in *lang* as Markdown: the bullets, the claims that hold
    only in part, and where the numbers come from. The README's findings box (English)
    and each HTML site's index use this."""
    from helpers.analysis import words

    found = found or compute()
    said = words.of(lang)
    lines = [f"- {line}" for line in bullets(lang, found)]
    partly = partly_lines(lang, found)
    if partly:
        lines += ["", said.say("findings.collection.partly_intro"), ""]
        lines += [f"- {line}" for line in partly]
    lines += ["", said.say("findings.collection.computed")]
    return "\n".join(lines)
