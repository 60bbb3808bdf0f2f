"""Shared fixtures: the real data sets (see ``tests/datasets.py``), found as a user's machine finds them.

MNIST comes from ``NNMATH_DATA`` (CI sets it), Fashion-MNIST from Debian's
``dataset-fashion-mnist``. ``real_data`` is mnist-10k, or on a machine without
MNIST the same-sized slice of Fashion-MNIST; ``mnist10k`` is for tests about the
MNIST files themselves and skips without them (in CI, ``CI=true``, it fails).
"""

import os
from pathlib import Path

import pytest
from datasets import need_dataset, real_dataset

REPO = Path(__file__).resolve().parents[1]

# Parallel workers (pytest-xdist) each cache LaTeX and text SVGs in their own folder:
# two processes writing one SVG at once can leave it empty.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("NNMATH_SCENE_CACHE",
                          str(REPO / "media" / f"worker-{os.environ['PYTEST_XDIST_WORKER']}"))


def data_dir():
    """The data folder the user set (``$NNMATH_DATA``), or None."""
    return os.environ.get("NNMATH_DATA") or None


@pytest.fixture(scope="session")
def real_data():
    return real_dataset()


@pytest.fixture(scope="session")
def mnist10k():
    return need_dataset("mnist-10k")


@pytest.fixture(scope="session")
def fashion():
    return need_dataset("fashion-mnist")


# ---------------------------------------------------------------------- traces and chapter runs
# The shipped trace, one trace recorded here per data set, and one skip-animations run per
# chapter and trace (with the checks and the still frames), shared by every test file.

SHIPPED_TRACE = REPO / "assets" / "trace-mnist-10k.npz"
#: Second traces: another data set (long class names, 60,000 images), and for MNIST another
#: seed and the reference's update order, so nothing depends on one recording.
RECORDINGS = {"fashion-mnist": {"seed": 7, "order": "reference"},
              "mnist-10k": {"seed": 7, "order": "reference"}}
#: The traces every chapter runs on: the shipped one and the Fashion-MNIST one.
CHAPTER_TRACES = ("shipped", "fashion-mnist")

_recorded = {}
_chapter_runs = {}


def recorded_trace_file(name, tmp_path_factory):
    """A trace recorded in this session from data set ``name`` (see :data:`RECORDINGS`).

    Recorded once per test run, not once per xdist worker: the first worker to ask records
    it into the run's shared temporary folder under a lock, the others wait and read it."""
    if name not in _recorded:
        import fcntl

        from nnmath.record import record_run
        from nnmath.trace import save_trace

        dataset = need_dataset(name)
        shared = tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            shared = shared.parent                      # this run's folder, every worker's
        path = shared / f"trace-{name}.npz"
        with open(shared / f"trace-{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.exists():
                arrays, meta = record_run(dataset, progress=False, **RECORDINGS[name])
                save_trace(path, arrays, meta)        # written to a temporary name, renamed
        _recorded[name] = path
    return _recorded[name]


def trace_file_named(name, tmp_path_factory):
    """``"shipped"`` or a data set name -> the trace file."""
    return SHIPPED_TRACE if name == "shipped" else recorded_trace_file(name, tmp_path_factory)


@pytest.fixture(scope="session", params=CHAPTER_TRACES)
def trace_file(request, tmp_path_factory):
    """Each chapter-level test runs on the shipped trace and on one recorded from Fashion-MNIST."""
    return trace_file_named(request.param, tmp_path_factory)


@pytest.fixture(scope="session")
def trace(trace_file):
    from nnmath.trace import load_trace

    return load_trace(trace_file)


@pytest.fixture(scope="session")
def mnist_trace_file(tmp_path_factory):
    """A trace recorded here from mnist-10k with another seed and the reference order."""
    return recorded_trace_file("mnist-10k", tmp_path_factory)


@pytest.fixture(scope="session")
def chapter_run(tmp_path_factory):
    """``chapter_run(chapter, trace_file)`` -> ``(scene, marks, frames, report)``, once each.

    The chapter runs with animations skipped and the checks on (``scenes.checks``); the
    marks are the JSON the scene wrote; ``frames`` maps each still's name to its picture.
    """
    import json

    from scenes.checks import checked, report_of
    from scenes.run import run_scene

    def run(chapter, trace_file):
        key = (chapter.slug, str(trace_file))
        if key not in _chapter_runs:
            media = tmp_path_factory.mktemp(f"media-{chapter.slug}")
            frames = {}
            scene = run_scene(chapter, trace_file, media, wrap=checked, frames=frames)
            marks = json.loads((media / "marks" / f"{chapter.scene}.json").read_text())
            report = report_of(scene)
            _chapter_runs[key] = (scene, marks, frames, report)
        return _chapter_runs[key]

    return run


@pytest.fixture(scope="session")
def dataset_for():
    """``dataset_for(trace)``: the real data set a trace was recorded from (skips without it)."""
    return lambda trace: need_dataset(trace.meta["dataset"])


# ---------------------------------------------------------------------- sharing the two cores
# pytest-xdist runs one group of tests per worker at a time (``--dist loadgroup``): a test file
# is one group, so its module fixtures (the end-to-end render) run once, except the two files
# whose chapter runs dominate the suite, which are one group per trace, so both cores share
# them. The groups start longest first, so no core is left waiting on a long one at the end.

#: Groups in the order they start (a prefix matches every group it begins); the rest follow.
LONGEST_FIRST = ("test_render_e2e.py", "test_chapters.py", "test_record_settings.py-fashion",
                 "test_record_settings.py-h128", "test_record_settings.py-",
                 "test_render_kill.py", "test_beyond.py", "test_cache_determinism.py",
                 "test_render_cli.py", "test_trace.py")


def run_group(item):
    """The group an item runs in: its file, or for chapter runs its file and trace."""
    module = item.path.name
    params = item.callspec.params if hasattr(item, "callspec") else {}
    if module == "test_chapters.py":
        return f"{module}-{params.get('trace_name', params.get('trace_file', 'shipped'))}"
    if module == "test_record_settings.py" and "name" in params:
        return f"{module}-{params['name']}"
    return module


def start_rank(group):
    return next((i for i, prefix in enumerate(LONGEST_FIRST) if group.startswith(prefix)),
                len(LONGEST_FIRST))


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    groups = {item: run_group(item) for item in items}
    for item, group in groups.items():
        item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: start_rank(groups[item]))  # stable: a file keeps its order
