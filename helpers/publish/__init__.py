"""Publishing: the notebook build, the HTML edition and the README's generated sections.

Run from ``make``; notebooks never import this package, so editing it never
makes a notebook stale.
"""
