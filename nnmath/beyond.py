"""The "Beyond" chapter's runs: what changes past the reference network.

Small, real minibatch runs on the trace's data set and seed, recorded into
the trace under keys that start with ``beyond_`` (see ``docs/trace.md``):

* **Cost and activations**: the same network shape trained by the same SGD
  twice, once as sigmoid + MSE (the true MSE gradient) and once as ReLU
  hidden layer + softmax output + categorical cross-entropy.
* **Optimizers**: the ReLU + softmax network, from the same initial weights,
  trained by SGD, momentum, Adagrad, RMSProp and Adam, each with its usual
  learning rate and the same learning-rate decay; their learning curves and
  their effective step sizes over time (``|update| / |gradient|``).
* **Softmax**: real logits and probabilities of the Adam run's final network
  on a few held-out images, with that network's parameters so a test can
  recompute them.

Everything is drawn from seeded Generators, so a rerun is byte-identical.
"""

import numpy as np

from .network import Network
from .optimizers import make_optimizer
from .train import Hook, evaluate, to_inputs, train_minibatch

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
#: The cost/activation comparison: both runs use SGD at this rate.
LOSS_LEARN_RATE = 0.1
LOSS_RUNS = (
    {"name": "sigmoid_mse", "hidden": "sigmoid", "output": "sigmoid", "init": "reference",
     "delta_rule": "mse", "cost": "mse"},
    {"name": "relu_softmax_cce", "hidden": "relu", "output": "softmax", "init": "he",
     "delta_rule": "cross_entropy", "cost": "cce"},
)
#: The optimizers raced, each with its customary learning rate.
OPTIMIZER_RUNS = (
    {"optimizer": "sgd", "learn_rate": 0.1},
    {"optimizer": "momentum", "learn_rate": 0.02, "momentum": 0.9},
    {"optimizer": "adagrad", "learn_rate": 0.05},
    {"optimizer": "rmsprop", "learn_rate": 0.001, "rho": 0.9},
    {"optimizer": "adam", "learn_rate": 0.001, "beta1": 0.9, "beta2": 0.999},
)
#: The softmax examples: the first few held-out images, then the Adam network's first mistake.
N_SOFTMAX_FIRST = 3


class CurveHook(Hook):
    """Keeps the running curve (online accuracy, mean cost) and each epoch's accuracies."""

    def __init__(self, curve_every):
        self.curve_every = curve_every
        self.curve = []
        self.epochs = []

    def on_curve(self, step, online_acc, mean_cost):
        self.curve.append((step, online_acc, mean_cost))

    def on_epoch(self, stats):
        self.epochs.append(stats)


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
    hook = CurveHook(CURVE_EVERY)
    train_minibatch(net, dataset.train_images, dataset.train_labels, epochs=EPOCHS,
                    batch_size=BATCH_SIZE, optimizer=optimizer, delta_rule=delta_rule,
                    cost_name=cost, seed=seed, test=(dataset.test_images, dataset.test_labels),
                    hook=hook, progress=progress)
    return net, hook


def _curves(hooks, prefix):
    return {
        f"{prefix}_curve_acc": np.array([[c[1] for c in h.curve] for h in hooks]),
        f"{prefix}_curve_cost": np.array([[c[2] for c in h.curve] for h in hooks]),
        f"{prefix}_epoch_train_acc": np.array([[s.train_acc for s in h.epochs] for h in hooks]),
        f"{prefix}_epoch_test_acc": np.array([[s.test_acc for s in h.epochs] for h in hooks]),
        f"{prefix}_epoch_cost": np.array([[s.mean_cost for s in h.epochs] for h in hooks]),
    }


def softmax_examples(net, test_images, test_labels):
    """Logits and softmax probabilities of ``net`` on the first held-out images and a mistake."""
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


def beyond_meta(seed=0):
    """The settings of the beyond runs, stored in the trace's meta under ``beyond``."""
    return {
        "seed": int(seed), "hidden": HIDDEN, "epochs": EPOCHS, "batch_size": BATCH_SIZE,
        "curve_every": CURVE_EVERY, "probe_every": PROBE_EVERY, "decay": DECAY,
        "loss_learn_rate": LOSS_LEARN_RATE, "loss_optimizer": "sgd",
        "loss_runs": [dict(r) for r in LOSS_RUNS],
        "optimizer_runs": [dict(r, decay=DECAY) for r in OPTIMIZER_RUNS],
        "optimizer_network": {"hidden": "relu", "output": "softmax", "init": "he",
                              "delta_rule": "cross_entropy", "cost": "cce"},
        "softmax_network": "adam",
        "dtype": "float64",
    }


def record_beyond(dataset, seed=0, progress=False):
    """Run the beyond experiments on ``dataset``; return their arrays (keys ``beyond_*``)."""
    out = {}
    loss_hooks = []
    for run in LOSS_RUNS:
        opt = make_optimizer("sgd", learn_rate=LOSS_LEARN_RATE)
        _, hook = _run(dataset, seed, run["hidden"], run["output"], run["init"],
                       run["delta_rule"], run["cost"], opt, progress)
        loss_hooks.append(hook)
    out["beyond_curve_step"] = np.array([c[0] for c in loss_hooks[0].curve], dtype=np.int64)
    out.update(_curves(loss_hooks, "beyond_loss"))

    opt_hooks, probes = [], []
    for run in OPTIMIZER_RUNS:
        options = {k: v for k, v in run.items() if k != "optimizer"}
        probe = StepProbe(make_optimizer(run["optimizer"], decay=DECAY, **options), PROBE_EVERY)
        net, hook = _run(dataset, seed, "relu", "softmax", "he", "cross_entropy", "cce", probe,
                         progress)
        opt_hooks.append(hook)
        probes.append(probe)
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
