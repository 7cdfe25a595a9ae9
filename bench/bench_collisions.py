"""The collision and legibility check on the collection's own figures.

Draws every figure in every language the way the notebooks export them
(``helpers.analysis.figures.chart(name).draw(lang)``; nothing is written to
figures/), then times ``collisions.measure`` on each and prints one row per
figure and language: findings by kind, the smallest text (points at slide
size), the lowest contrast of a mark or outline, and the time: laying the
figure out as save() does (CPU), then the check itself (wall clock and CPU;
the machine is shared, so CPU time is the steadier one).

    .venv/bin/python bench/bench_collisions.py [--overlays DIR] [--runs N] [--json FILE]
    # the same figures as another checkout draws them (e.g. main, for "before"):
    .venv/bin/python bench/bench_collisions.py --tree /path/to/checkout --runs 1

--overlays writes each figure with its findings outlined (collisions.overlay);
--json writes the table's numbers for a before/after comparison
(one object per figure and language).
Numbers, not tests: there are no assertions here.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHORT = {  # table columns: finding kind -> header
    "text/text": "txt/txt", "box/box": "box/box", "text under box": "under box",
    "text over box": "over box", "text/mark": "txt/mark", "text/reference line": "txt/ref",
    "text/spine": "txt/spine", "outside own box": "out own", "off canvas": "off canvas",
    "safe margin": "margin", "small text": "small", "low contrast": "low contr.",
}


def draw_all(tree: Path = ROOT):
    """[(name, lang, fig)] for every figure of *tree*'s helpers.analysis.figures, drawn here.

    The notebooks call ``figures.publish(name, LANG, **params)``; the calendar notebook
    passes its timeline ``window``, which is the module's default, so every chart is
    drawn here with its defaults.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    sys.path.insert(0, str(tree))
    import matplotlib

    matplotlib.use("Agg")
    from helpers.analysis import figures as analysis_figures
    from helpers.toolkit import langs

    drawn = []
    for name in analysis_figures.names():
        chart = analysis_figures.chart(name)
        for lang in langs.LANGS:
            drawn.append((name, lang, chart.draw(lang)))
    return drawn


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--overlays", type=Path, help="folder for PNGs with findings outlined")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (median)")
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="the checkout whose figures are drawn (default: this one)")
    parser.add_argument("--json", type=Path, help="write the numbers here as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    drawn = draw_all(args.tree.resolve())
    from helpers.toolkit import collisions, figures  # from the tree drawn

    print(f"helpers from {Path(collisions.__file__).resolve().parents[2]}")
    print(f"drew {len(drawn)} figures in {time.perf_counter() - started:.1f} s\n")
    header = ["figure", "lang", *SHORT.values(), "smallest pt", "lowest contrast", "layout cpu ms",
              "check ms", "check cpu ms"]
    rows, numbers = [], []
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
        numbers.append({"figure": name, "lang": lang, "counts": counts,
                        "smallest_text_pt": round(report.smallest_text_pt, 2),
                        "smallest_text": report.smallest_text,
                        "lowest_contrast": round(report.lowest_contrast, 2),
                        "lowest_contrast_artist": report.lowest_contrast_artist,
                        "texts": report.texts, "marks": report.marks,
                        "findings": [str(f) for f in report.findings]})
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
    if args.json:
        args.json.write_text(json.dumps(numbers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nthe check (measure after lay_out): median {statistics.median(totals) * 1000:.0f} ms "
          f"per figure (CPU {statistics.median(cpu_totals) * 1000:.0f} ms), max "
          f"{max(totals) * 1000:.0f} ms (CPU {max(cpu_totals) * 1000:.0f} ms), "
          f"{sum(totals):.2f} s for all {len(totals)}; laying out, which save() does anyway: "
          f"median CPU {statistics.median(layout_totals) * 1000:.0f} ms "
          f"(median of {args.runs} runs each; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")

if __name__ == "__main__":
    main()
