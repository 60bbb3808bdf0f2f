"""Errors meant for a person: the orchestrator prints them as one message and exits non-zero."""


class LectureError(Exception):
    """Something the user can fix; the message says what and how."""

    exit_code = 1


class MissingDependency(LectureError):
    """A system program or font the render needs is not installed."""

    exit_code = 3


class ChapterFailed(LectureError):
    """manim failed on one chapter; the run stops there."""

    exit_code = 4
