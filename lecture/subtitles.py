"""Subtitles (SubRip ``.srt``) from a chapter's narration script and the cue times its
scene recorded: each sentence shows from its cue until the next cue (or the chapter end)."""

from dataclasses import dataclass

from .errors import LectureError

GAP = 0.05  # seconds between one subtitle's end and the next one's start


@dataclass(frozen=True)
class Line:
    start: float
    end: float
    text: str


def timed_lines(narration, marks, offset=0.0, duration=None, source="chapter"):
    """Pair each ``(cue_id, sentence)`` with its cue time; shift everything by ``offset``.

    ``duration`` is the chapter video's real length (ffprobe), which can be a frame shorter
    than the scene's clock in ``marks``; no line runs past it.
    A sentence whose cue the scene never reached is an error (it would have no time);
    cues without a sentence are ignored (a scene may mark moments it does not narrate).
    """
    times = dict(marks.cues)
    missing = [c for c, _ in narration if c not in times]
    if missing:
        raise LectureError(f"{source}: the scene never called cue({missing[0]!r}); "
                           f"cues it did call: {', '.join(times) or 'none'}")
    end_of_chapter = marks.duration if duration is None else min(duration, marks.duration)
    ordered = sorted(((min(times[c], end_of_chapter), s) for c, s in narration),
                     key=lambda p: p[0])
    lines = []
    for k, (t, sentence) in enumerate(ordered):
        end = ordered[k + 1][0] - GAP if k + 1 < len(ordered) else end_of_chapter
        end = min(max(end, t + GAP), end_of_chapter)
        lines.append(Line(offset + t, offset + end, sentence))
    return lines


def timestamp(seconds):
    """``HH:MM:SS,mmm`` as SubRip writes it."""
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def to_srt(lines):
    """The text of an ``.srt`` file: numbered blocks, blank line between them."""
    blocks = []
    for k, line in enumerate(lines, start=1):
        text = " ".join(line.text.split())
        blocks.append(f"{k}\n{timestamp(line.start)} --> {timestamp(line.end)}\n{text}\n")
    return "\n".join(blocks)
