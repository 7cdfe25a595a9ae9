"""Every package of the environment is pinned, with hashes, in requirements.lock, and the
running venv is exactly that lock (issue 14, defect 13)."""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT

LOCK = ROOT / "requirements.lock"
PROJECT = "qwen-red-envelope-collection"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()  # PEP 503


def _lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for every requirement in a pip-compile lock."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        pin = _PIN.match(line)
        if pin:
            current = _name(pin.group(1))
            entries[current] = (pin.group(2), [])
        elif current and "--hash=sha256:" in line:
            entries[current][1].append(line.split("--hash=sha256:")[1].split()[0].rstrip("\\"))
        elif line.strip() and not line.lstrip().startswith(("#", "--hash")):
            assert line.startswith(" "), f"{path.name}: not a pinned requirement: {line!r}"
    return entries


def _installed() -> dict[str, str]:
    return {
        _name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions(path=[p for p in sys.path if "site-packages" in p])
    }


def test_every_locked_package_has_a_version_and_hashes():
    lock = _lock(LOCK)
    assert len(lock) > 100  # the whole environment, not the 16 direct pins
    for name, (version, hashes) in lock.items():
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), name


def test_the_lock_is_made_from_the_current_requirements():
    lock = _lock(LOCK)
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        pin = _PIN.match(line)
        if pin:
            name, version = _name(pin.group(1)), pin.group(2)
            assert lock.get(name, ("absent",))[0] == version, (
                f"requirements.txt pins {name}=={version}; requirements.lock has "
                f"{lock.get(name, ('nothing',))[0]}: run `make lock`")


@pytest.mark.skipif(not sys.prefix.endswith(".venv"),
                    reason="not applicable: the tests run outside the project's .venv")
def test_the_venv_is_exactly_the_lock():
    lock = {name: version for name, (version, _) in _lock(LOCK).items()}
    installed = _installed()
    installed.pop(PROJECT, None)  # the editable install of helpers/ itself
    wrong = {n: (installed[n], v) for n, v in lock.items() if n in installed and installed[n] != v}
    missing = sorted(set(lock) - set(installed))
    extra = sorted(set(installed) - set(lock))
    assert not wrong and not missing and not extra, (
        f"the venv differs from requirements.lock (run `make`, which reinstalls it): "
        f"versions (installed, locked) {wrong}; missing {missing}; not in the lock {extra}")


def test_the_compat_lock_pins_everything_with_hashes():
    lock = _lock(ROOT / "compat" / "requirements-mpl310.lock")
    assert lock["matplotlib"][0].startswith("3.10.")
    assert all(hashes for _, hashes in lock.values())


def test_make_installs_from_the_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(LOCK)" in makefile
    assert "$(STAMP): $(LOCK)" in makefile
