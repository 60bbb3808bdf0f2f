"""kill -9 at several moments of a real render, then a rerun: it must succeed and give the
same bytes as a render that was never interrupted, with nothing left behind.

One short chapter at 480p15, rendered from a copy of the shipped trace under its own name so
it gets its own manim cache (``build/media/trace-killtest``), deleted afterwards. Each run is
a real ``python -m lecture.render`` in its own process group, killed with SIGKILL (manim,
LaTeX and ffmpeg with it) the moment a condition on its files is seen.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecture.workdir import is_partial
from scenes.chapters import by_slug

REPO = Path(__file__).resolve().parents[1]
CHAPTER, SCENE_FILE, SCENE = "one_neuron", "one_neuron", "OneNeuron"
STEM = "trace-killtest"
MEDIA = REPO / "build" / "media" / STEM / CHAPTER  # one media folder per chapter (render -j)
SEGMENTS = MEDIA / "videos" / SCENE_FILE / "480p15" / "partial_movie_files" / SCENE


def files(folder, pattern="*"):
    return sorted(p for p in Path(folder).glob(pattern)) if Path(folder).is_dir() else []


def start(trace, out, systmp, log):
    return subprocess.Popen(
        [sys.executable, "-m", "lecture.render", "-q", "l", "--chapters", CHAPTER,
         "--trace", str(trace), "--out", str(out)], cwd=REPO, stdout=log,
        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, "TMPDIR": str(systmp)})


def survivors():
    """Processes still working in the kill test's media folder (manim and its LaTeX)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(MEDIA).encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found


def kill_when(proc, condition, group=True, timeout=300):
    """SIGKILL ``proc``'s whole process group (or, ``group=False``, only ``proc``, the
    orchestrator) as soon as ``condition()`` holds; returns whether it did (False: the run
    ended first). Nothing of the run may survive it."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            if group:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            proc.wait()
            time.sleep(0.5)
            assert survivors() == []  # manim died with the orchestrator
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail(f"the condition was not reached in {timeout} s")


def new_file(folder, pattern, at_least=1):
    """A condition: a file matching ``pattern`` that was not there when it was made
    appears in ``folder`` and there are ``at_least`` of them."""
    before = set(files(folder, pattern))

    def condition():
        now = files(folder, pattern)
        return len(now) >= at_least and bool(set(now) - before)
    return condition


def outputs(out_dir):
    """{relative path: bytes} of what a render wrote, without its logs and timings (and
    the PDFs, which carry their creation time)."""
    return {str(p.relative_to(out_dir)): p.read_bytes() for p in sorted(out_dir.rglob("*"))
            if p.is_file() and p.parts[len(out_dir.parts)] != "logs"
            and p.name != "summary.json" and not p.name.endswith((".pdf", ".stamp.json"))}


@pytest.fixture
def killtest_trace(tmp_path):
    trace = tmp_path / f"{STEM}.npz"
    shutil.copyfile(REPO / "assets" / "trace-mnist-10k.npz", trace)
    shutil.rmtree(MEDIA, ignore_errors=True)
    yield trace
    shutil.rmtree(MEDIA, ignore_errors=True)


def test_a_rerun_after_kill_9_at_any_moment_succeeds_with_the_same_bytes(tmp_path,
                                                                       killtest_trace):
    systmp = tmp_path / "systmp"  # the system's temporary directory, as the runs see it
    systmp.mkdir()
    reference = tmp_path / "reference"
    with open(tmp_path / "reference.log", "w") as log:
        run = start(killtest_trace, reference, systmp, log)
        assert run.wait(timeout=600) == 0, (tmp_path / "reference.log").read_text()[-3000:]
    shutil.rmtree(MEDIA)  # the interrupted runs start from an empty cache too

    out = tmp_path / "out"
    out_dir = out / STEM / "480p15"
    scratch = [REPO / "build" / "tmp", systmp]
    moments = {
        "LaTeX: the first formula written": lambda: new_file(MEDIA / "Tex", "*.tex"),
        "manim: the first animation's movie being written":
            lambda: new_file(SEGMENTS, "*.mp4"),
        "the orchestrator alone, manim writing the 3rd animation's movie":
            lambda: new_file(SEGMENTS, "*.mp4", at_least=3),
        "manim: the 6th animation's movie being written":
            lambda: new_file(SEGMENTS, "*.mp4", at_least=6),
        "manim: combining the chapter's movie":
            lambda: new_file(MEDIA / "videos" / SCENE_FILE / "480p15", f"{SCENE}.mp4"),
        "stitching the video": lambda: (
            lambda: bool(files(out_dir, ".nn-from-scratch_*.partial"))),
        "the handout's pdflatex": lambda: (
            lambda: any(files(d, "pdflatex-*") for d in scratch)),
    }
    matrix = {}
    with open(tmp_path / "killed.log", "w") as log:
        for moment, make_condition in moments.items():
            condition = make_condition()
            run = start(killtest_trace, out, systmp, log)
            matrix[moment] = kill_when(run, condition, group="orchestrator" not in moment)
            assert not files(out_dir, "stitch-*")  # no visible work folder in the output
    print("kill matrix:", matrix)
    assert sum(matrix.values()) >= 5, matrix  # most moments were really hit

    with open(tmp_path / "final.log", "w") as final_log:
        final = start(killtest_trace, out, systmp, final_log)
        assert final.wait(timeout=600) == 0, (tmp_path / "final.log").read_text()[-3000:]
    if matrix["the handout's pdflatex"]:  # killed after the chapter was done: reused
        number = by_slug(CHAPTER).number
        assert f"{number:02d} {CHAPTER:<15} reused" in (tmp_path / "final.log").read_text()
    got, want = outputs(out_dir), outputs(reference / STEM / "480p15")
    assert sorted(got) == sorted(want)
    assert [k for k in want if got[k] != want[k]] == []
    assert (out_dir / "handout.pdf").read_bytes().startswith(b"%PDF")
    # nothing left behind: no temporary files, no LaTeX or stitching folders anywhere
    assert [p.name for p in out.rglob("*") if is_partial(p.name)] == []
    assert list(systmp.iterdir()) == []
    assert list((REPO / "build" / "tmp").iterdir()) == []
    assert not files(MEDIA, ".manim-running.*")


def test_a_kill_while_stitching_or_typesetting_leaves_nothing_behind(tmp_path):
    """Scratch work (stitching lists, LaTeX runs) is never left in the output folder or
    the system's temporary directory; what a kill leaves in build/tmp goes next run."""
    trace = REPO / "assets" / "trace-mnist-10k.npz"
    systmp = tmp_path / "systmp"
    systmp.mkdir()
    out = tmp_path / "out"
    out_dir = out / trace.stem / "480p15"
    places = [REPO / "build" / "tmp", systmp, out_dir]
    moments = {"stitching": "stitch-*", "the handout's pdflatex": "pdflatex-*"}
    with open(tmp_path / "runs.log", "w") as log:
        for moment, pattern in moments.items():
            run = start(trace, out, systmp, log)
            assert kill_when(run, lambda p=pattern: any(files(d, p) for d in places)), moment
            assert not files(out_dir, "stitch-*")
        final = start(trace, out, systmp, log)
        assert final.wait(timeout=600) == 0, (tmp_path / "runs.log").read_text()[-3000:]
    assert [p.name for p in out.rglob("*") if is_partial(p.name)
            or p.name.startswith(("stitch-", "pdflatex-", "formula-"))] == []
    assert list(systmp.iterdir()) == []
    assert list((REPO / "build" / "tmp").iterdir()) == []
