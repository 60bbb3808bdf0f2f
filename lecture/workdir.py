"""The working folder ``build/``: one render at a time, recovery from a killed one, scratch.

Why: manim writes its cache files (each animation's partial movie, the LaTeX and text SVGs)
under their final names while it writes them, and takes any file that exists for finished.
A render killed mid-write leaves a truncated file (a 48-byte movie) that every later run
reuses, ``--force`` included, and fails on. So:

- a render holds an exclusive lock on ``build/.render.lock`` for its whole run (the manim it
  starts inherits it, so the lock outlives a killed orchestrator until manim is gone too, and
  ``lecture.guard`` makes the kernel kill manim when the orchestrator dies);
- before manim renders a chapter, a marker file records the moment; it is removed once
  manim has ended by itself (its own error handling deletes what it did not finish);
- at the start of a run a marker still there means a render was killed under manim: every
  file of that media folder written since the marker is deleted, finished or not (manim
  simply makes it again), so no truncated file can be taken for a cached one;
- scratch work (stitching lists, LaTeX runs) goes to ``build/tmp/``, emptied at the start
  of each run, rather than the output folder or the system's temporary directory.
"""

import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

MARKER = ".manim-running"
_held = []  # the lock's file descriptor once taken, for the children to inherit


def prepare(build_dir, say):
    """Start a render: take the lock (held until this process ends), undo what killed
    renders left in ``build_dir/media``, and send scratch files to an empty
    ``build_dir/tmp`` (``tempfile`` here, ``TMPDIR`` for the children)."""
    build_dir = Path(build_dir)
    if not _held:
        _held.append(take_lock(build_dir, say))
    removed = recover(build_dir / "media")
    if removed:
        say(f"an earlier render was killed while manim wrote: removed the {removed} files "
            "it was writing (manim makes them again)")
    tempfile.tempdir = str(fresh_scratch(build_dir))
    os.environ["TMPDIR"] = tempfile.tempdir


def take_lock(build_dir, say):
    """Hold ``build_dir/.render.lock`` exclusively (waiting, and saying so, while another
    render has it); returns its file descriptor, which child processes should inherit."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / ".render.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = path.read_text().strip() or "?"
        say(f"another render (pid {holder}) is using {build_dir}; waiting for it to end")
        fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def inherited_fds():
    """The file descriptors a child writing under ``build/`` must inherit (the lock)."""
    return tuple(_held)


def recover(media_root):
    """Undo what killed renders left under ``media_root``: in each folder holding a
    leftover marker, delete every file written since the marker (then the markers).
    Returns the number of files deleted. Call it holding the lock."""
    removed = 0
    for media_dir in sorted({m.parent for m in Path(media_root).rglob(f"{MARKER}.*")}):
        markers = set(media_dir.glob(f"{MARKER}.*"))
        since = min(m.stat().st_mtime_ns for m in markers)
        for dirpath, _, files in os.walk(media_dir):
            for name in files:
                path = Path(dirpath, name)
                if path not in markers and path.lstat().st_mtime_ns >= since:
                    path.unlink()
                    removed += 1
        for marker in markers:
            marker.unlink()
    return removed


@contextmanager
def manim_running(media_dir, name):
    """Mark ``media_dir`` as being written by manim (rendering ``name``) for the duration of
    the block. The marker stays when the block raises (e.g. manim killed), or when the
    block sets ``state["clean"] = False``, for :func:`recover`."""
    marker = Path(media_dir) / f"{MARKER}.{name}"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)
    with open(marker, "wb") as f:  # a new file: its modification time is now
        f.write(f"{os.getpid()}\n".encode())
        f.flush()
        os.fsync(f.fileno())
    state = {"clean": True}
    yield state
    if state["clean"]:
        marker.unlink(missing_ok=True)


def fresh_scratch(build_dir):
    """Empty ``build_dir/tmp`` (what killed runs left there) and return it."""
    scratch = Path(build_dir) / "tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True, exist_ok=True)
    return scratch


def is_partial(name):
    """Whether a file name is one of our temporary names (``.x.partial``,
    ``.x.partial.png``, write_atomic's ``.x.<random>.tmp``)."""
    return name.startswith(".") and (".partial" in name or name.endswith(".tmp"))


def sweep_partials(out_dir):
    """Delete the temporary files a killed or failed run left in ``out_dir``, and the
    ``stitch-*`` folders older versions made there. Returns how many were deleted."""
    out_dir = Path(out_dir)
    removed = 0
    if not out_dir.is_dir():
        return 0
    for dirpath, dirs, files in os.walk(out_dir):
        for name in files:
            if is_partial(name):
                Path(dirpath, name).unlink(missing_ok=True)
                removed += 1
        for name in list(dirs):
            if name.startswith("stitch-") and Path(dirpath, name, "list.ffconcat").exists():
                shutil.rmtree(Path(dirpath, name), ignore_errors=True)
                dirs.remove(name)
                removed += 1
    return removed
