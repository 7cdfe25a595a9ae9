"""The malformed-file corpus: each file either loads like its clean base or fails precisely.

Files live in tests/malformed/ and are named ``<case>.<table>.csv``.  ``valid.*`` are the
clean bases (rows copied from the real tables), ``ok_*`` are harmless variants the loader
normalises on purpose (they must load to exactly the same frame as the base), and every
other file must raise ``DataError`` whose problems are exactly the (line, column) pairs
listed here — no more (no cascades), no fewer — and whose message names the file.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.analysis import data

CORPUS = Path(__file__).parent / "malformed"

# file -> every (line, column) the loader must report; line 1 is the header.
BROKEN: dict[str, list[tuple[int | None, str]]] = {
    # whole-file problems
    "empty.context_fx.csv": [(1, "(header)")],
    "whitespace_only.context_fx.csv": [(1, "(header)")],
    "header_only.context_fx.csv": [(2, "(row)")],
    "utf16.context_fx.csv": [(1, "(file)")],
    "wrong_encoding_latin1.context_fx.csv": [(3, "note")],
    "wrong_encoding_cp1256.campaigns.csv": [(2, "quote_ar")],
    "tab_separated.context_fx.csv": [(1, "(header)")],
    # header
    "missing_column.context_fx.csv": [(1, "time_gmt")],
    "extra_column.context_fx.csv": [(1, "rate_source")],
    "duplicate_column.context_fx.csv": [(1, "note")],
    # CSV structure
    "open_quote.context_fx.csv": [(3, "note")],
    "open_quote_at_end.context_fx.csv": [(4, "note")],
    "text_after_closing_quote.context_fx.csv": [(4, "quote")],
    "space_before_quote.context_fx.csv": [(3, "(row)")],
    "too_many_fields.context_fx.csv": [(4, "(row)")],
    "too_few_fields.context_fx.csv": [(2, "(row)")],
    "line_after_multiline.context_fx.csv": [(5, "kind")],
    # characters
    "nul_byte.context_fx.csv": [(2, "note")],
    "bom_inside_cell.context_fx.csv": [(4, "kind")],
    "zero_width_space_in_number.campaigns.csv": [(2, "budget_amount")],
    # cells
    "empty_required.context_fx.csv": [(3, "cny_per_usd")],
    "duplicate_key.context_fx.csv": [(5, "date")],
    "decimal_comma.context_fx.csv": [(2, "cny_per_usd")],
    "rate_out_of_range.context_fx.csv": [(4, "cny_per_usd")],
    "bad_time.context_fx.csv": [(3, "time_gmt")],
    "text_in_money.campaigns.csv": [(2, "budget_amount")],
    "negative_money.campaigns.csv": [(3, "budget_amount")],
    "unknown_currency.campaigns.csv": [(2, "budget_currency")],
    "lowercase_currency.campaigns.csv": [(3, "budget_currency")],
    "formula_currency.campaigns.csv": [(2, "reported_currency")],
    "arabic_indic_digits.campaigns.csv": [(2, "budget_amount")],
    "persian_digits.campaigns.csv": [(2, "reported_amount")],
    "thousands_commas.campaigns.csv": [(2, "budget_amount")],
    "thousands_spaces.campaigns.csv": [(3, "budget_amount")],
    "money_decimals.campaigns.csv": [(2, "reported_amount")],
    "money_exponent.campaigns.csv": [(3, "budget_amount")],
    "impossible_date.events.csv": [(2, "date")],
    "date_not_iso.events.csv": [(2, "date")],
    "date_out_of_range.events.csv": [(2, "date")],
    "arabic_indic_date.events.csv": [(2, "date")],
    "unknown_category.events.csv": [(3, "category")],
    "missing_short_label.claims.csv": [(3, "short_ar")],  # the figure has nothing to show
    # the Arabic fact-check page would give the English reader's reason and not the Arabic's
    "missing_note_ar.claims.csv": [(3, "note_ar")],
    # the Arabic site's corrections table would have no reason to show
    "missing_why_ar.corrections.csv": [(3, "why_ar")],
    "unknown_verdict.claims.csv": [(3, "verdict")],
    "bad_evidence_token.claims.csv": [(2, "evidence")],
    "year_out_of_range.context_wechat.csv": [(2, "year")],
    "year_with_decimals.context_wechat.csv": [(2, "year")],
    # text a spreadsheet would run as a formula (CSV injection; issue 14, defect 5)
    "formula_hyperlink_gloss.claims.csv": [(2, "gloss_en")],
    "formula_plus_note.context_wechat.csv": [(2, "note")],
    "formula_at_title.events.csv": [(3, "title_en")],
    "formula_minus_incentives.campaigns.csv": [(2, "incentives")],
    # cross-field rules
    "reversed_dates.events.csv": [(2, "end_date")],
    "announced_after_start.campaigns.csv": [(3, "start_on")],
    "precision_month_not_first.events.csv": [(4, "date")],
    "money_without_currency.campaigns.csv": [(3, "budget_currency")],
    "currency_without_money.campaigns.csv": [(4, "budget_amount")],
    "unit_does_not_match_metric.context_wechat.csv": [(3, "unit")],
    "verdict_without_evidence.claims.csv": [(2, "evidence")],
    # provenance
    "quote_wrong_paragraph.campaigns.csv": [(2, "quote_ar")],
    "quote_not_in_article.campaigns.csv": [(2, "quote_ar")],
    "paragraph_out_of_range.campaigns.csv": [(2, "paragraph")],
    "article_row_without_quote.campaigns.csv": [(2, "quote_ar")],
    "article_row_with_fact_id.campaigns.csv": [(2, "fact_id")],
    "outside_row_without_fact_id.campaigns.csv": [(3, "fact_id")],
    "source_not_url.campaigns.csv": [(4, "source")],
    "bad_confidence.campaigns.csv": [(3, "confidence")],
    "claim_not_from_article.claims.csv": [(3, "source")],
    # several problems in one file are reported together
    "several_problems.campaigns.csv": [
        (2, "budget_amount"),
        (3, "budget_currency"),
        (4, "announced_on"),
    ],
}

HARMLESS = [
    "ok_bom.context_fx.csv",
    "ok_crlf.context_fx.csv",
    "ok_cr_only.context_fx.csv",
    "ok_bom_crlf_excel.context_fx.csv",
    "ok_trailing_spaces.context_fx.csv",
    "ok_blank_lines.context_fx.csv",
    "ok_all_quoted.context_fx.csv",
]


def _table(name: str) -> str:
    return name.split(".")[1]


def test_corpus_is_complete_and_large_enough():
    files = {p.name for p in CORPUS.glob("*.csv")}
    valid = {f for f in files if f.startswith("valid.")}
    listed = set(BROKEN) | set(HARMLESS) | {"ok_multiline_note.context_fx.csv"} | valid
    assert files == listed, files ^ listed
    assert len(BROKEN) >= 25


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("valid.*.csv")))
def test_clean_bases_load(name):
    assert len(data.load(_table(name), CORPUS / name)) > 0


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_names_file_line_and_column(name):
    with pytest.raises(data.DataError) as caught:
        data.load(_table(name), CORPUS / name)
    error = caught.value
    assert isinstance(error, ValueError)
    assert sorted((p.line, p.column) for p in error.problems) == sorted(BROKEN[name])
    message = str(error)
    assert name in message
    for line, column in BROKEN[name]:
        assert f"line {line}, column {column!r}" in message
    for problem in error.problems:
        assert problem.expected  # always says what was expected


@pytest.mark.parametrize("name", HARMLESS)
def test_harmless_variant_loads_exactly_like_its_base(name):
    base = data.load(_table(name), CORPUS / f"valid.{_table(name)}.csv")
    variant = data.load(_table(name), CORPUS / name)
    pd.testing.assert_frame_equal(variant, base)


def test_multiline_cell_is_kept_with_its_newline():
    frame = data.load("context_fx", CORPUS / "ok_multiline_note.context_fx.csv")
    assert frame.loc[1, "note"] == "first line\nsecond line"


def test_many_problems_are_summarised_not_truncated_silently(tmp_path):
    base = (CORPUS / "valid.context_fx.csv").read_text(encoding="utf-8").splitlines()
    days = [
        dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(40)
    ]  # distinct keys, valid dates
    rows = [
        base[1].replace("pboc_midpoint", f"kind{i}", 1).replace("2026-01-23", day.isoformat(), 1)
        for i, day in enumerate(days)
    ]
    path = tmp_path / "many.csv"
    path.write_text("\n".join([base[0], *rows]) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError) as caught:
        data.load("context_fx", path)
    assert len(caught.value.problems) == 40
    assert "and 10 more" in str(caught.value)


# Damage that nobody thought of: random byte edits must still end in a frame or a DataError.
TRICKY_BYTES = [
    b'"',
    b",",
    b"\n",
    b"\r",
    b"\r\n",
    b'""',
    b"\xef\xbb\xbf",
    "٣".encode(),
    b"\x00",
    b" ",
    b"\xff",
]


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    table=st.sampled_from(["campaigns", "context_fx", "events", "claims", "context_wechat",
                           "corrections"]),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1, exclude_max=True),
            st.integers(0, 3),
            st.one_of(st.binary(max_size=4), st.sampled_from(TRICKY_BYTES)),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_random_damage_never_escapes_as_a_bare_exception(tmp_path, table, edits):
    content = bytearray((CORPUS / f"valid.{table}.csv").read_bytes())
    for where, cut, insert in edits:
        at = int(where * len(content))
        content[at : at + cut] = insert
    path = tmp_path / f"fuzz.{table}.csv"
    path.write_bytes(bytes(content))
    try:
        frame = data.load(table, path)
    except data.DataError as error:
        assert error.problems and all(p.expected for p in error.problems)
        assert path.name in str(error)
    else:
        assert list(frame.columns) == list(data.schema(table).names)


# --------------------------------------------------------------------------- links
# A data file that is a link out of its folder is refused before a byte is read, so
# its content never reaches an error message (issue 14, defect 11).
def _secret_file(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "passwd"
    secret.write_text("root:x:0:0:SECRET-CONTENT:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "data"
    folder.mkdir()
    return folder, secret


def test_a_link_out_of_the_data_folder_is_refused_unread(tmp_path):
    folder, secret = _secret_file(tmp_path)
    link = folder / "context_fx.csv"
    link.symlink_to(secret)
    with pytest.raises(data.DataError) as caught:
        data.load("context_fx", link)
    message = str(caught.value)
    assert [(p.line, p.column) for p in caught.value.problems] == [(None, "(file)")]
    assert "context_fx.csv" in message and "link to a file outside" in message
    assert "SECRET" not in message


def test_a_link_to_a_system_file_is_refused(tmp_path):
    link = tmp_path / "context_fx.csv"
    link.symlink_to("/etc/passwd")
    with pytest.raises(data.DataError, match="link to a file outside"):
        data.load("context_fx", link)


def test_a_relative_link_that_climbs_out_is_refused(tmp_path):
    folder, secret = _secret_file(tmp_path)
    (folder / "context_fx.csv").symlink_to(Path("..") / "outside" / "passwd")
    with pytest.raises(data.DataError, match="link to a file outside"):
        data.load("context_fx", folder / "context_fx.csv")


def test_a_link_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "fx-2026.csv").write_bytes((CORPUS / "valid.context_fx.csv").read_bytes())
    (tmp_path / "context_fx.csv").symlink_to("fx-2026.csv")
    assert len(data.load("context_fx", tmp_path / "context_fx.csv")) > 0


def test_article_text_behind_a_link_out_is_refused(tmp_path):
    from helpers.toolkit import tables

    folder, secret = _secret_file(tmp_path)
    (folder / "article.ar.txt").symlink_to(secret)
    with pytest.raises(data.DataError, match="link to a file outside") as caught:
        tables.read_paragraphs(folder / "article.ar.txt")
    assert "SECRET" not in str(caught.value)
