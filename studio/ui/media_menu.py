"""The window's music and sound effects: the Episode menu's "Music bed…", "Add sound effect…" and "Stereo
export", the timeline's music and effects lanes (dragging, Delete, double-click, files dropped on them), and a
role's pan from the cast panel's menu. ``install(window)`` builds it all on a main window, once (with the
timeline's silence trims and context menu, ``trim_edits``).

Every edit is one undo command on the window's stack (``media_commands``), one store transaction each way;
files are read off the UI thread; file choosers start in the folder music or effects came from last
(remembered in the settings). The rules are the media actions' (``studio.actions.media``).
Must not live here: drawing the lanes (``timeline_media``), the maths of the bed, SQLite.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QToolButton

from studio.actions import ActionError, media
from studio.audio.decode import MediaFile
from studio.domain.media import EffectClip, MusicBed
from studio.store import events as ev
from studio.ui import media_commands as mc
from studio.ui.media_dialogs import EffectDialog, MusicBedDialog, audio_filter
from studio.ui.media_lanes import MediaLanes
from studio.ui.timeline import EFFECTS, MUSIC, format_time

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

log = logging.getLogger(__name__)

FIRST_DOCK_SHARE = 0.4  # the most of the window's height the first layout gives the timeline


class MediaEdits(QObject):
    """The music and effects of the window's open episode, as the user edits them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.runner = window.runner
        self.view = window.timeline_view
        self.settings = window.services.settings
        self.lanes = MediaLanes(self.session, self.view, window.tasks, self)
        self.music_dialog: MusicBedDialog | None = None
        self.effect_dialog: EffectDialog | None = None
        self._previewing = False
        self._build_actions()
        self.view.set_media_lanes(True)
        self.view.effect_moved.connect(self.move_effect)
        self.view.effect_remove_requested.connect(self.remove_effect)
        self.view.effect_edit_requested.connect(self.edit_effect)
        self.view.music_edit_requested.connect(self.ask_music_bed)
        self.view.file_dropped.connect(self._dropped)
        self.lanes.refreshed.connect(self._sync_actions)
        unsubscribe = self.session.subscribe(self._on_session)
        detach = self.lanes.detach
        window.destroyed.connect(lambda *_a: (unsubscribe(), detach()))
        self.lanes.refresh()
        # the window's first layout (no layout of the user's saved yet) makes room for the two lanes, once the
        # first episode's clips are on the timeline
        self._first_layout = not self.settings.get("window_state")
        if self._first_layout:
            self.view.installEventFilter(self)
            self.view.clips_changed.connect(self._first_fit_later)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() == QEvent.Type.Show:
            self._first_fit_later()
        return False

    def _first_fit_later(self) -> None:
        if self._first_layout and self.view.isVisible():
            QTimer.singleShot(0, self._first_fit)

    def _first_fit(self) -> None:
        if not self._first_layout or not self.view.isVisible() or not self.view.clips():
            return
        self._first_layout = False
        self.view.removeEventFilter(self)
        self.view.clips_changed.disconnect(self._first_fit_later)
        self.make_room_for_lanes()

    def make_room_for_lanes(self) -> int:
        """Grow the docked timeline so every lane shows without scrolling, up to 40 % of the window's
        height; returns by how many pixels."""
        w, dock = self.window, self.window.timeline_dock
        if dock.isFloating() or not dock.isVisible():
            return 0
        grow = min(self.view.lanes_shortfall(), round(w.height() * FIRST_DOCK_SHARE) - dock.height())
        if grow <= 0:
            return 0
        w.resizeDocks([dock], [dock.height() + grow], Qt.Orientation.Vertical)
        return grow

    @property
    def store(self):  # noqa: ANN201
        return self.session.store

    def _say(self, text: str) -> None:
        self.window.show_message(text)

    def _episode(self) -> int | None:
        episode = self.session.episode.episode_id
        if episode is None:
            self._say(self.tr("Open an episode first."))
        return episode

    # ---------------------------------------------------------------- menus

    def _build_actions(self) -> None:
        w = self.window

        def action(text: str, name: str, slot, tip: str = "", checkable: bool = False) -> QAction:  # noqa: ANN001
            act = QAction(text, w)
            act.setObjectName(name)
            act.setCheckable(checkable)
            if tip:
                act.setToolTip(tip)
                act.setStatusTip(tip)
            act.triggered.connect(slot)
            w.addAction(act)
            return act

        self.act_music = action(self.tr("&Music bed…"), "actionMusicBed", lambda _c=False: self.ask_music_bed(),
                                self.tr("Music under the episode: its file, volume, fades and ducking under speech"))
        self.act_add_effect = action(self.tr("Add sound &effect…"), "actionAddEffect",
                                     lambda _c=False: self.ask_add_effect(),
                                     self.tr("A sound at the playhead, or with the selected line"))
        self.act_stereo = action(self.tr("S&tereo export"), "actionStereo", self.set_stereo,
                                 self.tr("Export this episode in stereo even without music, effects or pans"), True)
        menu = self._episode_menu()
        if menu is not None:
            menu.addSeparator()
            menu.addActions([self.act_music, self.act_add_effect, self.act_stereo])
        self.act_pan = QAction(self.tr("Pan…"), w.cast_panel)
        self.act_pan.setObjectName("rolePan")
        self.act_pan.setToolTip(self.tr("Place the role from left to right in a stereo export"))
        self.act_pan.triggered.connect(lambda _c=False: self.ask_pan())
        w.cast_panel.table.addAction(self.act_pan)  # the cast table's context menu
        more = w.cast_panel.findChild(QToolButton, "roleMore")
        if more is not None and more.menu() is not None:
            more.menu().addAction(self.act_pan)

    def _episode_menu(self) -> QMenu | None:
        for act in self.window.menuBar().actions():
            menu = act.menu()
            if isinstance(menu, QMenu) and self.window.act_ep_new in menu.actions():
                return menu
        return None

    def _sync_actions(self) -> None:
        episode = self.session.episode.episode_id
        for act in (self.act_music, self.act_add_effect, self.act_stereo):
            act.setEnabled(episode is not None)
        self.act_stereo.blockSignals(True)
        self.act_stereo.setChecked(episode is not None and self.store.episode_mix(episode).stereo)
        self.act_stereo.blockSignals(False)

    def _on_session(self, event: object) -> None:
        if isinstance(event, ev.EpisodeMixChanged) and event.episode_id == self.session.episode.episode_id:
            self._sync_actions()

    # ---------------------------------------------------------------- folders

    def media_folder(self) -> str:
        saved = self.settings.get("last_media_dir")
        if saved and Path(saved).is_dir():
            return str(saved)
        return str(Path(self.store.path).parent)

    def remember_folder(self, folder: str) -> None:
        try:
            self.settings.set("last_media_dir", folder)
        except (OSError, ValueError):
            log.info("the media folder was not remembered", exc_info=True)

    def _choose_file(self, title: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, title, self.media_folder(), audio_filter())
        if not path:
            return None
        self.remember_folder(str(Path(path).parent))
        return path

    async def _read(self, path: str, kind: str) -> MediaFile | None:
        try:
            return await asyncio.to_thread(media.read_media, path, kind)
        except ActionError as exc:
            self._say(str(exc))
            return None

    # ---------------------------------------------------------------- music bed

    def ask_music_bed(self) -> MusicBedDialog | None:
        """Episode ▸ Music bed…: the dialog for the open episode's bed."""
        episode = self._episode()
        if episode is None:
            return None
        if self.music_dialog is not None:
            self.music_dialog.raise_()
            self.music_dialog.activateWindow()
            return self.music_dialog
        dialog = MusicBedDialog(self.store.episode(episode).title, self.store.music_bed(episode), self.media_folder,
                                self.remember_folder, self.window)
        dialog.accepted.connect(lambda: self._apply_music_dialog(dialog, episode))
        dialog.remove_requested.connect(lambda: (self.clear_music(episode), dialog.reject()))
        dialog.preview_toggled.connect(lambda on: self._preview(dialog, episode, on))
        dialog.draft_changed.connect(lambda: self._preview_changed(dialog, episode))
        dialog.finished.connect(lambda _r: self._music_dialog_closed())
        self.music_dialog = dialog
        dialog.open()
        return dialog

    def _music_dialog_closed(self) -> None:
        self._end_preview()
        if self.music_dialog is not None:
            self.music_dialog.deleteLater()
        self.music_dialog = None

    def _apply_music_dialog(self, dialog: MusicBedDialog, episode: int) -> None:
        try:
            bed = dialog.draft()
        except ActionError as exc:
            self._say(str(exc))
            return
        audio = dialog.audio()
        if audio is not None:
            self.set_music(episode, bed, audio)
            return
        current = self.store.music_bed(episode)
        if current is not None and current != bed:
            if self.runner.run(mc.EditMusicBed(self.store, episode, current, bed, self.tr("Change music bed"))):
                self._say(self.tr("Music bed changed."))

    def set_music(self, episode: int, bed: MusicBed, audio: bytes) -> bool:
        """Give ``episode`` the bed ``bed`` with ``audio``: one undo step."""
        ok = self.runner.run(mc.SetMusicBed(self.store, episode, bed, audio, self.tr("Set music bed")))
        if ok:
            self._say(self.tr("Music bed “%1” set; it plays under the episode and ducks under speech.")
                      .replace("%1", bed.name) if bed.ducking.enabled else
                      self.tr("Music bed “%1” set; it plays under the episode.").replace("%1", bed.name))
        return ok

    def clear_music(self, episode: int | None = None) -> bool:
        episode = episode if episode is not None else self._episode()
        if episode is None or self.store.music_bed(episode) is None:
            return False
        ok = self.runner.run(mc.ClearMusicBed(self.store, episode, self.tr("Remove music bed")))
        if ok:
            self._say(self.tr("Music bed removed. Undo (Ctrl+Z) brings it back."))
        return ok

    async def set_music_file(self, path: str) -> bool:
        """A file dropped on the music lane: the open episode's bed, keeping the settings it had."""
        episode = self._episode()
        if episode is None:
            return False
        sound = await self._read(path, media.MUSIC)
        if sound is None:
            return False
        try:
            bed = media.bed_of(sound, self.store.music_bed(episode))
        except ActionError as exc:
            self._say(str(exc))
            return False
        return self.set_music(episode, bed, sound.data)

    # ---------------------------------------------------------------- preview through the transport

    def _preview(self, dialog: MusicBedDialog, episode: int, on: bool) -> None:
        playback = self.window.playback
        if not on:
            self._end_preview()
            return
        if not playback.available():
            self._say(playback.reason())
            dialog.show_error(playback.reason())
            dialog.stop_preview()
            return
        if not self._set_preview(dialog, episode):
            dialog.stop_preview()
            return
        self._previewing = True
        playback.play_at(self.view.playhead())

    def _set_preview(self, dialog: MusicBedDialog, episode: int) -> bool:
        try:
            bed = dialog.draft()
        except ActionError as exc:
            dialog.show_error(str(exc))
            return False
        audio = dialog.audio()
        if audio is None:
            audio = self.store.music_bed_audio(episode)
        self.window.playback.bed_preview = (bed, audio)
        return True

    def _preview_changed(self, dialog: MusicBedDialog, episode: int) -> None:
        if self._previewing and self._set_preview(dialog, episode):
            playback = self.window.playback
            playback.play_at(playback.position_ms)  # go on from here with the new settings

    def _end_preview(self) -> None:
        playback = self.window.playback
        playback.bed_preview = None
        if self._previewing:
            self._previewing = False
            playback.stop()

    # ---------------------------------------------------------------- sound effects

    def _line_choices(self) -> list[tuple[int, str]]:
        roles = self.session.roles()
        out = []
        for n, plan in enumerate(self.session.episode.plans(), 1):
            line = plan.line
            role = roles.get(line.role_id) if line.role_id is not None else None
            text = line.text.replace("\n", " ")
            out.append((line.id, f"{n}. {role.name + ': ' if role else ''}{text[:32]}{'…' if len(text) > 32 else ''}"))
        return out

    def default_place(self) -> dict[str, int | None]:
        """Where "Add sound effect…" puts a sound: with the selected line when the playhead is in it (at
        the playhead's offset), else at the playhead."""
        playhead = self.view.playhead()
        ids = self.window.view.selected_line_ids()
        spot = self.window.timeline.placements.get(ids[0]) if ids else None
        if spot is not None and spot.start_ms <= playhead < spot.end_ms:
            return {"at_ms": playhead, "line_id": spot.line_id, "offset_ms": playhead - spot.start_ms}
        return {"at_ms": playhead, "line_id": None, "offset_ms": 0}

    def ask_add_effect(self) -> asyncio.Future[EffectDialog | None] | None:
        """Episode ▸ Add sound effect…: choose a file, then where it goes."""
        if self._episode() is None:
            return None
        path = self._choose_file(self.tr("Choose a sound effect"))
        if path is None:
            return None
        return asyncio.ensure_future(self.open_effect_file(path))

    async def open_effect_file(self, path: str) -> EffectDialog | None:
        """Read ``path`` and ask where the sound goes (the dialog; OK adds it as one undo step)."""
        episode = self._episode()
        if episode is None:
            return None
        sound = await self._read(path, media.EFFECT)
        if sound is None:
            return None
        place = self.default_place()
        ids = self.window.view.selected_line_ids()
        dialog = EffectDialog(sound.name, sound.duration_ms, self._line_choices(), at_ms=place["at_ms"] or 0,
                              line_id=place["line_id"] or (ids[0] if ids else None),
                              offset_ms=place["offset_ms"] or 0, parent=self.window)
        if place["line_id"] is None:
            dialog.at_time.setChecked(True)
        dialog.accepted.connect(lambda: self.add_effect(episode, sound, **dialog.placement()))  # type: ignore[arg-type]
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.effect_dialog = dialog
        dialog.open()
        return dialog

    def add_effect(self, episode: int, sound: MediaFile, *, at_ms: int | None = None, line_id: int | None = None,
                   offset_ms: int = 0, volume_db: float = 0.0) -> EffectClip | None:
        command = mc.AddEffect(self.store, episode, sound, self.tr("Add sound effect"), at_ms=at_ms,
                               line_id=line_id, offset_ms=offset_ms, volume_db=volume_db)
        if not self.runner.run(command) or command.clip is None:
            return None
        clip = command.clip
        self.view.select_effect(clip.id)
        where = (self.tr("with its line") if clip.line_id is not None
                 else self.tr("at %1").replace("%1", format_time(clip.at_ms, True)))
        self._say(self.tr("Added “%1” %2. Drag it to move it; Delete removes it.").replace("%1", clip.name)
                  .replace("%2", where))
        return clip

    async def add_effect_file(self, path: str, at_ms: int) -> EffectClip | None:
        """A file dropped on the effects lane: a sound effect at that time."""
        episode = self._episode()
        if episode is None:
            return None
        sound = await self._read(path, media.EFFECT)
        if sound is None:
            return None
        return self.add_effect(episode, sound, at_ms=max(0, at_ms))

    def _dropped(self, lane: str, path: str, at_ms: int) -> None:
        if lane == MUSIC:
            asyncio.ensure_future(self.set_music_file(path))
        elif lane == EFFECTS:
            asyncio.ensure_future(self.add_effect_file(path, at_ms))

    def move_effect(self, clip_id: int, delta_ms: int, start_ms: int) -> bool:
        """A sound effect dragged ``delta_ms`` along the timeline (an attached one changes its offset)."""
        try:
            before = self.store.effect_clip(clip_id)
        except Exception as exc:
            self._say(str(exc))
            return False
        after = media.moved(before, delta_ms, start_ms)
        if after == before:
            return False
        return self.runner.run(mc.EditEffect(self.store, before, after, self.tr("Move sound effect")))

    def remove_effect(self, clip_id: int) -> bool:
        ok = self.runner.run(mc.RemoveEffect(self.store, clip_id, self.tr("Remove sound effect")))
        if ok:
            self._say(self.tr("Sound effect removed. Undo (Ctrl+Z) brings it back."))
        return ok

    def edit_effect(self, clip_id: int) -> EffectDialog | None:
        """Double-click on a sound effect: its place and volume."""
        try:
            clip = self.store.effect_clip(clip_id)
        except Exception as exc:
            self._say(str(exc))
            return None
        start = next((e.start_ms for e in self.view.effects() if e.clip_id == clip_id and e.line_id is None), None)
        dialog = EffectDialog(clip.name, clip.duration_ms, self._line_choices(),
                              at_ms=start if start is not None else clip.at_ms, line_id=clip.line_id,
                              offset_ms=clip.offset_ms, volume_db=clip.volume_db, editing=True, parent=self.window)
        dialog.accepted.connect(lambda: self._apply_effect_dialog(clip_id, dialog))
        dialog.remove_requested.connect(lambda: (dialog.reject(), self.remove_effect(clip_id)))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.effect_dialog = dialog
        dialog.open()
        return dialog

    def _apply_effect_dialog(self, clip_id: int, dialog: EffectDialog) -> None:
        place = dialog.placement()
        before = self.store.effect_clip(clip_id)
        line_id = place["line_id"]
        after = before.with_(at_ms=int(place["at_ms"]) if line_id is None else before.at_ms,  # type: ignore[arg-type]
                             line_id=line_id, offset_ms=int(place["offset_ms"]),  # type: ignore[arg-type]
                             volume_db=float(place["volume_db"]))  # type: ignore[arg-type]
        if after != before:
            self.runner.run(mc.EditEffect(self.store, before, after, self.tr("Change sound effect")))

    # ---------------------------------------------------------------- pan and stereo

    def ask_pan(self) -> None:
        """Cast ▸ Pan…: where the selected role sits from left to right, in every episode."""
        role = self.window.cast_panel.selected_role()
        if role is None:
            self._say(self.tr("Select a role in the Cast panel first."))
            return
        episode = self.session.episode.episode_id
        now = self.store.episode_mix(episode).pan_of(role.id) if episode is not None else 0.0
        value, ok = QInputDialog.getInt(
            self.window, self.tr("Pan"),
            self.tr("Where “%1” sits in a stereo export, in every episode:\n−100 left · 0 centre · 100 right")
            .replace("%1", role.name), round(now * 100), -100, 100, 5)
        if ok:
            self.set_pan(role.id, value / 100.0)

    def set_pan(self, role_id: int, pan: float) -> bool:
        """A role's pan in every episode: one undo step, one transaction."""
        name = self.store.role(role_id).name
        ok = self.runner.run(mc.SetMixes(self.store, lambda: media.set_pan(self.store, role_id, pan),
                                         self.tr("Pan %1").replace("%1", name)))
        if ok:
            self._say(self.tr("%1 sits at %2 in every episode; a panned role makes the export stereo.")
                      .replace("%1", name).replace("%2", media.pan_label(pan)))
        return ok

    def set_stereo(self, on: bool) -> bool:
        episode = self._episode()
        if episode is None:
            return False
        ok = self.runner.run(mc.SetMixes(self.store, lambda: media.set_stereo(self.store, episode, on),
                                         self.tr("Stereo export") if on else self.tr("Mono export")))
        self._sync_actions()
        return ok


def install(window: MainWindow) -> MediaEdits:
    """Give ``window`` its music and effects lanes, menus and edits (``window.media``), and the timeline's
    silence trims and context menu (``window.trims``, ``studio.ui.trim_edits``)."""
    from studio.ui import trim_edits

    edits = MediaEdits(window)
    window.media = edits  # type: ignore[attr-defined]
    trim_edits.install(window)
    return edits


__all__ = ["MediaEdits", "install"]
