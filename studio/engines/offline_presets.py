"""Role presets shared by the offline engines, and the text splitting both of them use.

A role preset is a named voice for a kind of character (female lead, old man, narrator, ...). The ids are
the same for Kokoro and espeak-ng, so a role bound to ``old_man`` keeps a sensible voice when the user
switches between the neural engine and the draft engine. Each engine has its own recipe per id:

* Kokoro: a blend of the five shipped style vectors, a speed factor, a pitch shift in semitones and a
  formant shift (the vocal tract's length), so roles that share a base voice differ in timbre too.
* espeak-ng: a voice variant (``f3``, ``m7`` ...), a pitch 0–99 and a rate in words per minute.

This module also holds the sentence and script splitting (Han / Latin runs) that both engines need.
Pure Python and data only (numpy to mix style vectors it is given): no model loading, no audio, no Qt, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from studio.engines.speech import Voice

__all__ = [
    "ESPEAK_RECIPES",
    "KOKORO_BASE_VOICES",
    "KOKORO_RECIPES",
    "PRESETS",
    "PRESET_IDS",
    "EspeakRecipe",
    "KokoroRecipe",
    "RolePreset",
    "kokoro_style",
    "preset_version",
    "preset_voice",
    "split_scripts",
    "split_sentences",
]


@dataclass(frozen=True)
class RolePreset:
    """What a preset is for; engine-neutral."""

    id: str
    name_zh: str
    name_en: str
    gender: str | None  # "female" | "male" | None (androgynous)
    age: str | None  # "child" | "young" | "adult" | "old"
    narrator: bool = False
    note: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.name_zh} / {self.name_en}"


@dataclass(frozen=True)
class KokoroRecipe:
    """A Kokoro voice: ``blend`` is (base voice, weight) pairs; the style is sum(w*v)/sum(w).

    A style vector has two halves: the first 128 values drive the decoder (the voice's sound), the last 128
    the prosody predictor (pitch contour and timing). ``prosody``, when given, is the blend for the second
    half, so a voice can keep one speaker's sound and speak with another's melody. ``formant`` scales the
    formants after synthesis (``studio.engines.timbre``): below 1 a longer vocal tract, above 1 a shorter.
    """

    blend: tuple[tuple[str, float], ...]
    speed: float = 1.0
    pitch: float = 0.0  # semitones; female voices stay at or below +2
    formant: float = 1.0
    prosody: tuple[tuple[str, float], ...] = ()

    @property
    def spec(self) -> str:
        return "+".join(f"{name}:{weight:g}" for name, weight in self.blend)

    @property
    def detail(self) -> str:
        """How the voice is made, for a voice list."""
        parts = [f"Kokoro {self.spec}"]
        if self.prosody:
            parts.append("prosody " + "+".join(f"{name}:{weight:g}" for name, weight in self.prosody))
        parts.append(f"speed {self.speed:g}, pitch {self.pitch:+g} st")
        if self.formant != 1.0:
            parts.append(f"formants ×{self.formant:g}")
        return ", ".join(parts)


def kokoro_style(voices: Mapping[str, np.ndarray], recipe: KokoroRecipe) -> np.ndarray:
    """The style array (510×1×256) of ``recipe`` from the base voices' arrays."""
    def mix(blend: tuple[tuple[str, float], ...]) -> np.ndarray:
        total = sum(w for _, w in blend)
        mixed = sum((voices[name] * np.float32(w) for name, w in blend), np.zeros_like(voices[blend[0][0]]))
        return np.asarray(mixed / np.float32(total))

    style = np.asarray(mix(recipe.blend), dtype=np.float32)
    if recipe.prosody:
        style = style.copy()
        style[..., 128:] = np.asarray(mix(recipe.prosody), dtype=np.float32)[..., 128:]
    return style


@dataclass(frozen=True)
class EspeakRecipe:
    """An espeak-ng voice: ``<language>+<variant>`` with pitch 0–99 and rate in words per minute."""

    variant: str
    pitch: int = 50
    rate: int = 170


PRESETS: dict[str, RolePreset] = {p.id: p for p in (
    RolePreset("female_lead", "女主", "Female lead", "female", "young", note="clear young woman"),
    RolePreset("male_lead", "男主", "Male lead", "male", "adult", note="deep adult man"),
    RolePreset("young_man", "青年男", "Young man", "male", "young", note="lighter male voice"),
    RolePreset("girl", "少女", "Girl", "female", "young", note="bright teenage girl"),
    RolePreset("child", "孩童", "Child", None, "child", note="high child-like voice"),
    RolePreset("old_man", "老年男", "Old man", "male", "old", note="low and slow"),
    RolePreset("old_woman", "老年女", "Old woman", "female", "old", note="lower and slower"),
    RolePreset("narrator", "旁白", "Narrator", "male", "adult", narrator=True, note="calm, male-leaning"),
    RolePreset("narrator_female", "女旁白", "Female narrator", "female", "adult", narrator=True,
               note="calm, measured"),
    RolePreset("second_female", "女二", "Second female", "female", "young", note="softer second heroine"),
    RolePreset("second_male", "男二", "Second male", "male", "adult", note="slightly brighter man"),
    RolePreset("teen", "少年", "Teen", None, "young", note="androgynous teenager"),
)}

PRESET_IDS: tuple[str, ...] = tuple(PRESETS)

#: The five style vectors shipped with the Kokoro v1.0 Japanese voice pack (4 female, 1 male).
KOKORO_BASE_VOICES: dict[str, tuple[str, str]] = {
    "jf_alpha": ("female", "young woman, F0 ≈ 250 Hz"),
    "jf_gongitsune": ("female", "young woman, F0 ≈ 245 Hz"),
    "jf_nezumi": ("female", "young woman, F0 ≈ 245 Hz"),
    "jf_tebukuro": ("female", "child-like, F0 ≈ 340 Hz"),
    "jm_kumo": ("male", "deep man, F0 ≈ 90 Hz"),
}

#: Roles that would otherwise share a base voice are told apart by timbre, not pitch alone: ``formant`` moves
#: the vocal tract (shorter for the younger and brighter, longer for the deeper and older), and a pitch shift
#: (by resampling) moves the formants with the pitch. Female voices stay at or below +2 semitones.
KOKORO_RECIPES: dict[str, KokoroRecipe] = {
    "female_lead": KokoroRecipe((("jf_alpha", 1.0),)),
    "male_lead": KokoroRecipe((("jm_kumo", 1.0),)),
    "young_man": KokoroRecipe((("jm_kumo", 0.55), ("jf_nezumi", 0.45)), speed=1.02),
    "girl": KokoroRecipe((("jf_nezumi", 1.0),), speed=1.05, pitch=1.0, formant=1.06),
    "child": KokoroRecipe((("jf_tebukuro", 1.0),), speed=1.0, formant=1.14),
    "old_man": KokoroRecipe((("jm_kumo", 1.0),), speed=0.85, pitch=-3.0, formant=0.95),
    "old_woman": KokoroRecipe((("jf_gongitsune", 1.0),), speed=0.9, pitch=-2.0, formant=0.95),
    "narrator": KokoroRecipe((("jm_kumo", 0.7), ("jf_alpha", 0.3)), speed=0.95, formant=0.9),
    "narrator_female": KokoroRecipe((("jf_gongitsune", 0.6), ("jf_alpha", 0.4)), speed=0.95, formant=0.91),
    "second_female": KokoroRecipe((("jf_gongitsune", 1.0),)),
    "second_male": KokoroRecipe((("jm_kumo", 0.75), ("jf_nezumi", 0.25)), formant=1.1),
    "teen": KokoroRecipe((("jm_kumo", 0.5), ("jf_alpha", 0.5)), speed=1.05, formant=1.1),
}

ESPEAK_RECIPES: dict[str, EspeakRecipe] = {
    "female_lead": EspeakRecipe("f3", pitch=70, rate=165),
    "male_lead": EspeakRecipe("m3", pitch=35, rate=160),
    "young_man": EspeakRecipe("m1", pitch=50, rate=170),
    "girl": EspeakRecipe("f4", pitch=80, rate=175),
    "child": EspeakRecipe("f5", pitch=95, rate=170),
    "old_man": EspeakRecipe("m7", pitch=20, rate=140),
    "old_woman": EspeakRecipe("f2", pitch=40, rate=145),
    "narrator": EspeakRecipe("m2", pitch=45, rate=155),
    "narrator_female": EspeakRecipe("f1", pitch=55, rate=155),
    "second_female": EspeakRecipe("f2", pitch=65, rate=165),
    "second_male": EspeakRecipe("m6", pitch=40, rate=160),
    "teen": EspeakRecipe("m4", pitch=65, rate=175),
}

assert set(KOKORO_RECIPES) == set(PRESETS) == set(ESPEAK_RECIPES)


def preset_version(engine: str, preset_id: str) -> str:
    """A short hash of the recipe ``engine`` uses for ``preset_id``: it changes when the preset's sound does,
    so measures of the voice (its speaker embedding) can be cached under it."""
    import hashlib

    recipe: object = (KOKORO_RECIPES if engine == "kokoro" else ESPEAK_RECIPES)[preset_id]
    if isinstance(recipe, KokoroRecipe):  # the fields at their defaults are left out: they change nothing
        text = f"KokoroRecipe(blend={recipe.blend!r}, speed={recipe.speed!r}, pitch={recipe.pitch!r}"
        text += f", formant={recipe.formant!r}" if recipe.formant != 1.0 else ""
        text += f", prosody={recipe.prosody!r}" if recipe.prosody else ""
        text += ")"
    else:
        text = repr(recipe)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def preset_voice(engine: str, preset_id: str, detail: str = "") -> Voice:
    """The ``Voice`` an engine lists for a preset; ``detail`` describes the engine recipe."""
    p = PRESETS[preset_id]
    description = f"{p.name_zh} / {p.name_en}: {p.note}"
    if detail:
        description += f" ({detail})"
    return Voice(
        engine=engine,
        voice_id=p.id,
        name=p.display_name,
        gender=p.gender,
        age=p.age,
        languages=("zh", "en"),
        kind="preset",
        description=description,
        narrator=p.narrator,
    )


# --- text splitting shared by the offline engines -------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SENTENCE = re.compile(r"(?:[^。！？!?；;…\n.]|\.(?!\s|$))*(?:[。！？!?；;…]+|\.+(?=\s|$)|\n|$)[”’\"」』）)]*")
_SCRIPT_RUN = re.compile(rf"([{_HAN}]+)|([A-Za-z](?:[A-Za-z'’\-.]|\s(?=[A-Za-z]))*)|([^{_HAN}A-Za-z]+)")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (zh and en punctuation), stripped, empty ones dropped."""
    parts = _SENTENCE.findall(text)
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not re.search(rf"[{_HAN}A-Za-z0-9]", part):
            out[-1] += part  # trailing punctuation such as a closing quote
        else:
            out.append(part)
    return out


def split_scripts(text: str) -> list[tuple[str, str]]:
    """``text`` cut into ("han" | "latin" | "other", run) pieces, in order.

    Latin runs keep inner spaces, apostrophes and hyphens, so "New York" stays one run.
    """
    runs: list[tuple[str, str]] = []
    for han, latin, other in _SCRIPT_RUN.findall(text):
        if han:
            runs.append(("han", han))
        elif latin:
            runs.append(("latin", latin.rstrip(".-'’ ")))
            tail = latin[len(latin.rstrip(".-'’ ")):]
            if tail.strip():
                runs.append(("other", tail))
        elif other:
            runs.append(("other", other))
    return runs
