"""The HTML edition: the collection as pages a browser can open from disk, one site per language.

    python -m helpers.publish.html [--out DIR] [--strict]

Writes (default ``build/html/``) one site per language of :mod:`helpers.toolkit.langs`:
the English one at the top of the folder (where it always was, so old links keep
working) and each other language in a folder named by its code (``ar/``). Each site has

* ``index.html``: title, introduction, findings, the notebooks in reading order with a
  one-line summary each, a gallery of the figures;
* ``NN_name.html``: one page per notebook of that language's edition (``notebooks/`` for
  English, ``notebooks/ar/`` for Arabic), outputs included, rendered by nbconvert's
  HTMLExporter with a template (``helpers/publish/templates/collection``) that drops
  everything nbconvert would load from a CDN;
* ``figures.html``: every figure of ``figures/manifest.csv``, the page's language first,
  with caption, alt text and downloads (PNG, SVG, PDF, data CSV);
* ``methodology.html``: that language's part of ``docs/methodology.md``;
* ``site.css`` and ``fonts/`` (the vendored Noto fonts, in every site's own folder: a
  browser reading files may refuse a font from a parent folder).

The figure files (``figures/``) and other repository files the pages link to are copied
once, at the top. Every page is ``<html lang=… dir=…>`` in its language, its navigation
and interface words come from :mod:`helpers.toolkit.langs`, and a language switch on
every page leads to the same page in the other languages (``hreflang``).

Where the words of each site come from: the English title, introduction and (for a
collection without computed findings) findings are the README's; another language's
title and introduction are the README introduction's block marked with that language
(``<div dir="rtl" lang="ar">``: its heading, or its bold opening phrase, is the title);
the findings are :func:`findings_markdown` in each language; a notebook's summary is the
first sentence of its first paragraph in the edition's language.

Every link is relative, so the pages work from ``file://`` with no network. The sites
are assembled in a staging folder next to the output and swapped in at the end, so a
failed build leaves the previous edition as it was. Problems the site can live with
(a broken link in a notebook, a figure file listed in the manifest but missing, a
language without its part of the README) are printed as warnings naming the file and
the cell or line; with ``--strict`` they fail the build instead.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import posixpath
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import quote, unquote, urlsplit

from helpers.publish import claimreview
from helpers.toolkit import langs, manifest, paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: The language of notebooks/ and README.md; its site sits at the top of the output folder.
SOURCE_LANG = "en"
# One column list and one reader for the manifest: helpers.toolkit.manifest (stdlib only).
MANIFEST_COLUMNS = manifest.MANIFEST_COLUMNS
FIGURE_FORMATS = manifest.FORMATS
# A folder holding this file was written by this module and may be replaced.
SITE_MARKER = ".collection-html"
CSS_FILE = "site.css"
FONTS_DIR = "fonts"
FIGURES_DIR = "figures"
INDEX_PAGE = "index.html"
FIGURES_PAGE = "figures.html"
# Names the site itself uses at its top level; a repository file there would clash.
RESERVED = frozenset({INDEX_PAGE, FIGURES_PAGE, CSS_FILE, FONTS_DIR, SITE_MARKER,
                      *(lang for lang in langs.LANGS if lang != SOURCE_LANG)})
FINDINGS_START = "<!-- findings:start -->"
FINDINGS_END = "<!-- findings:end -->"
# Attributes that load or link to something.
URL_ATTRIBUTES = (("a", "href"), ("img", "src"), ("source", "src"), ("video", "src"),
                  ("audio", "src"), ("iframe", "src"), ("link", "href"), ("script", "src"))
SUMMARY_MAX_CHARS = 220
LANG_ORDER = {lang: n for n, lang in enumerate(langs.LANGS)}
HEADING = re.compile(r"^h[1-6]$")


class HtmlBuildError(RuntimeError):
    """The HTML edition cannot be built; the message names the file and where in it."""


def edition_folder(lang: str) -> str:
    """Where a language's site sits in the output folder: "" for English, "ar/" for Arabic."""
    return "" if lang == SOURCE_LANG else f"{lang}/"


def findings_markdown(lang: str) -> str:
    """The collection's findings in *lang* (:func:`helpers.publish.findings.markdown`)."""
    from helpers.publish import findings

    return findings.markdown(lang)


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Sources:
    """Where the edition's inputs are. ``of_repo()`` is the collection itself;
    tests point these at small synthetic fixtures."""

    root: Path
    notebooks: Path
    figures: Path
    readme: Path
    fonts: Path
    #: The collection's findings as Markdown in a language. None: the README's findings
    #: block, which is in the README's language (English) only.
    findings: Callable[[str], str] | None = None

    @classmethod
    def of_repo(cls) -> Sources:
        return cls(root=paths.ROOT, notebooks=paths.NOTEBOOKS, figures=paths.FIGURES,
                   readme=paths.ROOT / "README.md", fonts=paths.FONTS,
                   findings=findings_markdown)

    def notebooks_of(self, lang: str) -> Path:
        """A language's edition of the notebooks: notebooks/ for English, notebooks/ar/ ..."""
        return self.notebooks if lang == SOURCE_LANG else self.notebooks / lang

    @property
    def methodology(self) -> Path:
        return self.root / "docs" / "methodology.md"

    def show(self, path: Path) -> str:
        """A path as a reader would type it: relative to the repository when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


@dataclass
class NotebookPage:
    source: Path
    page: str  # where it is in the site: "02_budgets.html", "ar/02_budgets.html"
    title: str
    lang: str = SOURCE_LANG
    summary: str = ""

    @property
    def name(self) -> str:
        """The page's file name, which is also its link from the other pages of its site."""
        return posixpath.basename(self.page)


@dataclass
class FigureVersion:
    lang: str
    title: str
    caption: str
    alt: str
    line: int
    image: dict | None = None
    downloads: list[dict] = field(default_factory=list)

    @property
    def rtl(self) -> bool:
        return langs.is_rtl(self.lang)

    @property
    def words(self) -> dict:
        primary = self.lang.split("-")[0].lower()
        return langs.get(primary if primary in langs.LANGUAGES else SOURCE_LANG).words


@dataclass
class Figure:
    name: str
    versions: list[FigureVersion] = field(default_factory=list)
    data: str | None = None
    notebook: str = ""
    tables: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "figure-" + re.sub(r"[^A-Za-z0-9_-]+", "-", self.name)

    def in_order_for(self, lang: str) -> list[FigureVersion]:
        """The versions, *lang*'s first, then the collection's language order."""
        return sorted(self.versions, key=lambda v: (v.lang != lang, LANG_ORDER.get(v.lang, 99),
                                                    v.lang))

    def heading(self, lang: str = SOURCE_LANG) -> str:
        return self.in_order_for(lang)[0].title if self.versions else self.name


@dataclass
class Edition:
    """One language's site: its folder in the output, title and pages."""

    lang: str
    notebooks: list[NotebookPage] = field(default_factory=list)
    title: str = ""
    pages: list[str] = field(default_factory=list)  # file names inside its folder

    @property
    def folder(self) -> str:
        return edition_folder(self.lang)

    @property
    def language(self) -> langs.Language:
        return langs.get(self.lang)


@dataclass
class Site:
    """What a build produced: the output folder, its pages (paths inside it), the
    English notebooks, every language's site, and the warnings."""

    out: Path
    pages: list[str]
    notebooks: list[NotebookPage]
    figures: list[Figure]
    problems: list[str]
    editions: dict[str, Edition] = field(default_factory=dict)


# ---------------------------------------------------------------- helpers


def _markdown(text: str) -> str:
    """Markdown to HTML with the renderer nbconvert uses for notebook cells."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def _soup(markup: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


def _primary(tag: str) -> str:
    return str(tag).split("-")[0].strip().lower()


def block_lang(tag, default: str) -> str:
    """The language an element is written in: the nearest ``lang`` attribute on it or
    around it, else *default* (the language of the document it is in)."""
    for node in [tag, *tag.parents]:
        attrs = getattr(node, "attrs", None)
        if attrs and attrs.get("lang"):
            return _primary(attrs["lang"])
    return default


def language_part(soup, lang: str, default: str = SOURCE_LANG):
    """The top-level blocks of rendered Markdown written in *lang*, as a new soup.

    A block marked ``lang="ar"`` (the collection's ``<div dir="rtl" lang="ar">``) is in
    that language, an unmarked block in *default*. A marked ``<div>`` is unwrapped when
    *lang* is not *default*: the page it goes to is in that language already."""
    from bs4 import NavigableString

    part = _soup("")
    for child in list(soup.contents):
        if isinstance(child, NavigableString):
            if lang == default and child.strip():
                part.append(copy.copy(child))
            continue
        marked = child.get("lang")
        if (_primary(marked) if marked else default) != lang:
            continue
        if marked and child.name == "div" and lang != default:
            for inner in list(child.contents):
                part.append(copy.copy(inner))
        else:
            part.append(copy.copy(child))
    return part


def _promote_headings(soup) -> None:
    """Shift every heading up so the first one is an ``<h1>`` (a part of a document whose
    own title is an ``<h2>`` becomes a page of its own)."""
    headings = soup.find_all(HEADING)
    if not headings:
        return
    shift = int(headings[0].name[1]) - 1
    for heading in headings:
        heading.name = f"h{max(1, int(heading.name[1]) - shift)}"


def heading_text(heading) -> str:
    """A heading's words, without the "¶" link nbconvert's renderer adds to it."""
    heading = copy.copy(heading)
    for anchor in heading.select("a.anchor-link"):
        anchor.decompose()
    return " ".join(heading.get_text().split())


def _take_title(part) -> str:
    """Remove and return the title of a language's part of the README introduction: its
    first heading, else its opening bold phrase (and the dash after it). "" if neither."""
    heading = part.find(HEADING)
    if heading is not None:
        title = heading_text(heading)
        heading.decompose()
        return title
    paragraph = part.find("p")
    if paragraph is None:
        return ""
    first = next((c for c in paragraph.contents if not (isinstance(c, str) and not c.strip())),
                 None)
    if getattr(first, "name", None) not in {"strong", "b"}:
        return ""
    title = " ".join(first.get_text().split())
    first.decompose()
    rest = paragraph.contents[0] if paragraph.contents else None
    if isinstance(rest, str):
        rest.replace_with(re.sub(r"^\s*[—–:-]?\s*", "", rest))
    if not paragraph.get_text().strip():
        paragraph.decompose()
    return title


def first_sentence(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """The first sentence of ``text`` (whitespace collapsed), cut at ``limit`` characters."""
    from helpers.toolkit.wording import split_sentences

    sentence = (split_sentences(" ".join(text.split())) or [""])[0]
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def summarise(cells: list[dict], lang: str = SOURCE_LANG) -> tuple[str, str]:
    """(title, summary) of a notebook written in *lang*.

    The title is the notebook's first Markdown heading; the summary is the first
    sentence of the first paragraph in *lang* (a paragraph inside a block marked
    ``lang=…`` is in that language, an unmarked one in *lang*)."""
    title = summary = ""
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        soup = _soup(_markdown(source))
        for anchor in soup.select("a.anchor-link"):
            anchor.decompose()
        if not title:
            heading = soup.find(HEADING)
            if heading is not None:
                title = " ".join(heading.get_text().split())
        for paragraph in soup.find_all("p"):
            if block_lang(paragraph, lang) != lang:
                continue
            labelled = _drop_leading_label(paragraph)
            text = paragraph.get_text().strip()
            if not text:
                continue
            if labelled:  # "**In one sentence:** an article…" reads "An article…"
                text = text[0].upper() + text[1:]
            summary = first_sentence(text)
            break
        if title and summary:
            break
    return title, summary


def _drop_leading_label(paragraph) -> bool:
    """Remove a bold run-in label such as "**In one sentence:**" or "**باختصار:**":
    in a one-line summary it is noise. True if one was removed."""
    first = next((c for c in paragraph.contents if not (isinstance(c, str) and not c.strip())),
                 None)
    if getattr(first, "name", None) in {"strong", "b"} and first.get_text().strip().endswith(":"):
        first.decompose()
        return True
    return False


def readme_parts(text: str) -> tuple[str, str, str]:
    """(title, lead, findings) Markdown from the README.

    title: the first ``# `` heading; lead: what follows it up to the first
    ``## `` heading, without the findings block; findings: the Markdown
    between the findings markers (empty if the markers are absent or empty).
    """
    title, lead_lines = "", []
    findings = ""
    if FINDINGS_START in text and FINDINGS_END in text.split(FINDINGS_START, 1)[1]:
        findings = text.split(FINDINGS_START, 1)[1].split(FINDINGS_END, 1)[0].strip()
    without_findings = re.sub(re.escape(FINDINGS_START) + r".*?" + re.escape(FINDINGS_END),
                              "", text, count=1, flags=re.S)
    in_fence = False
    for line in without_findings.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and not title and re.match(r"#\s+\S", line):
            title = line[1:].strip()
            continue
        if not in_fence and title and re.match(r"##\s", line):
            break
        if title:
            lead_lines.append(line)
    return title, "\n".join(lead_lines).strip(), findings


def readme_title(text: str, lang: str) -> str:
    """The collection's title in *lang*, as that site's index shows it: the README's
    ``# `` heading for the source language; for another, the heading (or opening bold
    phrase) of the README introduction's block in that language. "" if there is none."""
    title, lead, _ = readme_parts(text)
    if lang == SOURCE_LANG:
        return _plain(title)
    return _take_title(language_part(_soup(_markdown(lead)), lang)) if lead else ""


def _font_faces(fonts_dir: Path) -> list[dict]:
    """@font-face data for each vendored font, read from the font's own tables
    (fontTools, which matplotlib already depends on) rather than guessed from its name."""
    from fontTools.ttLib import TTFont

    faces = []
    for path in sorted(fonts_dir.glob("*")):
        suffix = path.suffix.lower()
        if suffix not in {".ttf", ".otf", ".woff", ".woff2"}:
            continue
        try:
            font = TTFont(path, lazy=True)
            names = font["name"]
            family = (names.getDebugName(16) or names.getDebugName(1) or path.stem).strip()
            weight = font["OS/2"].usWeightClass
            italic = bool(font["OS/2"].fsSelection & 1)
            font.close()
        except Exception as err:  # a damaged font: name it, do not guess
            raise HtmlBuildError(f"{path}: not a readable font ({err})") from err
        faces.append({
            "family": family, "weight": weight, "style": "italic" if italic else "normal",
            "file": path, "href": f"{FONTS_DIR}/{quote(path.name)}",
            "format": {".ttf": "truetype", ".otf": "opentype"}.get(suffix, suffix[1:]),
        })
    return faces


def _image_size(path: Path) -> tuple[int, int] | None:
    from PIL import Image

    try:
        with Image.open(path) as image:
            return image.size
    except Exception:  # noqa: BLE001 - an unreadable PNG is reported by the caller
        return None


def fill(text: str, **parts) -> str:
    """An interface word as HTML: escaped, `backticks` set as code, and each ``{name}``
    replaced by the markup given for it (a link, say). A Jinja filter of the site."""
    from markupsafe import Markup, escape

    html = str(escape(text))
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    for name, markup in parts.items():
        html = html.replace("{" + name + "}", str(escape(markup)))
    return Markup(html)


def _jinja():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["fill"] = fill
    return env


# ---------------------------------------------------------------- the build


class _Builder:
    """Builds the sites into ``stage``; ``problems`` collects what the site can live with."""

    def __init__(self, sources: Sources, stage: Path):
        self.sources = sources
        self.stage = stage
        self.problems: list[str] = []
        self.copied: set[Path] = set()
        self.env = _jinja()
        self.licence: str | None = None  # the fonts' licence, inside each site's fonts/
        self.notebook_pages: dict[Path, NotebookPage] = {}
        self.editions: dict[str, Edition] = {lang: Edition(lang) for lang in langs.LANGS}

    # -------------------------------------------------------- files and links

    def copy_into_site(self, source: Path, relative: str) -> None:
        target = self.stage / relative
        if target in self.copied:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.copied.add(target)

    def site_path_for(self, target: Path, lang: str = SOURCE_LANG) -> str | None:
        """Where a repository file lives in the site (copying it there), or None.

        A notebook is its page in *lang*'s site when that edition has it: a link from an
        Arabic page to ``notebooks/06_fact_check.ipynb`` leads to ``ar/06_fact_check.html``."""
        if target in self.notebook_pages:
            page = self.notebook_pages[target]
            twins = {p.source.stem: p for p in self.editions[lang].notebooks}
            return twins.get(page.source.stem, page).page
        figures = self.sources.figures.resolve()
        if target.is_relative_to(figures):
            relative = f"{FIGURES_DIR}/{target.relative_to(figures).as_posix()}"
        else:
            relative = target.relative_to(self.sources.root.resolve()).as_posix()
            if relative.split("/", 1)[0] in RESERVED:
                return None
        self.copy_into_site(target, relative)
        return relative

    def rewrite_links(self, soup, base: Path, where, edition: Edition) -> None:
        """Point relative links at the site's copies: notebooks at their pages (in the
        edition's language), other repository files at copies of them, each link written
        from the edition's folder; report links that lead nowhere."""
        root = self.sources.root.resolve()
        for tag_name, attribute in URL_ATTRIBUTES:
            for tag in soup.find_all(tag_name):
                value = tag.get(attribute)
                if not value or value.startswith("#"):
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc:
                    continue  # data:, mailto:, http(s): left as written
                target = (base / unquote(parts.path)).resolve()
                fragment = f"#{parts.fragment}" if parts.fragment else ""
                if not target.is_relative_to(root):
                    self.problems.append(
                        f"{where(tag)}: link {value!r} points outside the repository")
                    continue
                if not target.is_file():
                    self.problems.append(f"{where(tag)}: link {value!r}: no such file "
                                         f"{self.sources.show(target)}")
                    continue
                relative = self.site_path_for(target, edition.lang)
                if relative is None:
                    self.problems.append(f"{where(tag)}: link {value!r}: "
                                         f"{self.sources.show(target)} clashes with a file "
                                         f"of the site itself")
                    continue
                tag[attribute] = quote(_relative(relative, edition.folder)) + fragment

    # -------------------------------------------------------- notebooks

    def read_notebook(self, path: Path):
        import nbformat

        shown = self.sources.show(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise HtmlBuildError(f"{shown}: not UTF-8 text (byte {err.start + 1})") from err
        try:
            json.loads(text)
        except json.JSONDecodeError as err:
            raise HtmlBuildError(f"{shown}: line {err.lineno}, column {err.colno}: "
                                 f"not valid JSON ({err.msg})") from err
        try:
            nb = nbformat.reads(text, as_version=4)
            nbformat.validate(nb)
        except nbformat.ValidationError as err:
            where = "/".join(str(p) for p in err.absolute_path) or "top level"
            raise HtmlBuildError(
                f"{shown}: not a valid notebook at {where}: {err.message}") from err
        except Exception as err:  # noqa: BLE001 - nbformat raises several kinds
            raise HtmlBuildError(f"{shown}: not a valid notebook: {err}") from err
        return nb

    def collect_notebooks(self, edition: Edition) -> list:
        folder = self.sources.notebooks_of(edition.lang)
        found = sorted(folder.glob(NOTEBOOK_GLOB)) if folder.is_dir() else []
        loaded = []
        for path in found:
            nb = self.read_notebook(path)
            title, summary = summarise(nb.cells, edition.lang)
            page = NotebookPage(source=path, page=f"{edition.folder}{path.stem}.html",
                                title=title or path.stem, lang=edition.lang, summary=summary)
            self.notebook_pages[path.resolve()] = page
            loaded.append((page, nb))
        edition.notebooks = [page for page, _ in loaded]
        return loaded

    def render_notebooks(self, edition: Edition, loaded: list) -> None:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(
            template_name="collection",
            extra_template_basedirs=[str(TEMPLATES)],
            extra_template_paths=[str(TEMPLATES)],  # for the site/ partials
            exclude_anchor_links=False,
            language_code=edition.lang,
        )
        pages = edition.notebooks
        for index, (page, nb) in enumerate(loaded):
            cell_numbers = {cell.get("id"): n
                            for n, cell in enumerate(nb.cells, start=1) if cell.get("id")}
            shown = self.sources.show(page.source)
            resources = {
                "metadata": {"name": page.title, "path": str(page.source.parent)},
                "collection": self.site_context(
                    edition, current=page.name,
                    prev=pages[index - 1] if index > 0 else None,
                    next=pages[index + 1] if index + 1 < len(pages) else None,
                ),
            }
            try:
                body, _ = exporter.from_notebook_node(nb, resources=resources)
            except Exception as err:  # noqa: BLE001 - name the notebook whatever went wrong
                raise HtmlBuildError(f"{shown}: cannot render as HTML: {err}") from err
            soup = _soup(body)
            # The lab template writes <html lang=…>; the direction goes with it.
            soup.html["lang"] = edition.lang
            soup.html["dir"] = edition.language.direction

            def where(tag, shown=shown, cell_numbers=cell_numbers):
                cell = tag.find_parent(id=re.compile(r"^cell-id="))
                number = cell_numbers.get(cell["id"].split("=", 1)[1]) if cell else None
                return f"{shown} cell {number}" if number else shown

            # Only the notebook's own content: the site's bar and pager already point right.
            content = soup.find("main")
            self.rewrite_links(content, page.source.parent, where, edition)
            _wrap_tables(content)
            if page.source.stem == claimreview.FACT_CHECK_STEM:
                self.add_claim_reviews(content, page, edition)
            self.write(page.page, str(soup))

    # -------------------------------------------------------- the fact-check's record

    def add_claim_reviews(self, content, page: NotebookPage, edition: Edition) -> None:
        """The fact-check page gets the published record (helpers.publish.claimreview)
        in the site's language: the verdict scale, one block per claim with its own anchor
        and ClaimReview JSON-LD, the corrections log; the same ClaimReviews go to the
        site's claims.jsonld.

        Each site's reviews point at its own page: relative addresses resolve against
        the page; with COLLECTION_SITE_URL set, another language's site adds its folder."""
        site_url = os.environ.get(claimreview.SITE_URL_VARIABLE, "")
        if site_url:
            site_url = site_url.rstrip("/") + "/" + edition.folder
        items = claimreview.reviews(page.name, site_url=site_url, lang=edition.lang)
        missing = [problem for item in items for problem in claimreview.problems(item)]
        if missing:
            raise HtmlBuildError("ClaimReview lacks required properties:\n  "
                                 + "\n  ".join(missing))
        methodology = claimreview.METHODOLOGY_PAGE if self.sources.methodology.is_file() else None
        content.append(_soup(claimreview.section_html(items, methodology=methodology,
                                                      lang=edition.lang)))
        self.write(edition.folder + claimreview.JSONLD_FILE, claimreview.jsonld(items))

    def render_methodology(self, edition: Edition) -> None:
        """The edition's language's part of docs/methodology.md as a page of its site
        (the whole document, with a warning, if it has no part in that language)."""
        source = self.sources.methodology
        if not source.is_file():
            return
        shown = self.sources.show(source)
        soup = self.markdown_html(source.read_text(encoding="utf-8"), shown, edition,
                                  base=source.parent)
        part = language_part(soup, edition.lang)
        if not part.get_text().strip():
            self.problems.append(f"{shown}: no {edition.language.name} part (a block marked "
                                 f'lang="{edition.lang}"); {edition.folder}'
                                 f"{claimreview.METHODOLOGY_PAGE} shows the whole document")
            part = soup
        _promote_headings(part)
        heading = part.find(HEADING)
        title = heading_text(heading) if heading else edition.language.word("method")
        from markupsafe import Markup

        self.render_page("site/page.html.j2", edition, claimreview.METHODOLOGY_PAGE,
                         heading=title, body=Markup(str(part)))

    # -------------------------------------------------------- figures

    def read_manifest(self) -> list[Figure]:
        """The figures of the manifest, grouped by name; a repeated (name, lang) is
        a warning naming both lines (the later row is used), a malformed file an error."""
        path = self.sources.figures / manifest.MANIFEST_NAME
        shown = self.sources.show(path)
        try:
            records = manifest.read_records(path)
        except manifest.ManifestError as err:
            raise HtmlBuildError(err.located(shown)) from err
        figures: dict[str, Figure] = {}
        seen: dict[tuple[str, str], int] = {}
        for record in records:
            row, line = record.row, record.line
            name, lang = row["name"], row["lang"]
            if (name, lang) in seen:
                self.problems.append(f"{shown}: line {line}: ({name}, {lang}) repeats line "
                                     f"{seen[name, lang]}; the later row is used")
                figures[name].versions = [v for v in figures[name].versions if v.lang != lang]
            seen[name, lang] = line
            figure = figures.setdefault(name, Figure(name=name))
            figure.versions.append(FigureVersion(lang=lang, title=row["title"].strip(),
                                                 caption=row["caption"].strip(),
                                                 alt=row["alt"].strip(), line=line))
            figure.notebook = figure.notebook or row["notebook"].strip()
            figure.tables = figure.tables or [t for t in row["tables"].split(";") if t.strip()]
        for figure in figures.values():
            figure.versions.sort(key=lambda v: (LANG_ORDER.get(v.lang, 99), v.lang))
        return [figures[name] for name in sorted(figures)]

    def place_figures(self, figures: list[Figure]) -> None:
        """Copy each figure's files into the site; note the ones the manifest lists but lack."""
        for figure in figures:
            for version in figure.versions:
                self.place_version(figure.name, version)
            data = self.sources.figures / f"{figure.name}.csv"
            if data.is_file():
                figure.data = quote(self.site_path_for(data.resolve()))
            else:
                first = figure.versions[0].line if figure.versions else 1
                self.missing_figure_file(first, data.name, "the figure's data")

    def place_version(self, name: str, version: FigureVersion) -> None:
        """One language of a figure: its PNG (shown) and a download per format."""
        version.downloads = []
        for fmt in FIGURE_FORMATS:
            file = self.sources.figures / f"{name}.{version.lang}.{fmt}"
            if not file.is_file():
                self.missing_figure_file(version.line, file.name, f"the {fmt.upper()}")
                version.downloads.append({"format": fmt, "label": fmt.upper(), "href": None})
                continue
            href = quote(self.site_path_for(file.resolve()))
            version.downloads.append({"format": fmt, "label": fmt.upper(), "href": href})
            if fmt == "png":
                size = _image_size(file)
                if size is None:
                    self.problems.append(f"{self.manifest_shown}: line {version.line}: "
                                         f"{file.name} is not a readable PNG")
                width, height = size or (None, None)
                version.image = {"href": href, "width": width, "height": height}

    @property
    def manifest_shown(self) -> str:
        return self.sources.show(self.sources.figures / manifest.MANIFEST_NAME)

    def missing_figure_file(self, line: int, file_name: str, what: str) -> None:
        folder = self.sources.show(self.sources.figures)
        self.problems.append(f"{self.manifest_shown}: line {line}: {file_name} ({what}) is listed "
                             f"but missing from {folder}/ (run `make` to export it)")

    def figure_views(self, figures: list[Figure], edition: Edition) -> list[dict]:
        """The figures as one site shows them: headings in its language, its language's
        version first, and a link to the notebook of its own edition that draws each."""
        by_stem = {page.source.stem: page for page in edition.notebooks}
        return [{"name": figure.name, "anchor": figure.anchor, "data": figure.data,
                 "heading": figure.heading(edition.lang) or figure.name,
                 "versions": figure.in_order_for(edition.lang), "notebook": figure.notebook,
                 "notebook_page": by_stem.get(Path(figure.notebook).stem) if figure.notebook
                 else None, "tables": figure.tables} for figure in figures]

    # -------------------------------------------------------- pages

    def language_switch(self, edition: Edition, current: str) -> list[dict]:
        """Links to the same page in every language's site (the index of a site that
        lacks it), for the switch on the page and its <link rel="alternate">."""
        links = []
        for other in self.editions.values():
            target = current if current in other.pages else INDEX_PAGE
            links.append({"lang": other.lang, "native": other.language.native,
                          "dir": other.language.direction, "same": other is edition,
                          "href": quote(_relative(other.folder + target, edition.folder))})
        return links

    def site_context(self, edition: Edition, current: str, prev=None,  # noqa: A002
                     next=None) -> dict:  # noqa: A002 - pager words
        language = edition.language
        return {"title": edition.title, "css": CSS_FILE, "licence": self.licence,
                "current": current, "prev": prev, "next": next, "lang": edition.lang,
                "dir": language.direction, "words": language.words,
                "root": _relative("", edition.folder),
                "methodology": claimreview.METHODOLOGY_PAGE in edition.pages,
                "switch": self.language_switch(edition, current)}

    def write(self, relative: str, text: str) -> None:
        target = self.stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def render_page(self, template: str, edition: Edition, name: str, **context) -> None:
        self.write(edition.folder + name, self.env.get_template(template).render(
            site=self.site_context(edition, name), **context))

    def place_fonts(self, edition: Edition) -> None:
        """Every site gets site.css and fonts/ in its own folder: Firefox, reading files,
        refuses a font from a folder above the page (its strict file-origin policy)."""
        faces = self.faces
        for face in faces:
            self.copy_into_site(face["file"], f"{edition.folder}{FONTS_DIR}/{face['file'].name}")
        licence = self.sources.fonts / "OFL.txt"
        if licence.is_file():
            self.licence = f"{FONTS_DIR}/OFL.txt"
            self.copy_into_site(licence, edition.folder + self.licence)
        self.write(edition.folder + CSS_FILE,
                   self.env.get_template("site/site.css.j2").render(fonts=faces))

    def front(self, edition: Edition, readme: tuple[str, str, str]) -> tuple[str, object, object]:
        """(title, introduction, findings) of a site's index, in its language."""
        title, lead, findings = readme
        where = self.sources.show(self.sources.readme)
        lead_soup = self.markdown_html(lead, where, edition) if lead else _soup("")
        part = language_part(lead_soup, edition.lang)
        if edition.lang == SOURCE_LANG:
            title = _plain(title)
        else:
            title = _take_title(part)
            if not title and self.sources.readme.is_file():
                self.problems.append(
                    f"{where}: no {edition.language.name} introduction (a block marked "
                    f'lang="{edition.lang}" after the title, opening with a heading or a bold '
                    f"phrase): the {edition.language.name} index has no title or introduction "
                    f"of its own")
        if self.sources.findings is not None:
            findings = self.sources.findings(edition.lang)
        elif edition.lang != SOURCE_LANG:
            findings = ""  # the README's findings are English
        from markupsafe import Markup

        findings_html = (Markup(str(self.markdown_html(findings, where, edition)))
                         if findings else "")
        title = title or _plain(readme[0]) or edition.language.word("collection")
        return title, (Markup(str(part)) if part.get_text().strip() else ""), findings_html

    def build(self) -> Site:
        readme = ("", "", "")
        if self.sources.readme.is_file():
            readme = readme_parts(self.sources.readme.read_text(encoding="utf-8"))

        self.faces = _font_faces(self.sources.fonts) if self.sources.fonts.is_dir() else []
        if not self.faces:
            self.problems.append(f"{self.sources.show(self.sources.fonts)}: no fonts to embed; "
                                 f"pages fall back to the reader's own fonts")
        loaded = {}
        for edition in self.editions.values():
            self.place_fonts(edition)
            loaded[edition.lang] = self.collect_notebooks(edition)
            edition.pages = [INDEX_PAGE, FIGURES_PAGE, *(p.name for p in edition.notebooks)]
            if self.sources.methodology.is_file():
                edition.pages.append(claimreview.METHODOLOGY_PAGE)
        figures = self.read_manifest()
        self.place_figures(figures)

        fronts = {}
        for edition in self.editions.values():
            fronts[edition.lang] = self.front(edition, readme)
            edition.title = fronts[edition.lang][0]
        for edition in self.editions.values():
            title, lead, findings = fronts[edition.lang]
            self.render_notebooks(edition, loaded[edition.lang])
            self.render_methodology(edition)
            self.render_page("site/index.html.j2", edition, INDEX_PAGE, lead=lead,
                             findings=findings, notebooks=edition.notebooks,
                             gallery=_gallery(figures, edition.lang))
            self.render_page("site/figures.html.j2", edition, FIGURES_PAGE,
                             figures=self.figure_views(figures, edition))
        (self.stage / SITE_MARKER).write_text("Written by `python -m helpers.publish.html`; "
                                              "the whole folder is replaced on each build.\n")
        pages = [edition.folder + name for edition in self.editions.values()
                 for name in edition.pages]
        # Each site renders the README and the methodology: a broken link there is one problem.
        problems = list(dict.fromkeys(self.problems))
        return Site(out=self.stage, pages=pages, notebooks=self.editions[SOURCE_LANG].notebooks,
                    figures=figures, problems=problems, editions=self.editions)

    def markdown_html(self, markdown: str, where: str, edition: Edition, base: Path | None = None):
        """Markdown of the repository rendered for a page of *edition*'s site, links
        rewritten relative to that page (``base``: the folder the Markdown is in)."""
        soup = _soup(_markdown(markdown))
        self.rewrite_links(soup, base or self.sources.readme.parent, lambda tag: where, edition)
        _wrap_tables(soup)
        return soup


def _relative(path: str, folder: str) -> str:
    """``path`` (from the top of the site) as a link from a page in ``folder`` ("", "ar/")."""
    if not folder:
        return path
    relative = posixpath.relpath(path or ".", folder.rstrip("/"))
    return relative + "/" if not path else relative


def _plain(markdown: str) -> str:
    return " ".join(_soup(_markdown(markdown)).get_text().split()) if markdown else ""


def _wrap_tables(element) -> None:
    """Put each table in a box that scrolls sideways, so a wide table never widens the page."""
    from bs4 import Tag

    for table in element.find_all("table"):
        parent = table.parent
        if parent is not None and "table-scroll" in (parent.get("class") or []):
            continue
        table.wrap(Tag(name="div", attrs={"class": "table-scroll"}))


def _gallery(figures: list[Figure], lang: str) -> list[dict]:
    """One gallery item per figure: its PNG in *lang* (else the first language that has one)."""
    items = []
    for figure in figures:
        with_image = [v for v in figure.in_order_for(lang) if v.image]
        if not with_image:
            continue
        version = with_image[0]
        items.append({"anchor": figure.anchor, "src": version.image["href"],
                      "width": version.image["width"], "height": version.image["height"],
                      "alt": version.alt, "title": version.title or figure.name,
                      "lang": version.lang, "rtl": version.rtl})
    return items


# ---------------------------------------------------------------- entry points


def _replace(out: Path, stage: Path) -> None:
    """Swap the freshly built ``stage`` in for ``out``.

    Refuses to delete a non-empty folder this module did not write."""
    if out.exists():
        if not out.is_dir():
            raise HtmlBuildError(f"{out}: exists and is not a folder")
        if any(out.iterdir()) and not (out / SITE_MARKER).exists():
            raise HtmlBuildError(f"{out}: a non-empty folder not written by helpers.publish.html; "
                                 f"choose another --out or empty it")
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        out.rename(old / out.name)
        stage.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        stage.rename(out)


def build_site(out: Path | str | None = None, sources: Sources | None = None, *,
               strict: bool = False) -> Site:
    """Build the HTML edition into ``out`` (default build/html) and return what was built.

    Raises HtmlBuildError for input the site cannot be built from, and, with
    ``strict``, for any problem (broken link, missing figure file); the
    previous contents of ``out`` then stay as they were.
    """
    sources = sources or Sources.of_repo()
    out = Path(out) if out is not None else paths.BUILD / "html"
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        site = _Builder(sources, stage).build()
        if strict and site.problems:
            raise HtmlBuildError("the HTML edition has problems (--strict):\n  "
                                 + "\n  ".join(site.problems))
        _replace(out, stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    site.out = out
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.publish.html",
        description="Build the HTML edition of the collection (a site per language: index, "
                    "one page per notebook, figures page), readable offline from the file system.",
    )
    parser.add_argument("--out", type=Path, default=paths.BUILD / "html",
                        help="output folder (default: build/html); replaced on each build")
    parser.add_argument("--strict", action="store_true",
                        help="fail on broken links and missing figure files instead of warning")
    args = parser.parse_args(argv)
    try:
        site = build_site(args.out, strict=args.strict)
    except HtmlBuildError as err:
        print(f"helpers.publish.html: error: {err}", file=sys.stderr)
        return 1
    for problem in site.problems:
        print(f"helpers.publish.html: warning: {problem}", file=sys.stderr)
    for edition in site.editions.values():
        print(f"HTML edition ({edition.language.name}): {len(edition.notebooks)} notebook "
              f"page(s), {len(site.figures)} figure(s): "
              f"open {(site.out / edition.folder / INDEX_PAGE).as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
