"""Shared helpers for the figure toolkit's tests (Arabic reading, exports).

Imports only the standard library at import time, and later only matplotlib,
Pillow, fontTools (a matplotlib dependency), arabic_reshaper and python-bidi:
the matplotlib 3.10 compatibility environment (compat/requirements-mpl310.txt)
runs tests/test_arabic_reading.py with nothing else installed.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "build" / "test-artifacts" / "figures"

# Tashkeel, superscript alef, tatweel: OCR reads them unreliably, and the
# reshaper path drops them on purpose.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SPACES = re.compile(r"\s+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٪٫٬", "0123456789%.,")


def normalise(text: str) -> str:
    """For comparing what OCR read with what was meant: NFKC, no tashkeel,
    Eastern digits as Western, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text).translate(_DIGITS)
    return _SPACES.sub(" ", text).strip()


def similarity(read: str, meant: str) -> float:
    """difflib ratio of the normalised strings (1.0 = identical)."""
    return difflib.SequenceMatcher(None, normalise(read), normalise(meant)).ratio()


# --------------------------------------------------------------------------
# tesseract


def tesseract_missing_reason() -> str | None:
    """Why the OCR tests cannot run here, or None if they can."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-ara)"
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False)
    if "ara" not in (langs.stdout + langs.stderr).split():
        return "tesseract has no Arabic model (apt-get install tesseract-ocr-ara)"
    return None


def crop_to_ink(png: bytes, margin: int = 24) -> bytes:
    """The PNG cropped to its dark pixels plus a white margin.

    tesseract's line mode reads a tight line far more reliably than a small
    line in a wide blank canvas; both renderings being compared are cropped
    the same way.
    """
    import io

    from PIL import Image, ImageOps

    image = Image.open(io.BytesIO(png)).convert("L")
    box = ImageOps.invert(image).point(lambda v: 255 if v > 40 else 0).getbbox()
    if box is None:
        return png
    left, top, right, bottom = box
    cropped = image.crop((left, top, right, bottom))
    framed = ImageOps.expand(cropped, border=margin, fill=255)
    buffer = io.BytesIO()
    framed.save(buffer, format="PNG")
    return buffer.getvalue()


def ocr(png: bytes) -> str:
    """What tesseract reads in a one-line PNG, cropped to its ink.

    ``-l ara --psm 7`` (a single text line). tesseract 5's line mode now and
    then returns nothing at all for a perfectly legible line (its layout
    step finds no line); then the line is read again with ``--psm 13`` (raw
    line, no layout step). Every rendering compared goes through the same
    two steps, and an empty first read never depends on the expected text.
    """
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # deterministic, and 2 cores only
    image = crop_to_ink(png)
    text = ""
    for psm in ("7", "13"):
        result = subprocess.run(
            ["tesseract", "-", "-", "-l", "ara", "--psm", psm],
            input=image, capture_output=True, check=True, env=env, timeout=120,
        )
        text = result.stdout.decode("utf-8").strip()
        if text:
            break
    return text


# --------------------------------------------------------------------------
# Renderings of one line of text

LINE_FONT_PT = 24
LINE_DPI = 100
LINE_SIZE_PX = (1800, 110)


def render_matplotlib(text: str) -> bytes:
    """*text* drawn by the installed matplotlib, as given, with the current rcParams."""
    import io

    from matplotlib.figure import Figure

    width, height = LINE_SIZE_PX
    fig = Figure(figsize=(width / LINE_DPI, height / LINE_DPI), dpi=LINE_DPI,
                 layout="none", facecolor="white")
    fig.text(0.5, 0.5, text, ha="center", va="center", fontsize=LINE_FONT_PT)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=LINE_DPI, metadata={"Software": None})
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def merged_font(folder: str) -> str:
    """Noto Sans Arabic + Noto Sans merged into one face (Pillow has no
    per-glyph font fallback), written under *folder*; returns its path."""
    from fontTools.merge import Merger

    from helpers.toolkit.arabic import FONTS_DIR

    path = Path(folder) / "NotoSansArabic+NotoSans-Regular.ttf"
    if not path.exists():
        merged = Merger().merge([
            str(FONTS_DIR / "NotoSansArabic-Regular.ttf"),
            str(FONTS_DIR / "NotoSans-Regular.ttf"),
        ])
        path.parent.mkdir(parents=True, exist_ok=True)
        merged.save(str(path))
    return str(path)


def render_pillow(text: str, font_path: str) -> bytes:
    """The logical *text* shaped by Pillow's raqm layout: the reference rendering."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    size_px = round(LINE_FONT_PT * LINE_DPI / 72)
    font = ImageFont.truetype(font_path, size_px, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", LINE_SIZE_PX, 255)
    ImageDraw.Draw(image).text(
        (LINE_SIZE_PX[0] / 2, LINE_SIZE_PX[1] / 2), text, font=font, fill=0, anchor="mm"
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pillow_has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


# --------------------------------------------------------------------------
# The sample chart (three budgets), used by the export tests and the look-at-it check

BUDGETS = (
    # company (ar, en), app, budget in yuan — as the article gives them
    ("علي بابا", "Alibaba", "Qwen AI", 3_000_000_000),
    ("تينسنت", "Tencent", "Yuanbao", 1_000_000_000),
    ("بايدو", "Baidu", "Ernie", 500_000_000),
)

SAMPLE_TEXT = {
    "ar": {
        "title": "علي بابا تنفق على حملتها ثلاثة أضعاف ما أنفقته تينسنت",
        "subtitle": "ميزانيات حملات رأس السنة القمرية لتطبيقات الذكاء الاصطناعي، بالمليار يوان",
        "source": "المصدر: الخبر كما نُشر (علي بابا، تينسنت، بايدو)؛ الحساب: فريق المجموعة",
        "legend": "ميزانية الحملة",
        "ylabel": "مليار يوان",
    },
    "en": {
        "title": "Alibaba spends three times what Tencent spent on its campaign",
        "subtitle": "Lunar New Year campaign budgets for AI apps, CNY billion",
        "source": "Source: the article as published (Alibaba, Tencent, Baidu); "
                  "calculation: the collection",
        "legend": "Campaign budget",
        "ylabel": "CNY billion",
    },
}


def sample_chart(lang: str):
    """A bar chart of the three budgets with title, subtitle, source, legend."""
    from helpers.toolkit import fmt, style
    from helpers.toolkit.arabic import label

    style.use(lang)
    text = SAMPLE_TEXT[lang]
    fig, ax = style.subplots(lang=lang)
    names = [label(ar) if lang == "ar" else en for ar, en, _app, _v in BUDGETS]
    values = [amount / 1e9 for *_rest, amount in BUDGETS]
    colours = style.PALETTE[:3]
    bars = ax.bar(names, values, color=colours, label=label(text["legend"]), width=0.6)
    for bar, (*_rest, amount) in zip(bars, BUDGETS):
        ax.annotate(
            label(fmt.money(amount, "CNY", lang)),
            xy=(bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 6), textcoords="offset points", ha="center", va="bottom",
            fontsize=15,
        )
    ax.set_ylim(0, 4)
    style.order_categories(ax, lang)
    ax.yaxis.set_major_formatter(fmt.number_formatter(lang))
    ax.set_ylabel(label(text["ylabel"]))
    style.title(ax, text["title"], text["subtitle"], lang=lang)
    style.source_line(fig, text["source"], lang=lang)
    style.legend(ax, lang=lang)
    data = [
        {"company": en, "company_ar": ar, "app": app, "budget": amount, "currency": "CNY"}
        for ar, en, app, amount in BUDGETS
    ]
    return fig, ax, data
