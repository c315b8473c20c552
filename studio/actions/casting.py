"""Cast a voice for a role, and check a voice before it is cast: the same rules for the cast panel, the
voice library's "Use for role" and ``troupe cast``.

A voice is checked with the engine's own ``prepare()`` (so presets, base voices and blends are all
accepted exactly when the engine accepts them); MiniMax voice ids belong to the account and are checked
when they are first used. Must not live here: Qt, undo commands (the window wraps ``role_with_voice``).
"""

from __future__ import annotations

import dataclasses

from studio.actions import ActionError
from studio.domain.model import EFFECTS, NO_EFFECT, Role
from studio.domain.render_key import SpeechRequest
from studio.engines.speech import EngineError, SpeechEngine
from studio.store.project_file import ProjectStore

GENDERS = ("female", "male")


def check_voice(engine: SpeechEngine, voice_id: str) -> None:
    """Raise ``ActionError`` when ``engine`` cannot speak with ``voice_id``."""
    if not voice_id.strip():
        raise ActionError("Choose a voice first.")
    if engine.name == "minimax":  # ids of the account's own voices are checked when first used
        return
    try:
        engine.prepare(SpeechRequest(engine=engine.name, voice_id=voice_id, text="."))
    except EngineError as exc:
        raise ActionError(f"{engine.name} has no voice “{voice_id}”: {exc}") from exc


def role_with_voice(role: Role, engine: str, voice_id: str | None) -> Role:
    """``role`` with ``voice_id`` bound for ``engine`` (None: unbound, so rendering casts one)."""
    voices = dict(role.voices)
    if voice_id:
        voices[engine] = voice_id
    else:
        voices.pop(engine, None)
    return dataclasses.replace(role, voices=voices)


def find_role(store: ProjectStore, name: str) -> Role:
    role = store.role_by_name(name)
    if role is None:
        names = ", ".join(r.name for r in store.roles()) or "none yet"
        raise ActionError(f"There is no role “{name}” in {store.path.name} (roles: {names}).")
    return role


def cast(store: ProjectStore, engine_name: str, role_name: str, voice_id: str,
         engine: SpeechEngine | None = None) -> Role:
    """Bind ``voice_id`` to the role called ``role_name`` for ``engine_name``, after ``engine`` checked it
    (no engine: MiniMax ids, checked when they are first used)."""
    role = find_role(store, role_name)
    if engine is not None:
        check_voice(engine, voice_id)
    after = role_with_voice(role, engine_name, voice_id)
    store.update_role(after)
    return after


def set_effect(store: ProjectStore, role_name: str, effect: str | None) -> Role:
    """Give the role called ``role_name`` a voice effect for every line of its own (None or "none": no effect)."""
    role = find_role(store, role_name)
    value = None if effect in (None, "", NO_EFFECT) else effect
    if value is not None and value not in EFFECTS:
        raise ActionError(f"There is no voice effect “{effect}”; use one of {', '.join(EFFECTS)} or none.")
    after = dataclasses.replace(role, delivery=dataclasses.replace(role.delivery, effect=value))
    store.update_role(after)
    return after


def check_gender(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in GENDERS:
        raise ActionError(f"Gender “{value}” is not one of {', '.join(GENDERS)} (or empty for unknown).")
    return value


__all__ = ["GENDERS", "cast", "check_gender", "check_voice", "find_role", "role_with_voice", "set_effect"]
