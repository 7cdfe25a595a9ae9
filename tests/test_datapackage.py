"""data/datapackage.json: generated from the loader's schemas, kept in sync, and validated by
the `frictionless` tool itself (a test-only dependency, pinned in requirements.txt)."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers.analysis import data
from helpers.publish import datapackage
from helpers.toolkit import paths

frictionless = pytest.importorskip(
    "frictionless", reason="the `frictionless` package is not installed (pip install -r "
    "requirements.txt): it is the tool that validates data/datapackage.json")


def _validate(package_path):
    report = frictionless.validate(str(package_path))
    found = []
    for task in report.tasks:
        for error in task.errors:
            found.append((task.name, error.type, getattr(error, "row_number", None),
                          getattr(error, "field_name", None)))
    found += [("(package)", e.type, None, None) for e in report.errors]
    return report.valid, found


def test_committed_descriptor_is_the_generated_one():
    committed = (paths.DATA / "datapackage.json").read_text(encoding="utf-8")
    assert committed == datapackage.render(), (
        "data/datapackage.json is out of date: run `python -m helpers.publish.datapackage`")


def test_check_command_fails_on_a_stale_descriptor(tmp_path, capsys):
    stale = tmp_path / "datapackage.json"
    stale.write_text(datapackage.render().replace('"required": true', '"required": false', 1),
                     encoding="utf-8")
    assert datapackage.main(["--check", "--out", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert datapackage.main(["--out", str(stale)]) == 0
    assert datapackage.main(["--check", "--out", str(stale)]) == 0


def test_every_table_and_column_is_described_with_its_constraints():
    package = datapackage.descriptor()
    resources = {r["name"]: r for r in package["resources"]}
    names = (*data.tables(), *data.record_tables())
    assert set(resources) == set(names)
    for name in names:
        spec = data.schema(name)
        schema = resources[name]["schema"]
        assert resources[name]["path"] == spec.file
        assert [f["name"] for f in schema["fields"]] == list(spec.names)
        for column, field in zip(spec.columns, schema["fields"]):
            constraints = field.get("constraints", {})
            assert field["type"] == datapackage.TYPES[column.kind], (name, column.name)
            assert constraints.get("required", False) == column.required, (name, column.name)
            assert constraints.get("enum", []) == list(column.choices), (name, column.name)
            if column.pattern:
                assert "(?:" not in constraints["pattern"]
            if column.minimum is not None:
                assert constraints["minimum"] == column.minimum, (name, column.name)
        keys = schema.get("primaryKey") or schema["uniqueKeys"][0]
        assert keys == list(spec.key), name
    assert resources["claims"]["schema"]["foreignKeys"] == [
        {"fields": ["verdict"], "reference": {"resource": "verdicts", "fields": ["verdict"]}}]


def test_frictionless_finds_the_repository_package_valid():
    valid, errors = _validate(paths.DATA / "datapackage.json")
    assert valid, errors


def test_frictionless_reports_what_the_package_promises(tmp_path):
    """Damage a copy of data/: frictionless must find each defect where it was put."""
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA, copy, ignore=shutil.ignore_patterns("source"))

    def edit(name, old, new):
        path = copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    claims = (copy / "claims.csv").read_text(encoding="utf-8").splitlines()
    cl12 = next(n for n, line in enumerate(claims, 1) if line.startswith("CL12,"))
    fx_line = next(n for n, line in enumerate(
        (copy / "context_fx.csv").read_text(encoding="utf-8").splitlines(), 1) if ",6.9695," in line)
    edit("claims.csv", ",partly holds,A01;T01", ",mostly true,A01;T01")  # enum + foreign key
    edit("context_fx.csv", ",6.9695,", ",-6.9695,")  # below the minimum
    edit("verdicts.csv", "\nholds,holds,", "\nholds,,")  # a required cell left empty
    fx = (copy / "context_fx.csv").read_text(encoding="utf-8").splitlines()
    (copy / "context_fx.csv").write_text("\n".join([*fx, fx[2]]) + "\n", encoding="utf-8")
    valid, errors = _validate(copy / "datapackage.json")
    assert not valid
    assert ("claims", "constraint-error", cl12, "verdict") in errors
    assert ("claims", "foreign-key", cl12, None) in errors
    assert ("context_fx", "constraint-error", fx_line, "cny_per_usd") in errors
    assert ("context_fx", "primary-key", len(fx) + 1, None) in errors
    assert ("verdicts", "constraint-error", 2, "label_en") in errors


def test_licences_are_declared_and_the_quoted_text_is_flagged():
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    by_name = {r["name"]: r for r in package["resources"]}
    assert "not under CC BY 4.0" in by_name["claims"]["description"]
    assert "الاقتصادية" in by_name["claims"]["description"]
