"""Script files the writing room brings in: XLSX with Chinese headers and merged title or group rows, DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.formats.script_import import ScriptImportError, read_script

openpyxl = pytest.importorskip("openpyxl")


def chinese_workbook(path: Path, *, merged_title: bool = True, group_row: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "剧本"
    ws.append(["第一集 雨夜来客"])
    if merged_title:
        ws.merge_cells("A1:E1")
    ws.append(["序号", "角色名称", "台词内容", "情绪", "备注"])
    rows = [
        (1, "旁白", "雨下了一整夜。", "", ""),
        (2, "林晚", "谁在外面？", "害怕", "小声"),
        (3, "顾沉", "是我，开门。", "平静", ""),
    ]
    for row in rows:
        ws.append(list(row))
    if group_row:
        ws.append(["第二场 车内"])
        ws.merge_cells(f"A{ws.max_row}:E{ws.max_row}")
    ws.append([4, "林晚", "你为什么回来？", "", ""])
    wb.save(path)
    return path


def test_xlsx_with_chinese_headers_and_a_merged_title_row_imports(tmp_path: Path) -> None:
    draft = read_script(chinese_workbook(tmp_path / "第一集.xlsx"))
    assert draft.title == "雨夜来客" and draft.episode_number == 1
    assert [(ln.role, ln.text) for ln in draft.lines] == [("旁白", "雨下了一整夜。"), ("林晚", "谁在外面？"),
                                                         ("顾沉", "是我，开门。"), ("林晚", "你为什么回来？")]
    assert draft.lines[1].delivery.emotion == "fearful" and draft.lines[1].note == "小声"
    assert draft.lines[2].delivery.emotion == "calm"


def test_a_merged_group_row_is_a_note_on_the_next_line(tmp_path: Path) -> None:
    draft = read_script(chinese_workbook(tmp_path / "g.xlsx"))
    assert draft.lines[3].note == "第二场 车内"
    assert "第二场" not in draft.roles


def test_an_unmerged_title_cell_above_the_header_also_works(tmp_path: Path) -> None:
    draft = read_script(chinese_workbook(tmp_path / "t.xlsx", merged_title=False, group_row=False))
    assert draft.title == "雨夜来客" and len(draft.lines) == 4


def test_a_sheet_without_a_text_column_still_says_so(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["标题行"])
    ws.merge_cells("A1:C1")
    ws.append(["角色", "情绪", "备注"])
    ws.append(["林晚", "开心", ""])
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(ScriptImportError, match="No text column"):
        read_script(tmp_path / "bad.xlsx")


docx = pytest.importorskip("docx")


def test_docx_paragraphs_import_as_a_script(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第二集：钥匙")
    for line in ("林晚：你来了。", "顾沉（低声）：嗯，我来了。", "林晚：坐吧。"):
        document.add_paragraph(line)
    document.save(tmp_path / "ep.docx")
    draft = read_script(tmp_path / "ep.docx")
    assert [ln.role for ln in draft.lines] == ["林晚", "顾沉", "林晚"]
    assert draft.lines[1].delivery.emotion == "whisper"


def test_docx_table_imports_like_a_spreadsheet(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("剧本")
    table = document.add_table(rows=3, cols=2)
    for row, (a, b) in zip(table.rows, [("角色", "台词"), ("林晚", "你好。"), ("顾沉", "好久不见。")], strict=True):
        row.cells[0].text, row.cells[1].text = a, b
    document.save(tmp_path / "t.docx")
    assert [(ln.role, ln.text) for ln in read_script(tmp_path / "t.docx").lines] == [("林晚", "你好。"),
                                                                                   ("顾沉", "好久不见。")]


def test_docx_chapter_goes_through_attribution(tmp_path: Path) -> None:
    document = docx.Document()
    for para in ("第一章 重逢", "林晚推开门，看见了顾沉。", "“你来了。”顾沉说。", "林晚点点头：“我来了。”"):
        document.add_paragraph(para)
    document.save(tmp_path / "c.docx")
    draft = read_script(tmp_path / "c.docx")
    assert set(draft.roles) == {"旁白", "顾沉", "林晚"}
    assert [ln.role for ln in draft.lines if ln.role != "旁白"] == ["顾沉", "林晚"]


def test_old_word_files_are_refused_with_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ScriptImportError, match=r"\.docx or as plain text"):
        read_script(tmp_path / "a.doc")
