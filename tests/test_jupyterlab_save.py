"""JupyterLab as readers meet it, started the way `make lab` starts it.

Opening a committed notebook and saving it changes nothing (issue 14, defect 3): the
build writes the kernelspec and language_info JupyterLab itself writes. An Arabic
notebook's paragraphs and findings heading read right-to-left from the right edge
(issue 10).

Real clients: the project's JupyterLab server and Debian's Chromium driven by playwright.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from html_support import launch_browser

from helpers.publish import lab as lab_launcher
from helpers.toolkit import paths

TOKEN = "collection-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    port = _free_port()
    env = {**os.environ,
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
           "IPYTHONDIR": str(tmp_path / "ipython")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", *lab_launcher.arguments(root), "--allow-root",
         "--LabApp.news_url=", "--ServerApp.log_level=ERROR"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"JupyterLab did not start: {server.stderr.read()[-2000:]}")
            time.sleep(0.5)
    try:
        yield url, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.mark.parametrize("name", ["00_overview.ipynb", "02_budgets.ipynb"])
def test_saving_in_jupyterlab_gives_no_diff(lab, name):
    url, root = lab
    notebook = root / name
    shutil.copy2(paths.NOTEBOOKS / name, notebook)
    before = notebook.read_bytes()
    saved_at = notebook.stat().st_mtime_ns

    manager, browser = launch_browser()
    try:
        page = browser.new_page()
        page.goto(f"{url}/lab/tree/{name}?token={TOKEN}", timeout=120_000)
        # The kernel has started and answered (JupyterLab takes language_info from it).
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               timeout=120_000)
        page.wait_for_timeout(1000)
        dirty = page.locator(".jp-mod-dirty").count()
        page.locator(".jp-Notebook").first.click()
        page.keyboard.press("Control+s")
        end = time.monotonic() + 60
        while notebook.stat().st_mtime_ns == saved_at and time.monotonic() < end:
            time.sleep(0.2)
    finally:
        browser.close()
        manager.stop()

    assert notebook.stat().st_mtime_ns != saved_at, "JupyterLab did not save the notebook"
    assert dirty == 0, "JupyterLab marked the notebook modified as soon as it opened"
    after = notebook.read_bytes()
    assert after == before, _first_difference(before, after)


def _first_difference(before: bytes, after: bytes) -> str:
    a, b = before.decode().splitlines(), after.decode().splitlines()
    for number, (x, y) in enumerate(zip(a, b), start=1):
        if x != y:
            return f"line {number}: committed {x!r}, saved by JupyterLab {y!r}"
    return f"lengths differ: {len(a)} lines committed, {len(b)} saved"


# Where each right-to-left block's text ends, measured against the block's own right
# edge (inside its padding), and where each right-to-left table ends against its output's;
# a left-aligned paragraph or table ends short of it.
_RTL_GAPS = """() => {
  const gaps = [];
  for (const el of document.querySelectorAll(
      '.jp-RenderedMarkdown [dir="rtl"] p, .jp-RenderedHTML .findings > p')) {
    const style = getComputedStyle(el);
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
    if (!text.width) continue;
    const inner = box.right - parseFloat(style.paddingRight);
    gaps.push({text: el.textContent.slice(0, 40), direction: style.direction,
               gap: Math.round(inner - text.right)});
  }
  for (const el of document.querySelectorAll('.jp-RenderedHTML table[dir="rtl"]')) {
    const output = el.closest('.jp-OutputArea-output');
    const inner = output.getBoundingClientRect().right - parseFloat(getComputedStyle(output).paddingRight);
    gaps.push({text: 'table: ' + el.textContent.slice(0, 30), direction: getComputedStyle(el).direction,
               gap: Math.round(inner - el.getBoundingClientRect().right)});
  }
  return gaps;
}"""


def test_arabic_notebook_reads_from_the_right_in_jupyterlab(lab, tmp_path):
    url, root = lab
    (root / "ar").mkdir()
    shutil.copy2(paths.NOTEBOOKS / "ar" / "02_budgets.ipynb", root / "ar" / "02_budgets.ipynb")
    manager, browser = launch_browser()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 2400})
        page.goto(f"{url}/lab/tree/ar/02_budgets.ipynb?token={TOKEN}", timeout=120_000)
        page.wait_for_selector(".jp-RenderedHTML .findings", timeout=120_000)
        page.wait_for_timeout(1000)
        gaps = page.evaluate(_RTL_GAPS)
        page.screenshot(path=str(_artifact("ar-02_budgets.png")))
    finally:
        browser.close()
        manager.stop()

    assert len(gaps) >= 3, f"too few right-to-left paragraphs rendered: {gaps}"
    assert all(g["direction"] == "rtl" for g in gaps), gaps
    short = [g for g in gaps if g["gap"] > 8]
    assert not short, f"right-to-left paragraphs that end short of the right edge: {short}"


def _artifact(name: str):
    folder = paths.BUILD / "test-artifacts" / "jupyterlab"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
