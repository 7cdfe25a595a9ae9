"""helpers.toolkit.show.figure: an inline figure whose alt text survives.

A notebook is executed in a real kernel (the build's own nbclient set-up, the
inline backend as in JupyterLab), converted by nbconvert's HTML exporter and
by the HTML edition, and the edition's page is opened in Chromium: the image
has the alt text everywhere, a screen reader finds it by that name, and a
plain ``plt.show()`` in the same notebook gets nbconvert's "No description"
placeholder (so the check can tell the two apart).
"""
from __future__ import annotations

import base64
import re

import nbformat
import pytest
from bs4 import BeautifulSoup

from helpers.toolkit import show

ALT = "مخطط أعمدة: علي بابا 3 مليارات يوان، وتينسنت مليار يوان"
NO_ALT = "No description has been provided for this image"


def _figure():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2.25), dpi=100)
    fig.add_subplot().bar(["a", "b"], [3, 1])
    return fig


def test_bundle_has_html_with_alt_png_with_alt_metadata_and_plain_text():
    data, metadata = show.figure(_figure(), f"  {ALT} ", lang="ar")._repr_mimebundle_()
    assert set(data) == {"text/html", "image/png", "text/plain"}
    img = BeautifulSoup(data["text/html"], "html.parser").find("img")
    assert img["alt"] == ALT and img["lang"] == "ar" and img["dir"] == "rtl"
    assert img["src"] == f"data:image/png;base64,{data['image/png']}"
    png = base64.b64decode(data["image/png"])
    assert png.startswith(b"\x89PNG") and b"Software" not in png
    assert (int(img["width"]), int(img["height"])) == (metadata["image/png"]["width"],
                                                        metadata["image/png"]["height"])
    assert metadata["image/png"]["alt"] == ALT and data["text/plain"] == ALT


def test_alt_text_is_escaped_and_english_has_no_rtl():
    data, _ = show.figure(_figure(), 'Bars "a" & <b>', lang="en")._repr_mimebundle_()
    assert 'alt="Bars &quot;a&quot; &amp; &lt;b&gt;"' in data["text/html"]
    assert BeautifulSoup(data["text/html"], "html.parser").find("img").get("dir") is None


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_empty_alt_is_refused(alt):
    with pytest.raises(ValueError, match="alt must be a non-empty description"):
        show.figure(_figure(), alt)


def test_same_figure_gives_the_same_bytes():
    """The build reruns every cell and requires the same output."""
    first = show.figure(_figure(), "x")._repr_mimebundle_()
    assert show.figure(_figure(), "x")._repr_mimebundle_() == first


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """A two-cell notebook run in a real kernel: show.figure, then a bare plt.show()."""
    from helpers.publish import build

    folder = tmp_path_factory.mktemp("inline")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 02 · Alt text\n\nA figure with alt text, one without."),
        nbformat.v4.new_code_cell(
            "import matplotlib.pyplot as plt\nfrom helpers.toolkit import show\n"
            "fig, ax = plt.subplots(figsize=(4, 2.25))\nax.bar(['a', 'b'], [3, 1])\n"
            f"show.figure(fig, {ALT!r}, lang='ar')"),
        nbformat.v4.new_code_cell(
            "fig, ax = plt.subplots(figsize=(4, 2.25))\nax.plot([1, 2])\nplt.show()"),
    ]
    path = folder / "02_alt.ipynb"
    nbformat.write(nb, path)
    return build.execute(path, folder / "figures", cwd=folder)


def test_kernel_output_is_one_image_with_alt(executed):
    outputs = executed.cells[1].outputs
    assert len(outputs) == 1, "the inline backend must not show the figure a second time"
    assert set(outputs[0]["data"]) == {"text/html", "image/png", "text/plain"}
    assert outputs[0]["metadata"]["image/png"]["alt"] == ALT


def test_nbconvert_html_has_the_alt_text(executed):
    from nbconvert import HTMLExporter

    page, _ = HTMLExporter().from_notebook_node(executed)
    images = BeautifulSoup(page, "html.parser").select(".jp-OutputArea-output img")
    assert [img["alt"] for img in images] == [ALT, NO_ALT]


def test_html_edition_and_chromium_give_the_image_its_name(executed, tmp_path):
    from html_support import launch_browser, make_collection

    from helpers.publish.html import build_site

    sources = make_collection(tmp_path / "repo")
    nbformat.write(executed, sources.notebooks / "02_alt.ipynb")
    site = build_site(tmp_path / "site", sources, strict=True)
    page = site.out / "02_alt.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert [img["alt"] for img in soup.select("main img")] == [ALT, NO_ALT]
    manager, chromium = launch_browser()
    try:
        tab = chromium.new_page()
        tab.goto(page.as_uri(), wait_until="load")
        named = tab.get_by_role("img", name=ALT)
        assert named.count() == 1, "an accessible image named by the alt text"
        assert named.evaluate("img => img.complete && img.naturalWidth > 0")
        assert tab.get_by_role("img", name=re.compile("No description")).count() == 1
    finally:
        chromium.close()
        manager.stop()
