"""MiniMax's subtitle file (``subtitle_enable``) read as timed spans of the text that was sent.

A non-streaming t2a_v2 request with ``subtitle_enable: true`` answers with ``data.subtitle_file``, the
URL of a JSON file: an array of sentences (at most about 50 characters each), each with ``text``,
``time_begin`` and ``time_end`` in milliseconds from the start of the audio, character offsets
(``text_begin``, ``text_end``, and the same for ``pronounce_text``), and — when ``subtitle_type`` was
``"word"`` — ``timestamped_words``: one entry per spoken piece with ``word`` (the text it was read
from), ``word_begin`` / ``word_end`` (offsets) and ``time_begin`` / ``time_end``. A Chinese character is
one entry; an English word may come as several pieces that all name the same ``word`` and offset, and
a number as one entry per syllable read ("1953" → 一千九百五十三). Such runs are joined back into one span.
Without ``timestamped_words`` (a model that gives sentences only) there are no word times here, and the
caller aligns the audio instead. The file's character offsets are not trusted for placing words (field
reports differ on whether pause marks are counted); the words are found in the text in order later.
"""

from __future__ import annotations

import json
from typing import Any

from studio.domain.words import Span


def _ms(value: Any) -> int | None:
    try:
        return max(0, round(float(value)))
    except (TypeError, ValueError):
        return None


def _sentences(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        for key in ("subtitles", "data", "sentences"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def parse_subtitle_file(raw: bytes | str) -> list[Span] | None:
    """The word spans in a subtitle file, in time order; None when it holds no word-level times (or is
    not a subtitle file at all)."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    sentences = _sentences(data)
    if not sentences:
        return None
    spans: list[Span] = []
    for index, sentence in enumerate(sentences):
        entries = sentence.get("timestamped_words")
        if not isinstance(entries, list) or not entries:
            return None  # sentence times only
        group: tuple[Any, ...] | None = None
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            word = str(entry.get("word") or "").strip()
            start, end = _ms(entry.get("time_begin")), _ms(entry.get("time_end"))
            if not word or start is None or end is None:
                continue
            key = (index, entry.get("word_begin"), word)
            if group == key and key[1] is not None and spans:
                last = spans[-1]
                spans[-1] = Span(last.text, last.start_ms, max(last.end_ms, end))
            else:
                spans.append(Span(word, start, max(start, end)))
            group = key
    if not spans:
        return None
    spans.sort(key=lambda s: (s.start_ms, s.end_ms))
    return spans
