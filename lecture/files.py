"""Small file helpers: atomic text writes and cheap copies (a hard link when possible)."""

import os
import shutil
from pathlib import Path

from nnmath.atomic import write_atomic

__all__ = ["place_copy", "prune", "write_atomic", "write_via"]


def write_via(dst, write, tmp=None):
    """Call ``write(tmp)`` for a hidden temporary name beside ``dst`` (default
    ``.<name>.partial``), then rename it onto ``dst``; if anything fails (a full disk...),
    the temporary file is deleted, so neither a half-written ``dst`` nor a stray partial
    file is left."""
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tmp) if tmp else dst.with_name(f".{dst.name}.partial")
    try:
        write(tmp)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dst


def prune(folder, keep):
    """Delete the files in ``folder`` that are not in ``keep`` (what this run wrote), so a
    generated folder never mixes in leftovers of an earlier run, e.g. a renamed still."""
    keep = {Path(k).resolve() for k in keep}
    for path in Path(folder).iterdir():
        if path.is_file() and path.resolve() not in keep:
            path.unlink()


def place_copy(src, dst, link=True):
    """Make ``dst`` hold the bytes of ``src``: a hard link if ``link`` and the file system
    allows, else a copy; through a temporary name, so ``dst`` is never half-written.
    Only link files that are replaced (never rewritten in place) by whoever writes them."""
    src, dst = Path(src), Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.exists() and os.path.samefile(src, dst):
        return dst  # already linked (renaming a link onto itself would leave the temp behind)

    def write(tmp):
        tmp.unlink(missing_ok=True)
        try:
            if not link:
                raise OSError("copy asked for")
            os.link(src, tmp)
        except OSError:
            shutil.copyfile(src, tmp)

    return write_via(dst, write)
