"""Shared fixtures. The repository root is put on sys.path so `import helpers` works
whatever directory pytest was started from."""
import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


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
