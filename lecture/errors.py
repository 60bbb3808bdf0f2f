"""Errors meant for a person: the orchestrator prints them as one message and exits non-zero."""

import errno
import os


class LectureError(Exception):
    """Something the user can fix; the message says what and how."""

    exit_code = 1


class MissingDependency(LectureError):
    """A system program or font the render needs is not installed."""

    exit_code = 3


class ChapterFailed(LectureError):
    """manim failed on one chapter; the run stops there."""

    exit_code = 4


def tool_failed(message, stderr, path):
    """The exception for a failed ffmpeg writing ``path``: a full disk becomes the same
    ``OSError`` a Python write would raise (render.py turns it into one line naming the
    file), anything else a ``LectureError`` with the tool's own words."""
    if "No space left on device" in stderr or "Disk quota exceeded" in stderr:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    return LectureError(f"{message}: {stderr.strip()}")
