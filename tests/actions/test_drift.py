"""Takes that drift from their role's voice: real eSpeak renders and the real encoder. A take rendered with
another voice than its role's is flagged; the role's own takes are not; the results are kept beside the
takes as notes of kind "drift"."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from studio.actions import drift
from studio.actions.drift import DRIFT_BELOW, NOTE_KIND, check_drift
from studio.domain.model import Delivery, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.engines.speech import SpeechRequest
from studio.library import embedding
from studio.library.embedding import EmbeddingCache
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore

pytestmark = [pytest.mark.skipif(embedding.weights_path() is None, reason="resemblyzer's weights are not installed"),
              pytest.mark.timeout(600)]

LINES = [("林晚", "三年前的那个晚上，雨下得很大。"), ("陆沉", "我在路口等了你一整夜，你没有来。"),
         ("林晚", "对不起，那天我母亲病得很重。"), ("林晚", "如果有一天我不在了，你要好好照顾自己。"),
         ("陆沉", "你以为我会怕他们吗？"), ("林晚", "嗯。"), ("林晚", "把门关上，别让任何人进来。")]
IMPOSTOR = 3  # 林晚's fourth line comes out in another voice (old_man: likeness 0.57 to female_lead)
TELEPHONE = 6  # a line heard through a telephone


def project(path: Path) -> tuple[ProjectStore, EspeakEngine, int]:
    store = ProjectStore.create(path, "S", ProjectSettings(engine="espeak"))
    ids = {"林晚": store.add_role("林晚", voices={"espeak": "female_lead"}).id,
           "陆沉": store.add_role("陆沉", voices={"espeak": "male_lead"}).id}
    rows = [(ids[r], t, Delivery(effect="telephone") if i == TELEPHONE else Delivery(), None)
            for i, (r, t) in enumerate(LINES)]
    ep = store.add_episode("E1", "zh", rows)
    engine = EspeakEngine()
    planner = RenderPlanner(store, engine)
    wrong = planner.plan(ep.id)[IMPOSTOR]
    assert wrong.job is not None
    said = asyncio.run(engine.synthesize(SpeechRequest(engine="espeak", voice_id="old_man", language="zh",
                                                       text=wrong.line.text)))
    store.add_take(line_id=wrong.line.id, render_key=wrong.job.key, audio=said.audio, format=said.format,
                   sample_rate=said.sample_rate, duration_ms=said.duration_ms, engine="espeak", model=said.model,
                   voice_id="female_lead")
    asyncio.run(RenderScheduler(store, engine).render(planner.stale_jobs(ep.id)))
    return store, engine, ep.id


def test_a_take_in_another_voice_drifts_and_the_roles_own_takes_do_not(tmp_path: Path) -> None:
    store, engine, ep = project(tmp_path / "d.troupe")
    cache = EmbeddingCache(tmp_path / "cache")
    report = asyncio.run(check_drift(store, RenderPlanner(store, engine), [ep], cache=cache))
    by_line = {c.number: c for c in report.checked}
    assert sorted(by_line) == list(range(1, len(LINES) + 1))
    assert [c.number for c in report.drifting] == [IMPOSTOR + 1]
    wrong = by_line[IMPOSTOR + 1]
    assert wrong.role == "林晚" and wrong.similarity is not None and wrong.similarity < DRIFT_BELOW
    for n, c in by_line.items():
        if n - 1 not in (IMPOSTOR, 5, TELEPHONE):
            assert c.similarity is not None and c.similarity >= DRIFT_BELOW, (n, c.note)
    assert by_line[6].note["reason"] == "short" and by_line[6].similarity is None and not by_line[6].drifting
    assert by_line[TELEPHONE + 1].note["reason"] == "effect" and not by_line[TELEPHONE + 1].drifting

    # the note beside the take, in its documented format
    notes = store.take_notes(NOTE_KIND, [wrong.take_id])
    note = notes[wrong.take_id]
    assert note["drifting"] is True and note["similarity"] == wrong.similarity
    assert note["threshold"] == DRIFT_BELOW and note["voice"] == "female_lead" and note["reference"] == "voice"
    assert set(note) == {"similarity", "drifting", "threshold", "voice", "reference", "version"}
    assert len(store.take_notes(drift.EMBEDDING_NOTE, [wrong.take_id])[wrong.take_id]["vector"]) == 256

    # kept: a second check measures nothing again and says the same
    again = asyncio.run(check_drift(store, RenderPlanner(store, engine), [ep], cache=cache))
    assert again.measured_now == 0
    assert [c.note for c in again.checked] == [c.note for c in report.checked]
    store.close()


def test_without_the_encoder_the_check_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.actions import ActionError

    store = ProjectStore.create(tmp_path / "e.troupe", "S", ProjectSettings(engine="espeak"))
    monkeypatch.setattr(drift, "encoder_problem", lambda: "Install resemblyzer.")
    with pytest.raises(ActionError, match="Install resemblyzer"):
        asyncio.run(check_drift(store, RenderPlanner(store, EspeakEngine()), []))
    store.close()
