"""The project's own packaging: building it prints no warnings and ships the fonts and the
HTML templates as package data (issue 14, defect 14)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import ROOT


def _wheel(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "helpers", source / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path / "wheel"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    return done, sorted(out.glob("*.whl"))


def test_building_the_package_prints_no_warning_and_ships_fonts_and_templates(tmp_path):
    done, wheels = _wheel(tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "would be ignored" not in output
    assert "warning" not in output.lower(), output
    names = zipfile.ZipFile(wheels[0]).namelist()
    fonts = [n for n in names if n.startswith("helpers/toolkit/fonts/")]
    templates = [n for n in names if n.startswith("helpers/publish/templates/")]
    assert {"helpers/toolkit/fonts/NotoSansArabic-Regular.ttf",
            "helpers/toolkit/fonts/OFL.txt"} <= set(fonts)
    assert "helpers/publish/templates/site/layout.html.j2" in templates
    assert len(templates) == len(list((ROOT / "helpers/publish/templates").rglob("*.*")))
    assert not [n for n in names if n.startswith(("data/", "tests/", "notebooks/"))]
