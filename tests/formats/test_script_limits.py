"""Parser limits with sentences: a stray XLSX cell far down or right costs nothing (or is refused naming
the cell and the limit), deep JSON is refused naming its depth, a line of 100,000 spaces parses at once."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest

from studio.formats.script_import import JSON_MAX_DEPTH, ScriptImportError, parse_text, read_script


def _workbook(path: Path, far: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["A2"], ws["B2"] = "role", "text", "Lin", "It is late."
    ws[far] = "stray"
    wb.save(path)
    return path


def test_a_far_xlsx_cell_down_the_sheet_is_read_as_its_own_row_at_once(tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(ScriptImportError, match="Row 1048576"):  # the stray value is a row with no text
        read_script(_workbook(tmp_path / "down.xlsx", "A1048576"))
    assert time.monotonic() - start < 5


def test_a_far_xlsx_cell_to_the_right_is_refused_naming_it(tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(ScriptImportError, match=r"XFD1048576, column 16384.*up to column 1000"):
        read_script(_workbook(tmp_path / "far.xlsx", "XFD1048576"))
    assert time.monotonic() - start < 5


def test_present_rows_keep_their_numbers(tmp_path: Path) -> None:
    draft = read_script(_workbook(tmp_path / "ok.xlsx", "B9"))  # B9 without a role: narration
    assert [(ln.text, ln.source_row) for ln in draft.lines] == [("It is late.", 2), ("stray", 9)]


def test_deep_json_is_refused_naming_the_depth(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(ScriptImportError, match=f"100000 deep; a script is read up to {JSON_MAX_DEPTH}"):
        read_script(path)
    assert time.monotonic() - start < 5


def test_a_line_of_100k_spaces_parses_at_once() -> None:
    start = time.monotonic()
    draft = parse_text("林晚：" + " " * 100_000 + "你好。\n陆沉：" + "\u3000 " * 50_000 + "再见。\n", source_name="x.txt")
    assert [ln.text for ln in draft.lines] == ["你好。", "再见。"]
    assert time.monotonic() - start < 2
