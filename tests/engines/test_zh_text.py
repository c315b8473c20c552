"""Tests of the Chinese reading of numbers, dates, times, units and symbols (studio.engines.zh_text):
concrete texts and what they are read as; and how the Kokoro engine uses it (its G2P, not its model)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from studio.engines.speech import SpeechRequest
from studio.engines.zh_text import (
    ZH_TEXT_VERSION,
    cardinal,
    decimal,
    normalize,
)


@pytest.mark.parametrize(("number", "said"), [
    ("0", "零"), ("2", "二"), ("10", "十"), ("15", "十五"), ("20", "二十"), ("110", "一百一十"),
    ("115", "一百一十五"), ("200", "二百"), ("1010", "一千零一十"), ("2000", "两千"), ("12000", "一万二千"),
    ("10005", "一万零五"), ("100500", "十万零五百"), ("150000", "十五万"), ("20000", "两万"),
    ("22000", "两万二千"), ("1005000", "一百万五千"), ("100000005", "一亿零五"), ("100050000", "一亿零五万"),
    ("007", "七"),
])
def test_cardinals(number: str, said: str) -> None:
    assert cardinal(number) == said


def test_a_lone_two_that_counts_is_liang_and_long_numbers_go_digit_by_digit() -> None:
    assert cardinal("2", liang=True) == "两"
    assert cardinal("12", liang=True) == "十二"
    assert cardinal("1" * 17) == "一" * 17
    assert decimal("3.14") == "三点一四" and decimal("0.5") == "零点五" and decimal("2.0", liang=True) == "二点零"
    with pytest.raises(ValueError):
        cardinal("3.5")


@pytest.mark.parametrize(("text", "said"), [
    # dates: the year digit by digit, month and day as numbers
    ("2026年12月1日，晴。", "二零二六年十二月一日，晴。"),
    ("2026-12-01", "二零二六年十二月一日"),
    ("2026/12/1出发", "二零二六年十二月一日出发"),
    ("12月1号", "十二月一号"),
    ("2月", "二月"),
    ("1998年到2000年", "一九九八年到二零零零年"),
    ("90年代", "九十年代"),
    # times
    ("明天下午3点，老地方见。", "明天下午三点，老地方见。"),
    ("会议7:30开始", "会议七点三十分开始"),
    ("3:05", "三点零五分"),
    ("2:30", "两点三十分"),
    ("3:00到", "三点到"),
    ("12:30:15", "十二点三十分十五秒"),
    ("下午２：３０", "下午两点三十分"),
    ("2点半", "两点半"),
    ("比分3:2", "比分三比二"),
    # 两 and 二
    ("我只要2个人，给你2000块。", "我只要两个人，给你两千块。"),
    ("2个月", "两个月"),
    ("她2岁了", "她两岁了"),
    ("2万", "两万"),
    ("第2名", "第二名"),
    ("第02集", "第二集"),
    ("12个", "十二个"),
    ("住在2楼", "住在二楼"),
    # phone-like digit strings
    ("他的电话是13812345678。", "他的电话是幺三八幺二三四五六七八。"),
    ("010-12345678", "零幺零幺二三四五六七八"),
    ("138-1234-5678", "幺三八幺二三四五六七八"),
    ("尾号是0571", "尾号是零五七幺"),
    ("快打110", "快打幺幺零"),
    ("代号007", "代号零零七"),
    # percentages, fractions, decimals, signs
    ("成功率只有35%。", "成功率只有百分之三十五。"),
    ("涨了3.5%", "涨了百分之三点五"),
    ("50%-60%", "百分之五十到百分之六十"),
    ("1/2", "二分之一"),
    ("1+1=2", "一加一等于二"),
    ("1,000,000人", "一百万人"),
    ("温度是-3", "温度是负三"),
    # units and currencies
    ("到机场还有25km。", "到机场还有二十五公里。"),
    ("他体重72.5kg，身高1.8米。", "他体重七十二点五公斤，身高一点八米。"),
    ("3 kg", "三公斤"),
    ("2kg", "两公斤"),
    ("100m短跑", "一百米短跑"),
    ("时速120km/h", "时速一百二十公里每小时"),
    ("外面-5℃，多穿点。", "外面零下五摄氏度，多穿点。"),
    ("零下-3度", "零下三度"),
    ("36.5°C", "三十六点五摄氏度"),
    ("这瓶酒卖¥388。", "这瓶酒卖三百八十八元。"),
    ("花了$12.5", "花了十二点五美元"),
    ("€20", "二十欧元"),
    ("等我3~5天就好。", "等我三到五天就好。"),
    ("1000-2000元", "一千到两千元"),
    # fullwidth
    ("第１２章，完。", "第十二章，完。"),
    ("１００％", "百分之一百"),
    # no digits: the text as it was
    ("三年前，他走了。", "三年前，他走了。"),
    ("4G网络", "四G网络"),
])
def test_normalize(text: str, said: str) -> None:
    assert normalize(text) == said


def test_normalize_leaves_no_digit_in_a_drama_line() -> None:
    line = "2026年12月1日下午3:45，2个人走了25km，花了¥388（35%），电话13812345678。"
    said = normalize(line)
    assert said == ("二零二六年十二月一日下午三点四十五分，两个人走了二十五公里，花了三百八十八元（百分之三十五），"
                    "电话幺三八幺二三四五六七八。")
    assert not any(ch.isdigit() for ch in said)


# --- in the Kokoro engine ----------------------------------------------------------------------------

def _g2p() -> SimpleNamespace:
    from studio.engines import kokoro

    return SimpleNamespace(zh=kokoro._ZhG2P(), en=kokoro._EnG2P())  # the G2P of the engine, without the model


def test_kokoro_says_the_line_as_it_is_read() -> None:
    from studio.engines.kokoro import _phonemize

    g2p = _g2p()
    assert _phonemize(g2p, "我只要2个人。", "zh") == _phonemize(g2p, "我只要两个人。", "zh")
    assert _phonemize(g2p, "电话13812345678", "zh") == _phonemize(g2p, "电话幺三八幺二三四五六七八", "zh")
    assert _phonemize(g2p, "会议7:30开始", "zh") == _phonemize(g2p, "会议七点三十分开始", "zh")


def test_only_chinese_lines_with_digits_change_their_render_key() -> None:
    from studio.engines.kokoro import ZH_TEXT_EXTRA, KokoroEngine

    engine = KokoroEngine()

    def prepared(text: str, language: str = "zh", extra: tuple[tuple[str, str], ...] = ()) -> SpeechRequest:
        return engine.prepare(SpeechRequest(engine="kokoro", voice_id="girl", text=text, language=language,
                                            extra=extra))

    assert prepared("好久不见。").extra == ()  # its takes keep their key
    assert prepared("Meet me at 3.", "en").extra == ()
    assert prepared("下午3点见。").extra == ((ZH_TEXT_EXTRA, ZH_TEXT_VERSION),)
    assert prepared("第１２章").extra == ((ZH_TEXT_EXTRA, ZH_TEXT_VERSION),)  # fullwidth digits too
    with_effect = prepared("下午3点见。", extra=(("effect", "telephone"),))
    assert with_effect.extra == (("effect", "telephone"), (ZH_TEXT_EXTRA, ZH_TEXT_VERSION))
    assert with_effect.render_key != prepared("下午3点见。").render_key


@pytest.mark.parametrize(("words", "pinyin", "expected"), [
    (["一万"], [["yi1", "wan4"]], ["yi2", "wan4"]),  # counted: 一 before 百千万亿 follows the sandhi
    (["一千", "块"], [["yi1", "qian1"], ["kuai4"]], ["yi4", "qian1"]),
    (["十二月", "一日"], [["shi2", "er4", "yue4"], ["yi2", "ri4"]], ["yi1", "ri4"]),  # a date's day
    (["一月"], [["yi2", "yue4"]], ["yi1", "yue4"]),  # January
    (["一九九八年"], [["yi4", "jiu3", "jiu3", "ba1", "nian2"]], ["yi1", "jiu3", "jiu3", "ba1", "nian2"]),
    (["一百一十"], [["yi4", "bai3", "yi4", "shi2"]], ["yi4", "bai3", "yi1", "shi2"]),
])
def test_yi_in_numbers_and_dates(words: list[str], pinyin: list[list[str]], expected: list[str]) -> None:
    from studio.engines.kokoro import _yi_bu_sandhi

    _yi_bu_sandhi(words, pinyin)
    assert pinyin[[i for i, w in enumerate(words) if "一" in w][0]][:len(expected)] == expected


def test_espeak_reads_chinese_numbers_as_they_are_said_and_only_those_lines_change_key() -> None:
    from studio.engines.espeak import EspeakEngine
    from studio.engines.zh_text import ZH_TEXT_EXTRA, ZH_TEXT_VERSION

    engine = EspeakEngine()

    def prepared(text: str, language: str = "zh") -> SpeechRequest:
        return engine.prepare(SpeechRequest(engine="espeak", voice_id="female_lead", text=text, language=language))

    assert prepared("下午3点见。").extra == ((ZH_TEXT_EXTRA, ZH_TEXT_VERSION),)
    assert prepared("下午三点见。").extra == () and prepared("At 3 pm.", "en").extra == ()
    read = engine._read("我们有2个人，2026年12月1日见。", "zh", {})
    assert "".join(t for _, t in read) == "我们有两个人，二零二六年十二月一日见。"
