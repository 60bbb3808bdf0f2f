"""The Recorder: a training-loop hook that keeps the tensors of chosen steps.

It asks the loop for every one of the first ``first`` steps, a log-spaced
sparse schedule after them, and the last step of every epoch; and for a
running curve of online accuracy and mean cost every ``curve_every`` samples.
"""

import numpy as np

from .train import Hook

#: Per-step tensors, in the order the trace stores them (``step_<name>``).
STEP_KEYS = ("img", "l", "h_pre", "h", "o_pre", "o", "e", "delta_o", "delta_h",
             "w_i_h", "b_i_h", "w_h_o", "b_h_o")


def schedule(n_per_epoch, epochs, first=10, log_points=16):
    """The 0-based steps to record: the first ``first``, log-spaced ones, and each epoch's last."""
    total = n_per_epoch * epochs
    steps = set(range(min(first, total)))
    if total > first and log_points > 0:
        steps.update(np.unique(np.geomspace(first, total - 1, log_points).astype(np.int64)).tolist())
    steps.update(e * n_per_epoch - 1 for e in range(1, epochs + 1))
    return sorted(int(s) for s in steps if 0 <= s < total)


class Recorder(Hook):
    """Collects the steps and the curve; ``arrays()`` returns them named for the trace."""

    def __init__(self, steps, curve_every=100):
        self.record_steps = frozenset(steps)
        self.curve_every = int(curve_every)
        self.steps = []
        self.curve = []
        self.epochs = []

    def on_step(self, step, values):
        self.steps.append((step, values))

    def on_curve(self, step, online_acc, mean_cost):
        self.curve.append((step, online_acc, mean_cost))

    def on_epoch(self, stats):
        self.epochs.append(stats)

    def arrays(self):
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
