"""The voice library on its own: entries, the file, migration, last uses, filters, sentences, previews."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import pytest

from studio.engines.speech import EngineError, Voice
from studio.library import (
    CONSENT_STATEMENT,
    BlendComponent,
    Consent,
    LibraryVoice,
    PreviewCache,
    SectionChanged,
    SourceClip,
    UploadedFile,
    VoiceAdded,
    VoiceChanged,
    VoiceLibrary,
    VoiceRemoved,
    library_folder,
    matching,
)

DAY = 86400.0


@pytest.fixture(autouse=True)
def _data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TROUPE_DATA_DIR", str(tmp_path / "data"))


def clone_entry(vid: str = "Lin2026abc", created: float = 1_000_000.0, **kw: object) -> LibraryVoice:
    return LibraryVoice(engine="minimax", voice_id=vid, name=str(kw.pop("name", "Lin")), kind="cloned",
                        created_at=created, expires_at=created + 7 * DAY, **kw)  # type: ignore[arg-type]


class ListingEngine:
    """An engine whose voices() answers from a list, or fails like a network engine."""

    name = "minimax"

    def __init__(self, voices: list[Voice] | None = None, error: EngineError | None = None) -> None:
        self._voices = voices or []
        self.error = error

    async def voices(self) -> list[Voice]:
        if self.error is not None:
            raise self.error
        return list(self._voices)


SYSTEM = [Voice("minimax", "female-shaonv", "少女音色", gender="female", age="young", languages=("zh",),
                kind="system"),
          Voice("minimax", "English_expressive_narrator", "Expressive Narrator", languages=("en",), kind="system",
                narrator=True)]


# --- entries --------------------------------------------------------------------------------------------

def test_days_left_counts_down_and_warns_before_the_end() -> None:
    voice = clone_entry(created=0.0, name="Heroine")
    assert voice.days_left(now=0.0) == 7 and voice.days_left(now=6.2 * DAY) == 1
    assert voice.expiry_warning(now=1 * DAY) is None
    warning = voice.expiry_warning(now=6.5 * DAY)
    assert warning and "Heroine" in warning and "12 h" in warning
    assert voice.days_left(now=8 * DAY) == 0 and voice.expired(now=8 * DAY)
    assert "has deleted it" in (voice.expiry_warning(now=8 * DAY) or "")
    used = voice.used(2 * DAY)
    assert used.days_left(now=2 * DAY) is None and used.last_used_at == 2 * DAY and used.expiry_warning() is None


def test_an_entry_round_trips_through_json() -> None:
    voice = clone_entry(consent=Consent(CONSENT_STATEMENT, 5.0), gender="female", styles=("calm",),
                        source=SourceClip("lin.wav", "wav", 20.0, 640044, "ab" * 32, trim_start_s=1.0),
                        uploaded_files=(UploadedFile(300000000001, "voice_clone"),), sample_path="/x/demo.mp3")
    assert LibraryVoice.from_dict(json.loads(json.dumps(voice.to_dict()))) == voice
    mix = LibraryVoice("minimax", "mix:a1234567*60+b1234567*40", "Mix", "blend",
                       components=(BlendComponent("a1234567", 60), BlendComponent("b1234567", 40)))
    assert LibraryVoice.from_dict(mix.to_dict()) == mix and mix.to_voice().kind == "blend"


# --- the library file ------------------------------------------------------------------------------------

def test_the_library_lives_in_the_data_dir_and_offline_presets_are_always_there(tmp_path: Path) -> None:
    assert library_folder() == tmp_path / "data" / "voices"
    library = VoiceLibrary()
    kokoro = {v.voice_id: v for v in library.voices("kokoro")}
    assert kokoro["female_lead"].kind == "preset" and kokoro["jm_kumo"].kind == "system"
    assert {v.voice_id for v in library.voices("espeak")} >= {"old_man", "narrator"}
    assert library.problem("kokoro") is None and library.problem("espeak") is None
    assert "have not been listed yet" in (library.problem("minimax") or "")


def test_own_voices_are_written_atomically_and_seen_by_another_process(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    first = VoiceLibrary(folder)
    events: list[object] = []
    first.events.subscribe(events.append)
    first.add(clone_entry())
    assert isinstance(events[-1], VoiceAdded)
    assert [p.name for p in folder.iterdir()] == ["library.json"]  # no temporary file left behind
    second = VoiceLibrary(folder)  # the command line, say
    second.add(clone_entry("Other2026x", name="Other"))
    time.sleep(0.01)
    assert {v.voice_id for v in first.own_voices()} == {"Lin2026abc", "Other2026x"}
    first.update("Lin2026abc", name="Lin Xiaoyu")
    assert isinstance(events[-1], VoiceChanged) and second.get("Lin2026abc").name == "Lin Xiaoyu"  # type: ignore[union-attr]
    assert first.remove("Lin2026abc") is not None and isinstance(events[-1], VoiceRemoved)
    assert first.remove("Lin2026abc") is None and [v.voice_id for v in second.own_voices()] == ["Other2026x"]
    with pytest.raises(ValueError):
        first.add(LibraryVoice("minimax", "female-shaonv", "x", "system"))


def test_a_damaged_library_file_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "library.json").write_text("{not json", encoding="utf-8")
    library = VoiceLibrary(folder)
    assert library.own_voices() == []
    damaged = list(folder.glob("library.json.damaged-*"))
    assert len(damaged) == 1 and damaged[0].read_text() == "{not json"


def test_the_old_registry_of_new_voices_is_folded_in_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    old = data / "minimax-voices.json"
    old.write_text(json.dumps([
        {"voice_id": "Heroine2026", "name": "Heroine", "created_at": 1000.0, "first_used_at": None},
        {"voice_id": "ttv-voice-2026010112-ab12cd34", "name": "Designed", "created_at": 2000.0,
         "first_used_at": 2500.0},
        {"broken": True}]), encoding="utf-8")
    library = VoiceLibrary()
    heroine = library.get("Heroine2026", "minimax")
    designed = library.get("ttv-voice-2026010112-ab12cd34", "minimax")
    assert heroine is not None and heroine.kind == "cloned" and heroine.expires_at == 1000.0 + 7 * DAY
    assert designed is not None and designed.kind == "designed" and designed.expires_at is None
    assert designed.last_used_at == 2500.0
    assert not old.exists() and (data / "minimax-voices.json.migrated").exists()
    assert len(VoiceLibrary().own_voices()) == 2


# --- refreshing ------------------------------------------------------------------------------------------

async def test_refresh_caches_the_list_with_its_time(tmp_path: Path) -> None:
    now = [1_700_000_000.0]
    library = VoiceLibrary(tmp_path / "lib", clock=lambda: now[0])
    seen: list[object] = []
    library.events.subscribe(seen.append)
    assert await library.refresh("minimax", ListingEngine(SYSTEM)) is None
    assert library.fetched_at("minimax") == now[0] and seen[-1] == SectionChanged("minimax", None)
    offline = VoiceLibrary(tmp_path / "lib")
    assert [v.voice_id for v in offline.voices("minimax")] == ["female-shaonv", "English_expressive_narrator"]
    assert offline.get("English_expressive_narrator").narrator  # type: ignore[union-attr]


async def test_problems_say_what_happened_and_from_when_the_list_is(tmp_path: Path) -> None:
    from studio.engines.minimax.errors import MissingKeyError, ServiceError

    library = VoiceLibrary(tmp_path / "lib")
    unreachable = ServiceError("The connection to MiniMax failed (ConnectError); check the network.", code="network")
    first = await library.refresh("minimax", ListingEngine(error=unreachable))
    assert first == "MiniMax could not be reached (no connection); its voices will be listed once it answers."
    await library.refresh("minimax", ListingEngine(SYSTEM))
    day = library.fetched_at("minimax")
    assert day is not None
    problem = await library.refresh("minimax", ListingEngine(error=unreachable))
    assert problem is not None and problem.startswith("MiniMax could not be reached (no connection); showing the "
                                                      "list from ")
    assert f"{time.localtime(day).tm_mday} " in problem and len(library.voices("minimax")) == 2
    no_key = library.unavailable("minimax", MissingKeyError("No key", code="no-key"))
    assert no_key.startswith("No MiniMax key: add one in Settings") and "showing the list from" in no_key
    assert library.problem("minimax") == no_key
    assert await library.refresh("minimax", ListingEngine([])) == "MiniMax listed no voices."


async def test_mark_used_records_last_use_and_ends_expiry(tmp_path: Path) -> None:
    now = [10 * DAY]
    library = VoiceLibrary(tmp_path / "lib", clock=lambda: now[0])
    await library.refresh("minimax", ListingEngine(SYSTEM))
    library.add(clone_entry(created=9 * DAY))
    assert library.mark_used("Lin2026abc") is True
    voice = library.get("Lin2026abc")
    assert voice is not None and voice.expires_at is None and voice.last_used_at == 10 * DAY
    assert library.mark_used("Lin2026abc") is False  # within the minute: nothing to write
    assert library.mark_used("female-shaonv", engine="minimax") is True
    assert library.get("female-shaonv", "minimax").last_used_at == 10 * DAY  # type: ignore[union-attr]
    now[0] += 120
    assert library.mark_used("female-shaonv") is True
    assert VoiceLibrary(tmp_path / "lib").get("female-shaonv").last_used_at == 10 * DAY + 120  # type: ignore[union-attr]


def test_follow_hears_an_engines_real_uses(tmp_path: Path) -> None:
    library = VoiceLibrary(tmp_path / "lib")
    library.add(clone_entry())

    class Announcing:
        name = "minimax"
        voice_used: list = []

    engine = Announcing()
    stop = library.follow(engine)
    for listener in engine.voice_used:
        listener("Lin2026abc")
    assert library.get("Lin2026abc").expires_at is None  # type: ignore[union-attr]
    stop()
    assert engine.voice_used == [] and library.follow(object())() is None


def test_filter_by_each_criterion(tmp_path: Path) -> None:
    library = VoiceLibrary(tmp_path / "lib")
    library.add(clone_entry(gender="female", age="young", languages=("zh-CN",), styles=("Calm",),
                            description="soft bedtime voice"))
    assert [v.voice_id for v in library.filter(kind="cloned")] == ["Lin2026abc"]
    assert library.filter(language="zh", kind="cloned") and not library.filter(language="en", kind="cloned")
    assert library.filter(style="calm", kind="cloned") and library.filter(style="bedtime", kind="cloned")
    assert library.filter(search="SOFT lin", kind={"cloned", "designed"})
    assert not library.filter(search="soft old", kind="cloned")
    assert all(v.age == "old" for v in library.filter(age="old")) and library.filter(age="old")
    assert {v.engine for v in library.filter(gender="male", kind="preset")} == {"kokoro", "espeak"}


def test_expiring_pending_and_warnings(tmp_path: Path) -> None:
    now = 20 * DAY
    library = VoiceLibrary(tmp_path / "lib", clock=lambda: now)
    library.add(clone_entry("Old2026aaa", created=now - 8 * DAY, name="Old"))
    library.add(clone_entry("Soon2026aa", created=now - 6 * DAY, name="Soon"))
    library.add(clone_entry("Fresh2026a", created=now, name="Fresh"))
    assert {v.voice_id for v in library.pending()} == {"Soon2026aa", "Fresh2026a"}
    assert {v.voice_id for v in library.expiring(within_days=2)} == {"Old2026aaa", "Soon2026aa"}
    warnings = library.warnings()
    assert len(warnings) == 2 and any("Old" in w and "deleted" in w for w in warnings)


# --- previews --------------------------------------------------------------------------------------------

def test_preview_cache_by_content(tmp_path: Path) -> None:
    from studio.domain.render_key import SpeechRequest
    from studio.library import preview_key

    cache = PreviewCache()
    assert cache.folder == tmp_path / "data" / "voices" / "previews"
    request = SpeechRequest(engine="minimax", voice_id="female-shaonv", text="你好。", model="speech-2.8-hd")
    key = preview_key(request)
    assert key == preview_key(SpeechRequest(engine="minimax", voice_id="female-shaonv", text="你好。",
                                            model="speech-2.8-hd", audio_format="mp3", extra=(("label", "3"),)))
    assert key != preview_key(SpeechRequest(engine="minimax", voice_id="female-shaonv", text="你好。",
                                            model="speech-2.8-hd", extra=(("effect", "radio"),)))
    assert cache.get(key) is None
    stored = cache.put(key, b"RIFF....", "wav", sample_rate=24000, duration_ms=900, engine="minimax",
                       voice_id="female-shaonv")
    hit = cache.get(key)
    assert hit is not None and hit.cached and not stored.cached and hit.path == stored.path
    assert hit.duration_ms == 900 and hit.sample_rate == 24000
    assert cache.forget_voice("female-shaonv") == 1 and cache.get(key) is None
    for n in range(5):
        cache.put(f"k{n}", b"x", "wav", sample_rate=1, duration_ms=1)
        os.utime(cache.folder / f"k{n}.json")
    assert cache.prune(max_files=2) == 3 and len(cache.entries()) == 2


# --- measures --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("f0", [90.0, 150.0, 230.0, 330.0])
def test_pitch_is_measured_within_a_few_hertz(f0: float) -> None:
    rate = 22050
    t = np.arange(3 * rate) / rate
    voice = sum((0.4 / k) * np.sin(2 * np.pi * f0 * k * t) for k in range(1, 12))
    noise = 0.01 * np.random.default_rng(1).standard_normal(len(t))
    m = matching.measure((voice + noise).astype(np.float32), rate)
    assert abs(m.pitch_hz - f0) < 0.02 * f0 and m.voiced_fraction > 0.9
    darker = matching.measure(np.sin(2 * np.pi * f0 * t).astype(np.float32), rate)
    assert darker.brightness_hz < m.brightness_hz


def test_rank_orders_by_distance_and_labels_every_match() -> None:
    clip = matching.VoiceMeasures(150.0, 900.0, 1.0)
    presets = {"a": matching.VoiceMeasures(148.0, 880.0, 1.0), "b": matching.VoiceMeasures(300.0, 900.0, 1.0),
               "c": matching.VoiceMeasures(150.0, 2500.0, 1.0)}
    ranked = matching.rank(clip, presets, names={"a": "Alpha"}, top=2)
    assert [m.voice_id for m in ranked] == ["a", "c"] and ranked[0].name == "Alpha"
    assert ranked[0].score > ranked[1].score and all(m.label == "closest offline match, not a clone" for m in ranked)


def test_noise_is_not_a_voice() -> None:
    noise = np.random.default_rng(2).standard_normal(16000 * 2).astype(np.float32) * 0.3
    with pytest.raises(matching.MeasureError, match="No voiced speech"):
        matching.measure(noise, 16000)
