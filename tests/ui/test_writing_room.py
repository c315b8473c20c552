"""The Writing room in the window, against the fake OpenAI-compatible chat server: generated lines stream
into an editable preview and are accepted as one undo step; a bad or cut answer changes nothing and says
so; a translation is shown beside its source by line id and opens as a new episode; the dubbing fit is
fixed in one step; a shipped prose chapter is attributed offline, reviewed and accepted; with no chat
model the dock says what it needs and offers Settings.

Set ``TROUPE_SCREENSHOTS`` to a folder to save the window (1280×800) at the generate, translate and
attribute reviews (``docs/screenshots/writing-*.png``).
"""

# ruff: noqa: F811  (the fake_llm fixture is imported, then named by the tests that use it)

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget

from studio.actions.writing import NeedsChatModelError, connect
from studio.engines.minimax.client import RetryPolicy
from studio.settings import Settings
from studio.ui.delegates import LineTextEditor
from studio.ui.writing_models import DOUBT_COLOUR, BeforeAfterModel, DraftModel, ReviewModel
from studio.ui.writing_tables import FitModel, PairsModel
from tests.fake_llm.fixture import fake_llm  # noqa: F401
from tests.fake_llm.server import FakeLLM, Reply
from tests.ui.conftest import Harness, make_project, wait_for

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
FAST_RETRY = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02)
LEFT = Qt.MouseButton.LeftButton

EPISODE = {
    "title": "钥匙",
    "new_roles": [{"name": "陈叔", "gender": "male", "description": "林家的老司机"}],
    "lines": [
        {"role": "旁白", "text": "雨夜，门外传来三下敲门声。", "emotion": None, "pause_ms": None, "note": ""},
        {"role": "林晚", "text": "这么晚了，谁啊？", "emotion": "fearful", "pause_ms": 600, "note": "压低声音"},
        {"role": "陈叔", "text": "小姐，是我，老陈。", "emotion": "calm", "pause_ms": None, "note": ""},
        {"role": "林晚", "text": "陈叔？您怎么来了？", "emotion": "surprised", "pause_ms": None, "note": ""},
        {"role": "陈叔", "text": "陆先生让我把这把钥匙交给您。", "emotion": None, "pause_ms": 400, "note": "递上钥匙"},
        {"role": "陆沉", "text": "别开门，先听我说。", "emotion": "whisper", "pause_ms": None, "note": "电话里"},
        {"role": "林晚", "text": "陆沉？你到底在哪儿？", "emotion": "angry", "pause_ms": None, "note": ""},
        {"role": "旁白", "text": "电话那头，只剩下雨声。", "emotion": None, "pause_ms": 800, "note": ""},
    ],
}
ENGLISH = {"夜深了，雨还在下。": "It's late, and the rain still hasn't stopped.",
           "你终于来了。": "So you finally came. I've been waiting here all night for you.",
           "我答应过你的。": "I promised you.", "那就进来吧。": "Then come in."}


def answer(value: object = EPISODE) -> str:
    return json.dumps(value, ensure_ascii=False)


def asked(body: dict[str, Any], marker: str) -> list[dict[str, Any]]:
    text = next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")
    start = text.index(marker) + len(marker)
    return json.JSONDecoder().raw_decode(text[start:].lstrip())[0]


def translator(body: dict[str, Any]) -> str:
    items = asked(body, "Translate these lines:")
    return answer({"title": "Episode One", "lines": [
        {"id": it["id"], "role": it["role"], "text": ENGLISH.get(it["text"], f"[{it['text']}]")} for it in items],
        "terms": [{"source": "林晚", "target": "Lin Wan"}, {"source": "陆沉", "target": "Lu Chen"}]})


@pytest.fixture(autouse=True)
def _no_real_chat_model(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MINIMAX_API_KEY", "MINIMAX_API_HOST", "MINIMAX_GROUP_ID", "TROUPE_LLM_API_KEY", "TROUPE_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("studio.engines.minimax.config._keyring_get", lambda: None)


@pytest.fixture
def llm(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> FakeLLM:
    """The fake chat server as the configured chat model (the settings' base URL, its key in the env)."""
    Settings().set("llm_base_url", fake_llm.url)
    monkeypatch.setenv("TROUPE_LLM_API_KEY", fake_llm.api_key or "")
    return fake_llm


@pytest.fixture
def window(harness: Harness) -> Harness:
    harness.window.writing_room.retry = FAST_RETRY
    return harness


def snapshot(h: Harness) -> tuple[Any, ...]:
    store = h.store
    return (tuple((e.id, e.title, e.language) for e in store.episodes()),
            tuple((r.id, r.name) for r in store.roles()),
            tuple((ln.id, ln.role_id, ln.text, ln.delivery, ln.gap_ms, ln.note)
                  for e in store.episodes() for ln in store.lines(e.id)))


def type_text(widget: QWidget, text: str) -> None:
    """Type (any script, CJK included) as an input method commits it."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def screenshot(h: Harness, name: str) -> None:
    folder = os.environ.get("TROUPE_SCREENSHOTS")
    if folder:
        assert (h.window.width(), h.window.height()) == (1280, 800)
        h.window.grab().save(str(Path(folder) / name))


async def settle() -> None:
    await asyncio.sleep(0.2)  # layouts, the timeline's debounced refresh


# --- generate ----------------------------------------------------------------------------------------

async def test_generated_lines_stream_into_the_preview_and_accept_is_one_undo_step(
        window: Harness, llm: FakeLLM, qtbot: Any) -> None:
    h, w = window, window.window
    llm.chunk_delay = 0.004
    llm.reply(Reply(answer(), think="先想一想。"))
    before = snapshot(h)
    w.writing_actions.generate.trigger()
    room, page = w.writing_room, w.writing_room.generate
    assert w.writing_dock.isVisible() and room.tabs.currentWidget() is page
    assert not page.banner.isVisible() and page.run_button.isEnabled()
    type_text(page.premise, "雨夜，死而复生的前男友托人送来一把钥匙。")
    page.genre.setCurrentText("悬疑")
    seen: list[tuple[int, bool]] = []
    page.model.rowsInserted.connect(lambda *_a: seen.append((page.model.rowCount(), page.busy)))
    qtbot.mouseClick(page.run_button, LEFT)
    await wait_for(lambda: page.accept_button.isEnabled())
    assert seen[0] == (1, True) and all(busy for _, busy in seen)  # each line shown while the model writes
    assert [n for n, _ in seen] == list(range(1, len(EPISODE["lines"]) + 1))
    model = page.model
    assert [model.index(r, DraftModel.TEXT).data() for r in range(model.rowCount())] == \
        [ln["text"] for ln in EPISODE["lines"]]
    assert model.index(1, DraftModel.PAUSE).data() == "600 ms" and "陈叔" in page.summary.text()
    prompt = llm.chat_requests()[0].last_user
    assert "钥匙" in prompt and "悬疑" in prompt and "林晚" in prompt
    await settle()
    screenshot(h, "writing-generate.png")

    # the user corrects one line in its cell editor, then accepts
    index = model.index(3, DraftModel.TEXT)
    page.preview.setCurrentIndex(index)
    page.preview.edit(index)
    await wait_for(lambda: page.preview.findChild(LineTextEditor) is not None)
    editor = page.preview.findChild(LineTextEditor)
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, "陈叔？这么大的雨，您怎么来了？")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    await wait_for(lambda: model.index(3, DraftModel.TEXT).data() == "陈叔？这么大的雨，您怎么来了？")
    assert snapshot(h) == before  # nothing applied before Accept
    qtbot.mouseClick(page.accept_button, LEFT)

    episodes = h.store.episodes()
    assert len(episodes) == 2 and episodes[1].title == "钥匙"
    assert w.session.episode.episode_id == episodes[1].id  # the new episode is open
    texts = [ln.text for ln in h.store.lines(episodes[1].id)]
    assert texts[3] == "陈叔？这么大的雨，您怎么来了？" and len(texts) == len(EPISODE["lines"])
    chen = h.store.role_by_name("陈叔")
    assert chen is not None and chen.gender == "male"
    assert w.undo_stack.count() == 1 and page.model.rowCount() == 0
    added = snapshot(h)
    w.undo_stack.undo()
    assert snapshot(h) == before  # the episode and its new role are gone entirely
    assert w.session.episode.episode_id == episodes[0].id and w.episodes.list.count() == 1
    w.undo_stack.redo()
    assert snapshot(h) == added  # the same ids come back


@pytest.mark.parametrize("failure", ["schema", "cut"])
async def test_a_bad_or_cut_answer_leaves_the_project_unchanged_and_says_so(
        window: Harness, llm: FakeLLM, qtbot: Any, failure: str) -> None:
    h, w = window, window.window
    if failure == "schema":
        llm.reply(answer({**EPISODE, "lines": [{"role": "林晚", "text": "谁？", "emotion": "tense"}]}),
                  answer({**EPISODE, "new_roles": [], "lines": [{"role": "王五", "text": "是我。"}]}),
                  answer({"title": "x", "lines": []}))
        expected = "not usable after 3 tries"
    else:
        llm.reply(Reply(answer(), fault="cut", cut_after=260), Reply(answer(), fault="truncate", cut_after=200),
                  Reply(answer(), fault="cut", cut_after=120))
        expected = "nothing was changed"
    before = snapshot(h)
    w.writing_actions.generate.trigger()
    page = w.writing_room.generate
    type_text(page.premise, "雨夜来信")
    task = page.start()
    await asyncio.wait_for(task, 20)
    assert expected in page.notice.text() and page.notice.problem
    assert page.model.rowCount() == 0 and not page.accept_button.isEnabled()
    assert snapshot(h) == before and w.undo_stack.count() == 0
    assert len(llm.chat_requests()) == 3


async def test_continue_and_rewrite_are_previewed_then_one_undo_step_each(
        window: Harness, llm: FakeLLM, qtbot: Any) -> None:
    h, w = window, window.window
    episode_id = w.session.episode.episode_id
    first = [ln.text for ln in h.store.lines(episode_id)]
    llm.reply(answer({"title": "第一集", "lines": [{"role": "陆沉", "text": "外面有人跟着我。", "emotion": "fearful"},
                                                {"role": "林晚", "text": "那你还回来？"}]}))
    w.writing_actions.continue_.trigger()  # starts at once: the form's count and direction
    page = w.writing_room.generate
    await wait_for(lambda: page.accept_button.isEnabled())
    assert page.model.rowCount() == 2 and "我答应过你的。" in llm.chat_requests()[0].last_user
    qtbot.mouseClick(page.accept_button, LEFT)
    assert [ln.text for ln in h.store.lines(episode_id)] == [*first, "外面有人跟着我。", "那你还回来？"]
    assert w.undo_stack.count() == 1

    def rewrite(body: dict[str, Any]) -> str:
        return answer({"lines": [{"id": it["id"], "role": it["role"], "text": it["text"] + "快说！"}
                                 for it in asked(body, "Rewrite these lines:")]})

    llm.reply(Reply(rewrite))
    lines = h.store.lines(episode_id)
    w.view.select_lines([lines[1].id, lines[3].id])
    w.writing_actions.rewrite.trigger()
    assert page.results.currentWidget() is page.before_after
    page.rewrite_instruction.setCurrentText("more tense")
    qtbot.mouseClick(page.run_button, LEFT)
    await wait_for(lambda: page.accept_button.isEnabled())
    pairs = page.rewrites
    assert [(pairs.index(r, BeforeAfterModel.BEFORE).data(), pairs.index(r, BeforeAfterModel.AFTER).data())
            for r in range(pairs.rowCount())] == [("你终于来了。", "你终于来了。快说！"), ("那就进来吧。", "那就进来吧。快说！")]
    assert h.store.line(lines[1].id).text == "你终于来了。"  # not yet
    qtbot.mouseClick(page.accept_button, LEFT)
    assert h.store.line(lines[1].id).text == "你终于来了。快说！" and w.undo_stack.count() == 2
    w.undo_stack.undo()
    assert [ln.text for ln in h.store.lines(episode_id)][:4] == first


# --- translate ---------------------------------------------------------------------------------------

async def test_translation_side_by_side_keeps_every_line_id_and_role_and_opens_as_a_new_episode(
        window: Harness, llm: FakeLLM, qtbot: Any) -> None:
    h, w = window, window.window
    book_file = h.path.parent / "test.glossary.json"
    book_file.write_text(json.dumps({"en": {"陆沉": "Lu Chen"}}, ensure_ascii=False), encoding="utf-8")
    llm.reply(Reply(translator))
    source_id = w.session.episode.episode_id
    source = h.store.lines(source_id)
    names = {r.id: r.name for r in h.store.roles()}
    before = snapshot(h)
    w.writing_actions.translate.trigger()
    page = w.writing_room.translate
    assert w.writing_room.tabs.currentWidget() is page and page.target.currentData() == "en"
    assert page.glossary_model.rowCount() == 1  # the glossary beside the project, read as the page opens
    qtbot.mouseClick(page.run_button, LEFT)
    await wait_for(lambda: page.accept_button.isEnabled())
    assert '"陆沉": "Lu Chen"' in llm.chat_requests()[0].last_user  # the glossary goes to the model
    assert "林晚 → Lin Wan" in page.summary.text() and "陆沉 →" not in page.summary.text()
    pairs = page.pairs
    rows = [[pairs.index(r, PairsModel.LINE).data(PairsModel.SOURCE_ID_ROLE)] +
            [pairs.index(r, c).data() for c in (PairsModel.LINE, PairsModel.ROLE, PairsModel.SOURCE, PairsModel.TARGET)]
            for r in range(pairs.rowCount())]
    assert rows == [[ln.id, str(ln.position + 1), names[ln.role_id], ln.text, ENGLISH[ln.text]] for ln in source]
    assert pairs.headerData(PairsModel.SOURCE, Qt.Orientation.Horizontal) == "Source (中文)"
    assert pairs.headerData(PairsModel.TARGET, Qt.Orientation.Horizontal) == "Translation (English)"
    assert snapshot(h) == before
    await settle()
    screenshot(h, "writing-translate.png")

    qtbot.mouseClick(page.accept_button, LEFT)
    new = h.store.episodes()[-1]
    assert (new.title, new.language) == ("Episode One", "en") and w.session.episode.episode_id == new.id
    target = h.store.lines(new.id)
    assert [ln.role_id for ln in target] == [ln.role_id for ln in source]
    assert [ln.text for ln in target] == [ENGLISH[ln.text] for ln in source]
    assert w.undo_stack.count() == 1
    book = json.loads(book_file.read_text(encoding="utf-8"))
    assert book == {"en": {"陆沉": "Lu Chen", "林晚": "Lin Wan"}}
    glossary = page.glossary_model
    assert [(glossary.index(r, 0).data(), glossary.index(r, 1).data()) for r in range(glossary.rowCount())] == \
        [("林晚", "Lin Wan"), ("陆沉", "Lu Chen")]
    w.undo_stack.undo()
    assert snapshot(h) == before

    # the glossary is edited in the dock and saved beside the project at once
    index = glossary.index(1, 1)
    assert glossary.setData(index, "Lu Shen")
    book = json.loads(book_file.read_text(encoding="utf-8"))
    assert book["en"]["陆沉"] == "Lu Shen"


async def test_the_whole_series_translates_as_one_undo_step(window: Harness, llm: FakeLLM, qtbot: Any) -> None:
    h, w = window, window.window
    w.episodes.duplicate()  # a second Chinese episode
    w.undo_stack.clear()
    before = snapshot(h)
    llm.default = translator
    w.writing_actions.translate.trigger()
    page = w.writing_room.translate
    page.scope.setCurrentIndex(page.scope.findData(1))  # every episode of the series
    await asyncio.wait_for(page.start(), 20)
    assert len(page.plans) == 2 and not page.pairs_view.isColumnHidden(PairsModel.EPISODE)
    assert [page.pairs.index(r, PairsModel.EPISODE).data() for r in range(page.pairs.rowCount())] == \
        ["1"] * 4 + ["2"] * 4
    qtbot.mouseClick(page.accept_button, LEFT)
    assert [e.language for e in h.store.episodes()] == ["zh", "zh", "en", "en"] and w.undo_stack.count() == 1
    w.undo_stack.undo()
    assert snapshot(h) == before


async def test_cancelling_a_translation_changes_nothing(window: Harness, llm: FakeLLM, qtbot: Any) -> None:
    h, w = window, window.window

    def slow(body: dict[str, Any]) -> str:
        time.sleep(1.0)  # the fake server's own thread: the model takes its time
        return translator(body)

    llm.reply(Reply(slow))
    before = snapshot(h)
    w.writing_actions.translate.trigger()
    page = w.writing_room.translate
    task = page.start()
    await wait_for(lambda: len(llm.chat_requests()) == 1)
    assert page.progress.isVisible() and page.cancel_button.isEnabled() and not page.run_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, LEFT)
    with pytest.raises(asyncio.CancelledError):
        await task
    assert "cancelled" in page.notice.text() and not page.accept_button.isEnabled()
    assert not page.progress.isVisible() and snapshot(h) == before and w.undo_stack.count() == 0


async def test_dubbing_fit_lists_long_lines_and_a_speed_up_is_one_undo_step(
        window: Harness, llm: FakeLLM, qtbot: Any) -> None:
    h, w = window, window.window
    llm.reply(Reply(translator))
    w.writing_actions.translate.trigger()
    page = w.writing_room.translate
    await asyncio.wait_for(page.start(), 20)
    page.accept()
    target_id = w.session.episode.episode_id
    page.tabs.setCurrentIndex(1)
    fit = page.fit
    issues = fit.check()  # estimates: nothing is rendered in this project
    target = h.store.lines(target_id)
    assert [i.target_id for i in issues] == [target[0].id, target[1].id]  # 1.8× and 4.2× their source
    assert [fit.model.index(r, FitModel.SPEED).data() for r in range(fit.model.rowCount())] == \
        ["1.80×", "too long (max 2×)"]
    assert fit.speed_button.isEnabled() and fit.shorten_button.isEnabled()
    qtbot.mouseClick(fit.speed_button, LEFT)
    assert fit.stack.currentWidget() is fit.changes_view
    qtbot.mouseClick(fit.accept_button, LEFT)
    assert [ln.delivery.speed for ln in h.store.lines(target_id)] == [1.8, None, None, None]
    assert w.undo_stack.count() == 2  # the translation, then the speed-up
    w.undo_stack.undo()
    assert all(ln.delivery.speed is None for ln in h.store.lines(target_id))

    # or the chat model shortens them, previewed before and after
    def shorter(body: dict[str, Any]) -> str:
        return answer({"lines": [{"id": it["id"], "role": it["role"], "text": it["text"].split(".")[0] + "."}
                                 for it in asked(body, "Rewrite these lines:")]})

    llm.reply(Reply(shorter))
    issues = fit.check()
    await asyncio.wait_for(fit.shorten(), 20)
    assert fit.stack.currentWidget() is fit.changes_view
    assert [fit.changes.index(r, BeforeAfterModel.AFTER).data() for r in range(fit.changes.rowCount())] == \
        ["It's late, and the rain still hasn't stopped.", "So you finally came."]
    qtbot.mouseClick(fit.accept_button, LEFT)
    assert h.store.line(target[1].id).text == "So you finally came." and w.undo_stack.count() == 2


# --- attribute ---------------------------------------------------------------------------------------

async def test_a_sample_chapter_is_attributed_offline_reviewed_and_accepted_as_an_episode(
        window: Harness, qtbot: Any) -> None:
    h, w = window, window.window
    before = snapshot(h)
    w.writing_actions.attribute.trigger()
    page = w.writing_room.attribute
    assert page.method.currentData() == "offline"
    assert page.open_chapter(SAMPLES / "chapter_zh.txt")
    qtbot.mouseClick(page.run_button, LEFT)
    await wait_for(lambda: page.accept_button.isEnabled())
    model = page.model
    assert model.rowCount() > 40 and page.title.text() == "雨夜来客"
    roles = {model.index(r, ReviewModel.ROLE).data() for r in range(model.rowCount())}
    assert {"林晚", "顾沉", "老陈", "苏蔓", "念念", "旁白"} <= roles
    doubtful = [r for r in range(model.rowCount()) if model.rows[r].doubtful]
    assert doubtful and len(doubtful) < model.rowCount() // 2
    colour = Qt.ItemDataRole.BackgroundRole
    assert all(model.index(r, ReviewModel.TEXT).data(colour).color() == DOUBT_COLOUR for r in doubtful)
    assert all(model.index(r, ReviewModel.TEXT).data(colour) is None
               for r in range(model.rowCount()) if r not in doubtful)
    assert page.only_doubtful.text() == f"Only doubtful lines ({len(doubtful)})"
    await settle()
    screenshot(h, "writing-attribute.png")
    page.only_doubtful.setChecked(True)
    assert page.filter.rowCount() == len(doubtful)

    # the user gives the first doubtful line another role in its cell editor: its doubt is settled
    view_index = page.filter.index(0, ReviewModel.ROLE)
    row = page.filter.mapToSource(view_index).row()
    page.review.setCurrentIndex(view_index)
    page.review.edit(view_index)
    await wait_for(lambda: page.review.findChild(QComboBox, "roleNameEditor") is not None)
    editor = page.review.findChild(QComboBox, "roleNameEditor")
    editor.lineEdit().selectAll()
    type_text(editor.lineEdit(), "苏蔓")
    QTest.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    await wait_for(lambda: model.rows[row].line.role == "苏蔓")
    assert page.filter.rowCount() == len(doubtful) - 1
    page.only_doubtful.setChecked(False)

    # and merges an alias into a role
    page.alias.setCurrentText("念念")
    page.into.setCurrentText("林晚")
    moved = page.merge()
    assert moved > 0 and "念念" not in page.model.roles()
    assert snapshot(h) == before
    qtbot.mouseClick(page.accept_button, LEFT)

    new = h.store.episodes()[-1]
    assert new.title == "雨夜来客" and w.session.episode.episode_id == new.id
    lines = h.store.lines(new.id)
    names = {r.id: r.name for r in h.store.roles()}
    assert [names[ln.role_id] for ln in lines] == [r.line.role for r in model.rows] or model.rowCount() == 0
    assert names[lines[row].role_id] == "苏蔓" and "念念" not in names.values()
    assert len(lines) > 40 and w.undo_stack.count() == 1
    w.undo_stack.undo()
    assert snapshot(h) == before


# --- offline -----------------------------------------------------------------------------------------

async def test_without_a_chat_model_the_dock_says_what_it_needs_and_attribution_still_works(
        window: Harness, qtbot: Any) -> None:
    h, w = window, window.window
    with pytest.raises(NeedsChatModelError) as needs:
        await connect(w.services.settings, what="Generating")
    w.writing_actions.generate.trigger()
    page = w.writing_room.generate
    assert page.banner.isVisible() and page.banner.text.text() == str(needs.value)
    assert not page.run_button.isEnabled()
    w.writing_actions.continue_.trigger()
    assert page.banner.text.text().startswith("Continuing needs a chat model: add a MiniMax key in Settings")
    assert w.writing_room.tasks.get("writing:write") is None  # nothing was started
    w.writing_actions.translate.trigger()
    translate = w.writing_room.translate
    assert translate.banner.isVisible() and translate.banner.text.text() == str(needs.value).replace(
        "Generating", "Translating") and not translate.run_button.isEnabled()

    qtbot.mouseClick(translate.banner.settings_button, LEFT)
    dialogs = [d for d in w.findChildren(QDialog, "settingsDialog") if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()

    w.writing_actions.attribute.trigger()
    attribute = w.writing_room.attribute
    assert not attribute.method.model().item(1).isEnabled()  # the chat model: not configured
    attribute.chapter.setPlainText((SAMPLES / "chapter_en.txt").read_text(encoding="utf-8"))
    await asyncio.wait_for(attribute.start(), 20)
    assert attribute.model.rowCount() > 20 and attribute.accept_button.isEnabled()
    assert attribute.accept() and h.store.episodes()[-1].language == "en"


async def test_the_dock_sits_with_the_timeline_closed_until_a_write_action_opens_it(
        tmp_path: Path, qtbot: Any) -> None:
    h = Harness(make_project(tmp_path / "p.troupe"))
    try:
        w = h.window
        w.show()
        await settle()
        dock, timeline_height = w.writing_dock, w.timeline_dock.height()
        assert dock.objectName() == "writingRoom" and dock.isHidden()
        menu = next(a.menu() for a in w.menuBar().actions() if a.menu() is w.writing_actions.menu)
        assert [a.text() for a in menu.actions() if a.text()] == [
            "&Generate…", "&Continue episode", "&Rewrite selected lines…", "&Translate…", "&Attribute a chapter…",
            "&Writing room"]
        assert [a.shortcut().toString() for a in (w.writing_actions.generate, w.writing_actions.translate,
                                                  w.writing_actions.attribute)] == ["Ctrl+G", "Ctrl+T", "Ctrl+Shift+A"]
        titles = [a.text() for a in w.menuBar().actions()]
        assert titles.index("&Write") == titles.index("&Settings") - 1
        w.writing_actions.translate.trigger()
        await settle()
        assert dock.isVisible() and w.tabifiedDockWidgets(w.timeline_dock) == [dock]
        assert dock.height() >= 330 and w.timeline_dock.isHidden() is False
        dock.close()
        await settle()
        assert dock.isHidden() and abs(w.timeline_dock.height() - timeline_height) <= 2
    finally:
        await h.close()
