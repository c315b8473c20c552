"""Cast a voice for a role, and check a voice before it is cast: the same rules for the cast panel, the
voice library's "Use for role" and ``troupe cast``.

A voice is checked with the engine's own ``prepare()`` (so presets, base voices and blends are all
accepted exactly when the engine accepts them); MiniMax voice ids belong to the account and are checked
when they are first used. Must not live here: Qt, undo commands (the window wraps ``role_with_voice``).
"""

from __future__ import annotations

import dataclasses

from studio.actions import ActionError
from studio.domain.model import EFFECTS, NO_EFFECT, VOICE_MODIFY, Delivery, Role
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


def parse_voice_modify(text: str) -> dict[str, int | None]:
    """``"pitch=-30,timbre=20"`` (or ``none``) as the Delivery fields it sets; a sentence for anything else."""
    if text.strip().lower() in ("none", "0", ""):
        return {f"modify_{k}": None for k in VOICE_MODIFY}
    out: dict[str, int | None] = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        if not sep or name not in VOICE_MODIFY:
            raise ActionError(f"“{part.strip()}” is not a voice modify setting: write pitch=N, intensity=N or "
                              "timbre=N (N from -100 to 100), separated by commas, or none.")
        try:
            number = int(value.strip())
        except ValueError:
            raise ActionError(f"The voice modify {name} “{value.strip()}” is not a whole number from -100 to "
                              "100.") from None
        if not -100 <= number <= 100:
            raise ActionError(f"The voice modify {name} {number} is outside -100 to 100.")
        out[f"modify_{name}"] = number or None
    return out


def set_voice_modify(store: ProjectStore, role_name: str, values: dict[str, int | None]) -> Role:
    """Set the role's MiniMax voice modify fields (``modify_pitch`` …, None to clear); its lines go stale on
    MiniMax only."""
    role = find_role(store, role_name)
    unknown = set(values) - {f"modify_{k}" for k in VOICE_MODIFY}
    if unknown:
        raise ActionError(f"Unknown voice modify setting {', '.join(sorted(unknown))}.")
    delivery = dataclasses.replace(role.delivery, **values)
    problems = delivery.validate()
    if problems:
        raise ActionError(" ".join(problems))
    after = dataclasses.replace(role, delivery=delivery)
    store.update_role(after)
    return after


def describe_voice_modify(delivery: Delivery) -> str:
    """``pitch -30, timbre 20`` or ``none``."""
    values = delivery.voice_modify()
    return ", ".join(f"{k} {v:+d}" for k, v in values.items()) or "none"


def check_gender(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in GENDERS:
        raise ActionError(f"Gender “{value}” is not one of {', '.join(GENDERS)} (or empty for unknown).")
    return value


__all__ = ["GENDERS", "cast", "check_gender", "check_voice", "describe_voice_modify", "find_role",
           "parse_voice_modify", "role_with_voice", "set_effect", "set_voice_modify"]
