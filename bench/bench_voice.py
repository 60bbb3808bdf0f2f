"""Which offline speech engine is the most intelligible on OUR narration, by measurement.

    .venv/bin/python bench/bench_voice.py                 # every installed engine
    .venv/bin/python bench/bench_voice.py --engines festival,espeak-ng

Every sentence of every chapter (from the shipped trace, numbers spoken as words) is
synthesised by each engine through ``lecture.voice.speak`` (what the render uses) and
transcribed by the PyPI ``pocketsphinx`` 5.1.1 recogniser with its bundled en-us model.
The word error rate (substitutions + deletions + insertions over the reference words) is a
weak but honest proxy for intelligibility: lower is better. It also checks that each engine
gives the same bytes twice (the render must be deterministic) and prints the seconds of
speech and the synthesis time.
"""

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))

from lecture import voice
from lecture.script import chapter_text
from lecture.spoken import spoken


def narration_sentences(trace_path=ROOT / "assets" / "trace-mnist-10k.npz"):
    from nnmath.trace import load_trace
    from scenes.chapters import CHAPTERS

    trace = load_trace(trace_path)
    return [s for c in CHAPTERS for _, s in chapter_text(c, trace).narration]


def words(text):
    """Lower-case words, punctuation dropped, as the recogniser writes them."""
    return re.sub(r"[^a-z' ]+", " ", text.lower().replace("-", " ")).split()


def edit_distance(ref, hyp):
    d = np.arange(len(hyp) + 1)
    for i, r in enumerate(ref, start=1):
        prev, d[0] = d.copy(), i
        for j, h in enumerate(hyp, start=1):
            d[j] = min(prev[j] + 1, d[j - 1] + 1, prev[j - 1] + (r != h))
    return int(d[-1])


def transcribe(decoder, wav):
    """pocketsphinx's transcript of a WAV (converted to 16 kHz mono first)."""
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-ac", "1", "-ar", "16000",
                          "-f", "s16le", "-"], capture_output=True, check=True).stdout
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp else ""


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--engines", default=",".join(voice.ENGINES))
    p.add_argument("--limit", type=int, help="only the first N sentences")
    args = p.parse_args()
    from pocketsphinx import Decoder

    decoder = Decoder(samprate=16000, loglevel="FATAL")
    sentences = narration_sentences()[: args.limit]
    n_words = sum(len(words(spoken(s))) for s in sentences)
    print(f"{len(sentences)} narration sentences, {n_words} words (numbers as words)")
    print(f"{'engine':<11} {'WER':>6} {'speech s':>9} {'synth s':>8}  deterministic")
    rows = []
    for engine in args.engines.split(","):
        if not voice.engine_available(engine):
            print(f"{engine:<11} not installed, skipped")
            continue
        errors = speech = synth = 0.0
        same = True
        with tempfile.TemporaryDirectory() as tmp:
            for k, s in enumerate(sentences):
                wav = Path(tmp) / f"{k}.wav"
                t0 = time.perf_counter()
                voice.speak(s, wav, engine=engine)
                synth += time.perf_counter() - t0
                if k < 3:  # the same text must give the same bytes
                    again = voice.speak(s, Path(tmp) / "again.wav", engine=engine)
                    same &= again.read_bytes() == wav.read_bytes()
                samples, rate = voice.read_wav(wav)
                speech += len(samples) / rate
                errors += edit_distance(words(spoken(s)), words(transcribe(decoder, wav)))
        wer = errors / n_words
        rows.append((wer, engine))
        print(f"{engine:<11} {wer:6.1%} {speech:9.1f} {synth:8.1f}  {'yes' if same else 'NO'}",
              flush=True)
    if rows:
        print(f"most intelligible: {min(rows)[1]} ({min(rows)[0]:.1%} word error rate)")


if __name__ == "__main__":
    main()
