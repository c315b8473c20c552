"""Automatic casting: give every role without a voice a distinct, plausible voice of one engine.

The narrator gets a narrator voice; other roles get voices of their gender and age where the role's name
(or its stated gender) makes that clear, and different characters get different voices as long as the
engine has enough of them. Pure Python: it sees role names, genders, the voices' descriptions and counts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from studio.domain.model import is_narrator_name

_MALE_ZH = "男爷伯叔哥弟父爸公夫郎少爷先生王子皇帝老头舅兄僧"
_FEMALE_ZH = "女娘婆奶姐妹母妈婶姑姨嫂妃后姬小姐夫人丫"
_OLD_ZH = ("爷", "伯", "婆", "奶", "老", "翁", "叟", "姥", "祖")
_CHILD_ZH = ("童", "宝宝", "娃", "孩", "儿子", "女儿", "小宝")
_MALE_EN = {"mr", "sir", "king", "prince", "lord", "man", "boy", "father", "dad", "uncle", "brother",
            "grandpa", "grandfather", "son", "husband", "he", "him", "duke", "john", "jack", "tom", "james",
            "david", "michael", "leo", "max", "sam", "ben", "chen", "old man"}
_FEMALE_EN = {"mrs", "miss", "ms", "lady", "queen", "princess", "woman", "girl", "mother", "mom", "mum",
              "aunt", "sister", "grandma", "grandmother", "daughter", "wife", "she", "her", "mary", "anna",
              "emma", "lily", "lucy", "sarah", "alice", "grace", "rose", "amy"}
_OLD_EN = {"old", "grandpa", "grandma", "grandfather", "grandmother", "elder", "granny"}
_CHILD_EN = {"kid", "child", "baby", "little"}


@dataclass(frozen=True)
class RoleInfo:
    role_id: int
    name: str
    gender: str | None = None  # stated by the user; wins over guesses
    line_count: int = 0


@dataclass(frozen=True)
class VoiceInfo:
    voice_id: str
    gender: str | None = None
    age: str | None = None
    narrator: bool = False


def guess_gender(name: str) -> str | None:
    n = name.strip()
    low = n.lower()
    words = set(re.findall(r"[a-z]+", low))
    if words & _MALE_EN and not words & _FEMALE_EN:
        return "male"
    if words & _FEMALE_EN and not words & _MALE_EN:
        return "female"
    male = any(ch in n for ch in _MALE_ZH)
    female = any(ch in n for ch in _FEMALE_ZH)
    if male != female:
        return "male" if male else "female"
    return None


def guess_age(name: str) -> str | None:
    n = name.strip()
    words = set(re.findall(r"[a-z]+", n.lower()))
    if any(k in n for k in _OLD_ZH) or words & _OLD_EN:
        return "old"
    if any(k in n for k in _CHILD_ZH) or words & _CHILD_EN:
        return "child"
    return None


def auto_cast(roles: Sequence[RoleInfo], voices: Sequence[VoiceInfo],
              taken: Mapping[int, str] | None = None) -> dict[int, str]:
    """Voice ids for ``roles`` (role id -> voice id), avoiding voices already ``taken`` by other roles."""
    if not voices:
        return {}
    use: dict[str, int] = {}
    for v in (taken or {}).values():
        use[v] = use.get(v, 0) + 1
    result: dict[int, str] = {}
    # The narrator first, then the characters with the most lines: they deserve the best-fitting voices.
    order = sorted(roles, key=lambda r: (not is_narrator_name(r.name), -r.line_count, r.role_id))
    for role in order:
        narrator = is_narrator_name(role.name)
        gender = role.gender or (None if narrator else guess_gender(role.name))
        age = None if narrator else guess_age(role.name)

        def score(v: VoiceInfo, narrator: bool = narrator, gender: str | None = gender,
                  age: str | None = age) -> tuple[int, int, int, int]:
            mismatch = int(bool(gender and v.gender and v.gender != gender))
            fit = 0
            if narrator:
                fit += 8 if v.narrator else 0
            elif v.narrator:
                fit -= 2  # keep narrator voices for narration when possible
            if gender and v.gender:
                fit += 4 if v.gender == gender else 0
            if age:
                fit += 3 if v.age == age else (-1 if v.age else 0)
            elif v.age in ("child", "old"):
                fit -= 2  # an unmarked adult role should not sound like a child or a grandparent
            # A wrong gender is worse than a shared voice; a shared voice is worse than a looser fit.
            return (mismatch, use.get(v.voice_id, 0), -fit, voices.index(v))

        best = min(voices, key=score)
        result[role.role_id] = best.voice_id
        use[best.voice_id] = use.get(best.voice_id, 0) + 1
    return result
