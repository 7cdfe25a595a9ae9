"""ClaimReview (helpers.publish.claimreview): one schema.org ClaimReview per claim, with the
properties Google's fact-check documentation requires and the ones this collection promises.
The page itself is checked in Chromium by tests/test_html_browser.py."""

from __future__ import annotations

import copy
import json

import pandas as pd
import pytest

from helpers.analysis import data
from helpers.publish import claimreview

#: Google Search Central, "Fact check (ClaimReview) structured data": the required
#: properties (ClaimReview: claimReviewed, reviewRating, url; Rating: alternateName).
GOOGLE_REQUIRED = {"ClaimReview": {"claimReviewed", "reviewRating", "url"},
                   "Rating": {"alternateName"}}


@pytest.fixture(scope="module")
def reviews():
    return claimreview.reviews()


@pytest.fixture(scope="module")
def claims():
    return data.load("claims").set_index("claim_id")


def test_the_required_list_contains_googles(reviews):
    for kind, names in GOOGLE_REQUIRED.items():
        assert names <= set(claimreview.REQUIRED[kind])


def test_one_review_per_claim_each_complete(reviews, claims):
    assert [r["identifier"] for r in reviews] == list(claims.index)
    assert [p for r in reviews for p in claimreview.problems(r)] == []
    assert len({r["url"] for r in reviews}) == len(reviews)


def test_each_review_says_what_the_data_say(reviews, claims):
    scale = data.load("verdicts").set_index("verdict")
    headline = data.article("ar")[0]
    for review in reviews:
        claim = claims.loc[review["identifier"]]
        assert review["url"] == f"06_fact_check.html#claim-{review['identifier']}"
        assert review["@id"] == review["url"]
        assert claim["quote_ar"] in review["claimReviewed"]
        assert claim["gloss_en"] in review["claimReviewed"]
        rating = review["reviewRating"]
        assert rating["alternateName"] == claim["verdict"]
        assert scale.loc[claim["verdict"], "label_ar"] in rating["name"]
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


def test_a_correction_sets_date_modified(monkeypatch):
    real = data.load

    def load(table, path=None):
        frame = real(table, path)
        if table == "corrections":
            frame = pd.DataFrame([{"date": pd.Timestamp("2026-12-01"), "table": "claims",
                                   "row": "CL15", "column": "verdict",
                                   "from_value": "partly holds", "to_value": "holds",
                                   "why": "test", "evidence": "B03"}])
        return frame

    monkeypatch.setattr(data, "load", load)
    by_id = {r["identifier"]: r for r in claimreview.reviews()}
    assert by_id["CL15"]["dateModified"] == "2026-12-01"
    assert "dateModified" not in by_id["CL14"]
    assert "corrected 2026-12-01" in claimreview.section_html(list(by_id.values()))


def test_jsonld_file_holds_the_same_objects(reviews):
    document = json.loads(claimreview.jsonld(reviews))
    assert document["@context"] == "https://schema.org"
    assert document["@graph"] == [{k: v for k, v in r.items() if k != "@context"}
                                  for r in reviews]


def test_script_body_cannot_close_its_element():
    body = claimreview._script({"note": "a </script><b>x</b>"})
    assert "</" not in body
    assert json.loads(body) == {"note": "a </script><b>x</b>"}


def test_section_has_an_anchor_and_a_script_per_claim(reviews):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(claimreview.section_html(reviews), "html.parser")
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
