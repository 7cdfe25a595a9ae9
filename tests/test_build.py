"""The build's promises: skip what is unchanged, fail loudly, never damage figures/."""
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, tree_digest

from helpers.publish import build
from helpers.toolkit import paths


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# scratch")]
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def _run_build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.publish.build", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


# A cell that writes into the staging folder exactly as helpers.toolkit.figures.save would.
WRITES_FIGURE = (
    "import os, pathlib\n"
    "out = pathlib.Path(os.environ['COLLECTION_FIGURES_DIR'])\n"
    "(out / 'zz_scratch.en.png').write_bytes(b'not a real figure')"
)


def test_failing_notebook_names_notebook_and_cell_and_leaves_figures_untouched(tmp_path):
    nb = _notebook(tmp_path / "98_failing.ipynb", "x = 1", WRITES_FIGURE, "raise ValueError('boom')")
    before_nb = nb.read_bytes()
    before_figures = tree_digest(paths.FIGURES)

    result = _run_build("--force", str(nb))

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "98_failing.ipynb" in output
    assert "cell 4" in output  # markdown cell 1, code cells 2-4
    assert "ValueError: boom" in output
    assert tree_digest(paths.FIGURES) == before_figures
    assert not (paths.FIGURES / "zz_scratch.en.png").exists()
    assert nb.read_bytes() == before_nb  # a failed run is not written back


def test_unchanged_notebook_is_skipped_and_rerun_gives_no_diff(tmp_path):
    nb = _notebook(tmp_path / "97_ok.ipynb", "import sys\nprint(sys.version_info[:2])", "6 * 7")

    first = _run_build(str(nb))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "[done]  97_ok.ipynb" in first.stdout
    executed = nb.read_bytes()
    saved = json.loads(executed)
    assert saved["cells"][2]["outputs"][0]["data"]["text/plain"] in ("42", ["42"])
    assert "execution" not in saved["cells"][1]["metadata"]  # no timestamps saved

    second = _run_build(str(nb))
    assert second.returncode == 0
    assert "[skip]  97_ok.ipynb" in second.stdout
    assert nb.read_bytes() == executed

    forced = _run_build("--force", str(nb))
    assert "[done]  97_ok.ipynb" in forced.stdout
    assert nb.read_bytes() == executed  # re-running an unchanged notebook: no diff


def test_editing_a_cell_makes_the_notebook_stale(tmp_path):
    nb_path = _notebook(tmp_path / "96_edit.ipynb", "1 + 1")
    assert _run_build(str(nb_path)).returncode == 0
    shared = build.shared_digest()
    assert build.is_up_to_date(nb_path, shared)

    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[1].source = "2 + 2"
    nbformat.write(nb, nb_path)
    assert not build.is_up_to_date(nb_path, shared)
    assert not build.is_up_to_date(nb_path, "another shared digest")


def test_rerun_check_catches_a_cell_that_is_not_idempotent(tmp_path):
    nb = _notebook(tmp_path / "95_mutates.ipynb", "xs = []", "xs.append(1)\nprint(len(xs))")
    with pytest.raises(build.BuildError, match="cell 3 gives different output"):
        build.execute(nb, tmp_path, check_rerun=True)


def test_unknown_notebook_name_is_a_clear_error():
    result = _run_build("no_such_notebook")
    assert result.returncode != 0
    assert "no notebook called 'no_such_notebook'" in result.stderr
