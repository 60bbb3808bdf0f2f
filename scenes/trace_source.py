"""Where the scenes get their trace: ``NNMATH_TRACE`` if set, else the shipped one.

Loading validates the trace (``nnmath.trace.load_trace``); the result is cached
per path so several chapters rendered in one process read the file once.
"""

import os
import sys
from pathlib import Path

from nnmath.errors import NnmathError
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
    """The validated trace at :func:`trace_path`, read once per path.

    Under manim's command line (``manim -ql scenes/<chapter>.py Scene``) a trace that
    cannot be used ends the run with one line naming the file and the fix, instead of
    manim's traceback box; elsewhere (tests, ``scenes.run``) the TraceError is raised.
    """
    path = trace_path()
    try:
        resolved = path.resolve()
        if resolved not in _cache:
            _cache[resolved] = load_trace(path)
        return _cache[resolved]
    except (NnmathError, OSError) as exc:
        if "manim.cli.render.commands" not in sys.modules:
            raise
        named = f" (named by ${ENV_VAR})" if os.environ.get(ENV_VAR) else ""
        message = str(exc) if isinstance(exc, NnmathError) else f"{path}: {exc.strerror or exc}"
        print(f"error: {message}{named}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
