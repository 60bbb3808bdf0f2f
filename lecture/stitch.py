"""Join the chapter videos into one file with chapter marks: ffmpeg's concat demuxer
(stream copy, no re-encoding) and an FFMETADATA file holding the title and the chapters."""

import os
import subprocess
import tempfile
from pathlib import Path

from .errors import tool_failed


def _escape_meta(text):
    """FFMETADATA escaping: ``=``, ``;``, ``#``, ``\\`` and newlines take a backslash."""
    out = []
    for ch in str(text):
        if ch in "=;#\\\n":
            out.append("\\")
        out.append(ch)
    return "".join(out)


def chapter_spans(durations):
    """``[(start, end), ...]`` in seconds for chapters of these durations, back to back."""
    spans, t = [], 0.0
    for d in durations:
        spans.append((t, t + d))
        t += d
    return spans


def ffmetadata(title, chapters, tags=None):
    """The text of an FFMETADATA1 file: global tags, then one [CHAPTER] per
    ``(title, start_seconds, end_seconds)`` in milliseconds."""
    lines = [";FFMETADATA1", f"title={_escape_meta(title)}"]
    for key, value in (tags or {}).items():
        lines.append(f"{key}={_escape_meta(value)}")
    for name, start, end in chapters:
        lines += ["", "[CHAPTER]", "TIMEBASE=1/1000", f"START={round(start * 1000)}",
                  f"END={round(end * 1000)}", f"title={_escape_meta(name)}"]
    return "\n".join(lines) + "\n"


def concat_list(paths):
    """The text of a concat-demuxer list; paths are absolute and single quotes escaped."""
    lines = ["ffconcat version 1.0"]
    for p in paths:
        quoted = str(Path(p).resolve()).replace("'", "'\\''")
        lines.append(f"file '{quoted}'")
    return "\n".join(lines) + "\n"


def stitch(videos, metadata_text, out_path, audio=None):
    """Write ``out_path`` from ``videos`` (same codec and size) with the given metadata.

    ffmpeg writes a hidden ``.<name>.partial`` beside ``out_path`` that is renamed only
    when ffmpeg succeeded (and deleted when it failed), so a file with the final name is
    always complete. Its inputs (the concat list, the metadata) go to a temporary folder
    (``build/tmp`` during a render), never the output folder. ``audio`` (a WAV) is encoded
    to AAC and muxed in as the sound track.
    """
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".{out_path.name}.partial")
    with tempfile.TemporaryDirectory(prefix="stitch-") as tmp:
        tmp = Path(tmp)
        (tmp / "list.ffconcat").write_text(concat_list(videos))
        (tmp / "meta.txt").write_text(metadata_text)
        cmd = ["ffmpeg", "-y", "-v", "error", "-f", "concat", "-safe", "0",
               "-i", str(tmp / "list.ffconcat"), "-f", "ffmetadata", "-i", str(tmp / "meta.txt")]
        if audio is not None:
            cmd += ["-i", str(audio)]
        cmd += ["-map", "0:v", "-map_metadata", "1", "-map_chapters", "1", "-c:v", "copy"]
        if audio is not None:
            cmd += ["-map", "2:a", "-c:a", "aac", "-b:a", "128k"]
        cmd += ["-movflags", "+faststart", "-f", "mp4", str(partial)]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if run.returncode != 0:
                raise tool_failed(f"ffmpeg could not stitch {out_path}", run.stderr, out_path)
            os.replace(partial, out_path)
        finally:
            partial.unlink(missing_ok=True)
    return out_path


def mux_audio(video, wav, out_path):
    """``out_path`` = the video stream of ``video`` (copied) with ``wav`` as its AAC sound
    track, replacing any it had. Idempotent: muxing the result again gives the same bytes,
    since the video packets are copied with their timestamps (no concat demuxer)."""
    out_path = Path(out_path)
    tmp = out_path.with_name(f".{out_path.stem}.partial.mp4")
    cmd = ["ffmpeg", "-y", "-v", "error", "-i", str(video), "-i", str(wav), "-map", "0:v",
           "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-b:a", "128k", "-map_metadata", "0",
           "-movflags", "+faststart", "-f", "mp4", str(tmp)]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise tool_failed(f"ffmpeg could not add the narration to {out_path.name}", run.stderr,
                          out_path)
    os.replace(tmp, out_path)
    return out_path
