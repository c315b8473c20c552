"""The encoding a text script is read in: a guess (not UTF-8, no byte-order mark) is said, and the user
can name the encoding instead — ``troupe import --encoding`` and ``troupe new --from … --encoding`` here,
the window's question in tests/ui/test_import_encoding_window.py; both read with the same action."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studio.actions import importing
from studio.formats.script_import import ScriptImportError
from studio.store.project_file import ProjectStore

JAPANESE = "花子：こんにちは。\n太郎：雨ですね。\n"  # Shift_JIS bytes that also read (wrongly) as GB18030
FRENCH = "Zoë: Où es-tu?\nJosé: Aquí.\n"  # Latin-1 bytes a guess reads as cp1250 ("Oů")


def _write(tmp_path: Path, name: str, text: str, encoding: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_guessed_encoding_is_said_and_a_named_one_is_read_as_named(tmp_path: Path) -> None:
    sjis = _write(tmp_path, "jp.txt", JAPANESE, "shift_jis")
    guessed = importing.read_script_file(sjis)
    assert importing.uncertain_encoding(guessed) == "gb18030"  # a guess, and here a wrong one
    assert [ln.role for ln in guessed.lines] != ["花子", "太郎"]
    named = importing.read_script_file(sjis, "shift_jis")
    assert [(ln.role, ln.text) for ln in named.lines] == [("花子", "こんにちは。"), ("太郎", "雨ですね。")]
    assert importing.uncertain_encoding(named, "shift_jis") is None
    latin = importing.read_script_file(_write(tmp_path, "fr.txt", FRENCH, "latin-1"), "latin-1")
    assert [ln.text for ln in latin.lines] == ["Où es-tu?", "Aquí."]
    utf8 = importing.read_script_file(_write(tmp_path, "u.txt", JAPANESE, "utf-8"))
    assert importing.uncertain_encoding(utf8) is None  # valid UTF-8 is not a guess
    bom16 = importing.read_script_file(_write(tmp_path, "u16.txt", JAPANESE, "utf-16"))
    assert importing.uncertain_encoding(bom16) is None
    assert "read as gb18030" in importing.encoding_notice("gb18030")
    assert "こんにちは" in importing.encoding_preview(sjis, "shift_jis")
    assert "こんにちは" not in importing.encoding_preview(sjis, "gb18030")


@pytest.mark.parametrize(("encoding", "sentence"), [
    ("utf-8", "“jp.txt” cannot be read as utf-8: line 1 holds bytes 89 that are not utf-8. Choose another "
              "encoding; nothing was imported."),
    ("klingon", "There is no text encoding called “klingon”."),
])
def test_an_encoding_that_cannot_read_the_file_is_refused_with_a_sentence(tmp_path: Path, encoding: str,
                                                                          sentence: str) -> None:
    sjis = _write(tmp_path, "jp.txt", JAPANESE, "shift_jis")
    with pytest.raises(ScriptImportError) as info:
        importing.read_script_file(sjis, encoding)
    assert str(info.value).startswith(sentence)


def _troupe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=120)


def _roles(project: Path) -> list[str]:
    with ProjectStore.open_readonly(project) as store:
        return [r.name for r in store.roles()]


def test_the_cli_says_a_guessed_encoding_and_takes_encoding(tmp_path: Path) -> None:
    sjis = _write(tmp_path, "jp.txt", JAPANESE, "shift_jis")
    guessed = _troupe("import", str(sjis), str(tmp_path / "a.troupe"))
    assert guessed.returncode == 0, guessed.stderr
    assert guessed.stderr.count("it was read as gb18030") == 1 and "--encoding" in guessed.stderr
    named = _troupe("import", str(sjis), str(tmp_path / "b.troupe"), "--encoding", "shift_jis")
    assert named.returncode == 0, named.stderr
    assert "read as" not in named.stderr and _roles(tmp_path / "b.troupe") == ["花子", "太郎"]
    new = _troupe("new", str(tmp_path / "c.troupe"), "--from", str(sjis), "--encoding", "shift-jis")
    assert new.returncode == 0, new.stderr
    assert _roles(tmp_path / "c.troupe") == ["花子", "太郎"]
    wrong = _troupe("import", str(sjis), str(tmp_path / "b.troupe"), "--encoding", "utf-8")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert "cannot be read as utf-8: line 1" in wrong.stderr
    assert _roles(tmp_path / "b.troupe") == ["花子", "太郎"]  # unchanged
    unknown = _troupe("import", str(sjis), str(tmp_path / "d.troupe"), "--encoding", "klingon")
    assert unknown.returncode != 0 and "no text encoding called “klingon”" in unknown.stderr
    assert not (tmp_path / "d.troupe").exists()
    plain = _troupe("import", str(_write(tmp_path, "u.txt", JAPANESE, "utf-8")), str(tmp_path / "e.troupe"))
    assert plain.returncode == 0 and "read as" not in plain.stderr
