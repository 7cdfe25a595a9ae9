"""Shared fixtures. The repository root is put on sys.path so `import helpers` works
whatever directory pytest was started from."""
import hashlib
import os
import sys
from pathlib import Path

import pytest

try:  # the matplotlib 3.10 compat environment (make test-compat) has no hypothesis
    from hypothesis import settings
except ImportError:
    settings = None

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# Property tests: CI runs a fixed set of examples (derandomized: the same inputs on every
# run, so CI never fails by chance); a developer's run explores more, at random, and
# keeps what it finds in .hypothesis/ to try first next time. A counterexample found
# that way becomes an explicit @example in the test. Tests that set max_examples
# themselves keep their number; derandomize applies to all.
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI") else "local"
)
if settings is not None:
    settings.register_profile("ci", derandomize=True, database=None, max_examples=300,
                              print_blob=True)
    settings.register_profile("local", derandomize=False, max_examples=1000)
    settings.load_profile(HYPOTHESIS_PROFILE)


def pytest_report_header(config):
    return f"hypothesis profile: {HYPOTHESIS_PROFILE} (set HYPOTHESIS_PROFILE=ci|local)"


def tree_digest(folder: Path) -> dict[str, str]:
    """Path -> sha256 for every file under folder (empty if it does not exist)."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def artifacts_dir() -> Path:
    """build/test-artifacts: where tests leave things for a person to look at."""
    folder = ROOT / "build" / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


_NOT_APPLICABLE = "not applicable"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With COLLECTION_REQUIRE_TOOLS=1 (CI), a skipped test is a failed test.

    Reader tests skip where tesseract, poppler or chromium is missing; in CI those
    tools are installed, so a skip there would hide a test that never ran. A skip
    whose reason starts with "not applicable" (e.g. a raqm-only check on the
    reshaper path) stays a skip.
    """
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("COLLECTION_REQUIRE_TOOLS") != "1" or not report.skipped:
        return
    if hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if _NOT_APPLICABLE in str(reason).lower():
        return
    report.outcome = "failed"
    report.longrepr = f"skipped while COLLECTION_REQUIRE_TOOLS=1 (CI): {reason}"
