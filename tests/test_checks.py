"""The fact-check (helpers.analysis.checks): every curated verdict is reproduced from the data, every
check id has exactly one function, and the checks really compute: a changed table (a
modified copy read through helpers.analysis.data.load, or a DataFrame passed in) changes the verdict.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import article, checks, data
from helpers.toolkit import holidays, paths

CLAIMS = data.load("claims")
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def results():
    return checks.run_all()


def _copy_with(tmp_path: Path, table: str, edit) -> Path:
    """Write data/<table>.csv to tmp_path with ``edit(row)`` applied to every row (a dict);
    a row for which ``edit`` returns None is left out."""
    source = data.path_for(table)
    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = [edited for edited in (edit(dict(r)) for r in reader) if edited is not None]
    target = tmp_path / source.name
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def _edited(table: str, mask, **values) -> pd.DataFrame:
    """A copy of the loaded table with ``values`` set on the rows where ``mask(frame)``."""
    frame = data.load(table)
    rows = mask(frame)
    assert rows.any(), f"the edit selects no row of {table}"
    for column, value in values.items():
        frame.loc[rows, column] = value
    return frame


# --------------------------------------------------------------------------- the contract
@pytest.mark.parametrize("claim_id", list(CLAIMS["claim_id"]))
def test_computed_verdict_equals_curated(results, claim_id):
    row = results.set_index("claim_id").loc[claim_id]
    assert row["verdict"] == row["curated_verdict"], (
        f"{claim_id} ({row['check']}): computed {row['verdict']!r}, claims.csv says "
        f"{row['curated_verdict']!r}: {row['explanation_en']}"
    )


def test_every_check_id_has_a_function_and_no_function_is_orphaned():
    used = set(CLAIMS["check"])
    assert used - set(checks.CHECKS) == set(), "check ids in claims.csv without a function"
    assert set(checks.CHECKS) - used == set(), "functions in helpers.analysis.checks no claim uses"
    for check_id, fn in checks.CHECKS.items():
        assert getattr(checks, check_id) is fn, f"{check_id} is not a module-level function"


def test_run_all_has_one_row_per_claim_in_claims_order(results):
    assert list(results["claim_id"]) == list(CLAIMS["claim_id"])
    assert list(results.columns) == list(checks.RUN_ALL_COLUMNS)
    assert list(results["quote_ar"]) == list(CLAIMS["quote_ar"])
    assert list(results["paragraph"]) == list(CLAIMS["paragraph"])
    assert set(results["verdict"]) <= set(data.VERDICTS)


@pytest.mark.parametrize("check_id", sorted(checks.CHECKS))
def test_each_result_explains_itself_in_both_languages(check_id):
    result = checks.run(check_id)
    assert result.check == check_id
    assert result.verdict in data.VERDICTS
    assert result.explanation("en") and not ARABIC.search(result.explanation("en"))
    assert ARABIC.search(result.explanation("ar")), "the Arabic explanation has no Arabic"
    assert "\n" not in result.explanation("en") + result.explanation("ar"), "one line each"
    if result.verdict != checks.CANNOT:
        assert result.numbers, "a verdict other than 'cannot be checked' shows its numbers"
        assert result.sources, "and names the rows it read"


def test_sources_are_fact_ids_the_claim_could_cite(results):
    """Each id a check read is a facts.md id, 'article' or 'chinesecalendar'."""
    for sources in results["sources"]:
        for token in filter(None, sources.split(";")):
            assert re.fullmatch(r"[A-Z][0-9]{2}|article|chinesecalendar", token), token


def test_verdict_counts_cover_every_claim(results):
    counts = checks.verdict_counts(results)
    assert list(counts) == list(data.VERDICTS)
    assert sum(counts.values()) == len(CLAIMS)


def test_every_article_paragraph_has_a_claim():
    paragraphs = set(data.article("ar"))
    assert paragraphs - set(CLAIMS["paragraph"].astype(int)) == set()


def test_checks_only_read(results):
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.DATA.glob("*.csv")}
    checks.run_all()
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.DATA.glob("*.csv")}
    assert digest == after


def test_unknown_check_id_is_named():
    claims = CLAIMS.assign(check=CLAIMS["check"].where(CLAIMS["claim_id"].ne("CL05"), "no_such_check"))
    with pytest.raises(ValueError, match="no_such_check"):
        checks.run_all({"claims": claims})
    with pytest.raises(ValueError, match="no_such_check"):
        checks.run("no_such_check")


def test_result_rejects_a_verdict_outside_the_four():
    with pytest.raises(ValueError, match="verdict"):
        checks.Result("x", "mostly true")


@pytest.mark.parametrize("check_id", sorted(checks.CHECKS))
def test_empty_tables_give_cannot_be_checked_not_a_crash(check_id):
    """With every table empty (right columns, no rows) a check has nothing to stand on."""
    empty = {name: data.load(name).iloc[0:0] for name in data.tables() if name != "claims"}
    calendar = holidays.spring_festivals().iloc[0:0]
    result = checks.run(check_id, checks.Tables(empty, spring_festivals=calendar))
    assert result.verdict == checks.CANNOT, result


# --------------------------------------------------------------------------- checks can fail
def _tencent_at_3bn(row):
    if row["campaign"] == "tencent_yuanbao" and row["source"] == "article":
        row["budget_amount"] = "3000000000"
    return row


def test_tencent_at_3bn_through_a_modified_file(tmp_path):
    """The "almost three times each" claim, with Tencent's article budget at 3 bn yuan: the
    copy goes through helpers.analysis.data.load (validated), and the verdicts follow."""
    copy = _copy_with(tmp_path, "campaigns", _tencent_at_3bn)
    tables = checks.Tables(paths={"campaigns": copy})
    ratio = checks.ratio_alibaba_vs_each(tables)
    assert ratio.verdict == checks.DOES_NOT_HOLD
    assert ratio.numbers["alibaba_vs_tencent"] == 1.0
    assert checks.budget_tencent(tables).verdict == checks.DOES_NOT_HOLD  # T01 says 1 bn
    # ... and in the full table, only the claims that read Tencent's budget move.
    before = checks.run_all().set_index("claim_id")["verdict"]
    after = checks.run_all(tables).set_index("claim_id")["verdict"]
    assert set(before.index[before != after]) == {"CL12", "CL13"}


def test_baidu_at_1bn_makes_almost_three_times_each_hold():
    campaigns = _edited("campaigns", lambda c: c.campaign.eq("baidu_wenxin") & c.source.eq("article"),
                        budget_amount=1_000_000_000)
    result = checks.ratio_alibaba_vs_each({"campaigns": campaigns})
    assert result.verdict == checks.HOLDS
    assert result.numbers == {"alibaba_vs_tencent": 3.0, "alibaba_vs_baidu": 3.0}


def test_a_rounded_budget_partly_holds_and_a_wrong_one_does_not():
    def alibaba_article(amount):
        return _edited("campaigns", lambda c: c.campaign.eq("alibaba_qwen") & c.source.eq("article")
                       & c.budget_amount.notna(), budget_amount=amount)

    assert checks.budget_alibaba({"campaigns": alibaba_article(2_950_000_000)}).verdict == checks.PARTLY
    assert checks.budget_alibaba({"campaigns": alibaba_article(30_000_000_000)}).verdict == (
        checks.DOES_NOT_HOLD)  # the 10x 亿 mistake (C02)


def test_usd_conversion_fails_at_a_stale_rate():
    fx = data.load("context_fx").assign(cny_per_usd=7.14)  # Yicai's stale rate (C01)
    result = checks.usd_conversion_alibaba({"context_fx": fx})
    assert result.verdict == checks.DOES_NOT_HOLD
    assert result.numbers["usd_high"] < 431_000_000


def test_announcement_on_a_tuesday_does_not_hold():
    tuesday = pd.Timestamp("2026-02-03")
    campaigns = _edited("campaigns", lambda c: c.announced_on.eq("2026-02-02"), announced_on=tuesday)
    events = _edited("events", lambda e: e.event.eq("alibaba_announcement"), date=tuesday)
    result = checks.announcement_date({"campaigns": campaigns, "events": events})
    assert result.verdict == checks.DOES_NOT_HOLD
    assert result.numbers["weekday"] == "Tuesday"
    # Sources that disagree with each other give "partly holds".
    assert checks.announcement_date({"campaigns": campaigns}).verdict == checks.PARTLY


def test_a_campaign_starting_inside_the_holiday_holds():
    start = pd.Timestamp("2026-02-15")
    campaigns = _edited("campaigns", lambda c: c.campaign.eq("alibaba_qwen") & c.start_on.notna(),
                        start_on=start)
    events = _edited("events", lambda e: e.event.eq("alibaba_campaign_start"), date=start)
    tables = {"campaigns": campaigns, "events": events}
    assert checks.campaign_within_holiday(tables).verdict == checks.HOLDS


def test_holiday_checks_follow_the_calendar():
    calendar = holidays.spring_festivals()
    seven = calendar.assign(
        days=calendar["days"].where(calendar["year"].ne(2026), 7),
        last_day=calendar["last_day"].where(calendar["year"].ne(2026), pd.Timestamp("2026-02-21")),
    )
    tables = checks.Tables(spring_festivals=seven)
    assert checks.holiday_length(tables).verdict == checks.DOES_NOT_HOLD
    assert checks.holiday_longer_than_usual(tables).verdict == checks.DOES_NOT_HOLD
    later = calendar.assign(first_day=calendar["first_day"].where(
        calendar["year"].ne(2026), pd.Timestamp("2026-02-16")))
    assert checks.holiday_start(checks.Tables(spring_festivals=later)).verdict == checks.DOES_NOT_HOLD


def test_r1_in_january_2026_would_hold():
    events = _edited("events", lambda e: e.event.eq("deepseek_r1_release") & e.precision.eq("day"),
                     date=pd.Timestamp("2026-01-20"))
    assert checks.r1_release_month({"events": events}).verdict == checks.HOLDS
    february = _edited("events", lambda e: e.event.eq("deepseek_r1_release") & e.precision.eq("day"),
                       date=pd.Timestamp("2025-02-20"))
    assert checks.r1_release_month({"events": february}).verdict == checks.DOES_NOT_HOLD


def test_the_product_naming_depends_on_the_articles_and_the_sources_words(tmp_path):
    """"Its chatbot" names no product and fits Baidu's AI assistant (holds); had the article
    named the standalone app, it would hold in part; with no source naming an assistant or
    chatbot, it does not hold."""
    def article_names(name):
        def edit(row):
            if row["campaign"] == "baidu_wenxin" and row["source"] == "article":
                row["app_in_source"] = name
            return row
        return edit

    named = _copy_with(tmp_path, "campaigns", article_names("ERNIE Bot"))
    result = checks.baidu_product_naming(checks.Tables(paths={"campaigns": named}))
    assert result.verdict == checks.PARTLY and result.numbers["article_names_a_product"]
    assert "ERNIE Bot" in result.explanation("en")
    (tmp_path / "wenxin").mkdir()
    same = _copy_with(tmp_path / "wenxin", "campaigns", article_names("Wenxin"))
    assert checks.baidu_product_naming(checks.Tables(paths={"campaigns": same})).verdict == checks.HOLDS
    campaigns = data.load("campaigns")
    unnamed = campaigns.assign(quote=campaigns["quote"].where(~campaigns["campaign"].eq("baidu_wenxin"), "hong bao"),
                               app_in_source=campaigns["app_in_source"].where(
                                   ~(campaigns["campaign"].eq("baidu_wenxin") & campaigns["source"].ne("article")),
                                   "Baidu"))
    assert checks.baidu_product_naming({"campaigns": unnamed}).verdict == checks.DOES_NOT_HOLD


def test_a_campaign_whose_windows_all_end_before_the_holiday_does_not_hold():
    """"During the holiday" holds because the campaign runs into it (an open-ended wave from
    13 Feb); with every window ending before 15 Feb it would not."""
    assert checks.campaign_within_holiday().numbers["reached_only_by_open_end"]
    end = pd.Timestamp("2026-02-14")
    events = _edited("events", lambda e: e.campaign.eq("alibaba_qwen") & e.category.eq("campaign")
                     & e.end_date.isna(), end_date=end)
    campaigns = _edited("campaigns", lambda c: c.campaign.eq("alibaba_qwen") & c.start_on.notna()
                        & c.source.ne("article"), end_on=end)
    result = checks.campaign_within_holiday({"events": events, "campaigns": campaigns})
    assert result.verdict == checks.DOES_NOT_HOLD
    assert "14 Feb 2026" in result.explanation("en")
    through = _edited("events", lambda e: e.campaign.eq("alibaba_qwen") & e.category.eq("campaign")
                      & e.end_date.isna(), end_date=pd.Timestamp("2026-02-28"))
    result = checks.campaign_within_holiday({"events": through})
    assert result.verdict == checks.HOLDS and "9 days before" in result.explanation("en")


def _release(event, date, actor="baidu"):
    return {"event": event, "date": pd.Timestamp(date), "precision": "day", "category": "model_release",
            "title_en": f"{event} released", "title_ar": "إطلاق", "actor": actor,
            "source": "https://example.org/release", "quote": "released", "fact_id": "D99",
            "confidence": "medium"}


def test_the_pace_of_releases_needs_a_baseline_before_r1():
    """Four releases after R1 and none on record before it: partly holds. With fewer
    releases on record in as many days before R1 the pace is faster (holds); with as many or
    more it is not (does not hold). Releases after the article's date never count."""
    result = checks.r1_domestic_pace()
    assert result.verdict == checks.PARTLY
    assert result.numbers["releases_between"] == 4 and result.numbers["by_r1_developer"] == 2
    assert result.numbers["releases_before_r1"] is None
    assert result.numbers["not_counted_after_article"] == ["Alibaba open-sources Qwen3.5"]
    events = data.load("events")
    one_before = pd.concat([events, pd.DataFrame([_release("ernie_4", "2024-06-01")])], ignore_index=True)
    assert checks.r1_domestic_pace({"events": one_before}).verdict == checks.HOLDS
    many = [_release(f"model_{i}", f"2024-0{i}-01") for i in range(2, 8)]
    many_before = pd.concat([events, pd.DataFrame(many)], ignore_index=True)
    assert checks.r1_domestic_pace({"events": many_before}).verdict == checks.DOES_NOT_HOLD
    late = pd.concat([events, pd.DataFrame([_release("late_model", "2026-03-01")])], ignore_index=True)
    assert checks.r1_domestic_pace({"events": late}).numbers["releases_between"] == 4


def test_one_ai_season_is_not_yet_a_trend():
    """AI-app campaigns in 2026 only: partly holds. Had an earlier season promoted AI apps
    (here 2020's Kuaishou, relabelled), 2026's four campaigns would make it a rising trend;
    had the earlier season had as many, not a rising one."""
    result = checks.ai_season_trend()
    assert result.verdict == checks.PARTLY
    assert result.numbers["ai_seasons"] == [2026]
    assert result.numbers["earlier_seasons"] == {2015: ["payments"], 2016: ["payments"], 2019: ["search"],
                                                 2020: ["video"], 2022: ["shopping"]}
    gala = data.load("context_gala")
    ai_2020 = gala.assign(promoted=gala["promoted"].where(
        ~(gala["year"].eq(2020) & gala["scope"].eq("company")), "ai_apps"))
    rising = checks.ai_season_trend({"context_gala": ai_2020})
    assert rising.verdict == checks.HOLDS and rising.numbers["ai_seasons"] == [2020, 2026]
    crowded = pd.concat([ai_2020] + [ai_2020[ai_2020["year"].eq(2020) & ai_2020["scope"].eq("company")]
                                     .assign(company=f"sponsor {i}") for i in range(4)], ignore_index=True)
    assert checks.ai_season_trend({"context_gala": crowded}).verdict == checks.PARTLY


def test_the_stated_aim_holds_whatever_the_user_counts_say():
    """CL29 rests on Alibaba's stated aim, not on user counts from panels that cannot be
    compared (C13): without the counts it still holds; without the stated aim it cannot be
    checked."""
    users = data.load("context_users")
    assert checks.goal_user_growth({"context_users": users.iloc[0:0]}).verdict == checks.HOLDS
    campaigns = data.load("campaigns")
    events = data.load("events")
    tables = {"campaigns": campaigns.assign(quote=campaigns["quote"].str.replace("attract users", "win", regex=False)),
              "events": events.assign(quote=events["quote"].str.replace("attract users", "win", regex=False))}
    assert checks.goal_user_growth(tables).verdict == checks.CANNOT


def test_alipay_shorthand_depends_on_the_ant_group_row():
    events = data.load("events")
    without_ant = events[events["fact_id"].ne("O07")]
    assert checks.alipay_ownership({"events": without_ant}).verdict == checks.HOLDS


def test_a_reward_form_named_on_announcement_day_does_not_hold():
    events = _edited("events", lambda e: e.event.eq("alibaba_announcement"),
                     quote="Alibaba will hand out cash red envelopes")
    assert checks.reward_form_unspecified({"events": events}).verdict == checks.DOES_NOT_HOLD


def test_red_envelope_tradition_needs_history():
    gala = data.load("context_gala")
    wechat = data.load("context_wechat")
    recent = {"context_gala": gala[gala["year"].ge(2022)], "context_wechat": wechat[wechat["year"].ge(2024)]}
    assert checks.red_envelope_precedents(recent).verdict == checks.PARTLY


def test_without_rival_rows_there_is_no_competition():
    campaigns = data.load("campaigns")
    alone = campaigns[campaigns["campaign"].eq("alibaba_qwen")]
    assert checks.rival_campaigns({"campaigns": alone}).verdict == checks.DOES_NOT_HOLD


# --------------------------------------------------------------------------- sentences
def test_the_translation_keeps_the_sentences():
    table = article.sentences()
    assert set(table["paragraph"]) == set(data.article("ar"))
    assert (table["ar"].str.len() > 0).all() and (table["en"].str.len() > 0).all()
    assert not table["en"].map(ARABIC.search).any(), "an English sentence with Arabic letters"


def test_every_claim_sits_in_exactly_one_sentence_and_every_sentence_is_read(results):
    table = article.coverage(results)
    assert table["n_claims"].sum() == len(CLAIMS), "a claim inside no sentence, or in two"
    assert (table["n_claims"] > 0).all(), "a sentence of the article no claim comes from"
    for claim in CLAIMS.itertuples():
        english = article.english_for(claim.paragraph, claim.quote_ar)
        assert english in data.article("en")[claim.paragraph]


def test_english_for_names_a_quote_that_is_not_there():
    with pytest.raises(ValueError, match="paragraph 3"):
        article.english_for(3, "نص غير موجود في المقال")
