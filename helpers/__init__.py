"""The collection's code, in three rooms.

``helpers.toolkit``
    Reusable pieces with no knowledge of this article: where things are
    (``paths``), validated CSV tables (``tables``), Arabic that displays right
    on the installed matplotlib (``arabic``), numbers and dates for people
    (``fmt``), the house style (``style``), slide-ready exports (``figures``),
    notebook output for bilingual readers (``show``) and the official Chinese
    holiday calendar (``holidays``).
``helpers.analysis``
    This article's analysis: its data and their schemas (``data``), the
    fact-check (``checks``), the comparisons (``compare``) and the series
    (``series``).
``helpers.publish``
    Tools that turn the analysis into what readers get: the notebook build
    (``build``), the HTML edition (``html``) and the README's generated
    sections (``readme``). Notebooks never import this room.

Notebooks import the toolkit and the analysis only. Modules are imported on
demand so that ``import helpers`` stays cheap.
"""
