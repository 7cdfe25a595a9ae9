"""The collection's code, in three rooms.

``helpers.toolkit``
    Reusable pieces with no knowledge of this article: where things are
    (``paths``), validated CSV tables (``tables``), languages and their words
    (``langs``, ``wording``), Arabic that displays right on the installed
    matplotlib (``arabic``), numbers and dates for people (``fmt``), the house
    style (``style``), a figure drawn in every language (``chart``), slide-ready
    exports with a collision check (``figures``, ``collisions``, ``pdftext``,
    ``manifest``), notebook output for bilingual readers (``show``) and the
    official Chinese holiday calendar (``holidays``).
``helpers.analysis``
    This article's analysis: its data and their schemas (``data``), the
    glossary, the fact-check (``checks``, one module per topic), the comparisons
    (``compare``), the series, the figures (``figures``, one module per figure)
    and every sentence it writes (``words/<lang>.toml``).
``helpers.publish``
    Tools that turn the analysis into what readers get: the notebook build
    (``build``, ``kernel``, ``fingerprint``), the language editions
    (``editions``), the HTML sites (``html``), the slide decks (``slides``),
    the README's generated sections (``readme``, ``findings``), ClaimReview,
    the data package, provenance checks and ``make lab`` (``lab``). Notebooks
    never import this room.

Notebooks import the toolkit and the analysis only. Modules are imported on
demand so that ``import helpers`` stays cheap.
"""
