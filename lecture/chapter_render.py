"""Render one chapter with manim, or reuse the last render when nothing it depends on changed.

Reuse works on two levels: our own stamp (a hash of the chapter's scene file, its values
module, the shared scene modules, the trace bytes, the quality, manim's version and the
encoder settings) skips manim entirely; when the stamp differs, manim's own cache still
skips every animation whose content did not change.
"""

import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from nnmath.data import sha256_file

from .errors import ChapterFailed
from .files import place_copy, write_atomic
from .marks import load_marks
from .workdir import inherited_fds, manim_running

# Encoder settings passed to manim, measured with bench/bench_render.py (docs/render.md):
# at -qh, x264's default preset (medium) was over half the CPU time of a chapter; ultrafast
# cut the whole render's CPU time by about a third (a flat-coloured animation compresses
# well anyway), and a second in-flight encoder lets encoding overlap drawing on 2 cores.
ENCODER_OPTIONS = ("preset=ultrafast",)
MANIM_EXTRA = ("--max-inflight-encoders", "2")
FULL_DISK = 256 * 1024  # bytes free under which a failed manim is taken for a full disk


@dataclass
class ChapterResult:
    chapter: object
    video: Path
    marks_file: Path
    duration: float
    render_seconds: float  # seconds this run spent (0 when reused)
    first_render_seconds: float  # seconds the render that made the video took
    reused: bool
    cached_animations: int = 0
    animations: int = 0


def chapter_inputs(chapter, root):
    """The files whose content decides a chapter's video: its scene file, its values module,
    and every shared module of ``scenes`` (the kit, the theme, the trace source...), i.e.
    everything under ``scenes/`` except the other chapters' scene and values files."""
    root = Path(root)
    from scenes.chapters import CHAPTERS

    others = {Path(c.file) for c in CHAPTERS if c.slug != chapter.slug}
    others |= {Path("scenes/values") / f"{c.slug}.py" for c in CHAPTERS if c.slug != chapter.slug}
    others.add(Path("scenes/chapters.py"))  # the manifest: its entries go in unordered
    files = []
    for path in sorted((root / "scenes").rglob("*.py")):
        rel = path.relative_to(root)
        if rel not in others:
            files.append(rel)
    files.append(Path("manim.cfg"))
    return files


def input_stamp(chapter, root, trace_path, quality):
    """A hash of everything a chapter's video depends on."""
    import manim

    h = hashlib.sha256()
    for rel in chapter_inputs(chapter, root):
        path = Path(root) / rel
        h.update(f"{rel}\0".encode())
        h.update(sha256_file(path).encode() if path.exists() else b"absent")
    from scenes.chapters import CHAPTERS

    # the manifest's entries, not their order: moving a chapter re-renders nothing
    h.update(json.dumps(sorted((c.slug, c.scene, c.title) for c in CHAPTERS)).encode())
    h.update(f"trace\0{sha256_file(trace_path)}\0".encode())
    h.update(f"quality\0{quality.folder}\0manim\0{manim.__version__}\0".encode())
    h.update(json.dumps([ENCODER_OPTIONS, MANIM_EXTRA]).encode())
    speech = os.environ.get("NNMATH_SPEECH_SECONDS")  # beats sized to the narration
    h.update(f"speech\0{sha256_file(speech) if speech else 'none'}\0".encode())
    return h.hexdigest()


def manim_command(chapter, quality, media_dir, extra=(), encoder_options=None, manim_extra=None):
    """The manim command line that renders ``chapter`` (our encoder settings unless given)."""
    encoder_options = ENCODER_OPTIONS if encoder_options is None else encoder_options
    manim_extra = MANIM_EXTRA if manim_extra is None else manim_extra
    cmd = [sys.executable, "-m", "manim", "render", quality.manim_flag, "--media_dir",
           str(media_dir), *manim_extra, *extra]
    for opt in encoder_options:
        cmd += ["--encoder-option", opt]
    return cmd + [chapter.file, chapter.scene]


def manim_output(chapter, quality, media_dir):
    """Where manim writes the chapter's video and its marks sidecar."""
    stem = Path(chapter.file).stem
    video = Path(media_dir) / "videos" / stem / quality.folder / f"{chapter.scene}.mp4"
    return video, Path(media_dir) / "marks" / f"{chapter.scene}.json"


def count_cached(log_text):
    """(animations taken from manim's cache, animations played) in a manim log."""
    cached = len(re.findall(r"Using\s+cached\b", log_text))  # rich wraps its lines
    played = re.findall(r"Played (\d+) animations", log_text)
    return cached, int(played[-1]) if played else 0


def render_chapter(chapter, *, root, quality, media_dir, out_dir, trace_path, force=False):
    """Render (or reuse) ``chapter``; its video and marks end up in ``out_dir``.

    manim runs under a marker in ``media_dir`` (see ``lecture.workdir``), inherits the
    render lock, and dies with this process (``lecture.guard``)."""
    root, out_dir = Path(root), Path(out_dir)
    name = f"{chapter.number:02d}_{chapter.slug}"
    video = out_dir / "chapters" / f"{name}.mp4"
    marks_file = out_dir / "marks" / f"{name}.json"
    # keyed by slug: a chapter that only moved in the manifest is renamed, not re-rendered
    stamp_file = out_dir / "chapters" / f".{chapter.slug}.stamp.json"
    stamp = input_stamp(chapter, root, trace_path, quality)
    if not force and stamp_file.exists():
        old = json.loads(stamp_file.read_text())
        was = old.get("name", name)
        if was != name and old.get("stamp") == stamp:
            for folder, ext in (("chapters", ".mp4"), ("marks", ".json")):
                moved = out_dir / folder / f"{was}{ext}"
                if moved.exists():
                    os.replace(moved, out_dir / folder / f"{name}{ext}")
        if old.get("stamp") == stamp and video.exists() and marks_file.exists():
            marks = load_marks(marks_file)
            return ChapterResult(chapter, video, marks_file, marks.duration, 0.0,
                                 old.get("render_seconds", 0.0), True)
    log_file = out_dir / "logs" / f"{name}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    made_video, made_marks = manim_output(chapter, quality, media_dir)
    made_marks.unlink(missing_ok=True)
    env = {**os.environ, "NNMATH_TRACE": str(Path(trace_path).resolve()),
           "PYTHONUNBUFFERED": "1", "LECTURE_PARENT_PID": str(os.getpid())}
    cmd = manim_command(chapter, quality, media_dir)
    cmd[1:3] = ["-m", "lecture.guard", "manim"]  # python -m manim ... -> dies with us
    t0 = time.perf_counter()
    with open(log_file, "w") as log, manim_running(media_dir, name) as state:
        run = subprocess.run(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, check=False, pass_fds=inherited_fds())
        state["clean"] = run.returncode >= 0  # killed by a signal: files may be cut short
    seconds = time.perf_counter() - t0
    log_text = log_file.read_text(errors="replace")
    if run.returncode != 0 or not made_video.exists():
        for folder in (log_file.parent, Path(media_dir)):  # manim's log or its cache
            if shutil.disk_usage(folder).free < FULL_DISK:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))
        tail = "\n".join(log_text.strip().splitlines()[-15:])
        raise ChapterFailed(f"chapter {name} ({chapter.file}, {chapter.scene}) failed: manim "
                            f"exited with {run.returncode}; full log: {log_file}\n{tail}")
    if not made_marks.exists():
        raise ChapterFailed(f"chapter {name}: {chapter.scene} wrote no marks file "
                            f"({made_marks}); it must subclass scenes.chapter_scene.ChapterScene")
    marks = load_marks(made_marks)
    # copies, not links: manim rewrites its files in place on the next render
    place_copy(made_marks, marks_file, link=False)
    place_copy(made_video, video, link=False)
    write_atomic(stamp_file, json.dumps({"stamp": stamp, "render_seconds": seconds,
                                         "name": name}) + "\n")
    cached, played = count_cached(log_text)
    return ChapterResult(chapter, video, marks_file, marks.duration, seconds, seconds, False,
                         cached, played)
