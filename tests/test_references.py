"""References that cannot drift: every id the collection cites in prose names a real row,
and cites the row it means.

Where prose lives (both editions of the notebooks, the word files, code strings, figure
captions, alt text and source lines, the READMEs, docs/, the tables' own notes) and how
ids and ranges are read: ``tests/prose_support.py``.

The rules, each a function of prose_support that returns the problems it finds:

1. every id resolves: a claim of ``data/claims.csv``, a fact or a caveat of
   ``data/source/facts.md``; a range (``W01–W19``) runs upwards within one kind and every id
   in it exists;
2. ids cited for a table are rows of that table (``context_fx.csv`` (facts F01–F05); a range
   in a sentence about one table; the introduction of each table in data/README.md);
3. a figure's words (title, caption, alt text, source line) cite only what the figure
   draws: the ids in its data (``figures/<name>.csv``);
4. a claim cited next to quoted words of the article is the claim that says them, and a
   verdict stated next to a claim or check is its verdict;
5. words quoted with a paragraph reference (¶1, الفقرة 1) are in that paragraph;
6. both editions cite the same ids, cell by cell and sentence template by template;
7. a findings sentence cites facts whose rows give its numbers, and a claim's note and
   method cite only its evidence.

``test_the_old_errors_are_caught`` feeds the wrong references the audit of issue 13 found
(and their like) through the same rules.
"""
from __future__ import annotations

import functools

import pandas as pd
import pytest
from prose_support import (
    Text,
    cited,
    cited_ids,
    claim_quote_problems,
    code_strings,
    data_texts,
    documents,
    drawn_problems,
    kind_of,
    known_ids,
    manifest_rows,
    manifest_texts,
    markdown_cells,
    mentions,
    paragraph_quote_problems,
    readme_sections,
    row_evidence,
    section_problems,
    table_fact_ids,
    table_problems,
    unresolved,
    verdict_statement_problems,
    word_sentences,
)

from helpers.analysis import data, facts, figures, words
from helpers.toolkit import langs, paths


@functools.lru_cache(maxsize=1)
def figure_texts() -> list[Text]:
    """What each figure says now, in every language, as its module renders it (the source
    line is drawn into the image, so it is read here, not from the files)."""
    out = []
    for name in figures.names():
        chart = figures.chart(name)
        frame = chart.data
        drawn = {"fact": _ids_in(frame, "fact_id"), "claim": _ids_in(frame, "claim_id")}
        if "fact_id" not in frame:  # no per-row ids: the facts of the tables it reads
            drawn["fact"] = frozenset().union(*(table_fact_ids().get(t, frozenset()) for t in chart.tables))
        if "claim_id" not in frame:
            drawn.pop("claim")
        for lang in langs.LANGS:
            for key, value in chart.text(lang).items():
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str):
                        out.append(Text(f"figure {name} ({lang}) {key}", "figure", lang, text,
                                        extra={"drawn": drawn}))
    return out


def _ids_in(frame, column: str) -> frozenset[str]:
    if column not in frame:
        return frozenset()
    return frozenset(i for v in frame[column].dropna() for i in str(v).split(";") if i)


def _all_texts() -> list[Text]:
    return (markdown_cells("en") + markdown_cells("ar") + code_strings() + word_sentences("en")
            + word_sentences("ar") + manifest_texts() + figure_texts() + documents() + data_texts())


def _report(problems: list[str]) -> str:
    return f"{len(problems)} wrong reference(s):\n" + "\n".join(problems)


# --------------------------------------------------------------------------- 1. resolve
@pytest.mark.parametrize("group", ["markdown", "code", "words", "figures", "docs", "data"])
def test_every_cited_id_names_a_claim_a_fact_or_a_caveat(group):
    texts = {"markdown": markdown_cells("en") + markdown_cells("ar"), "code": code_strings(),
             "words": word_sentences("en") + word_sentences("ar"),
             "figures": manifest_texts() + figure_texts(), "docs": documents(),
             "data": data_texts()}[group]
    known = known_ids()
    problems = [f"{t.origin}: {p}" for t in texts for p in unresolved(t.text, known)]
    assert not problems, _report(problems)
    assert sum(len(cited(t.text)) for t in texts), f"no ids found in {group}: the reader is broken"


# --------------------------------------------------------------------------- 2. tables
def test_ids_cited_for_a_table_are_rows_of_that_table():
    tables = table_fact_ids()
    texts = (markdown_cells("en") + markdown_cells("ar") + word_sentences("en") + word_sentences("ar")
             + manifest_texts() + figure_texts() + documents() + data_texts())
    problems = [f"{t.origin}: {p}" for t in texts for p in table_problems(t.text, tables)]
    readme = (paths.DATA / "README.md").read_text(encoding="utf-8")
    sections = list(readme_sections(readme))
    assert {table for table, _ in sections} >= set(data.tables()), "a table without its section"
    problems += [f"data/README.md: {p}" for table, intro in sections
                 for p in section_problems(table, intro, {**tables, "claims": frozenset()})
                 if table in tables]
    assert not problems, _report(problems)


# --------------------------------------------------------------------------- 3. figures
def test_a_figures_words_cite_only_what_it_draws():
    problems = [f"{t.origin}: {p}" for t in figure_texts() for p in drawn_problems(t.text, t.extra["drawn"])]
    assert not problems, _report(problems)


def test_the_committed_captions_and_alt_text_cite_only_what_the_figure_data_hold():
    problems = []
    for row in manifest_rows():
        frame = pd.read_csv(paths.ROOT / "figures" / f"{row['name']}.csv", dtype=str)
        drawn = {kind: _ids_in(frame, column) for kind, column in (("fact", "fact_id"), ("claim", "claim_id"))
                 if column in frame}
        for column in ("title", "caption", "alt"):
            problems += [f"figures/manifest.csv {row['name']} ({row['lang']}) {column}: {p}"
                         for p in drawn_problems(row[column], drawn)]
    assert not problems, _report(problems)


def test_every_figure_has_words_and_data_to_check():
    texts = figure_texts()
    assert {t.origin.split()[1] for t in texts} == set(figures.names())
    assert any(t.extra["drawn"].get("fact") for t in texts)
    assert any(cited(t.text) for t in texts if "source" in t.origin)


# --------------------------------------------------------------------------- 4. claims, verdicts
def _glosses() -> dict[str, str]:
    claims = data.load("claims")
    return dict(zip(claims["claim_id"], claims["gloss_en"]))


def test_a_claim_cited_with_quoted_words_is_the_claim_that_says_them():
    glosses = _glosses()
    texts = markdown_cells("en") + word_sentences("en") + documents() + data_texts()
    problems = [f"{t.origin}: {p}" for t in texts for p in claim_quote_problems(t.text, glosses)]
    assert not problems, _report(problems)


def _verdicts() -> dict[str, str]:
    """Claim id -> verdict, and check id -> verdict where every claim of the check agrees."""
    claims = data.load("claims")
    out = dict(zip(claims["claim_id"], claims["verdict"]))
    for check, group in claims.groupby("check"):
        if group["verdict"].nunique() == 1:
            out[check] = group["verdict"].iloc[0]
    return out


def _labels(lang: str) -> dict[str, str]:
    return {langs.get(lang).word(v): v for v in data.VERDICTS}


def test_a_verdict_stated_next_to_a_claim_or_check_is_its_verdict():
    verdicts = _verdicts()
    problems = []
    for lang in langs.LANGS:
        texts = markdown_cells(lang) + word_sentences(lang) + (documents() if lang == "en" else [])
        problems += [f"{t.origin}: {p}" for t in texts
                     for p in verdict_statement_problems(t.text, verdicts, _labels(lang))]
    assert not problems, _report(problems)


# --------------------------------------------------------------------------- 5. paragraphs
def test_words_quoted_with_a_paragraph_reference_are_in_that_paragraph():
    problems = []
    for lang in langs.LANGS:
        article = data.article(lang)
        texts = markdown_cells(lang) + (documents() if lang == "en" else [])
        problems += [f"{t.origin}: {p}" for t in texts for p in paragraph_quote_problems(t.text, lang, article)]
    assert not problems, _report(problems)
    quoted = [t for t in markdown_cells("ar") if "(الفقرة" in t.text and "«" in t.text]
    assert quoted, "no Arabic quote with a paragraph reference: the rule reads nothing"


# --------------------------------------------------------------------------- 6. editions
def test_both_editions_cite_the_same_ids_cell_by_cell():
    english = {(t.notebook, t.cell): cited_ids(t.text) for t in markdown_cells("en")}
    problems = []
    for lang in langs.LANGS:
        if lang == "en":
            continue
        for t in markdown_cells(lang):
            want, have = english[(t.notebook, t.cell)], cited_ids(t.text)
            if want != have:
                problems.append(f"{t.origin}: cites {sorted(have)}, the English cell {sorted(want)}")
    assert not problems, _report(problems)


@pytest.mark.parametrize("table, column", [("corrections", "why"), ("claims", "note")])
def test_each_reason_gives_the_same_ids_in_every_language(table, column):
    """corrections.csv why_ar and claims.csv note_ar cite the ids their English (why, note)
    does: each site's fact-check page shows its own language's."""
    texts = [t for t in data_texts() if t.extra["table"] == table]
    english = {t.origin.split()[0]: cited_ids(t.text) for t in texts if t.extra["column"] == column}
    others = [t for t in texts if t.extra["column"].startswith(f"{column}_")]
    assert others and any(english.values()), "no reasons read: the test reads nothing"
    problems = [f"{t.origin}: cites {sorted(cited_ids(t.text))}, {column} "
                f"{sorted(english.get(t.origin.split()[0], set()))}" for t in others
                if cited_ids(t.text) != english.get(t.origin.split()[0], set())]
    assert not problems, _report(problems)


def test_both_word_files_cite_the_same_ids_key_by_key():
    english = {t.extra["key"]: cited_ids(t.text) for t in word_sentences("en")}
    problems = []
    for lang in langs.LANGS:
        if lang == "en":
            continue
        for t in word_sentences(lang):
            if cited_ids(t.text) != english.get(t.extra["key"], set()):
                problems.append(f"{t.origin}: cites {sorted(cited_ids(t.text))}, English "
                                f"{sorted(english.get(t.extra['key'], set()))}")
    assert not problems, _report(problems)


# --------------------------------------------------------------------------- 7. findings, claims
def findings_problems(sentence: str) -> list[str]:
    """Each fact a findings sentence cites must give one of the sentence's numbers or dates
    (a bare year is too common to tell one fact from another)."""
    stated = [m for m in mentions(sentence) if m.kind in ("value", "date")]
    problems = []
    for identifier in sorted(i for i in cited_ids(sentence) if kind_of(i) == "fact"):
        evidence = row_evidence(identifier)
        if not any(evidence.has(m) for m in stated):
            problems.append(f"{identifier} is cited, but none of its rows gives a number or date "
                            f"of the sentence {sentence[:80]!r}")
    return problems


@pytest.mark.parametrize("lang", langs.LANGS)
def test_findings_cite_the_facts_that_give_their_numbers(lang):
    said = words.of(lang)
    problems, checked = [], 0
    for notebook in facts.NOTEBOOKS:
        values = facts.for_notebook(notebook)
        for key in said[f"findings.{notebook}"]:
            if key.startswith("_"):
                continue
            sentence = said.say(f"findings.{notebook}.{key}", **values)
            checked += bool(cited_ids(sentence))
            problems += [f"findings.{notebook}.{key} ({lang}): {p}" for p in findings_problems(sentence)]
    assert not problems, _report(problems)
    assert checked >= 3, "findings cite no facts: the rule reads nothing"


def test_a_claims_note_and_method_cite_only_its_evidence():
    claims = data.load("claims")
    problems = []
    for row in claims.itertuples():
        evidence = set(row.evidence.split(";")) if isinstance(row.evidence, str) else set()
        for column in ("method", "note"):
            text = getattr(row, column)
            if not isinstance(text, str):
                continue
            extra = {i for i in cited_ids(text) if kind_of(i) != "claim"} - evidence
            if extra:
                problems.append(f"{row.claim_id} {column} cites {sorted(extra)}, not in its evidence")
    assert not problems, _report(problems)


# --------------------------------------------------------------------------- the old errors
#: Wrong references of the kind the audit of issue 13 found (02, 04, 05: markdown and figure
#: source lines, as they stood before the fix), each with the rule that must catch it.
OLD_ERRORS = {
    "02 markdown: the claim for 'almost three times each' is CL12, not CL06": (
        "claim",
        "*Note:* the article says Alibaba's budget is \"almost three times what each of Tencent\n"
        "and Baidu allocated\"; it is exactly three times Tencent's but six times Baidu's (claim\n"
        "CL06 in `claims.csv`)."),
    "04 figure source line: W01–W19 are not all drawn (W03, W06, W07 are not in context_wechat)": (
        "figure:04_wechat_series",
        "Source: data/context_wechat.csv (facts W01–W19); Alipay 2015 for comparison (W10)"),
    "05 figure source line: D01–D13 covers D06, D07, D11, which are not drawn": (
        "figure:05_deepseek_timeline",
        "Source: data/events.csv, data/context_users.csv (facts D01–D13)"),
    "05 figure source line: T01–T05 covers T04, which is not drawn": (
        "figure:05_deepseek_timeline", "(facts T01–T05)"),
    "05 figure source line: A01–A04 covers A02 and A03, which are not drawn": (
        "figure:05_deepseek_timeline", "(facts A01–A04)"),
    "data/README: Q02–Q07 in context_users covers Q05, an events row": (
        "section:context_users", "User and usage metrics (Q02–Q07, A09–A12, T07, O04)."),
    "a table named with a fact it does not hold": (
        "table", "each sourced USD/CNY rate in `context_fx.csv` (facts F01–F06)"),
    "a quote put in the wrong paragraph": (
        "paragraph", "It says \"today, Monday\" (¶2)."),
    "a verdict stated wrongly next to its check": (
        "verdict", "the cause is the article's reading (check `consumer_ai_push`: holds)"),
    "an id that does not exist": ("resolve", "as caveat C17 says"),
    "a range that runs the wrong way": ("resolve", "facts W19–W01"),
}


def _drawn(name: str) -> dict[str, frozenset[str]]:
    return next(t.extra["drawn"] for t in figure_texts() if t.origin.startswith(f"figure {name} "))


@pytest.mark.parametrize("case", list(OLD_ERRORS))
def test_the_old_errors_are_caught(case):
    rule, text = OLD_ERRORS[case]
    if rule == "claim":
        problems = claim_quote_problems(text, _glosses())
        assert claim_quote_problems(text.replace("CL06", "CL12"), _glosses()) == []
    elif rule.startswith("figure:"):
        problems = drawn_problems(text, _drawn(rule.split(":")[1]))
    elif rule.startswith("section:"):
        problems = section_problems(rule.split(":")[1], text, table_fact_ids())
    elif rule == "table":
        problems = table_problems(text, table_fact_ids())
    elif rule == "paragraph":
        problems = paragraph_quote_problems(text, "en", data.article("en"))
        assert paragraph_quote_problems(text.replace("¶2", "¶1"), "en", data.article("en")) == []
    elif rule == "verdict":
        problems = verdict_statement_problems(text, _verdicts(), _labels("en"))
    else:
        problems = unresolved(text, known_ids())
    assert problems, f"not caught: {case}"


def test_findings_that_cite_the_wrong_fact_are_caught():
    """04's findings once cited only W11, W12 for a sentence whose first number is W02's;
    citing a fact that gives none of the sentence's numbers is caught."""
    sentence = ("WeChat Pay users with a bound bank card went from about 5 m (2014) to 200 m in "
                "Tencent's first official figure (10 Nov 2015) and more than 300 m by 21 Mar 2016 "
                "(W02, W11, W12)")
    assert findings_problems(sentence) == []
    assert findings_problems(sentence.replace("W02", "W03"))
