"""Episode ▸ Source video…: a dub whose video moved finds it again, as one undo step; a file that is not there
is refused with a sentence and changes nothing."""

from __future__ import annotations

from pathlib import Path

from studio.actions import ActionError, dubbing

from .conftest import Harness


async def test_a_moved_video_is_found_again_and_undone(project_path: Path, tmp_path: Path, qtbot: object) -> None:
    old = tmp_path / "shoot" / "ep1.mp4"
    old.parent.mkdir()
    old.write_bytes(b"\0" * 64)
    h = Harness(project_path)
    try:
        episode = h.session.episode.episode_id
        assert episode is not None
        dubbing.set_source_video(h.store, episode, old)
        moved = tmp_path / "archive" / "ep1.mp4"
        moved.parent.mkdir()
        old.rename(moved)
        try:
            dubbing.source_video(h.store, episode)
            raise AssertionError("a moved video must be said")
        except ActionError as exc:
            assert "Episode ▸ Source video…" in str(exc)

        fit = h.window.dub_fit  # type: ignore[attr-defined]
        steps = h.window.undo_stack.count()
        assert fit.act_video.objectName() == "actionSourceVideo"
        assert fit.choose_video(str(moved))
        assert dubbing.source_video(h.store, episode) == moved.resolve()
        assert h.window.undo_stack.count() == steps + 1
        assert "ep1.mp4" in h.window.statusBar().currentMessage()
        h.window.undo_stack.undo()
        assert dubbing.recorded_video(h.store, episode) == str(old.resolve())

        assert not fit.choose_video(str(tmp_path / "nothing.mp4"))
        assert h.window.undo_stack.count() == steps + 1  # nothing pushed
        assert "is not a video file" in h.window.statusBar().currentMessage()
    finally:
        await h.close()
