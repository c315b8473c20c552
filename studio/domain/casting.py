"""Automatic casting: give every role without a voice a distinct, plausible voice of one engine.

The narrator gets a narrator voice; other roles get voices of their gender and age where the role's
stated gender, its name, or the script's own words about it make that clear, and different characters
get different voices as long as the engine has enough of them.

Gender guesses are cautious: a name counts by its titles and forms of address (先生, 小姐, Mr, Mrs…),
its given-name characters (晴, 婉 / 强, 伟 — never the surname) and well-known English given names; a
script counts by the pronouns and forms of address it uses next to the role's name. Any conflict in the
evidence gives no guess.

Voices that sound alike: given ``likeness(voice_a, voice_b)`` (a similarity from the voices' speaker
embeddings, None when a voice was never measured) auto-casting also keeps apart what a listener would hear
as one voice. In order of importance, a role's voice should: fit its gender; not be another role's voice;
not sound alike (``likeness >= alike_at``) to another role's voice, where a pair of roles that share
scenes (``scene_pairs``: lines near each other) weighs more than a pair that never meet; fit its age and
kind (narrator); and, among voices that fit equally, be the least alike to the others. A first pass casts
the narrator, then the roles with the most lines; then each role in turn moves to a better voice while one
exists (each move makes the whole cast strictly better, so it stops). Without ``likeness`` the cast is
what it always was.

Pure Python: it sees role names, genders, script text, the voices' descriptions, counts and likenesses;
no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from studio.domain.model import is_narrator_name

FEMALE, MALE = "female", "male"

# --- Chinese ----------------------------------------------------------------------------------------

#: Words that say a person's gender wherever they stand in a role name (matched longest first, so 公主
#: is not read as 公, 姐夫 not as 姐, 伯母 not as 伯).
_ZH_GENDER_WORDS: dict[str, str] = {}
for _gender, _words in (
    (MALE, "先生 少爷 公子 王子 王爷 国王 皇帝 皇上 太子 老爷 老头 老汉 老公 丈夫 新郎 郎君 少年 小伙 帅哥 "
           "男人 男子 男孩 和尚 太监 公公 外公 祖父 岳父 父亲 兄长 姐夫 妹夫 姑父 姨父 姨夫 奶爸 大叔 "
           "大爷 小子 儿子 孙子 侄子 外甥 弟弟 哥哥 叔叔 舅舅 爷爷 伯伯 师兄 师弟"),
    (FEMALE, "小姐 夫人 太太 女士 姑娘 公主 皇后 太后 王后 王妃 女王 女帝 老太 老婆 老妇 妻子 新娘 少女 "
             "美女 女人 女子 女孩 丫头 丫鬟 尼姑 外婆 祖母 岳母 母亲 伯母 舅妈 姑妈 姨妈 嫂子 弟媳 女儿 "
             "孙女 侄女 外甥女 妹妹 姐姐 阿姨 奶奶 婆婆 老板娘 女郎 师姐 师妹"),
):
    for _w in _words.split():
        _ZH_GENDER_WORDS[_w] = _gender
_ZH_WORDS_LONGEST_FIRST = sorted(_ZH_GENDER_WORDS, key=len, reverse=True)

#: Characters that say a gender after the first character of a name (陈伯, 苏晴姐, 渔翁). In the first
#: place they may be a surname (姬发, 郎朗), so there they count only for 男 and 女.
_ZH_GENDER_CHARS = {**dict.fromkeys("男爷伯叔哥弟父爸舅兄僧郎翁", MALE),
                    **dict.fromkeys("女娘婆奶姐妹母妈婶姑姨嫂妃姬妻媳妇丫", FEMALE)}
_ZH_NEVER_SURNAMES = set("男女")

#: Given-name characters that are strongly gendered. Ambiguous ones (晓, 月, 雨, 明, 华, 文…) are left out.
_GIVEN_CHARS = {
    **dict.fromkeys("晴婉雅琳娜婷雪萱怡欣玲丽美芳梅兰燕霞静淑慧莉瑶颖蓉薇嫣倩媛妍姗娟娇妮婕璐菲岚露"
                    "婧琪蕾芬艳珍凤翠莲琴娥婵姝娅娴妤琼黛蝶莺馨茹萍荷菊香晚汐", FEMALE),
    **dict.fromkeys("强伟刚勇军杰涛斌辉鹏磊浩峰龙虎彪毅俊博凯锋坤健豪威雄栋昊泽霆铭兵志彬超骏驰钢猛魁勋骁"
                    "沉琛霄", MALE),  # 林晚, 苏晚 / 陆沉, 顾沉: the short-drama leads' names
}

#: Common surnames. A surname never decides a gender, even when it is also a given-name character
#: (龙, 梅, 兰…): 老王, 老梅, 龙哥 and 梅姨 are read by their other characters only.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连"
    "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩明佘池查麻苑迟邝封燕凤花雪")
_COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "慕容", "东方", "南宫", "令狐", "皇甫", "公孙", "夏侯",
                      "独孤", "长孙", "宇文", "端木", "尉迟", "轩辕", "西门", "司徒", "太史", "百里", "呼延"}
_NICKNAME_PREFIXES = "小阿"

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# --- English ----------------------------------------------------------------------------------------

_MALE_EN = {
    # titles, kinship, roles
    "mr", "mister", "sir", "king", "prince", "lord", "duke", "earl", "baron", "count", "emperor", "man",
    "gentleman", "boy", "guy", "father", "dad", "daddy", "papa", "uncle", "brother", "grandpa",
    "grandfather", "son", "nephew", "husband", "boyfriend", "groom", "bridegroom", "widower", "monk",
    "waiter", "policeman", "he", "him",
    # given names
    "john", "jack", "tom", "james", "david", "michael", "leo", "max", "sam", "ben", "william", "will",
    "bill", "robert", "rob", "bob", "richard", "rick", "charles", "charlie", "thomas", "daniel", "dan",
    "matthew", "matt", "andrew", "andy", "mark", "paul", "peter", "george", "henry", "edward", "frank",
    "joe", "joseph", "kevin", "brian", "jason", "ryan", "eric", "steven", "steve", "adam", "nick",
    "nicholas", "tony", "anthony", "oliver", "harry", "jake", "luke", "noah", "liam", "ethan", "lucas",
    "mason", "jacob", "owen", "arthur", "victor", "simon", "oscar", "hugo", "felix", "ian", "sean",
    "patrick", "scott", "tim", "timothy", "greg", "larry", "jerry", "roger", "walter", "carl", "albert",
    "raymond", "fred", "bruce", "alan", "gary", "jeff", "jeffrey", "kenneth", "ken", "ronald",
    "donald", "harold", "howard", "martin", "vincent", "philip", "phil", "stephen", "frederick", "louis",
}
_FEMALE_EN = {
    "mrs", "miss", "ms", "madam", "madame", "lady", "queen", "princess", "duchess", "countess", "baroness",
    "empress", "woman", "girl", "gal", "mother", "mom", "mum", "mommy", "mummy", "mama", "aunt", "auntie",
    "sister", "grandma", "grandmother", "granny", "daughter", "niece", "wife", "girlfriend", "bride",
    "widow", "nun", "waitress", "actress", "policewoman", "she", "her",
    "mary", "anna", "emma", "lily", "lucy", "sarah", "alice", "grace", "rose", "amy", "elizabeth", "liz",
    "beth", "jane", "janet", "kate", "katie", "katherine", "catherine", "olivia", "sophia", "sophie",
    "isabella", "ava", "mia", "charlotte", "amelia", "emily", "hannah", "chloe", "ella", "zoe", "julia",
    "julie", "laura", "linda", "susan", "karen", "nancy", "betty", "helen", "sandra", "donna", "carol",
    "ruth", "sharon", "michelle", "lisa", "jessica", "jennifer", "jenny", "rachel", "rebecca", "anne",
    "ann", "annie", "maria", "marie", "diana", "claire", "clara", "eva", "eve", "ivy", "iris", "jasmine",
    "nina", "nora", "sara", "stella", "vivian", "wendy", "fiona", "victoria", "molly", "daisy", "abigail",
    "megan", "natalie", "samantha", "margaret", "dorothy", "barbara", "patricia", "judy", "joan", "ellen",
}
_OLD_ZH = ("爷", "伯", "婆", "奶", "老", "翁", "叟", "姥", "祖")
_CHILD_ZH = ("童", "宝宝", "娃", "孩", "儿子", "女儿", "小宝")
_OLD_EN = {"old", "grandpa", "grandma", "grandfather", "grandmother", "elder", "granny"}
_CHILD_EN = {"kid", "child", "baby", "little"}


@dataclass(frozen=True)
class RoleInfo:
    role_id: int
    name: str
    gender: str | None = None  # stated by the user; wins over guesses
    line_count: int = 0
    texts: tuple[str, ...] = ()  # script text that may speak of the role (narration, other lines)


@dataclass(frozen=True)
class VoiceInfo:
    voice_id: str
    gender: str | None = None
    age: str | None = None
    narrator: bool = False


def guess_gender(name: str) -> str | None:
    """"female" or "male" when the role's name alone says so, else ``None`` (also when it says both)."""
    evidence = _name_evidence(name)
    return evidence.pop() if len(evidence) == 1 else None


def _name_evidence(name: str) -> set[str]:
    n = name.strip()
    words = re.findall(r"[a-z]+", n.lower())
    evidence = {MALE for w in words if w in _MALE_EN} | {FEMALE for w in words if w in _FEMALE_EN}
    for run in _CJK_RUN.findall(n):
        evidence |= _chinese_evidence(run)
    return evidence


def _chinese_evidence(name: str) -> set[str]:
    """Genders a run of Chinese characters shows: its titles and forms of address, then what is left
    of it read as a personal name (surname, given name)."""
    evidence: set[str] = set()
    rest: list[str] = []  # the name with its titles blanked out
    i = 0
    while i < len(name):
        word = next((w for w in _ZH_WORDS_LONGEST_FIRST if name.startswith(w, i)), None)
        if word and i == 0 and len(name) == 3 and word[0] in _SURNAMES:
            word = None  # 王子涵, 孙子豪: a surname and a given name, not 王子 / 孙子
        if word:
            evidence.add(_ZH_GENDER_WORDS[word])
            rest.append(" ")
            i += len(word)
            continue
        ch = name[i]
        if ch in _ZH_GENDER_CHARS and (i > 0 or len(name) == 1 or ch in _ZH_NEVER_SURNAMES):
            evidence.add(_ZH_GENDER_CHARS[ch])
            rest.append(" ")
        else:
            rest.append(ch)
        i += 1
    for part in "".join(rest).split():
        evidence |= {g for ch in _given_name(part) if (g := _GIVEN_CHARS.get(ch))}
    return evidence


def _given_name(name: str) -> str:
    """The given-name part of a Chinese personal name ("" when there is none to read)."""
    if len(name) > 4:
        return ""  # a description, not a name
    if len(name) == 1:
        return "" if name in _SURNAMES else name  # 晴(姐) but not 王(小姐)
    if name[:2] in _COMPOUND_SURNAMES:
        return name[2:]
    if name[0] == "老":
        return "" if len(name) == 2 else name[1:]  # 老王, 老梅: a surname, not a given name
    if name[0] in _NICKNAME_PREFIXES:
        return name[1:]  # 小晴, 阿强, 小龙 (小王 says nothing: 王 is no given-name character)
    if len(name) == 2 and name[1] == "儿":
        return name[0]  # 晴儿, 婉儿
    if len(name) == 2 and name[0] not in _SURNAMES:
        return name  # a given name on its own (婉清, 晴雯) or a transliteration (杰克, 琳达)
    return name[1:]


# --- Script evidence -------------------------------------------------------------------------------

_ZH_CLAUSE_END = re.compile(r"[。！？!?；;…\n“”「」『』\"]")
_ZH_PRONOUN = {"她": FEMALE, "他": MALE}
_ZH_ADDRESS_FULL = {  # after the full or the given name: 苏晴姐, 晴姐, 陆沉哥
    **dict.fromkeys(("姐姐", "姐", "妹妹", "妹", "小姐", "姑娘", "阿姨", "姨", "女士", "夫人", "太太"), FEMALE),
    **dict.fromkeys(("哥哥", "哥", "弟弟", "弟", "先生", "兄", "叔叔", "叔", "大哥", "少爷", "公子"), MALE),
}
_ZH_ADDRESS_SURNAME = {  # after the surname alone, only the unmistakable ones: 苏小姐, 陆先生
    **dict.fromkeys(("小姐", "姑娘", "阿姨", "女士", "夫人", "太太", "大姐"), FEMALE),
    **dict.fromkeys(("先生", "少爷", "公子", "大哥", "大叔", "叔叔"), MALE),
}
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
_EN_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
_EN_MALE_PRONOUNS = {"he", "him", "his", "himself"}
#: A pronoun that opens a clause after the name is about the name's bearer far more often than one
#: that follows a verb ("Anna looked at him" is about someone else).
_EN_CLAUSE_PRONOUN = re.compile(
    r"(?:[,;:—–]|\b(?:and|but|then|as|when|while|because|so|until|before|after|though|although|once|"
    r"since|said|says|thought|thinks|knew|knows|felt|feels|wished|hoped|realised|realized))\s+"
    r"(?P<p>she|he|her|his)\b|\b(?P<r>herself|himself)\b",
    re.IGNORECASE)
_EN_ADDRESS = {**dict.fromkeys(("mrs", "ms", "miss", "madam", "madame", "lady", "aunt", "auntie"), FEMALE),
               **dict.fromkeys(("mr", "mister", "sir", "lord", "uncle"), MALE)}


def guess_gender_from_script(name: str, texts: Iterable[str]) -> str | None:
    """"female" or "male" when the script clearly speaks of the role that way, else ``None``.

    Chinese: a 她 / 他 right after the name or opening the next clause of the same sentence
    ("苏晴抬起头，她的眼睛…"), and forms of address (苏晴姐, 晴姐, 苏小姐 / 陆沉哥, 陆先生). English: a
    she / he (her / his) opening a clause after the name in the same sentence, "herself" / "himself",
    and "Miss Lin" / "Mr Lu". Clear means at least two hits and at least three times as many for one
    gender as for the other.
    """
    n = name.strip()
    if not n or is_narrator_name(n):
        return None
    counts = {FEMALE: 0, MALE: 0}
    chinese = bool(_CJK.search(n))
    english = bool(re.search(r"[A-Za-z]{2}", n))
    address = _zh_address_pattern(n) if chinese else None
    for text in texts:
        if chinese:
            for gender in _zh_pronoun_hits(n, text):
                counts[gender] += 1
            if address is not None:
                for m in address.finditer(text):
                    title = m["full"]
                    counts[_ZH_ADDRESS_FULL[title] if title else _ZH_ADDRESS_SURNAME[m["formal"]]] += 1
        if english:
            for gender in _en_hits(n, text):
                counts[gender] += 1
    return _clear(counts[FEMALE], counts[MALE])


def _clear(female: int, male: int) -> str | None:
    if female >= 2 and female >= 3 * male:
        return FEMALE
    if male >= 2 and male >= 3 * female:
        return MALE
    return None


def _zh_pronoun_hits(name: str, text: str) -> Iterable[str]:
    if len(name) < 2:
        return  # one character matches inside too many words
    start = text.find(name)
    while start >= 0:
        after = text[start + len(name): start + len(name) + 16]
        end = _ZH_CLAUSE_END.search(after)
        clause = after[: end.start()] if end else after
        if clause[:1] in _ZH_PRONOUN and clause[1:2] != "们":
            yield _ZH_PRONOUN[clause[0]]  # 苏晴她…
        else:
            comma = re.search(r"[，,]\s*", clause)
            if comma:
                following = clause[comma.end(): comma.end() + 2]
                if following[:1] in _ZH_PRONOUN and following[1:2] != "们":
                    yield _ZH_PRONOUN[following[0]]  # 苏晴抬起头，她…
        start = text.find(name, start + len(name))


def _zh_address_pattern(name: str) -> re.Pattern[str] | None:
    runs = _CJK_RUN.findall(name)
    if len(runs) != 1 or runs[0] != name:
        return None
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[0]
    given = name[len(surname):] if len(name) > len(surname) else ""
    full = sorted({name, given} - {""}, key=len, reverse=True)
    titles = sorted(_ZH_ADDRESS_FULL, key=len, reverse=True)
    formal = sorted(_ZH_ADDRESS_SURNAME, key=len, reverse=True)
    parts = [f"(?:{'|'.join(map(re.escape, full))})(?P<full>{'|'.join(titles)})"]
    if len(name) >= 2:
        parts.append(f"{re.escape(surname)}(?P<formal>{'|'.join(formal)})")
    return re.compile("|".join(parts))


def _en_hits(name: str, text: str) -> Iterable[str]:
    bare = re.escape(name)
    occurrence = re.compile(rf"(?<![A-Za-z]){bare}(?![A-Za-z])")
    for sentence in _EN_SENTENCE_END.split(text):
        for m in occurrence.finditer(sentence):
            found = _EN_CLAUSE_PRONOUN.search(sentence, m.end())
            if found:
                word = (found["p"] or found["r"]).lower()
                yield FEMALE if word in _EN_FEMALE_PRONOUNS else MALE
    tokens = [t for t in re.findall(r"[A-Za-z]{2,}", name) if t.lower() not in _EN_ADDRESS]
    if tokens:
        address = re.compile(
            rf"\b(?P<t>{'|'.join(_EN_ADDRESS)})\.?\s+(?:{'|'.join(map(re.escape, tokens))})(?![A-Za-z])",
            re.IGNORECASE)
        for m in address.finditer(text):
            yield _EN_ADDRESS[m["t"].lower()]


def guess_role_gender(name: str, texts: Iterable[str] = ()) -> str | None:
    """The gender to cast a role with when none is stated: the name's own evidence first (a name whose
    evidence conflicts gives ``None``), the script's when the name says nothing; never for a narrator."""
    if not name.strip() or is_narrator_name(name):
        return None
    evidence = _name_evidence(name)
    if evidence:
        return evidence.pop() if len(evidence) == 1 else None
    return guess_gender_from_script(name, texts)


def guess_age(name: str) -> str | None:
    n = name.strip()
    words = set(re.findall(r"[a-z]+", n.lower()))
    if any(k in n for k in _OLD_ZH) or words & _OLD_EN:
        return "old"
    if any(k in n for k in _CHILD_ZH) or words & _CHILD_EN:
        return "child"
    return None


#: Two voices at least this alike count as one voice to a listener (``studio.actions.distinct.ALIKE_AT``).
ALIKE_AT = 0.9
#: Lines this close (in one episode) put their two roles in one scene.
NEAR_LINES = 3
#: The likeness assumed for a pair of voices when one was never measured (a typical pair of different
#: voices): an unmeasured voice is neither preferred nor avoided among equally fitting ones.
UNKNOWN_LIKENESS = 0.7

Likeness = Callable[[str, str], "float | None"]


def scene_pairs(episodes: Iterable[Sequence[int | None]], near: int = NEAR_LINES) -> dict[frozenset[int], int]:
    """How often each pair of roles speaks within ``near`` lines of each other; ``episodes`` are the role
    ids of each episode's lines in order (None: a line without a role)."""
    out: dict[frozenset[int], int] = {}
    for roles in episodes:
        seq = list(roles)
        for i, a in enumerate(seq):
            if a is None:
                continue
            for b in seq[i + 1:i + 1 + near]:
                if b is not None and b != a:
                    key = frozenset((a, b))
                    out[key] = out.get(key, 0) + 1
    return out


def auto_cast(roles: Sequence[RoleInfo], voices: Sequence[VoiceInfo],
              taken: Mapping[int, str] | None = None, *, likeness: Likeness | None = None,
              alike_at: float = ALIKE_AT, together: Mapping[frozenset[int], int] | None = None) -> dict[int, str]:
    """Voice ids for ``roles`` (role id -> voice id), avoiding voices already ``taken`` by other roles.

    ``likeness`` (voice id, voice id -> similarity or None) keeps voices that sound alike apart;
    ``together`` (from ``scene_pairs``) says which roles share scenes, so they are kept apart first.
    """
    if not voices:
        return {}
    fixed = dict(taken or {})
    index = {v.voice_id: i for i, v in enumerate(voices)}
    together = together or {}
    memo: dict[tuple[str, str], float | None] = {}

    def like(a: str, b: str) -> float | None:
        if likeness is None:
            return None
        key = (a, b) if a <= b else (b, a)
        if key not in memo:
            memo[key] = likeness(*key)
        return memo[key]

    def weight(a: int, b: int) -> int:
        return 1 + together.get(frozenset((a, b)), 0)

    # The narrator first, then the characters with the most lines: they deserve the best-fitting voices.
    order = sorted(roles, key=lambda r: (not is_narrator_name(r.name), -r.line_count, r.role_id))
    fits = {role.role_id: _fit_of(role) for role in order}
    chosen: dict[int, str] = {}

    def cost(role_id: int, v: VoiceInfo, others: Mapping[int, str]) -> tuple[float, ...]:
        narrator, gender, age = fits[role_id]
        mismatch = int(bool(gender and v.gender and v.gender != gender))
        shared = alike = close = 0.0
        for other, voice in others.items():
            if other == role_id:
                continue
            if voice == v.voice_id:
                shared += 1
                continue
            if likeness is None:
                continue
            value = like(v.voice_id, voice)
            w = weight(role_id, other)
            if value is not None and value >= alike_at:
                alike += w
            close += w * (UNKNOWN_LIKENESS if value is None else value)
        # A wrong gender is worse than a shared voice; a shared voice (or one that sounds the same) is
        # worse than a looser fit; among equal fits the least alike voice wins.
        return (mismatch, shared, alike, -_fit(v, narrator, gender, age), round(close, 6), index[v.voice_id])

    for role in order:
        others = {**fixed, **chosen}
        costs = [cost(role.role_id, v, others) for v in voices]
        chosen[role.role_id] = voices[costs.index(min(costs))].voice_id
    if likeness is not None:
        _improve(order, voices, fixed, chosen, cost)
    return chosen


def _improve(order: Sequence[RoleInfo], voices: Sequence[VoiceInfo], fixed: Mapping[int, str],
             chosen: dict[int, str], cost: Callable[[int, VoiceInfo, Mapping[int, str]], tuple[float, ...]]) -> None:
    """Move one role to a better voice, or swap two roles' voices, while that makes the cast better.

    A role's cost counts its own fit and its pairs with every other role, so a move changes the cast's total
    by exactly the change in the moved roles' costs (a swapped pair's own likeness stays as it was): every
    accepted move lowers the total, and the loop ends."""
    by_id = {v.voice_id: v for v in voices}
    ids = [r.role_id for r in order]

    def total(*pairs: tuple[int, str]) -> tuple[float, ...]:
        others = {**fixed, **chosen, **dict(pairs)}
        sums = [0.0] * 5
        for role_id, voice in pairs:
            for k, value in enumerate(cost(role_id, by_id[voice], others)[:5]):
                sums[k] += value
        return tuple(round(x, 6) for x in sums)

    for _ in range(4 * len(ids) + 4):  # a bound the descent never meets in practice
        moved = False
        for r in ids:
            now = total((r, chosen[r]))
            totals = [total((r, v.voice_id)) for v in voices]
            if min(totals) < now:
                chosen[r] = voices[totals.index(min(totals))].voice_id  # the first of equals
                moved = True
        for i, r in enumerate(ids):
            for s in ids[i + 1:]:
                if chosen[r] != chosen[s] and total((r, chosen[s]), (s, chosen[r])) < total((r, chosen[r]),
                                                                                              (s, chosen[s])):
                    chosen[r], chosen[s] = chosen[s], chosen[r]
                    moved = True
        if not moved:
            break


def _fit_of(role: RoleInfo) -> tuple[bool, str | None, str | None]:
    narrator = is_narrator_name(role.name)
    gender = role.gender or (None if narrator else guess_role_gender(role.name, role.texts))
    age = None if narrator else guess_age(role.name)
    return narrator, gender, age


def _fit(v: VoiceInfo, narrator: bool, gender: str | None, age: str | None) -> int:
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
    return fit
