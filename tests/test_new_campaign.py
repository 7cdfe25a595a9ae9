"""Companies are data: a new campaign row appears everywhere, with no code change (issue 9).

In a scratch copy of the repository, one campaign is added to data/campaigns.csv (and its
company and app to data/glossary.csv, where names live). Without touching any code, the
budgets figure's data has a bar for it, the calendar timeline has a row for it, both figures
draw and export in every language, and the README's findings name it with its budget and
the article's company's ratio to it.
"""
import json
import subprocess
import sys

from build_support import build_env, copy_repository

from helpers.toolkit import paths

GLOSSARY_ROWS = (
    "kuaishou,company,Kuaishou,كوايشو,快手,convention,A test company.\n"
    "kling,product,Kling,Kling,可灵,convention,A test app.\n"
)
CAMPAIGN_ROW = (
    "kuaishou_kling,kuaishou,kling,rival,Kling AI app,800000000,CNY,,,,,,2026-01-28,2026-02-03,"
    "2026-02-20,,https://example.invalid/kling,,,Kuaishou will give away 800 million yuan,Z01,"
    "medium,A made-up campaign for the test.\n"
)

PROBE = r"""
import json
from helpers.analysis import figures
from helpers.analysis.figures import campaign_timeline
from helpers.publish import readme
budgets = figures.chart("02_budgets_cny")
timeline = figures.chart("03_campaign_timeline")
for chart in (budgets, timeline):
    for lang in ("en", "ar"):
        chart.export(lang)  # draws, checks and writes into $COLLECTION_FIGURES_DIR
print(json.dumps({
    "budget_rows": budgets.data.to_dict("records"),
    "timeline_campaigns": sorted(set(campaign_timeline.marks()["campaign"])),
    "timeline_alt": timeline.text("en")["alt"],
    "readme": readme.findings(),
}, default=str))
"""


def _probe(repo, tmp_path):
    env = {**build_env(repo), "COLLECTION_FIGURES_DIR": str(tmp_path / "exports")}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_new_campaign_row_reaches_the_figures_and_the_readme(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    (repo / "README.md").write_bytes((paths.ROOT / "README.md").read_bytes())
    before = _probe(repo, tmp_path)
    assert "kuaishou_kling" not in {r["campaign"] for r in before["budget_rows"]}

    with open(repo / "data" / "glossary.csv", "a", encoding="utf-8") as glossary:
        glossary.write(GLOSSARY_ROWS)
    with open(repo / "data" / "campaigns.csv", "a", encoding="utf-8") as campaigns:
        campaigns.write(CAMPAIGN_ROW)
    after = _probe(repo, tmp_path)

    row = next(r for r in after["budget_rows"] if r["campaign"] == "kuaishou_kling")
    assert row["budget_amount"] == 800_000_000 and row["role"] == "rival" and row["public"] in (True, "True")
    assert len(after["budget_rows"]) == len(before["budget_rows"]) + 1
    assert "kuaishou_kling" in after["timeline_campaigns"]
    assert "Kuaishou (Kling): announced 28 Jan 2026, 3 Feb 2026 – 20 Feb 2026" in after["timeline_alt"]
    assert "- Kuaishou (Kling): CNY 800 million; Alibaba's is 3.75×" in after["readme"]
    for name in ("02_budgets_cny", "03_campaign_timeline"):
        for lang in ("en", "ar"):
            assert (tmp_path / "exports" / f"{name}.{lang}.png").stat().st_size > 0
