"""Ask ffprobe about a video: its duration, size, streams and chapter marks."""

import json
import subprocess

from .errors import LectureError


def probe(path):
    """ffprobe's JSON description of ``path`` (format, streams, chapters)."""
    cmd = ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
           "-show_chapters", str(path)]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise LectureError(f"ffprobe cannot read {path}: {run.stderr.strip()}")
    return json.loads(run.stdout)


def duration(path):
    """The duration of a media file in seconds."""
    return float(probe(path)["format"]["duration"])


def video_duration(path):
    """The duration of the video stream in seconds (a narrated file's sound track, encoded
    as AAC, can run a few milliseconds longer than its pictures)."""
    info = probe(path)
    stream = next((s for s in info["streams"] if s.get("codec_type") == "video"), None)
    if stream is None or "duration" not in stream:
        return float(info["format"]["duration"])
    return float(stream["duration"])
