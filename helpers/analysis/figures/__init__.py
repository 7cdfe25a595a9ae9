"""This article's figures: one module per figure, holding its draw function and its words.

Each module defines ``NAME`` (the file name under figures/), ``NOTEBOOK`` (the notebook
that shows it), ``TABLES`` (the data tables it reads), ``compute(tables=None, **params)``
(the numbers behind the figure, a dict whose ``"frame"`` is the figure's CSV),
``draw(lang, values)`` and ``text(lang, values)`` (its words: the templates of the word
files, section ``figures.<module>``). :func:`chart` joins them into a
:class:`helpers.toolkit.chart.Chart`, computing the numbers once for every language. A
notebook shows a figure with one call::

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
    from helpers.toolkit.chart import Chart

    module = _module(name)
    values = module.compute(tables, **params)
    return Chart(module.NAME, module.NOTEBOOK, draw=lambda lang: module.draw(lang, values),
                 text=lambda lang: module.text(lang, values), data=values["frame"],
                 tables=module.TABLES)


def publish(name: str, lang: str, **params):
    """Export a figure in every language; return the one in *lang* to show inline."""
    return chart(name, **params).publish(lang)
