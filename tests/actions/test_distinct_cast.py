"""Auto-cast of an eight-role script with the real encoder: the offline presets are measured once (their
sample lines rendered and embedded), then casting before a render keeps voices apart that sound alike."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest

from studio.actions import distinct
from studio.actions.distinct import ALIKE_AT, VoiceTable, cast_likeness, voice_table
from studio.domain.model import Delivery, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.engines.speech import SpeechEngine
from studio.library import embedding
from studio.library.embedding import EmbeddingCache
from studio.render.planner import cast_missing
from studio.store.project_file import ProjectStore

pytestmark = [pytest.mark.skipif(embedding.weights_path() is None, reason="resemblyzer's weights are not installed"),
              pytest.mark.timeout(1200)]

WOMEN, MEN = ("林晚", "苏晴", "小雪", "王婉"), ("陆沉", "张伟", "李强")

# Two storylines: 林晚, 苏晴, 陆沉 and 张伟 talk to each other in episode 1; 小雪, 王婉 and 李强 in episode 2.
EPISODES = [
    [("旁白", "夜深了，雨还在下。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。"), ("苏晴", "他不会来的。"),
     ("张伟", "都别吵了。"), ("林晚", "那就进来吧。"), ("苏晴", "你会后悔的。"), ("陆沉", "我不会。"),
     ("张伟", "走吧。")],
    [("旁白", "第二天一早。"), ("小雪", "王婉姐，你看见他了吗？"), ("王婉", "没有。"), ("李强", "我看见了。"),
     ("小雪", "在哪里？"), ("李强", "村口。"), ("王婉", "快去。")],
]


def eight_roles(path: Path, engine: str) -> ProjectStore:
    store = ProjectStore.create(path, "八个角色", ProjectSettings(engine=engine))
    ids = {name: store.add_role(name).id for name in ("旁白", *WOMEN, *MEN)}
    for n, rows in enumerate(EPISODES, 1):
        store.add_episode(f"第{n}集", "zh", [(ids[r], t, Delivery(), None) for r, t in rows])
    return store


async def measured(engine: SpeechEngine, cache: EmbeddingCache) -> VoiceTable:
    """The palette measured as the cast check does it (rendering each preset's sample lines once)."""
    table = await voice_table(engine, await engine.voices(), "zh", cache, render=True)
    assert table is not None
    return table


def alike_pairs(cast: dict[str, str], table: VoiceTable) -> list[tuple[str, str]]:
    return [(a, b) for a, b in itertools.combinations(cast, 2) if table.alike(cast[a], cast[b])]


def genders(cast: dict[str, str], voices: dict[str, str | None]) -> None:
    for name in WOMEN:
        assert voices[cast[name]] in ("female", None), (name, cast[name])
    for name in MEN:
        assert voices[cast[name]] in ("male", None), (name, cast[name])


@pytest.mark.slow
def test_eight_roles_on_kokoro_get_eight_voices_that_sound_apart(tmp_path: Path) -> None:
    from studio.engines.kokoro import KokoroEngine

    engine = KokoroEngine()
    cache = EmbeddingCache(tmp_path / "cache")
    table = asyncio.run(measured(engine, cache))
    assert len(table.vectors) == 12  # every preset measured
    store = eight_roles(tmp_path / "k.troupe", "kokoro")
    cast = asyncio.run(cast_missing(store, engine, likeness=cast_likeness(engine, "zh", cache)))
    assert set(cast) == {"旁白", *WOMEN, *MEN}
    assert len(set(cast.values())) == 8
    above = [(a, b, table.likeness(cast[a], cast[b])) for a, b in itertools.combinations(cast, 2)
             if (table.likeness(cast[a], cast[b]) or 0) >= ALIKE_AT]
    assert above == []  # no two of the eight above the floor
    genders(cast, {v.voice_id: v.gender for v in asyncio.run(engine.voices())})
    assert cast["旁白"] in ("narrator", "narrator_female")
    store.close()


def test_on_espeak_the_cast_keeps_alike_voices_apart_as_far_as_the_palette_allows(tmp_path: Path) -> None:
    # eSpeak's presets are less distinct (female_lead ≈ girl 0.97, male_lead ≈ young_man 0.95 …): no eight of
    # them sound apart with these genders, so one alike pair is left — and it is not a pair that shares scenes.
    engine = EspeakEngine()
    cache = EmbeddingCache(tmp_path / "cache")
    table = asyncio.run(measured(engine, cache))
    voices = {v.voice_id: v.gender for v in asyncio.run(engine.voices())}

    before = eight_roles(tmp_path / "old.troupe", "espeak")
    old = asyncio.run(cast_missing(before, engine))  # no likeness: the cast it always was
    before.close()
    store = eight_roles(tmp_path / "new.troupe", "espeak")
    cast = asyncio.run(cast_missing(store, engine, likeness=cast_likeness(engine, "zh", cache)))
    store.close()

    assert len(alike_pairs(old, table)) >= 3, old
    pairs = alike_pairs(cast, table)
    assert len(pairs) <= 1, (cast, pairs)
    first, second = set(WOMEN[:2] + MEN[:2]), set(WOMEN[2:] + MEN[2:])
    for a, b in pairs:
        assert not {a, b} <= first and not {a, b} <= second, (a, b)  # they never meet
    genders(cast, voices)
    assert len(set(cast.values())) == 8


def test_auto_cast_renders_nothing_and_is_the_old_one_without_measures(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    class Counting(EspeakEngine):
        calls = 0

        async def synthesize(self, request):  # type: ignore[no-untyped-def]
            Counting.calls += 1
            return await super().synthesize(request)

    engine = Counting()
    store = eight_roles(tmp_path / "a.troupe", "espeak")
    cast = asyncio.run(cast_missing(store, engine, likeness=cast_likeness(engine, "zh", EmbeddingCache(tmp_path))))
    store.close()
    assert Counting.calls == 0  # an empty cache: nothing measured, nothing rendered to cast
    plain = eight_roles(tmp_path / "b.troupe", "espeak")
    assert asyncio.run(cast_missing(plain, engine)) == cast
    plain.close()
    # without the encoder's weights the hook says nothing and the cast is the same
    monkeypatch.setattr(distinct, "encoder_problem", lambda: "not installed")
    again = eight_roles(tmp_path / "c.troupe", "espeak")
    assert asyncio.run(cast_missing(again, engine, likeness=cast_likeness(engine, "zh", EmbeddingCache(tmp_path)))) == cast
    again.close()


def test_cast_check_suggests_a_voice_that_sounds_apart(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, TROUPE_CACHE_DIR=str(tmp_path / "cache"))

    def troupe(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                              timeout=600, env=env)

    script = tmp_path / "script.txt"
    script.write_text("林晚：你到底想怎么样？\n小雨：我不知道。\n小雨：你别走。\n老陈：都别说了。\n", encoding="utf-8")
    project = tmp_path / "p.troupe"
    assert troupe("import", str(script), str(project)).returncode == 0
    for role, voice in (("林晚", "female_lead"), ("小雨", "girl"), ("老陈", "old_man")):
        assert troupe("cast", str(project), role, voice, "--engine", "espeak").returncode == 0
    proc = troupe("cast", "--check", str(project), "--engine", "espeak")
    assert proc.returncode == 1, proc.stderr
    assert "林晚 and 小雨 sound alike (0.9" in proc.stdout
    # 林晚 has fewer lines: she is the one to recast, with a voice apart from 小雨's and 老陈's
    suggestion = next(line for line in proc.stdout.splitlines() if line.startswith("Suggestion: "))
    assert f"troupe cast {project} 林晚 " in suggestion and "--engine espeak" in suggestion
    voice = suggestion.split(f"{project} 林晚 ")[1].split()[0]
    assert voice not in ("female_lead", "girl", "old_man")
    assert troupe("cast", str(project), "林晚", voice, "--engine", "espeak").returncode == 0
    after = troupe("cast", "--check", str(project), "--engine", "espeak")
    assert after.returncode == 0 and "all sound different" in after.stdout, after.stdout
