"""Run a chapter scene in this process with animations skipped: the fast way to test a chapter.

Used by the tests and by :mod:`scenes.checks`; a real render goes through ``lecture/``.
"""

import importlib
import os
from contextlib import contextmanager
from pathlib import Path

from scenes import theme

REPO = Path(__file__).resolve().parent.parent
#: Still frames taken in a skipped run are this small: enough to compare, cheap to store.
FRAME_SIZE = {"pixel_width": 480, "pixel_height": 270, "frame_rate": 15}


@contextmanager
def trace_env(trace_file):
    """Point ``NNMATH_TRACE`` at ``trace_file`` for the duration, then restore it."""
    previous = os.environ.get("NNMATH_TRACE")
    os.environ["NNMATH_TRACE"] = str(trace_file)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("NNMATH_TRACE", None)
        else:
            os.environ["NNMATH_TRACE"] = previous


def cache_dir():
    """Where LaTeX's and Pango's SVGs are cached: ``media/`` of the repository, or the folder
    named by ``NNMATH_SCENE_CACHE`` (the tests give each parallel worker its own, since two
    processes writing one SVG at once can leave it empty)."""
    return Path(os.environ.get("NNMATH_SCENE_CACHE") or REPO / "media")


def scene_class(chapter):
    """The chapter's Scene class (``scenes/<slug>.py``)."""
    module = importlib.import_module(f"scenes.{Path(chapter.file).stem}")
    return getattr(module, chapter.scene)


def run_scene(chapter, trace_file, media_dir, wrap=None, frames=None, frame_size=None):
    """Run ``chapter`` on ``trace_file`` with animations skipped; return the finished scene.

    ``wrap(cls) -> cls`` may subclass the scene first (the checks do). ``frames``, a dict,
    receives an RGB frame (uint8 array, ``frame_size`` or :data:`FRAME_SIZE`) per still name.
    The marks JSON goes to ``media_dir/marks``.
    """
    import numpy as np
    from manim import tempconfig

    cls = scene_class(chapter)
    if wrap is not None:
        cls = wrap(cls)
    if frames is not None:
        base = cls

        class WithFrames(base):
            def still(self, name):
                super().still(name)
                self.renderer.update_frame(self, ignore_skipping=True)
                frames[name] = np.array(self.renderer.get_frame())[:, :, :3]

        WithFrames.__name__ = WithFrames.__qualname__ = base.__name__
        cls = WithFrames
    settings = {"media_dir": str(media_dir), "disable_caching": True,
                "write_to_movie": False, "save_last_frame": False,
                "background_color": theme.BACKGROUND, "verbosity": "ERROR",
                "progress_bar": "none", **(frame_size or FRAME_SIZE),
                # LaTeX and text caches shared with normal renders (media/ is git-ignored)
                "tex_dir": str(cache_dir() / "Tex"), "text_dir": str(cache_dir() / "texts")}
    with trace_env(trace_file), tempconfig(settings):
        scene = cls(skip_animations=True)
        scene.render()
    return scene
