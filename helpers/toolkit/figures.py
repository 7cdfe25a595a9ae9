"""Slide-ready, reproducible exports of the collection's figures.

``save(fig, name, lang, title=..., caption=..., alt=..., data=df)`` writes,
into :func:`output_dir`:

- ``<name>.<lang>.png`` — 16:9, 2560x1440 pixels for a slide-size figure
  (never under 1920x1080);
- ``<name>.<lang>.svg`` — glyphs as paths, fixed hash salt, no date;
- ``<name>.<lang>.pdf`` — TrueType fonts embedded (Arabic copies and
  searches as letters), no dates, no software versions;
- ``<name>.csv`` — the numbers behind the figure, from *data*;
- one row per (name, lang) in ``manifest.csv`` (name, lang, title, caption,
  alt, notebook, tables and the paths of the files above), and its Excel copy
  ``manifest.xlsx`` (see :mod:`helpers.toolkit.manifest`).

Everything is first written to temporary files in the same folder and moved
into place with ``os.replace`` only when every file rendered, so an error
leaves the previous files intact. Before writing, the figure is laid out and
every visible text artist is checked to lie inside the canvas; a clipped
label raises :class:`FigureLayoutError` naming the text. A glyph missing from
the vendored fonts raises :class:`MissingGlyphError`.

Then :mod:`helpers.toolkit.collisions` measures the laid-out figure on its
rendered ink: text over text, boxes over boxes, text hidden under a label's
box, text across marks, reference lines and spines, text off the canvas or in
its safe margin, text under 12 pt at slide size, marks under 3:1 contrast.
What happens then depends on the check mode (:func:`check_mode`):

- ``strict``: any finding raises :class:`FigureCollisionError` (or
  :class:`FigureLegibilityError` when only sizes or colours fail) naming the
  figure, the language and the artists; nothing is written;
- ``report``: the figure is written and the findings go to
  ``build/figure-checks/<name>.<lang>.txt`` (and the log, at INFO level).

The mode is ``$COLLECTION_FIGURE_CHECKS`` if set, else
:data:`DEFAULT_CHECK_MODE`. Either way the findings are written to that file.
"""
from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import warnings
from pathlib import Path

from . import arabic, collisions, langs, paths, pdftext
from .collisions import FigureCheckError, FigureCollisionError, FigureLegibilityError
from .files import atomic_write_text, temp_path
from .manifest import FORMATS, MANIFEST_NAME, file_paths, upsert_manifest

__all__ = [
    "FIGURES_DIR_ENV",
    "NOTEBOOK_ENV",
    "MIN_PNG_SIZE",
    "PNG_WIDTH",
    "CHECKS_ENV",
    "CHECK_MODES",
    "DEFAULT_CHECK_MODE",
    "CHECK_REPORTS",
    "FigureLayoutError",
    "FigureDataError",
    "MissingGlyphError",
    "FigureCheckError",
    "FigureCollisionError",
    "FigureLegibilityError",
    "output_dir",
    "notebook_name",
    "check_mode",
    "lay_out",
    "save",
    "check_text_inside",
    "drawn_texts",
]

FIGURES_DIR_ENV = "COLLECTION_FIGURES_DIR"
#: "0" when the build runs a notebook whose figures another notebook of the build exports.
EXPORT_ENV = "COLLECTION_EXPORT"
NOTEBOOK_ENV = "COLLECTION_NOTEBOOK"
#: Smallest PNG accepted (full HD); slide-size figures come out at PNG_WIDTH.
MIN_PNG_SIZE = (1920, 1080)
PNG_WIDTH = 2560
_ASPECT = 16 / 9
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_CANVAS_TOLERANCE_PX = 1.0

#: Environment variable choosing what the collision check does: strict|report.
CHECKS_ENV = "COLLECTION_FIGURE_CHECKS"
CHECK_MODES = ("strict", "report")
#: Every figure of the collection passes with nothing to report (issue 11), so an export
#: that collides, or has text under 12 pt or a colour under 3:1, fails; "report" (through
#: $COLLECTION_FIGURE_CHECKS) exports anyway and only writes the findings down.
DEFAULT_CHECK_MODE = "strict"
#: Where every export writes what the check found, one file per figure and language.
CHECK_REPORTS = paths.BUILD / "figure-checks"

_log = logging.getLogger(__name__)


class FigureLayoutError(ValueError):
    """A text artist lies (partly) outside the canvas, or the figure is not 16:9."""


class FigureDataError(ValueError):
    """The figure's data would export as a CSV cell a spreadsheet runs as a formula."""


class MissingGlyphError(ValueError):
    """A character has no glyph in the vendored fonts (it would draw as a box)."""


#: Where exports go when the build did not say: never the committed figures/.
SCRATCH = paths.BUILD / "figures"


def output_dir() -> Path:
    """Where figures go: $COLLECTION_FIGURES_DIR (the build's staging folder) if set, else
    build/figures/. Only the build publishes into figures/, so a run in JupyterLab,
    nbconvert or papermill can never overwrite the committed figures."""
    value = os.environ.get(FIGURES_DIR_ENV, "").strip()
    return Path(value) if value else SCRATCH


def notebook_name(notebook: str | None = None) -> str:
    """The manifest's notebook column: the argument (a chart names its own notebook), else
    $COLLECTION_NOTEBOOK, else "". Never guessed from how the kernel was started."""
    if notebook:
        return notebook
    return os.environ.get(NOTEBOOK_ENV, "").strip()


def check_mode() -> str:
    """"strict" or "report": $COLLECTION_FIGURE_CHECKS, else DEFAULT_CHECK_MODE."""
    value = os.environ.get(CHECKS_ENV, "").strip().lower()
    if not value:
        return DEFAULT_CHECK_MODE
    if value not in CHECK_MODES:
        raise ValueError(
            f"environment variable {CHECKS_ENV}={value!r}: expected one of "
            f"{', '.join(CHECK_MODES)} (or unset for {DEFAULT_CHECK_MODE!r})"
        )
    return value


# --------------------------------------------------------------------------
# Checks


def _drawn_texts(artist):
    """Visible, non-empty Text artists under *artist*, as they will be drawn."""
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    if not artist.get_visible():
        return
    if isinstance(artist, Text):
        if artist.get_text().strip():
            yield artist
        return
    if isinstance(artist, Axis):
        # Only the ticks inside the view limits are drawn.
        children = [artist.label, artist.offsetText]
        for tick in artist._update_ticks():
            if tick.get_visible():
                children.extend([tick.label1, tick.label2])
    else:
        children = artist.get_children()
    for child in children:
        yield from _drawn_texts(child)


def drawn_texts(fig) -> list:
    """Every Text artist *fig* draws (visible, not empty; tick labels only where a tick is
    in view), in drawing-tree order. Lay the figure out first (:func:`lay_out`)."""
    return list(_drawn_texts(fig))


def check_text_inside(fig, renderer=None) -> None:
    """Raise FigureLayoutError if any drawn text sticks out of the canvas.

    The figure must have been laid out (drawn) with *renderer* (by default a
    fresh draw is made). Text is judged by its renderer extent, in pixels.
    """
    if renderer is None:
        fig.draw_without_rendering()
        renderer = _renderer(fig)
    canvas = fig.bbox
    problems = []
    for text in _drawn_texts(fig):
        box = text.get_window_extent(renderer)
        if box.width <= 0 and box.height <= 0:
            continue
        overflow = {
            "left": canvas.x0 - box.x0,
            "right": box.x1 - canvas.x1,
            "bottom": canvas.y0 - box.y0,
            "top": box.y1 - canvas.y1,
        }
        sides = [f"{side} by {px:.0f} px" for side, px in overflow.items()
                 if px > _CANVAS_TOLERANCE_PX]
        if sides:
            shown = text.get_text()
            if arabic.is_visual(shown):  # name it as it was typed
                shown = arabic.to_logical(shown)
            problems.append(f"{shown!r} sticks out of the canvas ({', '.join(sides)})")
    if problems:
        raise FigureLayoutError("text clipped by the figure edge: " + "; ".join(problems))


def _renderer(fig):
    """The renderer *fig* was laid out with (an Agg canvas for a bare Figure)."""
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        fig.draw_without_rendering()
    return fig.canvas.get_renderer()


def _restart_layout(fig) -> None:
    """Put constrained-layout axes back where their grid puts them.

    Constrained layout starts from the axes' current positions, so laying out
    a figure that was already laid out (at another dpi, or by an earlier save)
    ends a few 1e-13 away; the SVG backend hashes those floats into its ids.
    Starting every export from the grid positions makes the bytes the same
    however often, and after whatever, the figure is saved.
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        return
    for ax in fig.get_axes():
        spec = ax.get_subplotspec()
        if spec is None or not ax.get_in_layout():
            continue
        ax._set_position(spec.get_position(spec.get_gridspec().figure))


def lay_out(fig):
    """Lay *fig* out exactly as :func:`save` draws it, without rendering.

    Returns the renderer it was laid out with (an Agg canvas is attached to a
    bare Figure). Measure a figure after this, not after an arbitrary draw:
    constrained layout ends elsewhere when it starts from a previous layout.
    """
    if not hasattr(fig.canvas, "get_renderer"):  # a bare Figure: give it an Agg canvas first
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    _restart_layout(fig)
    fig.draw_without_rendering()
    return fig.canvas.get_renderer()


def _run_collision_check(fig, name: str, lang: str) -> None:
    """Measure the laid-out *fig*; write the report; raise in strict mode."""
    mode = check_mode()
    report = collisions.measure(fig, name, lang, laid_out=True)
    text = report.describe()
    try:
        CHECK_REPORTS.mkdir(parents=True, exist_ok=True)
        atomic_write_text(CHECK_REPORTS / f"{name}.{lang}.txt", text + "\n")
    except OSError as exc:  # a read-only checkout still exports
        _log.warning("could not write the figure check report: %s", exc)
    _log.info("%s", text)
    if mode == "strict":
        report.raise_for_findings()


def _check_aspect(fig) -> tuple[float, float]:
    width, height = fig.get_size_inches()
    if height <= 0 or abs(width / height - _ASPECT) > 0.01:
        raise FigureLayoutError(
            f"figure is {width:.2f}x{height:.2f} in; slides need 16:9 "
            "(use helpers.toolkit.style.subplots() or figsize=helpers.toolkit.style.SLIDE_SIZE)"
        )
    return width, height


@contextlib.contextmanager
def _glyphs_required():
    """Turn matplotlib's "Glyph … missing from font(s)" warnings into errors."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    missing = sorted({str(w.message) for w in caught if "missing from font" in str(w.message)})
    for w in caught:
        if "missing from font" not in str(w.message):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if missing:
        raise MissingGlyphError("; ".join(missing))


# --------------------------------------------------------------------------
# Save


def _validate(name, lang, title, caption, alt, tables):
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ValueError(
            f"figure name {name!r}: use lower-case letters, digits, '-' and '_' "
            "(it becomes a file name)"
        )
    if lang not in langs.LANGS:
        raise ValueError(f"figure {name!r}: lang must be one of {', '.join(langs.LANGS)}, got {lang!r}")
    for key, value in (("title", title), ("caption", caption), ("alt", alt)):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"figure {name!r}: {key} must be a non-empty string, got {value!r}")
    if isinstance(tables, str):
        tables = (tables,)
    tables = tuple(tables)
    for table in tables:
        if not isinstance(table, str) or not table or ";" in table:
            raise ValueError(f"figure {name!r}: bad table name {table!r}")
    return tables


def _metadata(fmt: str, title: str, alt: str, lang: str) -> dict:
    # No dates, no software versions: identical bytes on every run.
    if fmt == "png":
        return {"Software": None, "Title": title, "Description": alt}
    if fmt == "svg":
        return {"Creator": None, "Date": None, "Title": title,
                "Description": alt, "Language": lang}
    return {"Creator": None, "Producer": None, "CreationDate": None,
            "ModDate": None, "Title": title, "Subject": alt}


def save(fig, name: str, lang: str, *, title: str, caption: str, alt: str,
         data=None, tables=(), notebook: str | None = None, folder: Path | None = None) -> list[Path]:
    """Export *fig* as PNG, SVG and PDF (+ CSV of *data*) and record it in the manifest.

    *title*, *caption* and *alt* are plain (logical) text for the manifest and
    the files' metadata; the figure's own title is drawn by the notebook.
    *data* (a pandas DataFrame or anything with ``to_csv``) is written to
    ``<name>.csv`` without its index. *tables* names the data tables used.
    Returns the paths written.
    """
    import matplotlib as mpl

    tables = _validate(name, lang, title, caption, alt, tables)
    if data is not None and not hasattr(data, "to_csv"):
        raise TypeError(f"figure {name!r}: data must be a DataFrame, got {type(data).__name__}")
    width_in, _ = _check_aspect(fig)
    png_dpi = PNG_WIDTH / width_in
    folder = Path(folder) if folder is not None else output_dir()
    folder.mkdir(parents=True, exist_ok=True)

    rc = {"pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "path",
          "svg.hashsalt": f"collection:{name}.{lang}"}
    targets: dict[Path, Path] = {}
    try:
        with mpl.rc_context(rc), _glyphs_required():
            renderer = lay_out(fig)
            check_text_inside(fig, renderer)
            _run_collision_check(fig, name, lang)
            for fmt in FORMATS:
                final = folder / f"{name}.{lang}.{fmt}"
                tmp = targets[final] = temp_path(final)
                _restart_layout(fig)
                with open(tmp, "wb") as handle:
                    fig.savefig(handle, format=fmt, dpi=png_dpi,
                                metadata=_metadata(fmt, title, alt, lang),
                                backend=pdftext.backend_for(fmt))  # Arabic that copies right
        _check_png_size(targets[folder / f"{name}.{lang}.png"], name)
        if data is not None:
            table = data.to_csv(index=False, lineterminator="\n")
            _refuse_formula_cells(table, name)
            final = folder / f"{name}.csv"
            tmp = targets[final] = temp_path(final)
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                handle.write(table)
    except BaseException:
        for tmp in targets.values():
            tmp.unlink(missing_ok=True)
        raise
    for final, tmp in targets.items():
        os.replace(tmp, final)
    upsert_manifest(
        [{
            "name": name, "lang": lang, "title": title, "caption": caption,
            "alt": alt, "notebook": notebook_name(notebook), "tables": ";".join(tables),
            **file_paths(name, lang, folder),
        }],
        folder / MANIFEST_NAME,
    )
    return list(targets)


# A cell a spreadsheet runs as a formula starts with one of these (OWASP "CSV
# injection"); a plain number such as -3.5 or +12% does not count.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?%?")


def _refuse_formula_cells(table: str, name: str) -> None:
    """Raise FigureDataError if a cell of the CSV text *table* would run as a formula.

    Refused rather than quietly prefixed with an apostrophe: the CSV is the
    figure's numbers for analysts, so a changed value would be a silent lie,
    and the cell was made by code (data/ tables already refuse such text).
    """
    import csv
    import io

    reader = csv.reader(io.StringIO(table, newline=""))
    header = next(reader, [])
    for line, row in enumerate([header, *reader], start=1):
        for column, cell in zip(header, row):
            if cell.startswith(_FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(cell):
                where = "the header" if line == 1 else f"line {line}"
                raise FigureDataError(
                    f"figure {name!r}: {name}.csv {where}, column {column!r}: {cell[:40]!r} "
                    f"starts with {cell[0]!r}, so a spreadsheet would run it as a formula; "
                    "reword the text (e.g. 'up 5%' rather than '+5%')"
                )


def _check_png_size(path: Path, name: str) -> None:
    # Width and height sit at bytes 16..24 of a PNG (IHDR chunk).
    with open(path, "rb") as handle:
        header = handle.read(24)
    width = int.from_bytes(header[16:20], "big")
    height = int.from_bytes(header[20:24], "big")
    min_w, min_h = MIN_PNG_SIZE
    if width < min_w or height < min_h or not math.isclose(width / height, _ASPECT, rel_tol=0.01):
        raise FigureLayoutError(
            f"figure {name!r}: PNG came out {width}x{height}; need 16:9, at least {min_w}x{min_h}"
        )
