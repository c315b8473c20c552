"""Where the key and host come from, and that the key never leaks into logs, errors or reprs."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from studio import settings as app_settings
from studio.domain.render_key import SpeechRequest
from studio.engines.minimax import config, cost
from studio.engines.minimax.config import REGIONS, MiniMaxConfig, Secret
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.errors import ConfigError, MiniMaxError, MissingKeyError
from tests.fake_minimax.server import FakeMiniMax


def test_secret_hides_itself() -> None:
    secret = Secret("sk-very-secret-123")
    for shown in (repr(secret), str(secret), f"{secret}", f"{secret!r}", repr(MiniMaxConfig(secret))):
        assert "sk-very-secret-123" not in shown
    assert secret.reveal() == "sk-very-secret-123"


def test_missing_key_is_one_clear_sentence() -> None:
    with pytest.raises(MissingKeyError) as info:
        MiniMaxEngine(host="https://api.minimax.io", settings={})
    assert str(info.value) == "No MiniMax API key: run `troupe login` or set MINIMAX_API_KEY."


def test_key_comes_from_env_then_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "_keyring_get", lambda: "from-keyring-1")
    assert config.load_api_key().reveal() == "from-keyring-1"
    monkeypatch.setenv("MINIMAX_API_KEY", "from-env-1")
    assert config.load_api_key().reveal() == "from-env-1"
    assert config.load_api_key("explicit-1").reveal() == "explicit-1"


def test_host_resolution_regions_env_and_local(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.resolve_host(settings={}) == "https://api.minimax.io"
    assert config.resolve_host(settings={"region": "mainland"}) == REGIONS["mainland"] == "https://api.minimaxi.com"
    assert config.resolve_host("http://127.0.0.1:8123/", settings={}) == "http://127.0.0.1:8123"
    assert config.resolve_host("https://api.minimax.io/v1", settings={}) == "https://api.minimax.io"
    with pytest.raises(ConfigError):
        config.normalize_host("http://example.com")
    with pytest.raises(ConfigError):
        config.resolve_host(settings={"region": "mars"})
    monkeypatch.setenv("MINIMAX_API_HOST", "mainland")
    assert config.resolve_host(settings={"region": "global"}) == "https://api.minimaxi.com"


def test_settings_file_never_takes_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = config.save_settings({"region": "mainland"}, tmp_path / "settings.json")
    assert json.loads(path.read_text()) == {"version": 2, "minimax": {"minimax_region": "mainland"}}
    with pytest.raises(ConfigError):
        config.save_settings({"api_key": "x"}, path)
    assert not [name for name in app_settings.OPTIONS if "key" in name]  # no option could hold a key
    monkeypatch.setattr(config, "_keyring_get", lambda: "sk-in-keyring-9")
    config.load_api_key()
    config.save_settings({"host": "mainland", "group_id": "g-1"}, path)
    assert "sk-in-keyring-9" not in path.read_text()


def test_minimax_settings_saved_are_read_back_by_load_settings_and_resolve_host(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert config.load_settings(path) == {"region": "global", "host": "", "model": "speech-2.8-hd",
                                          "group_id": "", "limits": {}, "prices": {}, "aigc_watermark": False}
    limits = {"speech": {"rpm": 20, "chars_per_minute": 20000}}
    config.save_settings({"region": "mainland", "model": "speech-2.8-turbo", "group_id": "g-7",
                          "limits": limits, "prices": {"currency": "CNY", "speech-2.8-hd": "3.5"}}, path)
    loaded = config.load_settings(path)
    assert loaded == {"region": "mainland", "host": "", "model": "speech-2.8-turbo", "group_id": "g-7",
                      "limits": limits, "prices": {"currency": "CNY", "speech-2.8-hd": "3.5"},
                      "aigc_watermark": False}
    assert config.resolve_host(None, loaded) == "https://api.minimaxi.com"
    assert config.resolve_group_id(None, loaded) == "g-7"
    config.save_settings({"host": "http://127.0.0.1:8123/"}, path)
    assert config.resolve_host(None, config.load_settings(path)) == "http://127.0.0.1:8123"
    assert app_settings.Settings(path).get("minimax_host") == "http://127.0.0.1:8123/"


def test_saved_settings_are_what_the_defaults_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TROUPE_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config.settings_path() == tmp_path / "cfg" / "settings.json"
    assert config.resolve_host() == "https://api.minimax.io"
    assert config.save_settings({"region": "mainland"}) == tmp_path / "cfg" / "settings.json"
    assert config.resolve_host() == "https://api.minimaxi.com"
    assert MiniMaxConfig.resolve("sk-1").host == "https://api.minimaxi.com"
    monkeypatch.setenv("MINIMAX_API_HOST", "global")  # the environment still outranks the settings
    assert config.resolve_host() == "https://api.minimax.io"


def test_none_restores_a_default_and_a_bad_value_is_refused_without_writing(tmp_path: Path) -> None:
    path = config.save_settings({"region": "mainland", "host": "https://api.minimaxi.com"},
                                tmp_path / "settings.json")
    config.save_settings({"region": "global", "host": None}, path)
    assert json.loads(path.read_text())["minimax"] == {"minimax_region": "global"}
    before = path.read_bytes()
    for bad in ({"region": "mars"}, {"limits": {"speech": {"rpm": 0}}}, {"prices": {"speech-2.8-hd": "free"}},
                {"group_id": 42}, {"region": "mainland", "limits": "fast"}):
        with pytest.raises(ConfigError) as info:
            config.save_settings(bad, path)
        assert "must be" in str(info.value)
        assert path.read_bytes() == before


def test_minimax_settings_and_preferences_share_one_file_without_undoing_each_other(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    window_settings = app_settings.Settings(path)  # held open, as the window holds its settings
    config.save_settings({"host": "mainland"}, path)
    window_settings.set("gap_ms", 500)
    config.save_settings({"limits": {"speech": {"rpm": 5}}}, path)
    assert window_settings.get("minimax_limits") == {"speech": {"rpm": 5}}
    assert config.load_settings(path)["host"] == "mainland"
    assert app_settings.Settings(path).get("gap_ms") == 500


def test_prices_follow_the_host_in_use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TROUPE_CONFIG_DIR", str(tmp_path / "cfg"))
    assert cost.configured_prices().currency == "USD"
    config.save_settings({"host": "https://api.minimaxi.com"})  # a host saved without a region
    assert cost.configured_prices().currency == "CNY"
    config.save_settings({"prices": {"currency": "CNY", "speech-2.8-hd": "4"}})
    assert str(cost.configured_prices().price("speech-2.8-hd")) == "4"


def test_group_id_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.resolve_group_id(settings={}) is None
    monkeypatch.setenv("MINIMAX_GROUP_ID", "42")
    assert config.resolve_group_id(settings={}) == "42"


async def test_key_appears_in_no_log_error_or_repr(make_engine: Callable[..., MiniMaxEngine],
                                                   fake_minimax: FakeMiniMax,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    key = fake_minimax.api_key
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "studio", "asyncio"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    engine = make_engine()
    request = SpeechRequest(engine="minimax", voice_id="female-shaonv", text="秘密测试。")
    fake_minimax.inject("http", status=500)
    fake_minimax.inject("code", code=1002)
    await engine.synthesize(request)
    _ = [c async for c in engine.stream_speech(request)]
    await engine.voices()
    errors: list[BaseException] = []
    fake_minimax.api_key = "a-different-key-000"  # now every call is refused
    for call in (engine.synthesize(request), engine.voices()):
        try:
            await call
        except MiniMaxError as exc:
            errors.append(exc)
    try:
        async for _ in engine.stream_speech(request):
            pass
    except MiniMaxError as exc:
        errors.append(exc)
    assert len(errors) == 3
    assert any(r.name.startswith("httpx") for r in caplog.records)  # the httpx logger really was captured
    assert key not in caplog.text
    for exc in errors:
        assert key not in str(exc) and key not in repr(exc) and key not in repr(exc.args)
        assert exc.__cause__ is None or key not in repr(exc.__cause__)
    for obj in (engine, engine.config, engine.transport, engine.transport.http.headers):
        assert key not in repr(obj)
