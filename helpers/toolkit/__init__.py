"""The toolkit: reusable pieces that know nothing about this article.

Nothing here names a company, a table of ``data/`` or a figure of the
collection; the analysis (``helpers.analysis``) brings those.
"""
