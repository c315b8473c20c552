"""Chinese text as it is read aloud, for the offline engines' G2P: numbers, dates, times, units and symbols
written out in characters.

``normalize`` turns "2026年12月1日下午3:45，2个人走了25km，花了¥388（35%）" into
"二零二六年十二月一日下午三点四十五分，两个人走了二十五公里，花了三百八十八元（百分之三十五）":

* fullwidth digits, letters and symbols (１２，％，：) are read as their ASCII forms; 1,000 is 1000;
* dates (2026年, 2026-12-01, 2026/12/1, 12月1日) read the year digit by digit, month and day as numbers;
* times (7:30, 12:30:15) are 点/分/秒; 下午3点 is 下午三点;
* phone-like digit strings (a mobile number, 010-12345678, a number after 电话/号码/尾号…, a string of 11
  digits or more or one with a leading 0) are read digit by digit, 1 as 幺;
* percentages (35% → 百分之三十五), fractions (1/2 → 二分之一), decimals (3.14 → 三点一四), negatives
  (-3 → 负三, -5℃ → 零下五摄氏度), ranges (3~5, 3-5 → 三到五), currencies (¥ $ € £), units after a number
  (km kg cm mm m g ml L h min s ℃ °) and arithmetic signs between numbers (+ = × ÷);
* cardinals: 两 for a lone 2 before a measure word (两个, 两点, 两公斤) and for a leading 2 before 千万亿
  (两千), 二 elsewhere (二月, 第二, 十二个).

Pure Python, no I/O: the same text always gives the same reading.
"""

from __future__ import annotations

import re

__all__ = ["ZH_TEXT_VERSION", "cardinal", "decimal", "digit_by_digit", "normalize"]

#: Bumped when ``normalize`` reads numbers differently, so the takes of lines with digits are rendered again.
ZH_TEXT_VERSION = "1"
#: The request ``extra`` entry of a Chinese line with digits an offline engine reads with this module: its
#: version, so those lines (and only they) change key when the reading changes.
ZH_TEXT_EXTRA = "zh_text"

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")

#: Measure words (and nouns used as them) before which a lone 2 is 两.
_MEASURES = (
    "个月", "个", "位", "本", "只", "条", "张", "次", "件", "天", "年", "岁", "斤", "两", "公斤", "千克", "克", "吨",
    "公里", "千米", "米", "厘米", "毫米", "里", "升", "毫升", "小时", "钟头", "分钟", "秒钟", "秒", "点", "刻",
    "种", "杯", "瓶", "碗", "盒", "袋", "包", "块", "元", "美元", "欧元", "英镑", "毛", "角", "辆", "台", "部",
    "架", "艘", "家", "间", "层", "份", "双", "对", "把", "支", "枝", "颗", "粒", "棵", "匹", "头", "口", "声",
    "遍", "趟", "回", "下", "周", "星期", "礼拜", "倍", "套", "片", "句", "首", "篇", "封", "名", "人", "步",
    "页", "行", "排", "座", "栋", "所", "门", "道", "顿", "场", "届", "轮", "集", "章", "节", "段", "队", "组",
    "群", "批", "滴", "根", "幅", "副", "串", "堆", "桌", "床", "扇", "辈子", "码", "英里", "公顷", "亩",
    "度", "摄氏度", "千", "万", "亿",
)
_MEASURE = "|".join(sorted(set(_MEASURES), key=len, reverse=True))

#: Units written after a number, longest first; a unit is replaced only when no letter follows it.
_UNITS = (
    ("km/h", "公里每小时"), ("m/s", "米每秒"), ("km²", "平方公里"), ("m²", "平方米"), ("m³", "立方米"),
    ("km", "公里"), ("kg", "公斤"), ("cm", "厘米"), ("mm", "毫米"), ("mg", "毫克"), ("ml", "毫升"), ("mL", "毫升"),
    ("min", "分钟"), ("kW", "千瓦"), ("kw", "千瓦"), ("℃", "摄氏度"), ("°C", "摄氏度"), ("℉", "华氏度"),
    ("°F", "华氏度"), ("°", "度"), ("m", "米"), ("g", "克"), ("L", "升"), ("h", "小时"),
    ("s", "秒"),
)
_UNIT = re.compile(r"(\d)\s?(" + "|".join(re.escape(u) for u, _ in _UNITS) + r")(?![A-Za-z])")
_UNIT_NAMES = dict(_UNITS)

_CURRENCY = {"¥": "元", "￥": "元", "$": "美元", "€": "欧元", "£": "英镑"}
_PHONE_WORDS = ("电话", "手机", "号码", "尾号", "编号", "工号", "学号", "账号", "卡号", "密码", "验证码", "车牌",
                "热线", "分机", "传真", "QQ", "微信")
_SIGNS = {"+": "加", "=": "等于", "×": "乘", "÷": "除以"}

_NUMBER = r"\d+(?:\.\d+)?"


# --- numbers ---------------------------------------------------------------------------------------


def digit_by_digit(digits: str, one: str = "一") -> str:
    """Each digit as its character: "2026" → "二零二六"; ``one`` is what 1 reads as (幺 in phone numbers)."""
    return "".join(one if d == "1" else _DIGITS[int(d)] for d in digits if d.isdigit())


def _group(n: int) -> str:
    """0 < n < 10000 in characters, with inner zeros as one 零 and no trailing zeros."""
    out: list[str] = []
    digits = f"{n:04d}"
    zero = False
    for i, d in enumerate(digits):
        place = 3 - i
        if d == "0":
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[int(d)] + _SMALL_UNITS[place])
    return "".join(out)


def cardinal(number: str | int, *, liang: bool = False) -> str:
    """An integer in characters: 10 → 十, 115 → 一百一十五, 10005 → 一万零五, 2000 → 两千.

    ``liang``: a lone 2 is 两 (it counts something: 两个). A leading 2 before 千, 万 or 亿 is always 两.
    Numbers of 17 digits or more are read digit by digit.
    """
    text = str(number).lstrip("0") or "0"
    if not text.isdigit():
        raise ValueError(f"{number!r} is not a whole number")
    if len(text) > 16:
        return digit_by_digit(text)
    n = int(text)
    if n == 0:
        return "零"
    if n == 2:
        return "两" if liang else "二"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out: list[str] = []
    for k in range(len(groups) - 1, -1, -1):
        g = groups[k]
        if g == 0:
            continue
        if out and g < 1000:
            out.append("零")
        out.append(_group(g) + _BIG_UNITS[k])
    said = "".join(out)
    if said.startswith("一十"):
        said = said[1:]
    if said[0] == "二" and len(said) > 1 and said[1] in "千万亿":
        said = "两" + said[1:]
    return said


def decimal(number: str, *, liang: bool = False) -> str:
    """A number with or without a fraction part: "3.14" → 三点一四, "0.5" → 零点五."""
    whole, _, frac = number.partition(".")
    said = cardinal(whole or "0", liang=liang and not frac)
    return said + ("点" + digit_by_digit(frac) if frac else "")


# --- the passes ------------------------------------------------------------------------------------


def _fullwidth(text: str) -> str:
    """Fullwidth digits, letters and number symbols as ASCII; Chinese punctuation is left as it is."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        else:
            out.append({"％": "%", "．": ".", "＋": "+", "－": "-", "＝": "=", "／": "/", "～": "~",
                        "＄": "$", "￥": "¥", "〜": "~"}.get(ch, ch))
    # "：" between digits is a time's colon
    return re.sub(r"(?<=\d)：(?=\d)", ":", "".join(out))


def _valid_date(month: str, day: str | None = None) -> bool:
    return 1 <= int(month) <= 12 and (day is None or 1 <= int(day) <= 31)


def _dates(text: str) -> str:
    def ymd(m: re.Match[str]) -> str:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if not _valid_date(mo, d):
            return m.group()
        return f"{digit_by_digit(y)}年{cardinal(mo)}月{cardinal(d)}日"

    text = re.sub(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])(?:日|号)?", ymd, text)
    text = re.sub(r"(?<!\d)(\d{4})\s*(?:[-~到至])\s*(\d{4})(?=\s*年)",
                  lambda m: f"{digit_by_digit(m.group(1))}到{digit_by_digit(m.group(2))}", text)
    text = re.sub(r"(?<![\d.])(\d{4})(?=\s*年(?!代|级|龄))", lambda m: digit_by_digit(m.group(1)), text)
    text = re.sub(r"(?<![\d.])(\d{2})(?=年代)", lambda m: cardinal(m.group(1)), text)
    text = re.sub(r"(?<![\d.])(\d{1,2})(?=\s*月)",
                  lambda m: cardinal(m.group(1)) if _valid_date(m.group(1)) else m.group(), text)
    text = re.sub(r"(?<=月)(\d{1,2})(?=\s*[日号])", lambda m: cardinal(m.group(1)), text)
    return text


def _times(text: str) -> str:
    def hms(m: re.Match[str]) -> str:
        h, mi, s = m.group(1), m.group(2), m.group(3)
        if int(h) > 24 or int(mi) > 59 or (s is not None and int(s) > 59):
            return m.group()
        said = cardinal(h, liang=True) + "点"
        if mi != "00" or s:
            said += ("零" if mi[0] == "0" and mi != "00" else "") + (cardinal(mi) if mi != "00" else "零") + "分"
        if s:
            said += ("零" if s[0] == "0" and s != "00" else "") + cardinal(s) + "秒"
        return said

    return re.sub(r"(?<![\d.:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])", hms, text)


def _phones(text: str) -> str:
    def phone(m: re.Match[str]) -> str:
        return digit_by_digit(m.group(), one="幺")

    # 010-12345678, 0755-1234567, 138-1234-5678, 400-123-4567
    text = re.sub(r"(?<![\d.])(?:0\d{2,3}-\d{7,8}|1[3-9]\d-\d{4}-\d{4}|[48]00-\d{3}-\d{4})(?![\d.])", phone, text)
    words = "|".join(_PHONE_WORDS)
    text = re.sub(rf"((?:{words})(?:是|为|：|:)?\s*)(\d{{3,}})",
                  lambda m: m.group(1) + digit_by_digit(m.group(2), "幺"), text)
    text = re.sub(r"((?:拨打|打|拨)\s*)(\d{3}|\d{5,})(?![\d.])",
                  lambda m: m.group(1) + digit_by_digit(m.group(2), "幺"), text)
    # a mobile number, a string of 11 digits or more, or one with a leading zero (007, 0755; not 第02集)
    text = re.sub(r"(?<![\d.])(?:1[3-9]\d{9}|\d{11,}|(?<!第)0\d+)(?![\d.])", phone, text)
    return text


def _symbols(text: str) -> str:
    # currencies before the number: ¥388 → 388元
    text = re.sub(r"([¥￥$€£])\s?(" + _NUMBER + r")(万|亿)?",
                  lambda m: m.group(2) + (m.group(3) or "") + _CURRENCY[m.group(1)], text)
    text = _UNIT.sub(lambda m: m.group(1) + _UNIT_NAMES[m.group(2)], text)
    text = re.sub(r"(?<=\d)%\s*(?:~|-|—|–|到|至)\s*(?=\d+(?:\.\d+)?%)", "%到", text)  # 50%-60%
    text = re.sub(r"(" + _NUMBER + r")\s?%", lambda m: "百分之" + decimal(m.group(1)), text)
    text = re.sub(r"(" + _NUMBER + r")\s?‰", lambda m: "千分之" + decimal(m.group(1)), text)
    # negatives: a minus not between two numbers
    text = re.sub(r"零下\s*-(?=\d)", "零下", text)
    text = re.sub(r"(?<![0-9A-Za-z)])-(?=" + _NUMBER + r"(?:摄氏度|华氏度|度))", "零下", text)
    text = re.sub(r"(?<![0-9A-Za-z)])-(?=\d)", "负", text)
    # ranges and arithmetic
    text = re.sub(r"(?<=\d)\s*(?:~|-|—|–)\s*(?=(?:\d|负))", "到", text)
    text = re.sub(r"(?<=\d)\s*([+=×÷])\s*(?=\d|负)", lambda m: _SIGNS[m.group(1)], text)
    text = re.sub(r"(?<=\d)\s*[:：]\s*(?=\d)", "比", text)  # what is left of a colon: a score, 3:2
    text = re.sub(r"(?<![\d/])(\d+)/(\d+)(?![\d/])",
                  lambda m: f"{cardinal(m.group(2))}分之{cardinal(m.group(1))}" if int(m.group(2)) else m.group(),
                  text)
    return text


def _numbers(text: str) -> str:
    text = re.sub(r"第\s*(\d+)", lambda m: "第" + cardinal(m.group(1)), text)

    def number(m: re.Match[str]) -> str:
        counted = bool(m.group(2)) and "." not in m.group(1)
        return decimal(m.group(1), liang=counted) + (m.group(2) or "")

    text = re.sub(r"(\d+(?:\.\d+)?)(\s*(?:" + _MEASURE + r"))?", number, text)
    return text


def normalize(text: str) -> str:
    """``text`` with its digits, dates, times, units and number symbols written out as they are read."""
    text = _fullwidth(text)
    if not re.search(r"\d", text):
        return text
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 1,000,000
    for step in (_dates, _times, _phones, _symbols, _numbers):
        text = step(text)
    return text
