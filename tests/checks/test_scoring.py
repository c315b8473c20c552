"""Scoring what the recogniser heard against a line: Chinese by toned syllables, English by words."""

from __future__ import annotations

import pytest

from studio.checks.scoring import CheckResult, error_rates, score


@pytest.mark.parametrize(("expected", "heard", "language"), [
    ("你到底想怎么样？我们明天再说吧。", "你到底想怎麼樣我們明天再說吧", "zh"),  # traditional characters, same words
    ("他说了很多话。", "他说了很多画", "zh"),  # a homophone is heard the same
    ("哈哈 (laughs) 你真逗<#0.8#>走吧。", "哈哈你真逗走吧", "zh"),  # markup is not expected to be heard
    ("It opens a safe at the harbour bank.", " It opens a safe at the harbor bank.", "en"),
    ("Where were you last night?", "where were you last night", "en"),
])
def test_a_take_that_says_the_line_is_not_doubtful(expected: str, heard: str, language: str) -> None:
    result = score(expected, heard, language)
    assert result.score == 1.0 and not result.doubtful and result.differences == ()


@pytest.mark.parametrize(("expected", "heard", "language", "difference"), [
    ("林晚收到一封没有署名的信。", "收到一封没有署名的信", "zh", "“林晚” was not heard"),
    ("明天下午三点，在咖啡馆见面。", "明天下午三点在银行见面", "zh", "“咖啡馆” was heard as “银行”"),
    ("Tell me the whole truth.", "Tell me the truth.", "en", "“whole” was not heard"),
    ("Take the key and run.", "Take lucky and learn.", "en", "“the key” was heard as “lucky”"),
])
def test_a_skipped_or_changed_word_is_flagged_with_the_words(expected: str, heard: str, language: str,
                                                            difference: str) -> None:
    result = score(expected, heard, language)
    assert result.doubtful
    assert difference in [d.sentence() for d in result.differences]


def test_one_tone_alone_lowers_the_score_but_does_not_flag_a_long_line() -> None:
    result = score("夜深了，雨还在下，我们走吧。", "夜深了雨海在下我们走吧", "zh")
    assert 0.85 < result.score < 1.0 and not result.doubtful
    (diff,) = result.differences
    assert diff.tone_only and "another tone" in diff.sentence()


def test_a_result_survives_its_note_and_rates_are_counted() -> None:
    result = score("林晚收到一封信。", "收到一封信", "zh")
    assert CheckResult.from_note(result.to_note()) == result
    assert error_rates("林晚收到一封信。", "林晚收到一封信", "zh") == {"cer": 0.0, "ser": 0.0}
    rates = error_rates("还在下", "海在下", "zh")
    assert rates["cer"] == pytest.approx(1 / 3) and rates["ser"] == pytest.approx(1 / 3)
    assert error_rates("a b c d", "a b d", "en") == {"wer": 0.25}
