"""The narration script of a chapter, through the same loader the scenes use
(:func:`scenes.values.values`), so the subtitles, the slides and the handout say exactly what
the chapter's beats play."""

from scenes.values import ScriptError, values

from .errors import LectureError


def chapter_text(chapter, trace):
    """The chapter's :class:`scenes.values.ChapterValues` (narration, key numbers, formulas)."""
    try:
        return values(chapter.slug, trace)
    except ImportError as exc:
        raise LectureError(f"{chapter.values_module}: cannot import it ({exc})") from exc
    except ScriptError as exc:
        raise LectureError(str(exc)) from exc
