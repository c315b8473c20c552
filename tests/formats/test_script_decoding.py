"""Text decoding that cannot garble silently: a UTF-8 script with one damaged or truncated character is
refused naming the line and the bytes (never read in another code page, never called binary); an
all-Chinese file is text whether UTF-8, GB18030 or Big5; the encoding chosen is kept on the draft."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studio.formats.script_import import ScriptImportError, decode_script, read_script

ZH = "林晚：你终于来了。\n陈伯：雨太大了，进来吧。\n林晚：这封信是谁送来的？\n"
ZH_TRADITIONAL = "林晚：你終於來了。\n陳伯：雨太大了，進來吧。\n林晚：這封信是誰送來的？\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_one_damaged_byte_in_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    data = ("Lin: Hello there.\nChen: Café is closed.\nLin: 好的。\n").encode().replace("好".encode(), b"\xe5\xa5")
    with pytest.raises(ScriptImportError, match=r"line 3: bytes e5 a5"):
        read_script(_write(tmp_path, "damaged.txt", data))


def test_a_truncated_last_character_is_damage_not_binary(tmp_path: Path) -> None:
    with pytest.raises(ScriptImportError) as info:
        read_script(_write(tmp_path, "cut.txt", ZH.encode()[:-2]))
    assert "damaged" in str(info.value) and "binary" not in str(info.value) and "line 3" in str(info.value)


def test_a_latin1_byte_in_an_otherwise_utf8_file_never_becomes_mojibake(tmp_path: Path) -> None:
    data = "陆沉：你好。\nLin: Hello.\n".encode() + "Chen: Cafés are closed.\n".encode("latin-1")
    with pytest.raises(ScriptImportError, match="UTF-8 text with 1 damaged place"):
        read_script(_write(tmp_path, "mixed.txt", data))


@pytest.mark.parametrize(("encoding", "text"), [("utf-8", ZH), ("gb18030", ZH), ("big5", ZH_TRADITIONAL)])
def test_an_all_chinese_file_is_text_in_each_encoding(tmp_path: Path, encoding: str, text: str) -> None:
    draft = read_script(_write(tmp_path, f"{encoding}.txt", text.encode(encoding)))
    assert [ln.role for ln in draft.lines][:2] == ["林晚", "陈伯" if encoding != "big5" else "陳伯"]
    assert draft.lines[0].text.startswith("你終於" if encoding == "big5" else "你终于")
    assert draft.encoding == encoding


def test_chinese_without_any_punctuation_or_colon_is_text() -> None:
    text, encoding = decode_script("你终于来了这封信是谁送来的雨太大了".encode("gb18030"), "x.txt")
    assert text == "你终于来了这封信是谁送来的雨太大了" and encoding == "gb18030"


def test_the_cli_says_which_encoding_it_read(tmp_path: Path) -> None:
    script = _write(tmp_path, "big5.txt", ZH_TRADITIONAL.encode("big5"))
    proc = subprocess.run([sys.executable, "-m", "studio.cli", "import", str(script), str(tmp_path / "p.troupe")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "read as big5" in proc.stderr and "陳伯" in proc.stdout
