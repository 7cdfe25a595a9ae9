"""helpers.toolkit.files: atomic writes keep the file's mode (issue 14, defect 2)."""
import os
import stat

import pytest

from helpers.toolkit import files


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664, 0o600])
def test_rewriting_a_file_keeps_its_mode(tmp_path, umask_022, mode):
    target = tmp_path / "figure.csv"
    target.write_text("old\n")
    target.chmod(mode)
    files.atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert _mode(target) == mode


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_default(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        files.atomic_write_bytes(tmp_path / "new.png", b"png")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.png") == expected


def test_temp_path_for_streaming_writers_has_the_final_mode(tmp_path, umask_022):
    """figures.save streams into temp_path() and then os.replace()s it into place."""
    target = tmp_path / "chart.en.svg"
    target.write_text("<svg/>")
    target.chmod(0o664)
    tmp = files.temp_path(target)
    try:
        assert _mode(tmp) == 0o664
    finally:
        tmp.unlink()
    assert _mode(files.temp_path(tmp_path / "fresh.pdf")) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "notebook.ipynb"
    target.write_text("old")

    with pytest.raises(TypeError):
        files.atomic_write_bytes(target, object())  # not bytes: the write fails
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["notebook.ipynb"]
