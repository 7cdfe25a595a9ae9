"""Where the collection's folders are, found from this package's own location.

Notebooks import these instead of relative paths so that Restart & Run All
works whatever the kernel's working directory is.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SOURCE = DATA / "source"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
HELPERS = ROOT / "helpers"
FONTS = HELPERS / "toolkit" / "fonts"
BUILD = ROOT / "build"

__all__ = ["ROOT", "DATA", "SOURCE", "FIGURES", "NOTEBOOKS", "HELPERS", "FONTS", "BUILD"]
