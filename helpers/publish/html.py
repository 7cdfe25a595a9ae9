"""The HTML edition: the collection as pages a browser can open from disk.

    python -m helpers.publish.html [--out DIR] [--strict]

Writes (default ``build/html/``):

* ``index.html``: title, findings (from README.md between
  ``<!-- findings:start -->`` and ``<!-- findings:end -->``), the notebooks in
  reading order with a one-line summary each, a gallery of the figures;
* ``NN_name.html``: one page per notebook, outputs included, rendered by
  nbconvert's HTMLExporter with a template (``helpers/publish/templates/collection``)
  that drops everything nbconvert would load from a CDN;
* ``figures.html``: every figure of ``figures/manifest.csv`` in both languages,
  caption, alt text, and downloads (PNG, SVG, PDF, data CSV);
* ``site.css``, ``fonts/`` (the vendored Noto fonts) and ``figures/`` (copies).

Every link is relative, so the pages work from ``file://`` with no network.
Arabic stays right-to-left: notebooks mark it with ``<div dir="rtl" lang="ar">``,
the figures page marks Arabic captions the same way.

The site is assembled in a staging folder next to the output and swapped in
at the end, so a failed build leaves the previous site as it was. Problems the
site can live with (a broken link in a notebook, a figure file listed in the
manifest but missing) are printed as warnings naming the file and the cell or
line; with ``--strict`` they fail the build instead.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from helpers.publish import claimreview
from helpers.toolkit import langs, manifest, paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
# One column list and one reader for the manifest: helpers.toolkit.manifest (stdlib only).
MANIFEST_COLUMNS = manifest.MANIFEST_COLUMNS
FIGURE_FORMATS = manifest.FORMATS
# A folder holding this file was written by this module and may be replaced.
SITE_MARKER = ".collection-html"
CSS_FILE = "site.css"
FONTS_DIR = "fonts"
FIGURES_DIR = "figures"
# Names the site itself uses at its top level; a repository file there would clash.
RESERVED = frozenset({"index.html", "figures.html", CSS_FILE, FONTS_DIR, SITE_MARKER})
FINDINGS_START = "<!-- findings:start -->"
FINDINGS_END = "<!-- findings:end -->"
# Attributes that load or link to something.
URL_ATTRIBUTES = (("a", "href"), ("img", "src"), ("source", "src"), ("video", "src"),
                  ("audio", "src"), ("iframe", "src"), ("link", "href"), ("script", "src"))
SUMMARY_MAX_CHARS = 220
LANG_ORDER = {"en": 0, "ar": 1}


class HtmlBuildError(RuntimeError):
    """The HTML edition cannot be built; the message names the file and where in it."""


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

    @classmethod
    def of_repo(cls) -> Sources:
        return cls(root=paths.ROOT, notebooks=paths.NOTEBOOKS, figures=paths.FIGURES,
                   readme=paths.ROOT / "README.md", fonts=paths.FONTS)

    def show(self, path: Path) -> str:
        """A path as a reader would type it: relative to the repository when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


@dataclass
class NotebookPage:
    source: Path
    page: str
    title: str
    summary: str = ""
    summary_ar: str = ""


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
        return langs.get(primary if primary in langs.LANGUAGES else "en").words


@dataclass
class Figure:
    name: str
    versions: list[FigureVersion] = field(default_factory=list)
    data: str | None = None
    notebook: str = ""
    notebook_page: NotebookPage | None = None
    tables: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "figure-" + re.sub(r"[^A-Za-z0-9_-]+", "-", self.name)

    @property
    def heading(self) -> str:
        english = [v for v in self.versions if v.lang == "en"]
        return (english or self.versions)[0].title or self.name


@dataclass
class Site:
    """What a build produced: the output folder, its pages, and the warnings."""

    out: Path
    pages: list[str]
    notebooks: list[NotebookPage]
    figures: list[Figure]
    problems: list[str]


# ---------------------------------------------------------------- helpers


def _markdown(text: str) -> str:
    """Markdown to HTML with the renderer nbconvert uses for notebook cells."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def _soup(markup: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


def _is_arabic_block(tag) -> bool:
    """True for an element, or one inside an element, marked Arabic or right-to-left."""
    for node in [tag, *tag.parents]:
        if getattr(node, "attrs", None) is None:
            continue
        if node.get("dir") == "rtl" or langs.is_rtl(node.get("lang", "")):
            return True
    return False


def first_sentence(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """The first sentence of ``text`` (whitespace collapsed), cut at ``limit`` characters."""
    from helpers.toolkit.wording import split_sentences

    sentence = (split_sentences(" ".join(text.split())) or [""])[0]
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def summarise(cells: list[dict]) -> tuple[str, str, str]:
    """(title, English summary, Arabic summary) of a notebook.

    The title is the notebook's first Markdown heading; each summary is the
    first sentence of the first paragraph in that language.
    """
    title = summary = summary_ar = ""
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        soup = _soup(_markdown(source))
        for anchor in soup.select("a.anchor-link"):
            anchor.decompose()
        if not title:
            heading = soup.find(re.compile(r"^h[1-6]$"))
            if heading is not None:
                title = " ".join(heading.get_text().split())
        for paragraph in soup.find_all("p"):
            labelled = _drop_leading_label(paragraph)
            text = paragraph.get_text().strip()
            if not text:
                continue
            if labelled:  # "**In one sentence:** an article…" reads "An article…"
                text = text[0].upper() + text[1:]
            if _is_arabic_block(paragraph):
                summary_ar = summary_ar or first_sentence(text)
            else:
                summary = summary or first_sentence(text)
        if title and summary and summary_ar:
            break
    return title, summary, summary_ar


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


def _jinja():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


# ---------------------------------------------------------------- the build


class _Builder:
    """Builds the site into ``stage``; ``problems`` collects what the site can live with."""

    def __init__(self, sources: Sources, stage: Path):
        self.sources = sources
        self.stage = stage
        self.problems: list[str] = []
        self.copied: set[Path] = set()
        self.env = _jinja()
        self.title = "The collection"
        self.licence: str | None = None  # the fonts' licence, once copied into the site
        self.notebook_pages: dict[Path, NotebookPage] = {}

    # -------------------------------------------------------- files and links

    def copy_into_site(self, source: Path, relative: str) -> None:
        target = self.stage / relative
        if target in self.copied:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.copied.add(target)

    def site_path_for(self, target: Path) -> str | None:
        """Where a repository file lives in the site (copying it there), or None."""
        if target in self.notebook_pages:
            return self.notebook_pages[target].page
        figures = self.sources.figures.resolve()
        if target.is_relative_to(figures):
            relative = f"{FIGURES_DIR}/{target.relative_to(figures).as_posix()}"
        else:
            relative = target.relative_to(self.sources.root.resolve()).as_posix()
            if relative.split("/", 1)[0] in RESERVED:
                return None
        self.copy_into_site(target, relative)
        return relative

    def rewrite_links(self, soup, base: Path, where) -> None:
        """Point relative links at the site's copies: notebooks at their pages,
        other repository files at copies of them; report links that lead nowhere."""
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
                relative = self.site_path_for(target)
                if relative is None:
                    self.problems.append(f"{where(tag)}: link {value!r}: "
                                         f"{self.sources.show(target)} clashes with a file "
                                         f"of the site itself")
                    continue
                tag[attribute] = quote(relative) + fragment

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

    def collect_notebooks(self) -> list:
        folder = self.sources.notebooks
        found = sorted(folder.glob(NOTEBOOK_GLOB)) if folder.is_dir() else []
        loaded = []
        for path in found:
            nb = self.read_notebook(path)
            title, summary, summary_ar = summarise(nb.cells)
            page = NotebookPage(source=path, page=f"{path.stem}.html", title=title or path.stem,
                                summary=summary, summary_ar=summary_ar)
            self.notebook_pages[path.resolve()] = page
            loaded.append((page, nb))
        return loaded

    def render_notebooks(self, loaded: list) -> None:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(
            template_name="collection",
            extra_template_basedirs=[str(TEMPLATES)],
            extra_template_paths=[str(TEMPLATES)],  # for the site/ partials
            exclude_anchor_links=False,
        )
        pages = [page for page, _ in loaded]
        for index, (page, nb) in enumerate(loaded):
            cell_numbers = {cell.get("id"): n
                            for n, cell in enumerate(nb.cells, start=1) if cell.get("id")}
            shown = self.sources.show(page.source)
            resources = {
                "metadata": {"name": page.title, "path": str(page.source.parent)},
                "collection": self.site_context(
                    current=page.page,
                    prev=pages[index - 1] if index > 0 else None,
                    next=pages[index + 1] if index + 1 < len(pages) else None,
                ),
            }
            try:
                body, _ = exporter.from_notebook_node(nb, resources=resources)
            except Exception as err:  # noqa: BLE001 - name the notebook whatever went wrong
                raise HtmlBuildError(f"{shown}: cannot render as HTML: {err}") from err
            soup = _soup(body)

            def where(tag, shown=shown, cell_numbers=cell_numbers):
                cell = tag.find_parent(id=re.compile(r"^cell-id="))
                number = cell_numbers.get(cell["id"].split("=", 1)[1]) if cell else None
                return f"{shown} cell {number}" if number else shown

            # Only the notebook's own content: the site's bar and pager already point right.
            content = soup.find("main")
            self.rewrite_links(content, page.source.parent, where)
            _wrap_tables(content)
            if page.source.stem == claimreview.FACT_CHECK_STEM:
                self.add_claim_reviews(content, page)
            self.write(page.page, str(soup))

    # -------------------------------------------------------- the fact-check's record

    def methodology_source(self) -> Path:
        return self.sources.root / "docs" / "methodology.md"

    def add_claim_reviews(self, content, page: NotebookPage) -> None:
        """The fact-check page gets the published record (helpers.publish.claimreview):
        the verdict scale, one block per claim with its own anchor and ClaimReview JSON-LD,
        the corrections log; the same ClaimReviews go to claims.jsonld."""
        items = claimreview.reviews(page.page)
        missing = [problem for item in items for problem in claimreview.problems(item)]
        if missing:
            raise HtmlBuildError("ClaimReview lacks required properties:\n  "
                                 + "\n  ".join(missing))
        methodology = (claimreview.METHODOLOGY_PAGE if self.methodology_source().is_file()
                       else None)
        content.append(_soup(claimreview.section_html(items, methodology=methodology)))
        self.write(claimreview.JSONLD_FILE, claimreview.jsonld(items))

    def render_methodology(self) -> list[str]:
        """docs/methodology.md as a page of the site, when the repository has it."""
        source = self.methodology_source()
        if not source.is_file():
            return []
        shown = self.sources.show(source)
        markdown = source.read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in markdown.splitlines()
                      if line.startswith("# ")), "Method")
        self.render_page("site/page.html.j2", claimreview.METHODOLOGY_PAGE,
                         site=self.site_context("methodology"), heading=_plain(title),
                         body=self.readme_html(markdown, shown, base=source.parent))
        return [claimreview.METHODOLOGY_PAGE]

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
            figure.versions.sort(key=lambda v: (LANG_ORDER.get(v.lang, 9), v.lang))
        return [figures[name] for name in sorted(figures)]

    def place_figures(self, figures: list[Figure]) -> None:
        """Copy each figure's files into the site; note the ones the manifest lists but lack."""
        by_stem = {p.source.stem: p for p in self.notebook_pages.values()}
        for figure in figures:
            for version in figure.versions:
                self.place_version(figure.name, version)
            data = self.sources.figures / f"{figure.name}.csv"
            if data.is_file():
                figure.data = quote(self.site_path_for(data.resolve()))
            else:
                first = figure.versions[0].line if figure.versions else 1
                self.missing_figure_file(first, data.name, "the figure's data")
            stem = Path(figure.notebook).stem if figure.notebook else ""
            figure.notebook_page = by_stem.get(stem)

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

    # -------------------------------------------------------- pages

    def site_context(self, current: str, prev=None, next=None) -> dict:  # noqa: A002 - pager words
        return {"title": self.title, "css": CSS_FILE, "licence": self.licence, "current": current,
                "prev": prev, "next": next}

    def write(self, relative: str, text: str) -> None:
        target = self.stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def render_page(self, template: str, relative: str, **context) -> None:
        self.write(relative, self.env.get_template(template).render(**context))

    def build(self) -> Site:
        readme_title = lead = findings = ""
        if self.sources.readme.is_file():
            readme_text = self.sources.readme.read_text(encoding="utf-8")
            readme_title, lead, findings = readme_parts(readme_text)
        self.title = _plain(readme_title) or self.title

        faces = _font_faces(self.sources.fonts) if self.sources.fonts.is_dir() else []
        if not faces:
            self.problems.append(f"{self.sources.show(self.sources.fonts)}: no fonts to embed; "
                                 f"pages fall back to the reader's own fonts")
        for face in faces:
            self.copy_into_site(face["file"], f"{FONTS_DIR}/{face['file'].name}")
        licence = self.sources.fonts / "OFL.txt"
        if licence.is_file():
            self.licence = f"{FONTS_DIR}/OFL.txt"
            self.copy_into_site(licence, self.licence)
        self.render_page("site/site.css.j2", CSS_FILE, fonts=faces)

        loaded = self.collect_notebooks()
        figures = self.read_manifest()
        self.place_figures(figures)
        self.render_notebooks(loaded)
        extra_pages = self.render_methodology()

        readme_where = self.sources.show(self.sources.readme)
        lead_html = self.readme_html(lead, readme_where) if lead else ""
        findings_html = self.readme_html(findings, readme_where) if findings else ""
        self.render_page("site/index.html.j2", "index.html",
                         site=self.site_context("index"), lead=lead_html, findings=findings_html,
                         notebooks=[page for page, _ in loaded], gallery=_gallery(figures))
        self.render_page("site/figures.html.j2", "figures.html",
                         site=self.site_context("figures"), figures=figures)
        (self.stage / SITE_MARKER).write_text("Written by `python -m helpers.publish.html`; "
                                              "the whole folder is replaced on each build.\n")
        pages = ["index.html", "figures.html", *(page.page for page, _ in loaded), *extra_pages]
        return Site(out=self.stage, pages=pages, notebooks=[p for p, _ in loaded],
                    figures=figures, problems=self.problems)

    def readme_html(self, markdown: str, where: str, base: Path | None = None):
        from markupsafe import Markup

        soup = _soup(_markdown(markdown))
        self.rewrite_links(soup, base or self.sources.readme.parent, lambda tag: where)
        _wrap_tables(soup)
        return Markup(str(soup))


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


def _gallery(figures: list[Figure]) -> list[dict]:
    """One gallery item per figure: its English PNG (else the first language that has one)."""
    items = []
    for figure in figures:
        with_image = [v for v in figure.versions if v.image]
        if not with_image:
            continue
        version = next((v for v in with_image if v.lang == "en"), with_image[0])
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
        description="Build the HTML edition of the collection (index, one page per notebook, "
                    "figures page), readable offline from the file system.",
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
    index = site.out / "index.html"
    print(f"HTML edition: {len(site.notebooks)} notebook page(s), {len(site.figures)} figure(s)")
    print(f"open {index.as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
