"""A fully connected network of any layer sizes, as in the reference video.

Weight matrices are shaped ``(out, in)`` ("defined from the right layer to the
left layer") and biases ``(out, 1)``, so a layer is ``z = b + w @ a``. For the
reference's one-hidden-layer network the matrices also go by the reference
names ``w_i_h``, ``b_i_h``, ``w_h_o``, ``b_h_o``.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .activations import activate, activation_backward
from .costs import output_delta

INITS = ("reference", "xavier", "he")


def init_weights(sizes: Sequence[int], seed: int = 0, init: str = "reference",
                 dtype=np.float64) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Weights ``(sizes[k + 1], sizes[k])`` and zero biases ``(sizes[k + 1], 1)`` per layer k,
    drawn from ``np.random.default_rng(seed)``.

    ``reference``: U(-0.5, 0.5) as in the video, one ``rng.uniform`` call per layer in order.
    ``xavier``: U(-a, a) with a = sqrt(6 / (in + out)), for sigmoid/tanh nets.
    ``he``: N(0, 2 / in), for ReLU nets.
    """
    if init not in INITS:
        raise ValueError(f"unknown init {init!r}; choose one of {INITS}")
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in itertools.pairwise(sizes):
        if init == "reference":
            w = rng.uniform(-0.5, 0.5, (n_out, n_in))
        elif init == "xavier":
            a = np.sqrt(6.0 / (n_in + n_out))
            w = rng.uniform(-a, a, (n_out, n_in))
        else:
            w = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_out, n_in))
        weights.append(w.astype(dtype, copy=False))
        biases.append(np.zeros((n_out, 1), dtype=dtype))
    return weights, biases


@dataclass
class Forward:
    """Every intermediate of a forward pass: ``pre[k]`` = z of layer k+1, ``act[0]`` the input.

    With dropout, ``act[k + 1]`` of a hidden layer is its activation times
    ``masks[k]`` (0 for a dropped neuron, 1 / (1 - rate) for a kept one), and
    ``raw[k]`` the activation before the mask.
    """

    pre: list
    act: list
    masks: list | None = None
    raw: list | None = None

    @property
    def h_pre(self):
        return self.pre[0]

    @property
    def h(self):
        return self.act[1]

    @property
    def o_pre(self):
        return self.pre[-1]

    @property
    def o(self):
        return self.act[-1]


@dataclass
class Gradients:
    """Every delta (dC/dz per layer) and the gradients of the weights and biases.

    Gradients are averaged over the samples (columns) of the batch.
    """

    deltas: list
    grad_w: list
    grad_b: list

    @property
    def delta_h(self):
        return self.deltas[0]

    @property
    def delta_o(self):
        return self.deltas[-1]


@dataclass
class Network:
    """Layer sizes, parameters and activations; ``Network.create`` makes a seeded one."""

    sizes: list
    weights: list
    biases: list
    hidden: str = "sigmoid"
    output: str = "sigmoid"
    meta: dict = field(default_factory=dict)

    @classmethod
    def create(cls, sizes: Sequence[int] = (784, 20, 10), seed: int = 0, init: str = "reference",
               hidden: str = "sigmoid", output: str = "sigmoid", dtype=np.float64) -> "Network":
        """A new network, initialised as the reference does but reproducibly (seeded)."""
        if len(sizes) < 2 or any(int(s) < 1 for s in sizes):
            raise ValueError(f"layer sizes must be at least two positive numbers, got {sizes}")
        sizes = [int(s) for s in sizes]
        weights, biases = init_weights(sizes, seed, init, dtype)
        return cls(sizes, weights, biases, hidden, output,
                   {"seed": seed, "init": init})

    # The reference's names for the one-hidden-layer network.
    @property
    def w_i_h(self):
        return self.weights[0]

    @property
    def b_i_h(self):
        return self.biases[0]

    @property
    def w_h_o(self):
        return self.weights[-1]

    @property
    def b_h_o(self):
        return self.biases[-1]

    def activation(self, k: int) -> str:
        """The activation of layer k (0 = first hidden layer)."""
        return self.output if k == len(self.weights) - 1 else self.hidden

    def forward(self, x: np.ndarray, dropout: float = 0.0,
                rng: np.random.Generator | None = None) -> Forward:
        """Run x (shape ``(inputs, samples)``) through the network, keeping every intermediate:
        ``pre[k]`` and ``act[k + 1]`` are ``(sizes[k + 1], samples)``.

        ``dropout`` > 0 (training only) zeroes each hidden activation with that
        probability, drawn from the Generator ``rng``, and scales the kept ones
        by 1 / (1 - dropout) so their expected value is unchanged ("inverted dropout").
        """
        pre, act = [], [x]
        masks = raw = None
        if dropout:
            if not 0 < dropout < 1:
                raise ValueError(f"dropout must be in [0, 1), got {dropout}")
            masks, raw = [], []
        last = len(self.weights) - 1
        for k, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = w @ act[-1]
            z += b
            pre.append(z)
            a = activate(self.activation(k), z)
            if masks is not None and k < last:
                keep = rng.random(a.shape, dtype=a.dtype if a.dtype == np.float32 else np.float64)
                mask = (keep >= dropout).astype(a.dtype)
                mask *= 1.0 / (1.0 - dropout)
                masks.append(mask)
                raw.append(a)
                a = a * mask
            act.append(a)
        return Forward(pre, act, masks, raw)

    def backward(self, fwd: Forward, l: np.ndarray, delta_rule: str = "cross_entropy") -> Gradients:
        """Backpropagate from targets l (outputs, samples): the deltas of every layer,
        ``(sizes[k + 1], samples)``, and the gradients, shaped like the weights and biases.

        Deltas are computed with the weights as they were in the forward pass
        (the mathematically correct order).
        """
        n = l.shape[1]
        deltas = [output_delta(delta_rule, fwd.o_pre, fwd.o, l, self.output)]
        for k in range(len(self.weights) - 1, 0, -1):
            grad_a = self.weights[k].T @ deltas[0]
            a = fwd.act[k]
            if fwd.masks is not None:
                grad_a *= fwd.masks[k - 1]
                a = fwd.raw[k - 1]
            deltas.insert(0, activation_backward(self.activation(k - 1), fwd.pre[k - 1],
                                                 a, grad_a))
        # Scale the small delta, not the large product, by 1 / n.
        grad_w = [(d / n) @ a.T for d, a in zip(deltas, fwd.act[:-1])]
        grad_b = [np.sum(d, axis=1, keepdims=True) / n for d in deltas]
        return Gradients(deltas, grad_w, grad_b)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The index of the largest output per sample (the network's guess): ``(samples,)``
        for x ``(inputs, samples)``."""
        return np.argmax(self.forward(x).o, axis=0)

    def parameters(self) -> list[np.ndarray]:
        """All parameter arrays in a fixed order: w0, b0, w1, b1, ..."""
        return [p for wb in zip(self.weights, self.biases) for p in wb]
