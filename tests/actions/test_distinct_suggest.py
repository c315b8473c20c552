"""What the cast check suggests for two roles that sound alike, from a table of embeddings written out
(no encoder needed)."""

from __future__ import annotations

import numpy as np

from studio.actions.distinct import AlikePair, CastContext, VoiceTable, alike_pairs, suggest
from studio.domain.model import Role
from studio.engines.speech import Voice


def unit(*values: float) -> np.ndarray:
    v = np.zeros(256, np.float32)
    v[:len(values)] = values
    return v / np.linalg.norm(v)


VOICES = [Voice("espeak", "lead", "Lead", gender="female"), Voice("espeak", "girl", "Girl", gender="female"),
          Voice("espeak", "man", "Man", gender="male"), Voice("espeak", "second", "Second", gender="female")]
# lead ≈ girl (0.98); man and second are far from both and from each other
TABLE = VoiceTable("espeak", {"lead": unit(1, 0.2, 0, 0), "girl": unit(1, 0, 0, 0), "man": unit(0, 0, 1, 0),
                              "second": unit(0, 1, 0, 0.3)})


def roles(rain_voice: str = "girl") -> list[Role]:
    return [Role(1, "林晚", voices={"espeak": "lead"}), Role(2, "小雨", voices={"espeak": rain_voice}),
            Role(3, "陆沉", voices={"espeak": "man"})]


def test_the_pair_and_a_voice_for_the_role_with_fewer_lines() -> None:
    pairs = alike_pairs(roles(), TABLE)
    assert [(p.first, p.second) for p in pairs] == [("林晚", "小雨")] and pairs[0].similarity >= 0.9
    advice = suggest(roles(), VOICES, TABLE, pairs, CastContext(counts={1: 5, 2: 2, 3: 4}))
    assert [(a.role, a.voice_id) for a in advice] == [("小雨", "second")]


def test_a_role_of_unknown_gender_keeps_the_gender_of_its_voice() -> None:
    # 小雨 says nothing of her gender (雨 is either); her voice is a woman's, so she is offered one too,
    # though the man's voice is the furthest from everyone's
    far = VoiceTable("espeak", {**TABLE.vectors, "man": unit(0, 0, 1, 0), "second": unit(0.5, 0.5, 0, 0.2)})
    pair = AlikePair("林晚", "小雨", "lead", "girl", 0.98)
    advice = suggest([*roles()[:2]], VOICES, far, [pair], CastContext(counts={1: 5, 2: 2}))
    assert [(a.role, a.voice_id) for a in advice] == [("小雨", "second")]


def test_no_advice_when_no_voice_sounds_apart() -> None:
    only = [v for v in VOICES if v.voice_id != "second"]
    pairs = alike_pairs(roles(), TABLE)
    assert suggest(roles(), only, TABLE, pairs, CastContext(counts={1: 5, 2: 2, 3: 4})) == []
