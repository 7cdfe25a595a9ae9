"""helpers.toolkit.manifest: file paths in the manifest, its Excel copy, one reader.

The Excel copy is read back with openpyxl (the reader pandas uses for .xlsx),
not with the library that wrote it.
"""
from __future__ import annotations

import pytest

from helpers.toolkit import manifest, paths

ROWS = [
    {"name": "budgets", "lang": "ar", "title": "علي بابا: 3 مليارات يوان",
     "caption": "ميزانيات الحملات، بالمليار يوان", "alt": "مخطط أعمدة: 3 و1 و0.5",
     "notebook": "02_budgets", "tables": "campaigns", "png": "budgets.ar.png",
     "svg": "budgets.ar.svg", "pdf": "budgets.ar.pdf", "data": "budgets.csv"},
    {"name": "budgets", "lang": "en", "title": "Alibaba: CNY 3 billion",
     "caption": 'Budgets, "CNY billion",\nsecond line', "alt": "Bar chart: 3, 1, 0.5",
     "notebook": "02_budgets", "tables": "campaigns;events", "png": "budgets.en.png",
     "svg": "budgets.en.svg", "pdf": "budgets.en.pdf", "data": ""},
]


def _sheet(path):
    from openpyxl import load_workbook

    return load_workbook(path).active


def test_excel_copy_holds_the_same_rows_and_opens_right_to_left_for_arabic(tmp_path):
    path = tmp_path / "manifest.csv"
    manifest.upsert_manifest(ROWS, path)
    sheet = _sheet(tmp_path / "manifest.xlsx")
    values = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert values[0] == list(manifest.MANIFEST_COLUMNS)
    assert values[1:] == [[row[c] for c in manifest.MANIFEST_COLUMNS]
                          for row in manifest.read_manifest(path)]
    assert sheet.freeze_panes == "A2"
    title = manifest.MANIFEST_COLUMNS.index("title") + 1
    arabic, english = sheet.cell(2, title), sheet.cell(3, title)
    assert arabic.value == ROWS[0]["title"]
    assert arabic.alignment.readingOrder == 2 and arabic.alignment.horizontal == "right"
    assert english.alignment.readingOrder in (0, None) and english.alignment.horizontal != "right"
    png = manifest.MANIFEST_COLUMNS.index("png") + 1
    assert sheet.cell(2, png).hyperlink.target == "budgets.ar.png"


def test_excel_copy_is_byte_identical_for_the_same_rows(tmp_path):
    manifest.write_manifest(ROWS, tmp_path / "a" / "manifest.csv")
    manifest.write_manifest(list(reversed(ROWS)), tmp_path / "b" / "manifest.csv")
    assert (tmp_path / "a" / "manifest.xlsx").read_bytes() == \
        (tmp_path / "b" / "manifest.xlsx").read_bytes()


def test_write_manifest_replaces_and_upsert_merges(tmp_path):
    path = tmp_path / "manifest.csv"
    manifest.upsert_manifest(ROWS, path)
    manifest.upsert_manifest([dict(ROWS[1], name="other")], path)
    assert [r["name"] for r in manifest.read_manifest(path)] == ["budgets", "budgets", "other"]
    manifest.write_manifest(ROWS[:1], path)
    assert manifest.read_manifest(path) == ROWS[:1]
    assert len(list(_sheet(tmp_path / "manifest.xlsx").iter_rows())) == 2


def test_records_know_the_line_each_row_starts_on(tmp_path):
    path = tmp_path / "manifest.csv"
    manifest.write_manifest(ROWS, path)
    # The English caption spans two lines, so the next row would start on line 5.
    assert [r.line for r in manifest.read_records(path)] == [2, 3]
    path.write_text(path.read_text(encoding="utf-8") + "x,en\n", encoding="utf-8")
    with pytest.raises(manifest.ManifestError, match=r"line 5, column 3: 2 fields, expected 11"):
        manifest.read_records(path)


def test_older_manifest_without_file_columns_is_read_with_the_files_found(tmp_path):
    """A checkout whose manifest predates the file columns still builds."""
    (tmp_path / "budgets.csv").write_text("x\n1\n", encoding="utf-8")
    path = tmp_path / "manifest.csv"
    path.write_text("name,lang,title,caption,alt,notebook,tables\n"
                    "budgets,en,T,C,A,02_budgets,campaigns\n"
                    "other,ar,T,C,A,02_budgets,\n", encoding="utf-8")
    budgets, other = manifest.read_manifest(path)
    assert (budgets["png"], budgets["data"]) == ("budgets.en.png", "budgets.csv")
    assert (other["pdf"], other["data"]) == ("other.ar.pdf", "")
    manifest.upsert_manifest([], path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(manifest.MANIFEST_COLUMNS)


def test_a_copy_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "manifest.csv"
    manifest.write_manifest(ROWS, path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert manifest.read_manifest(path) == ROWS


def test_names_that_would_leave_the_folder_and_bad_bytes_are_refused(tmp_path):
    path = tmp_path / "manifest.csv"
    manifest.write_manifest([dict(ROWS[0], name="../x")], path)
    with pytest.raises(manifest.ManifestError, match=r"line 2, column 1 \(name\): '../x'"):
        manifest.read_manifest(path)
    path.write_bytes(b"name,lang\n\xff\n")
    with pytest.raises(manifest.ManifestError, match=r"manifest.csv: not UTF-8 text \(byte 11\)"):
        manifest.read_manifest(path)


def test_the_html_edition_reads_the_manifest_with_this_module():
    from helpers.publish import html

    assert html.MANIFEST_COLUMNS is manifest.MANIFEST_COLUMNS
    assert not hasattr(html, "csv"), "no second CSV reader in helpers.publish.html"


def test_the_repository_manifest_lists_existing_files_and_its_excel_copy_matches():
    path = paths.FIGURES / manifest.MANIFEST_NAME
    rows = manifest.read_manifest(path)
    assert rows, "run `make`"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(manifest.MANIFEST_COLUMNS), "figures/manifest.csv predates the file columns"
    for row in rows:
        for column in manifest.FILE_COLUMNS:
            if row[column]:
                assert (paths.FIGURES / row[column]).is_file(), (row["name"], column)
        assert row["png"] and row["svg"] and row["pdf"]
    sheet = _sheet(paths.FIGURES / manifest.EXCEL_NAME)
    values = [[cell.value or "" for cell in row] for row in sheet.iter_rows()][1:]
    assert values == [[row[c] for c in manifest.MANIFEST_COLUMNS] for row in rows]
