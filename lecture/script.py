"""The narration script of a chapter: its sentences, built from the trace by the same
pure functions (``scenes.values.<slug>``) that feed the chapter's pictures."""

import importlib
from dataclasses import dataclass

from .errors import LectureError


@dataclass(frozen=True)
class ChapterText:
    """What a chapter says and shows in words: narration, key numbers and formulas."""

    narration: tuple  # ((cue_id, sentence), ...)
    key_numbers: tuple  # ((label, text), ...)
    formulas: tuple  # (latex, ...)


def chapter_text(chapter, trace):
    """Call the chapter's values module on the trace and collect its words."""
    try:
        module = importlib.import_module(chapter.values_module)
    except ImportError as exc:
        raise LectureError(f"{chapter.values_module}: cannot import it ({exc})") from exc
    v = module.values(trace)
    narration = tuple((str(c), str(s)) for c, s in module.narration(v))
    key_numbers = tuple((str(a), str(b)) for a, b in module.key_numbers(v))
    formulas = tuple(str(f) for f in getattr(module, "FORMULAS", ()))
    ids = [c for c, _ in narration]
    if len(set(ids)) != len(ids):
        raise LectureError(f"{chapter.values_module}.narration: a cue id appears twice")
    return ChapterText(narration, key_numbers, formulas)
