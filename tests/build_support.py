"""A scratch copy of the repository for build tests: the real files are never touched.

``copy_repository(dest)`` copies what the build reads and writes (helpers, data,
notebooks, figures, the test corpus 01_dataset reads, the requirements and lock)
and commits it to a fresh git repository, so a test can ask ``changed(copy)``
exactly as a person runs ``git status``. ``run_build(copy, ...)`` runs
``python -m helpers.publish.build`` in it, importing the copy's helpers.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["helpers", "data", "notebooks", "figures", "tests/malformed",
          "requirements.txt", "requirements.lock"]
_GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid",
        "-c", "commit.gpgsign=false"]


def copy_repository(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif src.exists():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "copy")
    return dest


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*_GIT, *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


def changed(repo: Path) -> list[str]:
    """`git status --porcelain` of the copy, one entry per changed or new file."""
    return [line for line in git(repo, "status", "--porcelain", "--untracked-files=all")
            .splitlines() if line.strip() and not line[3:].startswith("build/")]


def build_env(repo: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(repo)}


def run_build(repo: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.publish.build", *args], cwd=repo,
                          env=build_env(repo), capture_output=True, text=True, timeout=timeout)


def start_build(repo: Path, *args: str) -> subprocess.Popen:
    """The build in its own process group, as a terminal runs it (for signals)."""
    return subprocess.Popen([sys.executable, "-m", "helpers.publish.build", *args], cwd=repo,
                            env=build_env(repo), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def alive(pid: int) -> bool:
    """True while *pid* runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"
