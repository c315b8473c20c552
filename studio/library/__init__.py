"""The user's voice library: every voice the user can cast, kept in the user's data folder (not a project).

Modules:

* ``entries``  — ``LibraryVoice`` (frozen) and what it carries: ``Consent``, ``BlendComponent``,
  ``SourceClip``, ``UploadedFile``; ``days_left(now)`` / ``expiry_warning(now)`` for MiniMax's 7-day rule.
* ``catalog``  — ``VoiceLibrary``: the offline presets, each engine's cached list (``refresh``), the
  user's own clones, designs and blends, last uses (``mark_used``, ``follow(engine)``), ``filter``,
  ``problem(engine)``, ``warnings()`` and change ``events``.
* ``previews`` — ``PreviewCache`` and ``preview_key``: previews by content, playable offline.
* ``matching`` — pitch and brightness of a clip, and the closest offline presets (``rank``).

A window uses it like this (the verbs that change voices on an engine are in ``studio.actions.voices``)::

    library = VoiceLibrary()                       # data_dir()/voices
    unsubscribe = library.events.subscribe(on_change)
    await library.refresh("minimax", engine)       # or library.unavailable("minimax", error)
    rows = library.filter(search="narrator", engine="minimax", language="zh")
    banner = library.problem("minimax")            # None, or "MiniMax could not be reached (…); …"
    for sentence in library.warnings(): ...        # voices that expire soon unless used
    library.follow(engine)                         # renders record each voice's last use

Qt-free; no network of its own (the engine given to ``refresh`` makes the calls).
"""

from __future__ import annotations

from studio.library.catalog import (
    LibraryEvent,
    SectionChanged,
    VoiceAdded,
    VoiceChanged,
    VoiceLibrary,
    VoiceRemoved,
    library_folder,
)
from studio.library.entries import (
    CONSENT_STATEMENT,
    KINDS,
    BlendComponent,
    Consent,
    LibraryVoice,
    SourceClip,
    UploadedFile,
)
from studio.library.previews import PreviewAudio, PreviewCache, preview_key

__all__ = ["CONSENT_STATEMENT", "KINDS", "BlendComponent", "Consent", "LibraryEvent", "LibraryVoice",
           "PreviewAudio", "PreviewCache", "SectionChanged", "SourceClip", "UploadedFile", "VoiceAdded",
           "VoiceChanged", "VoiceLibrary", "VoiceRemoved", "library_folder", "preview_key"]
