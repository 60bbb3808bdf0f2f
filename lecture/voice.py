"""Narration with Debian's offline speech engine ``espeak-ng``: one WAV per sentence,
placed at the sentence's cue time in one sound track the length of the video.

A sentence longer than the time until the next cue is spoken faster (up to ``MAX_WPM``);
if even that does not fit it overlaps the next one, and :func:`narrate` reports it so the
chapter's pace can be changed (a ``self.wait`` after the cue)."""

import hashlib
import os
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import LectureError

VOICE = "en-us"
WPM = 165  # espeak-ng's default is 175; a little slower reads better for maths
MAX_WPM = 230
RATE = 22050  # espeak-ng writes 22.05 kHz mono 16-bit


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


def speak(text, out_wav, wpm=WPM, voice=VOICE):
    """Synthesise ``text`` into ``out_wav`` with espeak-ng."""
    out_wav = Path(out_wav)
    out_wav.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_wav.with_name(f".{out_wav.stem}.partial.wav")
    cmd = ["espeak-ng", "-v", voice, "-s", str(int(wpm)), "-w", str(tmp), text]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise LectureError(f"espeak-ng failed on {text[:40]!r}: {run.stderr.strip()}")
    os.replace(tmp, out_wav)
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


def _cached_speech(text, wpm, cache_dir):
    key = hashlib.sha256(f"{VOICE}|{wpm}|{text}".encode()).hexdigest()[:20]
    path = Path(cache_dir) / f"{key}.wav"
    if not path.exists():
        speak(text, path, wpm=wpm)
    return read_wav(path)


def fit_speech(text, slot, cache_dir):
    """Speech for ``text`` at the normal pace, or faster (up to ``MAX_WPM``) to fit ``slot``."""
    samples, rate = _cached_speech(text, WPM, cache_dir)
    length = len(samples) / rate
    wpm = WPM
    if length > slot > 0:
        wpm = min(MAX_WPM, int(np.ceil(WPM * length / slot)) + 5)
        samples, rate = _cached_speech(text, wpm, cache_dir)
    return samples, rate, wpm


def narrate(lines, total, out_wav, cache_dir):
    """Mix one WAV of ``total`` seconds with each subtitle line spoken at its start.

    ``lines`` are :class:`lecture.subtitles.Line` on the video's clock; a line's slot runs to
    the next line's start. Returns the placements (with any overlap) for the summary.
    """
    track = np.zeros(int(np.ceil(total * RATE)) + 1, dtype=np.int32)
    placed = []
    for k, line in enumerate(lines):
        slot = (lines[k + 1].start if k + 1 < len(lines) else total) - line.start
        samples, rate, wpm = fit_speech(line.text, slot, cache_dir)
        if rate != RATE:
            raise LectureError(f"espeak-ng wrote {rate} Hz, expected {RATE}")
        i = round(line.start * RATE)
        seg = samples[: max(0, len(track) - i)]
        track[i:i + len(seg)] += seg
        placed.append(Placed(line.start, slot, len(samples) / RATE, wpm, line.text))
    write_wav(out_wav, np.clip(track, -32768, 32767), RATE)
    return placed
