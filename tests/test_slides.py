"""The slide decks (helpers.publish.slides), read back two ways.

python-pptx reads each deck: every figure of the manifest in that language is
on its own slide with the manifest's title, alt text (the picture's ``descr``)
and speaker notes; the Arabic deck is right-to-left throughout.

LibreOffice Impress renders each deck headless (its own profile in a temp
folder, the vendored fonts made visible through a fontconfig file): one PDF
page per slide; pdftoppm turns the title slide and a figure slide into PNG;
tesseract reads the Arabic headline; the figure slide is compared with the
figure's own PNG pixel by pixel. The PNGs land in build/test-artifacts/slides/
for a person to look at.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import figures_support as support
import pytest
from conftest import ROOT

from helpers.publish import slides
from helpers.toolkit import manifest, paths

ARTIFACTS = ROOT / "build" / "test-artifacts" / "slides"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
#: tesseract's reading of the rendered Arabic headline must be at least this close
#: (difflib ratio; the Latin "Qwen AI" inside it is read poorly by the Arabic model).
HEADLINE_FLOOR = 0.75
#: The wrong recipe (the headline stored in visual order) must read this much worse.
CONTROL_GAP = 0.3
#: Mean absolute difference (0-255) between the rendered figure slide and the figure's PNG.
SAME_PICTURE = 6.0
OTHER_PICTURE = 15.0


def _rows(lang):
    return [r for r in manifest.read_manifest(paths.FIGURES / manifest.MANIFEST_NAME)
            if r["lang"] == lang]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("decks")
    built = slides.build(out)
    return {deck.lang: deck for deck in built}


def _open(path):
    from pptx import Presentation

    return Presentation(str(path))


def _pictures(slide):
    from pptx.shapes.picture import Picture

    return [shape for shape in slide.shapes if isinstance(shape, Picture)]


# ---------------------------------------------------------------- read back with python-pptx


@pytest.mark.parametrize("lang", slides.LANGS)
def test_every_manifest_figure_is_on_a_slide_with_its_alt_text_and_notes(decks, lang):
    deck = decks[lang]
    prs = _open(deck.path)
    assert (prs.slide_width, prs.slide_height) == slides.SLIDE_SIZE_EMU
    rows = _rows(lang)
    assert rows, "no figures in the manifest: run `make` first"
    figure_slides = list(prs.slides)[2:]
    assert len(prs.slides) == 2 + len(rows) == deck.slides
    for row, slide in zip(rows, figure_slides):
        (picture,) = _pictures(slide)
        properties = picture._element.nvPicPr.cNvPr
        assert properties.get("name") == row["name"]
        assert properties.get("descr") == row["alt"].strip()
        assert (picture.left, picture.top, picture.width, picture.height) == (
            0, 0, *slides.SLIDE_SIZE_EMU), f"{row['name']}: the picture must fill the slide"
        assert picture.image.blob == (paths.FIGURES / row["png"]).read_bytes()
        title = slide.shapes.title
        assert title.text_frame.text == row["title"].strip()
        assert title.top + title.height <= 0, "the title sits above the slide, off the picture"
        notes = slide.notes_slide.notes_text_frame.text
        assert row["caption"].strip() in notes
        assert f"figures/{row['name']}.csv" in notes
        for table in row["tables"].split(";"):
            assert f"data/{table}.csv" in notes
        assert f"notebooks/{row['notebook']}.ipynb" in notes


@pytest.mark.parametrize("lang", slides.LANGS)
def test_title_slide_has_the_headline_the_publisher_and_the_date(decks, lang):
    from helpers.analysis import data

    first = list(_open(decks[lang].path).slides)[0]
    texts = [shape.text_frame.text for shape in first.placeholders]
    assert texts[0] == data.article(lang)[0]
    publisher = "الاقتصادية" if lang == "ar" else "Al Eqtisadiah"
    date = "الاثنين 2 فبراير 2026" if lang == "ar" else "Monday 2 Feb 2026"
    assert f"{publisher}{'، ' if lang == 'ar' else ', '}{date}" in texts[1]


@pytest.mark.parametrize("lang", slides.LANGS)
def test_findings_slide_shows_the_computed_findings(decks, lang):
    from helpers.publish.findings import compute
    from helpers.toolkit import fmt

    found = compute()
    slide = list(_open(decks[lang].path).slides)[1]
    body = [shape for shape in slide.placeholders if shape != slide.shapes.title][0]
    bullets = [p.text for p in body.text_frame.paragraphs]
    assert bullets == slides.findings_lines(lang, found)[0]
    joined = "\n".join(bullets)
    v = found.values
    amounts = [v["subject_budget"], v["total"], *(rival["budget"] for rival in v["rivals"])]
    for amount in amounts:
        assert fmt.money(amount.amount, amount.currency, lang) in joined
    assert str(v["n_claims"]) in joined and str(v["days"]) in joined
    notes = slide.notes_slide.notes_text_frame.text
    assert all(claim in notes for claim, _paragraph, _why in found.partly)


def test_findings_slide_follows_the_data(monkeypatch):
    """Change the data, the bullets change: nothing on the slide is typed by hand."""
    from dataclasses import replace

    from helpers.publish.findings import compute

    from helpers.toolkit.wording import Money

    found = compute()
    before = slides.findings_lines("en", found)[0]
    rivals = [dict(r) for r in found.values["rivals"]]
    rivals[0]["budget"] = Money(rivals[0]["budget"].amount * 2, rivals[0]["budget"].currency)
    after = slides.findings_lines("en", replace(found, values={**found.values, "rivals": rivals}))[0]
    assert before != after and "CNY 2 billion" in after[1]


def _paragraphs(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield from shape.text_frame._txBody.iter(f"{A}p")
        if slide.has_notes_slide:
            yield from slide.notes_slide.notes_text_frame._txBody.iter(f"{A}p")


def test_arabic_deck_is_right_to_left_with_arabic_fonts(decks):
    prs = _open(decks["ar"].path)
    paragraphs = list(_paragraphs(prs))
    assert len(paragraphs) > 20
    for p in paragraphs:
        ppr = p.find(f"{A}pPr")
        assert ppr is not None and ppr.get("rtl") == "1" and ppr.get("algn") == "r", p.xpath("string()")
        for rpr in [*p.iter(f"{A}rPr"), *p.iter(f"{A}endParaRPr")]:
            assert rpr.get("lang") == "ar-SA"
            assert rpr.find(f"{A}cs").get("typeface") == "Noto Sans Arabic"
            assert rpr.find(f"{A}latin").get("typeface") == "Noto Sans"
    # Slides a presenter adds start right-to-left too: the master's text styles say so.
    styles = prs.slide_master.element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles")
    levels = [e for e in styles.iter() if str(e.tag).endswith("pPr") and "lvl" in str(e.tag)]
    assert levels and all(e.get("rtl") == "1" and e.get("algn") == "r" for e in levels)


def test_english_deck_is_left_to_right(decks):
    prs = _open(decks["en"].path)
    for p in _paragraphs(prs):
        ppr = p.find(f"{A}pPr")
        assert ppr is None or ppr.get("rtl") in (None, "0")
        for rpr in p.iter(f"{A}rPr"):
            assert rpr.get("lang") == "en-US"


def test_decks_are_byte_identical_across_runs(decks, tmp_path):
    """A second build in another process (another hash seed, another second on the
    clock) writes the same bytes; every zip member is dated 1980-01-01."""
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r});"
              f"from helpers.publish import slides; slides.build({str(tmp_path)!r})")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=300,
                   env=dict(os.environ, PYTHONHASHSEED="4321"))
    for lang, deck in decks.items():
        again = tmp_path / slides.deck_name(lang)
        assert again.read_bytes() == deck.path.read_bytes(), lang
        with zipfile.ZipFile(deck.path) as archive:
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ---------------------------------------------------------------- bad input


def _copy_figures(tmp_path) -> Path:
    folder = tmp_path / "figures"
    shutil.copytree(paths.FIGURES, folder)
    return folder


def test_missing_png_names_the_manifest_line_and_the_file(tmp_path):
    folder = _copy_figures(tmp_path)
    records = [r for r in manifest.read_records(folder / "manifest.csv") if r.row["lang"] == "en"]
    victim = records[1]
    (folder / victim.row["png"]).unlink()
    with pytest.raises(slides.SlidesError,
                       match=rf"manifest.csv: line {victim.line}: .*{victim.row['png']} is listed but missing"):
        slides.deck_bytes("en", folder)


def test_png_that_is_not_16_9_is_refused(tmp_path):
    from PIL import Image

    folder = _copy_figures(tmp_path)
    record = [r for r in manifest.read_records(folder / "manifest.csv") if r.row["lang"] == "ar"][0]
    Image.new("RGB", (1920, 1200), "white").save(folder / record.row["png"])
    with pytest.raises(slides.SlidesError, match=r"1920x1200 px, not 16:9"):
        slides.deck_bytes("ar", folder)


def test_malformed_manifest_is_named(tmp_path):
    folder = tmp_path / "figures"
    folder.mkdir()
    (folder / "manifest.csv").write_text("name,lang,title\n", encoding="utf-8")
    with pytest.raises(slides.SlidesError, match=r"manifest.csv: line 1: 3 columns"):
        slides.deck_bytes("en", folder)


def test_cli_reports_errors_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(slides.paths, "FIGURES", tmp_path / "none")
    assert slides.main(["--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m helpers.publish.slides: error: ")
    assert "no figure in language" in err and "Traceback" not in err


def test_make_slides_entry_point(tmp_path):
    done = subprocess.run([sys.executable, "-m", "helpers.publish.slides", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for lang in slides.LANGS:
        assert (tmp_path / slides.deck_name(lang)).is_file()
        assert f"collection.{lang}.pptx: {2 + len(_rows(lang))} slides" in done.stdout


# ---------------------------------------------------------------- LibreOffice renders them


def _tools_missing() -> str | None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return ("LibreOffice is not installed (apt-get install libreoffice-impress): "
                "the decks were not rendered")
    for tool in ("pdfinfo", "pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            return f"{tool} is not installed (apt-get install poppler-utils)"
    return None


def _visual_order_control(deck: Path, out: Path) -> Path:
    """The Arabic deck with its headline stored in visual order (shaped, reversed):
    what a deck made with matplotlib's reshaper recipe would hold. It must read worse."""
    from helpers.toolkit import arabic

    prs = _open(deck)
    title = list(prs.slides)[0].shapes.title
    run = title.text_frame.paragraphs[0].runs[0]
    run.text = arabic.to_visual(run.text)
    path = out / "control.ar.pptx"
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def rendered(decks, tmp_path_factory):
    """PDFs of both decks and of the control deck, rendered by LibreOffice Impress."""
    reason = _tools_missing()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("impress")
    control = _visual_order_control(decks["ar"].path, work)
    fonts = work / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{paths.FONTS}</dir>\n  <cachedir>{work / 'fontcache'}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts))
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(work),
         str(decks["ar"].path), str(decks["en"].path), str(control)],
        capture_output=True, text=True, timeout=600, env=env)
    pdfs = {"ar": work / "collection.ar.pdf", "en": work / "collection.en.pdf",
            "control": work / "control.ar.pdf"}
    missing = [str(p) for p in pdfs.values() if not p.is_file()]
    assert not missing, f"LibreOffice wrote no {missing}: {done.stdout}\n{done.stderr}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return pdfs


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def _page_png(pdf: Path, page: int, dpi: int, name: str) -> Path:
    """One page as PNG, kept in build/test-artifacts/slides/ for a person to look at."""
    stem = ARTIFACTS / name
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png",
                    "-singlefile", str(pdf), str(stem)], check=True, timeout=120)
    return stem.with_suffix(".png")


@pytest.mark.parametrize("lang", slides.LANGS)
def test_libreoffice_renders_one_page_per_slide(rendered, decks, lang):
    assert _pages(rendered[lang]) == decks[lang].slides


def _headline_reading(png: Path) -> str:
    """tesseract's reading of the headline: the title placeholder's area of the slide,
    as a column of lines (``--psm 4``: the headline wraps onto two lines)."""
    from PIL import Image

    with Image.open(png) as image:
        width, height = image.size
        # The title slide's title box (python-pptx's template): 31%..53% of the height.
        box = image.crop((0, int(height * 0.30), width, int(height * 0.55)))
        buffer = io.BytesIO()
        box.save(buffer, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    done = subprocess.run(["tesseract", "-", "-", "-l", "ara", "--psm", "4"],
                          input=support.crop_to_ink(buffer.getvalue()),
                          capture_output=True, check=True, env=env, timeout=120)
    return " ".join(done.stdout.decode("utf-8").split())


def test_tesseract_reads_the_arabic_headline_on_the_rendered_title_slide(rendered):
    from helpers.analysis import data

    reason = support.tesseract_missing_reason()
    if reason:
        pytest.skip(reason)
    headline = data.article("ar")[0]
    real = _headline_reading(_page_png(rendered["ar"], 1, 150, "ar-title"))
    _page_png(rendered["en"], 1, 96, "en-title")
    control = _headline_reading(_page_png(rendered["control"], 1, 150, "control-title"))
    real_score = support.similarity(real, headline)
    control_score = support.similarity(control, headline)
    report = ARTIFACTS / "headline-reading.md"
    report.write_text(f"meant:   {headline}\nread:    {real} ({real_score:.2f})\n"
                      f"control: {control} ({control_score:.2f})\n", encoding="utf-8")
    assert real_score >= HEADLINE_FLOOR, f"read {real!r} ({real_score:.2f})"
    assert control_score <= real_score - CONTROL_GAP, (real_score, control_score)


@pytest.mark.parametrize("lang", slides.LANGS)
def test_rendered_figure_slide_is_the_figure_filling_the_slide(rendered, lang):
    """The first figure slide, rendered, is the figure's PNG, edge to edge; the
    next figure's PNG is clearly different from it (the comparison can fail)."""
    import numpy as np
    from PIL import Image

    rows = _rows(lang)
    page = _page_png(rendered[lang], 3, 96, f"{lang}-figure")
    with Image.open(page) as image:
        slide = np.asarray(image.convert("RGB"), dtype=float)
    size = (slide.shape[1], slide.shape[0])

    def difference(row):
        with Image.open(paths.FIGURES / row["png"]) as figure:
            scaled = np.asarray(figure.convert("RGB").resize(size, Image.LANCZOS), dtype=float)
        return float(np.abs(slide - scaled).mean())

    assert difference(rows[0]) <= SAME_PICTURE
    assert difference(rows[1]) >= OTHER_PICTURE


def _rows_of_words(pdf: Path, page: int) -> tuple[tuple[float, float], list[list[dict]]]:
    """(page size, the words of one page grouped into visual rows, top to bottom),
    from pdftotext -bbox. Rows are made here from the words' boxes: pdftotext's own
    line grouping splits Arabic lines unpredictably."""
    from xml.etree import ElementTree

    done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox",
                           str(pdf), "-"], capture_output=True, text=True, check=True)
    ns = "{http://www.w3.org/1999/xhtml}"
    root = ElementTree.fromstring(done.stdout)
    size = root.find(f".//{ns}page")
    words = sorted(({"text": w.text or "", **{k: float(w.get(k)) for k in
                                               ("xMin", "xMax", "yMin", "yMax")}}
                    for w in root.iter(f"{ns}word")), key=lambda w: (w["yMin"] + w["yMax"]) / 2)
    rows: list[list[dict]] = []
    for word in words:
        middle = (word["yMin"] + word["yMax"]) / 2
        if rows and middle - (rows[-1][-1]["yMin"] + rows[-1][-1]["yMax"]) / 2 < 8:
            rows[-1].append(word)
        else:
            rows.append([word])
    return (float(size.get("width")), float(size.get("height"))), rows


@pytest.mark.parametrize("lang", slides.LANGS)
def test_rendered_findings_fit_the_slide_and_line_up_on_the_reading_side(rendered, lang):
    """Nothing clipped: every word of the findings slide lies inside the page.
    Under the title, Arabic text ends at one right edge and English text starts at
    one left edge (bullets aside), and the lines are ragged on the other side."""
    _page_png(rendered[lang], 2, 96, f"{lang}-findings")
    (width, height), rows = _rows_of_words(rendered[lang], 2)
    assert len(rows) >= 7, rows  # the title and at least six bullets
    for row in rows:
        for word in row:
            assert 0 <= word["xMin"] and word["xMax"] <= width, word
            assert 0 <= word["yMin"] and word["yMax"] <= height, word
    body = [[w for w in row if w["text"] != "•"] for row in rows[1:]]
    if lang == "ar":
        edges = [max(w["xMax"] for w in row) for row in body]
        ragged = [min(w["xMin"] for w in row) for row in body]
        assert min(edges) > width * 0.85, "Arabic text is right-aligned"
    else:
        edges = [min(w["xMin"] for w in row) for row in body]
        ragged = [max(w["xMax"] for w in row) for row in body]
        assert max(edges) < width * 0.15, "English text is left-aligned"
    assert max(edges) - min(edges) <= 3, f"{lang}: text does not share one edge: {edges}"
    assert max(ragged) - min(ragged) > 30, f"{lang}: every line is full width? {ragged}"
