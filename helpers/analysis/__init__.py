"""This article's analysis: its data, the fact-check, the comparisons and the series.

Built on ``helpers.toolkit``; imported by the notebooks.
"""
