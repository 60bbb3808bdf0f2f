"""The training loops.

``train_per_sample`` is the video's loop, one image at a time, made fast
without changing its arithmetic; ``nnmath.reference`` is the same loop written
to be read. ``train_minibatch``
is the vectorised loop for larger experiments. Both report per epoch the
*online* training accuracy (counted while training, as the reference prints
it) and, when a held-out set is given, the held-out accuracy.

A :class:`Hook` observes a loop: the trace Recorder is one. The loop calls it
only at the steps it asked for, so an idle hook costs nothing.
"""

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .activations import sigmoid_of_negated
from .costs import DELTA_RULES, cost
from .divergence import BlowupGuard
from .errors import DivergedError
from .optimizers import SGD
from .progress import Progress
from .reference import ORDERS

if TYPE_CHECKING:
    from .network import Network


@dataclass
class EpochStats:
    """What one epoch measured. Accuracies are fractions in [0, 1]."""

    epoch: int
    n_samples: int
    nr_correct: int
    train_acc: float
    test_acc: float | None
    mean_cost: float
    seconds: float


class Hook:
    """Observer of a training loop. Override what you need; the defaults do nothing.

    ``record_steps``: the 0-based step indices (samples seen since the start)
    at which ``on_step`` receives every tensor of that step.
    ``curve_every``: every so many samples ``on_curve`` receives the online
    accuracy and mean cost over those samples (the per-sample loop reports an
    epoch's windows at the epoch's end, before ``on_epoch``).
    """

    record_steps = frozenset()
    curve_every = 0

    def on_step(self, step, values):
        pass

    def on_curve(self, step, online_acc, mean_cost):
        pass

    def on_epoch(self, stats):
        pass


class CurveHook(Hook):
    """Keeps the running curve, ``(step, online accuracy, mean cost)`` tuples, and each
    epoch's :class:`EpochStats`."""

    def __init__(self, curve_every: int = 0):
        self.curve_every = int(curve_every)
        self.curve = []
        self.epochs = []

    def on_curve(self, step, online_acc, mean_cost):
        self.curve.append((step, online_acc, mean_cost))

    def on_epoch(self, stats):
        self.epochs.append(stats)


def to_inputs(images: np.ndarray, dtype=np.float64) -> np.ndarray:
    """Pixels as the network sees them: uint8 images / 255, one row per image, ``(n, inputs)``."""
    images = np.asarray(images)
    if images.dtype == np.uint8:
        return images.astype(dtype) / 255
    return images.astype(dtype, copy=False)


def one_hot_rows(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """One-hot targets ``(n, n_classes)``, one row per sample (``np.eye(n)[labels]``, as the
    reference)."""
    return np.eye(n_classes)[np.asarray(labels, dtype=np.intp)]


def evaluate(net: "Network", images: np.ndarray, labels: np.ndarray, chunk: int = 4096) -> float:
    """Held-out accuracy: the fraction of ``images`` (n, inputs) whose largest output is the
    label in ``labels`` (n,). Converted to floats a chunk at a time, so it holds no float
    copy of the whole set."""
    dtype = net.weights[0].dtype.type
    images, labels = np.asarray(images), np.asarray(labels)
    correct = 0
    for start in range(0, len(labels), chunk):
        x = to_inputs(images[start:start + chunk], dtype)
        guess = net.predict(x.T)
        correct += int(np.sum(guess == labels[start:start + chunk]))
    return correct / max(len(labels), 1)


def _diverged(epoch, sample, learn_rate, e):
    return DivergedError(
        f"training diverged in epoch {epoch}, sample {sample}: the cost is {e} at "
        f"learn_rate={learn_rate}; try a smaller --learn-rate")


def _fill_inputs(out, images):
    """Write ``to_inputs(images)`` into the float array ``out`` (same values, no new array)."""
    if images.dtype == np.uint8:
        np.divide(images, 255, out=out, dtype=out.dtype)
    else:
        out[...] = images


def _running_sum(values):
    """The sum of ``values`` added one by one from the first, as a running total would."""
    return float(np.cumsum(values)[-1]) if len(values) else 0.0


def _report_curve(hook, costs, hits, step0):
    """Call ``hook.on_curve`` for every window of ``hook.curve_every`` samples that ends in
    this epoch (steps ``step0`` ...), from its per-sample costs and hits. Windows restart
    at the epoch's first sample."""
    every = int(hook.curve_every or 0)
    if not every:
        return
    for stop in range(every - step0 % every, len(costs) + 1, every):  # step0 + stop: k * every
        start = max(0, stop - every)
        hook.on_curve(step0 + stop - 1, int(np.sum(hits[start:stop])) / every,
                      _running_sum(costs[start:stop]) / every)


def _unpack(neg_w_i_h, neg_w_h_o):
    """``[w_i_h, b_i_h, w_h_o, b_h_o]`` (new arrays) from the fast loop's negated weights,
    whose last column is the bias."""
    return [-neg_w_i_h[:, :-1], -neg_w_i_h[:, -1:], -neg_w_h_o[:, :-1], -neg_w_h_o[:, -1:]]


class _StepRecorder:
    """Hands ``hook.on_step`` the tensors of each step it asked for, in the video's names.

    The fast loop calls :meth:`after_step` only at the ``watched`` steps: each step the
    hook asked for (its tensors are still in the loop's buffers) and the step just before
    it (whose result is the parameters the asked-for step starts from).
    """

    def __init__(self, hook, buffers, labels, n_per_epoch):
        self.hook = hook
        self.buffers = buffers
        self.labels = labels
        self.n = n_per_epoch
        asked = hook.record_steps
        self.watched = frozenset(asked) | {s - 1 for s in asked}
        self.before = None

    def start(self, neg_w_i_h, neg_w_h_o):
        """Before the first step: the initial parameters, in case step 0 is asked for."""
        self.before = _unpack(neg_w_i_h + 0.0, neg_w_h_o)

    def after_step(self, step, xb, j, pending, neg_w_i_h, neg_w_h_o, e):
        """After ``step``, the image ``xb[j]`` of its block (``pending``: the updates of
        ``neg_w_i_h`` not yet applied): report it if asked, keep the parameters if the next
        step is asked for."""
        x = xb[j]
        if step in self.hook.record_steps:
            b = self.buffers
            i = step % self.n
            w_i_h, b_i_h, w_h_o, b_h_o = self.before
            self.hook.on_step(step, {
                "epoch": step // self.n + 1, "sample": i, "label": int(self.labels[i]),
                "img": x[:-1, None].copy(), "l": b["targets"][i, :, None].copy(),
                "h_pre": -b["neg_h_pre"][:, None], "h": b["h"][:, None].copy(),
                "o_pre": -b["neg_o_pre"][:, None], "o": b["o"][:, None].copy(), "e": e,
                "delta_o": b["delta_o"][:, None].copy(), "delta_h": -b["neg_delta_h"][:, None],
                "w_i_h": w_i_h, "b_i_h": b_i_h, "w_h_o": w_h_o, "b_h_o": b_h_o,
            })
        if step + 1 in self.hook.record_steps:
            self.before = _unpack(neg_w_i_h + pending.T @ xb, neg_w_h_o)


def train_per_sample(net: "Network", images: np.ndarray, labels: np.ndarray, epochs: int = 3,
                     learn_rate: float = 0.01, order: str = "correct",
                     delta_rule: str = "cross_entropy", test: tuple | None = None,
                     hook: Hook | None = None, progress: bool = True,
                     block: int = 16) -> list[EpochStats]:
    """The video's loop, fast: for each epoch, for each image in file order, one SGD step.

    Same weights as ``nnmath.reference.train`` to 1e-12, 3x faster: no per-image ``w_i_h`` product.

    ``images`` (n, inputs) uint8 pixels (scaled by 1/255) or floats, ``labels`` (n,) class
    indices; ``net`` a one-hidden-layer sigmoid :class:`~nnmath.network.Network`, trained
    in place. ``order="correct"`` computes ``delta_h`` with ``w_h_o`` from before its
    update; ``order="reference"`` with the already updated one, as the video's code does.
    ``delta_rule="mse"`` uses the true MSE gradient instead of ``o - l``. ``test``: an
    optional ``(images, labels)`` held-out set, evaluated after each epoch. ``hook``: a
    :class:`Hook` (the trace Recorder). Returns one :class:`EpochStats` per epoch.

    How it is fast with the same arithmetic: the bias is the weight of an always-1 input
    (the bias neuron), so each layer is one matrix product; the weights are kept negated,
    so the sigmoid needs no negation; the rank-1 updates of ``w_i_h`` are deferred within
    blocks of ``block`` images and applied as one matrix product, while each forward pass
    adds the pending updates' exact contribution through the block's Gram matrix; every
    buffer is allocated once; and the images become floats one block at a time, so
    training holds no float copy of the data set.
    """
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; choose one of {ORDERS}")
    if delta_rule not in DELTA_RULES:
        raise ValueError(f"unknown delta rule {delta_rule!r}; choose one of {DELTA_RULES}")
    if len(net.weights) != 2 or net.hidden != "sigmoid" or net.output != "sigmoid":
        raise ValueError("the per-sample reference loop is for one sigmoid hidden layer; "
                         "use train_minibatch with batch_size=1 for other networks")
    hook = hook or Hook()
    dtype = net.weights[0].dtype.type
    n_in, n_hid, n_out = net.sizes
    images = np.asarray(images)
    labels = np.asarray(labels, dtype=np.intp)
    n = len(labels)
    label_list = labels.tolist()
    lr = dtype(learn_rate)

    # The weights negated, each with its bias as the last column: neg_w_i_h @ [img; 1] = -h_pre.
    neg_w_i_h = -np.concatenate([net.w_i_h, net.b_i_h], axis=1)
    neg_w_h_o = -np.concatenate([net.w_h_o, net.b_h_o], axis=1)
    neg_w_h_o_weights = neg_w_h_o[:, :n_hid]             # without the bias column (a view)

    x_block = np.ones((block, n_in + 1), dtype=dtype)    # a block of images, last column 1
    pending = np.zeros((block, n_hid), dtype=dtype)      # row j: learn_rate * delta_h of image j
    targets = one_hot_rows(labels, n_out).astype(dtype)  # l of every image, one row each
    neg_h_pre = np.empty(n_hid, dtype=dtype)
    h_and_1 = np.ones(n_hid + 1, dtype=dtype)            # h, then the bias neuron's 1
    h = h_and_1[:n_hid]
    neg_o_pre = np.empty(n_out, dtype=dtype)
    o = np.empty(n_out, dtype=dtype)
    delta_o = np.empty(n_out, dtype=dtype)
    delta_o_column = delta_o[:, None]
    neg_delta_h = np.empty(n_hid, dtype=dtype)
    h_slope = np.empty(n_hid, dtype=dtype)               # h * (1 - h)
    w_h_o_step = np.empty((n_out, n_hid + 1), dtype=dtype)
    costs = np.empty(n)                                  # e of each image of the epoch
    hits = np.empty(n, dtype=bool)                       # was its guess right?
    mse_rule = delta_rule == "mse"
    reference_order = order == "reference"
    recorder = _StepRecorder(hook, {"targets": targets, "neg_h_pre": neg_h_pre, "h": h,
                                    "neg_o_pre": neg_o_pre, "o": o, "delta_o": delta_o,
                                    "neg_delta_h": neg_delta_h}, labels, n)
    watched = recorder.watched
    recorder.start(neg_w_i_h, neg_w_h_o)

    history = []
    guard = BlowupGuard(net, learn_rate)
    with np.errstate(over="ignore"):
        for epoch in range(1, epochs + 1):
            bar = Progress(n, f"epoch {epoch}/{epochs}", enabled=progress)
            t_start = time.perf_counter()
            step0 = (epoch - 1) * n
            for start in range(0, n, block):
                m = min(block, n - start)
                xb = x_block[:m]
                _fill_inputs(xb[:, :n_in], images[start:start + m])
                pend = pending[:m]
                # neg_w_i_h does not change inside a block, so each image's -h_pre from it is
                # one matrix product up front; the pending updates add (xb @ x_j) @ pend =
                # gram[j] @ pend to image j's.
                neg_h_pre_block = xb @ neg_w_i_h.T
                gram = xb @ xb.T
                for j in range(m):
                    i = start + j
                    # h_pre = b_i_h + w_i_h @ img;  h = sigmoid(h_pre)
                    np.dot(gram[j], pend, out=neg_h_pre)        # rows >= j of pend are still 0
                    neg_h_pre += neg_h_pre_block[j]
                    sigmoid_of_negated(neg_h_pre, out=h)
                    # o_pre = b_h_o + w_h_o @ h;  o = sigmoid(o_pre)
                    np.dot(neg_w_h_o, h_and_1, out=neg_o_pre)
                    sigmoid_of_negated(neg_o_pre, out=o)
                    # e = 1 / len(o) * sum((o - l) ** 2);  nr_correct += argmax(o) == argmax(l)
                    np.subtract(o, targets[i], out=delta_o)
                    e = float(delta_o @ delta_o) / n_out
                    if not math.isfinite(e):
                        raise _diverged(epoch, i + 1, learn_rate, e)
                    costs[i] = e
                    hits[i] = int(o.argmax()) == label_list[i]
                    # delta_o = o - l (or the true MSE gradient)
                    if mse_rule:
                        delta_o *= o * (1.0 - o) * (2.0 / n_out)
                    # delta_h = w_h_o.T @ delta_o * (h * (1 - h)), before or after w_h_o's update
                    if not reference_order:
                        np.dot(delta_o, neg_w_h_o_weights, out=neg_delta_h)
                    # w_h_o += -learn_rate * delta_o @ h.T;  b_h_o += -learn_rate * delta_o
                    np.multiply(delta_o_column, h_and_1, out=w_h_o_step)
                    w_h_o_step *= lr
                    neg_w_h_o += w_h_o_step
                    if reference_order:
                        np.dot(delta_o, neg_w_h_o_weights, out=neg_delta_h)
                    np.subtract(1.0, h, out=h_slope)
                    h_slope *= h
                    neg_delta_h *= h_slope                      # now -delta_h
                    # w_i_h += -learn_rate * delta_h @ img.T (and b_i_h): pending until the
                    # block's end
                    np.multiply(neg_delta_h, -lr, out=pend[j])
                    if step0 + i in watched:
                        recorder.after_step(step0 + i, xb, j, pend, neg_w_i_h, neg_w_h_o, e)
                neg_w_i_h += pend.T @ xb
                pend[...] = 0
                bar.update(start + m)
            bar.close()
            for param, value in zip(net.parameters(), _unpack(neg_w_i_h, neg_w_h_o)):
                param[...] = value
            guard.check(epoch, n)
            seconds = time.perf_counter() - t_start
            _report_curve(hook, costs, hits, step0)
            nr_correct = int(np.sum(hits))
            test_acc = evaluate(net, *test) if test is not None else None
            stats = EpochStats(epoch, n, nr_correct, nr_correct / n, test_acc,
                               _running_sum(costs) / n, seconds)
            history.append(stats)
            hook.on_epoch(stats)
    return history


def l2_penalty(net: "Network", weight_decay: float) -> float:
    """The L2 term added to the cost: weight_decay / 2 * the sum of every squared weight.

    Biases are not penalised (a shifted decision line is not a sign of overfitting).
    """
    return 0.5 * weight_decay * sum(float(np.sum(w * w)) for w in net.weights)


def add_weight_decay(net: "Network", grad_w: list[np.ndarray], weight_decay: float) -> None:
    """Add the L2 term's gradient, weight_decay * w, to each weight gradient (shaped like its
    weights) in place."""
    for g, w in zip(grad_w, net.weights):
        g += weight_decay * w


AUGMENTS = ("hflip", "shift")


def augment_batch(xb: np.ndarray, augment: Sequence[str], rng: np.random.Generator,
                  max_shift: int = 2) -> np.ndarray:
    """Randomly altered copies of square images, one row per image ``(m, side * side)``,
    changed in place.

    ``hflip``: each image is mirrored left-right with probability 1/2 (for
    data sets whose classes look the same mirrored, like Fashion-MNIST's).
    ``shift``: each image moves by up to ``max_shift`` pixels in each
    direction, filling the uncovered border with 0 (background).
    """
    m, n_in = xb.shape
    side = math.isqrt(n_in)
    if side * side != n_in:
        raise ValueError(f"augmentation needs square images; {n_in} pixels is not a square")
    imgs = xb.reshape(m, side, side)
    if "hflip" in augment:
        flip = rng.random(m) < 0.5
        imgs[flip] = imgs[flip][:, :, ::-1]
    if "shift" in augment:
        k = max_shift
        padded = np.zeros((m, side + 2 * k, side + 2 * k), dtype=xb.dtype)
        padded[:, k:k + side, k:k + side] = imgs
        dy, dx = rng.integers(0, 2 * k + 1, size=(2, m))
        ar = np.arange(side)
        imgs[...] = padded[np.arange(m)[:, None, None], (dy[:, None] + ar)[:, :, None],
                           (dx[:, None] + ar)[:, None, :]]
    return xb


class ParameterAverage:
    """An exponential moving average of the parameters, kept beside them.

    Like Adam's moments it starts at zero and is divided by ``1 - decay ** t``
    after ``t`` updates, so it is a true weighted average of the parameters
    seen so far even early in training. ``swap`` puts the average into the
    parameter arrays (in place) and, called again, the live values back.
    """

    def __init__(self, params, decay):
        self.decay = float(decay)
        self.values = [np.zeros_like(p) for p in params]
        self._work = [np.empty_like(p) for p in params]
        self.count = 0
        self.live = None

    def update(self, params: list[np.ndarray]) -> None:
        for a, p, tmp in zip(self.values, params, self._work):
            a *= self.decay
            np.multiply(p, 1.0 - self.decay, out=tmp)
            a += tmp
        self.count += 1

    def averaged(self) -> list[np.ndarray]:
        """The bias-corrected averages (new arrays)."""
        scale = 1.0 / (1.0 - self.decay ** self.count) if self.count else 1.0
        return [a * scale for a in self.values]

    def swap(self, params: list[np.ndarray]) -> None:
        if self.live is None:
            self.live = [p.copy() for p in params]
            if self.count:
                for p, a in zip(params, self.averaged()):
                    p[...] = a
        else:
            for p, live in zip(params, self.live):
                p[...] = live
            self.live = None


def train_minibatch(net: "Network", images: np.ndarray, labels: np.ndarray, epochs: int = 3,
                    learn_rate: float = 0.01, batch_size: int = 128, optimizer=None,
                    delta_rule: str = "cross_entropy", cost_name: str | None = None,
                    seed: int = 0, shuffle: bool = True, test: tuple | None = None,
                    hook: Hook | None = None, progress: bool = True, dropout: float = 0.0,
                    weight_decay: float = 0.0, augment: Sequence[str] = (),
                    average: float = 0.0, input_dropout: float = 0.0) -> list[EpochStats]:
    """Vectorised training: each step averages the gradient over ``batch_size`` images.

    ``images`` (n, inputs) uint8 pixels (scaled by 1/255) or floats, ``labels`` (n,)
    class indices; ``net`` is trained in place by ``optimizer`` (default: SGD at
    ``learn_rate``). ``test``: an optional held-out ``(images, labels)``, evaluated after
    each epoch. Returns one :class:`EpochStats` per epoch.

    Images are shuffled each epoch by a Generator seeded with ``seed``; with
    ``shuffle=False`` and ``batch_size=1`` this is per-sample SGD in file order.
    The reported cost is MSE for sigmoid outputs and cross-entropy for softmax
    outputs unless ``cost_name`` says otherwise (the data cost: without the L2 term).

    ``dropout``: the probability of dropping each hidden activation during
    training (inverted dropout, masks from a second Generator seeded with
    ``(seed, 1)``); evaluation always uses the whole network.
    ``weight_decay``: L2 regularisation, adding ``weight_decay * w`` to each
    weight gradient (see :func:`l2_penalty`).
    ``augment``: names from ``AUGMENTS`` applied to each training batch (see
    :func:`augment_batch`), drawn from a Generator seeded with ``(seed, 2)``.
    ``input_dropout``: the probability of zeroing each input pixel of a
    training batch (kept pixels scaled by 1 / (1 - input_dropout)), a
    regulariser from the dropout paper; masks from ``(seed, 3)``.
    ``average``: if > 0, the decay of an exponential moving average of the
    parameters (Polyak averaging, see :class:`ParameterAverage`), updated after
    every step; held-out accuracy is measured with the averaged parameters,
    and the network ends with them (it is still one network, just a smoother
    point on the training path).
    """
    hook = hook or Hook()
    optimizer = optimizer or SGD(learn_rate)
    cost_name = cost_name or ("cce" if net.output == "softmax" else "mse")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if weight_decay < 0:
        raise ValueError(f"weight_decay must be zero or positive, got {weight_decay}")
    dtype = net.weights[0].dtype.type
    labels = np.asarray(labels, dtype=np.intp)
    n = len(labels)
    X = to_inputs(images, dtype)
    L = one_hot_rows(labels, net.sizes[-1]).astype(dtype)
    rng = np.random.default_rng(seed)
    drop_rng = np.random.default_rng((seed, 1)) if dropout else None
    augment = (augment,) if isinstance(augment, str) else tuple(augment or ())
    unknown = [a for a in augment if a not in AUGMENTS]
    if unknown:
        raise ValueError(f"unknown augmentation {unknown[0]!r}; choose from {AUGMENTS}")
    aug_rng = np.random.default_rng((seed, 2)) if augment else None
    if not 0 <= input_dropout < 1:
        raise ValueError(f"input_dropout must be in [0, 1), got {input_dropout}")
    in_rng = np.random.default_rng((seed, 3)) if input_dropout else None
    curve_every = int(hook.curve_every or 0)
    params = net.parameters()
    if not 0 <= average < 1:
        raise ValueError(f"average must be in [0, 1), got {average}")
    avg = ParameterAverage(params, average) if average else None
    history = []
    guard = BlowupGuard(net, getattr(optimizer, "learn_rate", learn_rate))
    step = 0
    for epoch in range(1, epochs + 1):
        bar = Progress(n, f"epoch {epoch}/{epochs}", enabled=progress)
        t_start = time.perf_counter()
        order = rng.permutation(n) if shuffle else np.arange(n)
        nr_correct = 0
        e_sum = 0.0
        win_correct, win_e, win_n = 0, 0.0, 0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            xb = X[idx]                     # fancy indexing: ~3x faster than np.take(out=)
            if augment:
                augment_batch(xb, augment, aug_rng)
            if input_dropout:
                keep = in_rng.random(xb.shape, dtype=np.float32) >= input_dropout
                np.multiply(xb, keep, out=xb)
                xb *= 1.0 / (1.0 - input_dropout)
            lb = L[idx].T
            fwd = net.forward(xb.T, dropout, drop_rng)
            e = cost(cost_name, fwd.o, lb)
            e_batch = float(np.sum(e))
            if not math.isfinite(e_batch):
                raise _diverged(epoch, start + 1, learn_rate, e_batch)
            correct = int(np.sum(np.argmax(fwd.o, axis=0) == labels[idx]))
            nr_correct += correct
            e_sum += e_batch
            g = net.backward(fwd, lb, delta_rule)
            if weight_decay:
                add_weight_decay(net, g.grad_w, weight_decay)
            optimizer.step(params, [a for wb in zip(g.grad_w, g.grad_b) for a in wb])
            if avg is not None:
                avg.update(params)
            step += len(idx)
            if curve_every:
                win_correct += correct
                win_e += e_batch
                win_n += len(idx)
                if win_n >= curve_every:
                    hook.on_curve(step - 1, win_correct / win_n, win_e / win_n)
                    win_correct, win_e, win_n = 0, 0.0, 0
            bar.update(start + len(idx))
        bar.close()
        guard.check(epoch, n)
        seconds = time.perf_counter() - t_start
        if avg is not None and (test is not None or epoch == epochs):
            avg.swap(params)                      # evaluate (and end) with the average
        test_acc = evaluate(net, *test) if test is not None else None
        if avg is not None and epoch < epochs and test is not None:
            avg.swap(params)                      # and train on from the raw parameters
        stats = EpochStats(epoch, n, nr_correct, nr_correct / n, test_acc, e_sum / n, seconds)
        history.append(stats)
        hook.on_epoch(stats)
    return history
