"""Slide decks of the collection: one PowerPoint file per language.

    python -m helpers.publish.slides [--out DIR]

Writes ``build/slides/collection.ar.pptx`` and ``collection.en.pptx`` (16:9):

1. a title slide: the article's headline (Arabic; the English deck its
   translation), the publisher and the date;
2. a findings slide: the collection's findings, computed from the data by
   :mod:`helpers.publish.findings` (the README's findings box uses the same);
3. one slide per figure of ``figures/manifest.csv`` in the deck's language,
   in the manifest's order: the PNG fills the slide exactly; its alt text is
   the picture's description (``descr``, what PowerPoint and Keynote read);
   the figure's title is the slide title, placed just above the slide so that
   the outline, screen readers and the accessibility checker have a title
   while the picture (which draws its own title) stays whole; the speaker
   notes hold the caption, the source line and the path of the data CSV.

In the Arabic deck every paragraph is right-to-left and right-aligned
(``a:pPr rtl="1" algn="r"``) with Arabic as its language, and the master's
text styles are right-to-left too, so a presenter who adds a slide or edits
a title types Arabic naturally. Both decks name the fonts the figures use
(Noto Sans, Noto Sans Arabic, in ``helpers/toolkit/fonts/``).

The bytes are the same on every run: fixed zip timestamps, fixed document
dates, ids assigned in order.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from helpers.toolkit import files, langs, manifest, paths

__all__ = ["LANGS", "OUT_DIR", "SLIDE_SIZE_EMU", "SlidesError", "Deck", "deck_name",
           "deck_bytes", "build", "main"]

LANGS = langs.LANGS
OUT_DIR = paths.BUILD / "slides"
#: 16:9 at PowerPoint's "Widescreen" size, 13.333 in x 7.5 in, in EMU.
SLIDE_SIZE_EMU = (12_192_000, 6_858_000)
FONTS = {"latin": "Noto Sans", "cs": "Noto Sans Arabic"}
LANGUAGE_TAGS = {"ar": "ar-SA", "en": "en-US"}
# How each deck names the masthead of the supplied article (its first line): words slides.publisher.
# The article says "today, Monday": its date is the day of this event (data/events.csv).
ARTICLE_DAY_EVENT = "alibaba_announcement"
# Fixed document dates and zip timestamps: the same inputs give the same bytes.
_FIXED_DATE = dt.datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_STORED = (".png", ".jpeg", ".jpg")
# Text sizes (points): the findings must fit the slide without shrinking.
TITLE_PT = 36
HEADLINE_PT = 40
SUBTITLE_PT = 22
BULLET_PT = 24
NOTES_PT = 12

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


class SlidesError(RuntimeError):
    """A deck cannot be built; the message names the file (and line) to fix."""


@dataclass(frozen=True)
class Deck:
    """A deck written by :func:`build`."""

    lang: str
    path: Path
    slides: int
    figures: tuple[str, ...]


def deck_name(lang: str) -> str:
    return f"collection.{lang}.pptx"


# ---------------------------------------------------------------- inputs


def _shown(path: Path) -> str:
    """A path as a reader would type it: relative to the repository when inside it."""
    try:
        return Path(path).resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def _figure_rows(lang: str, figures_dir: Path) -> list[manifest.Record]:
    path = figures_dir / manifest.MANIFEST_NAME
    try:
        records = manifest.read_records(path)
    except manifest.ManifestError as err:
        raise SlidesError(err.located(_shown(path))) from err
    chosen: dict[str, manifest.Record] = {}
    for record in records:
        if record.row["lang"] == lang:
            chosen[record.row["name"]] = record  # a repeated row: the later one, as everywhere
    if not chosen:
        raise SlidesError(f"{_shown(path)}: no figure in language {lang!r} "
                          f"(run `make` to export the figures)")
    return [chosen[name] for name in sorted(chosen)]


def _masthead() -> str:
    source = paths.SOURCE / "article.as-supplied.ar.txt"
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            for lang in LANGS:
                if line.strip() not in _said(lang)["slides.publisher"]:
                    raise SlidesError(f"{_shown(source)}: line {number}: masthead {line.strip()!r} has no "
                                      f"name in helpers/analysis/words/{lang}.toml [slides] publisher")
            return line.strip()
    raise SlidesError(f"{_shown(source)}: empty: no masthead")


def _article_day() -> dt.date:
    from helpers.analysis import data
    from helpers.toolkit import fmt

    events = data.load("events")
    rows = events[events["event"] == ARTICLE_DAY_EVENT]
    if rows.empty:
        raise SlidesError(f"data/events.csv: no row with event {ARTICLE_DAY_EVENT!r} "
                          f"(the article's date)")
    return fmt.as_date(rows["date"].iloc[0])


def _said(lang: str):
    from helpers.analysis import words

    return words.of(lang)


def title_lines(lang: str) -> tuple[str, list[str]]:
    """(headline, subtitle lines) of the title slide."""
    from helpers.analysis import data

    said = _said(lang)
    headline = data.article(lang)[0]
    masthead = _masthead()
    publisher = said["slides.publisher"].get(masthead, masthead)
    return headline, [said.say("slides.dated", publisher=publisher, day=_article_day()),
                      said.say("slides.translated")]


def findings_lines(lang: str, found=None) -> tuple[list[str], list[str]]:
    """(bullets, speaker notes) of the findings slide, worded for *lang*."""
    from helpers.publish import findings

    found = found or findings.compute()
    said = _said(lang)
    notes = [said.say("findings.collection.partly_intro"), *findings.partly_lines(lang, found),
             "", said.say("findings.collection.computed")]
    return findings.bullets(lang, found), notes


def figure_notes(row: dict, lang: str, figures_dir: Path) -> list[str]:
    """Speaker notes of a figure slide: caption, source line, data CSV path."""
    said = _said(lang)
    tables = [f"data/{t}.csv" for t in row["tables"].split(";") if t.strip()] or ["—"]
    notebook = row["notebook"].strip()
    if notebook:
        source = said.say("slides.source", tables=tables, notebook=f"notebooks/{Path(notebook).stem}.ipynb")
    else:
        source = said.say("slides.source_no_notebook", tables=tables)
    lines = [said.say("slides.caption", text=row["caption"].strip()), source]
    if row["data"]:
        lines.append(said.say("slides.data", path=_shown(figures_dir / row["data"])))
    return lines


# ---------------------------------------------------------------- text


def _qn(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{_A if prefix == 'a' else _P}}}{local}"


def _style_run_properties(rpr, lang: str) -> None:
    """Language and both fonts (Latin and complex script) on one a:rPr / a:endParaRPr."""
    rpr.set("lang", LANGUAGE_TAGS[lang])
    for tag in ("a:latin", "a:cs"):
        for old in rpr.findall(_qn(tag)):
            rpr.remove(old)
    latin = rpr.makeelement(_qn("a:latin"), {"typeface": FONTS["latin"]})
    cs = rpr.makeelement(_qn("a:cs"), {"typeface": FONTS["cs"]})
    # Schema order: … fill, effects, highlight, underline, latin, ea, cs, sym, hlinkClick …
    later = [c for c in rpr if c.tag in {_qn("a:sym"), _qn("a:hlinkClick"),
                                         _qn("a:hlinkMouseOver"), _qn("a:rtl"), _qn("a:extLst")}]
    if later:
        later[0].addprevious(latin)
    else:
        rpr.append(latin)
    latin.addnext(cs)


def _fill(text_frame, lines: list[str], lang: str, size_pt: int, bold: bool = False,
          centred: bool = False) -> None:
    """Replace *text_frame*'s text by *lines*, one paragraph each, styled for *lang*:
    right-to-left and right-aligned in Arabic; left-aligned in English unless *centred*."""
    from pptx.util import Pt

    text_frame.clear()
    for index, line in enumerate(lines):
        paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        if line:
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(size_pt)
            run.font.bold = bold or None
            _style_run_properties(run._r.get_or_add_rPr(), lang)
        _style_paragraph(paragraph._p, lang, centred)


def _style_paragraph(p, lang: str, centred: bool = False) -> None:
    """Direction and alignment of one a:p; its end mark gets the language too, so
    text typed at the end of the paragraph is in the deck's language."""
    ppr = p.get_or_add_pPr()
    if lang == "ar":
        ppr.set("rtl", "1")
        ppr.set("algn", "r")
    else:
        ppr.set("algn", "ctr" if centred else "l")
    end = p.find(_qn("a:endParaRPr"))
    if end is None:
        end = p.makeelement(_qn("a:endParaRPr"), {})
        p.append(end)
    _style_run_properties(end, lang)


# ---------------------------------------------------------------- the deck


def _widen_to_16_9(prs) -> None:
    """The default template is 4:3: widen the slide and every placeholder of the
    master and its layouts, so that slides an editor adds fit too."""
    width, height = SLIDE_SIZE_EMU
    scale = width / prs.slide_width
    prs.slide_width, prs.slide_height = width, height
    for part in [prs.slide_master, *prs.slide_layouts]:
        for off in part.element.iter(_qn("a:off")):
            off.set("x", str(round(int(off.get("x")) * scale)))
        for ext in part.element.iter(_qn("a:ext")):
            if ext.get("cx") is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * scale)))


def _right_to_left_master(prs, lang: str) -> None:
    """Every text style of the master and layouts right-to-left and right-aligned
    (Arabic deck), and the theme's fonts set to the figures' fonts (both decks)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    if lang == "ar":
        prs.part._element.set("rtl", "1")
        for part in [prs.slide_master, *prs.slide_layouts]:
            for element in part.element.iter():
                if not isinstance(element.tag, str):
                    continue
                local = etree.QName(element).localname
                if local == "pPr" or (local.startswith("lvl") and local.endswith("pPr")):
                    element.set("rtl", "1")
                    element.set("algn", "r")
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for scheme in ("a:majorFont", "a:minorFont"):
        for font in root.iter(_qn(scheme)):
            font.find(_qn("a:latin")).set("typeface", FONTS["latin"])
            font.find(_qn("a:cs")).set("typeface", FONTS["cs"])
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _layout(prs, name: str):
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    raise SlidesError(f"python-pptx's default template has no layout {name!r}")


def _placeholder(slide, kind):
    for shape in slide.placeholders:
        if shape.placeholder_format.type == kind:
            return shape
    raise SlidesError(f"slide layout {slide.slide_layout.name!r} has no {kind} placeholder")


def _notes(slide, lines: list[str], lang: str) -> None:
    _fill(slide.notes_slide.notes_text_frame, lines, lang, NOTES_PT)


def _png_size(path: Path) -> tuple[int, int]:
    with open(path, "rb") as handle:
        header = handle.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise SlidesError(f"{_shown(path)}: not a PNG file")
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def _title_slide(prs, lang: str) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    headline, subtitle = title_lines(lang)
    slide = prs.slides.add_slide(_layout(prs, "Title Slide"))
    _fill(_placeholder(slide, PP_PLACEHOLDER.CENTER_TITLE).text_frame, [headline], lang,
          HEADLINE_PT, bold=True, centred=True)
    _fill(_placeholder(slide, PP_PLACEHOLDER.SUBTITLE).text_frame, subtitle, lang, SUBTITLE_PT,
          centred=True)


def _findings_slide(prs, lang: str, found) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    bullets, notes = findings_lines(lang, found)
    slide = prs.slides.add_slide(_layout(prs, "Title and Content"))
    _fill(_placeholder(slide, PP_PLACEHOLDER.TITLE).text_frame, [langs.get(lang).word("findings")], lang,
          TITLE_PT, bold=True)
    _fill(_placeholder(slide, PP_PLACEHOLDER.OBJECT).text_frame, bullets, lang, BULLET_PT)
    _notes(slide, notes, lang)


def _figure_slide(prs, record: manifest.Record, lang: str, figures_dir: Path) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    row = record.row
    shown_manifest = _shown(figures_dir / manifest.MANIFEST_NAME)
    png = figures_dir / (row["png"] or f"{row['name']}.{lang}.png")
    if not png.is_file():
        raise SlidesError(f"{shown_manifest}: line {record.line}: {_shown(png)} is listed but "
                          f"missing (run `make` to export it)")
    width, height = _png_size(png)
    slide_w, slide_h = SLIDE_SIZE_EMU
    if abs(width * slide_h - height * slide_w) > slide_w:  # more than a pixel off 16:9
        raise SlidesError(f"{shown_manifest}: line {record.line}: {_shown(png)} is "
                          f"{width}x{height} px, not 16:9: it cannot fill the slide")
    slide = prs.slides.add_slide(_layout(prs, "Title Only"))
    title = _placeholder(slide, PP_PLACEHOLDER.TITLE)
    _fill(title.text_frame, [row["title"].strip()], lang, TITLE_PT, bold=True)
    # Just above the slide: a title for the outline and screen readers, not on the picture.
    title.left, title.width, title.height = 0, slide_w, title.height
    title.top = -title.height
    picture = slide.shapes.add_picture(str(png), 0, 0, slide_w, slide_h)
    properties = picture._element.nvPicPr.cNvPr
    properties.set("name", row["name"])
    properties.set("descr", row["alt"].strip())
    _notes(slide, figure_notes(row, lang, figures_dir), lang)


def _fix_document_properties(prs, lang: str) -> None:
    props = prs.core_properties
    props.title = _said(lang).say("slides.deck")
    props.author = ""
    props.last_modified_by = ""
    props.language = LANGUAGE_TAGS[lang]
    props.revision = 1
    props.created = _FIXED_DATE
    props.modified = _FIXED_DATE


def _reproducible_zip(payload: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01 (python-pptx stamps the
    time of writing), in the same order. Pictures are stored as they are (a PNG
    does not deflate further; compressing it again only costs time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(payload)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = (zipfile.ZIP_STORED if info.filename.endswith(_STORED)
                                    else zipfile.ZIP_DEFLATED)
            member.create_system = 0
            member.external_attr = 0
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def deck_bytes(lang: str, figures_dir: Path | None = None, found=None) -> tuple[bytes, int, tuple]:
    """(bytes, number of slides, figure names) of the deck for *lang*."""
    from pptx import Presentation

    if lang not in LANGS:
        raise SlidesError(f"no deck for language {lang!r}; choose one of {', '.join(LANGS)}")
    figures_dir = Path(figures_dir or paths.FIGURES)
    records = _figure_rows(lang, figures_dir)
    prs = Presentation()
    _widen_to_16_9(prs)
    _right_to_left_master(prs, lang)
    _title_slide(prs, lang)
    _findings_slide(prs, lang, found)
    for record in records:
        _figure_slide(prs, record, lang, figures_dir)
    _fix_document_properties(prs, lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    names = tuple(r.row["name"] for r in records)
    return _reproducible_zip(buffer.getvalue()), len(prs.slides), names


def build(out: Path | str | None = None, figures_dir: Path | str | None = None,
          langs=LANGS) -> list[Deck]:
    """Write one deck per language into *out* (default build/slides/); returns them."""
    from helpers.publish.findings import compute

    out = Path(out or OUT_DIR)
    out.mkdir(parents=True, exist_ok=True)
    found = compute()
    decks = []
    for lang in langs:
        payload, count, names = deck_bytes(lang, figures_dir, found)
        path = out / deck_name(lang)
        files.atomic_write_bytes(path, payload)
        decks.append(Deck(lang, path, count, names))
    return decks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish.slides",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None,
                        help=f"output folder (default {_shown(OUT_DIR)}/)")
    args = parser.parse_args(argv)
    try:
        decks = build(args.out)
    except SlidesError as err:
        print(f"{parser.prog}: error: {err}", file=sys.stderr)
        return 1
    for deck in decks:
        print(f"{_shown(deck.path)}: {deck.slides} slides "
              f"(title, findings, {len(deck.figures)} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
