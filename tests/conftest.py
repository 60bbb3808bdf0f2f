"""Shared fixtures: the real data sets, found the way a user's machine finds them.

MNIST comes from ``NNMATH_DATA`` or the ``shared/data`` folder beside the
repository; Fashion-MNIST from Debian's ``dataset-fashion-mnist``. Without
them the data tests skip, except in CI (``CI=true``), where a missing data
set is a failure: CI must run them.
"""

import os
from pathlib import Path

import pytest

from nnmath.data import load_dataset
from nnmath.errors import DataError

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def data_dir():
    return os.environ.get("NNMATH_DATA") or (str(SHARED_DATA) if SHARED_DATA.is_dir() else None)


def need_dataset(name):
    """Load a data set or skip (fail in CI) with the loader's own message."""
    try:
        return load_dataset(name, data_dir())
    except DataError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {name}: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def mnist10k():
    return need_dataset("mnist-10k")


@pytest.fixture(scope="session")
def fashion():
    return need_dataset("fashion-mnist")


# ==== scenes kit and chapters 1-6 (appended by the kit engineer; keep this section whole) ====
# A second real trace (another seed) and a fast scene runner (animations skipped, media in a
# temporary folder), shared by tests/test_kit.py and tests/test_chapters_1_6.py.

SHIPPED_TRACE = REPO / "assets" / "trace-mnist-10k.npz"


@pytest.fixture(scope="session")
def seed1_trace_file(tmp_path_factory, mnist10k):
    """A trace recorded here from mnist-10k with seed 1 (about a second)."""
    from nnmath.record import record_run
    from nnmath.trace import save_trace

    arrays, meta = record_run(mnist10k, seed=1, progress=False)
    path = tmp_path_factory.mktemp("trace-seed1") / "trace-mnist-10k-seed1.npz"
    save_trace(path, arrays, meta)
    return path


def run_chapter_scene(file_stem, scene_name, trace_file, media_dir, last_frame=False):
    """Run ``scenes/<file_stem>.py``'s Scene with animations skipped; return (scene, marks).

    ``NNMATH_TRACE`` points the scene at ``trace_file``; with ``last_frame`` the final
    frame is saved as a PNG under ``media_dir/images``.
    """
    import importlib
    import json

    from manim import tempconfig

    from scenes import theme

    previous = os.environ.get("NNMATH_TRACE")
    os.environ["NNMATH_TRACE"] = str(trace_file)
    try:
        cls = getattr(importlib.import_module(f"scenes.{file_stem}"), scene_name)
        settings = {"media_dir": str(media_dir), "quality": "low_quality",
                    "disable_caching": True, "save_last_frame": last_frame,
                    "background_color": theme.BACKGROUND, "verbosity": "ERROR",
                    "progress_bar": "none",
                    # LaTeX and text caches shared with normal renders (media/ is gitignored)
                    "tex_dir": str(REPO / "media" / "Tex"),
                    "text_dir": str(REPO / "media" / "texts")}
        with tempconfig(settings):
            scene = cls(skip_animations=True)
            scene.render()
        marks = json.loads((Path(media_dir) / "marks" / f"{scene_name}.json").read_text())
        return scene, marks
    finally:
        if previous is None:
            os.environ.pop("NNMATH_TRACE", None)
        else:
            os.environ["NNMATH_TRACE"] = previous


@pytest.fixture(scope="session")
def chapter_runner():
    """The scene runner as a fixture: ``chapter_runner(file_stem, scene, trace, media_dir)``."""
    return run_chapter_scene
# ==== end of the scenes section ====
