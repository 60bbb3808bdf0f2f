"""Record the reference training run into a trace: the one source of the video's numbers.

The run is the video's: 784-20-10, sigmoid, weights U(-0.5, 0.5) and zero
biases, per-sample SGD with ``delta_o = o - l`` at learn_rate 0.01, 3 epochs,
images in file order. A :class:`Recorder` hooked into the real training loop
keeps the steps :func:`schedule` chooses (every one of the first few, a
log-spaced sparse set after them, the last of every epoch) and a running
curve of online accuracy and mean cost; after training the final network is
evaluated on the held-out set. The small side experiments of the bias,
one-neuron and beyond chapters are recorded alongside (``nnmath.experiments``).
"""

from pathlib import Path

import numpy as np

from . import __version__
from .data import Dataset
from .experiments import beyond_meta, bias_experiment, one_neuron, record_beyond
from .network import Network
from .train import CurveHook, evaluate, to_inputs, train_per_sample

#: Per-step tensors, in the order the trace stores them (``step_<name>``).
STEP_KEYS = ("img", "l", "h_pre", "h", "o_pre", "o", "e", "delta_o", "delta_h",
             "w_i_h", "b_i_h", "w_h_o", "b_h_o")


def schedule(n_per_epoch: int, epochs: int, first: int = 10, log_points: int = 16) -> list[int]:
    """The 0-based steps to record: the first ``first``, log-spaced ones, and each epoch's last."""
    total = n_per_epoch * epochs
    steps = set(range(min(first, total)))
    if total > first and log_points > 0:
        steps.update(np.unique(np.geomspace(first, total - 1, log_points).astype(np.int64)).tolist())
    steps.update(e * n_per_epoch - 1 for e in range(1, epochs + 1))
    return sorted(int(s) for s in steps if 0 <= s < total)


class Recorder(CurveHook):
    """Collects the steps and the curve; ``arrays()`` returns them named for the trace."""

    def __init__(self, steps, curve_every=100):
        super().__init__(curve_every)
        self.record_steps = frozenset(steps)
        self.steps = []

    def on_step(self, step, values):
        self.steps.append((step, values))

    def arrays(self) -> dict[str, np.ndarray]:
        """The trace's arrays: ``step_<key>`` stacks the S recorded steps' tensors (``step_img``
        (S, 784, 1), ``step_w_i_h`` (S, 20, 784), ...), ``curve_*`` (C,), ``epoch_*`` (E,)."""
        out = {
            "step_index": np.array([s for s, _ in self.steps], dtype=np.int64),
            "step_epoch": np.array([v["epoch"] for _, v in self.steps], dtype=np.int64),
            "step_sample": np.array([v["sample"] for _, v in self.steps], dtype=np.int64),
            "step_label": np.array([v["label"] for _, v in self.steps], dtype=np.int64),
        }
        for key in STEP_KEYS:
            out[f"step_{key}"] = np.array([v[key] for _, v in self.steps])
        out["curve_step"] = np.array([c[0] for c in self.curve], dtype=np.int64)
        out["curve_acc"] = np.array([c[1] for c in self.curve], dtype=np.float64)
        out["curve_e"] = np.array([c[2] for c in self.curve], dtype=np.float64)
        out["epoch_nr_correct"] = np.array([s.nr_correct for s in self.epochs], dtype=np.int64)
        out["epoch_train_acc"] = np.array([s.train_acc for s in self.epochs], dtype=np.float64)
        out["epoch_test_acc"] = np.array(
            [np.nan if s.test_acc is None else s.test_acc for s in self.epochs], dtype=np.float64)
        out["epoch_mean_e"] = np.array([s.mean_cost for s in self.epochs], dtype=np.float64)
        return out


REFERENCE = {"sizes": [784, 20, 10], "learn_rate": 0.01, "epochs": 3, "init": "reference",
             "delta_rule": "cross_entropy", "dtype": "float64"}

#: How many held-out images the inference chapter gets: the first ones, then mistakes.
N_INFER_FIRST = 12
N_INFER_MISTAKES = 8
#: How many training images (uint8) the dataset chapter gets.
N_DATA_IMAGES = 32


def inference_examples(net: Network, test_images: np.ndarray,
                       test_labels: np.ndarray) -> dict[str, np.ndarray]:
    """Outputs of the final network on the held-out set (images (n, 784), labels (n,)), and a
    few examples to show: ``infer_img`` (K, 784, 1), ``infer_o`` (K, 10, 1), ``test_pred`` (n,)."""
    x = to_inputs(test_images, np.float64).T
    o = net.forward(x).o
    pred = np.argmax(o, axis=0)
    mistakes = np.flatnonzero(pred != test_labels)
    chosen = list(range(min(N_INFER_FIRST, len(test_labels))))
    chosen += [int(i) for i in mistakes if i not in chosen][:N_INFER_MISTAKES]
    chosen = np.array(sorted(chosen), dtype=np.int64)
    return {
        "infer_index": chosen, "infer_img": x.T[chosen][:, :, None],
        "infer_label": test_labels[chosen].astype(np.int64),
        "infer_o": o.T[chosen][:, :, None],
        "test_pred": pred.astype(np.int64), "test_label": test_labels.astype(np.int64),
    }


def check_class_names(dataset: Dataset):
    """Refuse, before any training, class names the video could not show (the trace
    schema's rule, :func:`nnmath.schema.class_name_problem`), naming the name and why."""
    from .errors import TraceError
    from .schema import class_name_problem

    for i, name in enumerate(dataset.class_names):
        problem = class_name_problem(name)
        if problem:
            raise TraceError(f"{dataset.folder}: class {i}'s name {name!r:.40} {problem}; "
                             "rename the class")
#: What ``nnmath record`` accepts beside the reference's settings (the chapters show one
#: hidden layer, up to 256 neurons elided to what fits; the rates and epochs a lesson needs).
HIDDEN_RANGE = (1, 256)
LEARN_RATE_RANGE = (1e-4, 10.0)
EPOCHS_RANGE = (1, 20)
#: Curve points a recording aims for when the reference's window (100) would give fewer.
MIN_CURVE_POINTS = 30


def default_curve_every(n_train: int, epochs: int) -> int:
    """The reference's 100 samples per curve point, or, when that would leave under
    :data:`MIN_CURVE_POINTS` points or not end a window at each epoch's end (small image
    folders, one epoch), the largest divisor of ``n_train`` that does."""
    total = n_train * epochs
    if total >= 100 * MIN_CURVE_POINTS and n_train % 100 == 0:
        return 100
    # the largest window that divides an epoch (so a window ends each epoch) and still gives
    # MIN_CURVE_POINTS points, at most 100
    most = max(1, min(100, total // MIN_CURVE_POINTS))
    return max(d for d in range(1, most + 1) if n_train % d == 0)


def record_run(dataset: Dataset, seed: int = 0, order: str = "correct", first: int = 10,
               log_points: int = 16, curve_every: int | None = 100, hidden: int | None = None,
               learn_rate: float | None = None, epochs: int | None = None,
               progress: bool = True) -> tuple[dict[str, np.ndarray], dict]:
    """Train the network on ``dataset`` with a recorder; return (arrays, meta), the trace's
    content (every key and shape: ``docs/trace.md``). ``hidden``, ``learn_rate`` and
    ``epochs`` default to the reference's (20, 0.01, 3); ``curve_every=None`` picks
    :func:`default_curve_every`."""
    check_class_names(dataset)
    n_hid = REFERENCE["sizes"][1] if hidden is None else int(hidden)
    lr = REFERENCE["learn_rate"] if learn_rate is None else float(learn_rate)
    epochs = REFERENCE["epochs"] if epochs is None else int(epochs)
    if curve_every is None:
        curve_every = default_curve_every(dataset.n_train, epochs)
    sizes = [int(dataset.train_images.shape[1]), n_hid, len(dataset.class_names)]
    net = Network.create(sizes, seed=seed, init=REFERENCE["init"])
    arrays = {f"{k}_init": v.copy() for k, v in
              zip(("w_i_h", "b_i_h", "w_h_o", "b_h_o"), net.parameters())}
    steps = schedule(dataset.n_train, epochs, first, log_points)
    recorder = Recorder(steps, curve_every)
    train_per_sample(net, dataset.train_images, dataset.train_labels, epochs=epochs,
                     learn_rate=lr, order=order, delta_rule=REFERENCE["delta_rule"],
                     test=(dataset.test_images, dataset.test_labels), hook=recorder,
                     progress=progress)
    arrays.update(zip(("w_i_h", "b_i_h", "w_h_o", "b_h_o"), net.parameters()))
    arrays.update(recorder.arrays())
    arrays.update(inference_examples(net, dataset.test_images, dataset.test_labels))
    labels = np.asarray(dataset.train_labels, dtype=np.int64)
    arrays["data_img"] = np.asarray(dataset.train_images[:N_DATA_IMAGES], dtype=np.uint8)
    arrays["data_label"] = labels[:N_DATA_IMAGES]
    arrays["data_label_counts"] = np.bincount(labels, minlength=sizes[-1]).astype(np.int64)
    arrays.update(bias_experiment(seed))
    arrays.update(one_neuron(seed))
    arrays.update(record_beyond(dataset, seed, progress))
    assert abs(evaluate(net, dataset.test_images, dataset.test_labels)
               - arrays["epoch_test_acc"][-1]) < 1e-12
    meta = {
        "nnmath_version": __version__, "numpy_version": np.__version__,
        "dataset": dataset.name, "class_names": list(dataset.class_names),
        "files": dict(sorted(dataset.files.items())),
        "n_train": int(dataset.n_train), "n_test": int(dataset.n_test),
        "seed": int(seed), "order": order, **REFERENCE,
        "sizes": sizes, "learn_rate": lr, "epochs": epochs,
        "schedule": {"first": first, "log_points": log_points, "epoch_ends": True,
                     "curve_every": curve_every},
        "bias_experiment": {"seed": int(seed), "learn_rate": 0.5, "iterations": 600,
                            "every": 10},
        "one_neuron": {"seed": int(seed), "iterations": 10000},
        "beyond": beyond_meta(arrays, seed, dataset.n_train),
    }
    if dataset.name == "images":
        from .images import HOLDOUT, SPLIT_SEED

        meta["images"] = {"folder": Path(dataset.folder).name[:100] or "images",
                          "holdout": HOLDOUT, "split_seed": SPLIT_SEED}
    return arrays, meta
