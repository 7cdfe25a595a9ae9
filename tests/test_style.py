"""helpers.toolkit.style: fonts, palette (greyscale, colour-blind), mirrored Arabic layout."""
from __future__ import annotations

import io
import itertools

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.toolkit import arabic, style

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868],
                   [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968],
                     [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779],
                   [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}


def _linear(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    """CIE L*a*b* (D65) of a linear sRGB triple."""
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _rgb(hex_colour):
    return mpl.colors.to_rgb(hex_colour)


def _okabe_ito_shade(colour):
    """(Okabe-Ito colour, brightness factor) that *colour* is, or None."""
    rgb = np.array(_rgb(colour)) * 255
    for base in sorted(OKABE_ITO):
        base_rgb = np.array(_rgb(base)) * 255
        if not base_rgb.any():
            if not rgb.any():
                return base, 1.0
            continue
        factor = rgb.sum() / base_rgb.sum()
        if 0 < factor <= 1 and np.all(np.abs(base_rgb * factor - rgb) <= 1):
            return base, round(float(factor), 2)
    return None


def test_palette_is_okabe_ito_hues():
    """Each colour is an Okabe-Ito colour, at most darkened (same hue)."""
    assert len(style.PALETTE) >= 4
    for colour in style.PALETTE:
        assert _okabe_ito_shade(colour) is not None, colour


def test_palette_marks_stand_out_on_white():
    """WCAG 2.1, 1.4.11: marks and outlines need 3:1 against the background."""
    for name, colour in style.PALETTE_NAMES.items():
        assert style.contrast(colour, "white") >= 3.0, (name, colour, style.contrast(colour))


def test_palette_stays_apart_in_greyscale():
    """Printed in greyscale, every pair of series colours differs clearly."""
    from PIL import Image

    swatch = Image.new("RGB", (len(style.PALETTE), 1))
    for x, colour in enumerate(style.PALETTE):
        swatch.putpixel((x, 0), tuple(round(255 * v) for v in _rgb(colour)))
    grey = np.asarray(swatch.convert("L"), dtype=int)[0]  # ITU-R 601 luma, as printers do
    lightness = [_lab(_linear(_rgb(c)))[0] for c in style.PALETTE]
    for a, b in itertools.combinations(range(len(style.PALETTE)), 2):
        assert abs(grey[a] - grey[b]) >= 40, (style.PALETTE[a], style.PALETTE[b], grey)
        assert abs(lightness[a] - lightness[b]) >= 15, (style.PALETTE[a], style.PALETTE[b])


@pytest.mark.parametrize("deficiency", sorted(CVD))
def test_palette_stays_apart_for_colour_blind_readers(deficiency):
    simulated = [_lab(np.array(CVD[deficiency]) @ _linear(_rgb(c))) for c in style.PALETTE]
    for a, b in itertools.combinations(range(len(simulated)), 2):
        delta_e = float(np.linalg.norm(simulated[a] - simulated[b]))
        # CIE76 ΔE: 2.3 is just noticeable; 15 is unmistakable side by side.
        assert delta_e >= 15, (deficiency, style.PALETTE[a], style.PALETTE[b], delta_e)


# --------------------------------------------------------------------------
# Fonts


def test_vendored_fonts_and_licence_are_there():
    for weights in style.FONT_FILES.values():
        for path in weights.values():
            assert path.exists() and path.stat().st_size > 100_000, path
    licence = (arabic.FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "fonts-noto-core" in (arabic.FONTS_DIR / "README.md").read_text(encoding="utf-8")


def test_families_resolve_to_the_vendored_files():
    style.use("ar")
    for family, weights in style.FONT_FILES.items():
        for weight, path in weights.items():
            found = font_manager.findfont(
                font_manager.FontProperties(family=family, weight=weight),
                fallback_to_default=False,
            )
            assert found == str(path)


def test_a_system_font_of_the_same_name_does_not_win(monkeypatch):
    """A machine with its own "Noto Sans" must still draw with the vendored file."""
    manager = font_manager.fontManager
    impostor_file = font_manager.findfont("DejaVu Sans")
    impostor = font_manager.FontEntry(fname=impostor_file, name="Noto Sans", style="normal",
                                      variant="normal", weight=400, stretch="normal")
    monkeypatch.setattr(manager, "ttflist", [impostor, *manager.ttflist])
    manager._findfont_cached.cache_clear()
    try:
        style.register_fonts()
        assert impostor not in manager.ttflist
        assert font_manager.findfont("Noto Sans") == str(style.FONT_FILES["Noto Sans"]["normal"])
    finally:
        monkeypatch.undo()
        manager._findfont_cached.cache_clear()


# --------------------------------------------------------------------------
# use()


def _relevant(lang):
    return {key: mpl.rcParams[key] for key in style.rc(lang)}


def test_use_twice_is_harmless():
    style.use("ar")
    once = _relevant("ar")
    fonts = len(font_manager.fontManager.ttflist)
    style.use("ar")
    assert _relevant("ar") == once
    assert len(font_manager.fontManager.ttflist) == fonts
    style.use("en")
    style.use("ar")
    assert _relevant("ar") == once
    assert style.current_lang() == "ar"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of en, ar, got 'fr'"):
        style.use("fr")


def test_arabic_rc_mirrors_the_value_axis_and_legend():
    ar, en = style.rc("ar"), style.rc("en")
    assert ar["font.family"][0] == "Noto Sans Arabic" and en["font.family"][0] == "Noto Sans"
    assert ar["ytick.labelright"] and not ar["ytick.labelleft"]
    assert en["ytick.labelleft"] and not en["ytick.labelright"]
    assert ar["axes.titlelocation"] == "right" and en["axes.titlelocation"] == "left"
    assert ar["legend.loc"] == "upper right"
    assert ar["pdf.fonttype"] == 42


def test_text_language_is_set_where_raqm_can_use_it(monkeypatch):
    monkeypatch.setenv(arabic.ENGINE_ENV, "raqm")
    has_key = "text.language" in mpl.rcParams
    assert (style.rc("ar").get("text.language") == "ar") == has_key
    monkeypatch.setenv(arabic.ENGINE_ENV, "reshaper")
    assert "text.language" not in style.rc("ar")


def _laid_out(lang):
    style.use(lang)
    fig = Figure(figsize=style.SLIDE_SIZE, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    style.mirror(ax, lang)
    ax.bar(["a", "b"], [1, 2], label="series")
    title, subtitle = style.title(ax, "عنوان الرسم" if lang == "ar" else "Title",
                                  "عنوان فرعي" if lang == "ar" else "Subtitle", lang=lang)
    source = style.source_line(fig, "المصدر: الخبر" if lang == "ar" else "Source: the article",
                               lang=lang)
    legend = style.legend(ax, lang=lang)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = {
        "axes": ax.get_window_extent(renderer),
        "title": title.get_window_extent(renderer),
        "subtitle": subtitle.get_window_extent(renderer),
        "source": source.get_window_extent(renderer),
        "legend": legend.get_window_extent(renderer),
        "yticks": [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()],
    }
    return fig, ax, legend, boxes


def test_arabic_layout_is_on_the_right():
    _fig, ax, legend, box = _laid_out("ar")
    right = box["axes"].x1
    for key in ("title", "subtitle", "source"):
        assert abs(box[key].x1 - right) <= 2, (key, box[key], right)
    assert box["legend"].x1 > box["axes"].x0 + 0.75 * box["axes"].width
    assert all(tick.x0 >= right for tick in box["yticks"])
    assert ax.yaxis.get_label_position() == "right"
    assert legend._legend_box.align == "right" or not legend.get_texts()[0].get_text() == ""
    assert box["title"].y0 > box["subtitle"].y0 > box["axes"].y1


def test_english_layout_is_on_the_left():
    _fig, ax, _legend, box = _laid_out("en")
    left = box["axes"].x0
    for key in ("title", "subtitle", "source"):
        assert abs(box[key].x0 - left) <= 2, (key, box[key], left)
    assert all(tick.x1 <= left for tick in box["yticks"])
    assert box["title"].y0 > box["subtitle"].y0 > box["axes"].y1


def test_arabic_legend_puts_markers_right_of_text():
    _fig, _ax, legend, _box = _laid_out("ar")
    fig = legend.figure
    renderer = fig.canvas.get_renderer()
    text_box = legend.get_texts()[0].get_window_extent(renderer)
    handle_box = legend.legend_handles[0].get_window_extent(renderer)
    assert handle_box.x0 >= text_box.x1


def test_order_categories_only_for_arabic():
    fig = Figure()
    ax_ar, ax_en = fig.subplots(1, 2)
    style.order_categories(ax_ar, "ar")
    style.order_categories(ax_en, "en")
    style.order_categories(ax_ar, "ar")  # twice: still inverted once
    assert ax_ar.xaxis_inverted() and not ax_en.xaxis_inverted()


def test_helpers_pass_text_through_label(monkeypatch):
    monkeypatch.setenv(arabic.ENGINE_ENV, "reshaper")
    style.use("ar")
    fig = Figure(figsize=style.SLIDE_SIZE)
    ax = fig.add_subplot()
    title, subtitle = style.title(ax, "عنوان", "فرعي", lang="ar")
    source = style.source_line(fig, "المصدر", lang="ar")
    assert title.get_text() == arabic.label("عنوان") != "عنوان"
    assert subtitle.get_text() == arabic.label("فرعي")
    assert source.get_text() == arabic.label("المصدر")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")  # draws without error


# --------------------------------------------------------------------------
# Contrast (WCAG 2.1)


def test_contrast_follows_wcag():
    assert style.contrast("black") == pytest.approx(21.0)
    assert style.contrast("white") == pytest.approx(1.0)
    assert style.contrast("#777777") == pytest.approx(4.48, abs=0.01)  # WebAIM's reference grey
    assert style.contrast("#595959", "white") == style.contrast("white", "#595959")
    assert style.contrast(style.MUTED) >= 4.5  # the muted text colour stays readable text


# --------------------------------------------------------------------------
# legend_from: legend symbols are the plotted artists


def _plain_axes(lang="en"):
    style.use(lang)
    fig = Figure(figsize=style.SLIDE_SIZE, layout="none")
    FigureCanvasAgg(fig)
    return fig, fig.add_axes((0.1, 0.1, 0.8, 0.8))


def test_legend_from_draws_each_symbol_as_plotted():
    fig, ax = _plain_axes()
    (open_markers,) = ax.plot([0, 1], [1, 2], "o", markersize=11, markerfacecolor="white",
                              markeredgecolor="#0072B2", markeredgewidth=2, linestyle="none",
                              label="envelopes received")
    (dotted,) = ax.plot([0, 1], [0, 1], linestyle=":", linewidth=2, color=style.MUTED,
                        label="make-up workday")
    bars = ax.bar([2, 3], [1, 2], color="#000000", hatch="//", edgecolor="#0072B2",
                  label="budget")
    dots = ax.scatter([1, 2], [2, 1], s=80, color="#0072B2", marker="D", label="announcement")
    legend = style.legend_from(ax, [open_markers, dotted, bars, dots])
    fig.canvas.draw()
    assert [t.get_text() for t in legend.get_texts()] == [
        "envelopes received", "make-up workday", "budget", "announcement"]
    marker, line, patch, scatter = legend.legend_handles
    assert marker.get_marker() == "o" and marker.get_linestyle() == "None"
    assert marker.get_markerfacecolor() == "white"
    assert marker.get_markeredgecolor() == "#0072B2"
    assert marker.get_markeredgewidth() == 2
    assert line.get_linestyle() == ":" and line.get_color() == style.MUTED
    assert line.get_linewidth() == 2
    assert tuple(patch.get_facecolor()) == tuple(bars.patches[0].get_facecolor())
    assert patch.get_hatch() == "//"
    assert tuple(patch.get_edgecolor()) == tuple(bars.patches[0].get_edgecolor())
    assert (scatter.get_facecolor() == dots.get_facecolor()).all()
    assert scatter.get_paths()[0] == dots.get_paths()[0]


def test_legend_from_refuses_what_is_not_plotted_there_or_has_no_label():
    from matplotlib.lines import Line2D

    fig, ax = _plain_axes()
    other = fig.add_axes((0.5, 0.5, 0.3, 0.3))
    (here,) = ax.plot([0, 1], [0, 1], label="here")
    (there,) = other.plot([0, 1], [0, 1], label="there")
    (unlabelled,) = ax.plot([0, 1], [1, 0])
    with pytest.raises(ValueError, match="Line2D for 'there' is not drawn on this axes"):
        style.legend_from(ax, [here, there])
    with pytest.raises(ValueError, match="Line2D for 'made up' is not drawn on this axes"):
        style.legend_from(ax, [Line2D([], [], marker="o")], ["made up"])
    with pytest.raises(ValueError, match="Line2D has no label"):
        style.legend_from(ax, [unlabelled])
    with pytest.raises(ValueError, match="2 artists but 1 labels"):
        style.legend_from(ax, [here, unlabelled], ["one"])


def test_legend_from_in_arabic_labels_and_mirrors(monkeypatch):
    monkeypatch.setenv(arabic.ENGINE_ENV, "reshaper")
    fig, ax = _plain_axes("ar")
    (line,) = ax.plot([0, 1], [0, 1], "o-", label="ميزانية الحملة")
    legend = style.legend_from(ax, [line], lang="ar")
    assert legend.get_texts()[0].get_text() == arabic.label("ميزانية الحملة")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    text_box = legend.get_texts()[0].get_window_extent(renderer)
    assert legend.legend_handles[0].get_window_extent(renderer).x0 >= text_box.x1


def test_the_style_draws_no_text_under_12_pt():
    from helpers.toolkit import collisions

    sizes = {key: value for key, value in style.rc("en").items() if key.endswith("size")
             and isinstance(value, (int, float))}
    sizes.update(subtitle=style.SUBTITLE_SIZE, source=style.SOURCE_SIZE)
    assert min(sizes.values()) >= collisions.MIN_TEXT_PT, sizes


@pytest.mark.parametrize("count, ncols", [(6, 3), (4, 4), (3, 4), (4, 2)])
def test_arabic_legend_columns_start_on_the_right(count, ncols):
    """Entries given in reading order: in Arabic the first is top right, the next below it
    (or, in one row, to its left); English keeps matplotlib's left-to-right columns."""
    for lang in ("ar", "en"):
        style.use(lang)
        fig = Figure(figsize=style.SLIDE_SIZE)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        lines = [ax.plot([0, 1], [i, i], label=f"entry {i}")[0] for i in range(count)]
        legend = style.legend_from(ax, lines, lang=lang, ncols=ncols, loc="upper center")
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        boxes = {t.get_text(): t.get_window_extent(renderer) for t in legend.get_texts()}
        first, second = boxes["entry 0"], boxes["entry 1"]
        rows = -(-count // ncols)
        if lang == "en":
            assert first.x0 < boxes[f"entry {count - 1}"].x0
        elif rows == 1:
            assert second.x1 < first.x0  # the next entry to the left
        else:
            assert abs(second.x1 - first.x1) < 1 and second.y1 < first.y0  # below, same column
            assert first.x1 >= max(b.x1 for b in boxes.values()) - 1  # in the rightmost column
