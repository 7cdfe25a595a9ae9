"""Arabic reading test: does what the project draws read right, to a reader?

Each string is drawn by the installed matplotlib through ``style.use("ar")``
and ``arabic.label`` and read back with tesseract (``-l ara``). The same
logical string shaped by Pillow's raqm layout, with the same fonts, is the
reference: the project's rendering must read at least as well (within a small
tolerance) and above an absolute floor. A negative control proves the test
can fail: the *other* engine's recipe (reshape + reorder on a raqm
matplotlib, the raw logical string on a matplotlib without shaping) must read
clearly worse.

This file also runs in the matplotlib 3.10 environment
(compat/requirements-mpl310.txt), where ``engine()`` is "reshaper": it imports
nothing that environment lacks (no pandas, no hypothesis).

The scores are written to build/test-artifacts/figures/reading-<engine>-mpl<version>.md.
"""
from __future__ import annotations

import os
import statistics
from concurrent.futures import ThreadPoolExecutor

import figures_support as support
import pytest

STRINGS = [
    # plain sentence
    "علي بابا تستثمر في الذكاء الاصطناعي",
    # lam-alef, and lam-alef with hamza below
    "لا للإعلانات المضللة",
    "الإنفاق على الحملات الإعلانية",
    # full tashkeel
    "شُكْرًا لِلْمُسْتَخْدِمِينَ الجُدُد",
    # Latin words inside Arabic
    "تطبيق Qwen AI للدردشة",
    # Western digits inside Arabic
    "خصصت الشركة 3 مليارات يوان",
    # percent
    "نسبة النمو 45% هذا العام",
    # brackets (mirrored in right-to-left text)
    "المنافسة (بين الشركات) تتصاعد",
    # colon
    "المصدر: وكالة رويترز",
    # Eastern Arabic digits
    "ميزانية قدرها ٣ مليارات يوان",
    "عطلة رأس السنة القمرية تبدأ في ١٥ فبراير",
    # a long title with a Latin name
    "علي بابا تنفق على حملة رأس السنة القمرية ثلاثة أضعاف ما أنفقته تينسنت على تطبيق Yuanbao",
    # colon, digits and two amounts
    "تينسنت وبايدو: مليار يوان و500 مليون يوان",
    # starts with digits; square brackets
    "431 مليون دولار أمريكي [تقديرات]",
    # Arabic question mark
    "هل تنجح الحملة؟ الإجابة بعد العطلة",
    # Arabic commas
    "الذكاء الاصطناعي، والسفر، والإنفاق المكثف",
    # years and a colon
    "مقارنة بين 2015 و2025: الظرف الأحمر الرقمي",
    # hamza forms, alef maksura, lam-alef
    "إلى الأمام مع الأصدقاء والعائلة",
]

#: The project's rendering may read at most this much worse than Pillow's.
TOLERANCE = 0.05
#: No string may read worse than this (the Latin words cap a few near 0.65:
#: tesseract's Arabic model does not read Latin, for either rendering).
FLOOR = 0.6
#: The wrong recipe must read at least this much worse on average.
CONTROL_GAP = 0.4

_SKIP = support.tesseract_missing_reason()


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    """Every string drawn three ways and read by tesseract, once per module."""
    import matplotlib

    from helpers.toolkit import arabic, style

    if _SKIP is not None:
        pytest.skip(_SKIP)
    if not support.pillow_has_raqm():
        pytest.skip("Pillow was built without raqm: no reference rendering")
    style.use("ar")
    engine = arabic.engine()
    font = support.merged_font(str(tmp_path_factory.mktemp("fonts")))
    wrong_recipe = arabic.to_visual if engine == "raqm" else (lambda text: text)
    pictures = support.ARTIFACTS / "reading" / f"{engine}-mpl{matplotlib.__version__}"
    pictures.mkdir(parents=True, exist_ok=True)

    def read(index_text):
        index, text = index_text
        drawn = {
            "project": support.render_matplotlib(arabic.label(text)),
            "pillow": support.render_pillow(text, font),
            "wrong": support.render_matplotlib(wrong_recipe(text)),
        }
        scores, reads = {}, {}
        for kind, png in drawn.items():
            (pictures / f"{index:02d}-{kind}.png").write_bytes(png)
            reads[kind] = support.ocr(png)
            scores[kind] = support.similarity(reads[kind], text)
        return text, scores, reads

    # Two cores: two tesseracts at a time, one if pytest-xdist already runs two files.
    threads = 1 if os.environ.get("PYTEST_XDIST_WORKER") else 2
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = {text: (scores, reads)
                   for text, scores, reads in pool.map(read, enumerate(STRINGS))}
    _write_table(results, engine, matplotlib.__version__)
    return engine, results


def _write_table(results, engine, version):
    lines = [
        f"# Arabic reading test — engine {engine}, matplotlib {version}",
        "",
        "Similarity of tesseract's reading to the string meant (1.0 = identical).",
        "",
        "| # | string | project | Pillow (raqm) | wrong recipe |",
        "|---|---|---|---|---|",
    ]
    for number, (text, (scores, _reads)) in enumerate(results.items()):
        cells = " | ".join(f"{scores[kind]:.2f}" for kind in ("project", "pillow", "wrong"))
        lines.append(f"| {number} | {text} | {cells} |")
    means = {kind: statistics.mean(s[kind] for s, _ in results.values())
             for kind in ("project", "pillow", "wrong")}
    cells = " | ".join(f"{means[kind]:.3f}" for kind in ("project", "pillow", "wrong"))
    lines.append(f"| | **mean** | {cells} |")
    support.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (support.ARTIFACTS / f"reading-{engine}-mpl{version}.md").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )


def test_there_are_enough_strings_of_every_kind():
    joined = "".join(STRINGS)
    assert len(STRINGS) >= 15
    for needed in ("لا", "لإ", "ُ", "%", "(", ":", "؟", "،", "٣", "Qwen"):
        assert needed in joined, needed
    assert any(len(text) > 60 for text in STRINGS)


@pytest.mark.parametrize("text", STRINGS, ids=[f"string{i:02d}" for i in range(len(STRINGS))])
def test_project_reads_at_least_as_well_as_pillow(readings, text):
    engine, results = readings
    scores, reads = results[text]
    detail = f"engine {engine}; read {reads['project']!r} vs pillow {reads['pillow']!r}"
    assert scores["project"] >= scores["pillow"] - TOLERANCE, detail
    assert scores["project"] >= FLOOR, detail


def test_project_reads_as_well_as_pillow_on_average(readings):
    _engine, results = readings
    project = statistics.mean(s["project"] for s, _ in results.values())
    pillow = statistics.mean(s["pillow"] for s, _ in results.values())
    assert project >= pillow - 0.02
    assert project >= 0.85


def test_negative_control_wrong_recipe_reads_clearly_worse(readings):
    """Proves the reader can fail: the other engine's recipe reads badly here."""
    engine, results = readings
    project = statistics.mean(s["project"] for s, _ in results.values())
    wrong = statistics.mean(s["wrong"] for s, _ in results.values())
    assert wrong <= project - CONTROL_GAP, (engine, project, wrong)
    worse = [text for text, (s, _) in results.items() if s["wrong"] < s["project"]]
    assert len(worse) == len(STRINGS), f"wrong recipe not worse for: {set(STRINGS) - set(worse)}"


def test_engine_agrees_with_what_matplotlib_is_known_to_do(monkeypatch):
    """Cross-check of the behaviour probe: raqm from 3.11 on, none before."""
    import matplotlib

    from helpers.toolkit import arabic

    monkeypatch.delenv(arabic.ENGINE_ENV, raising=False)
    major, minor = (int(part) for part in matplotlib.__version__.split(".")[:2])
    expected = "raqm" if (major, minor) >= (3, 11) else "reshaper"
    assert arabic.engine() == expected, arabic.probe()
    assert not arabic.probe().forced


# --------------------------------------------------------------------------
# Layout of Arabic text on the figure (no OCR needed)


def _ink_rows(fig, box):
    """Rows (top to bottom) holding dark pixels inside *box* of the drawn figure."""
    import numpy as np

    pixels = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].min(axis=2)
    height = pixels.shape[0]
    top, bottom = height - int(box.y1), height - int(box.y0)
    dark = (pixels[top:bottom, int(box.x0):int(box.x1)] < 160).any(axis=1)
    return np.flatnonzero(dark) + top


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_title_and_subtitle_ink_do_not_touch(lang):
    """Between the title's lowest ink (descenders of ي ع ق) and the subtitle's
    highest ink (alef, lam, hamza) there is clear space, on this matplotlib
    (text boxes are no guide: from 3.11 they include the fonts' line gaps)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.toolkit import style

    style.use(lang)
    fig = Figure(figsize=style.SLIDE_SIZE, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    text = support.SAMPLE_TEXT[lang]
    title, subtitle = style.title(ax, text["title"], text["subtitle"], lang=lang)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    title_box = title.get_window_extent(renderer)
    subtitle_box = subtitle.get_window_extent(renderer)
    assert max(title_box.x0, subtitle_box.x0) < min(title_box.x1, subtitle_box.x1)
    gap = _ink_rows(fig, subtitle_box).min() - _ink_rows(fig, title_box).max()
    assert gap >= 8, f"{lang}: only {gap} px between title and subtitle ink"
    assert gap <= 30, f"{lang}: {gap} px between title and subtitle: they look unrelated"
