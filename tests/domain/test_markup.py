"""Pause markers and sound tags: one reading of a line for MiniMax, the offline engines and subtitles."""

from __future__ import annotations

import pytest

from studio.domain import markup


@pytest.mark.parametrize(("text", "shown"), [
    ("你好<#0.5#>再见。", "你好再见。"),
    ("哈哈 (laughs) 你真逗。", "哈哈你真逗。"),
    ("Hello <#0.5#> world (sighs).", "Hello world."),
    ("（coughs）咳，我没事。", "咳，我没事。"),
    ("(softly) not a tag <#x#> here", "(softly) not a tag here"),
    ("普通的一句话。", "普通的一句话。"),
])
def test_subtitles_show_the_words_without_markers_or_tags(text: str, shown: str) -> None:
    assert markup.display_text(text) == shown


def test_minimax_keeps_pauses_between_words_and_tags_only_where_asked() -> None:
    text = "<#1#>Hello <#0.5#> <#0.3#> world (LAUGHS).<#2#>"
    assert markup.for_minimax(text, tags=True) == "Hello <#0.8#> world (laughs)."
    assert markup.for_minimax(text, tags=False) == "Hello <#0.8#> world."
    assert markup.for_minimax("你好<#120#>再见", tags=True) == "你好<#99.99#>再见"
    assert markup.for_minimax("a <#0.004#> b", tags=True) == "a <#0.01#> b"
    assert markup.for_minimax("no markup (here)", tags=False) == "no markup (here)"


def test_offline_text_turns_tags_into_short_pauses_and_cuts_into_segments() -> None:
    offline = markup.for_offline("<#1#>开始(sighs)结束<#2#>")
    assert offline == f"<#1#>开始<#{markup.TAG_PAUSE_S:g}#>结束<#2#>"
    assert markup.segments(offline) == [("", 1.0), ("开始", markup.TAG_PAUSE_S), ("结束", 2.0)]
    assert markup.segments("I said <#0.8#>.") == [("I said.", 0.8)]  # lone punctuation joins the words
    assert markup.segments("no pauses") == [("no pauses", 0.0)]


def test_notices_say_what_an_engine_does_with_markup_it_cannot_honour() -> None:
    assert markup.notices("哈哈 (laughs) 好", "kokoro", voices_tags=True) == []
    (kokoro,) = markup.notices("哈哈 (laughs) 好", "kokoro", voices_tags=False)
    assert "(laughs)" in kokoro and "short pause" in kokoro
    (minimax,) = markup.notices("哈哈 (laughs) 好", "minimax", voices_tags=False)
    assert "speech-2.8" in minimax
    (bad,) = markup.notices("等等<#abc#>好", "espeak", voices_tags=False)
    assert "<#abc#>" in bad and "<#0.5#>" in bad
