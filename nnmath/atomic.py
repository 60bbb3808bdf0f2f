"""Write files whole or not at all: a temporary file beside the target, then a rename.

The temporary file is ``.<name>.<pid>.<random>.tmp``. A writer killed before its rename
(SIGKILL, a power cut) cannot delete it, so the next write of the same file does: it
removes the temporary files of that name whose process is gone (and those of older
versions, which carried no process id), never those of a writer still running.
"""

import os
import re
import tempfile
from pathlib import Path


def write_atomic(path, data):
    """Write ``data`` (bytes or str) to ``path`` so a reader never sees it half-written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def remove_stale_temporaries(path):
    """Delete what killed writers of ``path`` left beside it; returns how many files."""
    path = Path(path)
    pattern = re.compile(r"\.(?:(\d+)\.)?[A-Za-z0-9_]+\.tmp")
    prefix = f".{path.name}."
    removed = 0
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    for name in names:
        if not name.startswith(prefix):
            continue
        match = pattern.fullmatch(name[len(prefix) - 1:])
        if not match or (match.group(1) and _alive(int(match.group(1)))):
            continue
        try:
            os.unlink(path.parent / name)
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid):
    if pid == os.getpid():
        return True  # this process may be writing it in another thread
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
