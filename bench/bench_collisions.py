"""The collision and legibility check on the collection's own figures.

Re-draws every exported figure in both languages by running the notebooks'
code cells in this process (``figures.save`` is replaced by a recorder, so
nothing is written to figures/), then times ``collisions.measure`` on each
and prints one row per figure and language: findings by kind, the smallest
text (points at slide size), the lowest contrast of a mark or outline, and
the time: laying the figure out as save() does (CPU), then the check itself
(wall clock and CPU; the machine is shared, so CPU time is the steadier one).

    .venv/bin/python bench/bench_collisions.py [--overlays DIR] [--runs N]

--overlays writes each figure with its findings outlined (collisions.overlay).
Numbers, not tests: there are no assertions here.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ["02_budgets", "03_calendar", "04_wechat_2015", "05_deepseek_context", "06_fact_check"]
SHORT = {  # table columns: finding kind -> header
    "text/text": "txt/txt", "box/box": "box/box", "text under box": "under box",
    "text over box": "over box", "text/mark": "txt/mark", "text/reference line": "txt/ref",
    "text/spine": "txt/spine", "outside own box": "out own", "off canvas": "off canvas",
    "safe margin": "margin", "small text": "small", "low contrast": "low contr.",
}


def draw_all():
    """[(name, lang, fig)] for every figure the notebooks export, drawn here."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    sys.path.insert(0, str(ROOT))
    import matplotlib

    matplotlib.use("Agg")
    import nbformat

    from helpers.toolkit import figures

    drawn = []

    def record(fig, name, lang, **_kwargs):
        drawn.append((name, lang, fig))
        return []

    real_save = figures.save
    figures.save = record
    try:
        for stem in NOTEBOOKS:
            notebook = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
            namespace = {"__name__": "__main__"}
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    for cell in notebook.cells:
                        if cell.cell_type == "code":
                            exec(compile(cell.source, f"{stem}.ipynb", "exec"), namespace)
            except Exception as exc:  # one notebook's code out of step: measure the others
                print(f"skipped the rest of {stem}.ipynb: {type(exc).__name__}: {exc}")
    finally:
        figures.save = real_save
    return drawn


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--overlays", type=Path, help="folder for PNGs with findings outlined")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (median)")
    args = parser.parse_args(argv)

    from helpers.toolkit import collisions, figures

    started = time.perf_counter()
    drawn = draw_all()
    print(f"drew {len(drawn)} figures in {time.perf_counter() - started:.1f} s\n")
    header = ["figure", "lang", *SHORT.values(), "smallest pt", "lowest contrast", "layout cpu ms",
              "check ms", "check cpu ms"]
    rows = []
    totals, cpu_totals, layout_totals = [], [], []
    for name, lang, fig in drawn:
        times, cpu, layout = [], [], []
        for _ in range(args.runs):
            c0 = time.process_time()
            figures.lay_out(fig)  # what save() does anyway before the check
            layout.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            report = collisions.measure(fig, name, lang, laid_out=True)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        seconds = statistics.median(times)
        totals.append(seconds)
        cpu_totals.append(statistics.median(cpu))
        layout_totals.append(statistics.median(layout))
        counts = report.counts()
        rows.append([name, lang, *(str(counts[k]) for k in SHORT),
                     f"{report.smallest_text_pt:g}", f"{report.lowest_contrast:.2f}",
                     f"{layout_totals[-1] * 1000:.0f}", f"{seconds * 1000:.0f}",
                     f"{cpu_totals[-1] * 1000:.0f}"])
        if args.overlays:
            args.overlays.mkdir(parents=True, exist_ok=True)
            collisions.overlay(fig, report, args.overlays / f"{name}.{lang}.png")
            (args.overlays / f"{name}.{lang}.txt").write_text(report.describe() + "\n",
                                                              encoding="utf-8")
        print(f"{name} [{lang}]: {report.texts} texts, {report.marks} marks; "
              f"smallest text {report.smallest_text_pt:g} pt ({report.smallest_text}); "
              f"lowest contrast {report.lowest_contrast:.2f}:1 ({report.lowest_contrast_artist})")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nthe check (measure after lay_out): median {statistics.median(totals) * 1000:.0f} ms "
          f"per figure (CPU {statistics.median(cpu_totals) * 1000:.0f} ms), max "
          f"{max(totals) * 1000:.0f} ms (CPU {max(cpu_totals) * 1000:.0f} ms), "
          f"{sum(totals):.2f} s for all {len(totals)}; laying out, which save() does anyway: "
          f"median CPU {statistics.median(layout_totals) * 1000:.0f} ms "
          f"(median of {args.runs} runs each; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")

if __name__ == "__main__":
    main()
