"""The HTML edition in a real browser: Debian's Chromium driven by Playwright.

Every page of two sites is opened from the file system at desktop (1280 px)
and phone (390 px) widths: the synthetic fixture collection (Arabic and
English prose, code outputs, a wide table, a figure in two languages), and
the repository's own collection as it stands. One browser serves the whole
module. Screenshots land in build/test-artifacts/html/<site>/.
"""
from __future__ import annotations

import json

import pytest
from html_support import (
    ARABIC_CAPTION,
    ARABIC_LEAD,
    DESKTOP,
    PHONE,
    launch_browser,
    link_problem,
    make_collection,
    visit_site,
)

from helpers.publish.html import FIGURE_FORMATS, Sources, build_site

WIDTHS = (DESKTOP["width"], PHONE["width"])
# How far (px) the first line of an Arabic paragraph may end from its box's right edge.
RIGHT_EDGE_TOLERANCE_PX = 2.0


@pytest.fixture(scope="module")
def browser():
    manager, chromium = launch_browser()
    yield chromium
    chromium.close()
    manager.stop()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("html-fixture")
    sources = make_collection(root / "repo")
    site = build_site(root / "site", sources, strict=True)
    return site, visit_site(browser, site.out, "fixture")


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory, browser):
    """The collection as it is in the repository now (index and figures pages
    exist even before any notebook does)."""
    site = build_site(tmp_path_factory.mktemp("html-repo") / "site", Sources.of_repo())
    return site, visit_site(browser, site.out, "repo")


@pytest.fixture(params=["fixture_site", "repo_site"])
def built(request):
    return request.getfixturevalue(request.param)


def _failures(visits, check) -> list[str]:
    found = []
    for (page, width), visit in sorted(visits.items()):
        found += [f"{page} @ {width}px: {problem}" for problem in check(visit)]
    return found


def test_every_page_visited_at_both_widths(built):
    site, visits = built
    assert {(page, width) for page in site.pages for width in WIDTHS} == set(visits)
    for visit in visits.values():
        assert visit.screenshot.is_file() and visit.screenshot.stat().st_size > 1000


def test_pages_load_without_console_errors_or_failed_requests(built):
    _, visits = built
    problems = _failures(visits, lambda v: v.console_errors + v.failed_requests)
    assert not problems, "\n".join(problems)


def test_every_image_is_decoded(built):
    _, visits = built
    problems = _failures(visits, lambda v: [f"broken image {i['src']}"
                                            for i in v.report["images"] if not i["ok"]])
    assert not problems, "\n".join(problems)


def test_every_internal_link_leads_to_a_file_and_anchor(built):
    site, visits = built
    problems = _failures(visits, lambda v: [p for p in (link_problem(h, site.out)
                                                        for h in v.report["links"]) if p])
    assert not problems, "\n".join(problems)


def test_arabic_blocks_are_right_to_left_and_right_aligned(built):
    _, visits = built

    def check(visit):
        report = visit.report
        wrong = [f"{b['tag']} {b['text']!r} is {b['direction']}"
                 for b in report["arabic"] + report["arabicParagraphs"] if b["direction"] != "rtl"]
        wrong += [f"{p['tag']} {p['text']!r}: first line ends {p['gap']:.1f}px short of the right edge"
                  for p in report["arabicParagraphs"]
                  if p["gap"] is not None and abs(p["gap"]) > RIGHT_EDGE_TOLERANCE_PX]
        return wrong

    problems = _failures(visits, check)
    assert not problems, "\n".join(problems)


def test_english_blocks_are_left_to_right(built):
    _, visits = built
    problems = _failures(visits, lambda v: [f"{b['tag']} {b['text']!r} is {b['direction']}"
                                            for b in v.report["english"] if b["direction"] != "ltr"])
    assert not problems, "\n".join(problems)


def test_arabic_text_uses_the_vendored_arabic_font(built):
    _, visits = built
    problems = _failures(visits, lambda v: ["Arabic on the page but Noto Sans Arabic not loaded"]
                         if v.report["hasArabic"] and not v.report["arabicFontLoaded"] else [])
    problems += _failures(visits, lambda v: [] if v.report["latinFontLoaded"]
                          else ["Noto Sans not loaded"])
    assert not problems, "\n".join(problems)


def test_no_sideways_scrolling_at_phone_width(built):
    _, visits = built
    phone = {k: v for k, v in visits.items() if k[1] == PHONE["width"]}

    def check(visit):
        r = visit.report
        wrong = []
        # Without the viewport meta tag a phone lays the page out 980 px wide.
        if r["innerWidth"] > PHONE["width"] + 1:
            wrong.append(f"laid out {r['innerWidth']}px wide: no viewport meta tag?")
        if r["scrollWidth"] > r["innerWidth"] + 1:
            wrong.append(f"page is {r['scrollWidth']}px wide in a {r['innerWidth']}px window")
        return wrong

    problems = _failures(phone, check)
    assert not problems, "\n".join(problems)


def test_no_content_is_cut_off_at_either_width(built):
    """Wide content either fits or scrolls in its own box; none is clipped out of reach."""
    _, visits = built
    problems = _failures(visits, lambda v: [
        f"{c['tag']} {c['text']!r} spans {c['left']}..{c['right']}px, clipped, not scrollable"
        for c in v.report["cutOff"]])
    assert not problems, "\n".join(problems)


def test_figure_download_links_point_to_existing_files(built):
    site, visits = built
    downloads = visits["figures.html", DESKTOP["width"]].report["downloads"]
    expected = sum(len(f.versions) * len(FIGURE_FORMATS) + 1 for f in site.figures)
    assert len(downloads) == expected, "a download link per format per language, and the CSV"
    problems = [p for p in (link_problem(d["href"], site.out) for d in downloads) if p]
    assert not problems, "\n".join(problems)
    assert {d["format"] for d in downloads} <= {*FIGURE_FORMATS, "csv"}


def test_fixture_shows_what_it_was_given(fixture_site):
    """The checks above must have had something to check: Arabic and English
    blocks on the notebook pages, the wide table, the figure in two languages."""
    site, visits = fixture_site
    overview = visits["00_overview.html", PHONE["width"]].report
    assert any(ARABIC_LEAD[:20] in b["text"] for b in overview["arabicParagraphs"])
    assert any(b["tag"] == "LI" for b in overview["arabicParagraphs"]), "the Arabic list"
    assert overview["english"] and overview["hasArabic"]
    assert len(overview["images"]) == 2, "the output image and the figure linked from Markdown"
    figures = visits["figures.html", DESKTOP["width"]].report
    assert any(ARABIC_CAPTION[:20] in b["text"] for b in figures["arabicParagraphs"])
    assert len(figures["downloads"]) == 2 * len(FIGURE_FORMATS) + 1
    index = visits["index.html", DESKTOP["width"]].report
    assert any(l.endswith("/00_overview.html") for l in index["links"])
    assert any(l.endswith("/figures.html#figure-budgets") for l in index["links"])


def test_repo_site_has_a_page_per_notebook(repo_site):
    site, visits = repo_site
    if not site.notebooks:
        pytest.skip("no notebooks in notebooks/ yet: only the index and figures pages were checked")
    assert site.problems == [], "\n".join(site.problems)
    for notebook in site.notebooks:
        assert (notebook.page, DESKTOP["width"]) in visits


# What Chromium finds of the fact-check's ClaimReviews: each JSON-LD script parsed by the
# page's own JSON, the element its url's #fragment lands on, and whether the script is in it.
CLAIM_REVIEWS_JS = r"""
() => [...document.querySelectorAll('script[type="application/ld+json"]')].map(script => {
  const review = JSON.parse(script.textContent);
  const fragment = decodeURIComponent(new URL(review.url, document.baseURI).hash.slice(1));
  const target = document.getElementById(fragment);
  return {review, fragment, landed: !!target, inside: !!target && target.contains(script),
          visible: !!target && target.getBoundingClientRect().height > 0};
})
"""


def test_fact_check_page_has_one_claimreview_per_claim_at_its_own_anchor(repo_site, browser):
    from helpers.analysis import data
    from helpers.publish import claimreview

    site, _ = repo_site
    page_file = site.out / claimreview.FACT_CHECK_PAGE
    if not any(p.page == claimreview.FACT_CHECK_PAGE for p in site.notebooks):
        pytest.skip("no notebooks/06_fact_check.ipynb yet: no fact-check page to publish on")
    context = browser.new_context(viewport=DESKTOP)
    context.route(lambda url: not url.startswith(("file:", "data:", "about:")),
                  lambda route: route.abort())
    page = context.new_page()
    page.goto(page_file.as_uri(), wait_until="load")
    found = page.evaluate(CLAIM_REVIEWS_JS)
    context.close()
    claims = list(data.load("claims")["claim_id"])
    assert [f["review"]["identifier"] for f in found] == claims, "one ClaimReview per claim"
    assert [f["fragment"] for f in found] == [claimreview.anchor(c) for c in claims]
    problems = [p for f in found for p in claimreview.problems(f["review"])]
    problems += [f"{f['fragment']}: url lands nowhere" for f in found if not f["landed"]]
    problems += [f"{f['fragment']}: its JSON-LD is not inside it" for f in found
                 if f["landed"] and not f["inside"]]
    problems += [f"{f['fragment']}: not shown" for f in found if f["landed"] and not f["visible"]]
    assert not problems, "\n".join(problems)
    document = json.loads((site.out / claimreview.JSONLD_FILE).read_text(encoding="utf-8"))
    assert document["@graph"] == [{k: v for k, v in f["review"].items() if k != "@context"}
                                  for f in found], "claims.jsonld holds the page's objects"


def test_fixture_site_has_no_claim_reviews(fixture_site):
    """The ClaimReviews belong to the fact-check page; a collection without one gets none."""
    site, _ = fixture_site
    from helpers.publish import claimreview

    assert not (site.out / claimreview.JSONLD_FILE).exists()
    assert not (site.out / claimreview.METHODOLOGY_PAGE).exists()
