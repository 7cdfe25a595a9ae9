"""House style for the collection's figures, in Arabic and in English.

``use(lang)`` registers the vendored fonts (helpers/toolkit/fonts: Noto Sans Arabic
and Noto Sans, OFL), sets the rcParams (slide size, sizes, palette, layout)
and, for Arabic, mirrors the layout where Arabic readers expect it: title,
subtitle, source line and legend on the right, value axis on the right. Time
still runs left to right: x axes are never inverted. Calling it again, with
either language, simply re-applies the settings.

Small helpers used by the notebooks, all passing text through
``helpers.toolkit.arabic.label`` (so Arabic displays right on any matplotlib):
``subplots``, ``mirror``, ``title``, ``source_line``, ``legend``,
``legend_from`` (a legend whose symbols are the plotted artists),
``order_categories``; and ``contrast`` (WCAG 2.1 contrast ratio).
"""
from __future__ import annotations

import matplotlib as mpl
from matplotlib import font_manager

from . import arabic, langs
from .arabic import label

__all__ = [
    "LANGS",
    "SLIDE_SIZE",
    "FONT_FILES",
    "FAMILIES",
    "PALETTE",
    "PALETTE_NAMES",
    "ROLES",
    "colour",
    "colour_word",
    "ink_on",
    "INK",
    "MUTED",
    "QUIET",
    "GRID",
    "register_fonts",
    "rc",
    "use",
    "current_lang",
    "side",
    "subplots",
    "mirror",
    "title",
    "source_line",
    "order_categories",
    "legend",
    "legend_from",
    "relative_luminance",
    "contrast",
]

LANGS = langs.LANGS

#: PowerPoint's 16:9 slide, in inches; figures.save renders it at 2560x1440.
SLIDE_SIZE = (40 / 3, 7.5)

#: family name -> {weight: file} for the vendored fonts.
FONT_FILES = {
    "Noto Sans Arabic": {
        "normal": arabic.FONTS_DIR / "NotoSansArabic-Regular.ttf",
        "bold": arabic.FONTS_DIR / "NotoSansArabic-Bold.ttf",
    },
    "Noto Sans": {
        "normal": arabic.FONTS_DIR / "NotoSans-Regular.ttf",
        "bold": arabic.FONTS_DIR / "NotoSans-Bold.ttf",
    },
}

#: Font fallback lists per language (matplotlib >= 3.6 falls back per glyph); from langs.
FAMILIES = {code: list(language.fonts) for code, language in langs.LANGUAGES.items()}

class _Palette(dict):
    """The named colours; a name that has left the palette says what replaced it."""

    _REPLACED = {"yellow": "brown"}

    def __missing__(self, name):
        if name in self._REPLACED:
            raise KeyError(f"{name!r} left the palette (under 3:1 contrast on white); "
                           f"use {self._REPLACED[name]!r}")
        raise KeyError(name)


#: Okabe & Ito's colour-blind-safe hues, every one at least 3:1 against
#: white (WCAG 2.1, 1.4.11: marks and outlines must stand out on slides):
#: blue and black as they are (5.2:1, 21:1), their orange at 86 % brightness
#: (3.0:1; the original is 2.25:1) and their vermillion at 38 % (13.1:1),
#: as a brown that replaces their yellow (1.32:1). The lightnesses (CIE L*
#: 46, 62, 0, 20; grey levels 87, 140, 0, 45) keep the four apart in
#: greyscale. With four colours 40 grey levels apart and all of them at 3:1,
#: the lightest can only just pass and one must be nearly black.
#: tests/test_style.py checks all of it.
PALETTE_NAMES = _Palette({
    "blue": "#0072B2",
    "orange": "#C68900",
    "black": "#000000",
    "brown": "#512400",
})
PALETTE = list(PALETTE_NAMES.values())

#: What each colour means. Figures ask for a role, never for a hue, and alt text names the
#: colour of a role through :func:`colour_word`, so changing the palette cannot make a
#: figure's alt text describe a colour it no longer has.
ROLES = {
    "subject": "orange",  # the article's own company
    "rival": "blue",  # its rivals
    "context": "black",  # everything else on the page: other actors, markers
    "other": "brown",  # a fourth group where one is needed
    "reaction": "brown",  # reactions to an event (app stores, markets)
    # a fact-check's verdicts
    "holds": "blue",
    "partly holds": "orange",
    "does not hold": "black",
    "cannot be checked": "brown",
}

INK = "#222222"  # titles, labels
MUTED = "#595959"  # subtitle, source line (4.5:1+ on white)
#: Marks that set the scene for the one the chart is about (the usual years behind this
#: year): the lightest grey that still stands out on white at 3:1 (WCAG 2.1, 1.4.11).
QUIET = "#909090"
GRID = "#DDDDDD"

_SIZES = {
    "font.size": 14,
    "axes.titlesize": 24,
    "axes.labelsize": 14,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "figure.titlesize": 24,
}
SUBTITLE_SIZE = 17
#: The smallest text the style draws: 12 pt is the least that still reads on
#: a projected 16:9 slide (collisions.MIN_TEXT_PT checks every text).
SOURCE_SIZE = 12

_current_lang: str | None = None


def _check_lang(lang: str | None) -> str:
    if lang is None:
        return current_lang()
    return langs.check(lang)


def current_lang() -> str:
    """The language of the last ``use()`` call ("en" before any)."""
    return _current_lang or "en"


def side(lang: str | None = None) -> str:
    """Where text starts for *lang*: "right" for Arabic, "left" for English."""
    return "right" if langs.get(_check_lang(lang)).rtl else "left"


def _title_gap(lang: str) -> float:
    """Points between the subtitle's box and the title's box.

    Text boxes differ by matplotlib: from 3.11 (the raqm engine) a box spans
    the font's full line height (Noto Sans Arabic's is tall: about twice the
    size), before it hugs the glyphs. These values give 12-20 px of clear
    space between the title's descenders and the subtitle's tallest letters
    at 100 dpi on both (measured on the pixels by
    tests/test_arabic_reading.py::test_title_and_subtitle_ink_do_not_touch).
    """
    if arabic.engine() == "raqm":
        # Noto Sans Arabic's line box is about twice its size; Noto Sans's is not.
        return -4.0 if FAMILIES[lang][0] == "Noto Sans Arabic" else 3.0
    return 9.0


def colour(role: str) -> str:
    """The hex colour of a role ("subject", "rival", ...) or of a palette name."""
    name = ROLES.get(role, role)
    try:
        return PALETTE_NAMES[name]
    except KeyError:
        raise KeyError(f"no colour for role or palette name {role!r}; roles: {', '.join(ROLES)}") from None


def ink_on(fill: str) -> str:
    """White or black, whichever reads better on *fill* (by WCAG relative luminance)."""
    from matplotlib.colors import to_rgb

    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(fill))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast with white is 1.05 / (L + 0.05); with black (L + 0.05) / 0.05.
    return "white" if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 else "black"


def colour_word(role: str, lang: str) -> str:
    """How a reader of *lang* names the colour of *role* (for alt text and captions)."""
    return langs.get(lang).word(f"colour_{ROLES.get(role, role)}")


def register_fonts() -> None:
    """Make the vendored fonts the ones matplotlib finds for their families.

    Idempotent. Any other font file of the same family names (a system-wide
    Noto install, say) is dropped from the font list, so figures never depend
    on what a machine happens to have; then every family/weight is checked to
    resolve to the vendored file.
    """
    manager = font_manager.fontManager
    ours = {str(path) for weights in FONT_FILES.values() for path in weights.values()}
    known = {entry.fname for entry in manager.ttflist}
    others = [
        entry
        for entry in manager.ttflist
        if entry.name in FONT_FILES and entry.fname not in ours
    ]
    if others:
        manager.ttflist = [e for e in manager.ttflist if e not in others]
    missing = sorted(ours - known)
    for path in missing:
        manager.addfont(path)  # also clears findfont's cache
    if others and not missing:
        manager._findfont_cached.cache_clear()
    for family, weights in FONT_FILES.items():
        for weight, path in weights.items():
            found = manager.findfont(
                font_manager.FontProperties(family=family, weight=weight),
                fallback_to_default=False,
            )
            if found != str(path):
                raise RuntimeError(
                    f"font family {family!r} ({weight}) resolves to {found}, "
                    f"not to the vendored {path}"
                )


def rc(lang: str) -> dict:
    """The rcParams for *lang* (no side effects)."""
    lang = _check_lang(lang)
    arabic_layout = langs.get(lang).rtl  # mirrored for every right-to-left language
    params = {
        "font.family": FAMILIES[lang],
        **_SIZES,
        "axes.titleweight": "bold",
        "axes.titlelocation": side(lang),
        "axes.titlepad": 10,
        # A slide-safe margin: text never runs to the very edge of the canvas.
        "figure.constrained_layout.w_pad": 0.3,
        "figure.constrained_layout.h_pad": 0.25,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "text.color": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "axes.spines.top": False,
        # The value axis sits on the reader's starting side.
        "axes.spines.left": not arabic_layout,
        "axes.spines.right": arabic_layout,
        "ytick.left": not arabic_layout,
        "ytick.labelleft": not arabic_layout,
        "ytick.right": arabic_layout,
        "ytick.labelright": arabic_layout,
        "legend.loc": "upper right" if arabic_layout else "upper left",
        "legend.frameon": False,
        "figure.figsize": SLIDE_SIZE,
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "figure.constrained_layout.use": True,
        # Exports: TrueType in PDF/PS (Arabic copies as letters), glyphs as
        # paths in SVG (no font needed to view), fixed SVG ids.
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "collection",
    }
    # matplotlib >= 3.11: tell raqm the language (locale-specific shaping).
    if "text.language" in mpl.rcParams and arabic.engine() == "raqm":
        params["text.language"] = lang
    return params


def use(lang: str) -> None:
    """Apply the house style for *lang* (a code of helpers.toolkit.langs). Harmless to repeat."""
    global _current_lang
    lang = _check_lang(lang)
    register_fonts()
    mpl.rcParams.update(rc(lang))
    _current_lang = lang


def mirror(ax, lang: str | None = None):
    """Put *ax*'s value axis (ticks, labels, y label) on the reader's side."""
    if langs.get(_check_lang(lang)).rtl:
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
    else:
        ax.yaxis.tick_left()
        ax.yaxis.set_label_position("left")
    return ax


def subplots(nrows: int = 1, ncols: int = 1, *, lang: str | None = None, **kwargs):
    """``plt.subplots`` at slide size, constrained layout, mirrored for Arabic."""
    import matplotlib.pyplot as plt
    import numpy as np

    lang = _check_lang(lang)
    kwargs.setdefault("figsize", SLIDE_SIZE)
    kwargs.setdefault("layout", "constrained")
    fig, axes = plt.subplots(nrows, ncols, **kwargs)
    for ax in np.atleast_1d(axes).ravel():
        mirror(ax, lang)
    return fig, axes


def title(ax, text: str, subtitle: str | None = None, *, lang: str | None = None):
    """Title (bold) and optional subtitle (muted) on the reader's side of *ax*.

    Without a subtitle the title is the axes title. With one, the subtitle
    sits just above the axes and the title is anchored to the subtitle's
    box, so whatever the fonts' heights the two never overlap; both belong to
    the axes, so constrained layout keeps them on the canvas.
    Returns ``(title_text, subtitle_text_or_None)``.
    """
    lang = _check_lang(lang)
    where = side(lang)
    x = 1.0 if where == "right" else 0.0
    if not subtitle:
        title_artist = ax.set_title(label(text), loc=where)
        title_artist.set_multialignment(where)
        return title_artist, None
    sub_artist = ax.annotate(
        label(subtitle),
        xy=(x, 1.0), xycoords="axes fraction",
        xytext=(0, mpl.rcParams["axes.titlepad"]), textcoords="offset points",
        ha=where, va="bottom", multialignment=where,
        fontsize=SUBTITLE_SIZE, color=MUTED, annotation_clip=False,
    )
    title_artist = ax.annotate(
        label(text),
        xy=(x, 1.0), xycoords=sub_artist,  # the top corner of the subtitle's box
        xytext=(0, _title_gap(lang)), textcoords="offset points",
        ha=where, va="bottom", multialignment=where,
        fontsize=mpl.rcParams["axes.titlesize"],
        fontweight=mpl.rcParams["axes.titleweight"],
        color=mpl.rcParams["axes.titlecolor"] if mpl.rcParams["axes.titlecolor"] != "auto" else INK,
        annotation_clip=False,
    )
    return title_artist, sub_artist


def source_line(fig, text: str, *, lang: str | None = None, ax=None):
    """The muted "Source: …" line at the bottom of *fig*, on the reader's side.

    Drawn as the figure's supxlabel so constrained layout reserves room for
    it. Its edge lines up with *ax*'s (by default the figure's only axes, so
    it aligns with the title); with several axes and no *ax*, with the
    figure's edge.
    """
    from matplotlib.transforms import blended_transform_factory

    lang = _check_lang(lang)
    where = side(lang)
    if ax is None and len(fig.axes) == 1:
        ax = fig.axes[0]
    if ax is None:
        x, transform = (0.99 if where == "right" else 0.01), None
    else:
        # x follows the axes edge after layout; y stays in figure fraction.
        x = 1.0 if where == "right" else 0.0
        transform = blended_transform_factory(ax.transAxes, fig.transSubfigure)
    artist = fig.supxlabel(
        label(text), x=x, ha=where, multialignment=where,
        fontsize=SOURCE_SIZE, color=MUTED,
    )
    if transform is not None:
        artist.set_transform(transform)
    return artist


def relative_luminance(colour) -> float:
    """WCAG 2.1 relative luminance of an opaque *colour* (any matplotlib colour)."""
    red, green, blue = mpl.colors.to_rgb(colour)

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(colour, background="white") -> float:
    """WCAG 2.1 contrast ratio of *colour* on *background*, from 1 to 21.

    Marks and outlines need 3:1 against what they sit on (success criterion
    1.4.11, non-text contrast); body text 4.5:1 (1.4.3). Transparency is
    ignored: composite a translucent colour over its background first.
    """
    lighter, darker = sorted((relative_luminance(colour), relative_luminance(background)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def order_categories(ax, lang: str | None = None):
    """For Arabic, put the first category of *ax*'s x axis on the right.

    Inverts the x axis, so use it for categories only, never for time (time
    runs left to right in both languages).
    """
    if langs.get(_check_lang(lang)).rtl and not ax.xaxis_inverted():
        ax.invert_xaxis()
    return ax


def legend(ax, *args, lang: str | None = None, **kwargs):
    """``ax.legend`` with labels through ``label()``; for Arabic, markers right of text and
    the first entry where an Arabic reader starts (the right of a row, the top of the
    rightmost column; see :func:`_columns_from_the_right`).

    Labels may be given already passed through ``label`` or not: ``label``
    is idempotent.
    """
    lang = _check_lang(lang)
    if "labels" in kwargs:
        kwargs["labels"] = [label(text) for text in kwargs["labels"]]
    elif len(args) == 2:  # (handles, labels)
        args = (args[0], [label(text) for text in args[1]])
    elif len(args) == 1:  # (labels,)
        args = ([label(text) for text in args[0]],)
    elif not args:
        handles, labels = ax.get_legend_handles_labels()
        args = (handles, [label(text) for text in labels])
    if langs.get(lang).rtl:
        kwargs.setdefault("markerfirst", False)
        kwargs.setdefault("alignment", "right")
        if len(args) == 2:
            args = _columns_from_the_right(*args, kwargs.get("ncols", kwargs.get("ncol", 1)))
    else:
        kwargs.setdefault("alignment", "left")
    return ax.legend(*args, **kwargs)


def _columns_from_the_right(handles, labels, ncols: int):
    """Entries reordered so that a right-to-left reader meets them in the order given.

    matplotlib fills a legend's columns left to right, top to bottom (``np.array_split``
    into *ncols* columns); an Arabic reader starts at the right. One row is simply
    reversed; full columns are reversed as columns, each keeping its top-to-bottom order.
    Columns of unequal length cannot be mirrored that way and keep the order given.
    """
    handles, labels = list(handles), list(labels)
    count = len(handles)
    if ncols <= 1 or count != len(labels):
        return handles, labels
    if count <= ncols:
        return handles[::-1], labels[::-1]
    if count % ncols:
        return handles, labels
    rows = count // ncols
    order = [c * rows + r for c in reversed(range(ncols)) for r in range(rows)]
    return [handles[i] for i in order], [labels[i] for i in order]


def _drawn_on(artist, ax) -> bool:
    from matplotlib.container import Container

    if isinstance(artist, Container):
        parts = [part for part in artist.get_children() if part is not None]
        return bool(parts) and all(_drawn_on(part, ax) for part in parts)
    return getattr(artist, "axes", None) is ax and artist in ax.get_children()


def legend_from(ax, artists, labels=None, *, lang: str | None = None, **kwargs):
    """A legend whose symbols are the very artists drawn on *ax*.

    *artists* are what the plotting calls returned (a Line2D, the bars of
    ``ax.bar`` (a container), a scatter's collection, a patch...), in legend
    order; *labels* default to each artist's own label. matplotlib draws
    every legend symbol from the artist it stands for, so colour, marker,
    fill, line style and hatch cannot disagree with the plot, as hand-made
    ``Line2D([], [])`` handles can. An artist not drawn on *ax*, or without
    a label, is refused. Other arguments go to :func:`legend`.
    """
    from matplotlib.container import Container

    artists = list(artists)
    if not artists:
        raise ValueError("legend_from(): no artists given")
    if labels is None:
        labels = []
        for artist in artists:
            text = artist.get_label() if hasattr(artist, "get_label") else None
            if not isinstance(text, str) or not text or text.startswith("_"):
                raise ValueError(
                    f"legend_from(): {type(artist).__name__} has no label; pass label=... "
                    "when plotting it, or labels=[...]"
                )
            labels.append(text)
    labels = list(labels)
    if len(labels) != len(artists):
        raise ValueError(f"legend_from(): {len(artists)} artists but {len(labels)} labels")
    for artist, text in zip(artists, labels):
        if not _drawn_on(artist, ax):
            kind = "container" if isinstance(artist, Container) else type(artist).__name__
            raise ValueError(
                f"legend_from(): the {kind} for {text!r} is not drawn on this axes; "
                "build the legend from what was plotted there"
            )
    return legend(ax, artists, labels, lang=lang, **kwargs)
