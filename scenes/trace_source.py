"""Where the scenes get their trace: ``NNMATH_TRACE`` if set, else the shipped one.

Loading validates the trace (``nnmath.trace.load_trace``); the result is cached
per path so several chapters rendered in one process read the file once.
"""

import os
from pathlib import Path

from nnmath.trace import load_trace

ENV_VAR = "NNMATH_TRACE"
REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED = REPO_ROOT / "assets" / "trace-mnist-10k.npz"

_cache = {}


def trace_path():
    """The trace the scenes show: ``$NNMATH_TRACE`` or ``<repo>/assets/trace-mnist-10k.npz``."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else SHIPPED


def load():
    """The validated trace at :func:`trace_path`, read once per path."""
    path = trace_path().resolve()
    if path not in _cache:
        _cache[path] = load_trace(path)
    return _cache[path]
