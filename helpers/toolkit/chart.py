"""A figure of the collection: one draw function plus its words per language.

    chart = Chart(name="02_budgets_cny", notebook="02_budgets", draw=draw, text=text,
                  data=frame, tables=("campaigns",))
    chart.publish("ar")     # exports every language, returns the Arabic figure to show

:meth:`Chart.publish` is the one call a notebook makes: it draws the figure in every
language of :mod:`helpers.toolkit.langs`, exports each with
:func:`helpers.toolkit.figures.save` (PNG, SVG, PDF, the CSV behind it, a manifest row
naming the notebook the chart belongs to), closes the figures it does not show, and
returns the one in the reader's language for the notebook to display, with its alt text.

Where the files go: the build (``make``) points ``$COLLECTION_FIGURES_DIR`` at its
staging folder and publishes into ``figures/`` only when the whole notebook succeeded.
A run outside the build (JupyterLab, nbconvert, papermill) writes to
``build/figures/`` instead, so exploring can never overwrite the committed figures.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import figures, langs

__all__ = ["Chart"]


@dataclass(frozen=True)
class Chart:
    """One figure: its name, the notebook it belongs to, how to draw it and what it says.

    ``draw(lang)`` returns a matplotlib figure; ``text(lang)`` returns its title, caption
    and alt text (plain logical text) as a mapping. ``data`` is written beside it as
    ``<name>.csv``; ``tables`` names the data tables it reads.
    """

    name: str
    notebook: str
    draw: Callable[[str], object]
    text: Callable[[str], Mapping[str, str]]
    data: object = None
    tables: tuple[str, ...] = field(default_factory=tuple)

    def export(self, lang: str, folder: Path | None = None):
        """Draw and export the figure in *lang*; return the figure (still open)."""
        words = self.text(lang)
        fig = self.draw(lang)
        figures.save(fig, self.name, lang, title=words["title"], caption=words["caption"],
                     alt=words["alt"], data=self.data, tables=self.tables,
                     notebook=self.notebook, folder=folder)
        return fig

    def publish(self, lang: str):
        """Export every language; return the figure in *lang* as an inline image that
        carries its alt text (:func:`helpers.toolkit.show.figure`); every figure is closed,
        so the notebook shows exactly one image.

        When the build runs a translated edition of a notebook it sets
        ``$COLLECTION_EXPORT=0``: the source edition, run in the same build, exports the
        very same files, so the edition only draws the figure it shows.
        """
        import os

        import matplotlib.pyplot as plt

        from . import show

        langs.check(lang)
        exporting = os.environ.get(figures.EXPORT_ENV, "1").strip() != "0"
        shown = None
        for each in langs.LANGS if exporting else (lang,):
            fig = self.export(each) if exporting else self.draw(each)
            if each == lang:
                shown = show.figure(fig, self.text(each)["alt"], lang=each)
            plt.close(fig)
        return shown
