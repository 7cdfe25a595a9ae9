"""Notebook display helpers: Arabic gets an RTL block, the rest is escaped text."""
import pandas as pd
import pytest

from helpers.toolkit import show


def test_arabic_cells_are_rtl_and_latin_cells_are_not():
    out = show.table([{"n": 1, "ar": "مليار يوان", "en": "1 billion <yuan>"}])._repr_html_()
    assert '<div dir="rtl" lang="ar"' in out
    assert out.count('dir="rtl"') == 1
    assert "1 billion &lt;yuan&gt;" in out  # escaped, never raw HTML


def test_dataframe_missing_values_show_empty_not_nan():
    frame = pd.DataFrame({"a": [1.0, None], "b": ["x", None]})
    plain = repr(show.table(frame))
    assert "nan" not in plain.lower() and "None" not in plain


def test_findings_needs_one_arabic_sentence_per_english_one():
    box = show.findings(["Alibaba: CNY 3 billion."], ["علي بابا: 3 مليارات يوان."])
    assert 'dir="rtl"' in box._repr_html_() and "CNY 3 billion" in repr(box)
    with pytest.raises(ValueError, match="1 English sentence"):
        show.findings(["one"], [])
