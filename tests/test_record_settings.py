"""Your run, your video (issue #23): ``nnmath record`` with other network and training settings
and with your own image folder, and every chapter's checks on each such trace.

Each setting in :data:`CASES` is recorded here once (from mnist-10k where a data set is needed;
those skip, saying how to get MNIST, on a machine without it, and fail in CI), then every
chapter runs on it with animations skipped and the checks on (``scenes.checks``: layout,
said-is-shown, every beat moves). ``random-sample`` draws its settings at random inside the
accepted ranges from ``NNMATH_SETTINGS_SEED`` (default :data:`DEFAULT_SETTINGS_SEED`); the seed
and the settings are in every failure message.

Chapter failures known and not yet fixed are listed in :data:`KNOWN_FAILURES` with their
exact counts (layout, said, moves); the counts must match, so a fix must lower them.
"""

import math
import os
import random
from pathlib import Path

import numpy as np
import pytest
from datasets import need_dataset

from nnmath.cli import main
from nnmath.record import EPOCHS_RANGE, HIDDEN_RANGE, LEARN_RATE_RANGE, record_run
from nnmath.trace import load_trace, save_trace
from scenes.chapters import CHAPTERS

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "digits-4"

#: name -> (source, record_run settings): "mnist-10k", "fashion-mnist", "images" (the
#: committed example folder) or "images-26" (26 classes, every other name 24 characters long,
#: made of the example's real images; arbitrary classes, so it learns nothing). Together they cover hidden sizes 10, 64 and 128, learning rates
#: 0.001 and 0.5, 1 and 5 epochs, a run that fails to learn, a 4-class image folder and
#: Fashion-MNIST with seed 11; ``random-sample`` also draws the seed (a case for seed 42 alone
#: was dropped: it only repeated the shipped trace's settings).
CASES = {
    "h10-lr0.5-e1": ("mnist-10k", {"hidden": 10, "learn_rate": 0.5, "epochs": 1}),
    "h64-lr0.001-e1": ("mnist-10k", {"hidden": 64, "learn_rate": 0.001, "epochs": 1}),
    "h128-e5": ("mnist-10k", {"hidden": 128, "epochs": 5}),
    "fails-lr0.0001": ("mnist-10k", {"hidden": 10, "learn_rate": 0.0001, "epochs": 1}),
    "images-digits-4": ("images", {}),
    "fashion-seed11": ("fashion-mnist", {"seed": 11}),
    "images-26-long-names": ("images-26", {"epochs": 5}),
    "random-sample": ("mnist-10k", None),
}

#: ``NNMATH_CASES=a,b`` runs only those cases (all by default).
SELECTED = sorted(c for c in CASES if c in os.environ.get("NNMATH_CASES", c).split(","))

DEFAULT_SETTINGS_SEED = 23
SETTINGS_SEED = int(os.environ.get("NNMATH_SETTINGS_SEED", DEFAULT_SETTINGS_SEED))


def random_settings(seed):
    """Settings drawn inside the ranges ``nnmath record`` accepts (log-uniform rate and size)."""
    rng = random.Random(seed)
    lo, hi = HIDDEN_RANGE
    rate_lo, rate_hi = LEARN_RATE_RANGE
    return {
        "hidden": round(math.exp(rng.uniform(math.log(lo), math.log(hi)))),
        "learn_rate": float(f"{math.exp(rng.uniform(math.log(rate_lo), math.log(rate_hi))):.3g}"),
        "epochs": rng.randint(EPOCHS_RANGE[0], min(EPOCHS_RANGE[1], 6)),
        "seed": rng.randint(0, 10**6),
        "order": rng.choice(["correct", "reference"]),
    }


def case_settings(name):
    source, settings = CASES[name]
    return source, (random_settings(SETTINGS_SEED) if settings is None else settings)


def describe(name):
    source, settings = case_settings(name)
    extra = f" (NNMATH_SETTINGS_SEED={SETTINGS_SEED})" if CASES[name][1] is None else ""
    return f"{name}: {source} {settings}{extra}"


#: (layout, said, moves) failures per case and chapter that are known and not yet fixed, with
#: their exact counts (named in the closing note); every other chapter must pass every check.
KNOWN_FAILURES = {
    # the worked slope -1 / o of the cost-slope beat, with o to six digits (0.185599), reaches
    # past the right edge once it is moved right of the label's o (which the 26-class run
    # needs); the beat's layout is to be reworked (a second line), see the closing note
    "fashion-seed11": {"backprop": (1, 0, 0)},
}

#: Chapters that do not yet adapt to a case although their fix is in files this branch may
#: edit (work left over from issue #23, named in its report): they are expected to fail
#: (xfail, not strict) with this reason, and must pass once adapted.
NOT_YET_ADAPTED = {}

_traces = {}


def case_trace(name, tmp_path_factory):
    """The trace of one case, recorded once per session."""
    if name not in _traces:
        source, settings = case_settings(name)
        if source.startswith("images"):
            from nnmath.images import load_image_folder

            folder = EXAMPLE
            if source == "images-26":
                folder = many_classes(tmp_path_factory.mktemp("images-26"))
            dataset = load_image_folder(folder)
        else:
            dataset = need_dataset(source)
        arrays, meta = record_run(dataset, progress=False, curve_every=None, **settings)
        path = tmp_path_factory.mktemp(f"trace-{name}") / f"trace-{name}.npz"
        save_trace(path, arrays, meta)
        _traces[name] = path
    return _traces[name]


def many_classes(folder, n_classes=26, per_class=6):
    """A folder of ``n_classes`` classes (every other name 24 characters) of the example's
    images, ``per_class`` each."""
    images = sorted(EXAMPLE.rglob("*.png"))
    for k in range(n_classes):
        name = f"{chr(97 + k)}-class-with-a-long-name" if k % 2 == 0 else chr(65 + k)
        (folder / name).mkdir()
        for j in range(per_class):
            src = images[(k * per_class + j) % len(images)]
            (folder / name / f"{j}.png").write_bytes(src.read_bytes())
    return folder


def chapter_id(chapter):
    return f"{chapter.number:02d}-{chapter.slug}"


@pytest.mark.parametrize("name", SELECTED)
def test_the_trace_says_exactly_what_was_run(name, tmp_path_factory):
    source, settings = case_settings(name)
    trace = load_trace(case_trace(name, tmp_path_factory))
    m = trace.meta
    assert m["sizes"][1] == settings.get("hidden", 20), describe(name)
    assert m["learn_rate"] == settings.get("learn_rate", 0.01), describe(name)
    assert m["epochs"] == settings.get("epochs", 3) == len(trace["epoch_test_acc"])
    assert m["seed"] == settings.get("seed", 0) and m["order"] == settings.get("order", "correct")
    assert m["dataset"] == source.removesuffix("-26")
    assert len(trace["curve_step"]) >= 30, "the running curve has too few points to draw"


@pytest.mark.parametrize("check", ("layout", "said", "moves"))
@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
@pytest.mark.parametrize("name", SELECTED)
def test_every_chapter_passes_every_check(name, chapter, check, tmp_path_factory, chapter_run):
    trace_file = case_trace(name, tmp_path_factory)
    pending = NOT_YET_ADAPTED.get(name, {}).get(chapter.slug)
    try:
        *_, report = chapter_run(chapter, trace_file)
    except Exception as exc:
        if pending:
            pytest.xfail(f"{pending} ({type(exc).__name__}: {exc})")
        raise
    found = {"layout": report.layout_failures, "said": report.unshown,
             "moves": report.still_beats}[check]()
    if pending and found:
        pytest.xfail(f"{pending} ({len(found)} {check} failures)")
    known = KNOWN_FAILURES.get(name, {}).get(chapter.slug, (0, 0, 0))
    known = known[("layout", "said", "moves").index(check)]
    detail = "\n".join(report.explain()[:12])
    assert len(found) == known, (f"{chapter.slug} on {describe(name)}: {len(found)} {check} "
                                 f"failures, {known} known:\n{detail}")


# ------------------------------------------------------------------------------ the command

def run_cli(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_record_an_image_folder_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "t.npz"
    code, stdout, err = run_cli(["record", "--images", str(EXAMPLE), "--hidden", "12",
                                 "--learn-rate", "0.2", "--epochs", "2", "--seed", "5",
                                 "--out", str(out), "--quiet"], capsys)
    assert code == 0, err
    assert "4 classes (four, one, seven, zero)" in stdout
    assert "128 training / 32 held-out" in stdout  # 40 images a class, 8 of each held out
    again = tmp_path / "again.npz"
    assert main(["record", "--images", str(EXAMPLE), "--hidden", "12", "--learn-rate", "0.2",
                 "--epochs", "2", "--seed", "5", "--out", str(again), "--quiet"]) == 0
    assert out.read_bytes() == again.read_bytes(), "the same folder and settings differ"
    capsys.readouterr()
    code, stdout, _ = run_cli(["inspect", str(out)], capsys)
    assert code == 0
    assert "network    784-12-4 sigmoid" in stdout
    assert "learn_rate 0.2, 2 epochs" in stdout
    assert "folder   digits-4: held out 20% of each class" in stdout
    assert "classes  4: four, one, seven, zero" in stdout
    meta = load_trace(out).meta
    assert meta["class_names"] == ["four", "one", "seven", "zero"]
    assert meta["images"] == {"folder": "digits-4", "holdout": 0.2, "split_seed": 0}
    assert list(meta["files"]) == ["manifest"]


@pytest.mark.parametrize("argv, message", [
    (["--hidden", "64,32"], "the video's chapters show one hidden layer"),
    (["--hidden", "0"], "0 is out of range: must be 1 to 256"),
    (["--hidden", "257"], "257 is out of range: must be 1 to 256"),
    (["--learn-rate", "20"], "20 is out of range: must be 0.0001 to 10"),
    (["--learn-rate", "0"], "must be a finite number above 0"),
    (["--epochs", "21"], "21 is out of range: must be 1 to 20"),
    (["--epochs", "0"], "0 is out of range"),
])
def test_out_of_range_settings_are_refused_in_one_line(argv, message, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["record", "--images", str(EXAMPLE), "--out", str(tmp_path / "t.npz"), *argv])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "t.npz").exists()


def copy_example(dst, per_class=3):
    """A small copy of the example folder: ``per_class`` images of each class."""
    for sub in sorted(EXAMPLE.iterdir()):
        (dst / sub.name).mkdir(parents=True)
        for f in sorted(sub.iterdir())[:per_class]:
            (dst / sub.name / f.name).write_bytes(f.read_bytes())
    return dst


def _one_class(d):
    import shutil
    for sub in ("one", "four", "seven"):
        shutil.rmtree(d / sub)
    return "1 class folder (zero); give 2 to 26", d


def _empty_class(d):
    (d / "eight").mkdir()
    return "class 'eight' has 0 images; each class needs at least 2", d / "eight"


def _unreadable(d):
    bad = d / "one" / "one-99.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    return "not a readable PNG image", bad


def _not_an_image(d):
    bad = d / "four" / "notes.txt"
    bad.write_text("not a picture")
    return "not a PNG or JPEG file", bad


def _wrong_content(d):
    bad = d / "four" / "fake.jpg"
    bad.write_bytes((d / "four" / "four-01.png").read_bytes())
    return "holds PNG data, not the JPEG its name says", bad


def _stray_file(d):
    bad = d / "readme.png"
    bad.write_bytes((d / "four" / "four-01.png").read_bytes())
    return "a file beside the class folders", bad


def _too_many_classes(d):
    for k in range(23):
        sub = d / f"class{k:02d}"
        sub.mkdir()
        for f in sorted((d / "one").iterdir())[:2]:
            (sub / f.name).write_bytes(f.read_bytes())
    return "27 class folders", d


def _long_name(d):
    (d / "one").rename(d / ("x" * 25))
    return "a class name must be 1 to 24 printable characters", d / ("x" * 25)


def _blank(d):
    from PIL import Image
    bad = d / "one" / "blank.png"
    Image.new("L", (20, 20), 255).save(bad)
    return "a blank image", bad


@pytest.mark.parametrize("break_it", [_one_class, _empty_class, _unreadable, _not_an_image,
                                      _wrong_content, _stray_file, _too_many_classes,
                                      _long_name, _blank], ids=lambda f: f.__name__.strip("_"))
def test_a_bad_image_folder_is_refused_in_one_line_naming_the_file(break_it, tmp_path, capsys):
    folder = copy_example(tmp_path / "letters")
    message, culprit = break_it(folder)
    out = tmp_path / "t.npz"
    code, stdout, err = run_cli(["record", "--images", str(folder), "--out", str(out)], capsys)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(culprit) in lines[0], err
    assert "recording" not in stdout and not out.exists()


# ------------------------------------------------------------------------ the image rule

def _draw(side, light_background, box, mode="L"):
    """A thick ring drawn at ``box`` (x0, y0, x1, y1) on a ``side`` x ``side`` canvas."""
    from PIL import Image, ImageDraw

    paper, ink = (235, 20) if light_background else (10, 240)
    im = Image.new("L", (side, side), paper)
    ImageDraw.Draw(im).ellipse(box, outline=ink, width=max(2, side // 12))
    return im.convert(mode)


def _convert(im, suffix=".png"):
    import io

    from nnmath.images import to_mnist

    buf = io.BytesIO()
    im.save(buf, format="PNG" if suffix == ".png" else "JPEG", quality=95)
    return to_mnist(buf.getvalue(), Path("x" + suffix))


@pytest.mark.parametrize("side, box", [(64, (4, 10, 30, 60)), (300, (150, 20, 290, 120)),
                                       (28, (2, 2, 25, 25))])
def test_images_become_mnist_like(side, box):
    """Bright ink on black, the ink's box scaled into 20 x 20, its centre of mass at the centre;
    the same picture on light or dark paper, in colour or grey, gives nearly the same result."""
    dark = _convert(_draw(side, False, box))
    light = _convert(_draw(side, True, box, mode="RGB"))
    for img in (dark, light):
        assert img.shape == (28, 28) and img.dtype == np.uint8
        assert img.max() == 255 and img[0].max() == img[-1].max() == 0
        rows, cols = np.flatnonzero(img.max(1) > 25), np.flatnonzero(img.max(0) > 25)
        assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 in (19, 20, 21, 22)
        ys, xs = np.indices(img.shape)
        m = img.astype(float)
        assert abs((ys * m).sum() / m.sum() - 13.5) <= 1.0
        assert abs((xs * m).sum() / m.sum() - 13.5) <= 1.0
    assert np.abs(dark.astype(int) - light.astype(int)).mean() < 6


def test_the_split_is_seeded_and_keeps_every_class():
    from nnmath.images import load_image_folder, split

    a, b = load_image_folder(EXAMPLE), load_image_folder(EXAMPLE)
    assert np.array_equal(a.train_images, b.train_images)
    assert np.array_equal(a.test_labels, b.test_labels)
    assert np.bincount(a.test_labels).tolist() == [8, 8, 8, 8]
    assert np.bincount(a.train_labels).tolist() == [32, 32, 32, 32]
    assert len(set(a.train_labels[:8].tolist())) > 1, "training images are not interleaved"
    train, test = split([2, 5])
    assert sorted(c for c, _ in test) == [0, 1] and len(train) == 5


def test_the_example_folder_is_small_and_made_by_its_script():
    files = sorted(EXAMPLE.rglob("*"))
    pngs = [f for f in files if f.is_file()]
    assert len(pngs) == 160 and all(f.suffix == ".png" for f in pngs)
    assert sum(f.stat().st_size for f in pngs) < 300_000
    assert (REPO / "scripts" / "make_example_images.py").is_file()


def test_render_passes_the_recording_options_through(tmp_path, capsys):
    """``./render.sh --record`` hands the same options to ``nnmath record``, which runs them."""
    import subprocess
    import sys

    from lecture import render

    args = render.parse_args(["--record", "--images", str(EXAMPLE), "--hidden", "16",
                              "--learn-rate", "0.5", "--epochs", "1", "--seed", "3"])
    cmd, path, _ = render.record_command(args, tmp_path)
    for flag, value in (("--images", str(EXAMPLE)), ("--hidden", "16"), ("--learn-rate", "0.5"),
                        ("--epochs", "1"), ("--seed", "3")):
        assert cmd[cmd.index(flag) + 1] == value
    assert path.name == "trace-images-digits-4-seed3-h16-lr0.5-e1.npz"
    assert cmd[:4] == [sys.executable, "-m", "nnmath", "record"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True)
    m = load_trace(path).meta
    assert (m["sizes"], m["learn_rate"], m["epochs"], m["seed"]) == ([784, 16, 4], 0.5, 1, 3)
