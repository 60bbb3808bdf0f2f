"""Training: the accuracy the issue promises, divergence, determinism, the CLI."""

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import REPO
from datasets import REFERENCE_ACCURACY

from nnmath.cli import main
from nnmath.errors import DivergedError
from nnmath.network import Network
from nnmath.train import evaluate, train_minibatch, train_per_sample


def test_reference_settings_reach_the_readme_accuracy(real_data):
    d = real_data
    net = Network.create(seed=0)
    history = train_per_sample(net, d.train_images, d.train_labels,
                               test=(d.test_images, d.test_labels), progress=False)
    assert history[-1].test_acc >= REFERENCE_ACCURACY[d.name]
    assert [s.epoch for s in history] == [1, 2, 3]
    assert history[-1].train_acc == history[-1].nr_correct / d.n_train


def test_reference_settings_reach_83_percent_on_fashion_mnist(fashion):
    net = Network.create(seed=0)
    history = train_per_sample(net, fashion.train_images, fashion.train_labels,
                               test=(fashion.test_images, fashion.test_labels), progress=False)
    assert history[-1].test_acc >= 0.83


def test_evaluate_counts_argmax_hits(real_data):
    net = Network.create(seed=5)
    x = real_data.test_images[:200]
    y = real_data.test_labels[:200]
    o = net.forward(x.T / 255.0).o
    assert evaluate(net, x, y) == np.mean(np.argmax(o, axis=0) == y)


@pytest.mark.parametrize("loop", ["per_sample", "minibatch"])
def test_divergence_names_epoch_sample_and_learn_rate(real_data, loop):
    x, y = real_data.train_images[:200], real_data.train_labels[:200]
    if loop == "per_sample":
        net, train = Network.create(seed=0), train_per_sample
    else:  # sigmoid saturates to finite values; an unbounded ReLU layer overflows for real
        net = Network.create(seed=0, hidden="relu", output="softmax", init="he")
        train = train_minibatch
    with pytest.raises(DivergedError) as err, np.errstate(over="ignore", invalid="ignore"):
        train(net, x, y, epochs=2, learn_rate=1e308, progress=False)
    msg = str(err.value)
    assert "epoch 1" in msg and "sample" in msg and "learn_rate=1e+308" in msg


def test_minibatch_is_seeded_and_learns_in_float32(real_data):
    x, y = real_data.train_images, real_data.train_labels
    test = (real_data.test_images, real_data.test_labels)
    runs = []
    for _ in range(2):
        net = Network.create(seed=0, dtype=np.float32)
        hist = train_minibatch(net, x, y, epochs=2, learn_rate=0.5, batch_size=32, seed=3,
                               test=test, progress=False)
        runs.append((net, hist))
    assert runs[0][0].w_i_h.dtype == np.float32
    assert np.array_equal(runs[0][0].w_i_h, runs[1][0].w_i_h)
    assert runs[0][1][-1].test_acc > REFERENCE_ACCURACY[real_data.name] - 0.05
    other = Network.create(seed=0, dtype=np.float32)
    train_minibatch(other, x, y, epochs=1, learn_rate=0.5, batch_size=32, seed=4, progress=False)
    net1 = Network.create(seed=0, dtype=np.float32)
    train_minibatch(net1, x, y, epochs=1, learn_rate=0.5, batch_size=32, seed=3, progress=False)
    assert not np.array_equal(other.w_i_h, net1.w_i_h)


def test_progress_bar_and_summary(real_data, capsys):
    net = Network.create(seed=0)
    train_per_sample(net, real_data.train_images[:400], real_data.train_labels[:400], epochs=1)
    err = capsys.readouterr().err
    assert "epoch 1/1" in err and "400/400" in err


def test_cli_train_writes_json(tmp_path, capsys, real_data):
    out = tmp_path / "r.json"
    args = ["train", "--dataset", real_data.name, "--epochs", "1", "--quiet", "--json", str(out)]
    assert main(args) == 0
    report = json.loads(out.read_text())
    assert report["settings"]["learn_rate"] == 0.01 and report["settings"]["batch_size"] == 1
    (epoch,) = report["epochs"]
    assert set(epoch) == {"epoch", "train_acc", "test_acc", "mean_cost", "seconds"}
    assert 0.5 < epoch["test_acc"] < 1           # chance is 0.1
    printed = capsys.readouterr().out
    assert f"{100 * epoch['test_acc']:5.2f}%" in printed


def test_cli_missing_data_is_one_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("nnmath.data.SYSTEM_DATA_DIR", tmp_path / "none")
    assert main(["train", "--dataset", "mnist", "--quiet", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nnmath download mnist" in err


# ----------------------------------------------------------- a run that blows up, finitely

@pytest.mark.parametrize("batch_size", [1, 32])
def test_finite_blowup_is_stopped_naming_epoch_sample_and_learn_rate(real_data, batch_size):
    """At learn_rate 1e6 the sigmoid network saturates: weights near 1e6, chance accuracy,
    every number finite. The run must stop, not report chance accuracy with success."""
    d = real_data
    net = Network.create(seed=0)
    start = np.sqrt(np.mean(net.w_i_h ** 2))
    if batch_size == 1:
        run = lambda: train_per_sample(net, d.train_images[:2000], d.train_labels[:2000],
                                       epochs=2, learn_rate=1e6, progress=False)
    else:
        run = lambda: train_minibatch(net, d.train_images[:2000], d.train_labels[:2000],
                                      epochs=2, learn_rate=1e6, batch_size=32, progress=False)
    with pytest.raises(DivergedError) as err:
        run()
    msg = str(err.value)
    assert "epoch 1" in msg and "sample 2,000" in msg and "learn_rate=1000000.0" in msg
    assert all(np.all(np.isfinite(p)) for p in net.parameters())      # finite, yet blown up
    assert np.sqrt(np.mean(net.w_i_h ** 2)) > 100 * start


def test_cli_finite_blowup_exits_1_with_one_line(real_data):
    r = subprocess.run([sys.executable, "-m", "nnmath", "train", "--dataset", real_data.name,
                        "--learn-rate", "1e6", "--batch-size", "32", "--epochs", "1", "--quiet"],
                       capture_output=True, text=True, cwd=REPO, timeout=600, check=False)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("error: training blew up in epoch 1")
    assert "Traceback" not in r.stderr and "learn_rate=1000000.0" in r.stderr


def test_healthy_runs_stay_far_below_the_blowup_limit(real_data):
    """The reference run grows its weights a few-fold, far from the 100x limit (docs)."""
    from nnmath.divergence import GROWTH_LIMIT, rms

    net = Network.create(seed=0)
    start = [rms(w) for w in net.weights]
    train_per_sample(net, real_data.train_images, real_data.train_labels, progress=False)
    growth = [rms(w) / s for w, s in zip(net.weights, start)]
    assert max(growth) < GROWTH_LIMIT / 10


# ------------------------------------------------------------------ settings at parse time

BAD_SETTINGS = {
    "--epochs 0": (["--epochs", "0"], "must be 1 to"),
    "--epochs -1": (["--epochs", "-1"], "must be 1 to"),
    "--hidden 0": (["--hidden", "0"], "must be 1 to"),
    "--hidden ''": (["--hidden", ""], "give one or more layer sizes"),
    "--hidden 20,abc": (["--hidden", "20,abc"], "'abc' is not a whole number"),
    "--hidden 20,,5": (["--hidden", "20,,5"], "give one or more layer sizes"),
    "--batch-size 0": (["--batch-size", "0"], "must be 1 to"),
    "--optimizer foo": (["--optimizer", "foo"], "invalid choice: 'foo'"),
    "--seed -1": (["--seed", "-1"], "must be 0 to"),
    "--learn-rate -1": (["--learn-rate", "-1"], "must be a finite number above 0"),
    "--learn-rate 0": (["--learn-rate", "0"], "must be a finite number above 0"),
    "--learn-rate inf": (["--learn-rate", "inf"], "must be a finite number above 0"),
    "--learn-rate x": (["--learn-rate", "x"], "'x' is not a number"),
}


@pytest.mark.parametrize("name", sorted(BAD_SETTINGS))
def test_bad_train_settings_exit_2_naming_the_range(name, capsys):
    args, message = BAD_SETTINGS[name]
    with pytest.raises(SystemExit) as exit_:
        main(["train", "--quiet", *args])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_output_folders_are_refused_before_any_training(tmp_path, monkeypatch, capsys):
    """--json DIR and record --out DIR fail at once: no data set is even looked for."""
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path / "nothing-here"))
    monkeypatch.setattr("nnmath.data.SYSTEM_DATA_DIR", tmp_path / "none")
    for args in (["train", "--json", str(tmp_path)], ["record", "--out", str(tmp_path)],
                 ["record", "--out", str(tmp_path) + "/"],
                 ["record", "--first", "1"], ["record", "--curve-every", "0"]):
        with pytest.raises(SystemExit) as exit_:
            main([*args, "--quiet"])
        assert exit_.value.code == 2, args
        err = capsys.readouterr().err
        assert "needs" not in err and "Traceback" not in err     # not the missing-data error


# ------------------------------------------------------------- where `nnmath record` writes

def test_record_default_is_checked_before_training(tmp_path, monkeypatch, capsys):
    """Without --out the trace goes under out/traces/: a file in the way is refused at once."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").write_text("a file where the folder should be")
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path / "nothing-here"))
    monkeypatch.setattr("nnmath.data.SYSTEM_DATA_DIR", tmp_path / "none")
    assert main(["record", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "out/traces/trace-mnist-10k-seed0.npz" in err and "not a folder" in err


def test_record_without_out_writes_under_out_traces_never_assets(mnist10k, tmp_path,
                                                                  monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shipped = tmp_path / "assets" / "trace-mnist-10k.npz"
    shipped.parent.mkdir()
    shipped.write_bytes(b"the shipped trace")
    assert main(["record", "--quiet", "--curve-every", "1000"]) == 0
    assert shipped.read_bytes() == b"the shipped trace"
    written = tmp_path / "out" / "traces" / "trace-mnist-10k-seed0.npz"
    assert written.is_file() and str(written.relative_to(tmp_path)) in capsys.readouterr().out
