"""The sidecar a chapter scene writes while rendering: when each narration sentence starts
(``cues``) and which moments sum the chapter up (``stills``), in seconds of that chapter.

Written by ``scenes.chapter_scene.ChapterScene`` to ``<media_dir>/marks/<Scene>.json`` as
``{"slug", "scene", "duration", "cues": [{"id", "t"}], "stills": [{"name", "t"}]}``.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import LectureError


@dataclass(frozen=True)
class Marks:
    slug: str
    scene: str
    duration: float
    cues: tuple  # ((cue_id, t), ...) in time order
    stills: tuple  # ((name, t), ...) in time order


def parse_marks(data, source="marks"):
    """Validate the decoded JSON of a marks file and return :class:`Marks`."""
    try:
        duration = float(data["duration"])
        cues = tuple((str(c["id"]), float(c["t"])) for c in data["cues"])
        stills = tuple((str(s["name"]), float(s["t"])) for s in data["stills"])
        marks = Marks(str(data["slug"]), str(data["scene"]), duration, cues, stills)
    except (KeyError, TypeError, ValueError) as exc:
        raise LectureError(f"{source}: not a marks file ({exc!r}); re-render the chapter") from exc
    for kind, items in (("cue", cues), ("still", stills)):
        for name, t in items:
            if not 0 <= t <= duration + 1e-6:
                raise LectureError(f"{source}: {kind} {name!r} at {t:.3f} s lies outside the "
                                   f"chapter (0..{duration:.3f} s)")
    times = [t for _, t in cues]
    if times != sorted(times):
        raise LectureError(f"{source}: cues are not in time order")
    ids = [c for c, _ in cues]
    if len(set(ids)) != len(ids):
        raise LectureError(f"{source}: a cue id appears twice")
    return marks


def load_marks(path):
    """Read and validate one marks file."""
    path = Path(path)
    if not path.exists():
        raise LectureError(f"{path}: no marks file; the chapter scene must subclass "
                           "scenes.chapter_scene.ChapterScene, which writes it")
    return parse_marks(json.loads(path.read_text()), source=str(path))
