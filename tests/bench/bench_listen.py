"""How well the offline recogniser hears each offline preset: character and toned-syllable error rates on a
Chinese scene, word error rate on an English one, and how long a check of one take takes.

Every preset of the chosen engines speaks every line; the listen-back check's recogniser (Whisper base)
transcribes it, and ``studio.checks.scoring.error_rates`` counts the errors against the line (pause markers
and tags left out). Rates are totals over the set (errors ÷ characters or words). Run with
``python tests/bench/bench_listen.py [--engines kokoro,espeak] [--presets female_lead,narrator]`` from the
repository root (several minutes on two cores). Not a pytest module; prints a table.

``--numbers`` adds a column: the CER of a Chinese set full of digits, dates, times, units and symbols, each
line scored against how it is read aloud (what the recogniser writes in digits is turned into characters
by ``studio.engines.zh_text`` first, so its number formatting is not counted as an error). ``--log FILE``
writes every line's text and what was heard as JSON lines.

Kokoro's decoder draws noise, so two runs of the same pipeline differ: one misheard line moves a preset's
rate by up to 9 points. Measured with ``--numbers`` (five Kokoro presets, 2 cores), with zh_text's reading
of numbers (before it, cn2an's): numbers CER female_lead 30.7 % (37.2), girl 10.9 % (29.9), male_lead
19.0 % (24.1), second_female 10.2 % (24.8), narrator_female 10.9 % (19.7); the drama scene, unchanged by
it, zh CER 43.9 / 33.3 / 18.7 / 21.1 / 20.5–29.8 %. See docs/architecture.md, "Offline Chinese".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.audio.decode import decode_to_mono  # noqa: E402
from studio.checks import listen  # noqa: E402
from studio.checks.scoring import _edits, _en_words, _zh_units  # noqa: E402
from studio.engines.offline_presets import PRESET_IDS  # noqa: E402
from studio.engines.registry import create_engine  # noqa: E402
from studio.engines.speech import SpeechRequest  # noqa: E402
from studio.engines.zh_text import normalize as normalize_zh  # noqa: E402

ZH = [
    "暴雨夜，林晚收到一封没有署名的信。", "陈伯，这封信是谁送来的？", "一个穿黑衣服的年轻人，放下就走了。",
    "明天下午三点，在咖啡馆见面。", "落款是……陆沉。", "陆沉？他三年前不是已经死了吗？", "林晚，好久不见。",
    "你还活着？这三年你去哪了！", "没时间解释了，有人要对你下手。", "我凭什么再相信你？",
    "外面还在下着雨，银行行长也来了。", "就凭你爸的死，根本不是意外。", "林晚手里的咖啡杯，啪地摔碎在地上。",
    "姐姐，门外那个人一直在看我们！", "别回头。跟我走，就现在。",
]
EN = [
    "The rain did not stop all night.", "Who left this letter, Mr. Chen?", "Meet me at three tomorrow.",
    "It opens a safe at the harbour bank.", "Why should I trust you now?", "Because I faked my death to keep you safe.",
    "Then every light in the house went out.", "Take the key and run. Now!",
]
#: (what the line says in writing, how it is read aloud)
ZH_NUMBERS = [
    ("2026年12月1日，晴。", "二零二六年十二月一日，晴。"),
    ("明天下午3点，老地方见。", "明天下午三点，老地方见。"),
    ("会议7:30开始，别迟到。", "会议七点三十分开始，别迟到。"),
    ("我只要2个人，给你2000块。", "我只要两个人，给你两千块。"),
    ("这次的成功率只有35%。", "这次的成功率只有百分之三十五。"),
    ("他的电话是13812345678。", "他的电话是幺三八幺二三四五六七八。"),
    ("从这里到机场还有25km。", "从这里到机场还有二十五公里。"),
    ("外面-5℃，多穿点。", "外面零下五摄氏度，多穿点。"),
    ("这瓶酒卖¥388。", "这瓶酒卖三百八十八元。"),
    ("等我3~5天就好。", "等我三到五天就好。"),
    ("他体重72.5kg，身高1.8米。", "他体重七十二点五公斤，身高一点八米。"),
    ("第１２章，完。", "第十二章，完。"),
]


def _as_said(text: str) -> str:
    """A line as it is read aloud: what the recogniser wrote in digits (72.5kg, 7:30) in characters, by the
    same reading the engines use, and 幺 as 一 (a phone number's 1 may be written either way)."""
    return normalize_zh(text).replace("幺", "一")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engines", default="kokoro,espeak")
    ap.add_argument("--presets", default=",".join(PRESET_IDS))
    ap.add_argument("--numbers", action="store_true", help="also the set of digits, dates and units")
    ap.add_argument("--no-main", action="store_true", help="only the --numbers set")
    ap.add_argument("--log", help="write each line and what was heard to this JSON-lines file")
    args = ap.parse_args()
    log = open(args.log, "a", encoding="utf-8") if args.log else None  # noqa: SIM115
    listen.transcribe(listen.np.zeros(listen.RATE, listen.np.float32), "zh")  # load the model first
    print(f"{'engine':<8} {'preset':<16} {'zh CER':>7} {'zh SER':>7} {'en WER':>7} {'num CER':>8} {'s/check':>8}")
    sets = [] if args.no_main else [("zh", [(t, t) for t in ZH]), ("en", [(t, t) for t in EN])]
    if args.numbers:
        sets.append(("num", ZH_NUMBERS))
    for name in args.engines.split(","):
        engine = create_engine(name)
        for preset in args.presets.split(","):
            counts = {"c": 0, "s": 0, "nc": 0, "w": 0, "nw": 0, "n": 0, "nn": 0}
            spent, checks = 0.0, 0
            for kind, lines in sets:
                language = "en" if kind == "en" else "zh"
                for text, said in lines:
                    req = engine.prepare(SpeechRequest(engine=name, voice_id=preset, text=text, language=language))
                    take = engine.synthesize_sync(req)
                    start = time.perf_counter()
                    heard = listen.transcribe(decode_to_mono(take.audio, take.format, listen.RATE), language)
                    spent += time.perf_counter() - start
                    checks += 1
                    if kind == "zh":
                        e_chars, e_py = _zh_units(text)
                        h_chars, h_py = _zh_units(heard)
                        errors = _edits(e_chars, h_chars)
                        counts["c"] += errors
                        counts["s"] += _edits(e_py, h_py)
                        counts["nc"] += len(e_chars)
                    elif kind == "num":
                        heard_said = _as_said(heard)
                        e_chars, _ = _zh_units(_as_said(said))
                        errors = _edits(e_chars, _zh_units(heard_said)[0])
                        counts["n"] += errors
                        counts["nn"] += len(e_chars)
                    else:
                        e, h = _en_words(text), _en_words(heard)
                        errors = _edits(e, h)
                        counts["w"] += errors
                        counts["nw"] += len(e)
                    if log:
                        log.write(json.dumps({"engine": name, "preset": preset, "set": kind, "text": text,
                                              "heard": heard, "errors": errors}, ensure_ascii=False) + "\n")
                        log.flush()

            rates = {k: f"{counts[k] / counts[n]:.1%}" if counts[n] else "-"
                     for k, n in (("c", "nc"), ("s", "nc"), ("w", "nw"), ("n", "nn"))}
            print(f"{name:<8} {preset:<16} {rates['c']:>7} {rates['s']:>7} {rates['w']:>7} {rates['n']:>8} "
                  f"{spent / max(1, checks):>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
