"""The trace: reproducible to the byte, documented key by key, and refused when damaged."""

import os
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnmath import trace as trace_mod
from nnmath.cli import main
from nnmath.data import sha256_file
from nnmath.errors import TraceError
from nnmath.network import Network
from nnmath.record import record_run
from nnmath.trace import encode, load_trace, save_trace

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "assets" / "trace-mnist-10k.npz"


@pytest.fixture(scope="module")
def shipped():
    return load_trace(SHIPPED)


def raw(path):
    """Arrays and meta of a trace file, without validation, for corrupting."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    import json
    return arrays, json.loads(str(arrays.pop("meta")))


def write_unchecked(path, arrays, meta):
    path.write_bytes(encode(arrays, meta))
    return path


# ------------------------------------------------------------------ reproducibility

def test_rerecording_the_shipped_trace_reproduces_it(shipped, tmp_path):
    """The same data, seed and settings give the shipped trace again: the same metadata and
    integers, and floats equal up to the last bits. (Byte for byte only on a processor like
    the one that recorded it: BLAS kernels round sums differently on other processors, by
    about 1e-15 here. Byte-identical recording on one machine is the next test.)"""
    from conftest import need_dataset

    meta = shipped.meta
    dataset = need_dataset(meta["dataset"])
    assert dataset.files == meta["files"], "the data files differ from those the trace names"
    sched = meta["schedule"]
    arrays, new_meta = record_run(dataset, seed=meta["seed"], order=meta["order"],
                                  first=sched["first"], log_points=sched["log_points"],
                                  curve_every=sched["curve_every"], progress=False)
    out = tmp_path / "again.npz"
    save_trace(out, arrays, new_meta)
    if out.read_bytes() == SHIPPED.read_bytes():
        return
    again = load_trace(out)
    assert again.meta == meta
    assert sorted(again.arrays) == sorted(shipped.arrays)
    for key, want in shipped.arrays.items():
        got = again.arrays[key]
        assert got.dtype == want.dtype and got.shape == want.shape, key
        if want.dtype.kind == "f":
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, err_msg=key)
        else:
            assert np.array_equal(got, want), key


def test_same_inputs_give_identical_bytes_and_another_seed_differs(real_data, tmp_path):
    paths = []
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        arrays, meta = record_run(real_data, seed=seed, progress=False)
        paths.append(tmp_path / f"{name}.npz")
        save_trace(paths[-1], arrays, meta)
    # compared by digest: a failing comparison of 4 MB byte strings would take pytest an hour
    # to explain
    digests = [sha256_file(p) for p in paths]
    assert digests[0] == digests[1] and digests[0] != digests[2]


def test_provenance_has_the_split_and_no_time_or_host(shipped):
    assert shipped.meta["n_train"] == 8000 and shipped.meta["n_test"] == 2000
    assert SHIPPED.stat().st_size < 5_000_000
    meta_text = str(np.load(SHIPPED, allow_pickle=False)["meta"])
    assert not re.search(r"time|date|host|user", meta_text, flags=re.IGNORECASE)
    assert os.uname().nodename not in meta_text.replace('"', " ").split()


def test_every_key_is_documented_and_every_documented_key_exists(shipped):
    doc = (REPO / "docs" / "trace.md").read_text()
    documented = set()
    for row in re.findall(r"^\| (`[^|]+)\|", doc, flags=re.MULTILINE):
        documented.update(re.findall(r"`([a-z_]+)`", row))
    keys = set(shipped.keys())
    assert keys - documented == set()
    from nnmath.schema import META

    optional = set(META.optional)  # e.g. `images`, only in a trace of an image folder
    assert ({k for k in documented if not k.startswith(tuple("_"))} - keys - set(shipped.meta)
            - optional == set())


# ------------------------------------------------------- independent recomputation

def test_recorded_steps_follow_the_reference_equations(shipped):
    """Recompute every recorded tensor from the recorded inputs and weights, with NumPy alone."""
    a, lr = shipped.arrays, shipped.meta["learn_rate"]
    for k in range(shipped.n_steps):
        img, l = a["step_img"][k], a["step_l"][k]
        w_i_h, b_i_h, w_h_o, b_h_o = (a[f"step_{n}"][k] for n in ("w_i_h", "b_i_h", "w_h_o", "b_h_o"))
        h = 1 / (1 + np.exp(-(b_i_h + w_i_h @ img)))
        o = 1 / (1 + np.exp(-(b_h_o + w_h_o @ h)))
        assert np.allclose(a["step_h"][k], h, rtol=0, atol=1e-12)
        assert np.allclose(a["step_o"][k], o, rtol=0, atol=1e-12)
        assert a["step_e"][k] == pytest.approx(np.sum((o - l) ** 2) / len(o), abs=1e-14)
        assert np.allclose(a["step_delta_o"][k], o - l, atol=1e-12)
        assert np.allclose(a["step_delta_h"][k], w_h_o.T @ (o - l) * h * (1 - h), atol=1e-12)
        assert l[a["step_label"][k], 0] == 1 and l.sum() == 1
        nxt = np.flatnonzero(a["step_index"] == a["step_index"][k] + 1)
        if len(nxt):
            j = nxt[0]
            assert np.allclose(a["step_w_h_o"][j], w_h_o - lr * (o - l) @ h.T, atol=1e-12)
            assert np.allclose(a["step_w_i_h"][j], w_i_h - lr * a["step_delta_h"][k] @ img.T,
                               atol=1e-12)


def test_step_zero_is_the_seeded_initial_network(shipped):
    net = Network.create(shipped.meta["sizes"], seed=shipped.meta["seed"])
    assert np.array_equal(shipped["step_w_i_h"][0], net.w_i_h)
    assert np.array_equal(shipped["w_h_o_init"], net.w_h_o)
    fwd = net.forward(shipped["step_img"][0])
    grads = net.backward(fwd, shipped["step_l"][0])
    assert np.allclose(shipped["step_delta_h"][0], grads.delta_h, atol=1e-14)


def test_the_shipped_trace_matches_the_mnist_files(shipped, mnist10k):
    """Its provenance names the real files, and its final weights give its held-out guesses."""
    folder = Path(mnist10k.folder)
    for name, digest in shipped.meta["files"].items():
        assert sha256_file(folder / name) == digest
    net = Network.create(shipped.meta["sizes"])
    for p, key in zip(net.parameters(), ("w_i_h", "b_i_h", "w_h_o", "b_h_o")):
        p[...] = shipped[key]
    pred = net.predict(mnist10k.test_images.T / 255.0)
    assert np.array_equal(pred, shipped["test_pred"])
    assert shipped["epoch_test_acc"][-1] == np.mean(pred == mnist10k.test_labels)


# ------------------------------------------------------------------ refusing bad files

def _perturb(key, index=(), by=1e-6):
    def f(arrays, meta):
        arrays[key] = arrays[key].copy()
        arrays[key][index] += by
    return f


CORRUPTIONS = {
    "missing key": (lambda a, m: a.pop("step_h"), "'step_h' is missing"),
    "wrong shape": (lambda a, m: a.__setitem__("b_h_o", a["b_h_o"][:5]), "'b_h_o' has shape"),
    "float as int": (lambda a, m: a.__setitem__("step_index", a["step_index"] * 1.0),
                     "'step_index' must hold integers"),
    "NaN": (lambda a, m: a["curve_e"].__setitem__(3, np.nan), "'curve_e' holds NaN"),
    "inf": (lambda a, m: a["w_i_h"].__setitem__((0, 0), np.inf), "'w_i_h' holds NaN or inf"),
    "wrong schema": (lambda a, m: m.__setitem__("schema", 99), "schema version 99"),
    "meta field": (lambda a, m: m.pop("seed"), "lacks the field 'seed'"),
    "h not sigmoid": (_perturb("step_h", (3, 0, 0)), "'step_h' is not sigmoid"),
    "h_pre": (_perturb("step_h_pre", (0, 2, 0)), "'step_h_pre'"),
    "delta_o": (_perturb("step_delta_o", (1, 4, 0)), "'step_delta_o'"),
    "delta_h": (_perturb("step_delta_h", (2, 7, 0)), "'step_delta_h'"),
    # a weight whose pixel is 0 in that image: the forward pass cannot see it, the update rule can
    "update rule": (_perturb("step_w_i_h", (5, 0, 0)), "'step_w_i_h' at step 5 does not follow"),
    "final weights": (_perturb("w_i_h", (4, 300)), "'w_i_h' does not follow"),
    "init": (_perturb("w_i_h_init", (0, 0)), "'step_w_i_h' at step 0"),
    "accuracy": (_perturb("epoch_train_acc", (1,), 1e-3), "'epoch_train_acc'"),
    "test acc": (_perturb("epoch_test_acc", (2,), 1e-3), "'epoch_test_acc'"),
    "infer": (_perturb("infer_o", (0, 0, 0), 1e-3), "'infer_o'"),
    "label": (lambda a, m: a["step_label"].__setitem__(0, (a["step_label"][0] + 1) % 10),
              "'step_l'"),
}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_loader_rejects(name, tmp_path):
    arrays, meta = raw(SHIPPED)
    corrupt, message = CORRUPTIONS[name]
    corrupt(arrays, meta)
    path = write_unchecked(tmp_path / "bad.npz", arrays, meta)
    with pytest.raises(TraceError) as err:
        load_trace(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_loader_refuses_pickles_without_unpickling(tmp_path):
    import zipfile
    path = tmp_path / "pickled.npz"
    with zipfile.ZipFile(path, "w") as zf, zf.open("meta.npy", "w") as f:
        np.save(f, np.array([{"evil": True}], dtype=object), allow_pickle=True)
    with pytest.raises(TraceError, match="holds Python objects; a trace holds only numbers"):
        load_trace(path)


def test_loader_rejects_truncated_and_foreign_files(tmp_path):
    data = SHIPPED.read_bytes()
    (tmp_path / "cut.npz").write_bytes(data[: len(data) // 2])
    (tmp_path / "text.npz").write_text("hello")
    for name in ("cut.npz", "text.npz"):
        with pytest.raises(TraceError, match="not a readable trace"):
            load_trace(tmp_path / name)
    with pytest.raises(TraceError, match="no such trace file"):
        load_trace(tmp_path / "absent.npz")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 4_000_000), flips=st.lists(st.tuples(st.integers(0, 4_000_000),
                                                               st.integers(1, 255)), max_size=4))
def test_fuzzed_files_raise_only_trace_errors(tmp_path, cut, flips):
    data = bytearray(SHIPPED.read_bytes())
    for pos, xor in flips:
        data[pos % len(data)] ^= xor
    data = bytes(data[: max(cut, 1)]) if cut < len(data) else bytes(data)
    path = tmp_path / "fuzz.npz"
    path.write_bytes(data)
    try:
        load_trace(path)
    except TraceError:
        pass


# ---------------------------------------------------------------------- atomic writes

def test_a_failed_save_leaves_the_previous_trace_intact(tmp_path, monkeypatch):
    arrays, meta = raw(SHIPPED)
    target = tmp_path / "trace.npz"
    target.write_bytes(b"previous")
    bad = dict(arrays, step_h=arrays["step_h"] + 1)
    with pytest.raises(TraceError):
        save_trace(target, bad, meta)
    assert target.read_bytes() == b"previous"

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_trace(target, arrays, meta)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trace.npz"]


def test_encode_is_independent_of_key_order(shipped):
    arrays = dict(shipped.arrays)
    backwards = dict(reversed(list(arrays.items())))
    assert encode(arrays, shipped.meta) == encode(backwards, shipped.meta)
    assert trace_mod.SCHEMA_VERSION == shipped.meta["schema"]


# ---------------------------------------------------------------------------- inspect

def test_inspect_describes_the_shipped_trace(capsys):
    assert main(["inspect", str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert "mnist-10k: 8,000 training / 2,000 held-out" in out
    assert "valid      yes" in out


def test_inspect_lists_each_comparison_run_with_its_chosen_rate(shipped, capsys):
    """One row per comparison run: the rate its grid scores pick (the best validation
    accuracy, read here from the arrays) and its last held-out accuracy."""
    assert main(["inspect", str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    a, b = shipped.arrays, shipped.meta["beyond"]
    grid = b["rate_rule"]["grid"]
    assert f"{b['rate_rule']['validation_images']:,} held-back training images" in out
    names = [r["name"] for r in b["loss_runs"]] + [r["optimizer"] for r in b["optimizer_runs"]]
    val = np.vstack([a["beyond_loss_grid_val_acc"], a["beyond_opt_grid_val_acc"]])
    test = np.concatenate([a["beyond_loss_epoch_test_acc"][:, -1],
                           a["beyond_opt_epoch_test_acc"][:, -1]])
    for name, scores, acc in zip(names, val, test):
        row = next(line.split() for line in out.splitlines() if line.split()[:1] == [name])
        best = max(range(len(grid)), key=lambda i: (-np.inf if np.isnan(scores[i]) else scores[i], -i))
        assert float(row[-3]) == grid[best]
        assert row[-1] == f"{100 * acc:.2f}%"


def test_inspect_exits_non_zero_on_a_bad_file(tmp_path, capsys):
    arrays, meta = raw(SHIPPED)
    arrays["step_o"] = arrays["step_o"] * 0.5
    path = write_unchecked(tmp_path / "bad.npz", arrays, meta)
    assert main(["inspect", str(path)]) == 1
    assert "'step_o'" in capsys.readouterr().err
