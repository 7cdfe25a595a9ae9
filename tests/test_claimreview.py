"""ClaimReview (helpers.publish.claimreview): one schema.org ClaimReview per claim, with the
properties Google's fact-check documentation requires and the ones this collection promises.
The page itself is checked in Chromium by tests/test_html_browser.py."""

from __future__ import annotations

import copy
import functools
import json

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from html_support import (
    RECORD_ARABIC_FLOOR,
    RECORD_ARABIC_FLOOR_EACH,
    RECORD_ENGLISH_CEILING,
    arabic_share,
    record_prose,
    review_words,
)

from helpers.analysis import checks, data, words
from helpers.publish import claimreview, html
from helpers.toolkit import langs, paths

#: Google Search Central, "Fact check (ClaimReview) structured data": the required
#: properties (ClaimReview: claimReviewed, reviewRating, url; Rating: alternateName).
GOOGLE_REQUIRED = {"ClaimReview": {"claimReviewed", "reviewRating", "url"},
                   "Rating": {"alternateName"}}


@pytest.fixture(scope="module")
def reviews():
    return claimreview.reviews()


@functools.cache
def reviews_in(lang: str) -> tuple[dict, ...]:
    return tuple(claimreview.reviews(lang=lang))


def _section(lang: str):
    items = list(reviews_in(lang))
    return BeautifulSoup(claimreview.section_html(items, lang=lang), "html.parser").section


@pytest.fixture(scope="module")
def claims():
    return data.load("claims").set_index("claim_id")


def test_the_required_list_contains_googles(reviews):
    for kind, names in GOOGLE_REQUIRED.items():
        assert names <= set(claimreview.REQUIRED[kind])


@pytest.mark.parametrize("lang", langs.LANGS)
def test_one_review_per_claim_each_complete(lang, claims):
    reviews = reviews_in(lang)
    assert [r["identifier"] for r in reviews] == list(claims.index)
    assert [p for r in reviews for p in claimreview.problems(r)] == []
    assert len({r["url"] for r in reviews}) == len(reviews)
    assert {r["inLanguage"] for r in reviews} == {lang}


@pytest.mark.parametrize("lang", langs.LANGS)
def test_each_review_says_what_the_data_say(lang, claims):
    reviews = reviews_in(lang)
    scale = data.load("verdicts").set_index("verdict")
    headline = data.article("ar")[0]
    # The check's own explanation, as notebook 06 shows it (its explanation_<lang> column).
    explained = checks.run_all().set_index("claim_id")[f"explanation_{lang}"]
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    for review in reviews:
        claim = claims.loc[review["identifier"]]
        assert review["url"] == f"06_fact_check.html#claim-{review['identifier']}"
        assert review["@id"] == review["url"]
        assert claim["quote_ar"] in review["claimReviewed"]
        if lang == "ar":  # the article's own words, nothing added for an Arabic reader
            assert review["claimReviewed"] == claim["quote_ar"]
            assert review["name"] == f"{review['identifier']}: {claim['short_ar']}"
        else:
            assert claim[f"gloss_{lang}"] in review["claimReviewed"]
            assert review["name"] == f"{review['identifier']}: {claim[f'gloss_{lang}']}"
        rating = review["reviewRating"]
        assert rating["alternateName"] == scale.loc[claim["verdict"], f"label_{lang}"]
        assert scale.loc[claim["verdict"], "label_ar"] in rating["name"]
        assert rating["ratingExplanation"] == explained[review["identifier"]]
        assert review["author"]["name"] == html.readme_title(readme, lang) != ""
        if pd.isna(scale.loc[claim["verdict"], "rating_value"]):
            assert "ratingValue" not in rating
        else:
            assert rating["ratingValue"] == scale.loc[claim["verdict"], "rating_value"]
            assert (rating["worstRating"], rating["bestRating"]) == (1, 3)
        assert review["datePublished"] == claim["published_on"].date().isoformat()
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == "الاقتصادية"
        assert item["appearance"]["headline"] == headline
        assert "firstAppearance" not in item  # the article relays Reuters: not a first appearance
        assert review["author"]["@type"] == "Organization"


def test_problems_names_each_missing_property(reviews):
    broken = copy.deepcopy(reviews[11])
    del broken["claimReviewed"]
    broken["reviewRating"]["alternateName"] = ""
    del broken["itemReviewed"]["author"]
    broken["datePublished"] = "25 Nov 2026"
    found = claimreview.problems(broken)
    url = broken["url"]
    assert f"{url}: ClaimReview.claimReviewed is missing" in found
    assert f"{url}: reviewRating.alternateName is missing" in found
    assert f"{url}: itemReviewed.author is missing" in found
    assert f"{url}: datePublished '25 Nov 2026' is not an ISO date" in found
    assert claimreview.problems({**reviews[0], "itemReviewed": "the article"}) == [
        f"{reviews[0]['url']}: itemReviewed is not a Claim"]


def test_site_url_makes_the_addresses_absolute(monkeypatch):
    monkeypatch.setenv(claimreview.SITE_URL_VARIABLE, "https://example.org/qwen/")
    review = claimreview.reviews()[0]
    assert review["url"] == "https://example.org/qwen/06_fact_check.html#claim-CL01"
    assert review["author"]["url"] == "https://example.org/qwen/"


@pytest.mark.parametrize("lang, corrected", [("en", "corrected 1 Dec 2026"),
                                             ("ar", "صُحِّح في 1 ديسمبر 2026")])
def test_a_correction_sets_date_modified(monkeypatch, lang, corrected):
    real = data.load

    def load(table, path=None):
        frame = real(table, path)
        if table == "corrections":
            frame = pd.DataFrame([{"date": pd.Timestamp("2026-12-01"), "table": "claims",
                                   "row": "CL15", "column": "verdict",
                                   "from_value": "partly holds", "to_value": "holds",
                                   "why": "test", "why_ar": "اختبار", "evidence": "B03"}])
        return frame

    monkeypatch.setattr(data, "load", load)
    by_id = {r["identifier"]: r for r in claimreview.reviews(lang=lang)}
    assert by_id["CL15"]["dateModified"] == "2026-12-01"  # ISO in the JSON-LD, for machines
    assert "dateModified" not in by_id["CL14"]
    section = BeautifulSoup(claimreview.section_html(list(by_id.values()), lang=lang),
                            "html.parser")
    meta = section.find(id="claim-CL15").find(class_="claim-meta").get_text()
    assert corrected in meta  # the reader's way on the page
    assert section.find("table", class_="corrections").find("td", class_="fix-why").get_text() \
        == {"en": "test", "ar": "اختبار"}[lang]


def test_jsonld_file_holds_the_same_objects(reviews):
    document = json.loads(claimreview.jsonld(reviews))
    assert document["@context"] == "https://schema.org"
    assert document["@graph"] == [{k: v for k, v in r.items() if k != "@context"}
                                  for r in reviews]


def test_script_body_cannot_close_its_element():
    body = claimreview._script({"note": "a </script><b>x</b>"})
    assert "</" not in body
    assert json.loads(body) == {"note": "a </script><b>x</b>"}


@pytest.mark.parametrize("lang", langs.LANGS)
def test_section_has_an_anchor_and_a_script_per_claim(lang):
    reviews = reviews_in(lang)
    soup = BeautifulSoup(claimreview.section_html(list(reviews), lang=lang), "html.parser")
    for review in reviews:
        block = soup.find(id=claimreview.anchor(review["identifier"]))
        assert block is not None, review["identifier"]
        scripts = block.find_all("script", type="application/ld+json")
        assert len(scripts) == 1 and json.loads(scripts[0].string) == review
    assert len(soup.find_all("tr", id=lambda v: v and v.startswith("verdict-"))) == 4


def test_methodology_quotes_the_verdict_definitions_exactly():
    from helpers.toolkit import paths

    text = (paths.ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    for row in data.load("verdicts").itertuples():
        assert row.definition_en in text, row.verdict
        assert row.definition_ar in text, row.verdict


# --------------------------------------------------------------------------- languages
def test_the_arabic_reviews_are_in_arabic_and_the_english_in_english():
    """What each review says in its own words (name, claim, verdict, explanation, author):
    Arabic above the floor for the Arabic site; for the English one, its own words (the
    Arabic quote and label it adds for the article's reader aside) hold no Arabic."""
    arabic = reviews_in("ar")
    share = arabic_share(" ".join(review_words(r) for r in arabic))
    assert share >= RECORD_ARABIC_FLOOR, f"{share:.1%} of the Arabic reviews' letters are Arabic"
    # One review may quote more brand names and English sources than the rest, but each
    # is still mostly Arabic (the Arabic notebooks' floor, tests/test_editions.py).
    low = [(r["identifier"], round(arabic_share(review_words(r)), 2)) for r in arabic
           if arabic_share(review_words(r)) < RECORD_ARABIC_FLOOR_EACH]
    assert not low, f"Arabic ClaimReviews below {RECORD_ARABIC_FLOOR_EACH:.0%}: {low}"
    for review in reviews_in("en"):
        rating = review["reviewRating"]
        own = " ".join([review["name"], rating["alternateName"], rating["ratingExplanation"],
                        review["author"]["name"]])
        assert arabic_share(own) <= RECORD_ENGLISH_CEILING, (review["identifier"], own)


@pytest.mark.parametrize("lang", langs.LANGS)
def test_the_section_is_in_the_sites_language(lang):
    section = _section(lang)
    language = langs.get(lang)
    assert (section["lang"], section["dir"]) == (lang, language.direction)
    said = words.of(lang)
    assert section.h2.get_text() == said["published_record.title"]
    assert [h.get_text() for h in section.find_all("h3")] == [
        said[f"published_record.{key}"] for key in ("scale_title", "claims_title",
                                                     "corrections_title")]
    share = arabic_share(record_prose(section, lang))
    if language.rtl:
        assert share >= RECORD_ARABIC_FLOOR, f"{lang}: {share:.1%} of the section's letters are Arabic"
    else:
        assert share <= RECORD_ENGLISH_CEILING, f"{lang}: {share:.1%} of the section's letters are Arabic"


def test_each_block_shows_what_its_review_says():
    """The page says what the structured data say: the explanation in each block is the
    review's ratingExplanation, its verdict the review's alternateName."""
    for lang in langs.LANGS:
        section = _section(lang)
        for review in reviews_in(lang):
            block = section.find(id=claimreview.anchor(review["identifier"]))
            rating = review["reviewRating"]
            assert block.find(class_="claim-explanation").get_text() == rating["ratingExplanation"]
            assert block.find(class_="verdict").get_text() == rating["alternateName"]


def test_each_claim_shows_its_note_in_the_sites_language():
    """claims.csv note on the English page, note_ar on the Arabic one, under the claim's
    block; a claim without a note has none."""
    claims = data.load("claims").set_index("claim_id")
    for lang in langs.LANGS:
        column = claimreview.column_in("note", lang)
        section = _section(lang)
        shown = 0
        for review in reviews_in(lang):
            block = section.find(id=claimreview.anchor(review["identifier"]))
            note = block.find(class_="claim-note")
            want = claims.loc[review["identifier"], column]
            if isinstance(want, str) and want:
                assert note is not None, (lang, review["identifier"])
                assert note.get_text().endswith(want), (lang, review["identifier"])
                shown += 1
            else:
                assert note is None, (lang, review["identifier"])
        assert shown == claims[column].notna().sum() > 0, lang


def test_the_corrections_table_gives_the_reason_in_the_sites_language():
    log = data.load("corrections")
    assert len(log), "the log is empty: nothing to read"
    for lang, column in (("en", "why"), ("ar", "why_ar")):
        table = _section(lang).find("table", class_="corrections")
        shown = [td.get_text() for td in table.find_all("td", class_="fix-why")]
        assert shown == list(log[column]), lang
        headers = [th.get_text() for th in table.find_all("th")]
        assert headers == list(words.of(lang)["published_record.columns"].values())
    verdicts = _section("ar").find("table", class_="corrections").find_all(
        "td", attrs={"data-label": words.of("ar")["published_record.columns"]["to_value"]})
    assert "صحيح" in {td.get_text() for td in verdicts}, "a verdict reads as its Arabic label"


def test_a_check_without_explanation_falls_back_to_the_verdicts_definition(monkeypatch):
    """No explanation, or one for another verdict than the published one: the definition."""
    real = checks.run_all

    def run_all(tables=None):
        frame = real(tables)
        frame.loc[frame["claim_id"] == "CL02", "explanation_ar"] = ""
        frame.loc[frame["claim_id"] == "CL12", "verdict"] = checks.HOLDS
        return frame

    monkeypatch.setattr(checks, "run_all", run_all)
    scale = data.load("verdicts").set_index("verdict")
    by_id = {r["identifier"]: r for r in claimreview.reviews(lang="ar")}
    assert by_id["CL02"]["reviewRating"]["ratingExplanation"] == scale.loc["holds", "definition_ar"]
    assert by_id["CL12"]["reviewRating"]["ratingExplanation"] == scale.loc["partly holds",
                                                                           "definition_ar"]
    assert by_id["CL03"]["reviewRating"]["ratingExplanation"] == real().set_index(
        "claim_id").loc["CL03", "explanation_ar"]


def test_the_section_refuses_reviews_in_another_language():
    with pytest.raises(ValueError, match="in \\['en'\\]"):
        claimreview.section_html(list(reviews_in("en")), lang="ar")


@pytest.mark.parametrize("lang", [lang for lang in langs.LANGS if langs.get(lang).rtl])
def test_the_records_words_are_written_in_their_language(lang):
    """The word files' published_record section (tests/test_words.py: same keys in every
    language) reads in its language: code in backticks and {fields} aside."""
    import re

    def leaves(tree):
        for value in tree.values():
            yield from leaves(value) if isinstance(value, dict) else [value]

    text = " ".join(leaves(words.of(lang)["published_record"]))
    text = re.sub(r"`[^`]*`|\{[^}]*\}", " ", text)
    assert arabic_share(text) >= RECORD_ARABIC_FLOOR
