"""The fact-check's record: the verdict scale, how recent each claim's evidence is, when each
review was first published, and the corrections log (helpers.publish.provenance).

The published record is the git history; where it cannot be read (no git, a shallow clone)
those tests skip with the reason, and fail instead under COLLECTION_REQUIRE_TOOLS=1 (CI).
"""

from __future__ import annotations

import csv
import io
import os

import pandas as pd
import pytest

from helpers.analysis import checks, data
from helpers.publish import provenance
from helpers.publish.provenance import Version
from helpers.toolkit import paths

FIRST = "aaaaaaa1"


def _history(path):
    try:
        return provenance.history(path)
    except provenance.HistoryUnavailable as err:
        reason = f"the published record (git history) cannot be read: {err}"
        if os.environ.get("COLLECTION_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{reason} (COLLECTION_REQUIRE_TOOLS=1, so this fails instead of skipping)")
        pytest.skip(reason)


def _csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- verdict scale
def test_verdict_scale_lists_the_four_verdicts_in_order():
    scale = data.load("verdicts")
    assert tuple(scale["verdict"]) == data.VERDICTS


def test_verdict_labels_are_the_ones_the_fact_check_shows():
    scale = data.load("verdicts").set_index("verdict")
    for verdict in data.VERDICTS:
        assert scale.loc[verdict, "label_ar"] == checks.verdict_label(verdict, "ar")
        assert scale.loc[verdict, "label_en"] == checks.verdict_label(verdict, "en")


def test_rating_values_rank_the_verdicts_and_leave_cannot_be_checked_off_the_scale():
    scale = data.load("verdicts").set_index("verdict")
    ranked = [scale.loc[v, "rating_value"] for v in ("holds", "partly holds", "does not hold")]
    assert ranked == sorted(ranked, reverse=True) and len(set(ranked)) == 3
    assert scale["rating_value"].isna().sum() == 1
    assert scale["rating_value"].isna()["cannot be checked"]


def test_every_claim_verdict_is_defined_on_the_scale():
    assert set(data.load("claims")["verdict"]) <= set(data.load("verdicts")["verdict"])


def test_definitions_are_written_in_their_language():
    from helpers.toolkit import arabic

    for _, row in data.load("verdicts").iterrows():
        assert arabic.has_arabic(row["definition_ar"]) and arabic.has_arabic(row["label_ar"])
        assert not arabic.has_arabic(row["definition_en"])


# --------------------------------------------------------------------------- evidence as of
def test_fact_dates_take_the_later_of_two_dates_and_keep_month_precision():
    dates = provenance.fact_dates()
    assert dates["A11"].text == "2026-02-15"  # "2026-02-06 (said 2026-02-15)"
    assert dates["W19"].text == "2026-02-14"  # "2025 (reported 2026-02-14)"
    assert dates["Q07"].text == "2026-02"  # "2026-02 (late)"
    assert dates["X03"].text == "2014"
    assert "C01" not in dates  # caveats carry no date


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ("A01;A07", "2026-02-06"),
        ("O02;O05", "2026-02"),  # a month-dated fact that may be later than 10 Feb
        ("D13;D14", "2026-02-16"),
        ("H01;chinesecalendar", "2025-11-04"),
        ("C01;chinesecalendar", None),
        ("", None),
    ],
)
def test_evidence_as_of_is_the_latest_cited_date(evidence, expected):
    assert provenance.evidence_as_of(evidence) == expected


def test_a_day_on_the_last_day_of_a_month_beats_that_month():
    dates = {"M": provenance._span("2026", "02", None), "D": provenance._span("2026", "02", "28")}
    assert provenance.evidence_as_of("M;D", dates) == "2026-02-28"
    assert provenance.evidence_as_of("M", dates) == "2026-02"


def test_every_claims_evidence_as_of_is_computed_from_the_facts_it_cites():
    stored = {r["claim_id"]: r["evidence_as_of"] or None for r in _csv(provenance.CLAIMS)}
    assert stored == provenance.expected()


def test_check_command_reports_a_wrong_evidence_date(tmp_path, monkeypatch, capsys):
    rows = _csv(provenance.CLAIMS)
    rows[0]["evidence_as_of"] = "2026-01-01"
    damaged = tmp_path / "claims.csv"
    with open(damaged, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert data.load("claims", damaged) is not None  # still valid data, only a wrong date
    monkeypatch.setattr(provenance, "CLAIMS", damaged)
    monkeypatch.setattr(provenance, "record_problems", lambda: [])
    assert provenance.main([]) == 1
    assert "CL01: evidence_as_of is 2026-01-01, the cited facts give 2026-02-02" in (
        capsys.readouterr().err
    )


def test_write_changes_only_the_evidence_as_of_cells(tmp_path, monkeypatch):
    original = provenance.CLAIMS.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(original, newline="")))
    column = rows[0].index("evidence_as_of")
    for row in rows[1:]:
        row[column] = ""
    blanked = io.StringIO(newline="")
    csv.writer(blanked, lineterminator="\n").writerows(rows)
    copy = tmp_path / "claims.csv"
    copy.write_text(blanked.getvalue(), encoding="utf-8")
    monkeypatch.setattr(provenance, "CLAIMS", copy)
    assert provenance.main(["--write"]) == 0
    assert copy.read_text(encoding="utf-8") == original


def test_evidence_as_of_must_go_with_evidence(tmp_path):
    rows = _csv(provenance.CLAIMS)
    no_evidence = next(i for i, r in enumerate(rows) if not r["evidence"])
    rows[no_evidence]["evidence_as_of"] = "2026-02-02"
    rows[0]["evidence_as_of"] = ""
    damaged = tmp_path / "claims.csv"
    with open(damaged, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(data.DataError) as err:
        data.load("claims", damaged)
    found = {(p.line, p.column) for p in err.value.problems}
    assert found == {(2, "evidence_as_of"), (no_evidence + 2, "evidence_as_of")}


# --------------------------------------------------------------------------- the record
def _version(commit, date, verdicts: dict[str, str]) -> Version:
    return Version(commit, date, tuple({"claim_id": c, "verdict": v} for c, v in verdicts.items()))


def _fix(date, claim, old, new):
    return {"date": date, "table": "claims", "row": claim, "column": "verdict",
            "from_value": old, "to_value": new, "why": "test", "evidence": ""}


def test_replay_accepts_a_logged_verdict_change():
    versions = [_version(FIRST, "2026-11-25", {"CL15": "partly holds", "CL26": "holds"}),
                _version("bbbbbbb2", "2026-12-01", {"CL15": "holds", "CL26": "holds"})]
    current = [{"claim_id": "CL15", "verdict": "holds"}, {"claim_id": "CL26", "verdict": "holds"}]
    fixes = [_fix("2026-12-01", "CL15", "partly holds", "holds")]
    assert provenance.verdict_problems(versions, fixes, current) == []


def test_replay_names_a_verdict_changed_without_a_correction():
    versions = [_version(FIRST, "2026-11-25", {"CL26": "holds"})]
    problems = provenance.verdict_problems(versions, [], [{"claim_id": "CL26",
                                                           "verdict": "partly holds"}])
    assert len(problems) == 1 and problems[0].startswith("CL26: verdict is 'partly holds'")


def test_replay_names_a_correction_whose_from_value_is_wrong():
    versions = [_version(FIRST, "2026-11-25", {"CL05": "partly holds"})]
    fixes = [_fix("2026-12-01", "CL05", "holds", "partly holds")]
    problems = provenance.verdict_problems(versions, fixes, [{"claim_id": "CL05",
                                                              "verdict": "partly holds"}])
    assert problems == ["corrections.csv: 2026-12-01 CL05: from_value is 'holds', but the "
                        "verdict then was 'partly holds'"]


def test_replay_catches_a_change_made_and_undone_without_a_log_entry():
    versions = [_version(FIRST, "2026-11-25", {"CL29": "holds"}),
                _version("bbbbbbb2", "2026-12-01", {"CL29": "partly holds"}),
                _version("ccccccc3", "2026-12-02", {"CL29": "holds"})]
    problems = provenance.verdict_problems(versions, [], [{"claim_id": "CL29",
                                                           "verdict": "holds"}])
    assert any("bbbbbbb" in p and "'partly holds'" in p for p in problems), problems


def test_appended_log_passes_and_an_edited_one_fails():
    row = {"date": "2026-12-01", "table": "claims", "row": "CL15", "column": "verdict",
           "from_value": "partly holds", "to_value": "holds", "why": "a", "evidence": ""}
    later = {**row, "date": "2026-12-02", "row": "CL26"}
    first, second = Version("a1", "d1", (row,)), Version("b2", "d2", (row, later))
    assert provenance.appended_problems([first, second]) == []
    edited = Version("c3", "d3", ({**row, "why": "rewritten"}, later))
    assert provenance.appended_problems([first, second, edited])[0].startswith(
        "corrections.csv: commit c3")
    assert provenance.appended_problems([second, Version("d4", "d4", (later,))])


def test_published_on_is_the_date_a_claim_was_first_committed():
    versions = _history(provenance.CLAIMS)
    assert versions, "data/claims.csv has no committed version"
    assert provenance.publication_problems(versions, _csv(provenance.CLAIMS)) == []


def test_published_on_check_can_fail():
    versions = [_version(FIRST, "2026-11-25", {"CL01": "holds"})]
    problems = provenance.publication_problems(
        versions, [{"claim_id": "CL01", "published_on": "2026-11-26"},
                   {"claim_id": "CL99", "published_on": "2026-11-26"}])
    assert problems[0] == ("CL01: published_on is '2026-11-26', but the claim was first "
                           "committed on 2026-11-25")
    assert problems[1].startswith("CL99: not yet committed")


def test_every_verdict_change_since_first_publication_is_in_the_corrections_log():
    versions = _history(provenance.CLAIMS)
    corrections = _csv(provenance.CORRECTIONS)
    assert provenance.verdict_problems(versions, corrections, _csv(provenance.CLAIMS)) == []


def test_corrections_log_is_only_ever_appended():
    committed = _history(provenance.CORRECTIONS)
    working = Version("working tree", "now", tuple(_csv(provenance.CORRECTIONS)))
    assert provenance.appended_problems([*committed, working]) == []


def _cell(value) -> str:
    """A loaded cell as the log writes it: a date as YYYY-MM-DD, a missing value as ''."""
    if pd.isna(value):
        return ""
    return str(value.date()) if hasattr(value, "date") else str(value)


def test_corrections_name_existing_rows_and_their_current_values():
    """A logged number or verdict change says what the value is now (empty: removed); the
    data must agree. Only the latest correction of a cell speaks for its current value."""
    latest = {}
    for fix in _csv(provenance.CORRECTIONS):
        latest[(fix["table"], fix["row"], fix["column"])] = fix
    for fix in latest.values():
        frame = data.load(fix["table"])
        if fix["table"] == "claims":
            rows = frame[frame["claim_id"] == fix["row"]]
        elif "fact_id" in frame and fix["row"] in set(frame["fact_id"].dropna()):
            rows = frame[frame["fact_id"] == fix["row"]]
        else:
            rows = frame[frame.astype(str).agg(" / ".join, axis=1).str.contains(fix["row"],
                                                                               regex=False)]
        assert len(rows), f"corrections.csv: {fix['row']} not found in {fix['table']}"
        assert fix["column"] in frame.columns, (fix["table"], fix["column"])
        now = {_cell(v) for v in rows[fix["column"]]}
        assert fix["to_value"] in now, (fix, now)


def test_corrections_loader_rejects_a_verdict_that_is_not_a_verdict(tmp_path):
    log = tmp_path / "corrections.csv"
    log.write_text("date,table,row,column,from_value,to_value,why,why_ar,evidence\n"
                   "2026-12-01,claims,CL15,verdict,partly holds,mostly true,test,اختبار,B03\n"
                   "2026-12-01,claims,X1,note,a,a,test,اختبار,\n", encoding="utf-8")
    with pytest.raises(data.DataError) as err:
        data.load("corrections", log)
    assert {(p.line, p.column) for p in err.value.problems} == {
        (2, "to_value"), (3, "row"), (3, "to_value")}


def test_the_empty_log_is_valid_but_an_empty_claims_file_is_not(tmp_path):
    assert len(data.load("corrections")) == len(_csv(provenance.CORRECTIONS))
    header_only = tmp_path / "claims.csv"
    header_only.write_text(provenance.CLAIMS.read_text(encoding="utf-8").split("\n")[0] + "\n",
                           encoding="utf-8")
    with pytest.raises(data.DataError, match="at least one data row"):
        data.load("claims", header_only)


def test_repository_record_is_consistent_by_the_command_too(capsys):
    _history(provenance.CLAIMS)  # skip/fail with the reason where git history is missing
    assert provenance.main([]) == 0, capsys.readouterr().err
    assert paths.DATA.is_dir()
