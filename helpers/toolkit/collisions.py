"""Does anything collide in a drawn figure? Measured on rendered ink.

``measure(fig, name, lang)`` lays the figure out, rasterises every drawn text
(its glyphs and, separately, its box), every data mark, reference line, axis
spine and tick mark on its own into an Agg buffer at the figure's dpi, and
compares the pixels each one inks. Bounding boxes alone would call two labels
colliding when only their (tall) line boxes touch, and miss a long rotated
label crossing a bar; ink does neither. A text's ink counts with the gaps
along its lines filled in (row by row, from its first inked pixel to its
last), because a line through the space between two words cuts the label as
surely as one through a letter. It returns a :class:`Report` of
:class:`Finding` s, each naming the figure, the language and the two artists
(texts as typed: Arabic that arrives reshaped is shown in logical order):

=====================  ===================================================
kind                   what was measured
=====================  ===================================================
``text/text``          the glyphs of two texts overlap
``box/box``            two label boxes (``bbox=``, a legend frame) overlap
``text under box``     a text's glyphs lie under another label's box,
                       which is drawn later (so it hides them)
``text over box``      a text without a box of its own is drawn over
                       another label's box
``text/mark``          glyphs cross or touch a data mark: line, marker,
                       bar, patch, area, arrow, image, or a legend symbol
``text/reference line``  glyphs cross or touch an ``axvline``/``axhline``/``axline``
``text/spine``         glyphs cross or touch an axis spine or tick mark
``outside own box``    a text declared inside an artist sticks out of it
``off canvas``         a text's ink (or its box) leaves the canvas
``safe margin``        a text's ink (or its box) enters the canvas' margin
``small text``         text under ``MIN_TEXT_PT`` at the 16:9 slide size
``low contrast``       a mark or a box outline under ``MIN_CONTRAST`` : 1
                       against its background (WCAG 2.1, 1.4.11)
=====================  ===================================================

What is deliberately *not* a collision (not measured at all, or a rule in
``_exempt`` and ``_check_labels`` below):

- gridlines are never marks (a label, boxed in white or not, may sit on one);
- a text's own box, and its own annotation arrow (which may start inside it);
- a legend's texts on the legend's own frame;
- backgrounds: the figure's and the axes' patches;
- for contrast: shaded bands (``axvspan``/``axhspan``), which mark a period
  and are read with their label; legend symbols (copies of marks that are
  measured themselves); a legend's frame (decoration).

"Touch" means within ``CLEARANCE_PX`` of the mark's ink: a letter that only
grazes a spine (a hamza on the axis line) reads as crossed on a projector.

Tick labels next to their own axis' spine and ticks, and a legend's texts
next to their own symbols, are *not* exempt: their ink does not touch at any
padding matplotlib draws them with, and when it does touch (a negative pad,
a symbol pushed into its text) a reader sees a line through a number.

Anything else that overlaps on purpose is declared next to the code that
draws it, so the exemption is visible there:

- ``allow_inside(text, artist)``: a value label inside its own bar or box.
  The overlap with that artist is allowed, and the text must stay inside it
  (else ``outside own box``);
- ``allow(text, artist, reason)``: any other overlap, with the reason.

Timing on the collection's figures is in bench/bench_collisions.py.
"""
from __future__ import annotations

import copy
import time
import weakref
from dataclasses import dataclass, field

from . import arabic

__all__ = [
    "KINDS",
    "COLLISION_KINDS",
    "LEGIBILITY_KINDS",
    "CLEARANCE_PX",
    "MIN_TEXT_PT",
    "MIN_CONTRAST",
    "SAFE_MARGIN_IN",
    "Finding",
    "Report",
    "FigureCheckError",
    "FigureCollisionError",
    "FigureLegibilityError",
    "measure",
    "allow",
    "allow_inside",
    "overlay",
]

COLLISION_KINDS = (
    "text/text",
    "box/box",
    "text under box",
    "text over box",
    "text/mark",
    "text/reference line",
    "text/spine",
    "outside own box",
    "off canvas",
    "safe margin",
)
LEGIBILITY_KINDS = ("small text", "low contrast")
KINDS = COLLISION_KINDS + LEGIBILITY_KINDS

#: Smallest text, in points at the 16:9 slide size (13.33 x 7.5 in).
MIN_TEXT_PT = 12.0
#: WCAG 2.1 success criterion 1.4.11 (non-text contrast).
MIN_CONTRAST = 3.0
#: Text keeps this far from every edge of the canvas, in inches at slide
#: size (1.9 % of the width, 3.3 % of the height). The house style's
#: constrained-layout padding (0.3 in across, 0.25 in up and down) keeps the
#: laid-out text clear of it; a label placed by hand may not.
SAFE_MARGIN_IN = 0.25

# A pixel is ink when the artist covers at least this share of its most
# opaque pixel: the faint anti-aliased fringe of a glyph is not ink, the
# whole of a translucent band is. Below the floor (of 255) nothing is.
_INK_SHARE = 0.3
_INK_FLOOR = 8
# Two artists collide when at least this many pixels (at the figure's dpi,
# 100 for the house style) are ink in both: one grazing pixel is not a
# collision a reader sees.
_MIN_OVERLAP_PX = 3
#: Text keeps this many pixels (at the figure's dpi: 0.03 in, about 2 pt at
#: slide size) clear of marks, lines and spines. The collection's figures keep
#: 5 or more; tick labels sit 3.5 pt from their own axis.
CLEARANCE_PX = 3
# Pixels of room around an artist's extent when cropping its ink.
_CROP_PAD_PX = 8
# Room drawn around the canvas so that ink leaving it can be measured.
_OUTSIDE_PX = 256
_NAME_CHARS = 60

_MARK_KINDS = {  # mark kind -> finding kind
    "spine": "text/spine",
    "tick marks": "text/spine",
    "reference line": "text/reference line",
}


class FigureCheckError(ValueError):
    """A figure failed the collision or legibility check; ``.report`` has it all."""

    def __init__(self, report: "Report"):
        self.report = report
        super().__init__(report.describe())


class FigureCollisionError(FigureCheckError):
    """Something in the figure collides (and maybe some text is illegible too)."""


class FigureLegibilityError(FigureCheckError):
    """Nothing collides, but some text is too small or a colour too faint."""


@dataclass(frozen=True)
class Finding:
    """One problem in one figure: what kind, which artists, where.

    *first* and *second* name the artists (texts quoted, as typed); *second*
    is empty for the one-artist kinds. *region* is (x0, y0, x1, y1) in canvas
    pixels at the figure's dpi, from the top-left corner.
    """

    kind: str
    figure: str
    lang: str
    first: str
    second: str
    detail: str
    region: tuple[int, int, int, int] = (0, 0, 0, 0)

    def __str__(self) -> str:
        where = f"{self.figure} [{self.lang}]" if self.lang else self.figure
        pair = f"{self.first} / {self.second}" if self.second else self.first
        return f"{where}: {self.kind}: {pair} ({self.detail})"


@dataclass
class Report:
    """Everything ``measure`` found in one figure, and its extremes."""

    figure: str
    lang: str
    findings: list[Finding] = field(default_factory=list)
    smallest_text_pt: float = float("inf")
    smallest_text: str = ""
    lowest_contrast: float = float("inf")
    lowest_contrast_artist: str = ""
    texts: int = 0
    marks: int = 0
    seconds: float = 0.0

    @property
    def collisions(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in COLLISION_KINDS]

    @property
    def legibility(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in LEGIBILITY_KINDS]

    def counts(self) -> dict[str, int]:
        """Number of findings of every kind (zeros included), in KINDS order."""
        counts = dict.fromkeys(KINDS, 0)
        for finding in self.findings:
            counts[finding.kind] += 1
        return counts

    def describe(self) -> str:
        """A few lines for a person: the tally, then every finding."""
        where = f"{self.figure} [{self.lang}]" if self.lang else self.figure
        if not self.findings:
            return f"{where}: nothing collides; smallest text {self.smallest_text_pt:g} pt, " \
                   f"lowest contrast {self.lowest_contrast:.2f}:1"
        tally = ", ".join(f"{n} {kind}" for kind, n in self.counts().items() if n)
        lines = [f"{where}: {tally}"]
        lines += [f"  - {finding}" for finding in self.findings]
        return "\n".join(lines)

    def raise_for_findings(self) -> None:
        """Raise FigureCollisionError (any collision) or FigureLegibilityError."""
        if self.collisions:
            raise FigureCollisionError(self)
        if self.legibility:
            raise FigureLegibilityError(self)


# --------------------------------------------------------------------------
# Declared overlaps

_ALLOWED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _members(artist) -> list:
    """The drawn artists an allowance refers to (a container's patches...)."""
    from matplotlib.container import Container

    if isinstance(artist, Container):
        return [a for a in artist.get_children() if a is not None]
    if isinstance(artist, (list, tuple)):
        return [m for a in artist for m in _members(a)]
    return [artist]


def allow(text, artist, reason: str):
    """Declare that *text* may overlap *artist* (a mark, a container, a text).

    *reason* says why, for the person who reads the drawing code; it must
    not be empty. Returns *text*.
    """
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("allow(): say why the overlap is intended (reason='...')")
    _declare(text, artist, reason.strip(), inside=False)
    return text


def allow_inside(text, artist):
    """Declare that *text* sits inside *artist* (its own bar, box or band).

    The overlap is allowed, and every pixel of the text's ink must lie on
    the artist's ink; a text that sticks out is reported as
    ``outside own box``. *artist* may be a patch, a container (a bar of
    ``ax.bar(...)``) or a text with a box. Returns *text*.
    """
    _declare(text, artist, "inside by design", inside=True)
    return text


def _declare(text, artist, reason, inside):
    from matplotlib.text import Text

    if not isinstance(text, Text):
        raise TypeError(f"the first argument must be a matplotlib Text, got {type(text).__name__}")
    members = _members(artist)
    if not members:
        raise ValueError("nothing to allow: the artist is empty")
    entries = _ALLOWED.setdefault(text, [])
    entries.extend((weakref.ref(m), reason, inside) for m in members)


def _allowances(text) -> list[tuple[object, str, bool]]:
    entries = _ALLOWED.get(text, ())
    return [(ref(), reason, inside) for ref, reason, inside in entries if ref() is not None]


# --------------------------------------------------------------------------
# What is drawn


@dataclass(eq=False)
class _Ink:
    """Pixels an artist inks: a boolean mask whose top-left is (x0, y0)."""

    mask: object  # numpy bool array, rows downwards
    x0: int
    y0: int

    @property
    def x1(self):
        return self.x0 + self.mask.shape[1]

    @property
    def y1(self):
        return self.y0 + self.mask.shape[0]


@dataclass(eq=False)
class _Label:
    artist: object  # a Text, or a Legend for its frame
    name: str
    key: tuple  # draw order
    owner: object = None  # the legend a legend's text (or frame) belongs to
    axes: object = None
    glyphs: _Ink | None = None
    box: _Ink | None = None
    box_artist: object = None


@dataclass(eq=False)
class _Mark:
    artist: object
    kind: str  # line, marker, bar, patch, band, area, arrow, image, ...
    name: str
    key: tuple
    owner: object = None  # the annotation an arrow belongs to
    axes: object = None
    draw: object = None  # the artist actually drawn (a copy for split lines)
    ink: _Ink | None = None


def _typed(text: str) -> str:
    """*text* as a person typed it (logical order), shortened, quoted."""
    shown = arabic.to_logical(text) if arabic.is_visual(text) else text
    shown = " ".join(shown.split())
    if len(shown) > _NAME_CHARS:
        shown = shown[: _NAME_CHARS - 1] + "…"
    return repr(shown)


def _axes_name(fig, ax) -> str:
    if ax is None:
        return "figure"
    axes = fig.get_axes()
    return f"axes {axes.index(ax) + 1}/{len(axes)}" if ax in axes else "axes"


def _public_label(artist) -> str:
    name = artist.get_label() if hasattr(artist, "get_label") else ""
    return repr(name) if isinstance(name, str) and name and not name.startswith("_") else ""


def _where(ax, x=None, y=None) -> str:
    """Data coordinates as the axes formats them (dates as dates)."""
    parts = []
    for axis, value, formatter in (("x", x, ax.format_xdata), ("y", y, ax.format_ydata)):
        if value is None:
            continue
        try:
            shown = formatter(float(value)).strip()
        except Exception:  # a formatter that cannot format a lone value
            shown = ""
        parts.append(f"{axis}={shown or format(float(value), 'g')}")
    return " ".join(parts)


def _first_point(artist, orientation=None):
    """A data point that identifies *artist*: a bar's value end, a line's start."""
    import numpy as np
    from matplotlib.patches import Rectangle

    if isinstance(artist, Rectangle):
        x, y = artist.get_xy()
        w, h = artist.get_width(), artist.get_height()
        if orientation == "horizontal":
            return (x + w, y + h / 2)
        return (x + w / 2, y + h) if orientation == "vertical" else (x, y)
    try:
        if hasattr(artist, "get_xydata"):
            xy = np.asarray(artist.get_xydata(), dtype=float)
        elif hasattr(artist, "get_xy"):
            xy = np.atleast_2d(np.asarray(artist.get_xy(), dtype=float))
        elif hasattr(artist, "get_offsets"):
            xy = np.asarray(artist.get_offsets(), dtype=float)
        else:
            return None
        return tuple(xy[0]) if len(xy) else None
    except (TypeError, ValueError):
        return None


def _mark_name(fig, mark_kind, artist, ax, orientation=None) -> str:
    label = _public_label(artist)
    where = ""
    if ax is not None and mark_kind not in ("spine", "tick marks"):
        point = _first_point(artist, orientation)
        if point is not None:
            x, y = point
            if mark_kind == "reference line":
                vertical = artist.get_transform() is ax.get_xaxis_transform()
                where = _where(ax, x=x) if vertical else _where(ax, y=y)
            elif mark_kind == "band":
                vertical = artist.get_data_transform() is ax.get_xaxis_transform()
                where = _where(ax, x=x) if vertical else _where(ax, y=y)
            else:
                where = _where(ax, x, y)
    bits = [mark_kind, label, f"at {where}" if where else "", f"in {_axes_name(fig, ax)}"]
    return " ".join(b for b in bits if b)


def _spans_axes(transform, ax) -> bool:
    """True for axvline/axhline/axvspan-style artists: data one way, axes the other.

    Compared by identity: these are the axes' own blended transforms.
    """
    return ax is not None and any(
        transform is blended for blended in (ax.get_xaxis_transform(), ax.get_yaxis_transform()))


def _sorted_children(children):
    """Children in the order matplotlib draws them (stable by zorder)."""
    ordered = sorted(enumerate(children), key=lambda pair: pair[1].get_zorder())
    return [((child.get_zorder(), index), child) for index, child in ordered]


def _collect(fig):
    """Every drawn text (label) and every drawn mark of *fig*, with draw order."""
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.collections import (Collection, LineCollection, PathCollection,
                                        PolyCollection)
    from matplotlib.container import BarContainer
    from matplotlib.figure import FigureBase
    from matplotlib.image import AxesImage
    from matplotlib.legend import Legend
    from matplotlib.lines import AxLine, Line2D
    from matplotlib.patches import Patch
    from matplotlib.spines import Spine
    from matplotlib.text import Annotation, Text

    labels: list[_Label] = []
    marks: list[_Mark] = []
    bars: dict[int, str] = {}  # id of a bar's patch -> the bars' orientation

    def add_mark(artist, kind, key, ax, drawn=None, name=None):
        name = name or _mark_name(fig, kind, artist, ax, bars.get(id(artist)))
        marks.append(_Mark(artist, kind, name, key, None, ax,
                           drawn if drawn is not None else artist))

    def text(artist, key, ax, what="", owner=None):
        if not artist.get_visible() or not artist.get_text().strip():
            return
        name = f"{what} {_typed(artist.get_text())}".strip()
        labels.append(_Label(artist, name, key, owner, ax))
        if isinstance(artist, Annotation) and artist.arrow_patch is not None \
                and artist.arrow_patch.get_visible() and artist._check_xy(None):
            marks.append(_Mark(artist.arrow_patch, "arrow", f"arrow of {name}", key,
                               artist, ax, artist.arrow_patch))

    def line(artist, key, ax):
        if isinstance(artist, AxLine) or _spans_axes(artist.get_transform(), ax):
            add_mark(artist, "reference line", key, ax)
            return
        style = artist.get_linestyle()
        has_line = style not in ("None", "none", "", " ") and artist.get_linewidth() > 0
        has_markers = artist.get_marker() not in (None, "None", "none", "", " ")
        if has_line and has_markers:  # measured apart: "crosses a marker" is clearer
            only_line = copy.copy(artist)
            only_line.set_marker("None")
            only_markers = copy.copy(artist)
            only_markers.set_linestyle("None")
            add_mark(artist, "line", key, ax, only_line)
            add_mark(artist, "marker", key, ax, only_markers)
        elif has_markers:
            add_mark(artist, "marker", key, ax)
        elif has_line:
            add_mark(artist, "line", key, ax)

    def legend(artist, key, ax):
        frame = artist.get_frame()
        if artist.get_frame_on() and frame.get_visible():
            labels.append(_Label(artist, "legend frame", key + ((0, 0),), artist, ax,
                                 box_artist=frame))
        entries = artist.get_texts()
        for index, child in enumerate([artist.get_title(), *entries]):
            text(child, key + ((1, index),), ax, "legend", owner=artist)
        for index, handle in enumerate(artist.legend_handles):
            if handle is None or not handle.get_visible():
                continue
            entry = _typed(entries[index].get_text()) if index < len(entries) else ""
            add_mark(handle, "legend symbol", key + ((2, index),), ax,
                     name=f"legend symbol of {entry}")

    def axis(artist, key, ax):
        name = f"{artist.axis_name} axis of {_axes_name(fig, ax)}"
        for index, tick in enumerate(artist._update_ticks()):
            if not tick.get_visible():
                continue
            tick_key = key + ((0, index),)
            for part in (tick.tick1line, tick.tick2line):  # never tick.gridline
                if part.get_visible():
                    add_mark(part, "tick marks", tick_key, ax, name=f"tick marks of the {name}")
            for part in (tick.label1, tick.label2):
                text(part, tick_key, ax, "tick label")
        text(artist.label, key + ((1, 0),), ax, f"{artist.axis_name} axis label")
        text(artist.offsetText, key + ((1, 1),), ax, "offset text")

    def visit(artist, key, ax):
        if not artist.get_visible():
            return
        if isinstance(artist, Text):
            text(artist, key, ax)
        elif isinstance(artist, FigureBase):  # the figure, a subfigure
            children = [c for c in artist.get_children()
                        if c is not artist.patch and not c.get_animated()]
            for sub_key, child in _sorted_children(children):
                visit(child, key + (sub_key,), ax)
        elif isinstance(artist, Axes):
            for container in artist.containers:
                if isinstance(container, BarContainer):
                    bars.update((id(p), container.orientation) for p in container.patches)
            children = [c for c in artist.get_children() if c is not artist.patch]
            if not artist.axison:
                children = [c for c in children if not isinstance(c, (Spine, Axis))]
            for sub_key, child in _sorted_children(children):
                visit(child, key + (sub_key,), artist)
        elif isinstance(artist, Axis):
            axis(artist, key, ax)
        elif isinstance(artist, Legend):
            legend(artist, key, ax)
        elif isinstance(artist, Spine):
            add_mark(artist, "spine", key, ax,
                     name=f"{artist.spine_type} spine of {_axes_name(fig, ax)}")
        elif isinstance(artist, Line2D):
            line(artist, key, ax)
        elif isinstance(artist, Patch):
            if id(artist) in bars:
                kind = "bar"
            elif _spans_axes(artist.get_data_transform(), ax):
                kind = "band"
            else:
                kind = "patch"
            add_mark(artist, kind, key, ax)
        elif isinstance(artist, Collection):
            if isinstance(artist, PathCollection):
                kind = "marker"
            elif isinstance(artist, LineCollection):
                kind = "reference line" if _spans_axes(artist.get_transform(), ax) else "line"
            elif isinstance(artist, PolyCollection):
                kind = "area"
            else:
                kind = "collection"
            add_mark(artist, kind, key, ax)
        elif isinstance(artist, AxesImage):
            add_mark(artist, "image", key, ax)
        else:  # offset boxes, tables, custom artists: look inside
            children = artist.get_children()
            if not children:
                add_mark(artist, type(artist).__name__, key, ax)
            for sub_key, child in _sorted_children(children):
                visit(child, key + (sub_key,), ax)

    visit(fig, (), None)
    return labels, marks


# --------------------------------------------------------------------------
# Rasterising one artist at a time


class _MovedRenderer:
    """An Agg renderer seen through a shift: text and paths land *by* px right
    and up, so that ink left or below the canvas still lands in the buffer.

    Only what a text draws (its glyphs, its box) goes through here; every
    other call is forwarded unchanged.
    """

    def __init__(self, renderer, by: int):
        from matplotlib.transforms import Affine2D

        self._renderer = renderer
        self._by = by
        self._move = Affine2D().translate(by, by)

    def __getattr__(self, name):
        return getattr(self._renderer, name)

    def _moved(self, gc):
        from matplotlib.transforms import TransformedPath

        if getattr(gc, "_collisions_moved", False):  # one gc, several lines
            return gc
        box = gc.get_clip_rectangle()
        if box is not None:
            gc.set_clip_rectangle(box.translated(self._by, self._by))
        path, transform = gc.get_clip_path()
        if path is not None:
            gc.set_clip_path(TransformedPath(path, transform + self._move))
        gc._collisions_moved = True
        return gc

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        # Text arrives with y measured down from the top of this (taller)
        # buffer when the renderer flips y, as Agg does.
        y = y - self._by if self._renderer.flipy() else y + self._by
        return self._renderer.draw_text(self._moved(gc), x + self._by, y, s, prop,
                                        angle, ismath=ismath, mtext=mtext)

    def draw_path(self, gc, path, transform, rgbFace=None):
        return self._renderer.draw_path(self._moved(gc), path, transform + self._move, rgbFace)


class _Raster:
    """Draws one artist at a time and returns the pixels it inks."""

    def __init__(self, fig):
        from matplotlib.backends.backend_agg import RendererAgg

        self.width = int(round(fig.bbox.width))
        self.height = int(round(fig.bbox.height))
        self.dpi = fig.dpi
        self.plain = RendererAgg(self.width, self.height, self.dpi)
        self.wide = RendererAgg(self.width + 2 * _OUTSIDE_PX, self.height + 2 * _OUTSIDE_PX,
                                self.dpi)
        self.moved = _MovedRenderer(self.wide, _OUTSIDE_PX)

    def ink(self, draw, extent, outside: bool) -> _Ink | None:
        """Clear, call draw(renderer), and crop the inked pixels.

        *extent* (display Bbox or None) tells where to look; when ink reaches
        the edge of that crop, the whole buffer is searched instead. With
        *outside*, the artist is drawn through the shifted renderer and may
        ink up to _OUTSIDE_PX beyond the canvas.
        """
        import numpy as np

        base = self.wide if outside else self.plain
        by = _OUTSIDE_PX if outside else 0
        base.clear()
        draw(self.moved if outside else base)
        alpha = np.asarray(base.buffer_rgba())[:, :, 3]
        rows, cols = alpha.shape
        window, x0, top = None, 0, 0
        if extent is not None and np.all(np.isfinite(extent.extents)):
            x0 = max(int(np.floor(extent.x0)) + by - _CROP_PAD_PX, 0)
            x1 = min(int(np.ceil(extent.x1)) + by + _CROP_PAD_PX, cols)
            top = max(rows - (int(np.ceil(extent.y1)) + by) - _CROP_PAD_PX, 0)
            bottom = min(rows - (int(np.floor(extent.y0)) + by) + _CROP_PAD_PX, rows)
            if x1 > x0 and bottom > top:
                window = alpha[top:bottom, x0:x1]
                # Ink on the crop's inner edges goes on beyond it.
                spills = (window[0].any() and top > 0) or (window[-1].any() and bottom < rows) \
                    or (window[:, 0].any() and x0 > 0) or (window[:, -1].any() and x1 < cols)
                if spills or not window.any():
                    window = None
        if window is None:
            window, x0, top = alpha, 0, 0
        peak = int(window.max())
        if peak == 0:
            return None
        # Relative to the artist's own opacity, so a translucent band is ink.
        mask = window >= max(_INK_FLOOR, _INK_SHARE * peak)
        used_rows = np.flatnonzero(mask.any(axis=1))
        used_cols = np.flatnonzero(mask.any(axis=0))
        r0, r1 = int(used_rows[0]), int(used_rows[-1]) + 1
        c0, c1 = int(used_cols[0]), int(used_cols[-1]) + 1
        return _Ink(mask[r0:r1, c0:c1].copy(), x0 + c0 - by, top + r0 - by)


def _overlap(a: _Ink | None, b: _Ink | None):
    """(pixel count, region, mask) of a AND b, or None."""
    import numpy as np

    if a is None or b is None:
        return None
    x0, x1 = max(a.x0, b.x0), min(a.x1, b.x1)
    y0, y1 = max(a.y0, b.y0), min(a.y1, b.y1)
    if x0 >= x1 or y0 >= y1:
        return None
    both = a.mask[y0 - a.y0:y1 - a.y0, x0 - a.x0:x1 - a.x0] & \
        b.mask[y0 - b.y0:y1 - b.y0, x0 - b.x0:x1 - b.x0]
    count = int(both.sum())
    if count < _MIN_OVERLAP_PX:
        return None
    rows = np.flatnonzero(both.any(axis=1))
    cols = np.flatnonzero(both.any(axis=0))
    region = (x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1)
    return count, region


def _outside(a: _Ink, b: _Ink | None) -> tuple[int, tuple] | None:
    """Pixels of a that are not on b (a label sticking out of its container)."""
    import numpy as np

    rest = a.mask.copy()
    if b is not None:
        x0, x1 = max(a.x0, b.x0), min(a.x1, b.x1)
        y0, y1 = max(a.y0, b.y0), min(a.y1, b.y1)
        if x0 < x1 and y0 < y1:
            rest[y0 - a.y0:y1 - a.y0, x0 - a.x0:x1 - a.x0] &= \
                ~b.mask[y0 - b.y0:y1 - b.y0, x0 - b.x0:x1 - b.x0]
    count = int(rest.sum())
    if count < _MIN_OVERLAP_PX:
        return None
    rows = np.flatnonzero(rest.any(axis=1))
    cols = np.flatnonzero(rest.any(axis=0))
    return count, (a.x0 + int(cols[0]), a.y0 + int(rows[0]),
                   a.x0 + int(cols[-1]) + 1, a.y0 + int(rows[-1]) + 1)


def _grown(ink: _Ink | None, by: int = CLEARANCE_PX) -> _Ink | None:
    """*ink* with every inked pixel spread over a disc of radius *by*: what must stay
    clear of other artists' ink."""
    import numpy as np

    if ink is None or by <= 0:
        return ink
    rows, cols = ink.mask.shape
    out = np.zeros((rows + 2 * by, cols + 2 * by), dtype=bool)
    for dy in range(-by, by + 1):
        for dx in range(-by, by + 1):
            if dx * dx + dy * dy <= by * by:
                out[by + dy:by + dy + rows, by + dx:by + dx + cols] |= ink.mask
    return _Ink(out, ink.x0 - by, ink.y0 - by)


def _body(ink: _Ink | None, rotation: float) -> _Ink | None:
    """The ink of a text with the gaps along its lines filled in.

    A line through the space between two words, or between two letters, cuts
    the label as much as one through a letter: so each pixel row (each
    column, for text set vertically) is filled from its first inked pixel to
    its last. Still the ink's own height, never the font's line box.
    """
    import numpy as np

    if ink is None:
        return None
    vertical = abs(np.sin(np.radians(rotation))) > abs(np.cos(np.radians(rotation)))
    mask = ink.mask.T if vertical else ink.mask
    used = mask.any(axis=1)
    first = np.argmax(mask, axis=1)
    last = mask.shape[1] - 1 - np.argmax(mask[:, ::-1], axis=1)
    columns = np.arange(mask.shape[1])
    filled = used[:, None] & (columns >= first[:, None]) & (columns <= last[:, None])
    return _Ink(filled.T if vertical else filled, ink.x0, ink.y0)


def _glyph_drawer(text):
    """A function drawing *text*'s glyphs only: no box, no arrow."""
    from matplotlib.text import Annotation

    bare = copy.copy(text)
    bare.set_bbox(None)
    if isinstance(bare, Annotation):
        bare.arrowprops = None
        bare.arrow_patch = None
    return bare.draw


def _extent(artist, renderer):
    try:
        return artist.get_window_extent(renderer)
    except Exception:  # an artist that cannot tell: search the whole buffer
        return None


def _rasterise(labels, marks, raster, renderer):
    """Fill in the ink of every label (glyphs, box) and mark.

    *renderer* is the one the figure was laid out with: asking it for
    extents reuses matplotlib's text-metrics cache (shaping Arabic is slow).
    """
    from matplotlib.legend import Legend

    for item in labels:
        if isinstance(item.artist, Legend):  # the frame is the legend's box
            frame = item.box_artist
            item.box = raster.ink(frame.draw, _extent(frame, renderer), outside=True)
            continue
        text = item.artist
        extent = _extent(text, renderer)
        item.glyphs = _body(raster.ink(_glyph_drawer(text), extent, outside=True),
                            text.get_rotation())
        patch = text.get_bbox_patch()
        if patch is not None and patch.get_visible():
            item.box_artist = patch
            item.box = raster.ink(patch.draw, _extent(patch, renderer), outside=True)
    for mark in marks:
        mark.ink = raster.ink(mark.draw.draw, _extent(mark.draw, renderer), outside=False)


# --------------------------------------------------------------------------
# Contrast


def _rgba_list(value):
    from matplotlib.colors import to_rgba_array

    try:
        return [tuple(c) for c in to_rgba_array(value)]
    except (TypeError, ValueError):
        return []


def _over(colour, background):
    """*colour* (RGBA) composited over an opaque *background* (RGB)."""
    r, g, b, a = colour
    return tuple(a * c + (1 - a) * bg for c, bg in zip((r, g, b), background))


def _background(fig, ax):
    from matplotlib.colors import to_rgba

    colour = _over(to_rgba(fig.get_facecolor()), (1.0, 1.0, 1.0))
    if ax is not None and ax.patch.get_visible():
        colour = _over(to_rgba(ax.patch.get_facecolor()), colour)
    return colour


def _mark_colours(mark):
    """The RGBA colours that make *mark* visible (face and edge, as drawn)."""
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    artist, drawn = mark.artist, mark.draw
    alpha = artist.get_alpha()
    colours = []
    if isinstance(drawn, Line2D):
        if drawn.get_linestyle() not in ("None", "none", "", " ") and drawn.get_linewidth() > 0:
            colours += _rgba_list(drawn.get_color())
        if drawn.get_marker() not in (None, "None", "none", "", " "):
            if drawn.get_markeredgewidth() > 0:
                colours += _rgba_list(drawn.get_markeredgecolor())
            colours += _rgba_list(drawn.get_markerfacecolor())
    elif isinstance(drawn, Patch):
        colours += _rgba_list(drawn.get_facecolor())
        if drawn.get_linewidth() > 0:
            colours += _rgba_list(drawn.get_edgecolor())
        if drawn.get_hatch() and hasattr(drawn, "get_hatchcolor"):
            colours += _rgba_list(drawn.get_hatchcolor())
    elif isinstance(drawn, Collection):
        colours += _rgba_list(drawn.get_facecolors())
        if max(list(drawn.get_linewidths()) or [0]) > 0:
            colours += _rgba_list(drawn.get_edgecolors())
    if alpha is not None:
        colours = [(r, g, b, a * alpha) for r, g, b, a in colours]
    return [c for c in colours if c[3] > 0]


# A fill this close to its background is a knockout (an open marker's white
# face, a white label box), not a colour that carries meaning.
_KNOCKOUT = 1.1


def _contrast_of(colours, background):
    """(ratio, colour): the weakest of *colours* on *background*, knockout fills
    aside; (None, None) without colours."""
    from .style import contrast

    rated = [(contrast(_over(c, background), background), c) for c in colours]
    meaningful = [pair for pair in rated if pair[0] >= _KNOCKOUT]
    if meaningful:
        return min(meaningful, key=lambda pair: pair[0])
    if rated:  # nothing but near-background colours: the mark is all but invisible
        return max(rated, key=lambda pair: pair[0])
    return None, None


# --------------------------------------------------------------------------
# The checks


def _exempt(label: _Label, mark: _Mark) -> bool:
    """True when *label* may overlap *mark* by rule: it is the label's own arrow."""
    return mark.owner is label.artist


def _declared(label: _Label, other) -> tuple[str, bool] | None:
    for artist, reason, inside in _allowances(label.artist):
        if artist is other:
            return reason, inside
    return None


def measure(fig, name: str = "figure", lang: str = "", *, laid_out: bool = False,
            min_text_pt: float = MIN_TEXT_PT, min_contrast: float = MIN_CONTRAST,
            safe_margin_in: float = SAFE_MARGIN_IN) -> Report:
    """Measure *fig* as drawn: collisions (on ink), text sizes and contrast.

    *name* and *lang* are only used to name the figure in findings. The
    figure is first laid out as ``figures.save`` lays it out
    (``figures.lay_out``, which gives a bare Figure an Agg canvas), unless
    *laid_out* says the caller has just done so. The artists are measured
    through copies and left as they were. Returns a Report;
    ``report.raise_for_findings()`` turns findings into an error.
    """
    from matplotlib.legend import Legend

    from .style import SLIDE_SIZE

    started = time.perf_counter()
    if laid_out:
        layout_renderer = fig._get_renderer()
    else:  # as the export will draw it (constrained layout drifts when redrawn)
        from .figures import lay_out

        layout_renderer = lay_out(fig)
    report = Report(figure=name, lang=lang)
    labels, marks = _collect(fig)
    texts = [item for item in labels if not isinstance(item.artist, Legend)]
    remembered = {id(t.artist): (t.artist, getattr(t.artist, "_renderer", None)) for t in texts}
    raster = _Raster(fig)
    try:
        _rasterise(labels, marks, raster, layout_renderer)
    finally:  # drawing stores the renderer on texts; give them theirs back
        for artist, renderer in remembered.values():
            artist._renderer = renderer
    report.texts, report.marks = len(texts), len(marks)

    def add(kind, first, second, detail, region=(0, 0, 0, 0)):
        report.findings.append(Finding(kind, name, lang, first, second, detail, region))

    _check_labels(labels, add)
    _check_marks(texts, labels, marks, add)
    scale = SLIDE_SIZE[0] / fig.get_figwidth()  # slide inches per figure inch
    _check_canvas(fig, labels, raster, layout_renderer, round(safe_margin_in / scale * fig.dpi),
                  safe_margin_in, add)
    _check_sizes(texts, scale, min_text_pt, report, add)
    _check_contrast(fig, labels, marks, min_contrast, report, add)
    report.seconds = time.perf_counter() - started
    return report


def _px(count, region) -> str:
    return f"{count} px at x={region[0]}, y={region[1]}"


def _region(ink: _Ink | None) -> tuple[int, int, int, int]:
    return (ink.x0, ink.y0, ink.x1, ink.y1) if ink is not None else (0, 0, 0, 0)


def _check_labels(labels, add) -> None:
    """Text against text: glyphs on glyphs, boxes on boxes, glyphs under boxes."""
    from matplotlib.legend import Legend

    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if _declared(a, b.artist) or _declared(b, a.artist):
                continue
            hit = _overlap(a.glyphs, b.glyphs)
            if hit:
                add("text/text", a.name, b.name, _px(*hit), hit[1])
            hit = _overlap(a.box, b.box)
            if hit:
                add("box/box", f"box of {a.name}", f"box of {b.name}", _px(*hit), hit[1])
            for top, bottom in ((a, b), (b, a)):  # bottom's glyphs, top's box
                if isinstance(top.artist, Legend) and bottom.owner is top.artist:
                    continue  # a legend's texts on its own frame
                hit = _overlap(bottom.glyphs, top.box)
                if not hit:
                    continue
                if top.key > bottom.key:  # the box is drawn later: it hides them
                    add("text under box", bottom.name, f"box of {top.name}",
                        f"{_px(*hit)}: hidden", hit[1])
                elif bottom.box is None:  # with a box of its own, that is box/box
                    add("text over box", bottom.name, f"box of {top.name}", _px(*hit), hit[1])


def _check_marks(texts, labels, marks, add) -> None:
    """Text against marks, lines and spines (with CLEARANCE_PX of room); texts
    declared inside something."""
    for a in texts:
        room = _grown(a.glyphs)
        for mark in marks:
            if _exempt(a, mark) or _declared(a, mark.artist):
                continue
            hit = _overlap(room, mark.ink)
            if hit:
                detail = _px(*hit)
                if a.box_artist is not None and a.key > mark.key \
                        and a.box_artist.get_facecolor()[3] >= 1:
                    detail += "; the label's box hides the mark there"
                add(_MARK_KINDS.get(mark.kind, "text/mark"), a.name, mark.name, detail, hit[1])
    by_artist = {id(m.artist): m for m in marks}
    by_artist.update({id(item.artist): item for item in labels})
    for a in texts:
        for artist, _reason, inside in _allowances(a.artist):
            if not inside or a.glyphs is None:
                continue
            other = by_artist.get(id(artist))
            container = getattr(other, "ink", None) or getattr(other, "box", None)
            hit = _outside(a.glyphs, container)
            if hit:
                what = other.name if other is not None else type(artist).__name__
                add("outside own box", a.name, what, f"{hit[0]} px of ink off it", hit[1])


def _check_canvas(fig, labels, raster, renderer, margin_px, margin_in, add) -> None:
    """Text (or its box) off the canvas, or in its safe margin."""
    from matplotlib.legend import Legend

    width, height = raster.width, raster.height
    for item in labels:
        for ink, what in ((item.glyphs, item.name), (item.box, f"box of {item.name}")):
            if ink is None:
                continue
            off = {"left": -ink.x0, "right": ink.x1 - width, "top": -ink.y0,
                   "bottom": ink.y1 - height}
            out = [f"{side} by {n} px" for side, n in off.items() if n > 0]
            if out:
                add("off canvas", what, "", ", ".join(out), _region(ink))
                continue
            near = {"left": margin_px - ink.x0, "right": ink.x1 - (width - margin_px),
                    "top": margin_px - ink.y0, "bottom": ink.y1 - (height - margin_px)}
            inside = [f"{side} by {n} px" for side, n in near.items() if n > 0]
            if inside:
                add("safe margin", what, "", f"{', '.join(inside)} into the {margin_in:g} in margin",
                    _region(ink))
        if item.glyphs is None and item.box is None and not isinstance(item.artist, Legend):
            extent = _extent(item.artist, renderer)  # beyond even the wide buffer
            if extent is not None and not extent.overlaps(fig.bbox):
                add("off canvas", item.name, "", "drawn wholly outside the canvas")


def _check_sizes(texts, scale, min_text_pt, report, add) -> None:
    """Every text's size in points once the figure fills a 16:9 slide."""
    for item in texts:
        size = item.artist.get_fontsize() * scale
        if size < report.smallest_text_pt:
            report.smallest_text_pt, report.smallest_text = size, item.name
        if size < min_text_pt - 1e-9:
            add("small text", item.name, "", f"{size:g} pt at slide size, under {min_text_pt:g}",
                _region(item.glyphs))


def _check_contrast(fig, labels, marks, min_contrast, report, add) -> None:
    """Each mark's and label outline's weakest colour against its background."""
    from matplotlib.legend import Legend

    measured = [(m.name, _mark_colours(m), m.axes, m.ink) for m in marks
                if m.kind not in ("band", "legend symbol", "image")]
    for item in labels:  # a label box's outline (a knockout box has none)
        patch = item.box_artist
        if patch is None or isinstance(item.artist, Legend) or patch.get_linewidth() <= 0:
            continue
        edge = _rgba_list(patch.get_edgecolor())
        if edge and edge[0][3] > 0:
            measured.append((f"outline of {item.name}", edge, item.axes, item.box))
    seen = set()
    for what, colours, ax, ink in measured:
        ratio, colour = _contrast_of(colours, _background(fig, ax))
        if ratio is None:
            continue
        if ratio < report.lowest_contrast:
            report.lowest_contrast, report.lowest_contrast_artist = ratio, what
        if ratio < min_contrast and (what, _hex(colour)) not in seen:
            seen.add((what, _hex(colour)))
            add("low contrast", what, "",
                f"{_hex(colour)}: {ratio:.2f}:1, under {min_contrast:g}:1", _region(ink))


def _hex(colour) -> str:
    from matplotlib.colors import to_hex

    return to_hex(colour, keep_alpha=colour[3] < 1).upper()


# --------------------------------------------------------------------------
# A picture of the findings


_KIND_COLOURS = {
    "text/text": (220, 0, 0), "box/box": (200, 0, 160), "text under box": (140, 0, 220),
    "text over box": (140, 0, 220), "text/mark": (255, 110, 0),
    "text/reference line": (255, 110, 0), "text/spine": (255, 110, 0),
    "outside own box": (0, 150, 200), "off canvas": (0, 120, 255), "safe margin": (0, 120, 255),
    "small text": (0, 160, 0), "low contrast": (0, 160, 0),
}


def overlay(fig, report: Report, path, *, kinds=COLLISION_KINDS) -> None:
    """Save *fig* as a PNG at its dpi with each finding of *kinds* outlined.

    For a person checking that the check finds what they see: every region
    gets a coloured rectangle (red text/text, magenta boxes, purple hidden
    text, orange marks, blue margins) and the finding's number, which is its
    index in ``report.findings``.
    """
    import io

    from PIL import Image, ImageDraw

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi, metadata={"Software": None})
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")
    for number, finding in enumerate(report.findings):
        if finding.kind not in kinds or finding.region == (0, 0, 0, 0):
            continue
        colour = _KIND_COLOURS.get(finding.kind, (220, 0, 0))
        x0, y0, x1, y1 = finding.region
        draw.rectangle((x0 - 3, y0 - 3, x1 + 2, y1 + 2), outline=colour + (255,), width=2,
                       fill=colour + (40,))
        draw.text((x1 + 4, y0 - 12), str(number), fill=colour + (255,))
    image.save(path, format="PNG")
