"""Noticing a training run that has blown up, even when every number stays finite.

A learning rate far too large does not always overflow: sigmoid outputs
saturate, the weights grow by orders of magnitude and the run ends at chance
accuracy with exit status 0. :class:`BlowupGuard` is called by the training
loops once per epoch and stops such a run with a :class:`DivergedError` that
names the epoch, the sample and the learning rate.
"""

import numpy as np

from .errors import DivergedError

#: How many times its starting root-mean-square a layer's weights may grow. Healthy runs
#: stay far below (the reference run: 3.6x after 3 epochs; every preset: under 10x), while
#: a learning rate of 100 in the reference network grows them 100x to 400x within 2 epochs.
GROWTH_LIMIT = 100.0


def rms(array):
    """Root-mean-square of an array, in float64."""
    a = np.asarray(array, dtype=np.float64)
    return float(np.sqrt(np.mean(a * a))) if a.size else 0.0


class BlowupGuard:
    """Remembers the weights' starting size; ``check`` raises once they have blown up."""

    def __init__(self, net, learn_rate, limit=GROWTH_LIMIT):
        self.net = net
        self.learn_rate = learn_rate
        self.limit = limit
        self.start = [rms(w) for w in net.weights]

    def check(self, epoch, sample):
        """Raise DivergedError if a parameter is NaN/inf or a layer grew past the limit."""
        where = f"in epoch {epoch}, by sample {sample:,}"
        hint = f"at learn_rate={self.learn_rate}; try a smaller --learn-rate"
        for p in self.net.parameters():
            if not np.all(np.isfinite(p)):
                raise DivergedError(f"training diverged {where}: the weights hold NaN or inf "
                                    f"{hint}")
        for layer, (w, start) in enumerate(zip(self.net.weights, self.start), start=1):
            now = rms(w)
            if start > 0 and now > self.limit * start:
                raise DivergedError(
                    f"training blew up {where}: layer {layer}'s weights grew {now / start:,.0f}"
                    f"-fold (root-mean-square {start:.3g} -> {now:.3g}, limit "
                    f"{self.limit:g}x) {hint}")
