"""Chat (OpenAI-compatible) against the fake, cost estimates, and the MiniMax CLI commands."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import click
import numpy as np
import pytest
import soundfile
from click.testing import CliRunner

from studio import cli_minimax
from studio.engines.llm import ChatClient, ThinkFilter, chat_url, strip_think
from studio.engines.minimax import cost
from studio.engines.minimax.errors import AuthError, InvalidParameterError
from studio.engines.speech import SpeechResult
from tests.fake_minimax.server import FakeMiniMax

CHAT = "/v1/chat/completions"


# --- chat -----------------------------------------------------------------------------------------------

def test_chat_url_and_think_helpers() -> None:
    assert chat_url("http://127.0.0.1:1234") == "http://127.0.0.1:1234/v1/chat/completions"
    assert chat_url("https://api.minimax.io/v1/") == "https://api.minimax.io/v1/chat/completions"
    assert strip_think("<think>plan</think>\n\nHello") == ("Hello", "plan")
    f = ThinkFilter()
    pieces = ["Hi <th", "ink>secret</thi", "nk> there", " <", "b>"]
    assert "".join(f.feed(p) for p in pieces) + f.flush() == "Hi there <b>"
    assert "".join(f.reasoning) == "secret"


async def test_chat_complete_strips_thinking(fake_minimax: FakeMiniMax) -> None:
    client = ChatClient(fake_minimax.url, api_key=fake_minimax.api_key, model="MiniMax-M2.7")
    try:
        result = await client.complete([{"role": "user", "content": "hi"}], temperature=0.7)
    finally:
        await client.aclose()
    assert result.content == "Echo: hi" and result.reasoning.startswith("Thinking about")
    call = fake_minimax.calls(CHAT)[-1]
    assert call.json["model"] == "MiniMax-M2.7" and call.json["temperature"] == 0.7
    assert call.headers["Authorization"] == f"Bearer {fake_minimax.api_key}"


async def test_chat_stream_yields_deltas_once_without_the_repeated_final_message(
        fake_minimax: FakeMiniMax) -> None:
    fake_minimax.chat_reply = "第一幕：雨夜，林小雨推门而入。"
    client = ChatClient(fake_minimax.url + "/v1", api_key=fake_minimax.api_key)
    try:
        pieces = [p async for p in client.stream([{"role": "user", "content": "写一个开场"}])]
    finally:
        await client.aclose()
    assert len(pieces) > 3
    assert "".join(pieces) == "第一幕：雨夜，林小雨推门而入。"
    assert fake_minimax.calls(CHAT)[-1].json["stream"] is True


async def test_chat_keeps_thinking_when_asked_and_reports_errors(fake_minimax: FakeMiniMax) -> None:
    client = ChatClient(fake_minimax.url, api_key=fake_minimax.api_key, strip_thinking=False)
    try:
        result = await client.complete([{"role": "user", "content": "x"}])
        assert result.content.startswith("<think>")
        with pytest.raises(InvalidParameterError) as info:
            await client.complete([{"role": "user", "content": "x"}], temperature=1.5)
        assert info.value.code == 2013
    finally:
        await client.aclose()
    bad = ChatClient(fake_minimax.url, api_key="sk-wrong-1")
    try:
        with pytest.raises(AuthError):
            async for _ in bad.stream([{"role": "user", "content": "x"}]):
                pass
    finally:
        await bad.aclose()


# --- cost -----------------------------------------------------------------------------------------------

def test_estimate_and_usage_entries() -> None:
    money = cost.estimate({"speech-2.8-hd": 20_000, "speech-2.8-turbo": 10_000})
    assert money == cost.Money(Decimal("2.60"), "USD") and str(money) == "$2.60"
    table = cost.PriceTable.from_settings({"currency": "CNY", "speech-2.8-hd": "3.5"}, region="mainland")
    assert cost.estimate({"speech-2.8-hd": 10_000}, table) == cost.Money(Decimal("3.5"), "CNY")
    result = SpeechResult(audio=b"x", format="mp3", sample_rate=32000, duration_ms=1, engine="minimax",
                          model="speech-02-turbo", voice_id="v", billed_chars=500, trace_id="t")
    entry = cost.usage_entry(result, render_key="k1", at=5.0)
    assert entry.cost == cost.Money(Decimal("0.03")) and entry.trace_id == "t" and entry.render_key == "k1"
    assert cost.total_cost([entry, entry]) == cost.Money(Decimal("0.06"))


# --- CLI ------------------------------------------------------------------------------------------------

@pytest.fixture
def cli_env(fake_minimax: FakeMiniMax, tmp_path: Path) -> dict[str, str]:
    return {"MINIMAX_API_KEY": fake_minimax.api_key, "MINIMAX_API_HOST": fake_minimax.url,
            "TROUPE_CONFIG_DIR": str(tmp_path / "cfg")}


def test_every_command_has_help() -> None:
    group = click.Group("troupe")
    cli_minimax.register(group)
    assert set(group.commands) == {"clone", "design", "blend", "voice", "login", "minimax-voices", "activate"}
    for name in group.commands:
        result = CliRunner().invoke(group, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
    for name in ("delete", "preview", "closest"):
        result = CliRunner().invoke(group, ["voice", name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_cli_clone_saves_the_preview(cli_env: dict[str, str], tmp_path: Path, fake_minimax: FakeMiniMax) -> None:
    clip = tmp_path / "me.wav"
    soundfile.write(str(clip), np.zeros(16000 * 11, dtype=np.float32) + 0.01, 16000)
    out = tmp_path / "preview.mp3"
    result = CliRunner().invoke(cli_minimax.clone_command, [str(clip), "--name", "Me", "--voice-id", "Me2026abc",
                                                            "--preview", "你好。", "--out", str(out), "--activate",
                                                            "--consent"],
                                env=cli_env)
    assert result.exit_code == 0, result.output
    assert "Me2026abc" in result.output and out.stat().st_size > 0
    assert fake_minimax.cloned["Me2026abc"] is True  # activated by a real synthesis


def test_cli_activate_lists_pending_voices_and_activates_them(cli_env: dict[str, str], tmp_path: Path,
                                                              fake_minimax: FakeMiniMax) -> None:
    clip = tmp_path / "me.wav"
    soundfile.write(str(clip), np.zeros(16000 * 11, dtype=np.float32) + 0.01, 16000)
    env = {**cli_env, "TROUPE_DATA_DIR": str(tmp_path / "data")}
    result = CliRunner().invoke(cli_minimax.clone_command, [str(clip), "--name", "Me", "--voice-id", "Later2026x",
                                                            "--consent"], env=env)
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(cli_minimax.activate_command, [], env=env)
    assert "Later2026x" in listed.output and "unused, 7 days left" in listed.output
    assert fake_minimax.cloned["Later2026x"] is False
    done = CliRunner().invoke(cli_minimax.activate_command, ["--all-pending"], env=env)
    assert done.exit_code == 0 and "Later2026x activated" in done.output
    assert fake_minimax.cloned["Later2026x"] is True
    again = CliRunner().invoke(cli_minimax.activate_command, [], env=env)
    assert "No new voice is waiting" in again.output


def test_cli_errors_are_one_sentence_and_non_zero(cli_env: dict[str, str], tmp_path: Path) -> None:
    clip = tmp_path / "short.wav"
    soundfile.write(str(clip), np.zeros(16000 * 3, dtype=np.float32), 16000)
    result = CliRunner().invoke(cli_minimax.clone_command, [str(clip), "--name", "Me", "--consent"], env=cli_env)
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: The clone sample short.wav is 3.0 s long")
    assert "Traceback" not in result.output
    result = CliRunner().invoke(cli_minimax.minimax_voices_command, [], env={**cli_env, "MINIMAX_API_KEY": ""})
    assert result.exit_code == 1 and "No MiniMax API key" in result.output


def test_cli_design_and_voices_json(cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "trial.mp3"
    result = CliRunner().invoke(cli_minimax.design_command, ["温柔的少女声", "--preview", "你好呀。", "--out", str(out)],
                                env=cli_env)
    assert result.exit_code == 0, result.output
    assert "ttv-voice-" in result.output and out.stat().st_size > 0
    result = CliRunner().invoke(cli_minimax.minimax_voices_command, ["--json"], env=cli_env)
    assert result.exit_code == 0
    voices = json.loads(result.output)
    assert {"voice_id": "female-shaonv", "kind": "system"}.items() <= voices[0].items()


def test_cli_login_stores_key_in_keyring_and_region_in_settings(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    stored: dict[tuple[str, str], str] = {}
    import keyring
    monkeypatch.setattr(keyring, "set_password", lambda s, u, p: stored.__setitem__((s, u), p))
    env = {"TROUPE_CONFIG_DIR": str(tmp_path / "cfg")}
    result = CliRunner().invoke(cli_minimax.login_command, ["--region", "mainland"], input="sk-secret-77\n",
                                env=env)
    assert result.exit_code == 0, result.output
    assert stored == {("troupe", "minimax"): "sk-secret-77"}
    assert "sk-secret-77" not in result.output
    text = (tmp_path / "cfg" / "settings.json").read_text()
    assert json.loads(text)["minimax"]["minimax_region"] == "mainland" and "sk-secret-77" not in text
    assert not (tmp_path / "cfg" / "minimax.json").exists()
    result = CliRunner().invoke(cli_minimax.login_command, [], input="\n", env=env)
    assert result.exit_code == 1 and "No key" in result.output
