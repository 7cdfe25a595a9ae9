"""Benchmarks for the figure toolkit (numbers for the README; no asserts).

1. The import cost of the helpers on top of matplotlib (with pyplot) and
   pandas, in fresh interpreters: ``import helpers`` alone, and the figure
   modules (arabic, style, fmt, figures). Median of several runs.
2. ``style.use("ar")`` the first time in a process (font registration and the
   Arabic engine probe).
3. One ``figures.save`` of the sample chart (three budgets) in three formats
   (PNG 2560x1440, SVG, PDF) plus its CSV: the first save in a process and
   the median of the following ones.

Run: .venv/bin/python bench/bench_helpers.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7

_IMPORT_PROBE = """
import sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
import matplotlib, matplotlib.pyplot, pandas
t1 = time.perf_counter()
import helpers
t2 = time.perf_counter()
import helpers.toolkit.arabic, helpers.toolkit.style, helpers.toolkit.fmt, helpers.toolkit.figures
t3 = time.perf_counter()
from helpers.toolkit import style
style.use("ar")
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def import_costs():
    samples = []
    env = dict(os.environ, MPLBACKEND="Agg")
    for _ in range(RUNS):
        result = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE.format(root=str(ROOT))],
            capture_output=True, text=True, check=True, env=env,
        )
        samples.append([float(v) for v in result.stdout.split()])
    return [statistics.median(column) * 1000 for column in zip(*samples)]


def save_times():
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    import figures_support as support
    import pandas as pd

    from helpers.toolkit import figures

    times = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ[figures.FIGURES_DIR_ENV] = folder
        for _ in range(4):
            fig, _ax, rows = support.sample_chart("ar")
            text = support.SAMPLE_TEXT["ar"]
            start = time.perf_counter()
            figures.save(fig, "budgets", "ar", title=text["title"], caption=text["subtitle"],
                         alt="bench", data=pd.DataFrame(rows), tables=("campaigns",))
            times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times[1:])


def main():
    base, package, modules, use = import_costs()
    first, warm = save_times()
    print(f"import matplotlib + pyplot + pandas (baseline)    {base:8.1f} ms")
    print(f"import helpers (package) on top                   {package:8.1f} ms")
    print(f"import helpers.toolkit.arabic/style/fmt/figures on top    {modules:8.1f} ms")
    print(f"style.use('ar'), first call (fonts + engine probe){use:8.1f} ms")
    print(f"figures.save, PNG+SVG+PDF+CSV, first in process   {first:8.1f} ms")
    print(f"figures.save, PNG+SVG+PDF+CSV, median of next 3   {warm:8.1f} ms")
    print(f"(medians of {RUNS} fresh interpreters for imports; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
