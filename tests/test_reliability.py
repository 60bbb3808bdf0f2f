"""Issue #24, a hostile new user: every documented command either does what it says or
stops with one line naming the file and the fix (non-zero, no traceback).

Cases: options render.sh would silently ignore (1), class names the video cannot show (2),
``--help`` before set-up (4), tracebacks from ``scenes.checks``, ``lecture.sheet`` and a
chapter run with manim directly (5), ``--data-dir`` that does not exist (6), temporary files
of a killed write (7), misleading messages (8), and the benchmarks' independence of the
test suite. (Case 3, the same output cold or cached: ``test_cache_determinism.py``.)
"""

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bench.trace_mutations import ARRAYS0, META0, accepted_trace_works, write_stored
from lecture.render import parse_args
from nnmath.atomic import write_atomic
from nnmath.data import load_dataset
from nnmath.errors import DataError, TraceError
from nnmath.record import record_run
from nnmath.schema import MAX_CLASS_NAME
from nnmath.trace import load_trace, save_trace
from scenes.chapters import CHAPTERS, by_slug

REPO = Path(__file__).resolve().parents[1]
TRACE = REPO / "assets" / "trace-mnist-10k.npz"
FASHION_DIR = Path("/usr/share/datasets")


def run(*cmd, cwd=REPO, env=None, timeout=600):
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=timeout, env=env)


def py(*args, **kw):
    return run(sys.executable, *args, **kw)


def one_line(result, code=None):
    """The command failed (with ``code``) and said so in exactly one line, no traceback."""
    assert result.returncode != 0 if code is None else result.returncode == code, \
        (result.returncode, result.stdout[-2000:], result.stderr[-3000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def argparse_error(result):
    """argparse's way: its usage, then one ``error:`` line, exit 2."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, result.stderr
    return errors[0]


# ------------------------------------------- 1. render.sh: every option works or is refused

@pytest.mark.parametrize("argv, named", [
    (["--dataset", "fashion-mnist"], "--dataset only applies with --record"),
    (["--seed", "3"], "--seed only applies with --record"),
    (["--data-dir", "/usr/share/datasets"], "--data-dir only applies with --record"),
    (["--record", "--trace", "assets/trace-mnist-10k.npz"], "--trace and --record"),
    (["--trace", ""], "argument --trace: empty value"),
    (["--out", ""], "argument --out: empty value"),
    (["--record", "--data-dir", ""], "argument --data-dir: empty value"),
    (["--record", "--dataset", " "], "argument --dataset: ' ' is not a data set"),
    (["--record", "--dataset", "cifar"], "argument --dataset: 'cifar' is not a data set"),
])
def test_options_that_would_be_ignored_are_refused_with_the_combination_named(argv, named,
                                                                              capsys):
    with pytest.raises(SystemExit) as stop:
        parse_args(argv)
    assert stop.value.code == 2
    assert named in capsys.readouterr().err


def test_record_options_still_work_with_record():
    args = parse_args(["--record", "--dataset", "fashion-mnist", "--seed", "3"])
    assert (args.dataset, args.seed, args.trace) == ("fashion-mnist", 3, None)
    assert (parse_args([]).dataset, parse_args([]).seed) == ("mnist-10k", 0)


def test_render_sh_dataset_without_record_renders_nothing():
    result = run(REPO / "render.sh", "-q", "l", "--chapters", "12", "--dataset",
                 "fashion-mnist", "--no-voice", "--out", "/nonexistent-out-dir")
    assert "--record" in argparse_error(result)
    assert "rendering" not in result.stdout


# ------------------------------------------------------------ 2. class names, in the schema

@pytest.mark.parametrize("name, reason", [
    (" ", "is blank"), ("\n", "is blank"), ("\t", "is blank"),
    ("\u200b", "unprintable character U+200B"), ("cat\u200b", "unprintable character U+200B"),
    ("a\nb", "unprintable character U+000A"),
    ("كلب", "right to left"), ("\U0001F436", "emoji"), ("\U0001F600 dog", "emoji"),
    ("中文", "cannot draw"), ("<script>alert(1)</script>", f"at most {MAX_CLASS_NAME}"),
    (" cat", "starts or ends with a space"), ("", "is blank"),
])
def test_a_class_name_the_video_cannot_show_is_refused_by_inspect(tmp_path, name, reason):
    names = list(META0["class_names"])
    names[3] = name
    path = write_stored(tmp_path / "t.npz", ARRAYS0, dict(META0, class_names=names))
    with pytest.raises(TraceError, match="class_names") as refused:
        load_trace(path)
    assert reason in str(refused.value) and repr(name)[:20] in str(refused.value)
    line = one_line(py("-m", "nnmath", "inspect", path), 1)
    assert reason in line and str(path) in line


def test_a_bad_class_name_is_refused_before_recording_or_saving(real_data, tmp_path):
    names = list(real_data.class_names)
    names[0] = "\u200b"
    with pytest.raises(TraceError, match=r"class 0's name '\\u200b' holds the unprintable"):
        record_run(dataclasses.replace(real_data, class_names=tuple(names)), progress=False)
    with pytest.raises(TraceError, match="class_names"):
        save_trace(tmp_path / "t.npz", ARRAYS0, dict(META0, class_names=["a"] * 9 + [" "]))
    assert not (tmp_path / "t.npz").exists()


def test_class_names_with_markup_characters_pass_every_chapters_text(tmp_path):
    names = ["R&D 50%", "<b>x</b>", "a_b{c}", "$5 #1", "T-shirt/top", "x\\y", "ü ß Ω",
             "~^", "'q\"", "Ankle boot"]
    path = write_stored(tmp_path / "t.npz", ARRAYS0, dict(META0, class_names=names))
    accepted_trace_works(load_trace(path), path)


# -------------------------------------------------------- 4. --help before set-up (no .venv)

def copy_of_the_repository(to, parts=("render.sh", "manim.cfg", "lecture", "scenes",
                                          "nnmath", "assets")):
    """The tracked files of these parts (as they are in the work tree), as a fresh clone
    has them: no .venv, build/ or media/."""
    files = run("git", "ls-files", "-z", "--", *parts).stdout
    for name in filter(None, files.split("\0")):
        if (REPO / name).is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, to / name)
    return to


def test_render_sh_help_works_in_a_fresh_clone_without_a_venv(tmp_path):
    clone = copy_of_the_repository(tmp_path / "clone", ("render.sh", "lecture", "scenes",
                                                        "nnmath"))
    assert not (clone / ".venv").exists()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = run(clone / "render.sh", "--help", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: render.sh") and "--record" in result.stdout


# ------------------------------------------------ 5. no traceback from a documented command

def test_checks_of_a_chapter_that_does_not_exist_is_one_line():
    missing = str(len(CHAPTERS) + 1)  # chapters are numbered from 1
    assert f"no chapter '{missing}'" in argparse_error(py("-m", "scenes.checks", missing))


def test_checks_with_a_missing_trace_is_one_line(tmp_path):
    line = one_line(py("-m", "scenes.checks", "12", "--trace", tmp_path / "missing.npz"), 2)
    assert "missing.npz: no such trace file" in line


def test_a_chapter_run_with_manim_directly_on_a_missing_trace_is_one_line(tmp_path):
    chapter = by_slug("one_neuron")
    env = dict(os.environ, NNMATH_TRACE="missing.npz", PYTHONPATH=str(REPO))
    result = py("-m", "manim", "-ql", "--media_dir", tmp_path / "media", REPO / chapter.file,
                chapter.scene, cwd=tmp_path, env=env)
    line = one_line(result, 1)
    assert line.startswith("error: missing.npz: no such trace file") and "NNMATH_TRACE" in line


@pytest.fixture
def read_only_folder(tmp_path):
    """A read-only tmpfs (as root, where permissions would not stop a write); else skip."""
    point = tmp_path / "ro"
    point.mkdir()
    mounted = run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", point)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {mounted.stderr.strip()}")
    yield point
    run("umount", point)


@pytest.mark.parametrize("command, folder", [(["scenes.checks", "12"], "media"),
                                             (["lecture.sheet", "12"], "build/sheets")])
def test_a_read_only_build_or_media_folder_is_one_line(tmp_path, command, folder):
    clone = copy_of_the_repository(tmp_path / "clone")
    (clone / folder).mkdir(parents=True)  # (build/sheets: there from an earlier run)
    mounted = run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", clone / folder)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {mounted.stderr.strip()}")
    try:
        # the clone's own media/ caches the scene's text (not a test worker's cache folder)
        env = {k: v for k, v in os.environ.items() if k != "NNMATH_SCENE_CACHE"}
        result = py("-m", *command, cwd=clone, env=dict(env, PYTHONPATH=str(clone)))
    finally:
        run("umount", clone / folder)
    line = one_line(result)
    assert str(clone / folder) in line and ("Read-only file system" in line
                                            or "cannot write in this folder" in line)


def test_sheet_into_a_read_only_folder_is_one_line(read_only_folder):
    out = read_only_folder / "sheets"
    line = one_line(py("-m", "lecture.sheet", "12", "--out", out), 1)
    assert str(out) in line and "--out" in line


# -------------------------------------------------- 6. --data-dir must exist, and is named

def test_a_data_dir_that_does_not_exist_is_an_error_even_with_nnmath_data(monkeypatch):
    if not (FASHION_DIR / "fashion-mnist").is_dir():
        pytest.skip("dataset-fashion-mnist is not installed")
    monkeypatch.setenv("NNMATH_DATA", str(FASHION_DIR))
    assert load_dataset("fashion-mnist").folder == str(FASHION_DIR / "fashion-mnist")
    with pytest.raises(DataError, match="--data-dir /nonexistent: no such folder"):
        load_dataset("fashion-mnist", data_dir="/nonexistent")


def test_record_with_a_missing_data_dir_is_one_line(tmp_path):
    env = dict(os.environ, NNMATH_DATA=str(FASHION_DIR))
    result = py("-m", "nnmath", "record", "--dataset", "fashion-mnist", "--data-dir",
                "/nonexistent", "--out", tmp_path / "t.npz", "--quiet", env=env)
    assert "--data-dir /nonexistent: no such folder" in one_line(result, 1)


def test_record_says_which_folder_it_reads(tmp_path):
    if not (FASHION_DIR / "fashion-mnist").is_dir():
        pytest.skip("dataset-fashion-mnist is not installed")
    env = dict(os.environ, NNMATH_DATA=str(FASHION_DIR), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "nnmath", "record", "--dataset",
                             "fashion-mnist", "--out", str(tmp_path / "t.npz"), "--quiet"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
    finally:
        proc.kill()
        proc.wait()
    assert first.startswith("recording fashion-mnist") and str(FASHION_DIR / "fashion-mnist") \
        in first, first


# ------------------------------------------------- 7. what a killed write leaves is removed

KILL_AT_RENAME = """
import os, signal, sys
from nnmath.trace import load_trace, save_trace
t = load_trace(sys.argv[2])
os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)  # killed just before the rename
save_trace(sys.argv[1], t.arrays, t.meta)
"""


def test_the_temporary_file_of_a_killed_record_is_removed_by_the_next_write(tmp_path):
    out = tmp_path / "trace.npz"
    killed = py("-c", KILL_AT_RENAME, out, TRACE, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert killed.returncode == -signal.SIGKILL
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].name.startswith(".trace.npz.") and not out.exists()
    assert left[0].stat().st_size > 1_000_000
    sleeper = subprocess.Popen(["sleep", "600"])  # a writer still running keeps its file
    try:
        alive = tmp_path / f".trace.npz.{sleeper.pid}.abcd1234.tmp"
        alive.write_bytes(b"being written")
        trace = load_trace(TRACE)
        save_trace(out, trace.arrays, trace.meta)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, out.name])
    finally:
        sleeper.kill()
        sleeper.wait()
    write_atomic(out, b"x")  # now its writer is gone too
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


# ------------------------------------------------------------------ 8. misleading messages

def test_render_sh_trace_that_is_a_folder_says_so(tmp_path):
    result = py("-m", "lecture.render", "-q", "l", "--no-voice", "--chapters", "12",
                "--trace", tmp_path, "--out", tmp_path / "out")
    line = one_line(result, 1)
    assert f"{tmp_path} is a folder, not a trace file" in line and "nnmath record" not in line


def test_inspect_of_a_folder_or_an_empty_path_says_so(tmp_path):
    line = one_line(py("-m", "nnmath", "inspect", tmp_path), 1)
    assert "is a folder, not a trace file" in line and "--out" not in line
    line = one_line(py("-m", "nnmath", "inspect", ""), 2)
    assert "no trace file named" in line and "--out" not in line


def test_sheet_out_that_is_a_file_says_so(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    line = one_line(py("-m", "lecture.sheet", "12", "--out", target), 1)
    assert f"{target} is a file, not a folder" in line and "Errno" not in line


def test_a_failed_download_leaves_no_empty_data_folder(tmp_path):
    dead = "http://127.0.0.1:9"  # no network: every connection is refused at once
    env = dict(os.environ, https_proxy=dead, HTTPS_PROXY=dead, http_proxy=dead,
               HTTP_PROXY=dead, no_proxy="", NO_PROXY="")
    result = py("-m", "nnmath", "download", "mnist", "--data-dir", tmp_path / "data",
                "--quiet", env=env)
    assert "could not download" in one_line(result, 1)
    assert not (tmp_path / "data").exists()


# --------------------------------------------------- the benchmarks do not import the tests

def test_benchmarks_do_not_depend_on_the_test_suite():
    for script in sorted((REPO / "bench").glob("*.py")):
        text = script.read_text()
        assert '"tests"' not in text and "tests/" not in text.replace("``tests/", ""), script
    result = py(REPO / "bench" / "fuzz_trace.py", "--cases", "3",
                env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert result.returncode == 0, result.stderr[-3000:]


def test_shipped_class_names_pass():
    for names in (META0["class_names"], ["T-shirt/top", "Trouser", "Ankle boot"]):
        assert all(isinstance(n, str) for n in names)
    np.testing.assert_equal(load_trace(TRACE).meta["class_names"], [str(d) for d in range(10)])
