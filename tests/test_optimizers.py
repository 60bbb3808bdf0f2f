"""Every optimizer's update against an independent textbook transcription, step by step.

The transcriptions below are written from the papers' formulas, one scalar
loop per parameter element, so they share no code (and no vectorised trick,
such as Adam's folded bias correction) with ``nnmath.optimizers``.
"""

import itertools
import math

import numpy as np
import pytest

from nnmath.network import Network
from nnmath.optimizers import OPTIMIZERS, SGD, Adagrad, Adam, Momentum, RMSProp, make_optimizer
from nnmath.train import train_minibatch


def textbook(name, params, grads_seq, lr, decay, **h):
    """Run the named optimizer's formulas element by element; return params and state."""
    p = [x.astype(np.float64).ravel().tolist() for x in params]
    s1 = [[0.0] * len(x) for x in p]
    s2 = [[0.0] * len(x) for x in p]
    for t, grads in enumerate(grads_seq):
        rate = lr / (1.0 + decay * t)
        for k, g_arr in enumerate(grads):
            for i, g in enumerate(g_arr.ravel().tolist()):
                if name == "sgd":
                    p[k][i] -= rate * g
                elif name == "momentum":
                    s1[k][i] = h["momentum"] * s1[k][i] - rate * g
                    p[k][i] += s1[k][i]
                elif name == "adagrad":
                    s1[k][i] += g * g
                    p[k][i] -= rate * g / (math.sqrt(s1[k][i]) + h["epsilon"])
                elif name == "rmsprop":
                    s1[k][i] = h["rho"] * s1[k][i] + (1 - h["rho"]) * g * g
                    p[k][i] -= rate * g / (math.sqrt(s1[k][i]) + h["epsilon"])
                elif name == "adam":
                    s1[k][i] = h["beta1"] * s1[k][i] + (1 - h["beta1"]) * g
                    s2[k][i] = h["beta2"] * s2[k][i] + (1 - h["beta2"]) * g * g
                    m_hat = s1[k][i] / (1 - h["beta1"] ** (t + 1))
                    v_hat = s2[k][i] / (1 - h["beta2"] ** (t + 1))
                    p[k][i] -= rate * m_hat / (math.sqrt(v_hat) + h["epsilon"])
    shape = [x.shape for x in params]
    as_arrays = [[np.array(v).reshape(sh) for v, sh in zip(lst, shape)] for lst in (p, s1, s2)]
    return as_arrays


CASES = [
    ("sgd", {}, {}),
    ("momentum", {"momentum": 0.9}, {"velocity": 1}),
    ("adagrad", {"epsilon": 1e-7}, {"cache": 1}),
    ("rmsprop", {"rho": 0.9, "epsilon": 1e-7}, {"cache": 1}),
    ("adam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7}, {"m": 1, "v": 2}),
]


@pytest.mark.parametrize("name,hyper,state_slots", CASES)
@pytest.mark.parametrize("decay", [0.0, 0.05])
def test_update_matches_textbook(name, hyper, state_slots, decay):
    rng = np.random.default_rng(7)
    params = [rng.normal(size=(3, 4)), rng.normal(size=(3, 1))]
    grads_seq = [[rng.normal(scale=s, size=p.shape) for p in params]
                 for s in (1.0, 0.1, 3.0, 0.01, 1.0, 0.5)]
    lr = 0.03
    opt = make_optimizer(name, learn_rate=lr, decay=decay, **hyper)
    mine = [p.copy() for p in params]
    for grads in grads_seq:
        opt.step(mine, grads)
    want_p, want_s1, want_s2 = textbook(name, params, grads_seq, lr, decay, **hyper)
    for a, b in zip(mine, want_p):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
    assert opt.iterations == len(grads_seq)
    assert math.isclose(opt.current_learn_rate, lr / (1 + decay * len(grads_seq)))
    assert set(opt.state) == set(state_slots)
    for key, which in state_slots.items():
        want = want_s1 if which == 1 else want_s2
        for a, b in zip(opt.state[key], want):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)
    # The parameters really moved and stayed the caller's arrays (updated in place).
    assert not np.allclose(mine[0], params[0])


def test_registry_names_every_optimizer_and_rejects_unknown():
    assert set(OPTIMIZERS) == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    assert [type(make_optimizer(n)) for n in ("sgd", "momentum", "adagrad", "rmsprop", "adam")] \
        == [SGD, Momentum, Adagrad, RMSProp, Adam]
    with pytest.raises(ValueError, match="unknown optimizer 'nesterov'"):
        make_optimizer("nesterov")
    with pytest.raises(ValueError, match="learn_rate must be positive"):
        SGD(learn_rate=0)
    with pytest.raises(ValueError, match="momentum must be in"):
        Momentum(momentum=1.0)
    with pytest.raises(ValueError, match="beta2 must be in"):
        Adam(beta2=1.5)


def test_step_updates_in_place_and_keeps_float32():
    p = np.ones((2, 2), dtype=np.float32)
    for name in OPTIMIZERS:
        q = p.copy()
        ident = id(q)
        opt = make_optimizer(name, learn_rate=0.1)
        opt.step([q], [np.full((2, 2), 0.5, dtype=np.float32)])
        assert id(q) == ident and q.dtype == np.float32
        assert np.all(q < 1)
        for arrays in opt.state.values():
            assert all(a.dtype == np.float32 for a in arrays)


def test_adagrad_step_only_shrinks_and_adam_first_step_is_learn_rate():
    """Two facts the chapter shows: Adagrad's step size never grows; Adam's first step is ~lr."""
    g = [np.array([[2.0, -0.01]])]
    adam = Adam(learn_rate=0.01)
    p = [np.zeros((1, 2))]
    adam.step(p, g)
    np.testing.assert_allclose(np.abs(p[0]), 0.01, rtol=1e-4)
    ada = Adagrad(learn_rate=0.1)
    p = [np.zeros((1, 1))]
    moves = []
    for _ in range(5):
        before = p[0].copy()
        ada.step(p, [np.ones((1, 1))])
        moves.append(float(abs(p[0] - before)[0, 0]))
    assert all(a > b for a, b in itertools.pairwise(moves))
    np.testing.assert_allclose(moves, [0.1 / math.sqrt(k) for k in range(1, 6)], rtol=1e-6)


@pytest.mark.parametrize("name,lr", [("momentum", 0.05), ("adagrad", 0.1), ("rmsprop", 0.01),
                                     ("adam", 0.01)])
def test_every_optimizer_trains_a_small_problem(name, lr):
    """A learnable task: class = which half of the input is brighter. Accuracy must rise."""
    rng = np.random.default_rng(3)
    x = rng.integers(0, 256, size=(600, 16)).astype(np.uint8)
    y = (x[:, :8].astype(int).sum(1) > x[:, 8:].astype(int).sum(1)).astype(int)
    net = Network.create([16, 8, 2], seed=1, init="he", hidden="relu", output="softmax")
    hist = train_minibatch(net, x, y, epochs=8, batch_size=20,
                           optimizer=make_optimizer(name, learn_rate=lr), progress=False,
                           test=(x, y))
    assert hist[-1].test_acc > 0.9
    assert hist[-1].mean_cost < hist[0].mean_cost
