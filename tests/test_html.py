"""The HTML edition's build, without a browser: what pages exist, what they
link to, that nothing comes from the network, how bad input is reported.
(tests/test_html_browser.py opens the same pages in Chromium.)"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from html_support import (
    ARABIC_CAPTION,
    ARABIC_LEAD,
    ENGLISH_LEAD,
    html_files,
    make_collection,
    write_manifest,
)

from helpers.publish import html as edition
from helpers.publish.html import HtmlBuildError, Sources, build_site, first_sentence, readme_parts, summarise

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
                    found.append(f"{page.name}: <{tag} {attribute}={value!r}>")
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


def test_builds_every_page_and_copies_what_they_use(fixture_site):
    site, _ = fixture_site
    assert site.problems == []
    assert site.pages == ["index.html", "figures.html", "00_overview.html", "01_second.html"]
    out = site.out
    expected = ["index.html", "figures.html", "00_overview.html", "01_second.html", "site.css",
                "fonts/NotoSansArabic-Regular.ttf", "fonts/NotoSans-Regular.ttf", "fonts/OFL.txt",
                "figures/budgets.csv", "data/campaigns.csv"]
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
    assert '"Noto Sans Arabic", "Noto Naskh Arabic", sans-serif' in css


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


def test_arabic_is_marked_right_to_left_on_every_kind_of_page(fixture_site):
    site, _ = fixture_site
    overview = _soup(site.out / "00_overview.html")
    block = overview.find("div", attrs={"dir": "rtl", "lang": "ar"})
    assert block is not None and ARABIC_LEAD[:20] in block.get_text()
    figures = _soup(site.out / "figures.html")
    arabic = figures.find("figure", attrs={"lang": "ar"})
    assert arabic["dir"] == "rtl" and ARABIC_CAPTION in arabic.figcaption.get_text()
    assert figures.find("figure", attrs={"lang": "en"})["dir"] == "ltr"
    index = _soup(site.out / "index.html")
    summaries = index.select('.notebook-list p[dir="rtl"][lang="ar"]')
    assert [p.get_text() for p in summaries][0].startswith(ARABIC_LEAD[:20])


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


# ---------------------------------------------------------------- helpers


def test_first_sentence():
    assert first_sentence("One. Two.") == "One."
    assert first_sentence("Is it 3.5 times?  Yes.") == "Is it 3.5 times?"
    assert first_sentence("هل هي ثلاثة أضعاف؟ نعم.") == "هل هي ثلاثة أضعاف؟"
    assert first_sentence("no full stop") == "no full stop"
    long = first_sentence("word " * 200, limit=50)
    assert len(long) <= 50 and long.endswith("…")


def test_summarise_takes_heading_and_first_sentence_per_language():
    cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("# 02 · *Budgets* compared\n\nTencent gave **1 billion**. More."),
        nbformat.v4.new_markdown_cell('<div dir="rtl" lang="ar">\n\nقدمت تينسنت مليارا. المزيد.\n\n</div>'),
    ]
    assert summarise(cells) == ("02 · Budgets compared", "Tencent gave 1 billion.",
                                "قدمت تينسنت مليارا.")
    assert summarise([nbformat.v4.new_code_cell("1")]) == ("", "", "")
    labelled = [nbformat.v4.new_markdown_cell("# T\n\n**In one sentence:** it *is* big. Yes.\n\n"
                                              '<div dir="rtl" lang="ar">\n\n**باختصار:** إنها كبيرة.\n\n</div>')]
    assert summarise(labelled) == ("T", "It is big.", "إنها كبيرة."), "run-in labels dropped"


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
    site = build_site(tmp_path / "site", sources, strict=True)
    assert site.pages == ["index.html", "figures.html"]
    index = _soup(site.out / "index.html")
    assert "No notebooks yet" in index.get_text() and "No figures yet" in index.get_text()
    assert index.find("section", class_="findings") is None
    assert "No figures yet" in _soup(site.out / "figures.html").get_text()


def test_readme_without_findings_has_no_findings_box(tmp_path):
    sources = make_collection(tmp_path / "repo")
    sources.readme.write_text("# Plain title\n\nJust a lead.\n", encoding="utf-8")
    site = build_site(tmp_path / "site", sources, strict=True)
    index = _soup(site.out / "index.html")
    assert index.find("section", class_="findings") is None
    assert index.h1.get_text() == "Plain title"


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
