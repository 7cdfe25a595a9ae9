"""Benchmark of the slide decks (a number for the README; no asserts).

1. ``python -m helpers.publish.slides`` in a fresh interpreter, both decks:
   what ``make slides`` costs (imports, the findings from the data, the decks).
   Median of RUNS runs.
2. ``slides.build()`` again in a warm process: the deck-making alone.

Target: one build of both decks in at most 5 s (1.).

Run: .venv/bin/python bench/slides_bench.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
TARGET_S = 5.0


def fresh_process(out: Path) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "helpers.publish.slides", "--out", str(out)],
                       cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def warm_process(out: Path) -> tuple[float, list[float]]:
    sys.path.insert(0, str(ROOT))
    from helpers.publish import slides

    started = time.perf_counter()
    slides.build(out)
    first = time.perf_counter() - started
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        slides.build(out)
        times.append(time.perf_counter() - started)
    return first, times


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        fresh = fresh_process(out / "fresh")
        first, warm = warm_process(out / "warm")
        sizes = {p.name: p.stat().st_size for p in sorted((out / "warm").glob("*.pptx"))}
    median = statistics.median(fresh)
    print(f"python -m helpers.publish.slides, both decks, fresh process: median {median:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in fresh)}) — target <= {TARGET_S:.0f} s: "
          f"{'met' if median <= TARGET_S else 'MISSED'}")
    print(f"slides.build() in one process: first {first:.2f} s, then median "
          f"{statistics.median(warm):.2f} s")
    for name, size in sizes.items():
        print(f"  {name}: {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
