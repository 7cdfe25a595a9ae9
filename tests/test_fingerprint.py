"""A notebook reruns only when something it used changed (issue 9, deliverable 6).

What a notebook used is recorded while it runs (the build's kernel launcher) and stored,
with content hashes, in its metadata. All edits happen in a scratch copy of the
repository (tests/build_support.py); the real files are never touched.
"""
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from build_support import ROOT, copy_repository, git, run_build

from helpers.publish import fingerprint

# Both editions: notebooks/NN_*.ipynb and notebooks/<lang>/NN_*.ipynb.
NOTEBOOKS = sorted([*(ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"),
                    *(ROOT / "notebooks").glob("*/[0-9][0-9]_*.ipynb")])


def _name(path: Path) -> str:
    """A notebook as the build names it: its path under notebooks/."""
    return path.relative_to(ROOT / "notebooks").as_posix()


def _recorded(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["metadata"]["collection"]["inputs"]


def _would_run(repo: Path) -> dict[str, str]:
    result = run_build(repo, "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(re.findall(r"^\[would run\] (\S+) \((.*)\)$", result.stdout, re.M))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_repository(tmp_path_factory.mktemp("pristine") / "repo")


@pytest.fixture
def repo(pristine, tmp_path) -> Path:
    dest = tmp_path / "repo"
    git(pristine, "clone", "-q", str(pristine), str(dest))
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- the committed notebooks


def test_every_committed_notebook_records_what_it_used():
    for path in NOTEBOOKS:
        inputs = _recorded(path)
        assert inputs["modules"], path.name  # at least helpers.toolkit
        assert "requirements.lock" in inputs["environment"]
        assert not [m for m in inputs["modules"] if m.startswith("helpers/publish/")], path.name
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for kind in ("files", "modules")
                   for h in inputs[kind].values())


def test_a_fresh_clone_skips_every_notebook(repo):
    """Hashes of content, not modification times: a clone has new mtimes for every file."""
    for path in (repo / "data").rglob("*"):
        os.utime(path)
    assert _would_run(repo) == {}


def test_editing_context_fx_reruns_only_the_notebooks_that_read_it(repo):
    readers = {_name(p) for p in NOTEBOOKS if "data/context_fx.csv" in _recorded(p)["files"]}
    assert "02_budgets.ipynb" in readers  # it converts the budgets at market rates
    assert 0 < len(readers) < len(NOTEBOOKS)

    _edit(repo / "data" / "context_fx.csv", "First fixing below 7.0", "First fixing under 7.0")

    assert _would_run(repo) == {name: "data/context_fx.csv changed" for name in readers}


def test_editing_publishing_code_reruns_no_notebook(repo):
    html = repo / "helpers" / "publish" / "html.py"
    html.write_text(html.read_text(encoding="utf-8") + "\n# an edit to the HTML edition\n",
                    encoding="utf-8")
    build = repo / "helpers" / "publish" / "build.py"
    build.write_text(build.read_text(encoding="utf-8") + "\n# an edit to the build\n",
                     encoding="utf-8")
    assert _would_run(repo) == {}


def test_editing_a_helper_reruns_the_notebooks_that_imported_it(repo):
    importers = {_name(p) for p in NOTEBOOKS if "helpers/toolkit/fmt.py" in _recorded(p)["modules"]}
    assert importers
    fmt = repo / "helpers" / "toolkit" / "fmt.py"
    fmt.write_text(fmt.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert _would_run(repo) == {name: "helpers/toolkit/fmt.py changed" for name in importers}


def test_changing_the_lock_reruns_every_notebook(repo):
    lock = repo / "requirements.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "# relocked\n", encoding="utf-8")
    assert _would_run(repo) == {_name(p): "requirements.lock changed" for p in NOTEBOOKS}


# ---------------------------------------------------------------- recorded while running


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def test_dependencies_are_recorded_during_execution_and_drive_the_next_build(repo):
    reader = _notebook(
        repo / "notebooks" / "80_reads_fx.ipynb",
        "from helpers.analysis import data\nfx = data.load('context_fx')\nlen(fx) > 0",
    )
    formatter = _notebook(
        repo / "notebooks" / "81_formats.ipynb",
        "from helpers.toolkit import fmt\nimport os\nsorted(os.listdir('../tests/malformed'))[:1]",
    )
    first = run_build(repo, str(reader), str(formatter))
    assert first.returncode == 0, first.stdout + first.stderr

    read = _recorded(reader)
    assert "data/context_fx.csv" in read["files"]
    assert "helpers/analysis/data.py" in read["modules"]
    formats = _recorded(formatter)
    assert "helpers/toolkit/fmt.py" in formats["modules"]
    assert "data/context_fx.csv" not in formats["files"]
    assert list(formats["folders"]) == ["tests/malformed"]  # a listing is an input too
    for inputs in (read, formats):
        assert not [m for m in inputs["modules"] if m.startswith("helpers/publish/")]
        assert inputs["files"].get("data/context_fx.csv", fingerprint.MISSING) in (
            fingerprint.MISSING, fingerprint.Hasher(repo).file("data/context_fx.csv"))

    _edit(repo / "data" / "context_fx.csv", "First fixing below 7.0", "First fixing under 7.0")
    second = run_build(repo, str(reader), str(formatter))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "[run]   80_reads_fx.ipynb (data/context_fx.csv changed)" in second.stdout
    assert "[skip]  81_formats.ipynb" in second.stdout

    (repo / "tests" / "malformed" / "new_case.context_fx.csv").write_text("x\n")
    third = run_build(repo, "--dry-run", str(reader), str(formatter))
    assert "[would run] 81_formats.ipynb (tests/malformed changed)" in third.stdout
    assert "[skip]  80_reads_fx.ipynb" in third.stdout
