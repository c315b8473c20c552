"""How well the offline recogniser hears each offline preset: character and toned-syllable error rates on a
Chinese scene, word error rate on an English one, and how long a check of one take takes.

Every preset of the chosen engines speaks every line; the listen-back check's recogniser (Whisper base)
transcribes it, and ``studio.checks.scoring.error_rates`` counts the errors against the line (pause markers
and tags left out). Rates are totals over the set (errors ÷ characters or words). Run with
``python tests/bench/bench_listen.py [--engines kokoro,espeak] [--presets female_lead,narrator]`` from the
repository root (several minutes on two cores). Not a pytest module; prints a table.
"""

from __future__ import annotations

import argparse
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engines", default="kokoro,espeak")
    ap.add_argument("--presets", default=",".join(PRESET_IDS))
    args = ap.parse_args()
    listen.transcribe(listen.np.zeros(listen.RATE, listen.np.float32), "zh")  # load the model first
    print(f"{'engine':<8} {'preset':<16} {'zh CER':>7} {'zh SER':>7} {'en WER':>7} {'s/check':>8}")
    for name in args.engines.split(","):
        engine = create_engine(name)
        for preset in args.presets.split(","):
            counts = {"c": 0, "s": 0, "nc": 0, "w": 0, "nw": 0}
            spent, checks = 0.0, 0
            for language, lines in (("zh", ZH), ("en", EN)):
                for text in lines:
                    req = engine.prepare(SpeechRequest(engine=name, voice_id=preset, text=text, language=language))
                    take = engine.synthesize_sync(req)
                    start = time.perf_counter()
                    heard = listen.transcribe(decode_to_mono(take.audio, take.format, listen.RATE), language)
                    spent += time.perf_counter() - start
                    checks += 1
                    if language == "zh":
                        e_chars, e_py = _zh_units(text)
                        h_chars, h_py = _zh_units(heard)
                        counts["c"] += _edits(e_chars, h_chars)
                        counts["s"] += _edits(e_py, h_py)
                        counts["nc"] += len(e_chars)
                    else:
                        e, h = _en_words(text), _en_words(heard)
                        counts["w"] += _edits(e, h)
                        counts["nw"] += len(e)
            print(f"{name:<8} {preset:<16} {counts['c'] / counts['nc']:>7.1%} {counts['s'] / counts['nc']:>7.1%} "
                  f"{counts['w'] / counts['nw']:>7.1%} {spent / checks:>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
