"""JupyterLab on the collection's notebooks, with right-to-left paragraphs aligned right.

``make lab`` runs ``python -m helpers.publish.lab``. It starts JupyterLab on
``notebooks/`` and loads ``templates/lab/custom.css`` through JupyterLab's own custom-CSS
switch, served from this package rather than from the user's Jupyter config folder,
so the reader's settings, themes and workspaces stay theirs.

Why: JupyterLab left-aligns every paragraph; an Arabic paragraph then reads
right-to-left but starts at the left edge. The CSS aligns it to its start.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from helpers.toolkit import paths

CSS_DIR = Path(__file__).with_name("templates") / "lab"


def arguments(notebook_dir: Path = paths.NOTEBOOKS) -> list[str]:
    """The command-line options that give JupyterLab the collection's CSS and folder."""
    settings = {"static_custom_path": [str(CSS_DIR)]}
    return [f"--ServerApp.root_dir={notebook_dir}", "--LabApp.custom_css=True",
            f"--ServerApp.tornado_settings={json.dumps(settings)}"]


def main(argv: list[str] | None = None) -> None:
    # As root (a container's usual user) Jupyter refuses to start without --allow-root.
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    command = [sys.executable, "-m", "jupyterlab", *arguments(), *as_root,
               *(argv or sys.argv[1:])]
    os.execv(sys.executable, command)


if __name__ == "__main__":
    main()
