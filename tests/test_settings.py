"""The application settings: one typed registry in sections, a versioned file, upgrades from older files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio import settings as st
from studio.engines.minimax import config
from studio.settings import OPTIONS, DuplicateOptionError, Option, OptionRegistry, Settings


def write(path: Path, data: Any) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.read_bytes()


# --- the registry --------------------------------------------------------------------------------------

def test_registry_rejects_a_second_option_with_the_same_name() -> None:
    with pytest.raises(DuplicateOptionError, match="'gap' is registered twice"):
        OptionRegistry([Option("gap", int, 1, "a", "audio"), Option("gap", str, "", "b", "interface")])
    count = len(OPTIONS)
    with pytest.raises(DuplicateOptionError):
        OPTIONS.add(Option("engine", str, "kokoro", "again", "engine"))
    assert len(OPTIONS) == count and OPTIONS["engine"].description.startswith("Speech engine")


def test_an_option_must_name_a_known_section_and_allow_its_default() -> None:
    with pytest.raises(ValueError, match="unknown section"):
        Option("x", int, 1, "x", "nowhere")
    with pytest.raises(ValueError, match="default"):
        Option("x", int, 99, "x", "audio", maximum=10)


def test_every_option_has_its_section_type_and_default() -> None:
    expected = {
        "engine": ("engine", str, "kokoro"), "llm_base_url": ("engine", str, ""),
        "minimax_model": ("minimax", str, "speech-2.8-hd"), "minimax_text_model": ("minimax", str, "MiniMax-M2.7"),
        "minimax_region": ("minimax", str, "global"), "minimax_host": ("minimax", str, ""),
        "minimax_group_id": ("minimax", str, ""), "minimax_limits": ("minimax", dict, {}),
        "minimax_prices": ("minimax", dict, {}), "minimax_aigc_watermark": ("minimax", bool, False),
        "sample_rate": ("audio", int, 48000), "audio_format": ("audio", str, "wav"), "gap_ms": ("audio", int, 350),
        "lufs": ("audio", float, -16.0), "ui_language": ("interface", str, ""),
        "listen_back": ("interface", bool, True),
        "recent_projects": ("persist", list, []), "last_project": ("persist", str, ""),
        "window_state": ("persist", str, ""), "last_import_dir": ("persist", str, ""),
        "last_export_dir": ("persist", str, ""), "last_project_dir": ("persist", str, ""),
        "last_media_dir": ("persist", str, ""),
        "last_clip_dir": ("persist", str, ""),
        "open_episodes": ("persist", dict, {}), "export_choices": ("persist", dict, {}),
    }
    assert {o.name: (o.section, o.type, o.default) for o in OPTIONS.values()} == expected
    assert OPTIONS["sample_rate"].choices == (22050, 24000, 32000, 44100, 48000)
    assert OPTIONS["audio_format"].choices == ("wav", "flac", "mp3", "m4a", "opus")
    assert OPTIONS["ui_language"].choices == ("", "zh", "en")
    assert OPTIONS["minimax_region"].choices == ("global", "mainland")
    assert (OPTIONS["gap_ms"].minimum, OPTIONS["gap_ms"].maximum) == (-5000, 10000)
    assert (OPTIONS["lufs"].minimum, OPTIONS["lufs"].maximum) == (-40, -5)


def test_options_lists_a_section_in_registration_order(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert [o.name for o in settings.options("audio")] == ["sample_rate", "audio_format", "gap_ms", "lufs"]
    assert len(settings.options()) == len(OPTIONS)
    with pytest.raises(ValueError, match="no settings section 'video'"):
        settings.options("video")


# --- reading and writing -------------------------------------------------------------------------------

def test_a_fresh_folder_reads_defaults_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    settings = Settings(path)
    assert settings.get("gap_ms") == 350 and settings.get("recent_projects") == []
    assert settings.problem is None and not path.parent.exists()


def test_set_stores_the_value_in_its_section_of_a_versioned_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    settings.set("gap_ms", 500)
    settings.set("lufs", -23)  # an int is taken for a float option, as a float
    settings.set("window_state", "abc=")
    assert json.loads(path.read_text()) == {"version": 2, "audio": {"gap_ms": 500, "lufs": -23.0},
                                            "persist": {"window_state": "abc="}}
    assert Settings(path).get("lufs") == -23.0 and isinstance(Settings(path).get("lufs"), float)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary file left behind


@pytest.mark.parametrize(("name", "stored"), [
    ("sample_rate", "48000"), ("sample_rate", 12345), ("gap_ms", 99999), ("gap_ms", True), ("lufs", "loud"),
    ("lufs", 0.0), ("audio_format", "aiff"), ("ui_language", "fr"), ("recent_projects", "a.troupe"),
    ("recent_projects", [1, 2]), ("minimax_region", "mars"), ("minimax_limits", {"speech": {"rpm": -1}}),
    ("minimax_limits", []), ("minimax_prices", {"speech-2.8-hd": "free"}), ("engine", None),
])
def test_a_stored_value_of_the_wrong_type_or_out_of_range_reads_as_the_default(
        tmp_path: Path, name: str, stored: Any) -> None:
    path = tmp_path / "settings.json"
    section = OPTIONS[name].section
    data: dict[str, Any] = {"version": 2, "persist": {"last_project": "/x.troupe"}}
    data.setdefault(section, {})[name] = stored
    before = write(path, data)
    settings = Settings(path)
    assert settings.get(name) == OPTIONS[name].default
    assert settings.get("last_project") == "/x.troupe"  # a good value beside it is read
    assert not settings.is_set(name)
    assert path.read_bytes() == before  # not written back by reading


def test_values_in_range_are_read_as_stored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 2, "audio": {"sample_rate": 44100, "gap_ms": -5000, "lufs": -40, "audio_format": "opus"},
                 "minimax": {"minimax_limits": {"speech": {"rpm": 20, "chars_per_minute": 20000, "window": 60}},
                             "minimax_prices": {"currency": "CNY", "speech-2.8-hd": "3.5", "speech-2.8-turbo": 2}}})
    settings = Settings(path)
    assert (settings.get("sample_rate"), settings.get("gap_ms"), settings.get("lufs")) == (44100, -5000, -40.0)
    assert settings.get("audio_format") == "opus"
    assert settings.get("minimax_limits") == {"speech": {"rpm": 20, "chars_per_minute": 20000, "window": 60}}
    assert settings.get("minimax_prices")["speech-2.8-turbo"] == 2


@pytest.mark.parametrize(("name", "value", "sentence"), [
    ("gap_ms", 20000, "The setting 'gap_ms' must be an integer from -5000 to 10000; 20000 was not saved."),
    ("gap_ms", "500", "The setting 'gap_ms' must be an integer from -5000 to 10000; '500' was not saved."),
    ("lufs", -3.0, "The setting 'lufs' must be a number from -40 to -5; -3.0 was not saved."),
    ("sample_rate", 16000, "The setting 'sample_rate' must be one of 22050, 24000, 32000, 44100, 48000; "
                           "16000 was not saved."),
    ("audio_format", "aiff", "The setting 'audio_format' must be one of 'wav', 'flac', 'mp3', 'm4a', 'opus'; "
                             "'aiff' was not saved."),
    ("ui_language", None, "The setting 'ui_language' must be one of '', 'zh', 'en'; None was not saved."),
    ("recent_projects", ["a", 3], "The setting 'recent_projects' must be a list of text; ['a', 3] was not saved."),
])
def test_set_of_a_bad_value_raises_a_sentence_and_writes_nothing(tmp_path: Path, name: str, value: Any,
                                                                  sentence: str) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    settings.set("gap_ms", 400)
    before = path.read_bytes()
    with pytest.raises(ValueError) as info:
        settings.set(name, value)
    assert str(info.value) == sentence
    assert path.read_bytes() == before
    assert settings.get("gap_ms") == 400


def test_a_bad_limits_mapping_is_refused_with_its_shape(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    for bad in ({"speech": {"rpm": 0}}, {"speech": {"rpm": 5, "chars_per_minute": "many"}}, {"speech": 5},
                {"speech": {"rpm": 5, "burst": 2}}):
        with pytest.raises(ValueError, match="'minimax_limits' must be a mapping of endpoint to limits"):
            settings.set("minimax_limits", bad)
    assert not (tmp_path / "settings.json").exists()


def test_update_is_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    with pytest.raises(ValueError, match="lufs"):
        settings.update({"gap_ms": 10, "lufs": 3})
    assert not path.exists()
    with pytest.raises(KeyError, match="no setting named 'volume'"):
        settings.update({"gap_ms": 10, "volume": 3})
    assert not path.exists()


def test_a_value_read_is_a_copy(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.set("recent_projects", ["a.troupe"])
    settings.get("recent_projects").append("b.troupe")
    settings.get("minimax_limits")["speech"] = {"rpm": 1}
    assert settings.get("recent_projects") == ["a.troupe"] and settings.get("minimax_limits") == {}


def test_two_settings_on_one_file_see_and_keep_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    first, second = Settings(path), Settings(path)
    first.set("gap_ms", 123)
    second.set("engine", "minimax")
    assert first.get("engine") == "minimax"
    assert Settings(path).get("gap_ms") == 123


def test_add_recent_keeps_ten_newest_first(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    for n in range(12):
        settings.add_recent(f"p{n}.troupe")
    settings.add_recent("p5.troupe")
    recent = settings.get("recent_projects")
    assert recent[0] == "p5.troupe" and len(recent) == 10 and recent.count("p5.troupe") == 1
    assert recent[1:3] == ["p11.troupe", "p10.troupe"]
    assert settings.get("last_project") == "p5.troupe"


# --- preferences and remembered state ------------------------------------------------------------------

def test_reset_preferences_leaves_window_state_and_recent_projects(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    settings.update({"gap_ms": 900, "ui_language": "zh", "minimax_region": "mainland", "window_state": "AAAA",
                     "recent_projects": ["a.troupe"], "last_export_dir": "/tmp/out"})
    assert "window_state" not in settings.preferences() and settings.preferences()["gap_ms"] == 900
    settings.reset_preferences()
    assert settings.preferences() == {o.name: o.default for o in OPTIONS.values() if o.section != "persist"}
    again = Settings(path)
    assert again.get("window_state") == "AAAA" and again.get("recent_projects") == ["a.troupe"]
    assert again.get("last_export_dir") == "/tmp/out"
    assert json.loads(path.read_text()) == {"version": 2, "persist": {
        "window_state": "AAAA", "recent_projects": ["a.troupe"], "last_export_dir": "/tmp/out"}}


def test_reset_forgets_one_stored_value(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.set("gap_ms", 10)
    assert settings.is_set("gap_ms")
    settings.reset("gap_ms")
    assert settings.get("gap_ms") == 350 and not settings.is_set("gap_ms")


# --- a damaged file ------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", ['{"engine": "minimax",', "[1, 2]", '{"version": "two"}', "\xff\xfe"])
def test_a_damaged_file_gives_defaults_says_so_and_is_kept(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="latin-1")
    before = path.read_bytes()
    (tmp_path / "minimax.json").write_text('{"region": "mainland"}')
    settings = Settings(path)
    assert settings.get("engine") == "kokoro" and settings.get("minimax_region") == "global"
    assert settings.problem is not None and str(path) in settings.problem and "defaults are used" in settings.problem
    assert Settings(path).problem is not None
    assert path.read_bytes() == before  # loading never writes over it
    assert (tmp_path / "minimax.json").exists()  # nor does it fold the old MiniMax file into nothing
    settings.set("gap_ms", 600)  # a change is saved beside the damaged file, which is kept
    kept = list(tmp_path.glob("settings.json.damaged-*"))
    assert kept == [settings.kept_aside] and kept[0].read_bytes() == before
    assert json.loads(path.read_text()) == {"version": 2, "audio": {"gap_ms": 600}}


def test_a_second_damaged_file_is_kept_beside_the_first_not_over_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    kept: list[bytes] = []
    for content in (b'{"audio": {"gap_ms": 1', b"\x00\x01 not json"):
        path.write_bytes(content)
        settings = Settings(path)
        assert settings.problem is not None and settings.get("gap_ms") == 350
        settings.set("gap_ms", 500)
        assert settings.kept_aside is not None and settings.kept_aside.read_bytes() == content
        kept.append(content)
    assert sorted(p.read_bytes() for p in tmp_path.glob("settings.json.damaged-*")) == sorted(kept)
    assert Settings(path).problem is None and Settings(path).get("gap_ms") == 500


# --- upgrades ------------------------------------------------------------------------------------------

FLAT_V1 = {"engine": "minimax", "minimax_model": "speech-2.6-hd", "minimax_text_model": "MiniMax-M2",
           "llm_base_url": "http://127.0.0.1:1234/v1", "sample_rate": 44100, "audio_format": "flac",
           "gap_ms": -200, "lufs": -23.0, "ui_language": "zh", "recent_projects": ["/a.troupe", "/b.troupe"],
           "last_project": "/a.troupe", "window_state": "eyJ3IjogMX0=", "someday": {"kept": True}}
OLD_MINIMAX = {"region": "mainland", "host": "https://api.minimaxi.com", "model": "speech-2.8-turbo",
               "group_id": "1900", "limits": {"speech": {"rpm": 20, "chars_per_minute": 8000}},
               "prices": {"currency": "CNY", "speech-2.8-hd": "3.5"}}


def test_a_flat_file_and_minimax_json_upgrade_to_version_2_keeping_every_value(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, FLAT_V1)
    old = write(tmp_path / "minimax.json", OLD_MINIMAX)
    settings = Settings(path)
    assert settings.problem is None
    data = json.loads(path.read_text())
    assert data == {
        "version": 2,
        "engine": {"engine": "minimax", "llm_base_url": "http://127.0.0.1:1234/v1"},
        "minimax": {"minimax_model": "speech-2.6-hd", "minimax_text_model": "MiniMax-M2",
                    "minimax_region": "mainland", "minimax_host": "https://api.minimaxi.com",
                    "minimax_group_id": "1900", "minimax_limits": {"speech": {"rpm": 20, "chars_per_minute": 8000}},
                    "minimax_prices": {"currency": "CNY", "speech-2.8-hd": "3.5"}},
        "audio": {"sample_rate": 44100, "audio_format": "flac", "gap_ms": -200, "lufs": -23.0},
        "interface": {"ui_language": "zh"},
        "persist": {"recent_projects": ["/a.troupe", "/b.troupe"], "last_project": "/a.troupe",
                    "window_state": "eyJ3IjogMX0="},
        "other": {"someday": {"kept": True}},
    }
    for name, value in FLAT_V1.items():
        if name != "someday":
            assert settings.get(name) == value, name
    assert not (tmp_path / "minimax.json").exists()
    assert (tmp_path / "minimax.json.migrated").read_bytes() == old
    assert config.load_settings(path) == {**OLD_MINIMAX, "model": "speech-2.6-hd",  # the window's model wins
                                          "aigc_watermark": False}


def test_the_upgrade_runs_once(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"gap_ms": 100})
    write(tmp_path / "minimax.json", {"region": "mainland"})
    Settings(path)
    upgraded = path.read_bytes()
    write(tmp_path / "minimax.json", {"region": "global", "group_id": "late"})  # an older Troupe wrote it again
    settings = Settings(path)
    assert settings.get("minimax_region") == "mainland" and settings.get("minimax_group_id") == ""
    assert path.read_bytes() == upgraded and (tmp_path / "minimax.json").exists()


def test_minimax_json_alone_becomes_a_settings_file(tmp_path: Path) -> None:
    write(tmp_path / "minimax.json", {"region": "Mainland", "host": None, "limits": {"speech": {"rpm": 10}}})
    settings = Settings(tmp_path / "settings.json")
    assert settings.get("minimax_region") == "mainland" and settings.get("minimax_host") == ""
    assert json.loads((tmp_path / "settings.json").read_text()) == {
        "version": 2, "minimax": {"minimax_region": "mainland", "minimax_limits": {"speech": {"rpm": 10}}}}
    assert (tmp_path / "minimax.json.migrated").exists()


def test_a_bad_value_survives_the_upgrade_and_reads_as_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"gap_ms": "wide", "sample_rate": 44100})
    settings = Settings(path)
    assert settings.get("gap_ms") == 350 and settings.get("sample_rate") == 44100
    assert json.loads(path.read_text())["audio"] == {"gap_ms": "wide", "sample_rate": 44100}


def test_upgrade_steps_run_in_order_each_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ran: list[int] = []

    def step(version: int) -> st.Upgrade:
        def run(data: dict[str, Any], context: st.UpgradeContext) -> dict[str, Any]:
            ran.append(version)
            return {**data, "other": {**data.get("other", {}), f"v{version}": True}}
        return run

    monkeypatch.setattr(st, "SETTINGS_VERSION", 4)
    monkeypatch.setattr(st, "UPGRADES", {})
    for version in (4, 2, 3):
        st.upgrade(version)(step(version))
    with pytest.raises(ValueError, match="Two settings upgrades produce version 3"):
        st.upgrade(3)(step(3))
    path = tmp_path / "settings.json"
    write(path, {"version": 2, "audio": {"gap_ms": 1}})
    assert Settings(path).get("gap_ms") == 1
    assert ran == [3, 4]
    assert json.loads(path.read_text()) == {"version": 4, "audio": {"gap_ms": 1}, "other": {"v3": True, "v4": True}}
    Settings(path)
    assert ran == [3, 4]


def test_the_registered_upgrades_reach_the_current_version() -> None:
    assert sorted(st.UPGRADES) == list(range(2, st.SETTINGS_VERSION + 1))


def test_a_file_from_a_newer_release_is_read_and_not_downgraded(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 9, "audio": {"gap_ms": 700, "reverb": "hall"}, "cloud": {"sync": True}})
    settings = Settings(path)
    assert settings.get("gap_ms") == 700 and settings.problem is None
    settings.set("lufs", -20.0)
    assert json.loads(path.read_text()) == {"version": 9, "audio": {"gap_ms": 700, "reverb": "hall", "lufs": -20.0},
                                            "cloud": {"sync": True}}
