"""The HTML edition in a real browser: Debian's Chromium driven by Playwright.

Every page of two builds, each an English and an Arabic site, is opened from the
file system at desktop (1280 px) and phone (390 px) widths: the synthetic fixture
collection (Arabic and English prose, code outputs, a wide table, a figure in two
languages, an Arabic edition of its notebooks), and the repository's own collection
as it stands. One browser serves the whole module. Screenshots land in
build/test-artifacts/html/<build>/ (the Arabic pages in its ar/ folder).
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import figures_support as ocr_support
import pytest
from html_support import (
    ARABIC_CAPTION,
    ARABIC_LEAD,
    ARABIC_PRINTED,
    ARTIFACTS,
    DESKTOP,
    PHONE,
    launch_browser,
    link_problem,
    make_collection,
    skip_or_fail,
    visit_site,
)

from helpers.publish.html import FIGURE_FORMATS, Sources, build_site
from helpers.toolkit import langs

WIDTHS = (DESKTOP["width"], PHONE["width"])
# Reading an Arabic figure's title as Chromium shows it on the Arabic figures page: the
# image is shot at this device scale (its title then stands some 25 px high), the title
# must read at least this close to the manifest's (figures_support.similarity), and the
# same image mirrored (the classic right-to-left stylesheet mistake) this much worse.
OCR_SCALE = 3
TITLE_FLOOR = 0.75
MIRROR_GAP = 0.3
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
    assert any(page.startswith("ar/") for page, _ in visits), "the Arabic site was visited"
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


def test_every_page_is_in_its_language_and_direction(built):
    """<html lang dir> says the site's language: ar/ pages Arabic and right-to-left."""
    _, visits = built

    def check(visit):
        lang = visit.page.split("/", 1)[0] if "/" in visit.page else "en"
        expected = (lang, langs.get(lang).direction)
        found = (visit.report["htmlLang"], visit.report["htmlDir"])
        return [] if found == expected else [f"<html lang dir> is {found}, expected {expected}"]

    problems = _failures(visits, check)
    assert not problems, "\n".join(problems)


def test_code_reads_left_to_right_on_every_page(built):
    """Code cells, printed output and code in sentences compute direction: ltr, on the
    Arabic pages too (which are right-to-left around them)."""
    _, visits = built
    problems = _failures(visits, lambda v: [f"{c['tag']} {c['text']!r} is {c['direction']}"
                                            for c in v.report["code"] if c["direction"] != "ltr"])
    assert not problems, "\n".join(problems)
    arabic_code = [c for (page, _), v in visits.items() if page.startswith("ar/")
                   for c in v.report["code"]]
    assert {"PRE", "CODE"} <= {c["tag"] for c in arabic_code}, "the Arabic pages hold code"


def test_language_switch_leads_to_the_same_page_in_the_other_language_and_back(built):
    """Every page links to its twin in each other language (hreflang and lang say which);
    the twin exists, is in that language, and its switch leads back here."""
    site, visits = built

    def check(visit):
        wrong = []
        here = (site.out / visit.page).resolve()
        others = {lang for lang in langs.LANGS if lang != (visit.report["htmlLang"] or "en")}
        found = {s["hreflang"]: s for s in visit.report["switches"]}
        if set(found) != others or len(visit.report["switches"]) != len(others):
            return [f"switch links to {sorted(found)}, expected one to each of {sorted(others)}"]
        for lang, switch in found.items():
            if switch["lang"] != lang or not switch["shown"]:
                wrong.append(f"switch to {lang}: lang={switch['lang']!r}, shown={switch['shown']}")
            problem = link_problem(switch["href"], site.out)
            if problem:
                wrong.append(f"switch to {lang}: {problem}")
                continue
            target = Path(unquote(urlsplit(switch["href"]).path)).resolve()
            twin = target.relative_to(site.out.resolve()).as_posix()
            if target.name != here.name:
                wrong.append(f"switch to {lang} leads to {twin}, not the same page")
            back = visits.get((twin, visit.width))
            if back is None:
                wrong.append(f"switch to {lang} leads to {twin}, which is not a page of the site")
                continue
            if back.report["htmlLang"] != lang:
                wrong.append(f"{twin} is <html lang={back.report['htmlLang']!r}>, not {lang}")
            home = [Path(unquote(urlsplit(s["href"]).path)).resolve()
                    for s in back.report["switches"]]
            if here not in home:
                wrong.append(f"{twin} does not link back to {visit.page}")
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


@pytest.mark.parametrize("page", ["figures.html", "ar/figures.html"])
def test_figure_download_links_point_to_existing_files(built, page):
    site, visits = built
    downloads = visits[page, DESKTOP["width"]].report["downloads"]
    expected = sum(len(f.versions) * len(FIGURE_FORMATS) + 1 for f in site.figures)
    assert len(downloads) == expected, "a download link per format per language, and the CSV"
    problems = [p for p in (link_problem(d["href"], site.out) for d in downloads) if p]
    assert not problems, "\n".join(problems)
    assert {d["format"] for d in downloads} <= {*FIGURE_FORMATS, "csv"}


def test_fixture_shows_what_it_was_given(fixture_site):
    """The checks above must have had something to check: Arabic and English
    blocks on the notebook pages, the wide table, the figure in two languages,
    Arabic pages with prose, a printed Arabic line, code and English parts."""
    site, visits = fixture_site
    arabic = visits["ar/00_overview.html", PHONE["width"]].report
    assert arabic["htmlDir"] == "rtl" and len(arabic["arabicParagraphs"]) >= 4
    assert any(c["tag"] == "PRE" and ARABIC_PRINTED in c["text"] for c in arabic["code"])
    assert any(c["tag"] == "CODE" for c in arabic["code"]), "code inside an Arabic sentence"
    assert len(arabic["images"]) == 2, "the output image and the figure linked from Markdown"
    assert any(l.endswith("/ar/01_second.html#%D8%A7%D9%84%D8%AA%D9%82%D9%88%D9%8A%D9%85")
               for l in arabic["links"]), "the Arabic link to a heading of the other notebook"
    arabic_figures = visits["ar/figures.html", DESKTOP["width"]].report
    assert arabic_figures["english"], "the English version beside the Arabic one"
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
    for edition in site.editions.values():
        assert edition.notebooks, f"no {edition.language.name} notebooks"
        for notebook in edition.notebooks:
            assert (notebook.page, DESKTOP["width"]) in visits


# What Chromium finds of the fact-check's ClaimReviews: each JSON-LD script parsed by the
# page's own JSON, the element its url's #fragment lands on, and whether the script is in it.
CLAIM_REVIEWS_JS = r"""
() => [...document.querySelectorAll('script[type="application/ld+json"]')].map(script => {
  const review = JSON.parse(script.textContent);
  const fragment = decodeURIComponent(new URL(review.url, document.baseURI).hash.slice(1));
  const target = document.getElementById(fragment);
  const here = new URL(review.url, document.baseURI).href.split('#')[0] === location.href.split('#')[0];
  return {review, fragment, here, landed: !!target, inside: !!target && target.contains(script),
          visible: !!target && target.getBoundingClientRect().height > 0};
})
"""


@pytest.mark.parametrize("folder", ["", "ar/"])
def test_fact_check_page_has_one_claimreview_per_claim_at_its_own_anchor(repo_site, browser,
                                                                         folder):
    """On the fact-check page of each language's site: one ClaimReview per claim, whose
    url lands on the claim's block of that page; the site's claims.jsonld holds the same."""
    from helpers.analysis import data
    from helpers.publish import claimreview

    site, _ = repo_site
    page_file = site.out / folder / claimreview.FACT_CHECK_PAGE
    if not page_file.is_file():
        pytest.skip(f"no {folder}{claimreview.FACT_CHECK_PAGE}: no fact-check notebook in "
                    f"that edition to publish on")
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
    problems += [f"{f['fragment']}: url {f['review']['url']} is another page" for f in found
                 if not f["here"]]
    assert not problems, "\n".join(problems)
    document = json.loads((site.out / folder / claimreview.JSONLD_FILE).read_text(encoding="utf-8"))
    assert document["@graph"] == [{k: v for k, v in f["review"].items() if k != "@context"}
                                  for f in found], "claims.jsonld holds the page's objects"


# How Chromium lays out the fact-check's published record: the section's direction, what
# its ids and code compute, and whether any of its tables needs sideways scrolling.
RECORD_LAYOUT_JS = r"""
() => {
  const section = document.getElementById('claim-reviews');
  const dir = el => getComputedStyle(el).direction;
  const isolated = [...section.querySelectorAll('bdi, code')]
    .filter(el => /^[\x20-\x7e]+$/.test(el.textContent.trim()));
  return {
    lang: section.lang, direction: dir(section),
    explanations: [...new Set([...section.querySelectorAll('.claim-explanation')].map(dir))],
    isolated: [...new Set(isolated.map(dir))], isolatedCount: isolated.length,
    tables: [...section.querySelectorAll('.table-scroll')].map(box => ({
      table: box.firstElementChild.className, overflow: box.scrollWidth - box.clientWidth})),
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}
"""


@pytest.mark.parametrize("folder", ["", "ar/"])
def test_fact_check_record_reads_in_the_sites_direction(repo_site, browser, folder):
    """The published record on each site, in Chromium: the Arabic section right to left
    with its ids and code left to right, the English one left to right; at 390 px the
    page does not scroll sideways and the corrections log needs no sideways scrolling
    either (one block per correction). Screenshots of the section's top, one claim and the
    corrections log go to build/test-artifacts/html/record/<site>/."""
    from helpers.publish import claimreview

    site, _ = repo_site
    page_file = site.out / folder / claimreview.FACT_CHECK_PAGE
    if not page_file.is_file():
        pytest.skip(f"no {folder}{claimreview.FACT_CHECK_PAGE}: no fact-check notebook in "
                    f"that edition to publish on")
    lang = folder.rstrip("/") or "en"
    direction = langs.get(lang).direction
    shots = ARTIFACTS / "record" / lang
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        context.route(lambda url: not url.startswith(("file:", "data:", "about:")),
                      lambda route: route.abort())
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        found = page.evaluate(RECORD_LAYOUT_JS)
        width = viewport["width"]
        if (found["lang"], found["direction"]) != (lang, direction):
            problems.append(f"{width}px: section is {found['lang']}/{found['direction']}")
        if found["explanations"] != [direction]:
            problems.append(f"{width}px: explanations compute {found['explanations']}")
        if not found["isolatedCount"] or found["isolated"] != ["ltr"]:
            problems.append(f"{width}px: ids and code compute {found['isolated']}")
        if found["page"] > 0:
            problems.append(f"{width}px: the page scrolls sideways by {found['page']}px")
        wide = [t for t in found["tables"] if t["table"] == "corrections" and t["overflow"] > 0]
        if wide:
            problems.append(f"{width}px: the corrections log scrolls sideways: {wide}")
        # The section's first screenful (heading, introduction, verdict scale), then one
        # claim's block and the corrections log as elements.
        top = page.locator("#claim-reviews").bounding_box()
        page.screenshot(path=str(shots / f"top.{width}.png"), full_page=True,
                        clip={"x": 0, "y": top["y"], "width": width, "height": viewport["height"]})
        for part, selector in (("claim", "#claim-CL12"), ("corrections", "#corrections ~ *")):
            element = page.locator(selector).first
            if element.count():
                element.screenshot(path=str(shots / f"{part}.{width}.png"))
        context.close()
    assert not problems, f"{folder or 'en/'}{claimreview.FACT_CHECK_PAGE}:\n" + "\n".join(problems)


def test_fixture_site_has_no_claim_reviews(fixture_site):
    """The ClaimReviews belong to the fact-check page; a collection without one gets none."""
    site, _ = fixture_site
    from helpers.publish import claimreview

    assert not (site.out / claimreview.JSONLD_FILE).exists()
    assert not (site.out / claimreview.METHODOLOGY_PAGE).exists()


def _title_line(png: bytes) -> bytes:
    """The top line of text of a figure as shot: the first band of dark rows (its title;
    the subtitle below is lighter and set apart by white rows)."""
    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    dark = (np.asarray(image) < 100).any(axis=1)
    rows = np.flatnonzero(dark)
    if not len(rows):
        return png
    top = bottom = int(rows[0])
    gap = max(4, image.height // 60)  # white rows that end the line
    while bottom + 1 < image.height and not (~dark[bottom + 1: bottom + 1 + gap]).all():
        bottom += 1
    band = image.crop((0, max(0, top - gap), image.width, min(image.height, bottom + gap)))
    buffer = io.BytesIO()
    band.save(buffer, format="PNG")
    return buffer.getvalue()


def test_arabic_figure_titles_read_back_from_the_arabic_figures_page(repo_site, browser):
    """Each Arabic figure as Chromium shows it on ar/figures.html: loaded, and its title
    read by tesseract (-l ara, tests/figures_support.ocr) close to the manifest's title.
    Negative control: the same picture mirrored by CSS reads clearly worse."""
    import statistics

    reason = ocr_support.tesseract_missing_reason()
    if reason:
        skip_or_fail(reason)
    site, _ = repo_site
    figures = [f for f in site.figures if any(v.lang == "ar" and v.image for v in f.versions)]
    if not figures:
        pytest.skip("no Arabic figure in figures/ yet: nothing to read")
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=OCR_SCALE)
    context.route(lambda url: not url.startswith(("file:", "data:", "about:")),
                  lambda route: route.abort())
    page = context.new_page()
    page.goto((site.out / "ar" / "figures.html").as_uri(), wait_until="load")
    from html_support import ARTIFACTS

    shots = ARTIFACTS / "figure-titles"
    shots.mkdir(parents=True, exist_ok=True)
    readings = []
    try:
        for figure in figures:
            title = next(v.title for v in figure.versions if v.lang == "ar")
            image = page.locator(f"#{figure.anchor} figure[lang='ar'] img")
            assert image.evaluate("i => i.complete && i.naturalWidth > 0"), figure.name
            shown = _title_line(image.screenshot())
            image.evaluate("i => { i.style.transform = 'scaleX(-1)'; }")
            mirrored = _title_line(image.screenshot())
            image.evaluate("i => { i.style.transform = ''; }")
            (shots / f"{figure.name}.ar.title.png").write_bytes(shown)
            read, control = ocr_support.ocr(shown), ocr_support.ocr(mirrored)
            readings.append((figure.name, title, read, ocr_support.similarity(read, title),
                             control, ocr_support.similarity(control, title)))
    finally:
        context.close()
    report = "\n".join(f"{name}\n  meant:    {title}\n  read:     {read} ({score:.2f})\n"
                       f"  mirrored: {control} ({control_score:.2f})"
                       for name, title, read, score, control, control_score in readings)
    (shots / "readings.txt").write_text(report + "\n", encoding="utf-8")
    low = [r for r in readings if r[3] < TITLE_FLOOR]
    assert not low, "titles read poorly:\n" + report
    real = statistics.mean(r[3] for r in readings)
    mirrored = statistics.mean(r[5] for r in readings)
    assert mirrored <= real - MIRROR_GAP, f"mirrored {mirrored:.2f} vs shown {real:.2f}\n{report}"
