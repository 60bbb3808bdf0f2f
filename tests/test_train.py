"""Training: the accuracy the issue promises, divergence, determinism, the CLI."""

import json

import numpy as np
import pytest
from conftest import data_dir

from nnmath.cli import main
from nnmath.errors import DivergedError
from nnmath.network import Network
from nnmath.train import evaluate, train_minibatch, train_per_sample


def test_reference_settings_reach_90_percent_on_mnist_10k(mnist10k):
    net = Network.create(seed=0)
    history = train_per_sample(net, mnist10k.train_images, mnist10k.train_labels,
                               test=(mnist10k.test_images, mnist10k.test_labels), progress=False)
    assert history[-1].test_acc >= 0.90
    assert [s.epoch for s in history] == [1, 2, 3]
    assert history[-1].train_acc == history[-1].nr_correct / mnist10k.n_train


def test_reference_settings_reach_83_percent_on_fashion_mnist(fashion):
    net = Network.create(seed=0)
    history = train_per_sample(net, fashion.train_images, fashion.train_labels,
                               test=(fashion.test_images, fashion.test_labels), progress=False)
    assert history[-1].test_acc >= 0.83


def test_evaluate_counts_argmax_hits(mnist10k):
    net = Network.create(seed=5)
    x = mnist10k.test_images[:200]
    y = mnist10k.test_labels[:200]
    o = net.forward(x.T / 255.0).o
    assert evaluate(net, x, y) == np.mean(np.argmax(o, axis=0) == y)


@pytest.mark.parametrize("loop", ["per_sample", "minibatch"])
def test_divergence_names_epoch_sample_and_learn_rate(mnist10k, loop):
    x, y = mnist10k.train_images[:200], mnist10k.train_labels[:200]
    if loop == "per_sample":
        net, train = Network.create(seed=0), train_per_sample
    else:  # sigmoid saturates to finite values; an unbounded ReLU layer overflows for real
        net = Network.create(seed=0, hidden="relu", output="softmax", init="he")
        train = train_minibatch
    with pytest.raises(DivergedError) as err, np.errstate(over="ignore", invalid="ignore"):
        train(net, x, y, epochs=2, learn_rate=1e308, progress=False)
    msg = str(err.value)
    assert "epoch 1" in msg and "sample" in msg and "learn_rate=1e+308" in msg


def test_minibatch_is_seeded_and_learns_in_float32(mnist10k):
    x, y = mnist10k.train_images, mnist10k.train_labels
    test = (mnist10k.test_images, mnist10k.test_labels)
    runs = []
    for _ in range(2):
        net = Network.create(seed=0, dtype=np.float32)
        hist = train_minibatch(net, x, y, epochs=2, learn_rate=0.5, batch_size=32, seed=3,
                               test=test, progress=False)
        runs.append((net, hist))
    assert runs[0][0].w_i_h.dtype == np.float32
    assert np.array_equal(runs[0][0].w_i_h, runs[1][0].w_i_h)
    assert runs[0][1][-1].test_acc > 0.85
    other = Network.create(seed=0, dtype=np.float32)
    train_minibatch(other, x, y, epochs=1, learn_rate=0.5, batch_size=32, seed=4, progress=False)
    net1 = Network.create(seed=0, dtype=np.float32)
    train_minibatch(net1, x, y, epochs=1, learn_rate=0.5, batch_size=32, seed=3, progress=False)
    assert not np.array_equal(other.w_i_h, net1.w_i_h)


def test_progress_bar_and_summary(mnist10k, capsys):
    net = Network.create(seed=0)
    train_per_sample(net, mnist10k.train_images[:400], mnist10k.train_labels[:400], epochs=1)
    err = capsys.readouterr().err
    assert "epoch 1/1" in err and "400/400" in err


def test_cli_train_writes_json(tmp_path, capsys):
    out = tmp_path / "r.json"
    args = ["train", "--dataset", "mnist-10k", "--epochs", "1", "--quiet", "--json", str(out)]
    if data_dir():
        args += ["--data-dir", data_dir()]
    assert main(args) == 0
    report = json.loads(out.read_text())
    assert report["settings"]["learn_rate"] == 0.01 and report["settings"]["batch_size"] == 1
    (epoch,) = report["epochs"]
    assert set(epoch) == {"epoch", "train_acc", "test_acc", "mean_cost", "seconds"}
    assert 0.8 < epoch["test_acc"] < 1
    printed = capsys.readouterr().out
    assert f"{100 * epoch['test_acc']:5.2f}%" in printed


def test_cli_missing_data_is_one_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("nnmath.data.SYSTEM_DATA_DIR", tmp_path / "none")
    assert main(["train", "--dataset", "mnist", "--quiet", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nnmath download mnist" in err
