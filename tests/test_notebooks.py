"""Every notebook runs headless from a clean kernel, from any working directory,
cell by cell twice; and the committed copy carries its outputs, up to date."""
import json

import pytest


from helpers.publish import build
from helpers.toolkit import paths

SOURCES = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# Both editions: the English sources and the generated translated editions (notebooks/ar/).
NOTEBOOKS = SOURCES + sorted(paths.NOTEBOOKS.glob("*/[0-9][0-9]_*.ipynb"))
IDS = [p.relative_to(paths.NOTEBOOKS).with_suffix("").as_posix() for p in NOTEBOOKS]


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no NN_*.ipynb in {paths.NOTEBOOKS}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executes_from_clean_kernel_elsewhere_and_each_cell_twice(path, tmp_path):
    # The kernel starts in an unrelated folder and writes figures to a scratch folder.
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    nb = build.execute(path, tmp_path / "figures", cwd=workdir, check_rerun=True)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert not any(workdir.iterdir()), "the notebook wrote into its working directory"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebook_has_current_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert code, "a notebook with no code"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "not saved from a clean Restart & Run All"
    assert any(c["outputs"] for c in code), "no outputs: readers would see nothing"
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors
    assert build.stored_digest(nb) == build.inputs_digest(nb, build.shared_digest()), (
        f"{path.name} was not rebuilt after its inputs changed: run `make`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_arabic_prose_is_marked_right_to_left(path):
    """Markdown with Arabic letters must sit in an RTL block so it renders right-to-left."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(nb["cells"], start=1):
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        if any("\u0600" <= ch <= "\u06ff" for ch in text):
            assert 'dir="rtl"' in text, f"{path.name} cell {number}: Arabic outside an RTL block"


def test_notebooks_do_not_hand_roll_the_arabic_recipe():
    for path in NOTEBOOKS:
        source = path.read_text(encoding="utf-8")
        assert "get_display(" not in source, f"{path.name}: use helpers.toolkit.arabic.label"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_has_a_parameters_cell_with_lang(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "one cell tagged `parameters` (papermill/JupyterLab convention)"
    assert "LANG" in "".join(tagged[0]["source"])


def test_every_exported_figure_has_both_languages_with_caption_and_alt():
    from helpers.toolkit import manifest

    rows = manifest.read_manifest(paths.FIGURES / "manifest.csv")
    by_name: dict[str, set[str]] = {}
    for row in rows:
        by_name.setdefault(row["name"], set()).add(row["lang"])
        assert row["caption"].strip() and row["alt"].strip() and row["title"].strip(), row["name"]
        assert row["notebook"] in [p.stem for p in SOURCES], f"{row['name']}: made by an unknown notebook {row['notebook']!r}"
        for f in manifest.files_for(row["name"], row["lang"], paths.FIGURES):
            assert f.exists(), f
    assert by_name and all(langs == {"ar", "en"} for langs in by_name.values()), by_name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebook_prints_no_warning(path):
    """A warning (stderr) in a committed output shows the reader a local path and a message
    meant for the developer; the one found once hid a table column (two headers alike)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    warned = [(index + 1, "".join(out.get("text", ""))[:120])
              for index, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
              for out in cell.get("outputs", []) if out.get("name") == "stderr"]
    assert not warned, f"{path.name}: cells print warnings: {warned}"
