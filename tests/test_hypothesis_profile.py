"""CI's property tests are derandomized (issue 14, defect 12): the same run, every run."""
import os
import subprocess
import sys

from conftest import ROOT


def _collect_seed_report(profile: str) -> str:
    code = (
        "import conftest, hypothesis; s = hypothesis.settings.default;"
        "print(conftest.HYPOTHESIS_PROFILE, s.derandomize, s.max_examples, s.database)"
    )
    env = {**os.environ, "HYPOTHESIS_PROFILE": profile}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "tests", env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_ci_profile_is_derandomized_without_a_database():
    name, derandomize, examples, database = _collect_seed_report("ci")
    assert (name, derandomize, database) == ("ci", "True", "None")
    assert int(examples) >= 300


def test_local_profile_explores_more_than_ci():
    name, derandomize, examples, _ = _collect_seed_report("local")
    assert (name, derandomize) == ("local", "False")
    assert int(examples) > 300


def test_ci_script_selects_the_ci_profile():
    assert "HYPOTHESIS_PROFILE=ci" in (ROOT / ".ci" / "run").read_text()
