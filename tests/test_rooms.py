"""The three rooms stay apart (issue 9): the toolkit knows nothing of the analysis or of
publishing, the analysis nothing of publishing, and notebooks import only the toolkit and
the analysis. Read from the source (imports anywhere in a module, including inside
functions), so a lazy import cannot slip through.
"""
from __future__ import annotations

import ast
import json

import pytest

from helpers.toolkit import paths

#: What each room may not import.
FORBIDDEN = {
    "toolkit": ("helpers.analysis", "helpers.publish"),
    "analysis": ("helpers.publish",),
}


def _imports(source: str, package: str) -> set[str]:
    """Every module *source* imports, relative imports resolved against *package*."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _crossings(room: str, root=paths.ROOT) -> list[str]:
    """"<file> imports <module>" for each import of *room* (under root/helpers) that
    crosses into a room it may not use."""
    problems = []
    for path in sorted((root / "helpers" / room).rglob("*.py")):
        package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
        for module in _imports(path.read_text(encoding="utf-8"), package):
            if module.startswith(FORBIDDEN[room]):
                problems.append(f"{path.relative_to(root).as_posix()} imports {module}")
    return sorted(problems)


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_a_room_does_not_import_the_rooms_built_on_it(room):
    assert _crossings(room) == []


def test_the_check_sees_lazy_and_relative_imports(tmp_path):
    room = tmp_path / "helpers" / "toolkit"
    room.mkdir(parents=True)
    (room / "probe.py").write_text("def f():\n    from ..publish import build\n"
                                   "    import helpers.analysis.data\n", encoding="utf-8")
    assert _crossings("toolkit", tmp_path) == [
        "helpers/toolkit/probe.py imports helpers.analysis.data",
        "helpers/toolkit/probe.py imports helpers.publish",
        "helpers/toolkit/probe.py imports helpers.publish.build",
    ]


def test_notebooks_import_only_the_toolkit_and_the_analysis():
    problems = []
    for path in sorted(paths.NOTEBOOKS.rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            lines = "".join(cell["source"]).splitlines()
            source = "\n".join(line for line in lines if not line.startswith(("%", "!")))  # magics
            for module in _imports(source, "notebook"):
                if module.startswith("helpers") and not module.startswith(
                        ("helpers.toolkit", "helpers.analysis")):
                    problems.append(f"{path.relative_to(paths.ROOT)} cell {cell['id']}: {module}")
    assert problems == []
