"""Blends of MiniMax voices: the voice-id spec a role is cast with, and the ``timbre_weights`` it becomes.

A blend mixes two to four MiniMax voices (system, cloned or designed) with whole-number weights from 1 to
100; a higher weight sounds closer to that voice. It is written as one voice id so a role can be cast
with it like any other voice and the render key names it::

    mix:female-shaonv*60+male-qn-jingying*40

``mix:`` marks the blend, ``+`` separates the parts and ``*`` gives each part's weight (the last ``*`` of
a part, so ids with spaces or brackets such as ``Chinese (Mandarin)_News_Anchor`` work). A voice id that
contains ``+`` cannot be blended. ``MiniMaxEngine.prepare`` checks the spec with ``parse_blend`` and
``request_body`` sends it as ``timbre_weights`` with ``voice_setting.voice_id`` left empty, as MiniMax's
contract asks. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from studio.engines.minimax.errors import InvalidRequestError

BLEND_PREFIX = "mix:"
MIN_PARTS = 2
MAX_PARTS = 4
MIN_WEIGHT = 1
MAX_WEIGHT = 100
EXAMPLE = "mix:female-shaonv*60+male-qn-jingying*40"


@dataclass(frozen=True)
class BlendPart:
    """One voice of a blend and its weight (a whole number from 1 to 100)."""

    voice_id: str
    weight: int


def is_blend(voice_id: str) -> bool:
    """Whether ``voice_id`` is a blend spec (starts with ``mix:``)."""
    return voice_id.strip().lower().startswith(BLEND_PREFIX)


def _refuse(sentence: str) -> InvalidRequestError:
    return InvalidRequestError(sentence, code="timbre_weights")


def check_parts(parts: Iterable[BlendPart], where: str = "") -> tuple[BlendPart, ...]:
    """The parts when they make a blend MiniMax accepts; otherwise an InvalidRequestError with a sentence."""
    out = tuple(parts)
    if not MIN_PARTS <= len(out) <= MAX_PARTS:
        raise _refuse(f"A MiniMax blend{where} mixes two to four voices, not {len(out)}: "
                      f"write it like {EXAMPLE}.")
    seen: set[str] = set()
    for part in out:
        vid = part.voice_id
        if not vid.strip():
            raise _refuse(f"A voice of the blend{where} has no id: write it like {EXAMPLE}.")
        if "+" in vid or is_blend(vid):
            raise _refuse(f"The blend{where} cannot contain {vid!r}: a blend is made of plain voices, "
                          f"not of other blends.")
        if isinstance(part.weight, bool) or not isinstance(part.weight, int) or \
                not MIN_WEIGHT <= part.weight <= MAX_WEIGHT:
            raise _refuse(f"The weight of {vid!r} in the blend{where} is {part.weight!r}; weights are whole "
                          f"numbers from 1 to 100.")
        if vid in seen:
            raise _refuse(f"The blend{where} names {vid!r} twice: give each voice once with its weight.")
        seen.add(vid)
    return out


def parse_blend(spec: str, where: str = "") -> tuple[BlendPart, ...]:
    """The parts of ``mix:a*60+b*40``; an InvalidRequestError with a sentence when it is malformed."""
    text = spec.strip()
    if not is_blend(text):
        raise _refuse(f"{spec!r}{where} is not a blend: a blend starts with 'mix:', like {EXAMPLE}.")
    body = text[len(BLEND_PREFIX):]
    parts: list[BlendPart] = []
    for raw in body.split("+"):
        piece = raw.strip()
        if "*" not in piece:
            raise _refuse(f"The blend part {piece!r}{where} has no weight: write voice*weight, like {EXAMPLE}.")
        vid, _, weight_text = piece.rpartition("*")
        weight_text = weight_text.strip()
        if not weight_text.isdigit():
            raise _refuse(f"The weight of {vid.strip()!r} in the blend{where} is {weight_text!r}; weights are "
                          f"whole numbers from 1 to 100.")
        parts.append(BlendPart(vid.strip(), int(weight_text)))
    return check_parts(parts, where)


def blend_spec(parts: Iterable[BlendPart]) -> str:
    """The canonical spec of checked parts, e.g. ``mix:female-shaonv*60+male-qn-jingying*40``."""
    checked = check_parts(parts)
    return BLEND_PREFIX + "+".join(f"{p.voice_id}*{p.weight}" for p in checked)


def timbre_weights(parts: Iterable[BlendPart]) -> list[dict[str, Any]]:
    """The ``timbre_weights`` array of a t2a_v2 request."""
    return [{"voice_id": p.voice_id, "weight": p.weight} for p in parts]
