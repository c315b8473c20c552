"""Tests for script import (CSV/TSV, XLSX, plain text, MiniMax bulk JSON) and the shipped demo series.

Only ``studio.formats.script_import`` and the files under ``resources/demo`` are exercised here; no
project is created.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from studio.domain.model import EMOTIONS, Delivery, is_narrator_name
from studio.formats.script_import import (
    DraftLine,
    ScriptDraft,
    ScriptImportError,
    detect_language,
    emotion_id,
    parse_text,
    read_script,
    split_episode_heading,
)
from studio.resources import demo_dir

ZH_CSV = "角色,台词,情绪,语速,音调,音量,停顿\n林晚,你来了。,开心,1.2,2,1.5,500\n陆沉,在Starbucks见面。,,,,,0.5s\n,门开了。,,,,,\n"


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_bytes(content.encode(encoding))
    return p


def import_error(fn, *args, **kwargs) -> ScriptImportError:
    with pytest.raises(ScriptImportError) as info:
        fn(*args, **kwargs)
    return info.value


def triples(draft: ScriptDraft) -> list[tuple[str, str, str | None]]:
    return [(ln.role, ln.text, ln.delivery.emotion) for ln in draft.lines]


# ------------------------------------------------------------------------------------------------
# CSV / TSV


def test_chinese_headers_every_column(tmp_path: Path) -> None:
    draft = read_script(write(tmp_path, "第一集.csv", ZH_CSV))
    assert draft.title == "第一集"
    assert draft.language == "zh"
    assert draft.roles == ["林晚", "陆沉", "旁白"]
    first, second, third = draft.lines
    assert first == DraftLine("林晚", "你来了。", Delivery(speed=1.2, volume=1.5, pitch=2, emotion="happy"), 500, 2)
    assert second.text == "在Starbucks见面。" and second.gap_ms == 500 and second.delivery == Delivery()
    assert (third.role, third.text, third.source_row) == ("旁白", "门开了。", 4)
    assert draft.role_voices == {}


def test_english_headers_case_insensitive_with_units(tmp_path: Path) -> None:
    text = ("Character,Dialogue,EMOTION,Speed,Pitch,Volume,Pause (ms),Notes\n"
            "Lin Wan,Hello there.,Sad,0.8,-3,2,250ms,ignored\n"
            ",The door opens.,,,,,,\n")
    draft = read_script(write(tmp_path, "ep.csv", text))
    assert draft.language == "en"
    assert draft.roles == ["Lin Wan", "Narrator"]
    assert draft.lines[0].delivery == Delivery(speed=0.8, volume=2.0, pitch=-3, emotion="sad")
    assert draft.lines[0].gap_ms == 250
    assert draft.lines[1].role == "Narrator"


@pytest.mark.parametrize("header", [
    ("role", "text"), ("speaker", "line"), ("Role", "Text"), ("说话人", "文本"), ("人物", "内容"),
    ("角色", "对白"), (" Speaker ", " LINE "),
])
def test_header_aliases(tmp_path: Path, header: tuple[str, str]) -> None:
    draft = read_script(write(tmp_path, "s.csv", f"{header[0]},{header[1]}\n林晚,你好。\n"))
    assert triples(draft) == [("林晚", "你好。", None)]


def test_tsv_and_semicolon_delimiters_are_sniffed(tmp_path: Path) -> None:
    tsv = read_script(write(tmp_path, "s.tsv", "角色\t台词\n林晚\t你好，陆沉。\n陆沉\t好久不见。\n"))
    assert triples(tsv) == [("林晚", "你好，陆沉。", None), ("陆沉", "好久不见。", None)]
    # a .csv that is really tab-separated (Excel "Unicode text" style), commas inside the text
    tab_csv = read_script(write(tmp_path, "t.csv", "role\ttext\nLin Wan\tWell, hello, Lu Chen.\n"))
    assert triples(tab_csv) == [("Lin Wan", "Well, hello, Lu Chen.", None)]
    semi = read_script(write(tmp_path, "u.csv", "role;text;emotion\nLin Wan;Hi, you.;angry\n"))
    assert triples(semi) == [("Lin Wan", "Hi, you.", "angry")]


def test_quoted_cells_with_commas_and_newlines(tmp_path: Path) -> None:
    text = 'role,text\n林晚,"你好，\n陆沉, 你来了"\n陆沉,"He said ""no""."\n'
    draft = read_script(write(tmp_path, "q.csv", text))
    assert draft.lines[0].text == "你好， 陆沉, 你来了"
    assert draft.lines[1].text == 'He said "no".'
    assert draft.lines[1].source_row == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, f"{encoding}.csv", ZH_CSV, encoding=encoding)
    draft = read_script(path)
    assert [ln.text for ln in draft.lines] == ["你来了。", "在Starbucks见面。", "门开了。"]
    assert draft.roles[0] == "林晚"  # no BOM or mojibake glued to the first cell


def test_gb18030_really_is_not_utf8(tmp_path: Path) -> None:
    raw = ZH_CSV.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert read_script(write(tmp_path, "g.csv", raw)).lines[0].delivery.emotion == "happy"


def test_bom_does_not_hide_the_first_header(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", "台词\n你好。\n", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert triples(read_script(path)) == [("旁白", "你好。", None)]


def test_last_resort_guessed_encoding(tmp_path: Path) -> None:
    pytest.importorskip("charset_normalizer")
    text = "role,text\nNarrator,Ça c'est déjà très évident — café, crème brûlée, naïveté.\n" * 3
    raw = text.encode("cp1252")
    for enc in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            raw.decode(enc)
    draft = read_script(write(tmp_path, "latin.csv", raw))
    assert "café" in draft.lines[0].text


def test_blank_rows_and_leading_blank_lines_are_skipped_with_true_row_numbers(tmp_path: Path) -> None:
    text = "\n角色,台词\n\n林晚,一\n,\n陆沉,二\n"
    draft = read_script(write(tmp_path, "b.csv", text))
    assert [(ln.text, ln.source_row) for ln in draft.lines] == [("一", 4), ("二", 6)]


def test_narrator_ids_and_explicit_narrator_name(tmp_path: Path) -> None:
    draft = read_script(write(tmp_path, "n.csv", "role,text\nNarrator,It rained.\n,Still raining.\ntitle,Ep 1\n"))
    assert [ln.role for ln in draft.lines] == ["Narrator"] * 3
    assert draft.roles == ["Narrator"]


def test_voice_column_fills_role_voices(tmp_path: Path) -> None:
    text = "角色,台词,音色\n林晚,一,female-shaonv\n林晚,二,\n陆沉,三,male-qn-jingying\n"
    draft = read_script(write(tmp_path, "v.csv", text))
    assert draft.role_voices == {"林晚": "female-shaonv", "陆沉": "male-qn-jingying"}


# ------------------------------------------------------------------------------------------------
# CSV errors


def test_empty_file(tmp_path: Path) -> None:
    err = import_error(read_script, write(tmp_path, "e.csv", b""))
    assert "“e.csv” is empty" in str(err)
    err = import_error(read_script, write(tmp_path, "w.txt", "  \n\n  "))
    assert "empty" in str(err)


def test_header_only(tmp_path: Path) -> None:
    err = import_error(read_script, write(tmp_path, "h.csv", "角色,台词\n"))
    assert "no lines to import" in str(err)


def test_no_text_column(tmp_path: Path) -> None:
    err = import_error(read_script, write(tmp_path, "x.csv", "角色,情绪\n林晚,开心\n"))
    msg = str(err)
    assert msg.startswith("No text column found")
    assert "Name a column text or 台词" in msg
    assert "“角色”" in msg and "“情绪”" in msg  # says what it did find


def test_headerless_csv_reports_no_text_column(tmp_path: Path) -> None:
    err = import_error(read_script, write(tmp_path, "x.csv", "林晚,你好\n陆沉,再见\n"))
    assert "No text column found" in str(err)


@pytest.mark.parametrize("content", [
    b"role,text\n\x00\x01\x02\x03binary\x00\x00",
    bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 20,
])
def test_binary_file_named_csv(tmp_path: Path, content: bytes) -> None:
    err = import_error(read_script, write(tmp_path, "pic.csv", content))
    assert "not a text file" in str(err) and "“pic.csv”" in str(err)


def test_role_without_text_is_an_error_but_fully_empty_rows_are_skipped(tmp_path: Path) -> None:
    text = "角色,台词,情绪\n林晚,你好。,\n陆沉,,\n,,开心\n小雨,  ,\n陈伯,好。,\n"
    err = import_error(read_script, write(tmp_path, "r.csv", text))
    assert [row for row, _ in err.problems] == [3, 5]
    assert "Rows 3 and 5" in err.message
    assert "Role “陆沉” has no text" in str(err)
    assert "Row 5: Role “小雨” has no text" in str(err)
    assert "nothing was imported" in err.message


@pytest.mark.parametrize(("column", "value", "words"), [
    ("语速", "3", "Speed 3 is outside 0.5–2.0"),
    ("语速", "0.4", "Speed 0.4 is outside"),
    ("语速", "fast", "Speed “fast” is not a number"),
    ("音调", "13", "Pitch 13 is outside -12–12"),
    ("音调", "-13", "Pitch -13 is outside"),
    ("音调", "1.5", "whole number of semitones"),
    ("音量", "0", "Volume 0 is outside 0–10"),
    ("音量", "11", "Volume 11 is outside"),
    ("音量", "loud", "Volume “loud” is not a number"),
    ("停顿", "-5", "negative"),
    ("停顿", "soon", "Pause “soon” is not a duration"),
    ("停顿", "90s", "longer than 60 seconds"),
])
def test_numbers_out_of_range_name_the_row(tmp_path: Path, column: str, value: str, words: str) -> None:
    text = f"角色,台词,{column}\n林晚,一,\n陆沉,二,{value}\n"
    err = import_error(read_script, write(tmp_path, "n.csv", text))
    assert err.problems and err.problems[0][0] == 3
    assert words in str(err)
    assert str(err).startswith("Row 3")


def test_unknown_emotion_names_row_and_choices(tmp_path: Path) -> None:
    err = import_error(read_script, write(tmp_path, "m.csv", "角色,台词,情绪\n林晚,一,开心\n陆沉,二,若有所思\n"))
    assert err.problems == [(3, err.problems[0][1])]
    assert "Emotion “若有所思” is not recognised" in str(err)
    assert "happy" in str(err) and "开心" in str(err)


def test_all_problems_are_collected_and_nothing_is_returned(tmp_path: Path) -> None:
    text = "role,text,speed,emotion\nA,one,9,\nB,two,,grumpy\nC,three,1,\nD,,,\n"
    err = import_error(read_script, write(tmp_path, "all.csv", text))
    assert sorted(row for row, _ in err.problems) == [2, 3, 5]
    assert "Rows 2, 3 and 5" in err.message
    for row in (2, 3, 5):
        assert f"Row {row}:" in str(err)


def test_several_problems_on_one_row(tmp_path: Path) -> None:
    err = import_error(read_script, write(tmp_path, "o.csv", "role,text,speed,pitch\nA,one,9,99\n"))
    assert err.problems == [(2, err.problems[0][1]), (2, err.problems[1][1])]
    assert "Row 2" in err.message and "2 problems" in err.message


def test_unsupported_suffix(tmp_path: Path) -> None:
    err = import_error(read_script, write(tmp_path, "script.docx", b"PK\x03\x04"))
    assert "“.docx”" in str(err) and ".csv" in str(err)
    err = import_error(read_script, write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0"))
    assert ".xlsx" in str(err)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "does not exist" in str(import_error(read_script, tmp_path / "nope.csv"))
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    assert "is a folder" in str(import_error(read_script, folder))


def test_errors_are_import_errors_not_tracebacks(tmp_path: Path) -> None:
    # an unterminated quote must still come back as a ScriptImportError or a draft, never a csv.Error
    path = write(tmp_path, "u.csv", 'role,text\nA,"unterminated\nB,next\n')
    draft = read_script(path)  # the quote runs to the end of the file, as in a spreadsheet program
    assert triples(draft) == [("A", "unterminated B,next", None)]


# ------------------------------------------------------------------------------------------------
# XLSX


def make_xlsx(path: Path, rows: list[list[object]], second_sheet: bool = False) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "剧本"
    for row in rows:
        ws.append(row)
    if second_sheet:
        other = wb.create_sheet("notes")
        other.append(["role", "text"])
        other.append(["Nobody", "Not imported."])
    wb.save(path)
    return path


def test_xlsx_first_sheet(tmp_path: Path) -> None:
    rows: list[list[object]] = [["角色", "台词", "情绪", "语速", "停顿"], ["林晚", "你好。", "生气", 1.5, 300],
                                [None, None, None, None, None], ["陆沉", "再见。", None, None, None]]
    draft = read_script(make_xlsx(tmp_path / "ep.xlsx", rows, second_sheet=True))
    assert triples(draft) == [("林晚", "你好。", "angry"), ("陆沉", "再见。", None)]
    assert draft.lines[0].delivery.speed == 1.5 and draft.lines[0].gap_ms == 300
    assert [ln.source_row for ln in draft.lines] == [2, 4]
    assert draft.title == "ep"


def test_xlsx_errors(tmp_path: Path) -> None:
    err = import_error(read_script, make_xlsx(tmp_path / "a.xlsx", [["Role", "Text", "Volume"], ["A", "x", 20]]))
    assert err.problems[0][0] == 2 and "Volume 20 is outside" in str(err)
    err = import_error(read_script, make_xlsx(tmp_path / "b.xlsx", [["Role", "Mood"], ["A", "happy"]]))
    assert "No text column found" in str(err)
    err = import_error(read_script, make_xlsx(tmp_path / "c.xlsx", []))
    assert "is empty" in str(err)
    err = import_error(read_script, write(tmp_path, "d.xlsx", b"this is not a zip file"))
    assert "could not be opened as an Excel workbook" in str(err)


def test_xlsx_saved_with_csv_name_is_read_as_xlsx(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "real.xlsx", [["role", "text"], ["A", "hi"]])
    renamed = tmp_path / "fake.csv"
    renamed.write_bytes(path.read_bytes())
    assert triples(read_script(renamed)) == [("A", "hi", None)]


# ------------------------------------------------------------------------------------------------
# Plain text


def test_plain_text_chinese() -> None:
    text = ("# 第一集\n\n林晚：你来了。\n陆沉:  在Starbucks见面。\n（停顿）\n门开了，风吹进来。\n"
            "小雨（害怕）：姐姐！\n陈伯：（生气）胡闹！\n陈伯：“走吧。”\n")
    draft = parse_text(text)
    assert draft.title == "第一集"
    assert draft.language == "zh"
    assert triples(draft) == [
        ("林晚", "你来了。", None),
        ("陆沉", "在Starbucks见面。", None),
        ("旁白", "门开了，风吹进来。", None),
        ("小雨", "姐姐！", "fearful"),
        ("陈伯", "胡闹！", "angry"),
        ("陈伯", "走吧。", None),
    ]
    assert [ln.source_row for ln in draft.lines] == [3, 4, 6, 7, 8, 9]
    assert draft.roles == ["林晚", "陆沉", "旁白", "小雨", "陈伯"]


def test_plain_text_english_narrator_and_directions() -> None:
    text = "Lin Wan: Hello.\n\nThe rain stops.\n[Pause]\n(door slams)\nLu Chen (whisper): Quiet.\n***\n"
    draft = parse_text(text, source_name="/x/episode two.txt")
    assert draft.language == "en"
    assert draft.title == "episode two"
    assert triples(draft) == [("Lin Wan", "Hello.", None), ("Narrator", "The rain stops.", None),
                              ("Lu Chen", "Quiet.", "whisper")]


def test_plain_text_keeps_the_script_s_own_narrator_name() -> None:
    draft = parse_text("旁白：夜深了。\n他没有回头。\n")
    assert [ln.role for ln in draft.lines] == ["旁白", "旁白"]
    draft = parse_text("Narration: It was late.\nNobody answered.\n")
    assert [ln.role for ln in draft.lines] == ["Narration", "Narration"]


def test_plain_text_colon_inside_prose_is_not_a_role() -> None:
    draft = parse_text("林晚：好。\n10:30, the phone rang again.\nSee https://example.com for more.\n")
    assert [ln.role for ln in draft.lines] == ["林晚", "Narrator", "Narrator"]  # mostly English
    assert draft.lines[1].text == "10:30, the phone rang again."


def test_plain_text_role_with_nothing_after_colon_is_an_error() -> None:
    err = import_error(parse_text, "林晚：你好。\n陆沉：\n小雨：好。\n")
    assert err.problems[0][0] == 2
    assert str(err).startswith("Line 2")
    assert "Role “陆沉” has no text" in str(err)


def test_plain_text_with_only_directions_is_an_error() -> None:
    err = import_error(parse_text, "（停顿）\n(lights out)\n\n")
    assert "no lines to import" in str(err)


def test_plain_text_file_gb18030(tmp_path: Path) -> None:
    path = write(tmp_path, "剧本.txt", "林晚：你好。\n陆沉：好久不见。\n", encoding="gb18030")
    draft = read_script(path)
    assert triples(draft) == [("林晚", "你好。", None), ("陆沉", "好久不见。", None)]
    assert draft.title == "剧本"


def test_pasted_spreadsheet_cells_are_a_table() -> None:
    draft = parse_text("角色\t台词\t情绪\n林晚\t你好。\t惊讶\n")
    assert triples(draft) == [("林晚", "你好。", "surprised")]
    assert draft.lines[0].source_row == 2


# ------------------------------------------------------------------------------------------------
# MiniMax bulk JSON


BULK = [
    {"sentence_no": 3, "role_id": "lu", "text": "Goodbye."},
    {"sentence_no": 1, "role_id": "anarration", "text": "雨夜。"},
    {"sentence_no": 2, "role_id": "lin", "text": "你好。", "emotion": "happy", "speed": 1.1},
]


def test_bulk_json_plain_list_sorted_by_sentence_no(tmp_path: Path) -> None:
    draft = read_script(write(tmp_path, "bulk.json", json.dumps(BULK, ensure_ascii=False)))
    assert [ln.text for ln in draft.lines] == ["雨夜。", "你好。", "Goodbye."]
    assert [ln.source_row for ln in draft.lines] == [1, 2, 3]
    assert draft.lines[0].role == "旁白"  # mostly Chinese
    assert draft.lines[1].delivery == Delivery(speed=1.1, emotion="happy")
    assert draft.roles == ["旁白", "lin", "lu"]


@pytest.mark.parametrize("key", ["sentences", "data"])
def test_bulk_json_wrapped_with_role_voice(tmp_path: Path, key: str) -> None:
    payload = {key: BULK, "title": "雨夜来信",
               "role_voice": {"anarration": "female-yujie", "lin": "female-shaonv", "ghost": "x"}}
    draft = read_script(write(tmp_path, "bulk.json", json.dumps(payload, ensure_ascii=False)))
    assert draft.title == "雨夜来信"
    assert draft.role_voices == {"旁白": "female-yujie", "lin": "female-shaonv"}


def test_bulk_json_english_narrator_and_title_role() -> None:
    items = [{"sentence_no": 1, "role_id": "title", "text": "Episode one."},
             {"sentence_no": 2, "role_id": "anarration", "text": "It was raining."},
             {"sentence_no": 3, "role_id": "Lin", "text": "Who is there?"}]
    draft = parse_text(json.dumps(items))
    assert [ln.role for ln in draft.lines] == ["Narrator", "Narrator", "Lin"]


def test_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    text = '[\n  {"sentence_no": 1, "role_id": "a", "text": "x"},\n  {"sentence_no": 2 "role_id": "b"}\n]'
    err = import_error(read_script, write(tmp_path, "bad.json", text))
    assert "not valid JSON" in str(err)
    assert "line 3, column 21" in str(err)


def test_bulk_json_row_errors() -> None:
    items = [{"sentence_no": 1, "role_id": "a", "text": ""},
             {"sentence_no": 2, "role_id": "b", "text": "ok", "emotion": "grumpy"},
             {"sentence_no": 3, "role_id": "", "text": ""},
             {"sentence_no": 4, "role_id": "c", "text": "ok", "speed": 5}]
    err = import_error(parse_text, json.dumps(items))
    assert [row for row, _ in err.problems] == [1, 2, 4]
    assert "Sentences 1, 2 and 4" in err.message
    assert "Sentence 2: Emotion “grumpy”" in str(err)


@pytest.mark.parametrize(("payload", "words"), [
    ({"foo": []}, "no “sentences” or “data” list"),
    ([], "no sentences"),
    ({"sentences": [{"role_id": "a", "text": "x"}], "role_voice": ["a"]}, "must map role ids"),
    ("just a string", "does not hold a list"),
])
def test_bulk_json_shape_errors(tmp_path: Path, payload: object, words: str) -> None:
    err = import_error(read_script, write(tmp_path, "s.json", json.dumps(payload)))
    assert words in str(err)


# ------------------------------------------------------------------------------------------------
# Vocabulary and language


@pytest.mark.parametrize(("word", "emotion"), [
    ("开心", "happy"), ("高兴", "happy"), ("悲伤", "sad"), ("难过", "sad"), ("生气", "angry"),
    ("愤怒", "angry"), ("害怕", "fearful"), ("恐惧", "fearful"), ("厌恶", "disgusted"),
    ("惊讶", "surprised"), ("平静", "calm"), ("低语", "whisper"), ("耳语", "whisper"), ("Happy", "happy"),
    (" WHISPER ", "whisper"), ("生气地", "angry"), ("", None), ("中性", None), ("neutral", None),
])
def test_emotion_words(word: str, emotion: str | None) -> None:
    assert emotion_id(word) == emotion


def test_every_emotion_id_is_its_own_word() -> None:
    for e in EMOTIONS:
        assert emotion_id(e) == e
    with pytest.raises(KeyError):
        emotion_id("若有所思")


def test_language_detection() -> None:
    assert detect_language(["你好。", "在Starbucks见面。"]) == "zh"
    assert detect_language(["Lu Chen met 林晚 at the old café again."]) == "en"
    assert detect_language(["Hello.", "OK"]) == "en"
    assert detect_language([]) == "en"


def test_error_has_message_and_problems_attributes() -> None:
    err = ScriptImportError("Something is wrong. Do this.", [(4, "a"), (7, "b")])
    assert err.message == "Something is wrong. Do this."
    assert err.problems == [(4, "a"), (7, "b")]
    assert "Row 4: a" in str(err) and "Row 7: b" in str(err)


# ------------------------------------------------------------------------------------------------
# The demo series and its import samples


PRESETS = {"female_lead", "male_lead", "young_man", "girl", "child", "old_man", "old_woman", "narrator"}


@pytest.fixture(scope="module")
def demo() -> dict:
    return json.loads((demo_dir() / "demo_series.json").read_text(encoding="utf-8"))


def test_demo_series_shape(demo: dict) -> None:
    assert demo["title"]
    roles = demo["roles"]
    names = [r["name"] for r in roles]
    assert len(roles) >= 4 and len(set(names)) == len(names)
    assert "旁白" in names and any(is_narrator_name(n) for n in names)
    colours = [r["colour"] for r in roles]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours) and len(set(colours)) == len(colours)
    for engine in ("kokoro", "espeak"):
        presets = [r["voices"][engine] for r in roles]
        assert set(presets) <= PRESETS and len(set(presets)) == len(presets)
    assert all(r["gender"] in ("female", "male") for r in roles)

    episodes = demo["episodes"]
    assert [ep["language"] for ep in episodes] == ["zh", "en"]
    for ep in episodes:
        assert ep["title"] and 12 <= len(ep["lines"]) <= 20
        used = {ln["role"] for ln in ep["lines"]}
        assert used <= set(names) and len(used) >= 4
        limit = 24 if ep["language"] == "zh" else 42
        for ln in ep["lines"]:
            assert ln["text"] and len(ln["text"]) <= limit, ln
            assert ln.get("emotion") is None or ln["emotion"] in EMOTIONS
        assert detect_language(ln["text"] for ln in ep["lines"]) == ep["language"]
    zh_texts = [ln["text"] for ln in episodes[0]["lines"]]
    assert any(re.search(r"[\u4e00-\u9fff][A-Za-z]+[\u4e00-\u9fff]", t) for t in zh_texts)  # a mixed line


def test_demo_csv_sample_matches_episode_one(demo: dict) -> None:
    path = demo_dir() / "episode1_zh.csv"
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == "角色,台词,情绪"
    draft = read_script(path)
    ep = demo["episodes"][0]
    assert draft.language == "zh"
    assert triples(draft) == [(ln["role"], ln["text"], ln.get("emotion")) for ln in ep["lines"]]


def test_demo_text_sample_matches_episode_two(demo: dict) -> None:
    draft = read_script(demo_dir() / "script_en.txt")
    ep = demo["episodes"][1]
    assert draft.language == "en"
    assert (draft.episode_number, draft.title) == split_episode_heading(ep["title"]) == (2, "The Key")
    assert triples(draft) == [(ln["role"], ln["text"], ln.get("emotion")) for ln in ep["lines"]]


# ------------------------------------------------------------------------------------------------
# Stage directions: a parenthetical is the line's emotion when it names one, else a note


def lines_of(text: str) -> list[tuple[str, str, str | None, str]]:
    return [(ln.role, ln.text, ln.delivery.emotion, ln.note) for ln in parse_text(text).lines]


def test_role_parenthetical_that_names_a_stage_emotion_sets_the_emotion() -> None:
    assert lines_of("老王（笑）：今天真高兴。") == [("老王", "今天真高兴。", "happy", "")]


def test_role_parenthetical_that_is_no_emotion_is_kept_as_a_note() -> None:
    assert lines_of("老王（转身）：今天真高兴。\n林晚：好。") == [
        ("老王", "今天真高兴。", None, "转身"), ("林晚", "好。", None, "")]


def test_leading_direction_in_the_body_is_a_note_and_not_spoken() -> None:
    assert lines_of("林晚：（转身）你来了。") == [("林晚", "你来了。", None, "转身")]


def test_leading_emotion_direction_in_the_body_sets_the_emotion() -> None:
    assert lines_of("林晚：（冷笑）你来了。") == [("林晚", "你来了。", "disgusted", "")]


@pytest.mark.parametrize("direction", ["笑", "转身", "低声", "画外音", "laughing", "to Lu Chen"])
def test_direction_after_the_name_and_before_the_text_read_the_same(direction: str) -> None:
    after_name = lines_of(f"林晚（{direction}）：你来了。")
    before_text = lines_of(f"林晚：（{direction}）你来了。")
    assert after_name == before_text
    assert after_name[0][1] == "你来了。"
    assert after_name[0][2] is not None or after_name[0][3] == direction  # an emotion, or kept visibly


def test_several_directions_join_in_order_and_the_first_emotion_wins() -> None:
    assert lines_of("林晚（画外音）：（转身）（低声）你来了。") == [("林晚", "你来了。", "whisper", "画外音; 转身")]


def test_a_direction_that_became_the_emotion_is_not_repeated_as_a_note() -> None:
    assert lines_of("林晚（笑）：（微笑）好。") == [("林晚", "好。", "happy", "")]


def test_a_second_different_feeling_stays_visible_as_a_note() -> None:
    assert lines_of("小雨（害怕）：（哭着）姐姐！") == [("小雨", "姐姐！", "fearful", "哭着")]


@pytest.mark.parametrize(("line", "emotion", "note"), [
    ("Lin Wan (laughing, turning away): Fine.", "happy", "turning away"),
    ("林晚（转身，冷笑）：好。", "disgusted", "转身"),
    ("林晚（看着他，停了一下）：好。", None, "看着他，停了一下"),
])
def test_a_direction_mixing_a_feeling_and_an_action_is_split(line: str, emotion: str | None, note: str) -> None:
    (_, _, got_emotion, got_note), = lines_of(line)
    assert (got_emotion, got_note) == (emotion, note)


@pytest.mark.parametrize(("line", "emotion"), [("陈伯：（低声说）走。", "whisper"), ("陈伯：（笑着说）好。", "happy"),
                                               ("陈伯（怒道）：滚！", "angry")])
def test_a_speaking_verb_after_the_feeling_adds_nothing(line: str, emotion: str) -> None:
    assert lines_of(line)[0][2:] == (emotion, "")


def test_a_neutral_direction_is_neither_emotion_nor_note() -> None:
    assert lines_of("林晚：（正常）好。") == [("林晚", "好。", None, "")]


def test_narration_starting_with_a_direction_keeps_it_as_a_note() -> None:
    assert lines_of("(door slams) The rain stops.") == [("Narrator", "The rain stops.", None, "door slams")]


def test_a_bracketed_label_before_a_colon_stays_in_the_text() -> None:
    assert lines_of("【系统】：任务完成。") == [("旁白", "【系统】：任务完成。", None, "")]


def test_a_role_with_only_a_direction_is_still_skipped() -> None:
    assert lines_of("林晚：（停顿）\n陆沉（笑）：（停顿）\n林晚：好。") == [("林晚", "好。", None, "")]


@pytest.mark.parametrize(("word", "emotion"), [
    ("笑", "happy"), ("微笑", "happy"), ("大笑", "happy"), ("笑着", "happy"),
    ("哭", "sad"), ("哭着", "sad"), ("哽咽", "sad"), ("抽泣", "sad"), ("叹气", "sad"), ("叹息", "sad"),
    ("怒", "angry"), ("怒吼", "angry"), ("吼", "angry"),
    ("颤抖", "fearful"), ("发抖", "fearful"),
    ("惊", "surprised"), ("惊呼", "surprised"), ("惊讶地", "surprised"),
    ("冷笑", "disgusted"), ("不屑", "disgusted"),
    ("低声", "whisper"), ("轻声", "whisper"), ("小声", "whisper"),
    ("laughing", "happy"), ("laughs", "happy"), ("crying", "sad"), ("sobbing", "sad"), ("sighs", "sad"),
    ("shouting", "angry"), ("yelling", "angry"), ("whispering", "whisper"), ("(Laughs)", "happy"),
])
def test_stage_direction_words_are_emotions(word: str, emotion: str) -> None:
    assert emotion_id(word) == emotion


def test_unknown_words_still_raise_key_error() -> None:
    for word in ("转身", "turning away", "若有所思"):
        with pytest.raises(KeyError):
            emotion_id(word)


def test_csv_emotion_column_takes_stage_words_and_still_refuses_others(tmp_path: Path) -> None:
    ok = read_script(write(tmp_path, "ok.csv", "角色,台词,情绪\n林晚,一,冷笑\nLin,two,sobbing\n"))
    assert [ln.delivery.emotion for ln in ok.lines] == ["disgusted", "sad"]
    err = import_error(read_script, write(tmp_path, "bad.csv", "角色,台词,情绪\n林晚,一,转身\n"))
    assert "Emotion “转身” is not recognised" in str(err)


@pytest.mark.parametrize("header", ["note", "Notes", "备注", "说明", "舞台提示", "动作"])
def test_table_note_column_is_read_into_the_note(tmp_path: Path, header: str) -> None:
    text = f"角色,台词,情绪,{header}\n林晚,你来了。,开心,  转身  看他 \n陆沉,嗯。,,\n"
    draft = read_script(write(tmp_path, "n.csv", text))
    assert [(ln.note, ln.delivery.emotion) for ln in draft.lines] == [("转身 看他", "happy"), ("", None)]


def test_table_without_a_note_column_has_empty_notes(tmp_path: Path) -> None:
    draft = read_script(write(tmp_path, "n.csv", "角色,台词\n林晚,（转身）你来了。\n"))
    assert [ln.note for ln in draft.lines] == [""]


def test_xlsx_note_column(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Role", "Text", "Notes"], ["Lin", "Hi.", "waves"], ["Lu", "Bye.", None]]
    draft = read_script(make_xlsx(tmp_path / "n.xlsx", rows))
    assert [ln.note for ln in draft.lines] == ["waves", ""]


def test_bulk_json_note_field() -> None:
    items = [{"sentence_no": 1, "role_id": "lin", "text": "你来了。", "note": "转身"},
             {"sentence_no": 2, "role_id": "lu", "text": "嗯。"}]
    assert [ln.note for ln in parse_text(json.dumps(items, ensure_ascii=False)).lines] == ["转身", ""]


def test_bulk_json_note_that_is_not_a_string_is_a_row_problem() -> None:
    items = [{"sentence_no": 1, "role_id": "lin", "text": "ok"},
             {"sentence_no": 2, "role_id": "lu", "text": "ok", "note": ["wave"]}]
    err = import_error(parse_text, json.dumps(items))
    assert err.problems == [(2, "“note” is not a string.")]


# ------------------------------------------------------------------------------------------------
# Episode labels in headings


@pytest.mark.parametrize(("heading", "expected"), [
    ("Episode 2: The Key", (2, "The Key")),
    ("episode 2 - The Key", (2, "The Key")),
    ("Episode Two: The Key", (2, "The Key")),
    ("Ep. 2 — The Key", (2, "The Key")),
    ("EP02 The Key", (2, "The Key")),
    ("E2. The Key", (2, "The Key")),
    ("Episode 12", (12, "")),
    ("第2集：雨夜来信", (2, "雨夜来信")),
    ("第二集 雨夜来信", (2, "雨夜来信")),
    ("第十二集—钥匙", (12, "钥匙")),
    ("第二十三话：重逢", (23, "重逢")),
    ("第一百零五回", (105, "")),
    ("第3章.开始", (3, "开始")),
    ("第２集：风", (2, "风")),
    ("The Key", (None, "The Key")),
    ("  Epic 3  ", (None, "Epic 3")),
    ("E2E testing", (None, "E2E testing")),
    ("Episode of our lives", (None, "Episode of our lives")),
    ("Eve 2", (None, "Eve 2")),
    ("第一幕", (None, "第一幕")),
])
def test_split_episode_heading(heading: str, expected: tuple[int | None, str]) -> None:
    assert split_episode_heading(heading) == expected


def test_heading_with_an_episode_label_gives_number_and_bare_title() -> None:
    draft = parse_text("# Episode 2: The Key\n\nLin Wan: Hello.\n")
    assert (draft.episode_number, draft.title) == (2, "The Key")


def test_heading_that_is_only_a_label_keeps_it_as_the_title() -> None:
    draft = parse_text("# 第二集\n林晚：你好。\n")
    assert (draft.episode_number, draft.title) == (2, "第二集")


def test_title_line_with_an_episode_label() -> None:
    draft = parse_text("标题：第十二集：钥匙\n林晚：你好。\n")
    assert (draft.episode_number, draft.title) == (12, "钥匙")


def test_heading_without_a_label_has_no_episode_number() -> None:
    draft = parse_text("# 雨夜来信\n林晚：你好。\n")
    assert (draft.episode_number, draft.title) == (None, "雨夜来信")


def test_bulk_json_title_with_an_episode_label() -> None:
    draft = parse_text(json.dumps({"title": "Ep 3 - Storm", "sentences": [{"role_id": "a", "text": "Hi."}]}))
    assert (draft.episode_number, draft.title) == (3, "Storm")


def test_file_name_gives_the_number_and_stays_the_title(tmp_path: Path) -> None:
    draft = read_script(write(tmp_path, "Episode 4 - Harbour.txt", "Lin: Hi.\n"))
    assert (draft.episode_number, draft.title) == (4, "Episode 4 - Harbour")
    draft = read_script(write(tmp_path, "episode1_zh.txt", "林晚：你好。\n"))
    assert draft.title == "episode1_zh"  # not "zh": a file's name is the user's own name for it


def test_split_episode_heading_is_public() -> None:
    import studio.formats.script_import as module

    assert "split_episode_heading" in module.__all__


def test_a_stage_direction_on_its_own_line_is_kept_as_a_note_not_dropped() -> None:
    draft = parse_text("林晚：灯怎么了？\n(The lights go out.)\n陆沉：别动。\n（门开了）\n")
    assert [(ln.text, ln.note) for ln in draft.lines] == [("灯怎么了？", ""), ("别动。", "The lights go out.; 门开了")]
