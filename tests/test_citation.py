"""CITATION.cff is valid Citation File Format 1.2.0 and says what the repository says.

Validated with `jsonschema` against the official CFF 1.2.0 schema, vendored in
tests/schemas/ (see tests/schemas/README.md). The reference validator, `cffconvert` 2.0.0,
cannot be installed beside JupyterLab: it requires jsonschema < 4, the Jupyter stack >= 4.18.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from helpers.analysis import data
from helpers.toolkit import paths

CFF = paths.ROOT / "CITATION.cff"
SCHEMA = Path(__file__).parent / "schemas" / "citation-file-format-1.2.0.schema.json"


def _load(text: str) -> dict:
    """YAML to JSON-like data; dates become strings, as the CFF schema asks of tools."""

    def plain(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(yaml.safe_load(text))


def _errors(citation: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                  for e in validator.iter_errors(citation))


@pytest.fixture(scope="module")
def citation() -> dict:
    return _load(CFF.read_text(encoding="utf-8"))


def test_citation_file_is_valid_cff_1_2_0(citation):
    assert citation["cff-version"] == "1.2.0"
    assert _errors(citation) == []


def test_the_schema_check_can_fail(citation):
    broken = {k: v for k, v in citation.items() if k != "authors"}
    broken["license"] = "Apache 2"
    broken["references"] = [{**citation["references"][1], "date-published": "2 Feb 2026"}]
    errors = _errors(broken)
    assert any("'authors' is a required property" in e for e in errors), errors
    assert any(e.startswith("license:") for e in errors), errors
    assert any(e.startswith("references/0/date-published") for e in errors), errors


def test_citation_agrees_with_the_repository(citation):
    readme_title = re.search(r"^# (.+)$", (paths.ROOT / "README.md").read_text(encoding="utf-8"),
                             flags=re.M).group(1).strip()
    assert citation["title"] == readme_title
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert str(citation["version"]) == project["project"]["version"]
    licence = (paths.ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert citation["license"] == "Apache-2.0"
    dataset = next(r for r in citation["references"] if r["type"] == "data")
    assert dataset["license"] == "CC-BY-4.0"
    assert "CC BY 4.0" in (paths.DATA / "README.md").read_text(encoding="utf-8")
    article = next(r for r in citation["references"] if r["type"] == "newspaper-article")
    assert article["title"] == data.article("ar")[0]
