"""Shared by the HTML-edition tests: a small synthetic collection to build a site
from (an English and an Arabic edition), and a headless Chromium (Playwright)
that visits every page of every language's site and reports what a reader would
hit: console errors, failed requests, broken images, links, text direction of
prose and code, the language switch, sideways overflow."""
from __future__ import annotations

import base64
import csv
import io
import json
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from helpers.toolkit import paths
from helpers.publish.html import MANIFEST_COLUMNS, Sources

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (CI runs as root in a container); nothing that phones home.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTIFACTS = paths.BUILD / "test-artifacts" / "html"

ARABIC_LEAD = "علي بابا تستثمر 3 مليارات يوان في حملة Qwen AI لرأس السنة القمرية."
ARABIC_CAPTION = "ميزانيات الحملات: علي بابا 3 مليارات يوان، وتينسنت مليار يوان."
ENGLISH_LEAD = "Alibaba put CNY 3 billion into the Qwen app's Lunar New Year campaign."
ARABIC_TITLE_00 = "00 · نظرة عامة: الحملة بالأرقام"
ARABIC_SUMMARY_00 = "تنفق علي بابا على حملتها أكثر مما تنفقه تينسنت وبايدو معًا."
ARABIC_PRINTED = "الميزانية 3 مليارات يوان"
ARABIC_INTRO = "مجموعة صغيرة تبنيها الاختبارات."
#: The collection's findings per language, as Sources.findings gives them (the repository
#: computes them: helpers.publish.html.findings_markdown); the English ones are also the
#: README's findings block.
FINDINGS = {
    "en": "- **Three times Tencent, six times Baidu**: the article's comparison holds for one of two.\n"
          "- See [the overview](notebooks/00_overview.ipynb) and "
          "![the budgets](figures/budgets.en.png)",
    "ar": "- **ثلاثة أضعاف تينسنت وستة أضعاف بايدو**: تصح مقارنة المقال لواحدة من الاثنتين.\n"
          "- انظر [النظرة العامة](notebooks/ar/00_overview.ipynb) و"
          "![الميزانيات](figures/budgets.ar.png)",
}


def tools_required() -> bool:
    """CI sets COLLECTION_REQUIRE_TOOLS=1: a missing tool is then a failure, not a skip."""
    return os.environ.get("COLLECTION_REQUIRE_TOOLS") == "1"


def skip_or_fail(reason: str) -> None:
    if tools_required():
        pytest.fail(f"{reason} (COLLECTION_REQUIRE_TOOLS=1, so this fails instead of skipping)")
    pytest.skip(reason)


# ---------------------------------------------------------------- fixture collection


def png_bytes(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A real PNG (Pillow), so a browser decodes it and naturalWidth is > 0."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([width // 8, height // 3, width // 3, height - 10], fill=colour)
    draw.rectangle([width // 2, height // 5, width // 2 + width // 5, height - 10], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "white").save(buffer, format="PDF")
    return buffer.getvalue()


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">'
       '<rect width="320" height="180" fill="white"/><rect x="40" y="60" width="60" height="110" '
       'fill="#b3261e"/></svg>\n')


def _markdown(source: str):
    return nbformat.v4.new_markdown_cell(source)


def _code(source: str, outputs: list, count: int):
    cell = nbformat.v4.new_code_cell(source, execution_count=count)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def wide_table_html(columns: int = 24) -> str:
    """A DataFrame-like table wider than a phone, to prove tables scroll in their own box."""
    head = "".join(f"<th>column_{i:02d}</th>" for i in range(columns))
    row = "".join(f"<td>{1000 * i:,}</td>" for i in range(columns))
    return f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table>'


def fixture_findings(lang: str) -> str:
    return FINDINGS.get(lang, "")


def make_collection(root: Path, *, figures: bool = True, notebooks: bool = True,
                    readme: bool = True, arabic: bool = True) -> Sources:
    """A tiny collection under ``root`` shaped like the real one: two notebooks
    (Arabic RTL markdown, English prose, code with printed, table and image
    outputs, links between notebooks, to a figure and to a data file) and their
    Arabic edition in notebooks/ar/ (``arabic``), one figure in two languages with
    PNG/SVG/PDF/CSV and a manifest, a README with an Arabic introduction and a
    findings block, findings in both languages. Fonts are the repository's vendored ones."""
    (root / "notebooks").mkdir(parents=True)
    (root / "figures").mkdir()
    (root / "data").mkdir()
    (root / "data" / "campaigns.csv").write_text("company,budget,currency\nAlibaba,3000000000,CNY\n",
                                                 encoding="utf-8")
    if readme:
        (root / "README.md").write_text(
            "# Fixture collection — Qwen's red envelopes\n\n"
            "A small collection built by the tests.\n\n"
            '<div dir="rtl" lang="ar">\n\n'
            f"**{ARABIC_LEAD}** — {ARABIC_INTRO}\n\n"
            "</div>\n\n"
            "<!-- findings:start -->\n"
            f"{FINDINGS['en']}\n"
            "<!-- findings:end -->\n\n"
            "## Two commands\n\n```sh\nmake\n```\n",
            encoding="utf-8",
        )
    if notebooks:
        picture = base64.b64encode(png_bytes(480, 270, (11, 87, 164))).decode()
        overview = nbformat.v4.new_notebook()
        overview.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                           "language": "python"}
        overview.cells = [
            _markdown(
                "# 00 · Overview: the campaign in numbers\n\n"
                f"{ENGLISH_LEAD} It is the largest of the three campaigns.\n\n"
                '<div dir="rtl" lang="ar">\n\n'
                f"{ARABIC_LEAD} وهي أكبر الحملات الثلاث.\n\n"
                "- ميزانية علي بابا: 3 مليارات يوان\n"
                "- ميزانية تينسنت: مليار يوان\n\n"
                "</div>"
            ),
            _markdown(
                "## Where to go next\n\n"
                "Read [the second notebook](01_second.ipynb#The-calendar), the "
                "[data](../data/campaigns.csv), or jump [to the top](#00-·-Overview:-the-campaign-in-numbers).\n\n"
                "![Bar chart of the three budgets](../figures/budgets.en.png)"
            ),
            _code("print('budget', 3_000_000_000)\nprint('الميزانية', '3 مليارات يوان')", [
                {"output_type": "stream", "name": "stdout",
                 "text": "budget 3000000000\nالميزانية 3 مليارات يوان\n"},
            ], 1),
            _code("table", [
                {"output_type": "execute_result", "execution_count": 2, "metadata": {},
                 "data": {"text/html": wide_table_html(), "text/plain": "<table>"}},
            ], 2),
            _code("plt.show()", [
                {"output_type": "display_data", "metadata": {},
                 "data": {"image/png": picture, "text/plain": "<Figure size 480x270>"}},
            ], 3),
        ]
        nbformat.write(overview, root / "notebooks" / "00_overview.ipynb")

        second = nbformat.v4.new_notebook()
        second.cells = [
            _markdown("# 01 · The calendar\n\nThe campaign ran over the Spring Festival holiday. "
                      "Dates come from the official calendar."),
            _markdown('<div dir="rtl" lang="ar">\n\nامتدت الحملة على عطلة عيد الربيع.\n\n</div>'),
            _markdown("## The calendar\n\nBack to [the overview](00_overview.ipynb).\n\n"
                      "| " + " | ".join(f"holiday_day_{i:02d}" for i in range(12)) + " |\n"
                      "|" + "---|" * 12 + "\n"
                      "| " + " | ".join(f"2026-02-{15 + i:02d}" for i in range(12)) + " |\n"),
            _code("1 + 1", [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                             "data": {"text/plain": "2"}}], 1),
        ]
        nbformat.write(second, root / "notebooks" / "01_second.ipynb")
        if arabic:
            _arabic_edition(root / "notebooks" / "ar", picture)
    if figures:
        colours = {"en": (11, 87, 164), "ar": (179, 38, 30)}
        rows = []
        for lang in ("en", "ar"):
            (root / "figures" / f"budgets.{lang}.png").write_bytes(png_bytes(640, 360, colours[lang]))
            (root / "figures" / f"budgets.{lang}.svg").write_text(SVG, encoding="utf-8")
            (root / "figures" / f"budgets.{lang}.pdf").write_bytes(pdf_bytes())
        (root / "figures" / "budgets.csv").write_text("company,budget_cny\nAlibaba,3000000000\n"
                                                     "Tencent,1000000000\n", encoding="utf-8")
        rows.append({"name": "budgets", "lang": "en", "title": "Three campaign budgets",
                     "caption": "Alibaba CNY 3 billion, Tencent CNY 1 billion, Baidu CNY 500 million.",
                     "alt": "Bar chart: Alibaba's bar is three times Tencent's.",
                     "notebook": "00_overview.ipynb", "tables": "campaigns"})
        rows.append({"name": "budgets", "lang": "ar", "title": "ميزانيات الحملات الثلاث",
                     "caption": ARABIC_CAPTION,
                     "alt": "مخطط أعمدة: عمود علي بابا ثلاثة أضعاف عمود تينسنت.",
                     "notebook": "00_overview.ipynb", "tables": "campaigns"})
        write_manifest(root / "figures" / "manifest.csv", rows)
    return Sources(root=root, notebooks=root / "notebooks", figures=root / "figures",
                   readme=root / "README.md", fonts=paths.FONTS, findings=fixture_findings)


def without_computed_findings(sources: Sources) -> Sources:
    """The same collection, its findings taken from the README (English only)."""
    return replace(sources, findings=None)


def _arabic(markdown: str) -> str:
    return f'<div dir="rtl" lang="ar">\n\n{markdown}\n\n</div>'


def collection_table_html() -> str:
    """What helpers.toolkit.show.table writes for an Arabic reader: a right-to-left table."""
    rows = "".join(f'<tr><td><div dir="rtl" lang="ar">{name}</div></td><td>{amount}</td></tr>'
                   for name, amount in (("علي بابا", "3 مليارات يوان"), ("تينسنت", "1 مليار يوان")))
    return (f'<table class="collection" dir="rtl" lang="ar"><thead><tr><th>الشركة</th>'
            f'<th>الميزانية</th></tr></thead><tbody>{rows}</tbody></table>')


def _arabic_edition(folder: Path, picture: str) -> None:
    """The Arabic edition of the two fixture notebooks, as helpers.publish.editions writes
    it: the same code cells, every Markdown cell Arabic inside <div dir="rtl" lang="ar">."""
    folder.mkdir(parents=True)
    overview = nbformat.v4.new_notebook()
    overview.cells = [
        _markdown(_arabic(f"# {ARABIC_TITLE_00}\n\n{ARABIC_SUMMARY_00} وهي أكبر الحملات الثلاث.\n\n"
                          "- ميزانية علي بابا: 3 مليارات يوان\n- ميزانية تينسنت: مليار يوان")),
        _markdown(_arabic("## إلى أين بعد ذلك\n\n"
                          "اقرأ [الدفتر الثاني](01_second.ipynb#التقويم)، أو الجدول "
                          "[`data/campaigns.csv`](../../data/campaigns.csv).\n\n"
                          "![مخطط أعمدة للميزانيات الثلاث](../../figures/budgets.ar.png)")),
        _code("print('budget', 3_000_000_000)\nprint('الميزانية', '3 مليارات يوان')", [
            {"output_type": "stream", "name": "stdout",
             "text": f"budget 3000000000\n{ARABIC_PRINTED}\n"},
        ], 1),
        _code("present.table(budgets, lang='ar')", [
            {"output_type": "execute_result", "execution_count": 2, "metadata": {},
             "data": {"text/html": collection_table_html(), "text/plain": "<table>"}},
        ], 2),
        _code("table", [
            {"output_type": "execute_result", "execution_count": 3, "metadata": {},
             "data": {"text/html": wide_table_html(), "text/plain": "<table>"}},
        ], 3),
        _code("plt.show()", [
            {"output_type": "display_data", "metadata": {},
             "data": {"image/png": picture, "text/plain": "<Figure size 480x270>"}},
        ], 4),
    ]
    nbformat.write(overview, folder / "00_overview.ipynb")
    second = nbformat.v4.new_notebook()
    second.cells = [
        _markdown(_arabic("# 01 · التقويم\n\nامتدت الحملة على عطلة عيد الربيع. "
                          "والتواريخ من التقويم الرسمي.")),
        _markdown(_arabic("## التقويم\n\nعودة إلى [النظرة العامة](00_overview.ipynb).\n\n"
                          "| " + " | ".join(f"يوم_العطلة_{i:02d}" for i in range(12)) + " |\n"
                          "|" + "---|" * 12 + "\n"
                          "| " + " | ".join(f"2026-02-{15 + i:02d}" for i in range(12)) + " |")),
        _code("holidays = calendar.spring_festival(2026)  # a long line of code " + "x" * 80, [
            {"output_type": "execute_result", "execution_count": 1, "metadata": {},
             "data": {"text/plain": "Holiday(first_day=datetime.date(2026, 2, 15), days=9)"}}], 1),
    ]
    nbformat.write(second, folder / "01_second.ipynb")


def write_manifest(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def html_files(site: Path) -> list[Path]:
    """Every page of every language's site (the English one at the top, others in ar/ ...)."""
    return sorted(site.rglob("*.html"))


def page_name(site: Path, path: Path) -> str:
    """A page as the tests name it: its path inside the site ("index.html", "ar/index.html")."""
    return path.relative_to(site).as_posix()


# ---------------------------------------------------------------- the browser


def launch_browser():
    """(playwright, browser) on Debian's Chromium, or skip/fail with the reason."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: install Debian's `chromium` package "
                     f"(apt-get install chromium) to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the Python package `playwright` is not installed (pip install -r requirements.txt)")
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as err:  # noqa: BLE001 - report why Chromium would not start
        manager.stop()
        skip_or_fail(f"Chromium at {CHROMIUM} did not start under Playwright: {err}")
    return manager, browser


# What the page itself reports once loaded: sizes, images, links, the page's language,
# direction of every Arabic and English block and of every piece of code, where the
# first line of each Arabic paragraph ends, the language switch.
# A block's language is the nearest lang attribute (the page's own, on <html>, at the end).
PAGE_REPORT_JS = r"""
() => {
  const AR = '[lang|="ar"], [dir="rtl"]';
  const langOf = el => ((el.closest('[lang]') || {getAttribute: () => ''})
                        .getAttribute('lang') || '').split('-')[0].toLowerCase();
  const shown = el => !!(el.offsetParent || el.getClientRects().length);
  const sample = el => el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50);
  const rightEdgeGap = el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = [...range.getClientRects()].filter(r => r.width > 0);
    if (!lines.length) return null;
    const box = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const contentRight = box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
    const top = Math.min(...lines.map(r => r.top));
    const firstLine = lines.filter(r => r.top < top + 2);
    return contentRight - Math.max(...firstLine.map(r => r.right));
  };
  const arabicLetters = /[\u0600-\u06FF]/;
  // Content that sticks out of the window and cannot be scrolled to. It is
  // reachable only inside a scrolling box (overflow-x auto/scroll) that itself
  // fits in the window; a box grown as wide as its content scrolls nothing.
  const fits = r => r.left >= -1 && r.right <= window.innerWidth + 1;
  const scrolls = el => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (a === document.body || a === document.documentElement) return false;
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)
          && fits(a.getBoundingClientRect())) return true;
    }
    return false;
  };
  const cutOff = [...document.querySelectorAll('p, li, h1, h2, h3, h4, pre, table, img, figure, figcaption')]
    .filter(el => {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) return false;
      return !fits(r) && !scrolls(el);
    })
    .map(el => ({tag: el.tagName, text: sample(el) || (el.getAttribute('src') || '').slice(0, 50),
                 left: Math.round(el.getBoundingClientRect().left),
                 right: Math.round(el.getBoundingClientRect().right)}));
  return {
    innerWidth: window.innerWidth,
    cutOff,
    scrollWidth: document.documentElement.scrollWidth,
    images: [...document.images].map(i => ({src: i.getAttribute('src').slice(0, 80),
                                            ok: i.complete && i.naturalWidth > 0})),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    downloads: [...document.querySelectorAll('a.download')].map(a => ({href: a.href,
                                                                       format: a.dataset.format})),
    htmlLang: document.documentElement.getAttribute('lang'),
    htmlDir: document.documentElement.getAttribute('dir'),
    arabic: [...document.querySelectorAll(AR)]
      .filter(el => el.textContent.trim() && !el.closest('pre, code'))
      .map(el => ({tag: el.tagName, text: sample(el), direction: getComputedStyle(el).direction})),
    arabicParagraphs: [...document.querySelectorAll('p, li, figcaption, h1, h2, h3, h4')]
      .filter(el => langOf(el) === 'ar' && arabicLetters.test(el.textContent) && el.offsetParent)
      .map(el => ({tag: el.tagName, text: sample(el), direction: getComputedStyle(el).direction,
                   gap: rightEdgeGap(el)})),
    english: [...document.querySelectorAll('p, li, h1, h2, h3, h4, figcaption')]
      .filter(el => langOf(el) !== 'ar' && el.textContent.trim())
      .map(el => ({tag: el.tagName, text: sample(el), direction: getComputedStyle(el).direction})),
    // Code cells, printed output, code blocks and code inside sentences.
    code: [...document.querySelectorAll('pre, code')].filter(el => el.textContent.trim() && shown(el))
      .map(el => ({tag: el.tagName, text: sample(el), direction: getComputedStyle(el).direction,
                   arabicPage: langOf(document.documentElement) === 'ar'})),
    switches: [...document.querySelectorAll('.lang-switch a[hreflang]')].map(a => ({
      href: a.href, hreflang: a.getAttribute('hreflang'), lang: a.getAttribute('lang'),
      text: a.textContent.trim(), shown: shown(a)})),
    hasArabic: arabicLetters.test(document.body.innerText),
    arabicFontLoaded: [...document.fonts].some(f => f.family.replace(/["']/g, '') === 'Noto Sans Arabic'
                                                    && f.status === 'loaded'),
    latinFontLoaded: [...document.fonts].some(f => f.family.replace(/["']/g, '') === 'Noto Sans'
                                                   && f.status === 'loaded'),
  };
}
"""


@dataclass
class Visit:
    """What one page at one width showed."""

    page: str
    width: int
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    screenshot: Path | None = None


def visit_site(browser, site: Path, label: str) -> dict[tuple[str, int], Visit]:
    """Open every page of every language's site in ``site`` at desktop and phone widths;
    screenshot each into build/test-artifacts/html/<label>/ (ar/ for the Arabic pages).
    Visits are keyed by (page path in the site, width): ("ar/index.html", 390)."""
    shots = ARTIFACTS / label
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True, exist_ok=True)
    visits: dict[tuple[str, int], Visit] = {}
    for viewport, mobile in ((DESKTOP, False), (PHONE, True)):
        context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile,
                                      device_scale_factor=1, java_script_enabled=True)
        # Anything that tries to leave the machine fails loudly instead of hanging.
        context.route(lambda url: not url.startswith(("file:", "data:", "about:")),
                      lambda route: route.abort())
        for path in html_files(site):
            name = page_name(site, path)
            visit = Visit(page=name, width=viewport["width"])
            page = context.new_page()
            page.on("console", lambda msg, v=visit: v.console_errors.append(msg.text)
                    if msg.type == "error" else None)
            page.on("pageerror", lambda err, v=visit: v.console_errors.append(str(err)))
            page.on("requestfailed", lambda req, v=visit: v.failed_requests.append(
                f"{req.url[:120]} ({req.failure})"))
            page.goto(path.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            visit.report = page.evaluate(PAGE_REPORT_JS)
            visit.screenshot = shots / Path(name).parent / f"{path.stem}.{viewport['width']}.png"
            visit.screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(visit.screenshot), full_page=True)
            page.close()
            visits[name, viewport["width"]] = visit
        context.close()
    return visits


def link_problem(href: str, site: Path) -> str | None:
    """Why a file:// link from the site leads nowhere (None if it is fine).

    A link must stay inside the site folder, name an existing file, and, with
    a #fragment, land on an element with that id in the target page."""
    parts = urlsplit(href)
    if parts.scheme != "file":
        return None  # outside links (http) are the author's citations, not site files
    target = Path(unquote(parts.path))
    if not target.resolve().is_relative_to(site.resolve()):
        return f"{href}: outside the site folder"
    if not target.is_file():
        return f"{href}: no such file"
    if parts.fragment and target.suffix == ".html":
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        # As browsers do (HTML "indicated part"): the fragment as written, then decoded.
        # nbconvert writes heading ids percent-encoded, so both forms occur.
        candidates = {parts.fragment, unquote(parts.fragment)}
        if not any(soup.find(id=c) or soup.find(attrs={"name": c}) for c in candidates):
            return f"{href}: no element with id {unquote(parts.fragment)!r} in {target.name}"
    return None


def json_dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------- the published record
#: Arabic letters among all letters of the Arabic fact-check record's words (the section's
#: text, its ClaimReviews' own words), at least. Brand names (Qwen, WeChat), a source's
#: own words it quotes and file names stay in their own script, so 100 % is not wanted;
#: the ids and code a page isolates (<bdi>, <code>) and the JSON-LD are not counted.
RECORD_ARABIC_FLOOR = 0.9
#: ... and of each ClaimReview's own words (one quotes more names than another): the
#: Arabic notebooks' floor (tests/test_editions.py).
RECORD_ARABIC_FLOOR_EACH = 0.75
#: ... and at most this share in the English record, without the article's Arabic words
#: (the blocks marked lang="ar").
RECORD_ENGLISH_CEILING = 0.02


def arabic_share(text: str) -> float:
    """Arabic letters among the Arabic and Latin letters of *text* (0 when it has none),
    measured as tests/test_editions.py measures a notebook's prose."""
    import unicodedata

    arabic = sum(1 for ch in text
                 if unicodedata.category(ch).startswith("L") and "\u0600" <= ch <= "\u06ff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return arabic / max(1, arabic + latin)


def record_prose(section, lang: str, article_lang: str = "ar") -> str:
    """The words of the fact-check record's section (a BeautifulSoup element) a reader of
    *lang* reads as prose: without the JSON-LD, code and isolated ids (<bdi>); on a site in
    another language than the article's, without the blocks marked with the article's
    language (its quoted words and verdict labels). Blocks marked with any other language
    count: on the Arabic site an English paragraph is English a reader meets."""
    import copy

    section = copy.copy(section)
    for tag in section.find_all(["script", "code", "bdi"]):
        tag.decompose()
    if lang != article_lang:
        for tag in section.find_all(lang=lambda v: v and v.split("-")[0].lower() == article_lang):
            tag.decompose()
    return " ".join(section.get_text(" ").split())


def review_words(review: dict) -> str:
    """A ClaimReview's own words: its name without the id, the claim as reviewed, the
    rating's names and explanation, the author's name."""
    rating = review["reviewRating"]
    return " ".join([review["name"].split(": ", 1)[-1], review["claimReviewed"],
                     rating["alternateName"], rating["name"], rating["ratingExplanation"],
                     review["author"]["name"]])
