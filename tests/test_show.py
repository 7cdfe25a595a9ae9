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


def test_findings_box_is_in_one_language_with_its_direction():
    english = show.findings(["Alibaba: CNY 3 billion."], lang="en")._repr_html_()
    assert 'dir="ltr"' in english and "<strong>Findings</strong>" in english and "CNY 3 billion" in english
    arabic = show.findings(["علي بابا: 3 مليارات يوان."], lang="ar")._repr_html_()
    # The whole box, heading included, is right-to-left and right-aligned (issue 10).
    assert arabic.startswith('<div class="findings" dir="rtl" lang="ar"')
    assert "text-align:right" in arabic and "<strong>النتائج</strong>" in arabic
    # The heading's own <p> too: JupyterLab's and nbconvert's `p {text-align: left}` beat the box's.
    assert '<p style="text-align:start"><strong>النتائج</strong>' in arabic
    with pytest.raises(ValueError, match="lang must be one of"):
        show.findings(["one"], lang="xx")


def test_a_right_to_left_table_is_right_to_left_as_a_whole():
    out = show.table([{"a": "علي بابا"}], lang="ar")._repr_html_()
    assert out.startswith('<table class="collection" dir="rtl" lang="ar">')
    assert 'dir="rtl"' not in show.table([{"a": "x"}], lang="en")._repr_html_()
