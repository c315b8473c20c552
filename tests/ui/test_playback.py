"""Tests for the playback head: real PortAudio runs in child processes, the logic runs on a fake.

PortAudio scans devices when ``sounddevice`` is imported and keeps that view for the life of the
process, so every run against the real library happens in a fresh ``python -c`` with its own ALSA
configuration. The in-process tests put a stand-in ``sounddevice`` module in ``sys.modules`` and
drive its callback by hand, which checks the buffer copying, the position and the signals exactly.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import subprocess
import sys
import textwrap
import threading
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from studio.ui.playback import NO_DEVICE, NO_LIBRARY, Player

REPO = Path(__file__).resolve().parents[2]
ALSA_NULL = REPO / "tests" / "alsa-null.conf"
SYSTEM_ALSA = Path("/usr/share/alsa/alsa.conf")

_CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QCoreApplication, QTimer
    PRELUDE
    import numpy as np
    from studio.ui.playback import Player

    app = QCoreApplication([])
    p = Player()
    events = []
    p.state_changed.connect(lambda s: events.append(["state", s]))
    p.position_changed.connect(lambda ms: events.append(["position", ms]))
    def done():
        events.append(["finished"])
        QTimer.singleShot(50, app.quit)
    p.finished.connect(done)
    out = {"imported_early": "sounddevice" in sys.modules}
    out["available"] = p.available()
    out["reason"] = p.unavailable_reason
    rate = 24000
    t = np.arange(int(0.3 * rate)) / rate
    tone = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    try:
        p.play(tone, rate)
        out["raised"] = None
    except Exception as exc:
        out["raised"] = repr(exc)
    if p.state() == "playing":
        QTimer.singleShot(5000, app.quit)
        app.exec()
    out["events"] = events
    out["position"] = p.position_ms()
    out["state"] = p.state()
    p.stop()
    print("RESULT " + json.dumps(out))
    """
)


def _run_child(env_extra: dict[str, str], prelude: str = "") -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALSA_", "PULSE_"))}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), **env_extra)
    code = _CHILD.replace("PRELUDE", prelude)
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, f"child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return json.loads(lines[-1][len("RESULT ") :])


def _portaudio_present() -> bool:
    import ctypes.util

    return ctypes.util.find_library("portaudio") is not None


needs_alsa = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and SYSTEM_ALSA.exists() and _portaudio_present()),
    reason="needs Linux with ALSA's alsa.conf and libportaudio2",
)


@needs_alsa
def test_plays_a_tone_to_the_null_device_and_finishes() -> None:
    out = _run_child({"ALSA_CONFIG_PATH": str(ALSA_NULL)})
    assert out["imported_early"] is False  # constructing a Player does not load PortAudio
    assert out["available"] is True, out["reason"]
    assert out["reason"] == ""
    assert out["raised"] is None
    kinds = [e[0] if e[0] != "state" else f"state:{e[1]}" for e in out["events"]]
    assert kinds[0] == "state:playing"
    assert kinds[-1] == "finished"
    assert kinds.index("state:playing") < kinds.index("finished")
    assert "state:stopped" in kinds
    positions = [e[1] for e in out["events"] if e[0] == "position"]
    assert positions == sorted(positions)
    assert positions[-1] == 300
    assert out["position"] == 300
    assert out["state"] == "stopped"


@needs_alsa
def test_no_output_device_is_a_state_not_a_crash(tmp_path: Path) -> None:
    # Point every ALSA default at a card that does not exist.
    conf = tmp_path / "no-device.conf"
    conf.write_text(
        f"<{SYSTEM_ALSA}>\npcm.!default {{ type hw card 99 }}\nctl.!default {{ type hw card 99 }}\n"
    )
    out = _run_child({"ALSA_CONFIG_PATH": str(conf), "PULSE_SERVER": "unix:/nonexistent"})
    if out["available"]:
        pytest.skip("this machine has a sound card that ALSA enumerates directly")
    assert out["reason"] == NO_DEVICE
    assert out["raised"] is None
    assert out["events"] == [["state", "unavailable"]]
    assert out["state"] == "unavailable"


def test_missing_portaudio_library_is_a_state_not_a_crash() -> None:
    # What a machine without libportaudio2 looks like to sounddevice: find_library finds nothing.
    prelude = "import ctypes.util; ctypes.util.find_library = lambda name: None"
    out = _run_child({}, prelude=prelude)
    assert out["available"] is False
    assert out["reason"] == NO_LIBRARY
    assert "playback is off" in out["reason"]
    assert out["raised"] is None
    assert out["events"] == [["state", "unavailable"]]


# -- in-process, against a stand-in sounddevice -------------------------------------------------


class _FakePortAudioError(Exception):
    pass


class _FakeStream:
    instances: list[_FakeStream] = []

    def __init__(self, samplerate, channels, dtype, callback, finished_callback, fail_rates=()):
        if samplerate in _FakeSD.fail_rates:
            raise _FakePortAudioError("Invalid sample rate")
        self.samplerate, self.channels, self.dtype = samplerate, channels, dtype
        self.callback, self.finished_callback = callback, finished_callback
        self.latency = 0.0
        self.started = self.aborted = self.closed = False
        _FakeStream.instances.append(self)

    def start(self) -> None:
        self.started = True

    def abort(self) -> None:
        self.aborted = True
        self.finished_callback()

    def close(self) -> None:
        self.closed = True

    def pull(self, frames: int) -> np.ndarray | None:
        """Run the callback once, as PortAudio's thread would; None once the stream has stopped."""
        out = np.full((frames, self.channels), 9.0, dtype=np.float32)
        try:
            self.callback(out, frames, None, None)
        except _FakeSD.CallbackStop:
            self.finished_callback()
            return out
        return out


class _FakeSD(types.ModuleType):
    fail_rates: tuple[int, ...] = ()

    class CallbackStop(Exception):
        pass

    PortAudioError = _FakePortAudioError

    def __init__(self, devices: list[dict[str, Any]]) -> None:
        super().__init__("sounddevice")
        self.devices = devices
        self.OutputStream = _FakeStream

    def query_devices(self, kind: str | None = None) -> Any:
        outs = [d for d in self.devices if d["max_output_channels"] > 0]
        if kind == "output":
            if not outs:
                raise _FakePortAudioError("Error querying device -1")
            return outs[0]
        return self.devices


@pytest.fixture
def fake_sd(monkeypatch: pytest.MonkeyPatch) -> _FakeSD:
    sd = _FakeSD([{"name": "default", "max_output_channels": 2, "default_samplerate": 48000.0}])
    monkeypatch.setitem(sys.modules, "sounddevice", sd)
    monkeypatch.setattr(_FakeSD, "fail_rates", ())
    _FakeStream.instances.clear()
    return sd


def test_buffer_is_copied_in_order_and_position_advances(qtbot, fake_sd: _FakeSD) -> None:
    p = Player()
    states: list[str] = []
    p.state_changed.connect(states.append)
    samples = np.arange(1000, dtype=np.float32) / 1000  # 1000 frames at 1 kHz = 1 s
    p.play(samples, 1000, start_ms=100)
    assert states == ["playing"]
    (stream,) = _FakeStream.instances
    assert (stream.samplerate, stream.channels, stream.dtype) == (1000, 1, "float32")
    assert stream.started
    block = stream.pull(256)
    assert np.array_equal(block[:, 0], samples[100:356])
    assert p.position_ms() == 356
    with qtbot.waitSignal(p.position_changed, timeout=1000, check_params_cb=lambda ms: ms == 356):
        pass
    last = stream.pull(1000)  # more than is left: the tail is zero-filled and the stream stops
    assert np.array_equal(last[: 1000 - 356, 0], samples[356:])
    assert not last[1000 - 356 :].any()
    with qtbot.waitSignal(p.finished, timeout=1000):
        pass
    assert states == ["playing", "stopped"]
    assert p.position_ms() == 1000
    assert stream.closed


def test_stop_aborts_without_finished(qtbot, fake_sd: _FakeSD) -> None:
    p = Player()
    p.play(np.zeros(48000, dtype=np.float32), 48000)
    (stream,) = _FakeStream.instances
    stream.pull(4800)
    with qtbot.assertNotEmitted(p.finished, wait=100):
        with qtbot.waitSignal(p.state_changed, timeout=1000) as blocker:
            p.stop()
    assert blocker.args == ["stopped"]
    assert stream.aborted and stream.closed
    assert p.position_ms() == 100
    p.stop()  # idempotent
    assert p.state() == "stopped"


def test_play_replaces_what_is_playing(fake_sd: _FakeSD) -> None:
    p = Player()
    states: list[str] = []
    p.state_changed.connect(states.append)
    p.play(np.zeros(1000, dtype=np.float32), 1000)
    p.play(np.ones((500, 2), dtype=np.float32), 1000)
    first, second = _FakeStream.instances
    assert first.closed and not second.closed
    assert second.channels == 2
    assert states == ["playing"]


def test_no_output_device_in_the_list(fake_sd: _FakeSD) -> None:
    fake_sd.devices = [{"name": "mic", "max_output_channels": 0, "default_samplerate": 48000.0}]
    p = Player()
    assert not p.available()
    assert p.unavailable_reason == NO_DEVICE
    states: list[str] = []
    p.state_changed.connect(states.append)
    p.play(np.zeros(100, dtype=np.float32), 1000)
    p.play(np.zeros(100, dtype=np.float32), 1000)
    assert states == ["unavailable", "unavailable"]  # repeated so the window can show the reason
    assert _FakeStream.instances == []


def test_unsupported_rate_falls_back_to_the_device_rate(fake_sd: _FakeSD) -> None:
    _FakeSD.fail_rates = (24000,)
    p = Player()
    p.play(np.sin(np.linspace(0, 100, 24000)).astype(np.float32), 24000, start_ms=500)
    (stream,) = _FakeStream.instances
    assert stream.samplerate == 48000
    assert p.state() == "playing"
    assert 495 <= p.position_ms() <= 505


def test_device_that_will_not_open_reports_why(fake_sd: _FakeSD) -> None:
    _FakeSD.fail_rates = (24000, 48000)
    p = Player()
    p.play(np.zeros(2400, dtype=np.float32), 24000)
    assert p.state() == "unavailable"
    assert "could not be opened" in p.unavailable_reason
    assert p.available()  # the device exists; the next play may work
    _FakeSD.fail_rates = ()
    p.play(np.zeros(2400, dtype=np.float32), 24000)
    assert p.state() == "playing"
    assert p.unavailable_reason == ""


def test_start_past_the_end_finishes_at_once(qtbot, fake_sd: _FakeSD) -> None:
    p = Player()
    with qtbot.waitSignal(p.finished, timeout=1000):
        p.play(np.zeros(100, dtype=np.float32), 1000, start_ms=5000)
    assert _FakeStream.instances == []
    assert p.position_ms() == 100


def test_callback_never_touches_qt(fake_sd: _FakeSD) -> None:
    p = Player()
    emitted: list[int] = []
    p.position_changed.connect(emitted.append)
    p.play(np.zeros(10_000, dtype=np.float32), 1000)
    emitted.clear()
    (stream,) = _FakeStream.instances
    worker = threading.Thread(target=lambda: [stream.pull(100) for _ in range(20)])
    worker.start()
    worker.join()
    assert emitted == []  # only the GUI-thread timer turns the counter into signals
    assert p.position_ms() == 2000
    p.stop()


def test_a_stream_plays_what_has_arrived_then_silence_until_it_ends(qtbot, fake_sd: _FakeSD) -> None:
    p = Player()
    assert p.play_stream(1000)
    (stream,) = _FakeStream.instances
    first = np.linspace(0.1, 0.2, 300, dtype=np.float32)
    p.feed(first)
    block = stream.pull(500)  # 300 frames have arrived: they play, then silence, and the stream goes on
    assert np.allclose(block[:300, 0], first) and not block[300:].any()
    assert p.level() > 0.1
    second = np.full(200, 0.5, dtype=np.float32)
    p.feed(second)
    p.end_stream()
    block = stream.pull(500)
    assert np.allclose(block[:200, 0], 0.5) and not block[200:].any()
    with qtbot.waitSignal(p.finished, timeout=1000):
        pass
    assert p.position_ms() == 500  # 300 + 200 frames at 1 kHz


def test_a_stream_without_an_output_device_says_so(fake_sd: _FakeSD) -> None:
    fake_sd.devices = []
    p = Player()
    states: list[str] = []
    p.state_changed.connect(states.append)
    assert not p.play_stream(1000)
    assert states == ["unavailable"] and "No audio output" in p.unavailable_reason
    p.feed(np.zeros(10, dtype=np.float32))  # nothing to feed: no error
