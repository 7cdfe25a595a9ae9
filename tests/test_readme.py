"""The README's numbers come from the data: its generated sections must be current."""
import pytest

from helpers.publish import readme


def test_generated_sections_match_the_data():
    current = readme.README.read_text(encoding="utf-8")
    assert readme.render(current) == current, "README.md is stale: run `make` (or python -m helpers.publish.readme)"


def test_a_changed_number_in_the_readme_is_caught():
    current = readme.README.read_text(encoding="utf-8")
    tampered = current.replace("Alibaba (Qwen): CNY 3 billion", "Alibaba (Qwen): CNY 4 billion", 1)
    assert tampered != current
    assert readme.render(tampered) != tampered


def test_missing_markers_are_a_clear_error():
    with pytest.raises(ValueError, match="findings:start"):
        readme.render("# no markers here\n")
