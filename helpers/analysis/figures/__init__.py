"""This article's figures: one module per figure, holding its draw function and its words.

Each module defines ``NAME`` (the file name under figures/), ``NOTEBOOK`` (the notebook
that shows it) and ``chart(tables=None) -> helpers.toolkit.chart.Chart``: the numbers
behind the figure, computed from the tables, a ``draw(lang)`` and a ``text(lang)`` whose
words are the templates of the word files (section ``figures.<module>``). A notebook
shows a figure with one call::

    from helpers.analysis import figures
    figures.publish("02_budgets_cny", LANG)

which exports it in every language and returns the one in ``LANG``.
"""
from __future__ import annotations

import importlib

__all__ = ["MODULES", "chart", "publish", "names"]

#: The figure modules, in reading order.
MODULES = ("budgets_cny", "campaign_timeline", "holiday_length", "wechat_series",
           "deepseek_timeline", "fact_check_verdicts")


def _module(name: str):
    for module_name in MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        if module.NAME == name or module_name == name:
            return module
    raise KeyError(f"no figure {name!r}; known: {', '.join(names())}")


def names() -> list[str]:
    """Every figure's NAME, in reading order."""
    return [importlib.import_module(f"{__name__}.{m}").NAME for m in MODULES]


def chart(name: str, tables=None, **params):
    """The :class:`helpers.toolkit.chart.Chart` of a figure (by NAME or module name);
    *params* are the figure's own parameters (e.g. the timeline's ``window``)."""
    return _module(name).chart(tables, **params)


def publish(name: str, lang: str, **params):
    """Export a figure in every language; return the one in *lang* to show inline."""
    return chart(name, **params).publish(lang)
