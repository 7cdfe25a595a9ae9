"""The HTML edition's build, without a browser: what pages exist in each language's
site, what they link to, that nothing comes from the network, how bad input is
reported. (tests/test_html_browser.py opens the same pages in Chromium.)"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from html_support import (
    ARABIC_CAPTION,
    ARABIC_INTRO,
    ARABIC_LEAD,
    ARABIC_SUMMARY_00,
    ARABIC_TITLE_00,
    ENGLISH_LEAD,
    RECORD_ARABIC_FLOOR,
    RECORD_ENGLISH_CEILING,
    arabic_share,
    html_files,
    make_collection,
    page_name,
    record_prose,
    review_words,
    without_computed_findings,
    write_manifest,
)

from helpers.publish import html as edition
from helpers.publish.html import HtmlBuildError, Sources, build_site, first_sentence, readme_parts, summarise
from helpers.toolkit import langs

AR = langs.get("ar")

# Tags whose URL the browser fetches by itself while loading the page.
LOADING_TAGS = {"script": "src", "link": "href", "img": "src", "source": "src", "iframe": "src",
                "video": "src", "audio": "src", "embed": "src", "object": "data", "track": "src"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?\s*(?:https?:)?//|@import\s+(?:url\()?\s*['"]?\s*(?:https?:)?//)""",
                        re.I)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def remote_loads(site: Path) -> list[str]:
    """Everything in the site a browser would fetch from another machine."""
    found = []
    for page in html_files(site):
        soup = _soup(page)
        for tag, attribute in LOADING_TAGS.items():
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                if REMOTE.match(value):
                    found.append(f"{page.relative_to(site).as_posix()}: <{tag} {attribute}={value!r}>")
        for style in soup.find_all("style"):
            found += [f"{page.name}: <style> {m.group(0)!r}" for m in CSS_REMOTE.finditer(style.text)]
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # a data block (ClaimReview): never run, its schema.org names never fetched
            found += [f"{page.name}: <script> mentions {m.group(0)!r}"
                      for m in re.finditer(r"https?://[^\s'\"]+", script.text)]
    for sheet in site.rglob("*.css"):
        found += [f"{sheet.name}: {m.group(0)!r}" for m in CSS_REMOTE.finditer(sheet.read_text())]
    return found


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("html-static")
    sources = make_collection(root / "repo")
    return build_site(root / "site", sources), sources


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("html-repo-static") / "site", Sources.of_repo())


# ---------------------------------------------------------------- what is built


SITE_PAGES = ["index.html", "figures.html", "00_overview.html", "01_second.html"]


def test_builds_every_page_and_copies_what_they_use(fixture_site):
    site, _ = fixture_site
    assert site.problems == []
    assert site.pages == SITE_PAGES + [f"ar/{page}" for page in SITE_PAGES], \
        "the English site at the top (old links keep working), the Arabic one in ar/"
    out = site.out
    expected = SITE_PAGES + [f"ar/{page}" for page in SITE_PAGES]
    # Each site has its stylesheet and fonts in its own folder; figures and data once.
    expected += [f"{folder}{name}" for folder in ("", "ar/")
                 for name in ("site.css", "fonts/NotoSansArabic-Regular.ttf",
                              "fonts/NotoSans-Regular.ttf", "fonts/OFL.txt")]
    expected += ["figures/budgets.csv", "data/campaigns.csv"]
    expected += [f"figures/budgets.{lang}.{fmt}" for lang in ("en", "ar") for fmt in ("png", "svg", "pdf")]
    missing = [name for name in expected if not (out / name).is_file()]
    assert not missing
    # Copies, byte for byte.
    assert (out / "figures/budgets.ar.pdf").read_bytes() == (
        fixture_site[1].figures / "budgets.ar.pdf").read_bytes()


def test_fonts_are_declared_from_the_vendored_files(fixture_site):
    site, _ = fixture_site
    css = (site.out / "site.css").read_text(encoding="utf-8")
    faces = re.findall(r'font-family: "([^"]+)";\s*src: url\("([^"]+)"\)[^}]*font-weight: (\d+)', css)
    assert ("Noto Sans Arabic", "fonts/NotoSansArabic-Regular.ttf", "400") in faces
    assert ("Noto Sans Arabic", "fonts/NotoSansArabic-Bold.ttf", "700") in faces
    assert ("Noto Sans", "fonts/NotoSans-Regular.ttf", "400") in faces
    for _, href, _ in faces:
        assert (site.out / href).is_file(), href
    assert '"Noto Sans Arabic", "Noto Sans", "Noto Naskh Arabic", sans-serif' in css
    assert (site.out / "ar" / "site.css").read_text(encoding="utf-8") == css


def test_pages_load_nothing_from_the_network(fixture_site, repo_site):
    for site in (fixture_site[0], repo_site):
        assert remote_loads(site.out) == [], site.out


def test_the_network_scan_finds_a_cdn_script(tmp_path):
    """The scan above must be able to fail."""
    (tmp_path / "page.html").write_text(
        '<script src="https://cdn.example.org/x.js"></script>'
        '<style>@import url("https://fonts.example.org/css");</style>'
        '<img src="//img.example.org/a.png">', encoding="utf-8")
    assert len(remote_loads(tmp_path)) == 3


def test_every_page_has_a_viewport_and_relative_links_only(fixture_site, repo_site):
    for site in (fixture_site[0], repo_site):
        for page in html_files(site.out):
            soup = _soup(page)
            viewport = soup.find("meta", attrs={"name": "viewport"})
            assert viewport and "width=device-width" in viewport["content"], page.name
            for element in soup.find_all(href=True) + soup.find_all(src=True):
                value = element.get("href") or element.get("src")
                assert not value.startswith(("/", "file:")), f"{page.name}: absolute {value}"


def test_every_page_says_its_language_and_direction(fixture_site):
    """<html lang dir>: the ar/ pages Arabic and right-to-left, the others English."""
    site, _ = fixture_site
    for path in html_files(site.out):
        name = page_name(site.out, path)
        expected = {"lang": "ar", "dir": "rtl"} if name.startswith("ar/") else {"lang": "en",
                                                                                "dir": "ltr"}
        html = _soup(path).html
        assert {"lang": html.get("lang"), "dir": html.get("dir")} == expected, name


def test_arabic_is_marked_right_to_left_on_every_kind_of_page(fixture_site):
    site, _ = fixture_site
    overview = _soup(site.out / "00_overview.html")
    block = overview.find("div", attrs={"dir": "rtl", "lang": "ar"})
    assert block is not None and ARABIC_LEAD[:20] in block.get_text()
    figures = _soup(site.out / "figures.html")
    arabic = figures.find("figure", attrs={"lang": "ar"})
    assert arabic["dir"] == "rtl" and ARABIC_CAPTION in arabic.figcaption.get_text()
    assert figures.find("figure", attrs={"lang": "en"})["dir"] == "ltr"
    arabic_figures = _soup(site.out / "ar" / "figures.html")
    assert arabic_figures.find("figure", attrs={"lang": "en"})["dir"] == "ltr", \
        "the English version on the Arabic page reads left to right"
    gallery = _soup(site.out / "ar" / "index.html").select_one(".gallery-title")
    assert (gallery["lang"], gallery["dir"]) == ("ar", "rtl")


def test_figures_page_shows_captions_alt_text_and_downloads(fixture_site):
    site, _ = fixture_site
    soup = _soup(site.out / "figures.html")
    section = soup.find(id="figure-budgets")
    assert section is not None
    versions = section.find_all("figure")
    assert [v["lang"] for v in versions] == ["en", "ar"], "English first, Arabic beside it"
    for version in versions:
        lang = version["lang"]
        img = version.find("img")
        assert img["src"] == f"figures/budgets.{lang}.png"
        assert img["alt"] and img["alt"] in version.find("details").get_text()
        hrefs = {a["data-format"]: a["href"] for a in version.select("a.download")}
        assert hrefs == {fmt: f"figures/budgets.{lang}.{fmt}" for fmt in ("png", "svg", "pdf")}
    assert section.select_one('a[data-format="csv"]')["href"] == "figures/budgets.csv"
    assert section.find("a", href="00_overview.html") is not None, "links to its notebook"


def test_index_has_title_findings_notebooks_and_gallery(fixture_site):
    site, _ = fixture_site
    soup = _soup(site.out / "index.html")
    assert soup.h1.get_text() == "Fixture collection — Qwen's red envelopes"
    findings = soup.find("section", class_="findings")
    assert findings.find("strong").get_text() == "Three times Tencent, six times Baidu"
    # README links are rewritten like notebook links: .ipynb -> page, figures/ -> copy.
    assert findings.find("a", href="00_overview.html") is not None
    assert findings.find("img", src="figures/budgets.en.png") is not None
    items = soup.select(".notebook-list > li")
    assert [li.a["href"] for li in items] == ["00_overview.html", "01_second.html"]
    assert items[0].a.get_text() == "00 · Overview: the campaign in numbers"
    assert items[0].find("p", class_="summary").get_text() == ENGLISH_LEAD
    gallery = soup.select(".gallery a")
    assert [a["href"] for a in gallery] == ["figures.html#figure-budgets"]
    assert gallery[0].img["src"] == "figures/budgets.en.png", "the English PNG"


def test_notebook_links_point_at_pages_and_copies(fixture_site):
    site, _ = fixture_site
    main = _soup(site.out / "00_overview.html").find("main")
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    assert "01_second.html#The-calendar" in hrefs
    assert "data/campaigns.csv" in hrefs
    assert not [h for h in hrefs if ".ipynb" in h]
    assert main.find("img", src="figures/budgets.en.png") is not None
    nav = _soup(site.out / "01_second.html").find("nav", class_="pager")
    assert nav.find("a", rel="prev")["href"] == "00_overview.html"


def test_outputs_are_kept_and_wide_tables_scroll_in_their_own_box(fixture_site):
    site, _ = fixture_site
    main = _soup(site.out / "00_overview.html").find("main")
    assert "budget 3000000000" in main.get_text()
    assert main.find("img", src=re.compile(r"^data:image/png;base64,")) is not None
    table = main.find("table", class_="dataframe")
    assert "table-scroll" in table.parent["class"]


# ---------------------------------------------------------------- the Arabic site


def test_arabic_index_has_arabic_title_findings_notebooks_and_gallery(fixture_site):
    site, _ = fixture_site
    soup = _soup(site.out / "ar" / "index.html")
    # The README introduction's Arabic block: its bold opening phrase is the title.
    assert soup.h1.get_text() == ARABIC_LEAD
    assert soup.select_one(".lead").get_text().strip() == ARABIC_INTRO, "without the dash"
    findings = soup.find("section", class_="findings")
    assert findings.h2.get_text() == AR.word("findings")
    assert findings.find("strong").get_text() == "ثلاثة أضعاف تينسنت وستة أضعاف بايدو"
    # Links from the top of the repository, written relative to the ar/ folder.
    assert findings.find("a", href="00_overview.html") is not None
    assert findings.find("img", src="../figures/budgets.ar.png") is not None
    items = soup.select(".notebook-list > li")
    assert [li.a["href"] for li in items] == ["00_overview.html", "01_second.html"]
    assert items[0].a.get_text() == ARABIC_TITLE_00
    assert items[0].find("p", class_="summary").get_text() == ARABIC_SUMMARY_00
    gallery = soup.select(".gallery a")
    assert [a["href"] for a in gallery] == ["figures.html#figure-budgets"]
    assert gallery[0].img["src"] == "../figures/budgets.ar.png", "the Arabic PNG"
    english = _soup(site.out / "index.html")
    assert ARABIC_LEAD not in english.get_text(), "the English index is English"


def test_arabic_notebook_pages_link_within_the_arabic_site(fixture_site):
    site, _ = fixture_site
    main = _soup(site.out / "ar" / "00_overview.html").find("main")
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    # The heading's id as nbconvert writes it (percent-encoded), as the link was written.
    assert {"01_second.html#" + quote("التقويم"), "../data/campaigns.csv"} <= hrefs
    assert main.find("img", src="../figures/budgets.ar.png") is not None
    pager = _soup(site.out / "ar" / "01_second.html").find("nav", class_="pager")
    assert pager["aria-label"] == AR.word("reading_order")
    prev = pager.find("a", rel="prev")
    assert prev["href"] == "00_overview.html" and AR.word("previous") in prev.get_text()
    assert ARABIC_TITLE_00 in prev.get_text()


def test_arabic_figures_page_shows_the_arabic_figure_first(fixture_site):
    site, _ = fixture_site
    soup = _soup(site.out / "ar" / "figures.html")
    assert soup.h1.get_text() == AR.word("figures")
    section = soup.find(id="figure-budgets")
    assert section.h2.get_text().startswith("ميزانيات الحملات الثلاث"), "the Arabic title"
    versions = section.find_all("figure")
    assert [v["lang"] for v in versions] == ["ar", "en"]
    for version in versions:
        lang = version["lang"]
        assert version.img["src"] == f"../figures/budgets.{lang}.png"
        hrefs = {a["data-format"]: a["href"] for a in version.select("a.download")}
        assert hrefs == {fmt: f"../figures/budgets.{lang}.{fmt}" for fmt in ("png", "svg", "pdf")}
    assert versions[0].select_one(".downloads-label").get_text() == AR.word("download")
    assert section.select_one('a[data-format="csv"]')["href"] == "../figures/budgets.csv"
    assert section.find("a", href="00_overview.html").get_text() == ARABIC_TITLE_00, \
        "links to the Arabic edition of its notebook"


def _switches(path: Path) -> list:
    return _soup(path).select(".lang-switch a[hreflang]")


def test_every_page_has_a_language_switch_to_its_twin_and_back(fixture_site):
    """The visible switch (hreflang and lang), and <link rel="alternate"> for every
    language, on every page; each leads to the same page in the other language."""
    site, _ = fixture_site
    pages = html_files(site.out)
    assert len(pages) == 8
    for path in pages:
        name = page_name(site.out, path)
        lang = _soup(path).html["lang"]
        (switch,) = _switches(path)  # one other language
        other = "en" if lang == "ar" else "ar"
        assert (switch["hreflang"], switch["lang"], switch.get_text()) == (
            other, other, langs.get(other).native), name
        target = (path.parent / switch["href"]).resolve()
        assert target.is_file() and target.name == path.name, f"{name} -> {switch['href']}"
        assert _soup(target).html["lang"] == other
        (back,) = _switches(target)
        assert (target.parent / back["href"]).resolve() == path.resolve(), f"{name}: no way back"
        alternates = {link["hreflang"]: (path.parent / link["href"]).resolve()
                      for link in _soup(path).find_all("link", rel="alternate")}
        assert alternates == {lang: path.resolve(), other: target}, name


def test_language_switch_of_a_page_without_twin_leads_to_the_other_index(tmp_path):
    """An English notebook whose Arabic edition is not written yet: its switch leads to
    the Arabic index (helpers.publish.editions writes the editions; the site only links)."""
    sources = make_collection(tmp_path / "repo")
    (sources.notebooks / "ar" / "01_second.ipynb").unlink()
    site = build_site(tmp_path / "site", sources)
    assert [p.split(":")[0] for p in site.problems] == ["notebooks/ar/00_overview.ipynb cell 2"], \
        "only the Arabic overview's link to it is broken"
    (switch,) = _switches(site.out / "01_second.html")
    assert switch["href"] == "ar/index.html"
    assert "ar/01_second.html" not in site.pages


def test_interface_words_exist_in_every_language():
    keys = {lang: set(langs.get(lang).words) for lang in langs.LANGS}
    for lang, words in keys.items():
        assert words == keys["en"], f"{lang}: missing {keys['en'] - words}, extra {words - keys['en']}"


def test_interface_words_come_from_langs(tmp_path, monkeypatch):
    """The navigation, headings and pager say what helpers.toolkit.langs says, in each
    site's language: change a word there and the pages change."""
    sources = make_collection(tmp_path / "repo")
    monkeypatch.setitem(AR.words, "notebooks", "دفاتر المجموعة")
    site = build_site(tmp_path / "site", sources, strict=True)
    for name in ("index.html", "figures.html", "00_overview.html"):
        nav = _soup(site.out / "ar" / name).find("header", class_="site-nav")
        words = [a.get_text() for a in nav.select(".site-links > a")]
        assert words == ["دفاتر المجموعة", AR.word("figures")], name
        english = _soup(site.out / name).find("header", class_="site-nav")
        assert [a.get_text() for a in english.select(".site-links > a")] == ["Notebooks", "Figures"]
    index = _soup(site.out / "ar" / "index.html")
    assert index.find(id="notebooks-title").get_text() == "دفاتر المجموعة"


METHODOLOGY = """# Method: how claims are checked

Every claim is compared with a sourced row ([the overview](../notebooks/00_overview.ipynb)).

## Verdicts

Four of them.

<div dir="rtl" lang="ar">

## المنهجية: كيف تُفحص الادعاءات

يُقارن كل ادعاء بصف موثق المصدر ([النظرة العامة](../notebooks/00_overview.ipynb)).

### الأحكام

أربعة أحكام.

</div>
"""


def test_methodology_page_in_each_language_is_its_part_of_the_document(tmp_path):
    sources = make_collection(tmp_path / "repo")
    (sources.root / "docs").mkdir()
    (sources.root / "docs" / "methodology.md").write_text(METHODOLOGY, encoding="utf-8")
    site = build_site(tmp_path / "site", sources, strict=True)
    assert {"methodology.html", "ar/methodology.html"} <= set(site.pages)
    english = _soup(site.out / "methodology.html").find("main")
    assert edition.heading_text(english.h1) == "Method: how claims are checked"
    assert "يُقارن" not in english.get_text()
    arabic = _soup(site.out / "ar" / "methodology.html").find("main")
    # Its own title: the part's first heading (an <h2> in the document) made an <h1>.
    assert edition.heading_text(arabic.h1) == "المنهجية: كيف تُفحص الادعاءات"
    assert edition.heading_text(arabic.h2) == "الأحكام"
    assert "compared" not in arabic.get_text()
    # A link to a notebook leads to its edition in the page's language.
    assert english.find("a", string="the overview")["href"] == "00_overview.html"
    assert arabic.find("a", string="النظرة العامة")["href"] == "00_overview.html"
    assert (site.out / "ar" / "00_overview.html").is_file()
    assert _soup(site.out / "ar" / "methodology.html").title.get_text().startswith("المنهجية")
    nav = _soup(site.out / "ar" / "index.html").find("header", class_="site-nav")
    assert nav.find("a", href="methodology.html").get_text() == AR.word("method")


def test_repository_claim_reviews_point_at_each_sites_own_page(tmp_path, monkeypatch):
    """claims.jsonld of each site: relative addresses by default; with COLLECTION_SITE_URL,
    absolute ones into that language's folder."""
    import json

    from helpers.publish import claimreview

    monkeypatch.setenv(claimreview.SITE_URL_VARIABLE, "https://example.org/qwen/")
    site = build_site(tmp_path / "site", Sources.of_repo())
    for folder in ("", "ar/"):
        graph = json.loads((site.out / folder / claimreview.JSONLD_FILE).read_text())["@graph"]
        assert graph and all(r["url"].startswith(f"https://example.org/qwen/{folder}"
                                                 f"{claimreview.FACT_CHECK_PAGE}#claim-")
                             for r in graph), folder
    page = _soup(site.out / "ar" / claimreview.FACT_CHECK_PAGE)
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == len(graph)


def test_repository_fact_check_record_is_in_each_sites_language(tmp_path):
    """The fact-check page's published record, as built: on the Arabic site an Arabic,
    right-to-left section and Arabic ClaimReviews (inLanguage "ar") in the page and in
    claims.jsonld; on the English site the same in English, left to right."""
    import json

    from helpers.publish import claimreview

    site = build_site(tmp_path / "site", Sources.of_repo())
    for folder, lang in (("", "en"), ("ar/", "ar")):
        page = _soup(site.out / folder / claimreview.FACT_CHECK_PAGE)
        assert (page.html["lang"], page.html["dir"]) == (lang, langs.get(lang).direction)
        section = page.find("section", id="claim-reviews")
        assert (section["lang"], section["dir"]) == (lang, langs.get(lang).direction), folder
        share = arabic_share(record_prose(section, lang))
        in_page = [json.loads(s.string) for s in section.find_all("script",
                                                                  type="application/ld+json")]
        graph = json.loads((site.out / folder / claimreview.JSONLD_FILE).read_text())["@graph"]
        assert graph == [{k: v for k, v in r.items() if k != "@context"} for r in in_page]
        assert {r["inLanguage"] for r in graph} == {lang}, folder
        assert [p for r in in_page for p in claimreview.problems(r)] == [], folder
        words = arabic_share(" ".join(review_words(r) for r in graph))
        if lang == "ar":
            assert share >= RECORD_ARABIC_FLOOR, f"ar/: {share:.1%} of the section is Arabic"
            assert words >= RECORD_ARABIC_FLOOR, f"ar/claims.jsonld: {words:.1%} Arabic"
        else:
            assert share <= RECORD_ENGLISH_CEILING, f"English section: {share:.1%} Arabic"


# ---------------------------------------------------------------- helpers


def test_first_sentence():
    assert first_sentence("One. Two.") == "One."
    assert first_sentence("Is it 3.5 times?  Yes.") == "Is it 3.5 times?"
    assert first_sentence("هل هي ثلاثة أضعاف؟ نعم.") == "هل هي ثلاثة أضعاف؟"
    assert first_sentence("no full stop") == "no full stop"
    long = first_sentence("word " * 200, limit=50)
    assert len(long) <= 50 and long.endswith("…")


def test_summarise_takes_heading_and_first_sentence_in_the_editions_language():
    cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell('<div dir="rtl" lang="ar">\n\nقدمت تينسنت مليارا. المزيد.\n\n</div>'),
        nbformat.v4.new_markdown_cell("# 02 · *Budgets* compared\n\nTencent gave **1 billion**. More."),
    ]
    assert summarise(cells) == ("02 · Budgets compared", "Tencent gave 1 billion."), \
        "an English notebook: its Arabic quote is not its summary"
    arabic = [nbformat.v4.new_markdown_cell('<div dir="rtl" lang="ar">\n\n# 02 · الميزانيات\n\n'
                                            "قدمت تينسنت مليارا. المزيد.\n\n</div>")]
    assert summarise(arabic, "ar") == ("02 · الميزانيات", "قدمت تينسنت مليارا.")
    assert summarise(arabic, "en") == ("02 · الميزانيات", ""), "no English paragraph"
    assert summarise([nbformat.v4.new_code_cell("1")]) == ("", "")
    labelled = [nbformat.v4.new_markdown_cell("# T\n\n**In one sentence:** it *is* big. Yes.\n\n"
                                              '<div dir="rtl" lang="ar">\n\n**باختصار:** إنها كبيرة.\n\n</div>')]
    assert summarise(labelled) == ("T", "It is big."), "run-in labels dropped"


def test_readme_parts():
    text = ("intro line\n# Title *here*\n\nLead.\n\n<!-- findings:start -->\n- one\n"
            "<!-- findings:end -->\n\nMore lead.\n\n## Section\n\nNot lead.\n")
    title, lead, findings = readme_parts(text)
    assert title == "Title *here*"
    assert lead == "Lead.\n\n\n\nMore lead."
    assert findings == "- one"
    assert readme_parts("# T\n\n<!-- findings:start -->\n<!-- findings:end -->\n")[2] == ""
    assert readme_parts("# T\n\nno markers\n")[2] == ""


# ---------------------------------------------------------------- states and bad input


def test_an_empty_collection_still_builds(tmp_path):
    sources = make_collection(tmp_path / "repo", figures=False, notebooks=False, readme=False)
    sources = without_computed_findings(sources)
    site = build_site(tmp_path / "site", sources, strict=True)
    assert site.pages == ["index.html", "figures.html", "ar/index.html", "ar/figures.html"]
    index = _soup(site.out / "index.html")
    assert "No notebooks yet" in index.get_text() and "No figures yet" in index.get_text()
    assert index.find("section", class_="findings") is None
    assert "No figures yet" in _soup(site.out / "figures.html").get_text()
    arabic = _soup(site.out / "ar" / "index.html")
    assert arabic.h1.get_text() == AR.word("collection")
    assert AR.word("no_notebooks").split("`")[0] in arabic.get_text()
    assert arabic.select_one(".empty code").get_text() == "make", "`make` set as code"


def test_readme_without_findings_has_no_findings_box(tmp_path):
    sources = without_computed_findings(make_collection(tmp_path / "repo"))
    sources.readme.write_text("# Plain title\n\nJust a lead.\n", encoding="utf-8")
    site = build_site(tmp_path / "site", sources)
    index = _soup(site.out / "index.html")
    assert index.find("section", class_="findings") is None
    assert index.h1.get_text() == "Plain title"
    # Nor has an Arabic introduction: the Arabic index says so, with the English title.
    assert [p for p in site.problems if p.startswith("README.md: no Arabic introduction")]
    assert _soup(site.out / "ar" / "index.html").h1.get_text() == "Plain title"
    with pytest.raises(HtmlBuildError, match="README.md: no Arabic introduction"):
        build_site(tmp_path / "site", sources, strict=True)


def test_broken_notebook_link_names_notebook_and_cell_and_strict_keeps_old_site(tmp_path):
    sources = make_collection(tmp_path / "repo")
    out = tmp_path / "site"
    build_site(out, sources, strict=True)
    before = (out / "00_overview.html").read_bytes()
    path = sources.notebooks / "00_overview.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("See [the missing table](../data/missing.csv)."))
    nbformat.write(nb, path)
    site = build_site(out, sources)
    assert any("notebooks/00_overview.ipynb cell 3" in p and "data/missing.csv" in p
               for p in site.problems), site.problems
    with pytest.raises(HtmlBuildError, match=r"00_overview\.ipynb cell 3"):
        build_site(out, sources, strict=True)
    assert (out / "00_overview.html").read_bytes() != before, "the lenient build was swapped in"
    assert not list(tmp_path.glob(".site.*")), "no staging folder left behind"


def test_missing_figure_file_is_named_and_not_linked(tmp_path):
    sources = make_collection(tmp_path / "repo")
    (sources.figures / "budgets.ar.svg").unlink()
    site = build_site(tmp_path / "site", sources)
    assert any("manifest.csv: line 3" in p and "budgets.ar.svg" in p for p in site.problems), site.problems
    page = _soup(site.out / "figures.html")
    assert page.find("a", href="figures/budgets.ar.svg") is None
    assert "(غير موجود)" in page.find("figure", attrs={"lang": "ar"}).get_text()


@pytest.mark.parametrize("header, where", [
    ("name,lang,title,capton,alt,notebook,tables", "line 1, column 4"),
    ("name,lang,title,caption,alt,notebook", "line 1: 6 columns"),
])
def test_bad_manifest_header_names_file_line_and_column(tmp_path, header, where):
    sources = make_collection(tmp_path / "repo")
    manifest = sources.figures / "manifest.csv"
    manifest.write_text(header + "\n" + manifest.read_text(encoding="utf-8").split("\n", 1)[1],
                        encoding="utf-8")
    before = manifest.read_bytes()
    with pytest.raises(HtmlBuildError, match=re.escape(f"figures/manifest.csv: {where}")):
        build_site(tmp_path / "site", sources)
    assert manifest.read_bytes() == before, "input files are never modified"
    assert not (tmp_path / "site").exists()


def test_short_manifest_row_names_line_and_column(tmp_path):
    sources = make_collection(tmp_path / "repo")
    manifest = sources.figures / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "extra,en,Title\n", encoding="utf-8")
    with pytest.raises(HtmlBuildError, match=r"manifest\.csv: line 4, column 4: 3 fields"):
        build_site(tmp_path / "site", sources)


def test_duplicate_manifest_row_is_reported(tmp_path):
    sources = make_collection(tmp_path / "repo")
    rows = list(csv.DictReader((sources.figures / "manifest.csv").open(encoding="utf-8")))
    write_manifest(sources.figures / "manifest.csv", rows + [dict(rows[0], title="Newer title")])
    site = build_site(tmp_path / "site", sources)
    assert any("line 4" in p and "repeats line 2" in p for p in site.problems)
    english = site.figures[0].versions[0]
    assert (english.lang, english.title) == ("en", "Newer title")


def test_broken_notebook_json_names_file_line_and_column(tmp_path):
    sources = make_collection(tmp_path / "repo")
    (sources.notebooks / "02_broken.ipynb").write_text('{\n  "cells": [,\n', encoding="utf-8")
    with pytest.raises(HtmlBuildError, match=r"notebooks/02_broken\.ipynb: line 2, column 13"):
        build_site(tmp_path / "site", sources)


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    sources = make_collection(tmp_path / "repo")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep.txt").write_text("precious")
    with pytest.raises(HtmlBuildError, match="not written by helpers.publish.html"):
        build_site(out, sources)
    assert (out / "keep.txt").read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "repo"]


def test_rebuild_drops_pages_of_removed_notebooks(tmp_path):
    sources = make_collection(tmp_path / "repo")
    out = tmp_path / "site"
    build_site(out, sources)
    (sources.notebooks / "01_second.ipynb").rename(sources.notebooks / "01_renamed.ipynb")
    build_site(out, sources)
    assert not (out / "01_second.html").exists() and (out / "01_renamed.html").is_file()


def test_cli_reports_bad_input_without_a_traceback(tmp_path, monkeypatch, capsys):
    sources = make_collection(tmp_path / "repo")
    (sources.figures / "manifest.csv").write_text("wrong\n", encoding="utf-8")
    monkeypatch.setattr(edition.Sources, "of_repo", classmethod(lambda cls: sources))
    assert edition.main(["--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("helpers.publish.html: error: figures/manifest.csv: line 1, column 1")
    assert "Traceback" not in err


# ---------------------------------------------------------------- the repository itself


def test_make_html_entry_point_builds_the_repository(tmp_path):
    """What `make html` runs, on the collection as it is now."""
    out = tmp_path / "html"
    done = subprocess.run([sys.executable, "-m", "helpers.publish.html", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file() and (out / "figures.html").is_file()
    assert f"open {(out / 'index.html').as_uri()}" in done.stdout


def test_repository_site_has_no_problems_and_a_page_per_notebook(repo_site):
    assert repo_site.problems == [], "\n".join(repo_site.problems)
    notebooks = sorted(p.stem for p in Path(ROOT, "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert [p.source.stem for p in repo_site.notebooks] == notebooks
    for stem in notebooks:
        assert (repo_site.out / f"{stem}.html").is_file()
    arabic = sorted(p.stem for p in Path(ROOT, "notebooks", "ar").glob("[0-9][0-9]_*.ipynb"))
    assert arabic, "the Arabic edition notebooks/ar/ exists"
    assert [p.source.stem for p in repo_site.editions["ar"].notebooks] == arabic
    for stem in arabic:
        page = _soup(repo_site.out / "ar" / f"{stem}.html")
        assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")


def test_repository_arabic_index_is_arabic(repo_site):
    """Title and introduction from the README's Arabic block, findings computed in Arabic
    (helpers.publish.findings), the Arabic notebooks' titles and summaries."""
    from helpers.publish import findings
    from helpers.toolkit import arabic

    index = _soup(repo_site.out / "ar" / "index.html")
    assert arabic.has_arabic(index.h1.get_text()) and arabic.has_arabic(index.select_one(".lead").get_text())
    box = index.find("section", class_="findings")
    assert box.h2.get_text() == AR.word("findings")
    bullets = [" ".join(li.get_text().split()) for li in box.find_all("li")]
    assert bullets[: len(findings.bullets("ar"))] == findings.bullets("ar")
    items = index.select(".notebook-list > li")
    assert [li.a["href"] for li in items] == [p.name for p in repo_site.editions["ar"].notebooks]
    for li in items:
        assert arabic.has_arabic(li.a.get_text()) and arabic.has_arabic(li.p.get_text()), li
    english = _soup(repo_site.out / "index.html")
    assert not arabic.has_arabic(english.select_one(".lead").get_text()), \
        "the README's Arabic block goes to the Arabic index"


# ---------------------------------------------------------------- the browser tests' gate


def test_missing_chromium_skips_or_fails_under_require_tools(tmp_path, monkeypatch):
    import html_support

    monkeypatch.setattr(html_support, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("COLLECTION_REQUIRE_TOOLS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        html_support.launch_browser()
    monkeypatch.setenv("COLLECTION_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match="COLLECTION_REQUIRE_TOOLS=1"):
        html_support.launch_browser()


def test_manifest_name_that_would_leave_the_figures_folder_is_refused(tmp_path):
    sources = make_collection(tmp_path / "repo")
    manifest = sources.figures / "manifest.csv"
    rows = list(csv.DictReader(manifest.open(encoding="utf-8")))
    write_manifest(manifest, rows + [dict(rows[0], name="../../secret")])
    with pytest.raises(HtmlBuildError, match=r"manifest\.csv: line 4, column 1 \(name\)"):
        build_site(tmp_path / "site", sources)


def test_manifest_line_numbers_count_captions_that_span_lines(tmp_path):
    sources = make_collection(tmp_path / "repo")
    manifest = sources.figures / "manifest.csv"
    rows = list(csv.DictReader(manifest.open(encoding="utf-8")))
    rows[0]["caption"] = "First line of the caption,\nsecond line."
    write_manifest(manifest, rows)
    assert build_site(tmp_path / "site", sources, strict=True).figures[0].versions[0].caption \
        == "First line of the caption,\nsecond line."
    manifest.write_text(manifest.read_text(encoding="utf-8") + "short,en\n", encoding="utf-8")
    with pytest.raises(HtmlBuildError, match=r"manifest\.csv: line 5, column 3: 2 fields"):
        build_site(tmp_path / "site", sources)
