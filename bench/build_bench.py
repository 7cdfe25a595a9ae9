"""Benchmark: the project's build against a naive sequential nbconvert run.

Times, in one run and on a scratch copy of the repository (the working tree is
never touched):
  (a) python -m helpers.publish.build --force          parallel, every notebook of both editions
  (b) jupyter nbconvert --execute --inplace      one notebook after another (English edition)
  (c) python -m helpers.publish.build                    no-op rebuild (all up to date)
  (e) python -m helpers.publish.build --force notebooks/NN_*.ipynb   the English edition alone
and prints a/b, c and a/e: what the second edition costs (issue 10: at most 1.3x one
edition). A benchmark, not a test: nothing here asserts a time.

    .venv/bin/python bench/build_bench.py [--repeat N]
"""
import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["helpers", "data", "notebooks", "figures", "tests/malformed", "requirements.txt",
          "requirements.lock"]


def scratch_copy() -> Path:
    dest = Path(tempfile.mkdtemp(prefix="build-bench-"))
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
            # 01_dataset reads tests/malformed/ to show the loader's errors live.
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(cwd)})
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd[-3:])} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    args = parser.parse_args()
    python = sys.executable
    jupyter = str(Path(python).with_name("jupyter"))

    copy = scratch_copy()
    try:
        notebooks = sorted((copy / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        english = [str(nb) for nb in notebooks]
        e = min(timed([python, "-m", "helpers.publish.build", "--force", *english], copy)
                for _ in range(args.repeat))
        a = min(timed([python, "-m", "helpers.publish.build", "--force"], copy) for _ in range(args.repeat))
        b = min(
            sum(
                timed([jupyter, "nbconvert", "--to", "notebook", "--execute", "--inplace", str(nb)], copy)
                for nb in notebooks
            )
            for _ in range(args.repeat)
        )
        # nbconvert rewrote the notebooks without our fingerprint: rebuild once, then time a no-op.
        timed([python, "-m", "helpers.publish.build"], copy)
        c = min(timed([python, "-m", "helpers.publish.build"], copy) for _ in range(max(3, args.repeat)))
    finally:
        shutil.rmtree(copy, ignore_errors=True)

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"notebooks: {len(notebooks)}")
    print(f"(a) helpers.publish.build --force (parallel): {a:6.2f} s")
    print(f"(b) nbconvert --execute, sequential:  {b:6.2f} s")
    print(f"(c) no-op rebuild:                    {c:6.2f} s")
    print(f"(e) English edition alone, --force:   {e:6.2f} s")
    print(f"a/b = {a / b:.2f}   (target <= 0.55)")
    print(f"a/e = {a / e:.2f}   both editions against one (target <= 1.3)")
    print(f"no-op = {c:.2f} s (target <= 0.5 s)")


if __name__ == "__main__":
    main()
