"""The listen-back check on real takes: Kokoro speaks, the offline recogniser hears. A correct take is not
flagged; a take that skipped a word or said another is, with the words; the check runs in a worker thread
and the event loop keeps ticking (stall ≤ 50 ms) while it does. Needs the recogniser's packages."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from studio.checks import listen

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not listen.available(), reason="the recogniser's packages are not installed")]

from studio.actions.check import check_episodes  # noqa: E402
from studio.domain.model import Delivery  # noqa: E402
from studio.engines.kokoro import KokoroEngine  # noqa: E402
from studio.engines.speech import SpeechRequest  # noqa: E402
from studio.render.planner import RenderPlanner  # noqa: E402
from studio.render.scheduler import RenderScheduler  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402

ENGINE = KokoroEngine()
VOICE = "jf_nezumi"  # of the shipped voices, the one the recogniser hears best in Chinese
FULL = "林晚收到一封没有署名的信。"
SKIPPED = "收到一封没有署名的信。"
EN_FULL = "Tell me the whole truth about the letter."
EN_OTHER = "Tell me the whole story about the letter."


def _say(text: str, language: str = "zh"):
    return ENGINE.synthesize_sync(ENGINE.prepare(SpeechRequest(engine="kokoro", voice_id=VOICE, text=text,
                                                               language=language)))


@pytest.mark.parametrize(("said", "line", "language", "flagged", "words"), [
    (FULL, FULL, "zh", False, None),
    (SKIPPED, FULL, "zh", True, ("林晚", "")),
    (EN_FULL, EN_FULL, "en", False, None),
    (EN_OTHER, EN_FULL, "en", True, ("truth", "story")),
])
def test_the_recogniser_flags_a_take_that_does_not_say_its_line(said: str, line: str, language: str, flagged: bool,
                                                                words: tuple[str, str] | None) -> None:
    take = _say(said, language)
    result = listen.check_audio(take.audio, take.format, line, language)
    assert result.doubtful is flagged, result
    if words is not None:
        assert words in [(d.expected, d.heard) for d in result.differences], result


def test_a_project_check_names_the_doubtful_line_and_keeps_results(tmp_path: Path) -> None:
    store = ProjectStore.create(tmp_path / "check.troupe", "S")
    role = store.add_role("林晚", voices={"kokoro": VOICE})
    ep = store.add_episode("E1", "zh", [(role.id, t, Delivery(), None) for t in (FULL, "我们明天再说吧。")])
    planner = RenderPlanner(store, ENGINE)
    first, second = planner.plan(ep.id)
    # an engine that skipped a word: the first line's take says the line without its name
    take = _say(SKIPPED)
    store.add_take(line_id=first.line.id, render_key=first.job.key, audio=take.audio, format=take.format,
                   sample_rate=take.sample_rate, duration_ms=take.duration_ms, engine="kokoro", model=take.model,
                   voice_id=VOICE)
    asyncio.run(RenderScheduler(store, ENGINE).render(planner.stale_jobs(ep.id)))
    report = check_episodes(store, planner, [ep.id])
    assert len(report.checked) == 2 and report.heard_now == 2
    (doubtful,) = report.doubtful
    assert doubtful.line_id == first.line.id and (doubtful.episode, doubtful.number) == (1, 1)
    assert ("林晚", "") in [(d.expected, d.heard) for d in doubtful.result.differences]
    again = check_episodes(store, planner, [ep.id])  # kept beside the takes: nothing is heard twice
    assert again.heard_now == 0 and [c.result for c in again.checked] == [c.result for c in report.checked]
    store.close()


async def test_the_background_checker_leaves_the_event_loop_free() -> None:
    takes = [_say(FULL), _say(EN_FULL, "en")]
    listen.transcribe(listen.np.zeros(listen.RATE, listen.np.float32), "zh")  # the model is loaded first
    done = threading.Event()
    results = []

    def finished(job, result, error) -> None:
        results.append((job.take_id, result, error))
        if len(results) == len(takes):
            done.set()

    checker = listen.BackgroundChecker(finished)
    try:
        for i, (take, text, lang) in enumerate(zip(takes, (FULL, EN_FULL), ("zh", "en"), strict=True)):
            checker.submit(listen.CheckJob(i, take.audio, take.format, text, lang))
        worst = 0.0
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            worst = max(worst, now - last)
            last = now
        print(f"longest event-loop stall while checking: {worst * 1000:.1f} ms")
        assert worst <= 0.050
    finally:
        checker.close(30)
    assert [r[0] for r in results] == [0, 1] and all(r[2] is None and not r[1].doubtful for r in results)
