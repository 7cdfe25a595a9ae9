"""Helpers shared by every notebook in the collection.

One module per concern: ``paths`` (where things are), ``data`` (validated
tables), ``arabic`` (text that displays right on the installed matplotlib),
``style`` (fonts, palette, RTL layout), ``fmt`` (numbers for people),
``figures`` (slide-ready exports) and ``build`` (executing the notebooks).
Modules are imported on demand so that ``import helpers`` stays cheap.
"""
