"""The real training runs the video needs beside the MNIST one.

* The bias experiment: one sigmoid neuron on a 2-D point set of two classes,
  trained with and without a bias. The two classes lie along the same
  direction from the origin, so a line through the origin (no bias) cannot
  separate them and a shifted line (with bias) can.
* The one-neuron example: three inputs, the first of which is the answer,
  learning the targets ``[0, 0, 1, 1]``.
* The "Beyond" chapter's runs (``record_beyond``): small, real minibatch runs
  on the trace's data set and seed, recorded under keys that start with
  ``beyond_`` (see ``docs/trace.md``):

  - **Activations and cost**: one baseline (the video's network: sigmoid hidden
    and output neurons, delta ``o - l``, i.e. the log cost C) and one change at a
    time: a ReLU hidden layer; softmax outputs with cross-entropy. Plain
    minibatch SGD. For each run's final network, the number of hidden neurons
    that never fire (activation 0 on every held-out image: "dead" ReLUs).
  - **Optimizers**: the ReLU + softmax + cross-entropy network trained by SGD,
    momentum, Adagrad, RMSProp and Adam, with the same learning-rate decay;
    their learning curves and their effective step sizes over time
    (``|update| / |gradient|``).

  The comparisons are fair: every run starts from the same initial weights,
  sees the same images in the same shuffled order, with the same batch size
  and epochs, and gets its learning rate by one rule (:func:`choose_rate`):
  the best of :data:`RATE_GRID` on a validation split of the training images,
  never the held-out test images.
  - **Softmax**: real logits and probabilities of the Adam run's final network
    on a few held-out images, with that network's parameters so a test can
    recompute them.

Everything is drawn from seeded Generators, so reruns are identical.
"""

import sys

import numpy as np

from .activations import sigmoid
from .data import Dataset
from .errors import DivergedError
from .network import Network
from .optimizers import make_optimizer
from .train import CurveHook, evaluate, to_inputs, train_minibatch


def two_blobs(seed: int = 0, n_per_class: int = 40, centers=((1.0, 1.0), (3.0, 3.0)),
              spread: float = 0.45) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian point clouds, returned as points (n, 2) and labels (n,) in {0, 1}."""
    rng = np.random.default_rng(seed)
    points = np.concatenate([rng.normal(c, spread, (n_per_class, 2)) for c in centers])
    labels = np.repeat(np.arange(len(centers)), n_per_class)
    return points, labels


def train_neuron(points: np.ndarray, labels: np.ndarray, use_bias: bool, iterations: int = 600,
                 learn_rate: float = 0.5, seed: int = 0, every: int = 10) -> tuple[np.ndarray, ...]:
    """Full-batch gradient descent on one sigmoid neuron with the o - l (cross-entropy) delta.

    Returns the iterations recorded (every ``every`` and the last), the weights
    ``w`` (T, 2), the bias ``b`` (T,) and the accuracy at each of them.
    The weights start from U(-0.5, 0.5) as in the reference; the bias at 0.
    """
    rng = np.random.default_rng(seed)
    w = rng.uniform(-0.5, 0.5, (1, points.shape[1]))
    b = np.zeros((1, 1))
    x = points.T
    l = labels[None, :].astype(np.float64)
    n = x.shape[1]
    its, ws, bs, accs = [], [], [], []
    for it in range(iterations + 1):
        o = sigmoid(b + w @ x)
        if it % every == 0 or it == iterations:
            its.append(it)
            ws.append(w[0].copy())
            bs.append(float(b[0, 0]))
            accs.append(float(np.mean((o[0] > 0.5) == (labels == 1))))
        if it == iterations:
            break
        delta = o - l
        w = w - learn_rate * (delta @ x.T) / n
        if use_bias:
            b = b - learn_rate * np.sum(delta, axis=1, keepdims=True) / n
    return np.array(its), np.array(ws), np.array(bs), np.array(accs)


def bias_experiment(seed: int = 0, iterations: int = 600, learn_rate: float = 0.5,
                    every: int = 10) -> dict[str, np.ndarray]:
    """The point set and both runs (without and with bias), as arrays named for the trace."""
    points, labels = two_blobs(seed)
    out = {"bias_x": points, "bias_y": labels.astype(np.int64)}
    for key, use_bias in (("nobias", False), ("with", True)):
        its, ws, bs, accs = train_neuron(points, labels, use_bias, iterations, learn_rate,
                                         seed, every)
        out["bias_iters"] = its
        out[f"bias_{key}_w"] = ws
        out[f"bias_{key}_b"] = bs
        out[f"bias_{key}_acc"] = accs
    return out


ONE_NEURON_INPUTS = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=np.float64)
ONE_NEURON_TARGETS = np.array([0, 0, 1, 1], dtype=np.float64)
ONE_NEURON_NEW_INPUT = np.array([1, 0, 0], dtype=np.float64)


def one_neuron(seed: int = 0, iterations: int = 10000,
               n_recorded: int = 40) -> dict[str, np.ndarray]:
    """A 3-input sigmoid neuron (no bias) learning ``[0, 0, 1, 1]``, the classic way.

    Each iteration: ``o = sigmoid(X @ w)``, ``w += X.T @ ((y - o) * o * (1 - o))``
    (gradient descent on half the summed squared error, step 1). Records the
    weights, outputs and mean absolute error at log-spaced iterations, and
    the answer for an input it never saw, ``[1, 0, 0]``.
    """
    rng = np.random.default_rng(seed)
    X, y = ONE_NEURON_INPUTS, ONE_NEURON_TARGETS[:, None]
    w = rng.uniform(-1.0, 1.0, (3, 1))
    recorded = set(np.unique(np.geomspace(1, iterations, n_recorded).astype(int)).tolist())
    recorded.add(0)
    its, ws, outs, errs = [], [], [], []
    for it in range(iterations + 1):
        o = sigmoid(X @ w)
        if it in recorded:
            its.append(it)
            ws.append(w[:, 0].copy())
            outs.append(o[:, 0].copy())
            errs.append(float(np.mean(np.abs(y - o))))
        if it == iterations:
            break
        w = w + X.T @ ((y - o) * o * (1.0 - o))
    return {
        "neuron_x": X, "neuron_y": ONE_NEURON_TARGETS.copy(), "neuron_iters": np.array(its),
        "neuron_w": np.array(ws), "neuron_o": np.array(outs), "neuron_err": np.array(errs),
        "neuron_new_x": ONE_NEURON_NEW_INPUT.copy(),
        "neuron_new_o": sigmoid(ONE_NEURON_NEW_INPUT @ w).reshape(1),
    }


# ---------------------------------------------------------------------- the beyond runs

#: The layer sizes between input and output, as the reference network.
HIDDEN = 20
EPOCHS = 3
BATCH_SIZE = 32
#: Samples per curve point (ten steps of 32).
CURVE_EVERY = 320
#: Steps between two measurements of the optimizers' step sizes.
PROBE_EVERY = 10
#: The same learning-rate decay for every optimizer: lr / (1 + DECAY * step).
DECAY = 1e-3
#: The initial weights of every beyond run (the reference's U(-0.5, 0.5), zero biases).
INIT = "reference"
#: The activation/cost comparison: the baseline first, then one change each (plain SGD).
#: The baseline is the video's own network: sigmoid hidden and output neurons stepping
#: along delta = o - l (the reference's delta rule), i.e. down the log cost C ("bce").
LOSS_RUNS = (
    {"name": "sigmoid_log_cost", "hidden": "sigmoid", "output": "sigmoid", "init": INIT,
     "delta_rule": "cross_entropy", "cost": "bce"},
    {"name": "relu_log_cost", "hidden": "relu", "output": "sigmoid", "init": INIT,
     "delta_rule": "cross_entropy", "cost": "bce"},
    {"name": "sigmoid_softmax_cce", "hidden": "sigmoid", "output": "softmax", "init": INIT,
     "delta_rule": "cross_entropy", "cost": "cce"},
)
#: The optimizers raced, with their usual settings besides the learning rate.
OPTIMIZER_RUNS = (
    {"optimizer": "sgd"},
    {"optimizer": "momentum", "momentum": 0.9},
    {"optimizer": "adagrad"},
    {"optimizer": "rmsprop", "rho": 0.9},
    {"optimizer": "adam", "beta1": 0.9, "beta2": 0.999},
)
#: The network the optimizers train (ReLU hidden layer, softmax + cross-entropy).
OPTIMIZER_NETWORK = {"hidden": "relu", "output": "softmax", "init": INIT,
                     "delta_rule": "cross_entropy", "cost": "cce"}
#: The one grid every run's learning rate is chosen from: half-decades wide enough for
#: Adam's small rates and the squared error's large ones (its slopes are small).
RATE_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
#: The share of the training images held back to choose the rate (the last ones in file order).
VALIDATION_SHARE = 6
RATE_PICK = ("highest accuracy on the validation images after training on the rest; "
             "the smaller rate on a tie")
#: The softmax examples: the first few held-out images, then the Adam network's first mistake.
N_SOFTMAX_FIRST = 3


class StepProbe:
    """An optimizer wrapper that measures, every ``every`` steps, how far the step moved.

    It records the step's decayed learning rate, the norm of the gradient
    over all parameters and the norm of the change of all parameters. For
    plain SGD ``update_norm == learn_rate * grad_norm``; for the others the
    ratio ``update_norm / grad_norm`` is their *effective* step size.
    """

    def __init__(self, optimizer, every):
        self.optimizer = optimizer
        self.every = every
        self.steps, self.learn_rates, self.grad_norms, self.update_norms = [], [], [], []

    def step(self, params, grads):
        t = self.optimizer.iterations
        if (t + 1) % self.every:
            self.optimizer.step(params, grads)
            return
        before = [p.copy() for p in params]
        lr = self.optimizer.current_learn_rate
        self.optimizer.step(params, grads)
        self.steps.append(t)
        self.learn_rates.append(lr)
        self.grad_norms.append(_norm(grads))
        self.update_norms.append(_norm([p - b for p, b in zip(params, before)]))


def _norm(arrays):
    return float(np.sqrt(sum(float(np.sum(a * a)) for a in arrays)))


def _run(dataset, seed, hidden, output, init, delta_rule, cost, optimizer, progress):
    """Train one network from the seed's initial weights; return it and its curves."""
    sizes = [dataset.train_images.shape[1], HIDDEN, len(dataset.class_names)]
    net = Network.create(sizes, seed=seed, init=init, hidden=hidden, output=output)
    hook = CurveHook(beyond_windows(dataset.n_train)[0])
    train_minibatch(net, dataset.train_images, dataset.train_labels, epochs=EPOCHS,
                    batch_size=BATCH_SIZE, optimizer=optimizer, delta_rule=delta_rule,
                    cost_name=cost, seed=seed, test=(dataset.test_images, dataset.test_labels),
                    hook=hook, progress=progress)
    return net, hook


def dead_hidden(net: Network, images: np.ndarray) -> int:
    """How many hidden neurons of ``net`` are 0 (never positive) on every one of ``images``.
    A sigmoid is never 0, so this counts only ReLUs that have died: their input is
    negative for every image, so their slope is 0 and no step can revive them."""
    h = net.forward(to_inputs(images, np.float64).T).h
    return int(np.sum(np.all(h <= 0, axis=1)))


def validation_split(dataset: Dataset) -> Dataset:
    """The training images split in two: the first ones to train on, the last
    ``n_train // VALIDATION_SHARE`` (at least one) as the "held-out" set to choose a rate.
    The real held-out test images play no part."""
    n = dataset.n_train
    if n < 2:
        raise ValueError(f"choosing a learning rate needs at least 2 training images, got {n}")
    n_val = max(1, n // VALIDATION_SHARE)
    cut = n - n_val
    return Dataset(dataset.name, dataset.train_images[:cut], dataset.train_labels[:cut],
                   dataset.train_images[cut:], dataset.train_labels[cut:], dataset.folder,
                   dataset.files, dataset.class_names)


def choose_rate(split: Dataset, seed: int, network: dict, optimizer: str, options: dict):
    """The rule: train on ``split``'s training part at each rate of :data:`RATE_GRID` and
    keep the rate with the highest accuracy on its validation part (the smaller on a tie).
    Returns the rate and the accuracies, NaN where a rate blew up (the divergence guard)."""
    accs = []
    for rate in RATE_GRID:
        opt = make_optimizer(optimizer, learn_rate=rate, **options)
        try:
            net, _ = _run(split, seed, network["hidden"], network["output"], network["init"],
                          network["delta_rule"], network["cost"], opt, False)
        except DivergedError:
            accs.append(np.nan)
            continue
        accs.append(evaluate(net, split.test_images, split.test_labels))
    accs = np.array(accs)
    if np.all(np.isnan(accs)):
        raise DivergedError(f"every learning rate of {list(RATE_GRID)} blew up")
    return picked_rate(accs), accs


def picked_rate(val_accs) -> float:
    """The grid rate the rule picks from one run's validation accuracies (NaN: blew up):
    the highest, and the first (smallest rate) of equal ones."""
    return float(RATE_GRID[int(np.nanargmax(val_accs))])


def _say(progress, name, rate, accs):
    """One line per chosen rate, so a long recording shows where it is."""
    if progress:
        best = np.nanmax(accs)
        print(f"  beyond {name}: learning rate {rate:g} (validation accuracy {best:.1%})",
              file=sys.stderr)


def _curves(hooks, prefix):
    return {
        f"{prefix}_curve_acc": np.array([[c[1] for c in h.curve] for h in hooks]),
        f"{prefix}_curve_cost": np.array([[c[2] for c in h.curve] for h in hooks]),
        f"{prefix}_epoch_train_acc": np.array([[s.train_acc for s in h.epochs] for h in hooks]),
        f"{prefix}_epoch_test_acc": np.array([[s.test_acc for s in h.epochs] for h in hooks]),
        f"{prefix}_epoch_cost": np.array([[s.mean_cost for s in h.epochs] for h in hooks]),
    }


def softmax_examples(net: Network, test_images: np.ndarray,
                     test_labels: np.ndarray) -> dict[str, np.ndarray]:
    """Logits and softmax probabilities ``(K, 10)`` of ``net`` on the first held-out images
    and a mistake (images (n, 784) uint8, labels (n,))."""
    x = to_inputs(test_images, np.float64).T
    pred = net.predict(x)
    chosen = list(range(min(N_SOFTMAX_FIRST, len(test_labels))))
    mistakes = [int(i) for i in np.flatnonzero(pred != test_labels) if i not in chosen]
    extra = mistakes[:1] or [i for i in range(len(test_labels)) if i not in chosen][:1]
    chosen = np.array(sorted(chosen + extra), dtype=np.int64)
    fwd = net.forward(x[:, chosen])
    return {
        "beyond_softmax_index": chosen,
        "beyond_softmax_img": np.asarray(test_images[chosen], dtype=np.uint8),
        "beyond_softmax_label": np.asarray(test_labels[chosen], dtype=np.int64),
        "beyond_softmax_logits": fwd.o_pre.T.copy(),
        "beyond_softmax_probs": fwd.o.T.copy(),
    }


def beyond_windows(n_train: int) -> tuple[int, int]:
    """(curve_every, probe_every) for a training set of ``n_train`` images: the defaults
    (320 samples, 10 steps) whenever an epoch holds a whole curve window and the run five
    probes, else smaller ones so a small image folder still gets curve points and probes."""
    curve_every = CURVE_EVERY if n_train >= CURVE_EVERY else max(1, n_train // 3)
    steps = EPOCHS * -(-n_train // BATCH_SIZE)
    probe_every = PROBE_EVERY if steps >= 5 * PROBE_EVERY else max(1, steps // 10)
    return curve_every, probe_every


def beyond_meta(arrays: dict, seed: int = 0, n_train: int = 10**9) -> dict:
    """The settings of the beyond runs, stored in the trace's meta under ``beyond``; each
    run's learning rate is the one its grid accuracies in ``arrays`` (from
    :func:`record_beyond`) chose."""
    curve_every, probe_every = beyond_windows(n_train)
    loss_rates = [picked_rate(row) for row in arrays["beyond_loss_grid_val_acc"]]
    opt_rates = [picked_rate(row) for row in arrays["beyond_opt_grid_val_acc"]]
    n_val = max(1, n_train // VALIDATION_SHARE)
    return {
        "seed": int(seed), "hidden": HIDDEN, "epochs": EPOCHS, "batch_size": BATCH_SIZE,
        "curve_every": curve_every, "probe_every": probe_every, "decay": DECAY,
        "loss_optimizer": "sgd",
        "loss_runs": [dict(r, learn_rate=lr) for r, lr in zip(LOSS_RUNS, loss_rates)],
        "optimizer_runs": [dict(r, learn_rate=lr, decay=DECAY)
                           for r, lr in zip(OPTIMIZER_RUNS, opt_rates)],
        "optimizer_network": dict(OPTIMIZER_NETWORK),
        "rate_rule": {"grid": list(RATE_GRID), "train_images": int(n_train - n_val),
                      "validation_images": int(n_val), "pick": RATE_PICK},
        "softmax_network": "adam",
        "dtype": "float64",
    }


def record_beyond(dataset: Dataset, seed: int = 0, progress: bool = False) -> dict[str, np.ndarray]:
    """Run the beyond experiments on ``dataset``; return their arrays (keys ``beyond_*``).

    Each run's rate is chosen first (:func:`choose_rate`), then the run is trained again on
    all the training images at that rate; its curves and held-out accuracies are kept."""
    out = {}
    split = validation_split(dataset)
    loss_hooks, loss_grid, dead = [], [], []
    for run in LOSS_RUNS:
        rate, accs = choose_rate(split, seed, run, "sgd", {})
        _say(progress, run["name"], rate, accs)
        loss_grid.append(accs)
        opt = make_optimizer("sgd", learn_rate=rate)
        net, hook = _run(dataset, seed, run["hidden"], run["output"], run["init"],
                         run["delta_rule"], run["cost"], opt, progress)
        loss_hooks.append(hook)
        dead.append(dead_hidden(net, dataset.test_images))
    out["beyond_loss_grid_val_acc"] = np.array(loss_grid)
    out["beyond_loss_dead_hidden"] = np.array(dead, dtype=np.int64)
    out["beyond_curve_step"] = np.array([c[0] for c in loss_hooks[0].curve], dtype=np.int64)
    out.update(_curves(loss_hooks, "beyond_loss"))

    opt_hooks, probes, opt_grid = [], [], []
    net_settings = OPTIMIZER_NETWORK
    for run in OPTIMIZER_RUNS:
        options = dict({k: v for k, v in run.items() if k != "optimizer"}, decay=DECAY)
        rate, accs = choose_rate(split, seed, net_settings, run["optimizer"], options)
        _say(progress, run["optimizer"], rate, accs)
        opt_grid.append(accs)
        probe = StepProbe(make_optimizer(run["optimizer"], learn_rate=rate, **options),
                          beyond_windows(dataset.n_train)[1])
        net, hook = _run(dataset, seed, net_settings["hidden"], net_settings["output"],
                         net_settings["init"], net_settings["delta_rule"],
                         net_settings["cost"], probe, progress)
        opt_hooks.append(hook)
        probes.append(probe)
    out["beyond_opt_grid_val_acc"] = np.array(opt_grid)
    out.update(_curves(opt_hooks, "beyond_opt"))
    out["beyond_probe_step"] = np.array(probes[0].steps, dtype=np.int64)
    out["beyond_probe_learn_rate"] = np.array([p.learn_rates for p in probes])
    out["beyond_probe_grad_norm"] = np.array([p.grad_norms for p in probes])
    out["beyond_probe_update_norm"] = np.array([p.update_norms for p in probes])

    # ``net`` is the last optimizer run's (Adam) final network.
    for key, value in zip(("w_i_h", "b_i_h", "w_h_o", "b_h_o"), net.parameters()):
        out[f"beyond_{key}"] = value.copy()
    out.update(softmax_examples(net, dataset.test_images, dataset.test_labels))
    assert abs(evaluate(net, dataset.test_images, dataset.test_labels)
               - out["beyond_opt_epoch_test_acc"][-1, -1]) < 1e-12
    return out
