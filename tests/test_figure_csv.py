"""No exported CSV holds a cell a spreadsheet would run as a formula (issue 14, defect 5).

Two layers: data/ tables refuse such text with file, line and column (see
tests/test_data_malformed.py); a figure's data CSV, which code computes, is refused by
figures.save() before anything is written; and every CSV committed in figures/ is checked.
"""
from __future__ import annotations

import csv

import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers.toolkit import figures, paths, style

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def out(tmp_path, monkeypatch):
    folder = tmp_path / "figures"
    monkeypatch.setenv(figures.FIGURES_DIR_ENV, str(folder))
    monkeypatch.setenv(figures.NOTEBOOK_ENV, "99_test")
    return folder


def _figure():
    style.use("en")
    fig = Figure(figsize=style.SLIDE_SIZE, layout="constrained")
    fig.add_subplot().plot([0, 1], [0, 1])
    return fig


def _save(data):
    return figures.save(_figure(), "formula", "en", title="t", caption="c", alt="a", data=data)


@pytest.mark.parametrize("cell", [
    '=HYPERLINK("http://example.invalid/","source")',
    "+75.7% on 2016.",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
])
def test_a_formula_cell_is_refused_and_nothing_is_written(out, cell):
    frame = pd.DataFrame({"company": ["Alibaba", "Tencent"], "gloss": ["fine", cell]})
    with pytest.raises(figures.FigureDataError) as caught:
        _save(frame)
    message = str(caught.value)
    assert "formula.csv line 3, column 'gloss'" in message
    assert not out.exists() or not any(out.iterdir())


def test_a_formula_in_a_column_name_is_refused(out):
    with pytest.raises(figures.FigureDataError, match="the header"):
        _save(pd.DataFrame({"=1+1": [1]}))


def test_numbers_with_signs_are_numbers_not_formulas(out):
    frame = pd.DataFrame({"change": [-3.5, 12.0, -1e-7], "label": ["-3.5%", "+12%", "-1e-07"]})
    written = _save(frame)
    csv_file = next(p for p in written if p.suffix == ".csv")
    assert pd.read_csv(csv_file)["label"].tolist() == ["-3.5%", "+12%", "-1e-07"]


def test_no_committed_figure_csv_has_a_formula_cell():
    files = sorted(paths.FIGURES.glob("*.csv"))
    assert files
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):
                for cell in row:
                    assert not (cell.startswith(FORMULA_START)
                                and not figures._PLAIN_NUMBER.fullmatch(cell)), (
                        f"{path.name} line {line}: {cell!r}")
