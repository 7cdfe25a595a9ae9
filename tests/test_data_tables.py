"""The curated tables: they load, every row is traceable, and the headline facts are in them.

The headline values below are literals on purpose: the test reads them *out of the data*
and compares with what the article and its sources say, so a typo in a CSV fails here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from data_support import (
    arabic_dates,
    arabic_numbers,
    caveat_ids,
    date_mentioned,
    english_dates,
    fact_numbers,
    fact_text,
    facts,
    tree_digest,
)

from helpers.analysis import data
from helpers.toolkit import holidays, paths

TABLES = data.tables()
EXPECTED_TABLES = {
    "campaigns",
    "events",
    "claims",
    "context_wechat",
    "context_fx",
    "context_gala",
    "context_users",
}
RECORD = data.record_tables()
# Tables whose rows are facts quoted from the article or facts.md (the others describe the
# fact-check itself: the verdict scale and the corrections log).
SOURCED = tuple(t for t in TABLES if "quote_ar" in data.schema(t).names)
assert SOURCED == TABLES, "every sourced table has the provenance columns"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {t: data.load(t) for t in TABLES + RECORD}


def _article_rows(frame):
    return frame[frame["source"] == "article"]


def _outside_rows(frame):
    return frame[frame["source"] != "article"]


def _value_columns(table: str, kinds: tuple[str, ...]) -> list[str]:
    # paragraph says where the quote is; published_on is when the review was published:
    # neither is a value the quote states.
    return [c.name for c in data.schema(table).columns
            if c.kind in kinds and c.name not in ("paragraph", "published_on")]


# --------------------------------------------------------------------------- loading
def test_known_tables_are_the_expected_ones():
    assert set(TABLES) == EXPECTED_TABLES
    assert set(RECORD) == {"verdicts", "corrections"}


@pytest.mark.parametrize("table", TABLES + RECORD)
def test_every_table_loads_with_typed_columns(table, frames):
    frame = frames[table]
    assert len(frame) > 0 or data.schema(table).may_be_empty
    assert list(frame.columns) == list(data.schema(table).names)
    for col in data.schema(table).columns:
        dtype = str(frame[col.name].dtype)
        expected = {
            "int": "Int64",
            "money": "Int64",
            "float": "Float64",
            "date": "datetime64[ns]",
        }.get(col.kind)
        if expected:
            assert dtype == expected, (table, col.name, dtype)
        else:
            assert pd.api.types.is_string_dtype(frame[col.name]), (table, col.name, dtype)


def test_unknown_table_is_a_clear_error():
    with pytest.raises(ValueError, match="known tables: campaigns"):
        data.load("campaign")


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(data.DataError, match="nope.csv"):
        data.load("context_fx", tmp_path / "nope.csv")


def test_import_stays_cheap():
    code = (
        "import sys, helpers.analysis.data, helpers.toolkit.holidays; "
        "print('pandas' in sys.modules, 'chinese_calendar' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT, check=True
    )
    assert out.stdout.split() == ["False", "False"]


# --------------------------------------------------------------------------- article files
# sha256 of the article exactly as supplied
AS_SUPPLIED_SHA256 = "6c8c87fa28bd60d62e87834e0fa5e0b232b9e10d469f17e44eec392cae649132"


def test_as_supplied_article_is_unchanged():
    supplied = paths.SOURCE / "article.as-supplied.ar.txt"
    shared = paths.ROOT.parent / "shared" / "source" / "article_as_supplied.txt"
    assert hashlib.sha256(supplied.read_bytes()).hexdigest() == AS_SUPPLIED_SHA256
    if shared.exists():  # on the team machine also compare with the original
        assert supplied.read_bytes() == shared.read_bytes()


def test_cleaned_article_keeps_every_paragraph_verbatim_and_drops_only_the_listed_leftovers():
    raw = (paths.SOURCE / "article.as-supplied.ar.txt").read_text(encoding="utf-8")
    supplied = [line for line in raw.split("\n") if line]
    paragraphs = data.article("ar")
    assert sorted(paragraphs) == list(range(9))
    kept = list(paragraphs.values())
    assert kept == [line for line in supplied if line in kept]  # same order, byte-identical lines
    dropped = [line for line in supplied if line not in kept]
    readme = (paths.DATA / "README.md").read_text(encoding="utf-8")
    assert dropped[0] == "الاقتصادية"  # the masthead, recorded as metadata
    for line in dropped:
        assert f"`{line}`" in readme, f"removed line not listed in data/README.md: {line}"


def test_translation_has_the_same_numbering_and_is_english():
    ar, en = data.article("ar"), data.article("en")
    assert list(ar) == list(en)
    assert all(re.search(r"[\u0600-\u06ff]", t) for t in ar.values())
    assert not any(re.search(r"[\u0600-\u06ff]", t) for t in en.values())
    # numbers survive translation
    for n in ar:
        assert set(re.findall(r"\d+", ar[n])) <= set(re.findall(r"\d+", en[n])), n


def test_article_rejects_unknown_language():
    with pytest.raises(ValueError, match="lang"):
        data.article("fr")


@pytest.mark.parametrize(
    "content, line, column",
    [
        ("0\theadline\n2\tskipped one\n", 2, "N"),
        ("0\theadline\n1 no tab here\n", 2, "(line)"),
        ("1\tno headline\n", 1, "N"),
        ("", 1, "(line)"),
    ],
)
def test_malformed_article_is_a_data_error(tmp_path, monkeypatch, content, line, column):
    (tmp_path / "article.ar.txt").write_text(content, encoding="utf-8")
    monkeypatch.setattr(paths, "SOURCE", tmp_path)
    with pytest.raises(data.DataError) as caught:
        data.article("ar")
    assert [(p.line, p.column) for p in caught.value.problems] == [(line, column)]
    assert "article.ar.txt" in str(caught.value)


def test_facts_copy_is_unchanged():
    shared = paths.ROOT.parent / "shared" / "facts" / "facts.md"
    if not shared.exists():
        pytest.skip(
            "the team's shared facts.md is not on this machine; data/source/facts.md is used as is"
        )
    assert (paths.SOURCE / "facts.md").read_bytes() == shared.read_bytes()


# --------------------------------------------------------------------------- provenance
@pytest.mark.parametrize("table", SOURCED)
def test_every_quote_ar_is_verbatim_in_its_paragraph(table, frames):
    paragraphs = data.article("ar")
    rows = _article_rows(frames[table])
    for _, row in rows.iterrows():
        assert row["quote_ar"] in paragraphs[int(row["paragraph"])], (table, row["quote_ar"][:40])
    if table in ("claims", "campaigns", "events"):
        assert len(rows) > 0


@pytest.mark.parametrize("table", SOURCED)
def test_numbers_and_dates_in_article_rows_appear_in_their_quote(table, frames):
    for _, row in _article_rows(frames[table]).iterrows():
        quote, note = row["quote_ar"], row["note"] if isinstance(row["note"], str) else ""
        numbers = arabic_numbers(quote)
        for col in _value_columns(table, ("int", "money", "float")):
            if pd.notna(row[col]):
                assert row[col] in numbers, (table, col, row[col], quote)
        mentions = arabic_dates(quote)
        precision = row["precision"] if "precision" in row else "day"
        for col in _value_columns(table, ("date",)):
            if pd.isna(row[col]):
                continue
            date = row[col].date()
            if precision == "year":
                assert (date.year, None, None) in mentions, (table, col, date, quote)
                continue
            day = date.day if precision == "day" else None
            assert any(m == date.month and d == day for _, m, d in mentions), (
                table,
                col,
                date,
                quote,
            )
            if (
                str(date.year) not in quote
            ):  # the article often omits the year: the note must say which
                assert str(date.year) in note, (
                    table,
                    col,
                    "year inferred but not explained in note",
                )


@pytest.mark.parametrize("table", [t for t in SOURCED if t != "claims"])
def test_outside_rows_match_facts_md(table, frames):
    known = facts()
    for _, row in _outside_rows(frames[table]).iterrows():
        fid = row["fact_id"]
        assert fid in known, (table, fid)
        fact = known[fid]
        assert row["source"] == fact["url"], (table, fid)
        assert row["quote"] in fact["quote"], (table, fid, row["quote"][:40])
        assert row["confidence"] == fact["confidence"], (table, fid)
        text = fact_text(fid)
        numbers = fact_numbers(text)
        for col in _value_columns(table, ("int", "money", "float")):
            value = row[col]
            if pd.notna(value):
                assert any(abs(float(value) - n) <= 1e-9 * max(1.0, abs(n)) for n in numbers), (
                    table,
                    fid,
                    col,
                    value,
                )
        mentions = english_dates(text)
        month_level = row.get("period") == "month"
        for col in _value_columns(table, ("date",)):
            if pd.notna(row[col]):
                assert date_mentioned(row[col].date(), mentions, month_level=month_level), (
                    table,
                    fid,
                    col,
                    row[col],
                )


#: How a row says that a number rests on facts.md's own summary of the fact (its "fact"
#: column), not on the quoted sentence: these numbers are only as good as the summary.
SUMMARY_MARK = re.compile(r"rests on facts\.md's summary of ([A-Z][0-9]{2})")
_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_WORD_NUMBER = re.compile(
    rf"\b({'|'.join(_WORDS)})\s+(billion|million|thousand)\b", re.IGNORECASE)
_SCALE = {"billion": 10**9, "million": 10**6, "thousand": 10**3}
#: A fall the quote states in words ("plummeted 17%"): the row stores it as a negative change.
_FALL = re.compile(r"\b(plummet\w*|fell|fall\w*|drop\w*|declin\w*|lost|slump\w*|down)\b", re.I)


def quote_numbers(quote: str) -> set[float]:
    """The numbers a quoted sentence states: digits with their scale ('3 billion', '7352 万',
    '1.2亿'), and 'one million', 'three billion' written in words; a percentage in a
    sentence that says something fell also counts as a negative change."""
    found = fact_numbers(quote)
    for word, scale in _WORD_NUMBER.findall(quote):
        found.add(float(_WORDS[word.lower()] * _SCALE[scale.lower()]))
    if _FALL.search(quote):
        found |= {-n for n in fact_numbers(" ".join(re.findall(r"\d+(?:\.\d+)?\s*%", quote)))}
    return found


def _number_columns(table: str) -> list[str]:
    """Columns holding a number the source states (amounts, counts, rates, changes); the
    year of a row is a date, checked against facts.md with the other dates."""
    return [c for c in _value_columns(table, ("int", "money", "float")) if c != "year"]


def _summary_only(row) -> str | None:
    """The fact id a row's note says its numbers rest on (facts.md's summary), if any."""
    match = SUMMARY_MARK.search(row["note"]) if isinstance(row["note"], str) else None
    return match.group(1) if match else None


@pytest.mark.parametrize("table", [t for t in SOURCED if t != "claims"])
def test_numbers_in_outside_rows_appear_in_their_quote(table, frames):
    """A number in an outside row is in the row's own quote (the source's words), unless
    the row's note says it rests on facts.md's summary of that very fact: a number from a
    paraphrase is then marked as such wherever the row is read."""
    unmarked = []
    for _, row in _outside_rows(frames[table]).iterrows():
        numbers = quote_numbers(row["quote"])
        for col in _number_columns(table):
            value = row[col]
            if pd.isna(value) or any(abs(float(value) - n) <= 1e-9 * max(1.0, abs(n)) for n in numbers):
                continue
            if _summary_only(row) == row["fact_id"]:
                assert float(value) in fact_numbers(facts()[row["fact_id"]]["fact"]), (
                    f"{table} {row['fact_id']} {col}={value}: the note says it rests on "
                    "facts.md's summary, but the summary does not give it either")
                continue
            unmarked.append(f"{table} {row['fact_id']} {col}={value} is not in its quote "
                            f"{row['quote'][:60]!r}")
    assert not unmarked, "\n".join(unmarked)


def test_the_numbers_resting_on_a_summary_are_the_known_ones(frames):
    """The paraphrase-only numbers found in the audit, and nothing else: a new one must be
    looked at (and marked) by a person."""
    marked = {(t, _summary_only(r)) for t in TABLES if t != "claims"
              for _, r in _outside_rows(frames[t]).iterrows() if _summary_only(r)}
    assert marked == {("context_fx", "F02"), ("context_gala", "S04"), ("context_wechat", "W14"),
                      ("context_wechat", "W15"), ("events", "H06")}


def test_quote_numbers_reads_the_sources_ways_of_writing_numbers():
    assert {3e9, 4.1e9, 1.2e8} <= quote_numbers("spend three billion yuan; 41亿次 ... 超1.2亿笔")
    assert 1e6 in quote_numbers("over one million coupons")
    assert -17 in quote_numbers("the stock price plummeted 17% to close at $118.58")
    assert -17 not in quote_numbers("shares rose 17%")
    assert 10_000 in quote_numbers("有机率抽中限量100张的价值1万元现金小马卡")
    assert 6.9522 not in quote_numbers("the onshore yuan CNY=CFXS traded at 6.9526 per dollar")


def test_a_number_not_in_its_quote_is_reported(tmp_path, frames):
    """The check can fail: T01's quote does not give the 10,000-yuan cap that facts.md's
    summary of T01 mentions (it was stored on T01 until the audit; it is T04's top prize)."""
    campaigns = frames["campaigns"].copy()
    t01 = campaigns["fact_id"].eq("T01")
    campaigns.loc[t01, "per_user_cap_amount"] = 10_000
    with pytest.raises(AssertionError, match=r"campaigns T01 per_user_cap_amount=10000"):
        test_numbers_in_outside_rows_appear_in_their_quote("campaigns", {"campaigns": campaigns})


@pytest.mark.parametrize("cap, kind, column", [("10000", "", "per_user_cap_kind"),
                                               ("", "top_prize", "per_user_cap_amount")])
def test_a_cap_says_what_kind_of_amount_it_is(tmp_path, cap, kind, column):
    """Alibaba's 2,888 (a cap per user), Tencent's and Baidu's 10,000 (top prizes) and
    ByteDance's 8,888 (one envelope) are different things: the kind goes with the amount."""
    import csv

    source = data.path_for("campaigns")
    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    line = next(i for i, r in enumerate(rows, 2) if r["fact_id"] == "B02")
    rows[line - 2].update(per_user_cap_amount=cap, per_user_cap_currency="CNY" if cap else "",
                          per_user_cap_kind=kind)
    copy = tmp_path / source.name
    with open(copy, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(data.DataError) as err:
        data.load("campaigns", copy)
    assert (line, column) in {(p.line, p.column) for p in err.value.problems}


def test_caps_are_labelled_for_what_they_are(frames):
    caps = frames["campaigns"].dropna(subset=["per_user_cap_amount"])
    kinds = {(r.fact_id, int(r.per_user_cap_amount)): r.per_user_cap_kind for r in caps.itertuples()}
    assert kinds == {("A08", 2888): "per_user", ("T04", 10_000): "top_prize",
                     ("B02", 10_000): "top_prize", ("O02", 8888): "single_envelope"}


def test_no_unsourced_gap_is_filled(frames):
    """UNSOURCED facts (X01-X03) may be cited as evidence of a gap, never as a row's source."""
    for table, frame in frames.items():
        if "fact_id" in frame:
            assert not frame["fact_id"].isin(["X01", "X02", "X03", "F06"]).any(), table


def test_low_confidence_rows_say_so(frames):
    """Low-confidence facts may only be used as 'reported by': every such row carries a note."""
    for table, frame in frames.items():
        if "confidence" in frame:
            low = frame[frame["confidence"] == "low"]
            assert low["note"].notna().all(), table


def test_claim_evidence_cites_existing_facts_and_caveats(frames):
    known = set(facts()) | caveat_ids() | {"chinesecalendar"}
    for _, row in frames["claims"].iterrows():
        if pd.notna(row["evidence"]):
            unknown = set(row["evidence"].split(";")) - known
            assert not unknown, (row["claim_id"], unknown)


def test_claims_cover_every_body_paragraph_and_the_headline(frames):
    assert set(frames["claims"]["paragraph"].astype(int)) == set(data.article("ar"))


# --------------------------------------------------------------------------- headline facts
def _one(frame, **where):
    mask = pd.Series(True, index=frame.index)
    for col, value in where.items():
        mask &= frame[col] == value
    rows = frame[mask]
    assert len(rows) == 1, (where, len(rows))
    return rows.iloc[0]


def test_headline_budgets_come_out_of_the_data(frames):
    article = _article_rows(frames["campaigns"])
    budgets = article[article["budget_amount"].notna()]
    alibaba = _one(budgets, campaign="alibaba_qwen")
    assert (alibaba["budget_amount"], alibaba["budget_currency"]) == (3_000_000_000, "CNY")
    assert (alibaba["reported_amount"], alibaba["reported_currency"]) == (431_000_000, "USD")
    tencent = _one(budgets, campaign="tencent_yuanbao")
    assert (tencent["budget_amount"], tencent["budget_currency"]) == (1_000_000_000, "CNY")
    baidu = _one(budgets, campaign="baidu_wenxin")
    assert (baidu["budget_amount"], baidu["budget_currency"]) == (500_000_000, "CNY")


def test_every_source_agrees_on_each_budget(frames):
    campaigns = frames["campaigns"]
    for campaign, rows in campaigns.groupby("campaign"):
        for col in ("budget_amount", "reported_amount"):
            assert rows[col].dropna().nunique() <= 1, (campaign, col)


def test_bytedance_budget_is_documented_as_not_public(frames):
    bytedance = frames["campaigns"][frames["campaigns"]["campaign"] == "bytedance_doubao"]
    assert len(bytedance) > 0
    assert bytedance["budget_amount"].isna().all()
    assert bytedance["note"].str.contains("not public", case=False).any()


def test_campaign_start_is_6_february_2026_in_article_and_reuters(frames):
    starts = frames["campaigns"].query("campaign == 'alibaba_qwen'")["start_on"].dropna()
    assert set(starts) == {pd.Timestamp("2026-02-06")}
    assert len(starts) >= 2  # the article and A04 both say so


def test_holiday_span_comes_out_of_the_data_and_matches_chinesecalendar(frames):
    events = frames["events"]
    notice = _one(events, event="spring_festival_holiday", fact_id="H01")
    assert (notice["date"], notice["end_date"]) == (
        pd.Timestamp("2026-02-15"),
        pd.Timestamp("2026-02-23"),
    )
    official = holidays.spring_festival(2026)
    assert (official.first_day, official.last_day, official.days) == (
        dt.date(2026, 2, 15),
        dt.date(2026, 2, 23),
        9,
    )
    assert (notice["date"].date(), notice["end_date"].date()) == (
        official.first_day,
        official.last_day,
    )
    article = _one(_article_rows(events), event="spring_festival_holiday")
    assert article["date"].date() == official.first_day
    assert 9 in arabic_numbers(
        article["quote_ar"]
    )  # "تسعة أيام" = nine days = chinesecalendar's length


def test_announcement_was_monday_2_february_2026(frames):
    row = _one(frames["events"], event="alibaba_announcement")
    assert row["date"] == pd.Timestamp("2026-02-02") and row["date"].day_name() == "Monday"


def test_implied_rate_is_computed_not_stored(frames):
    """F06: 3e9 / 431e6 = 6.9606, between 2 Feb onshore spot (6.9526) and midpoint (6.9695)."""
    alibaba = (
        _article_rows(frames["campaigns"])
        .query("campaign == 'alibaba_qwen' and budget_amount.notna()")
        .iloc[0]
    )
    implied = alibaba["budget_amount"] / alibaba["reported_amount"]
    assert round(implied, 4) == 6.9606
    fx = frames["context_fx"]
    feb2 = fx[fx["date"] == pd.Timestamp("2026-02-02")].set_index("kind")["cny_per_usd"]
    assert feb2["onshore_spot"] < implied < feb2["pboc_midpoint"]
    assert "implied" not in set(fx["kind"])


def test_ratio_claim_verdict_follows_from_the_data(frames):
    budgets = (
        _article_rows(frames["campaigns"])
        .dropna(subset=["budget_amount"])
        .set_index("campaign")["budget_amount"]
    )
    ratios = {c: budgets["alibaba_qwen"] / budgets[c] for c in ("tencent_yuanbao", "baidu_wenxin")}
    assert ratios == {"tencent_yuanbao": 3, "baidu_wenxin": 6}
    claim = _one(frames["claims"], check="ratio_alibaba_vs_each")
    assert claim["verdict"] == "partly holds"


def test_wechat_series_keeps_metrics_apart(frames):
    wechat = frames["context_wechat"]
    eve = wechat[(wechat["platform"] == "WeChat") & (wechat["period"] == "eve")]
    assert set(eve["metric"]) >= {"sent_and_received", "received"}  # 2024 is 'received' only (W18)
    assert _one(eve, year=2015, metric="sent_and_received")["value"] == 1_010_000_000
    assert (
        sorted(wechat["year"].unique())[0] == 2014 and sorted(wechat["year"].unique())[-1] == 2025
    )


# --------------------------------------------------------------------------- README consistency
def _readme_columns() -> dict[str, list[str]]:
    text = (paths.DATA / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^### `([a-z_]+)\.csv`\s*$", text, flags=re.M)
    documented = {}
    for name, body in zip(sections[1::2], sections[2::2]):
        documented[name] = re.findall(r"^\| `([a-z_]+)` \|", body.split("\n## ")[0], flags=re.M)
    return documented


def test_readme_schema_and_csv_headers_agree():
    documented = _readme_columns()
    every = (*TABLES, *RECORD, *data.reference_tables())
    assert set(documented) == set(every)
    for table in every:
        header = (
            (paths.DATA / f"{table}.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        )
        assert documented[table] == list(data.schema(table).names) == header, table


# --------------------------------------------------------------------------- never writes
def test_loading_leaves_every_file_byte_identical(tmp_path):
    before = tree_digest(paths.DATA)
    corpus = Path(__file__).parent / "malformed"
    corpus_before = tree_digest(corpus)
    for table in TABLES:
        data.load(table)
    data.article("ar"), data.article("en")
    for path in sorted(corpus.glob("*.csv")):
        try:
            data.load(path.name.split(".")[1], path)
        except data.DataError:
            pass
    assert tree_digest(paths.DATA) == before
    assert tree_digest(corpus) == corpus_before
