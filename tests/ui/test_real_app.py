"""The real ``troupe`` window, started as a user starts it, on its own Xvfb screen (see tests/realwindow.py):
quitting, closing, an edit reaching the project file, a project another Troupe holds, no display at all.

Each test starts a fresh process over a project made with ``troupe import``; together they take about
15 s on two cores.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from realwindow import ROOT, RealApp, Result, run_troupe  # tests/ is on sys.path (rootdir conftest)

from studio.store.project_file import ProjectStore

pytestmark = pytest.mark.gui

SCRIPT = ROOT / "resources" / "demo" / "script_en.txt"
# Where the "#" cell of the script table's first row is, from the window's top-left corner, in the
# window's default layout (1280x800) with fresh settings; the # column cannot be edited, so a click
# there only selects the row.
FIRST_ROW_NUMBER_CELL = (140, 112)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The app's private config, data and XDG folders."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def project(tmp_path: Path, home: Path) -> Path:
    path = tmp_path / "drama.troupe"
    done = run_troupe(["import", str(SCRIPT), str(path)], home)
    assert done.returncode == 0, f"troupe import failed:\n{done.stdout}{done.stderr}"
    return path


def wal_bytes(project: Path) -> int:
    wal = Path(f"{project}-wal")
    return wal.stat().st_size if wal.exists() else 0


def first_line_text(store: ProjectStore) -> str:
    with store:
        return store.lines(store.episodes()[0].id)[0].text


def assert_clean_exit(result: Result, how: str) -> None:
    if "Traceback" in result.output:
        pytest.fail(f"traceback after {how}, {result}")
    if result.returncode != 0:
        pytest.fail(f"{how} did not exit 0: {result}")


def test_ctrl_q_exits_0_without_traceback_and_leaves_no_wal(project: Path, home: Path) -> None:
    with RealApp(home, [str(project)]) as app:
        window = app.window()
        app.focus(window)
        app.key("ctrl+q")
        result = app.wait()
    assert_clean_exit(result, "Ctrl+Q")
    assert wal_bytes(project) == 0, f"{wal_bytes(project)} bytes left in {project.name}-wal after Ctrl+Q"


def test_closing_the_window_exits_0_without_traceback(project: Path, home: Path) -> None:
    with RealApp(home, [str(project)]) as app:
        window = app.window()
        app.close_window(window)  # WM_DELETE_WINDOW, as a window manager's close button sends it
        result = app.wait()
    assert_clean_exit(result, "closing the window")


def test_text_edited_in_the_window_is_in_the_project_file_alone_after_quit(
        project: Path, home: Path, tmp_path: Path) -> None:
    word = "zebra"
    with RealApp(home, [str(project)]) as app:
        window = app.window()
        app.focus(window)
        x, y, _, _ = app.geometry(window)
        app.click(x + FIRST_ROW_NUMBER_CELL[0], y + FIRST_ROW_NUMBER_CELL[1])  # select the first row
        app.key("Return")  # edits the row's Text cell; the cursor is at the end of the text
        app.type(f" {word}")
        app.key("Return")  # commits the edit
        app.key("ctrl+q")
        result = app.wait()
    copy = tmp_path / "copy" / project.name
    copy.parent.mkdir()
    shutil.copyfile(project, copy)  # the .troupe file only: no -wal or -shm beside it
    alone = first_line_text(ProjectStore.open(copy))
    if not alone.endswith(f" {word}"):
        wal = wal_bytes(project)
        with_wal = first_line_text(ProjectStore.open_readonly(project))
        pytest.fail(f"the first line reads {alone!r} in {project.name} alone; with its -wal file ({wal} bytes) "
                    f"it reads {with_wal!r}. The app: {result}")


def test_project_held_by_another_process_shows_a_dialog_then_exits_nonzero(project: Path, home: Path) -> None:
    with ProjectStore.open(project), RealApp(home, [str(project)]) as app:  # the test holds the project's lock
        dialog = app.window(timeout=10, dialog=True)
        app.focus(dialog)
        app.key("Return")
        result = app.wait()
    if "Traceback" in result.output:
        pytest.fail(f"traceback after the dialog, {result}")
    assert result.returncode not in (0, None), f"the app did not exit with an error code: {result}"


def test_without_a_display_the_window_exits_2_and_names_xvfb_run(project: Path, home: Path) -> None:
    done = run_troupe([str(project)], home, display=None)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 2, f"exit {done.returncode}\n{done.stdout}{done.stderr}"
    assert "xvfb-run" in done.stderr, done.stderr


def test_export_from_the_real_window_writes_the_episode_and_reports_it(project: Path, home: Path) -> None:
    """Ctrl+E, Return (Export with the dialog's defaults: this episode into the project's folder): the file
    and its subtitles are written, the report opens, and the app still quits cleanly."""
    done = run_troupe(["render", str(project), "--engine", "espeak"], home, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    with ProjectStore.open(project) as store:
        store.set_settings(store.settings.with_(engine="espeak"))
    with RealApp(home, [str(project)]) as app:
        window = app.window()
        app.focus(window)
        app.key("ctrl+e")
        dialog = app.window(dialog=True)
        app.focus(dialog)
        app.key("Return")  # Export
        end = time.monotonic() + 60
        while not (reports := [w for w in app.windows() if w != dialog and app.is_dialog(w)]):
            assert time.monotonic() < end, f"no report after the export: {app.result(running=True)}"
            time.sleep(0.1)
        app.close_window(reports[0])
        app.focus(window)
        app.key("ctrl+q")
        result = app.wait(30)
    assert_clean_exit(result, "an export and Ctrl+Q")
    audio = list(project.parent.glob("*-E01-en.wav"))
    assert len(audio) == 1 and audio[0].with_suffix(".srt").exists(), sorted(p.name for p in project.parent.iterdir())


def _checked_takes(project: Path) -> int:
    """Takes the listen-back check has heard, read beside the running app (WAL lets a reader in)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{project}?mode=ro", uri=True, timeout=2) as db:
            return db.execute("SELECT COUNT(*) FROM take_notes WHERE kind='check'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_fresh_user_hears_new_takes_back_and_can_quit_while_the_check_runs(project: Path, home: Path) -> None:
    from studio.checks import listen

    if not (listen.available() and listen.fits_machine()):
        pytest.skip("the check is off by default here (no recogniser, or a small machine)")
    with RealApp(home, [str(project)]) as app:
        window = app.window()
        app.focus(window)
        app.key("ctrl+r")  # render the stale lines; each new take is heard as it arrives
        end = time.monotonic() + 90
        while _checked_takes(project) < 1 and time.monotonic() < end:
            time.sleep(0.5)
        heard = _checked_takes(project)
        app.key("ctrl+q")  # while the renders and the check go on
        result = app.wait(30)
    assert heard >= 1, f"no take was heard back within 90 s: {result}"
    assert_clean_exit(result, "Ctrl+Q during the check")
    with ProjectStore.open(project) as store:
        assert store.take_count() >= heard
