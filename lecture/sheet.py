"""Render one chapter and write its frame sheet: the picture at the end of every beat.

``python -m lecture.sheet 6`` renders chapter 6 at 480p15 into ``build/sheets/`` and writes
``build/sheets/06_forward.png``; look at it after every change to a chapter. ``--trace`` picks
another trace, ``-q m`` a larger render. (``./render.sh`` writes the same sheets for every
chapter into its output folder.)
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import LectureError
from .marks import load_marks
from .probe import duration
from .stills import frame_sheet

ROOT = Path(__file__).resolve().parent.parent
QUALITY = {"l": ("480p15", 15), "m": ("720p30", 30), "h": ("1080p60", 60)}


def render_sheet(chapter, trace, quality, out_dir):
    """Render ``chapter`` with manim and write its frame sheet; returns the sheet's path."""
    folder, fps = QUALITY[quality]
    media = Path(out_dir) / "media"
    env = dict(os.environ, NNMATH_TRACE=str(Path(trace).resolve()), COLUMNS="1000")  # unwrapped
    run = subprocess.run([sys.executable, "-m", "manim", f"-q{quality}", "--media_dir",
                          str(media), "--disable_caching", chapter.file, chapter.scene],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:  # one line: manim's last word (its error), not its traceback box
        said = [line.strip() for line in run.stderr.splitlines() if line.strip()]
        raise LectureError(f"rendering {chapter.file} failed: "
                           f"{said[-1] if said else f'manim exited with {run.returncode}'} "
                           f"(manim -ql {chapter.file} {chapter.scene} shows all it printed)")
    video = media / "videos" / Path(chapter.file).stem / folder / f"{chapter.scene}.mp4"
    marks = load_marks(media / "marks" / f"{chapter.scene}.json")
    name = f"{chapter.number:02d}_{chapter.slug}"
    with tempfile.TemporaryDirectory(dir=out_dir) as work:
        return frame_sheet(video, marks, duration(video), fps, Path(out_dir) / f"{name}.png",
                           work, f"{chapter.number:02d}")


def main(argv=None):
    from nnmath.errors import TraceError
    from nnmath.trace import load_trace
    from scenes import trace_source
    from scenes.chapters import by_slug

    parser = argparse.ArgumentParser(prog="python -m lecture.sheet", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapter", help="chapter number or slug")
    parser.add_argument("--trace", default=None, help="trace file (default: the shipped one)")
    parser.add_argument("-q", choices=sorted(QUALITY), default="l", help="quality (default l)")
    parser.add_argument("--out", default=str(ROOT / "build" / "sheets"), help="output folder")
    args = parser.parse_args(argv)
    try:
        chapter = by_slug(args.chapter)
    except KeyError as exc:
        parser.error(str(exc))
    trace = Path(args.trace) if args.trace is not None else trace_source.trace_path()
    try:
        load_trace(trace)
        out = Path(args.out)
        writable_folder(out, "--out")
        print(render_sheet(chapter, trace, args.q, out))
    except (LectureError, TraceError) as exc:  # each message names the file
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.filename or args.out}: {exc.strerror or exc}; give a writable "
              "folder to --out", file=sys.stderr)
        return 1
    return 0


def writable_folder(folder, option):
    """Make ``folder`` (or refuse it in one line): a file there, or a folder this user may
    not write in, is named with the fix rather than an errno."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise LectureError(f"{folder} is a file, not a folder; give a folder to {option}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = exc.filename or folder
        raise LectureError(f"{where}: cannot create the folder ({exc.strerror or exc}); give "
                           f"a writable folder to {option}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LectureError(f"{folder}: cannot write in this folder; make it writable or give "
                           f"another folder to {option}")
    return folder


if __name__ == "__main__":
    raise SystemExit(main())
