"""Voice effects from the delivery to the exported episode: inherited line → role, saved in the project
file, in the render key only when set, and audible in the export on eSpeak and on MiniMax (the fake)."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from tone_engine import ToneEngine

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from studio.domain.model import (  # noqa: E402
    EFFECTS,
    Delivery,
    Episode,
    Line,
    ProjectSettings,
    Role,
    effective_delivery,
)
from studio.domain.render_key import SpeechRequest  # noqa: E402
from studio.engines.espeak import EspeakEngine  # noqa: E402
from studio.engines.kokoro import KokoroEngine  # noqa: E402
from studio.engines.minimax.models import SOUND_EFFECTS  # noqa: E402
from studio.engines.speech import SpeechEngine  # noqa: E402
from studio.render.mixdown import build_timeline, export_episode  # noqa: E402
from studio.render.planner import MINIMAX_SOUND_EFFECTS, RenderPlanner, build_request  # noqa: E402
from studio.render.scheduler import RenderScheduler  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402
from tests.fake_minimax.fixture import fake_minimax  # noqa: E402,F401
from tests.fake_minimax.server import FakeMiniMax  # noqa: E402

LINE = "你到底想怎么样？我们明天再说吧。"
T2A = "/v1/t2a_v2"


def minimax_engine(url: str = "http://127.0.0.1:9", key: str = "fake-key-0123456789abcdef") -> SpeechEngine:
    from studio.engines.minimax.engine import MiniMaxEngine
    from studio.engines.minimax.ratelimit import RateLimits

    return MiniMaxEngine(api_key=key, host=url, settings={}, limits=RateLimits(window=60.0))


# --- the delivery field ----------------------------------------------------------------------------

def test_effect_inherits_line_then_role_and_none_turns_the_roles_off() -> None:
    role = Role(1, "来电", delivery=Delivery(effect="telephone", speed=1.1))
    line = Line(1, 1, 0, 1, "喂？")
    assert effective_delivery(line, role).effect == "telephone"
    assert effective_delivery(line.with_(delivery=Delivery(effect="echo")), role).effect == "echo"
    assert effective_delivery(line.with_(delivery=Delivery(effect="none")), role).effect is None
    assert effective_delivery(line.with_(delivery=Delivery(effect="none")), role).speed == 1.1
    assert effective_delivery(line, None).effect is None
    assert effective_delivery(line, Role(2, "旁白")).effect is None


def test_effect_is_validated_against_the_vocabulary() -> None:
    for effect in (*EFFECTS, "none", None):
        assert Delivery(effect=effect).validate() == []
    problems = Delivery(effect="megaphone").validate()
    assert len(problems) == 1 and "megaphone" in problems[0] and "telephone" in problems[0]


def test_effect_round_trips_through_the_project_file_and_older_files_keep_working(tmp_path: Path) -> None:
    path = tmp_path / "fx.troupe"
    store = ProjectStore.create(path, "S")
    caller = store.add_role("来电", delivery=Delivery(effect="telephone", pitch=-2))
    ep = store.add_episode("E1", "zh", [(caller.id, "喂？", Delivery(effect="none"), None),
                                        (caller.id, "听得见吗？", Delivery(effect="robot"), None),
                                        (caller.id, "你在哪？", Delivery(), None)])
    store.close()
    with sqlite3.connect(path) as raw:  # a role saved before effects existed
        raw.execute("INSERT INTO roles(name, colour, delivery, voices, position) VALUES (?,?,?,?,?)",
                    ("旧角色", "#888888", json.dumps({"speed": 1.2}), "{}", 9))
    raw.close()

    store = ProjectStore.open(path)
    try:
        roles = {r.name: r for r in store.roles()}
        assert roles["来电"].delivery == Delivery(pitch=-2, effect="telephone")
        assert roles["旧角色"].delivery == Delivery(speed=1.2) and roles["旧角色"].delivery.effect is None
        lines = store.lines(ep.id)
        assert [ln.delivery.effect for ln in lines] == ["none", "robot", None]
        assert [effective_delivery(ln, roles["来电"]).effect for ln in lines] == [None, "robot", "telephone"]
    finally:
        store.close()
    assert Delivery().to_dict() == {} and "effect" not in Delivery(speed=1.0).to_dict()
    assert Delivery.from_dict({"effect": "hall"}).to_dict() == {"effect": "hall"}


# --- render keys -----------------------------------------------------------------------------------

# Keys computed before voice effects existed: a line without an effect must keep exactly these.
KEY_OF_PLAIN_REQUEST = "49f1aaa7475039a7be43ee6946408356"
KEY_OF_KOKORO_LINE = "67a7561cea3a62ee9d19f0cb2aa66a01"
KEY_OF_MINIMAX_LINE = "54476ee23cf1ec6ee0a34b1e90c1b8c3"
KEY_OF_ESPEAK_LINE = "cc4ff1cbd8a2d3201a35c8e60bbca7d0"  # with espeak-ng 1.52.0


def _pinned_line(effect: str | None = None) -> tuple[Line, Role, Episode]:
    role = Role(1, "林晚", delivery=Delivery(speed=1.1, pitch=2))
    line = Line(1, 1, 0, 1, "你好，世界。", Delivery(emotion="sad", effect=effect))
    return line, role, Episode(1, 0, "E1", "zh")


def test_a_line_without_an_effect_keeps_exactly_its_old_render_key() -> None:
    assert SpeechRequest(engine="espeak", voice_id="narrator", text="你好。").render_key == KEY_OF_PLAIN_REQUEST
    line, role, episode = _pinned_line()
    cases = [(KokoroEngine(), "female_lead", KEY_OF_KOKORO_LINE),
             (minimax_engine(), "female-shaonv", KEY_OF_MINIMAX_LINE)]
    espeak = EspeakEngine()
    if espeak.model == "espeak-ng-1.52.0":
        cases.append((espeak, "female_lead", KEY_OF_ESPEAK_LINE))
    for engine, voice, key in cases:
        request = build_request(engine, line, role, episode, [], voice, ProjectSettings())
        assert request.extra == ()
        assert request.render_key == key, engine.name
        # "none" on the line (turning off a role's effect) is the same request as no effect at all.
        off = build_request(engine, line.with_(delivery=Delivery(emotion="sad", effect="none")), role, episode,
                            [], voice, ProjectSettings())
        assert off.render_key == key


@pytest.mark.parametrize("effect", EFFECTS)
def test_build_request_passes_the_effect_to_each_engine(effect: str) -> None:
    line, role, episode = _pinned_line(effect)
    for engine in (KokoroEngine(), EspeakEngine()):
        request = build_request(engine, line, role, episode, [], "female_lead", ProjectSettings())
        assert request.extra == (("effect", effect),)
    request = build_request(minimax_engine(), line, role, episode, [], "female-shaonv", ProjectSettings())
    if effect == "radio":  # MiniMax has no radio: sent without a sound effect, the plain line's key
        assert request.extra == () and request.render_key == KEY_OF_MINIMAX_LINE
    else:
        assert request.extra == (("voice_modify.sound_effects", MINIMAX_SOUND_EFFECTS[effect]),)
        assert MINIMAX_SOUND_EFFECTS[effect] in SOUND_EFFECTS


@pytest.fixture
def tone_project(tmp_path: Path) -> Iterator[tuple[ProjectStore, int]]:
    store = ProjectStore.create(tmp_path / "p.troupe", "S")
    n = store.add_role("旁白", voices={"espeak": "narrator"})
    a = store.add_role("林晚", voices={"espeak": "female_lead"})
    ep = store.add_episode("E1", "zh", [(n.id if i % 2 else a.id, f"第{i}句台词。", Delivery(), None)
                                        for i in range(6)])
    yield store, ep.id
    store.close()


async def test_adding_an_effect_makes_exactly_that_line_stale(tone_project) -> None:
    store, ep = tone_project
    engine = ToneEngine()
    planner = RenderPlanner(store, engine)
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    before = {p.line.id: p.job.key for p in planner.plan(ep) if p.job}
    assert all(p.status == "done" for p in planner.plan(ep))

    line = store.lines(ep)[2]
    store.update_line(line.with_(delivery=Delivery(effect="echo")))
    plans = planner.plan(ep)
    assert [p.line.id for p in plans if p.status == "stale"] == [line.id]
    assert {p.line.id: p.job.key for p in plans if p.job and p.line.id != line.id} == \
        {k: v for k, v in before.items() if k != line.id}
    engine.calls.clear()
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    assert [dict(c.extra) for c in engine.calls] == [{"effect": "echo"}]

    # Taking the effect off again brings back the old take: nothing to render.
    store.update_line(store.lines(ep)[2].with_(delivery=Delivery()))
    assert all(p.status == "done" for p in planner.plan(ep))
    assert planner.plan(ep)[2].job.key == before[line.id]


async def test_a_roles_effect_makes_its_lines_stale_and_no_others(tone_project) -> None:
    store, ep = tone_project
    engine = ToneEngine()
    planner = RenderPlanner(store, engine)
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    narrator = store.role_by_name("旁白")
    narrator.delivery = Delivery(effect="hall")
    store.update_role(narrator)
    stale = {p.line.id for p in planner.plan(ep) if p.status == "stale"}
    assert stale == {ln.id for ln in store.lines(ep) if ln.role_id == narrator.id} and len(stale) == 3


# --- the effect in the exported episode ------------------------------------------------------------

def _outside_band_db(x: np.ndarray, rate: int) -> tuple[float, float]:
    """Energy below 250 Hz and above 4 kHz, each relative to the energy in 300–3400 Hz, in dB."""
    power = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    band = power[(freqs >= 300) & (freqs <= 3400)].sum()
    return (float(10 * np.log10(power[freqs < 250].sum() / band + 1e-30)),
            float(10 * np.log10(power[freqs > 4000].sum() / band + 1e-30)))


async def _export_and_measure(store: ProjectStore, engine: SpeechEngine, ep: int,
                              out: Path) -> dict[str, tuple[float, float, float]]:
    """Render ``ep`` through the render queue, export it, and measure each line's stretch of the file:
    (dB below 250 Hz, dB above 4 kHz, RMS)."""
    planner = RenderPlanner(store, engine)
    report = await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    assert report.ok, report.failed
    plans = planner.plan(ep)
    assert all(p.status == "done" for p in plans)
    result = export_episode(store, ep, plans, out, subtitles=())
    audio, rate = sf.read(result.audio_path, dtype="float64")
    assert audio.ndim == 1 and float(np.max(np.abs(audio))) <= 1.0
    names = {r.id: r.name for r in store.roles()}
    by_line = {p.line.id: names[p.line.role_id] for p in plans}
    measured: dict[str, tuple[float, float, float]] = {}
    for placement in build_timeline(store, plans).placements:
        start = placement.start_ms * rate // 1000
        segment = audio[start:start + placement.duration_ms * rate // 1000]
        measured[by_line[placement.line_id]] = (*_outside_band_db(segment, rate),
                                                float(np.sqrt(np.mean(segment**2))))
    return measured


def _phone_project(path: Path, engine: str, voice: str) -> tuple[ProjectStore, int]:
    store = ProjectStore.create(path, "S")  # the project's defaults: 48 kHz, -16 LUFS
    plain = store.add_role("林晚", voices={engine: voice})
    phone = store.add_role("电话里的林晚", voices={engine: voice}, delivery=Delivery(effect="telephone"))
    ep = store.add_episode("E1", "zh", [(plain.id, LINE, Delivery(), None), (phone.id, LINE, Delivery(), None)])
    return store, ep.id


async def test_a_roles_telephone_effect_is_audible_in_the_export_on_espeak(tmp_path: Path) -> None:
    store, ep = _phone_project(tmp_path / "phone.troupe", "espeak", "male_lead")
    try:
        m = await _export_and_measure(store, EspeakEngine(), ep, tmp_path / "phone.wav")
    finally:
        store.close()
    (low_plain, high_plain, rms_plain), (low_phone, high_phone, rms_phone) = m["林晚"], m["电话里的林晚"]
    assert low_phone < low_plain - 20
    assert high_phone < high_plain - 20
    assert low_phone < -30 and high_phone < -30
    assert abs(20 * np.log10(rms_phone / rms_plain)) < 6  # about as loud as the plain line


async def test_a_roles_telephone_effect_is_audible_in_the_export_on_minimax(
        tmp_path: Path, fake_minimax: FakeMiniMax, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    for name in ("MINIMAX_API_KEY", "MINIMAX_API_HOST", "MINIMAX_GROUP_ID"):
        monkeypatch.delenv(name, raising=False)
    store, ep = _phone_project(tmp_path / "phone-mm.troupe", "minimax", "male-qn-qingse")
    engine = minimax_engine(fake_minimax.url, fake_minimax.api_key)
    try:
        m = await _export_and_measure(store, engine, ep, tmp_path / "phone-mm.wav")
    finally:
        await engine.aclose()
        store.close()
    sent = [c.json.get("voice_modify") for c in fake_minimax.calls(T2A) if c.code == 0]
    assert sorted(sent, key=str) == sorted([None, {"sound_effects": "lofi_telephone"}], key=str)
    (low_plain, high_plain, _), (low_phone, high_phone, _) = m["林晚"], m["电话里的林晚"]
    assert low_phone < low_plain - 20
    assert high_phone < high_plain - 20
    assert low_phone < -30 and high_phone < -30
