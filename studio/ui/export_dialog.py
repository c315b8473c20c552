"""The export dialog: which episodes, where and under what names, the audio (format, rate, channels,
loudness preset with its true-peak ceiling), subtitles (formats, speaker names, short-video line limits,
caption styles per role), the files for editors (stems, OpenTimelineIO, Audacity labels) and video for
short-video platforms (an MP4 over the episode's own video, a cover image, stills by time or an image per
episode; 9:16 or 16:9; captions burned in, bilingual; the video's own sound replaced or kept under).

The dialog only gathers choices: every check is the export action's (``check_batch``, or for video
``studio.actions.video.check_video_batch`` and ``check_pictures``), run as the user types, so the Export button is enabled exactly when the action would accept the request, and the sentence
under the form says why not. The choices are remembered between sessions. Must not live here: the rules
of a request (``studio.actions.export``), running the export (``export_flow``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions import export as exporting
from studio.actions import video as vid
from studio.formats.subtitles import SHORT_VIDEO_CHARS, SubtitleOptions
from studio.session.project import ProjectSession
from studio.settings import Settings

log = logging.getLogger(__name__)

THIS, ALL, SOME = "this", "all", "some"
CUSTOM = "custom"
#: The pictures a video can be made over, in the order the dialog offers them.
PICTURE_KINDS = ("source", "image", "scenes", "folder", "video")


class ExportDialog(QDialog):
    """Choices for one export (one episode or a batch); ``request()`` is the checked ``BatchRequest``, or a
    ``VideoBatchRequest`` when Video is ticked."""

    caption_styles_requested = Signal()

    def __init__(self, session: ProjectSession, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.session = session
        self.settings = settings
        self._request: exporting.BatchRequest | vid.VideoBatchRequest | None = None
        store = session.store
        episodes = store.episodes()
        open_id = session.episode.episode_id
        self._open_number = next((n for n, e in enumerate(episodes, 1) if e.id == open_id), 1)
        self._count = len(episodes)

        # --- episodes and files
        self.scope_this = QRadioButton(self.tr("This episode (%1)").replace("%1", str(self._open_number)), self)
        self.scope_this.setObjectName("scopeThis")
        self.scope_all = QRadioButton(self.tr("All %1 episodes").replace("%1", str(self._count)), self)
        self.scope_all.setObjectName("scopeAll")
        self.scope_some = QRadioButton(self.tr("Episodes:"), self)
        self.scope_some.setObjectName("scopeSome")
        self.range_edit = QLineEdit(self)
        self.range_edit.setObjectName("episodeRange")
        self.range_edit.setPlaceholderText(self.tr("e.g. 1-5, 8"))
        self._scope = QButtonGroup(self)
        for b in (self.scope_this, self.scope_all, self.scope_some):
            self._scope.addButton(b)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("exportFolder")
        self.folder_button = QPushButton(self.tr("Choose…"), self)
        self.folder_button.setObjectName("chooseExportFolder")
        self.folder_button.clicked.connect(self._choose_folder)
        self.pattern_edit = QLineEdit(self)
        self.pattern_edit.setObjectName("namePattern")
        self.pattern_edit.setToolTip(self.tr("Names of the files, one per episode. Fields: {series}, {nn} (01, 02 …), "
                                             "{n}, {title}, {lang}."))
        self.name_preview = QLabel(self)
        self.name_preview.setObjectName("namePreview")
        self.name_preview.setWordWrap(True)
        self.name_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # --- audio
        self.format_choice = QComboBox(self)
        self.format_choice.setObjectName("exportFormat")
        for fmt in exporting.AUDIO_FORMATS:
            self.format_choice.addItem(fmt.upper() if fmt != "opus" else "Opus", fmt)
        self.rate_choice = QComboBox(self)
        self.rate_choice.setObjectName("exportRate")
        project_rate = store.settings.sample_rate
        self.rate_choice.addItem(self.tr("Project (%1 Hz)").replace("%1", str(project_rate)), 0)
        for rate in exporting.SAMPLE_RATES:
            self.rate_choice.addItem(f"{rate} Hz", rate)
        self.channels_choice = QComboBox(self)
        self.channels_choice.setObjectName("exportChannels")
        self.channels_choice.addItem(self.tr("Automatic (stereo with music, effects or pans)"), "auto")
        self.channels_choice.addItem(self.tr("Mono"), "mono")
        self.channels_choice.addItem(self.tr("Stereo"), "stereo")
        self.preset_choice = QComboBox(self)
        self.preset_choice.setObjectName("loudnessPreset")
        for p in exporting.PRESETS.values():
            self.preset_choice.addItem(self._preset_label(p), p.name)
        self.preset_choice.addItem(self.tr("Custom"), CUSTOM)
        self.lufs_spin = QDoubleSpinBox(self)
        self.lufs_spin.setObjectName("exportLufs")
        self.lufs_spin.setRange(*exporting.LUFS_RANGE)
        self.lufs_spin.setDecimals(1)
        self.lufs_spin.setSingleStep(0.5)
        self.lufs_spin.setSuffix(" LUFS")
        self.peak_spin = QDoubleSpinBox(self)
        self.peak_spin.setObjectName("exportTruePeak")
        self.peak_spin.setRange(*exporting.TRUE_PEAK_RANGE)
        self.peak_spin.setDecimals(1)
        self.peak_spin.setSingleStep(0.5)
        self.peak_spin.setSuffix(" dBTP")

        # --- subtitles
        self.subtitle_boxes: dict[str, QCheckBox] = {}
        labels = {"srt": "SRT", "vtt": "WebVTT", "ass": self.tr("ASS (styled per role)"), "json": "JSON"}
        for kind in exporting.SUBTITLE_FORMATS:
            box = QCheckBox(labels.get(kind, kind.upper()), self)
            box.setObjectName(f"subtitle_{kind}")
            self.subtitle_boxes[kind] = box
        self.speaker_names = QCheckBox(self.tr("Speaker names before the text"), self)
        self.speaker_names.setObjectName("speakerNames")
        self.limits = QGroupBox(self.tr("Short-video line limits"), self)
        self.limits.setObjectName("subtitleLimits")
        self.limits.setCheckable(True)
        self.max_chars = QSpinBox(self)
        self.max_chars.setObjectName("maxChars")
        self.max_chars.setRange(4, 200)
        self.max_lines = QSpinBox(self)
        self.max_lines.setObjectName("maxLines")
        self.max_lines.setRange(1, 4)
        self.max_cps = QDoubleSpinBox(self)
        self.max_cps.setObjectName("maxCps")
        self.max_cps.setRange(1, 60)
        self.max_cps.setDecimals(0)
        self.max_cps.setSuffix(self.tr(" chars/s"))
        self.styles_button = QPushButton(self.tr("Caption styles…"), self)
        self.styles_button.setObjectName("captionStyles")
        self.styles_button.setToolTip(self.tr("Colour and position of each role's captions (ASS and video)."))
        self.styles_button.clicked.connect(self.caption_styles_requested)

        # --- editors
        self.stems = QCheckBox(self.tr("Stems: one WAV per role, music and effects"), self)
        self.stems.setObjectName("exportStems")
        self.otio = QCheckBox(self.tr("OpenTimelineIO timeline (Resolve, Premiere, Final Cut)"), self)
        self.otio.setObjectName("exportOtio")
        self.audacity = QCheckBox(self.tr("Audacity labels"), self)
        self.audacity.setObjectName("exportAudacity")

        # --- video
        self.video_group = QGroupBox(self.tr("Video (MP4 for Douyin, Kuaishou, TikTok, Shorts)"), self)
        self.video_group.setObjectName("exportVideo")
        self.video_group.setCheckable(True)
        self.picture_choice = QComboBox(self)
        self.picture_choice.setObjectName("videoPicture")
        labels = {"source": self.tr("The episode's own video (dubbing)"), "image": self.tr("A cover image"),
                  "scenes": self.tr("Stills by time (a scene list)"), "folder": self.tr("An image per episode (a folder)"),
                  "video": self.tr("A video file")}
        for kind in PICTURE_KINDS:
            self.picture_choice.addItem(labels[kind], kind)
        self.picture_edit = QLineEdit(self)
        self.picture_edit.setObjectName("videoPicturePath")
        self.picture_button = QPushButton(self.tr("Choose…"), self)
        self.picture_button.setObjectName("chooseVideoPicture")
        self.picture_button.clicked.connect(self._choose_picture)
        self.aspect_choice = QComboBox(self)
        self.aspect_choice.setObjectName("videoAspect")
        self.aspect_choice.addItem(self.tr("9:16 upright (1080×1920)"), "9:16")
        self.aspect_choice.addItem(self.tr("16:9 landscape (1920×1080)"), "16:9")
        self.aspect_choice.addItem(self.tr("The video's own shape"), "")
        self.fit_choice = QComboBox(self)
        self.fit_choice.setObjectName("videoFit")
        self.fit_choice.addItem(self.tr("Black bars (pad)"), "pad")
        self.fit_choice.addItem(self.tr("Fill the frame (crop)"), "crop")
        self.burn_captions = QCheckBox(self.tr("Captions burned into the picture, inside the safe area"), self)
        self.burn_captions.setObjectName("burnCaptions")
        self.bilingual = QCheckBox(self.tr("Bilingual captions: the translation under each line"), self)
        self.bilingual.setObjectName("bilingualCaptions")
        self.karaoke = QCheckBox(self.tr("Light each word as it is heard (karaoke)"), self)
        self.karaoke.setObjectName("karaokeCaptions")
        self.karaoke.setToolTip(self.tr("The burned-in captions sweep from white to the role's colour word by word, "
                                        "timed by the takes' words; a bilingual second line is then not shown."))
        self.video_audio = QComboBox(self)
        self.video_audio.setObjectName("videoAudio")
        self.video_audio.addItem(self.tr("Replaced by the new dialogue"), "replace")
        self.video_audio.addItem(self.tr("Kept under the new dialogue"), "mix")
        self.me_edit = QLineEdit(self)
        self.me_edit.setObjectName("videoMeTrack")
        self.me_edit.setPlaceholderText(self.tr("optional: the source's music and effects, without its dialogue"))
        self.me_button = QPushButton(self.tr("Choose…"), self)
        self.me_button.setObjectName("chooseVideoMeTrack")
        self.me_button.clicked.connect(self._choose_me_track)

        self.problem = QLabel(self)
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b;")
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("startExport")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._restore(settings.get("export_choices") or {})
        for signal in (self._scope.buttonToggled, self.range_edit.textChanged, self.folder_edit.textChanged,
                       self.pattern_edit.textChanged, self.format_choice.currentIndexChanged,
                       self.rate_choice.currentIndexChanged, self.channels_choice.currentIndexChanged,
                       self.lufs_spin.valueChanged, self.peak_spin.valueChanged, self.speaker_names.toggled,
                       self.limits.toggled, self.max_chars.valueChanged, self.max_lines.valueChanged,
                       self.max_cps.valueChanged, self.stems.toggled, self.otio.toggled, self.audacity.toggled,
                       *(b.toggled for b in self.subtitle_boxes.values()), self.video_group.toggled,
                       self.picture_choice.currentIndexChanged, self.picture_edit.textChanged,
                       self.aspect_choice.currentIndexChanged, self.fit_choice.currentIndexChanged,
                       self.burn_captions.toggled, self.bilingual.toggled, self.karaoke.toggled,
                       self.video_audio.currentIndexChanged,
                       self.me_edit.textChanged):
            signal.connect(self.check)
        self.preset_choice.currentIndexChanged.connect(self._preset_changed)
        self._preset_changed()
        self.check()

    def _preset_label(self, p: exporting.LoudnessPreset) -> str:
        names = {"short-video": self.tr("Short video"), "podcast": self.tr("Podcast"),
                 "streaming": self.tr("Music streaming"), "ebu-r128": self.tr("Broadcast, EBU R128"),
                 "atsc": self.tr("Broadcast, ATSC A/85")}
        unit = "LKFS" if p.name == "atsc" else "LUFS"
        return f"{names.get(p.name, p.label)} ({p.lufs:g} {unit}, {p.true_peak_db:g} dBTP)"

    def _lay_out(self) -> None:
        files = QGroupBox(self.tr("Episodes and files"), self)
        form = QFormLayout(files)
        scope = QVBoxLayout()
        scope.addWidget(self.scope_this)
        scope.addWidget(self.scope_all)
        some = QHBoxLayout()
        some.addWidget(self.scope_some)
        some.addWidget(self.range_edit, 1)
        scope.addLayout(some)
        form.addRow(self.tr("Export"), scope)
        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(self.folder_button)
        form.addRow(self.tr("Folder"), folder)
        form.addRow(self.tr("Names"), self.pattern_edit)
        form.addRow("", self.name_preview)

        audio = QGroupBox(self.tr("Audio"), self)
        form = QFormLayout(audio)
        form.addRow(self.tr("Format"), self.format_choice)
        form.addRow(self.tr("Sample rate"), self.rate_choice)
        form.addRow(self.tr("Channels"), self.channels_choice)
        form.addRow(self.tr("Loudness"), self.preset_choice)
        level = QHBoxLayout()
        level.addWidget(self.lufs_spin)
        level.addWidget(QLabel(self.tr("true peak at most"), self))
        level.addWidget(self.peak_spin)
        level.addStretch(1)
        form.addRow("", level)

        subs = QGroupBox(self.tr("Subtitles"), self)
        lay = QVBoxLayout(subs)
        kinds = QHBoxLayout()
        for box in self.subtitle_boxes.values():
            kinds.addWidget(box)
        kinds.addStretch(1)
        lay.addLayout(kinds)
        lay.addWidget(self.speaker_names)
        limits = QFormLayout(self.limits)
        limits.addRow(self.tr("Characters per line"), self.max_chars)
        limits.addRow(self.tr("Lines per caption"), self.max_lines)
        limits.addRow(self.tr("Reading speed at most"), self.max_cps)
        lay.addWidget(self.limits)
        styles = QHBoxLayout()
        styles.addWidget(self.styles_button)
        styles.addStretch(1)
        lay.addLayout(styles)

        editors = QGroupBox(self.tr("For editors and mixers"), self)
        lay = QVBoxLayout(editors)
        for box in (self.stems, self.otio, self.audacity):
            lay.addWidget(box)

        video = QGridLayout(self.video_group)
        video.addWidget(QLabel(self.tr("Picture"), self), 0, 0)
        video.addWidget(self.picture_choice, 0, 1)
        path = QHBoxLayout()
        path.addWidget(self.picture_edit, 1)
        path.addWidget(self.picture_button)
        video.addLayout(path, 0, 2, 1, 2)
        video.addWidget(QLabel(self.tr("Shape"), self), 1, 0)
        video.addWidget(self.aspect_choice, 1, 1)
        video.addWidget(QLabel(self.tr("Other shapes"), self), 1, 2)
        video.addWidget(self.fit_choice, 1, 3)
        video.addWidget(QLabel(self.tr("The video's own sound"), self), 2, 0)
        video.addWidget(self.video_audio, 2, 1)
        video.addWidget(QLabel(self.tr("Music and effects"), self), 3, 0)
        me = QHBoxLayout()
        me.addWidget(self.me_edit, 1)
        me.addWidget(self.me_button)
        video.addLayout(me, 3, 1, 1, 3)
        video.addWidget(self.burn_captions, 4, 0, 1, 2)
        video.addWidget(self.bilingual, 4, 2, 1, 2)
        video.addWidget(self.karaoke, 5, 0, 1, 2)
        video.setColumnStretch(2, 1)

        grid = QGridLayout()
        grid.addWidget(files, 0, 0)
        grid.addWidget(audio, 1, 0)
        grid.addWidget(subs, 0, 1)
        grid.addWidget(editors, 1, 1)
        grid.addWidget(self.video_group, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(grid)
        outer.addWidget(self.problem)
        outer.addWidget(self.buttons)

    # ---------------------------------------------------------------- choices

    def _default_folder(self) -> str:
        """The folder exported to last, else the project's, else (a folder that cannot be written, as a
        read-only project's often is) the home folder."""
        saved = self.settings.get("last_export_dir")
        if saved and Path(saved).is_dir() and os.access(saved, os.W_OK):
            return saved
        beside = Path(self.session.store.path).resolve().parent
        return str(beside) if os.access(beside, os.W_OK) else str(Path.home())

    def _restore(self, saved: dict[str, Any]) -> None:
        scope = saved.get("scope", THIS)
        {THIS: self.scope_this, ALL: self.scope_all, SOME: self.scope_some}.get(scope, self.scope_this).setChecked(True)
        self.range_edit.setText(str(saved.get("episodes", "")))
        self.folder_edit.setText(self._default_folder())
        self.pattern_edit.setText(str(saved.get("pattern") or exporting.DEFAULT_PATTERN))
        fmt = saved.get("format") or self.settings.get("audio_format") or "mp3"
        _select(self.format_choice, fmt if fmt in exporting.AUDIO_FORMATS else "mp3")
        _select(self.rate_choice, int(saved.get("rate") or 0))
        _select(self.channels_choice, saved.get("channels", "auto"))
        _select(self.preset_choice, saved.get("preset", "short-video"))
        project = self.session.store.settings
        self.lufs_spin.setValue(float(saved.get("lufs", project.lufs)))
        self.peak_spin.setValue(float(saved.get("true_peak", project.true_peak_db)))
        kinds = saved.get("subtitles", ["srt"])
        for kind, box in self.subtitle_boxes.items():
            box.setChecked(kind in kinds)
        self.speaker_names.setChecked(bool(saved.get("speaker_names", False)))
        language = self.session.episode.language if self.session.episode.episode_id is not None else "zh"
        zh = language.split("-")[0] == "zh"
        self.limits.setChecked(bool(saved.get("limits", False)))
        self.max_chars.setValue(int(saved.get("max_chars", SHORT_VIDEO_CHARS["zh" if zh else "en"])))
        self.max_lines.setValue(int(saved.get("max_lines", 2)))
        self.max_cps.setValue(float(saved.get("max_cps", 9 if zh else 17)))
        self.stems.setChecked(bool(saved.get("stems", False)))
        self.otio.setChecked(bool(saved.get("otio", False)))
        self.audacity.setChecked(bool(saved.get("audacity", False)))
        dub = self._open_is_dub()
        self.video_group.setChecked(bool(saved.get("video", False)))
        kind = saved.get("picture_kind") or ("source" if dub else "image")
        _select(self.picture_choice, kind if kind in PICTURE_KINDS else "image")
        self.picture_edit.setText(str(saved.get("picture_path", "")))
        _select(self.aspect_choice, saved.get("aspect", "9:16"))
        _select(self.fit_choice, saved.get("fit", "pad"))
        self.burn_captions.setChecked(bool(saved.get("burn_captions", True)))
        self.bilingual.setChecked(bool(saved.get("bilingual", False)))
        self.karaoke.setChecked(bool(saved.get("karaoke_captions", False)))
        _select(self.video_audio, saved.get("video_audio", "replace"))
        self.me_edit.setText(str(saved.get("me_track", "")))

    def _open_is_dub(self) -> bool:
        episode_id = self.session.episode.episode_id
        return episode_id is not None and bool(self.session.store.episode_mix(episode_id).source_video)

    def choices(self) -> dict[str, Any]:
        """What the user chose, as the settings keep it."""
        scope = THIS if self.scope_this.isChecked() else ALL if self.scope_all.isChecked() else SOME
        return {"scope": scope, "episodes": self.range_edit.text().strip(), "pattern": self.pattern_edit.text(),
                "format": self.format_choice.currentData(), "rate": self.rate_choice.currentData(),
                "channels": self.channels_choice.currentData(), "preset": self.preset_choice.currentData(),
                "lufs": self.lufs_spin.value(), "true_peak": self.peak_spin.value(),
                "subtitles": [k for k, b in self.subtitle_boxes.items() if b.isChecked()],
                "speaker_names": self.speaker_names.isChecked(), "limits": self.limits.isChecked(),
                "max_chars": self.max_chars.value(), "max_lines": self.max_lines.value(),
                "max_cps": self.max_cps.value(), "stems": self.stems.isChecked(), "otio": self.otio.isChecked(),
                "audacity": self.audacity.isChecked(), "video": self.video_group.isChecked(),
                "picture_kind": self.picture_choice.currentData(), "picture_path": self.picture_edit.text().strip(),
                "aspect": self.aspect_choice.currentData(), "fit": self.fit_choice.currentData(),
                "burn_captions": self.burn_captions.isChecked(), "bilingual": self.bilingual.isChecked(),
                "karaoke_captions": self.karaoke.isChecked(),
                "video_audio": self.video_audio.currentData(), "me_track": self.me_edit.text().strip()}

    def _episodes(self) -> str:
        if self.scope_this.isChecked():
            return str(self._open_number)
        if self.scope_all.isChecked():
            return "all"
        text = self.range_edit.text().strip()
        if not text:
            raise ActionError(self.tr("Say which episodes to export, e.g. 1-5 or 2,4."))
        return text

    def _preset_changed(self) -> None:
        name = self.preset_choice.currentData()
        custom = name == CUSTOM
        if not custom:
            chosen = exporting.PRESETS[name]
            for spin, value in ((self.lufs_spin, chosen.lufs), (self.peak_spin, chosen.true_peak_db)):
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
        self.lufs_spin.setEnabled(custom)
        self.peak_spin.setEnabled(custom)
        self.check()

    # ---------------------------------------------------------------- checking

    def _build(self) -> exporting.BatchRequest | vid.VideoBatchRequest:
        c = self.choices()
        options = None
        if c["speaker_names"] or c["limits"]:
            options = SubtitleOptions(speaker_names=c["speaker_names"])
            if c["limits"]:
                options = SubtitleOptions(max_chars=c["max_chars"], max_lines=c["max_lines"], max_cps=c["max_cps"],
                                          max_duration_ms=7000, min_duration_ms=700,
                                          speaker_names=c["speaker_names"])
        preset_name = None if c["preset"] == CUSTOM else c["preset"]
        if c["video"]:
            return self._build_video(c, options, preset_name)
        stereo = {"auto": None, "mono": False, "stereo": True}[c["channels"]]
        return exporting.check_batch(
            self.session.store, c_folder(self.folder_edit.text()), episodes=self._episodes(), pattern=c["pattern"],
            format=c["format"], subtitles=c["subtitles"] or "none", preset_name=preset_name,
            lufs=None if preset_name else c["lufs"], true_peak_db=None if preset_name else c["true_peak"],
            sample_rate=c["rate"] or None, stereo=stereo, stems=c["stems"], otio=c["otio"], audacity=c["audacity"],
            subtitle_options=options)

    def _build_video(self, c: dict[str, Any], options: SubtitleOptions | None,
                     preset_name: str | None) -> vid.VideoBatchRequest:
        kind = c["picture_kind"]
        picture = None
        if kind != "source":
            if not c["picture_path"]:
                raise ActionError(self.tr("Choose the picture of the video: %1.")
                                  .replace("%1", self.picture_choice.currentText().lower()))
            picture = c["picture_path"]
        batch = vid.check_video_batch(
            self.session.store, c_folder(self.folder_edit.text()), episodes=self._episodes(), pattern=c["pattern"],
            video=picture, aspect=c["aspect"] or None, captions=c["burn_captions"], bilingual=c["bilingual"],
            speaker_names=c["speaker_names"], subtitles=c["subtitles"] or "none", preset_name=preset_name,
            lufs=None if preset_name else c["lufs"], true_peak_db=None if preset_name else c["true_peak"],
            sample_rate=c["rate"] or None, source_audio=c["video_audio"], fit=c["fit"], subtitle_options=options,
            me_track=c["me_track"] or None, caption_style=vid.KARAOKE if c["karaoke_captions"] else "plain")
        if batch.options.backdrop.kind != kind:
            raise ActionError(self.tr("“%1” is not what the picture is set to (%2); choose another file or change "
                                      "the picture.").replace("%1", Path(picture or "").name)
                              .replace("%2", self.picture_choice.currentText()))
        vid.check_pictures(self.session.store, [item.episode_id for item in batch.items], batch.options)
        return batch

    def _enable_video(self) -> None:
        video = self.video_group.isChecked()
        for widget in (self.format_choice, self.channels_choice, self.stems, self.otio, self.audacity):
            widget.setEnabled(not video)  # a video's sound is stereo AAC; the editors' files go with audio
        kind = self.picture_choice.currentData()
        # an unticked Video box greys its controls; enabling one here must not wake it up
        self.picture_edit.setEnabled(video and kind != "source")
        self.picture_button.setEnabled(video and kind != "source")
        self.fit_choice.setEnabled(video and (self.aspect_choice.currentData() != "" or kind != "video"))
        self.video_audio.setEnabled(video and kind in ("source", "video"))
        if kind not in ("source", "video") and self.video_audio.currentData() != "replace":
            _select(self.video_audio, "replace")

    def check(self, *_args: object) -> bool:
        """Check the choices as the export action does; say what is wrong and enable Export when nothing is."""
        self.range_edit.setEnabled(self.scope_some.isChecked())
        self._enable_video()
        self.audacity.setToolTip("" if self.stems.isChecked() else self.tr("Labels go best with stems: tick Stems too."))
        try:
            request = self._build()
        except ActionError as exc:
            self._request = None
            self.problem.setText(str(exc))
            self.name_preview.setText("")
            self.export_button.setEnabled(False)
            return False
        self._request = request
        self.problem.setText("")
        self.export_button.setEnabled(True)
        names = [item.out.name for item in request.items]
        shown = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
        extra = [f".{k}" for k in request.options.subtitles]
        text = self.tr("%1 file(s): %2").replace("%1", str(len(names))).replace("%2", shown)
        if extra:
            text += " " + self.tr("with %1").replace("%1", " ".join(extra))
        self.name_preview.setText(text)
        return True

    def request(self) -> exporting.BatchRequest | vid.VideoBatchRequest | None:
        """The checked request for the current choices (None while something is wrong)."""
        return self._request if self.check() else None

    def _choose_picture(self) -> None:
        kind = self.picture_choice.currentData()
        start = self.picture_edit.text().strip() or self.folder_edit.text()
        if kind == "folder":
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder of images, one per episode"), start)
        else:
            images = " ".join(f"*{s}" for s in vid.IMAGE_SUFFIXES)
            videos = " ".join(f"*{s}" for s in vid.VIDEO_SUFFIXES)
            filters = {"image": self.tr("Images (%1)").replace("%1", images),
                       "scenes": self.tr("Scene lists (*.txt *.csv *.tsv)"),
                       "video": self.tr("Videos (%1)").replace("%1", videos)}
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Picture of the video"), start, filters[kind])
        if chosen:
            self.picture_edit.setText(chosen)

    def _choose_me_track(self) -> None:
        start = self.me_edit.text().strip() or self.folder_edit.text()
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Music and effects track"), start,
                                                self.tr("Audio (*.wav *.flac *.mp3 *.m4a *.aac *.ogg *.opus)"))
        if chosen:
            self.me_edit.setText(chosen)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _accept(self) -> None:
        if self.request() is None:
            return
        try:
            self.settings.set("export_choices", self.choices())
            self.settings.set("last_export_dir", str(Path(self.folder_edit.text()).expanduser().resolve()))
            self.settings.set("audio_format", self.format_choice.currentData())
        except (OSError, ValueError):
            log.info("export choices not remembered", exc_info=True)
        self.accept()


def c_folder(text: str) -> Path:
    return Path(text.strip() or ".").expanduser()


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class CaptionStylesDialog(QDialog):
    """Each role's caption colour and position (ASS subtitles, burned-in video captions)."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captionStylesDialog")
        self.setWindowTitle(self.tr("Caption styles"))
        self.session = session
        store = session.store
        self.roles = store.roles()
        settings = store.settings
        self.table = QTableWidget(len(self.roles), 3, self)
        self.table.setObjectName("captionStyleTable")
        self.table.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Colour"), self.tr("Position")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.colours: dict[int, str] = {}
        self.positions: dict[int, QComboBox] = {}
        for row, role in enumerate(self.roles):
            style = exporting.caption_style(role, settings)
            name = QTableWidgetItem(role.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            button = QPushButton(style.colour, self.table)
            button.setObjectName(f"captionColour{row}")
            self._paint(button, style.colour)
            button.clicked.connect(lambda _c=False, r=role.id, b=button: self._pick(r, b))
            self.table.setCellWidget(row, 1, button)
            self.colours[role.id] = style.colour
            combo = QComboBox(self.table)
            combo.setObjectName(f"captionPosition{row}")
            for value, label in (("bottom", self.tr("Bottom")), ("middle", self.tr("Middle")), ("top", self.tr("Top"))):
                combo.addItem(label, value)
            _select(combo, style.position)
            self.table.setCellWidget(row, 2, combo)
            self.positions[role.id] = combo
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        note = QLabel(self.tr("How each role's captions look in ASS subtitles and in video. A role's colour is "
                              "its table colour until you pick another."), self)
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(460, min(520, 160 + 34 * len(self.roles)))

    @staticmethod
    def _paint(button: QPushButton, colour: str) -> None:
        text = "#000000" if QColor(colour).lightness() > 128 else "#ffffff"
        button.setStyleSheet(f"background: {colour}; color: {text};")
        button.setText(colour)

    def _pick(self, role_id: int, button: QPushButton) -> None:
        chosen = QColorDialog.getColor(QColor(self.colours[role_id]), self, self.tr("Caption colour"))
        if chosen.isValid():
            self.set_colour(role_id, chosen.name())
            self._paint(button, chosen.name())

    def set_colour(self, role_id: int, colour: str) -> None:
        self.colours[role_id] = colour

    def set_position(self, role_id: int, position: str) -> None:
        _select(self.positions[role_id], position)

    def settings_after(self):  # noqa: ANN201 - ProjectSettings
        """The project's settings with the chosen styles (raises ActionError for a bad colour)."""
        settings = self.session.store.settings
        for role in self.roles:
            colour = self.colours[role.id]
            settings = exporting.with_caption_style(settings, role.id, "" if colour == role.colour else colour,
                                                    self.positions[role.id].currentData())
        return settings
