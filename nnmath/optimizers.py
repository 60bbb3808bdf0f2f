"""Optimizers: one small interface the minibatch training loop calls.

``step(params, grads)`` updates every parameter array in place. The state of
each optimizer is a plain dict of lists of arrays (``state``), one array per
parameter in the order of ``params``, so a chapter can show it: the velocity
of momentum, the summed squares of Adagrad, the running averages of RMSProp
and Adam.

Every optimizer decays its learning rate the same way: the step ``t`` (counted
from 0) uses ``learn_rate / (1 + decay * t)``.
"""

import math

import numpy as np


class Optimizer:
    """Base class: plain gradient descent with an optional learning-rate decay."""

    name = "sgd"

    def __init__(self, learn_rate=0.01, decay=0.0):
        if learn_rate <= 0:
            raise ValueError(f"learn_rate must be positive, got {learn_rate}")
        if decay < 0:
            raise ValueError(f"decay must be zero or positive, got {decay}")
        self.learn_rate = float(learn_rate)
        self.decay = float(decay)
        self.iterations = 0
        self.state = {}

    @property
    def current_learn_rate(self):
        """learn_rate / (1 + decay * iterations): the decayed rate used by the next step."""
        return self.learn_rate / (1.0 + self.decay * self.iterations)

    def settings(self):
        """The hyper-parameters, for a trace's meta or a report."""
        return {"optimizer": self.name, "learn_rate": self.learn_rate, "decay": self.decay}

    def _slots(self, key, params):
        """The state arrays called ``key``, one zero array per parameter on first use."""
        if key not in self.state:
            self.state[key] = [np.zeros_like(p) for p in params]
        return self.state[key]

    def _scratch(self, p):
        """A reusable work array shaped like ``p`` (not state: it holds nothing between steps)."""
        if not hasattr(self, "_work"):
            self._work = {}
        key = (p.shape, p.dtype.str)
        if key not in self._work:
            self._work[key] = np.empty_like(p)
        return self._work[key]

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Update every array of ``params`` in place from its gradient, ``grads[k]`` shaped
        like ``params[k]``."""
        lr = self.current_learn_rate
        for p, g in zip(params, grads):
            p -= lr * g
        self.iterations += 1


class SGD(Optimizer):
    """Stochastic gradient descent: p -= learn_rate * g."""


class Momentum(Optimizer):
    """SGD with momentum: v = momentum * v - learn_rate * g; p += v.

    The velocity ``v`` (``state["velocity"]``) remembers the direction of the
    last steps, so a consistent gradient speeds up and a zig-zag cancels.
    """

    name = "momentum"

    def __init__(self, learn_rate=0.01, decay=0.0, momentum=0.9):
        super().__init__(learn_rate, decay)
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.momentum = float(momentum)

    def settings(self):
        return {**super().settings(), "momentum": self.momentum}

    def step(self, params, grads):
        lr = self.current_learn_rate
        for p, g, v in zip(params, grads, self._slots("velocity", params)):
            v *= self.momentum
            v -= lr * g
            p += v
        self.iterations += 1


class Adagrad(Optimizer):
    """Adagrad: cache += g ** 2; p -= learn_rate * g / (sqrt(cache) + epsilon).

    Each parameter gets its own step size, which only shrinks: parameters
    with large past gradients move less.
    """

    name = "adagrad"

    def __init__(self, learn_rate=0.01, decay=0.0, epsilon=1e-7):
        super().__init__(learn_rate, decay)
        self.epsilon = float(epsilon)

    def settings(self):
        return {**super().settings(), "epsilon": self.epsilon}

    def step(self, params, grads):
        lr = self.current_learn_rate
        for p, g, c in zip(params, grads, self._slots("cache", params)):
            c += g * g
            p -= lr * g / (np.sqrt(c) + self.epsilon)
        self.iterations += 1


class RMSProp(Optimizer):
    """RMSProp: cache = rho * cache + (1 - rho) g ** 2; p -= learn_rate * g / (sqrt(cache) + eps).

    Like Adagrad, but the squares are a running average, so the step size can grow again.
    """

    name = "rmsprop"

    def __init__(self, learn_rate=0.001, decay=0.0, rho=0.9, epsilon=1e-7):
        super().__init__(learn_rate, decay)
        if not 0 <= rho < 1:
            raise ValueError(f"rho must be in [0, 1), got {rho}")
        self.rho = float(rho)
        self.epsilon = float(epsilon)

    def settings(self):
        return {**super().settings(), "rho": self.rho, "epsilon": self.epsilon}

    def step(self, params, grads):
        lr = self.current_learn_rate
        for p, g, c in zip(params, grads, self._slots("cache", params)):
            c *= self.rho
            c += (1.0 - self.rho) * (g * g)
            p -= lr * g / (np.sqrt(c) + self.epsilon)
        self.iterations += 1


class Adam(Optimizer):
    """Adam: running averages of g (``m``) and g ** 2 (``v``), corrected for their zero start.

    With t = iterations + 1::

        m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g ** 2
        m_hat = m / (1 - beta1 ** t);  v_hat = v / (1 - beta2 ** t)
        p -= learn_rate * m_hat / (sqrt(v_hat) + epsilon)
    """

    name = "adam"

    def __init__(self, learn_rate=0.001, decay=0.0, beta1=0.9, beta2=0.999, epsilon=1e-7):
        super().__init__(learn_rate, decay)
        for label, beta in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= beta < 1:
                raise ValueError(f"{label} must be in [0, 1), got {beta}")
        self.beta1 = float(beta1)
        self.beta2 = float(beta2)
        self.epsilon = float(epsilon)

    def settings(self):
        return {**super().settings(), "beta1": self.beta1, "beta2": self.beta2,
                "epsilon": self.epsilon}

    def step(self, params, grads):
        lr = self.current_learn_rate
        t = self.iterations + 1
        # Fold both bias corrections into one scalar step and one scaled epsilon:
        # lr * m_hat / (sqrt(v_hat) + eps) == a * m / (sqrt(v) + eps * sqrt(1 - beta2 ** t)).
        c2 = math.sqrt(1.0 - self.beta2 ** t)
        a = lr * c2 / (1.0 - self.beta1 ** t)
        eps = self.epsilon * c2
        ms, vs = self._slots("m", params), self._slots("v", params)
        for p, g, m, v in zip(params, grads, ms, vs):
            tmp = self._scratch(p)
            m *= self.beta1
            np.multiply(g, 1.0 - self.beta1, out=tmp)
            m += tmp
            v *= self.beta2
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - self.beta2
            v += tmp
            np.sqrt(v, out=tmp)
            tmp += eps
            np.divide(m, tmp, out=tmp)
            tmp *= a
            p -= tmp
        self.iterations += 1


OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, Adagrad, RMSProp, Adam)}


def make_optimizer(name: str = "sgd", **kwargs) -> Optimizer:
    """An optimizer by name (one of ``OPTIMIZERS``), with its keyword settings."""
    try:
        cls = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {sorted(OPTIMIZERS)}") from None
    return cls(**kwargs)


__all__ = [
    "OPTIMIZERS",
    "SGD",
    "Adagrad",
    "Adam",
    "Momentum",
    "Optimizer",
    "RMSProp",
    "make_optimizer",
]
