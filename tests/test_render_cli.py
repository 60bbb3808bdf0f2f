"""render.sh / ``python -m lecture.render`` as a user meets them: options checked while
parsing, paths relative to where the command was run, and a full disk.

The renders here are one short chapter at 480p15 on the shipped trace, so manim's cache
(``build/media/trace-mnist-10k``) makes the second and later ones quick.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lecture.render import parse_args
from lecture.workdir import is_partial
from scenes.chapters import CHAPTERS

REPO = Path(__file__).resolve().parents[1]
TRACE = REPO / "assets" / "trace-mnist-10k.npz"
CHAPTER = "one_neuron"


def lecture_render(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "lecture.render", *args], cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=900)


@pytest.mark.parametrize("spec", ["", ",,", " , ", "3,,nosuch", str(len(CHAPTERS) + 1), "0"])
def test_chapters_that_name_no_chapter_are_refused_while_parsing(spec, capsys):
    with pytest.raises(SystemExit) as stop:
        parse_args(["--chapters", spec])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--chapters" in err and all(c.slug in err for c in CHAPTERS)


def test_chapters_error_is_one_message_with_exit_2():
    run = lecture_render("-q", "l", "--chapters", ",,")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "one_neuron" in run.stderr
    assert "no chapter scene file" not in run.stderr
    assert parse_args(["--chapters", "3, one_hot"]).chapters == "3, one_hot"


def test_relative_trace_and_out_are_the_callers(tmp_path):
    """``--trace`` and ``--out`` given relative to the caller's folder, not the repository."""
    (tmp_path / "mine").mkdir()
    shutil.copyfile(TRACE, tmp_path / "mine" / TRACE.name)  # same name: manim's cache is warm
    rel_out = Path("relw-test-render") / "o9"
    assert not (REPO / rel_out.parts[0]).exists()
    try:
        run = subprocess.run([str(REPO / "render.sh"), "-q", "l", "--chapters", CHAPTER,
                              "--trace", f"mine/{TRACE.name}", "--out", str(rel_out)],
                             cwd=tmp_path, capture_output=True, text=True, check=False,
                             timeout=900)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr
        video = list((tmp_path / rel_out / TRACE.stem / "480p15").glob("nn-from-scratch_*.mp4"))
        assert len(video) == 1 and video[0].stat().st_size > 10_000
        assert not (REPO / rel_out.parts[0]).exists()
    finally:
        shutil.rmtree(REPO / rel_out.parts[0], ignore_errors=True)


def test_relative_data_dir_is_the_callers(tmp_path):
    # only the given (empty) folder may hold the data: not $NNMATH_DATA (set in CI), nor the
    # user's cache
    env = {k: v for k, v in os.environ.items() if k != "NNMATH_DATA"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    run = subprocess.run([str(REPO / "render.sh"), "-q", "l", "--record", "--dataset",
                          "mnist-10k", "--data-dir", "nodata", "--out", str(tmp_path / "o")],
                         cwd=tmp_path, capture_output=True, text=True, check=False, timeout=900,
                         env=env)
    assert run.returncode == 1
    assert str(tmp_path / "nodata" / "mnist") in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


@pytest.fixture
def tiny_disk(tmp_path):
    """Mount a tmpfs of a given size (as root); skip where that is not possible."""
    mounts = []

    def mount(size):
        point = tmp_path / f"disk-{size}"
        point.mkdir()
        run = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(point)], capture_output=True, text=True, check=False)
        if run.returncode != 0:
            pytest.skip(f"cannot mount a {size} tmpfs here (needs root): {run.stderr.strip()}")
        mounts.append(point)
        return point

    yield mount
    for point in mounts:
        subprocess.run(["umount", str(point)], check=False)


# full: not even manim's log fits; 512k: the chapter's video does not; 1m: the stitched
# video does not; 2300k: the handout does not
@pytest.mark.parametrize("size", ["full", "512k", "1m", "2300k"])
def test_a_full_disk_is_one_message_and_leaves_no_partial_file(tiny_disk, size):
    disk = tiny_disk("256k" if size == "full" else size)
    if size == "full":
        subprocess.run(["dd", "if=/dev/zero", f"of={disk / 'filler'}", "bs=64k"],
                       capture_output=True, check=False)
    run = lecture_render("-q", "l", "--chapters", CHAPTER, "--out", str(disk / "out"))
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no space left on the device"), lines
    assert str(disk) in lines[0] and "--out" in lines[0]
    assert [p for p in disk.rglob("*") if is_partial(p.name)] == []
