"""Optimizers: one small interface the minibatch training loop calls.

``step(params, grads)`` updates every parameter array in place. The state of
each optimizer is a plain dict of arrays (``state``) so a chapter can show it.
"""

import numpy as np


class Optimizer:
    """Base class: plain gradient descent with an optional learning-rate decay."""

    name = "sgd"

    def __init__(self, learn_rate=0.01, decay=0.0):
        self.learn_rate = float(learn_rate)
        self.decay = float(decay)
        self.iterations = 0
        self.state = {}

    @property
    def current_learn_rate(self):
        """learn_rate / (1 + decay * iterations): the decayed rate used by the next step."""
        return self.learn_rate / (1.0 + self.decay * self.iterations)

    def step(self, params, grads):
        lr = self.current_learn_rate
        for p, g in zip(params, grads):
            p -= lr * g
        self.iterations += 1


class SGD(Optimizer):
    """Stochastic gradient descent: p -= learn_rate * g."""


def make_optimizer(name="sgd", **kwargs):
    """An optimizer by name; the registry grows with the optimizers module."""
    try:
        return OPTIMIZERS[name](**kwargs)
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {sorted(OPTIMIZERS)}") from None


OPTIMIZERS = {"sgd": SGD}

__all__ = ["Optimizer", "SGD", "make_optimizer", "OPTIMIZERS", "np"]
