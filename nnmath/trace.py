"""The trace file: one real training run, the only source of what the video shows.

A trace is a ``.npz`` that plain NumPy reads with ``allow_pickle=False``; the
keys are documented in ``docs/trace.md``. :func:`save_trace` validates the
arrays and writes them deterministically (fixed zip timestamps, sorted keys)
to a temporary file that is then renamed, so an interrupted write never
leaves a half-written trace. :func:`load_trace` checks the schema version,
the keys, the shapes, that every value is finite, and that the recorded
numbers agree with each other under the network's own equations.
"""

import io
import json
import zipfile
from pathlib import Path

import numpy as np

from .activations import sigmoid
from .atomic import write_atomic
from .beyond import validate_beyond
from .costs import mse
from .errors import TraceError
from .layout import check_layout

SCHEMA_VERSION = 1

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class Trace:
    """The arrays of a trace (``trace["step_o"]``) and its metadata (``trace.meta``)."""

    def __init__(self, arrays, meta, path=None):
        self.arrays = arrays
        self.meta = meta
        self.path = str(path) if path is not None else None

    def __getitem__(self, key):
        return self.arrays[key]

    def __contains__(self, key):
        return key in self.arrays

    def keys(self):
        return self.arrays.keys()

    @property
    def n_steps(self):
        return len(self.arrays["step_index"])

    def position(self, step_index):
        """The position along axis 0 of the recorded step with this 0-based step index."""
        hits = np.flatnonzero(self.arrays["step_index"] == step_index)
        if len(hits) == 0:
            raise KeyError(f"step {step_index} was not recorded")
        return int(hits[0])

    def step(self, pos):
        """Every recorded tensor of the step at position ``pos``, by its reference name."""
        return {k[5:]: self.arrays[k][pos] for k in self.arrays if k.startswith("step_")}


def _tolerance(dtype):
    return (1e-4, 1e-5) if np.dtype(dtype) == np.float32 else (1e-9, 1e-12)


# ---------------------------------------------------------------------------------- writing

def encode(arrays, meta):
    """The trace's bytes: a zip of ``.npy`` members in key order with fixed timestamps."""
    members = dict(arrays)
    members["meta"] = np.array(json.dumps(meta, sort_keys=True))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(members):
            arr = np.asarray(members[key])
            if arr.dtype.hasobject:
                raise TraceError(f"key '{key}': object arrays cannot be stored in a trace")
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            npy = io.BytesIO()
            np.lib.format.write_array(npy, np.require(arr, requirements="C"), allow_pickle=False)
            zf.writestr(info, npy.getvalue(), compresslevel=9)
    return buf.getvalue()


def save_trace(path, arrays, meta):
    """Validate, then write the trace atomically and deterministically."""
    meta = dict(meta, schema=SCHEMA_VERSION)
    validate(arrays, meta, name=str(path))
    write_atomic(path, encode(arrays, meta))


# ---------------------------------------------------------------------------------- reading

def load_trace(path):
    """Read and validate a trace; any problem raises one TraceError naming the key."""
    path = Path(path)
    if not path.is_file():
        raise TraceError(f"{path}: no such trace file; record one with `nnmath record --out {path}`")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except Exception as exc:  # noqa: BLE001 - any damage (zipfile, zlib, format) is a bad trace
        raise TraceError(f"{path}: not a readable trace ({type(exc).__name__}: {exc}); "
                         f"re-record it with `nnmath record --out {path}`") from None
    meta = _read_meta(arrays.pop("meta", None), path)
    validate(arrays, meta, name=str(path))
    return Trace(arrays, meta, path)


def _read_meta(raw, name):
    if raw is None:
        raise TraceError(f"{name}: key 'meta' is missing; this is not a trace file")
    if raw.shape != () or raw.dtype.kind != "U":
        raise TraceError(f"{name}: key 'meta' must be one JSON string")
    try:
        meta = json.loads(str(raw))
    except json.JSONDecodeError as exc:
        raise TraceError(f"{name}: key 'meta' is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise TraceError(f"{name}: key 'meta' must hold a JSON object")
    return meta


# ------------------------------------------------------------------------------- validation

META_KEYS = ("schema", "nnmath_version", "dataset", "files", "n_train", "n_test", "seed",
             "sizes", "learn_rate", "epochs", "order", "delta_rule", "schedule")


def expected_shapes(arrays, meta):
    """The shape every required key must have, from the sizes in ``meta`` and the counts."""
    n_in, n_hid, n_out = meta["sizes"]
    S = len(arrays.get("step_index", ()))
    E = meta["epochs"]
    C = len(arrays.get("curve_step", ()))
    K = len(arrays.get("infer_index", ()))
    M = len(arrays.get("data_label", ()))
    T = len(arrays.get("bias_iters", ()))
    N = len(arrays.get("neuron_iters", ()))
    shapes = {
        "w_i_h_init": (n_hid, n_in), "b_i_h_init": (n_hid, 1),
        "w_h_o_init": (n_out, n_hid), "b_h_o_init": (n_out, 1),
        "w_i_h": (n_hid, n_in), "b_i_h": (n_hid, 1), "w_h_o": (n_out, n_hid), "b_h_o": (n_out, 1),
        "step_index": (S,), "step_epoch": (S,), "step_sample": (S,), "step_label": (S,),
        "step_img": (S, n_in, 1), "step_l": (S, n_out, 1), "step_h_pre": (S, n_hid, 1),
        "step_h": (S, n_hid, 1), "step_o_pre": (S, n_out, 1), "step_o": (S, n_out, 1),
        "step_e": (S,), "step_delta_o": (S, n_out, 1), "step_delta_h": (S, n_hid, 1),
        "step_w_i_h": (S, n_hid, n_in), "step_b_i_h": (S, n_hid, 1),
        "step_w_h_o": (S, n_out, n_hid), "step_b_h_o": (S, n_out, 1),
        "epoch_nr_correct": (E,), "epoch_train_acc": (E,), "epoch_test_acc": (E,),
        "epoch_mean_e": (E,), "curve_step": (C,), "curve_acc": (C,), "curve_e": (C,),
        "infer_index": (K,), "infer_img": (K, n_in, 1), "infer_label": (K,),
        "infer_o": (K, n_out, 1), "test_pred": (meta["n_test"],), "test_label": (meta["n_test"],),
        "data_img": (M, n_in), "data_label": (M,), "data_label_counts": (n_out,),
        "bias_x": (len(arrays.get("bias_y", ())), 2), "bias_y": (len(arrays.get("bias_y", ())),),
        "bias_iters": (T,), "bias_nobias_w": (T, 2), "bias_nobias_b": (T,),
        "bias_nobias_acc": (T,), "bias_with_w": (T, 2), "bias_with_b": (T,), "bias_with_acc": (T,),
        "neuron_x": (4, 3), "neuron_y": (4,), "neuron_iters": (N,), "neuron_w": (N, 3),
        "neuron_o": (N, 4), "neuron_err": (N,), "neuron_new_x": (3,), "neuron_new_o": (1,),
    }
    return shapes


INT_KEYS = {"step_index", "step_epoch", "step_sample", "step_label", "epoch_nr_correct",
            "curve_step", "infer_index", "infer_label", "test_pred", "test_label", "data_label",
            "data_label_counts", "bias_y", "bias_iters", "neuron_iters"}


def validate(arrays, meta, name="trace"):
    """Raise TraceError unless the arrays form a complete, finite, self-consistent trace."""
    def fail(key, what):
        raise TraceError(f"{name}: key '{key}' {what}")

    if meta.get("schema") != SCHEMA_VERSION:
        raise TraceError(f"{name}: schema version {meta.get('schema')!r}, but this nnmath reads "
                         f"version {SCHEMA_VERSION}; re-record it with `nnmath record`")
    for key in META_KEYS:
        if key not in meta:
            fail("meta", f"lacks the field '{key}'")
    sizes = meta["sizes"]
    if not (isinstance(sizes, list) and len(sizes) == 3 and all(isinstance(s, int) and s > 0
                                                                 for s in sizes)):
        fail("meta", f"field 'sizes' must be three positive integers, got {sizes!r}")
    for key in ("n_train", "n_test", "epochs"):
        if not isinstance(meta[key], int) or meta[key] < 1:
            fail("meta", f"field '{key}' must be a positive integer, got {meta[key]!r}")

    check_layout(arrays, expected_shapes(arrays, meta), fail, int_keys=INT_KEYS,
                 any_kind={"data_img"})
    for key, arr in arrays.items():
        if arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
            fail(key, "holds NaN or inf (a diverged run?)")
    _check_consistency(arrays, meta, fail)
    validate_beyond(arrays, meta, fail)


def _close(a, b, dtype):
    rtol, atol = _tolerance(dtype)
    return np.allclose(a, b, rtol=rtol, atol=atol)


def _check_consistency(a, meta, fail):
    """The recorded numbers must follow from each other by the network's equations."""
    dt = a["w_i_h"].dtype
    lr = meta["learn_rate"]
    n_train, n_out = meta["n_train"], meta["sizes"][2]
    idx = a["step_index"]
    if len(idx) == 0:
        fail("step_index", "is empty: no step was recorded")
    if np.any(np.diff(idx) <= 0):
        fail("step_index", "must be strictly increasing")
    if not np.array_equal(idx, (a["step_epoch"] - 1) * n_train + a["step_sample"]):
        fail("step_index", "disagrees with step_epoch and step_sample")
    if not np.array_equal(a["step_l"][:, :, 0], np.eye(n_out)[a["step_label"]]):
        fail("step_l", "is not the one-hot vector of step_label")
    pre_h = a["step_b_i_h"] + a["step_w_i_h"] @ a["step_img"]
    if not _close(a["step_h_pre"], pre_h, dt):
        fail("step_h_pre", "is not b_i_h + w_i_h @ img of the recorded weights")
    if not _close(a["step_h"], sigmoid(a["step_h_pre"]), dt):
        fail("step_h", "is not sigmoid(step_h_pre)")
    pre_o = a["step_b_h_o"] + a["step_w_h_o"] @ a["step_h"]
    if not _close(a["step_o_pre"], pre_o, dt):
        fail("step_o_pre", "is not b_h_o + w_h_o @ h of the recorded weights")
    o, l = a["step_o"], a["step_l"]
    if not _close(o, sigmoid(a["step_o_pre"]), dt):
        fail("step_o", "is not sigmoid(step_o_pre)")
    if not _close(a["step_e"], mse(o[:, :, 0].T, l[:, :, 0].T), dt):
        fail("step_e", "is not the MSE of step_o and step_l")
    if meta["delta_rule"] == "cross_entropy":
        want_delta_o = o - l
    else:
        want_delta_o = 2.0 / n_out * (o - l) * o * (1 - o)
    if not _close(a["step_delta_o"], want_delta_o, dt):
        fail("step_delta_o", f"does not follow the '{meta['delta_rule']}' rule from o and l")
    h, d_o = a["step_h"], a["step_delta_o"]
    w_h_o_used = a["step_w_h_o"]
    if meta["order"] == "reference":
        w_h_o_used = w_h_o_used - lr * d_o @ np.swapaxes(h, 1, 2)
    want_delta_h = np.swapaxes(w_h_o_used, 1, 2) @ d_o * (h * (1 - h))
    if not _close(a["step_delta_h"], want_delta_h, dt):
        fail("step_delta_h", f"is not w_h_o.T @ delta_o * h * (1 - h) in the '{meta['order']}' order")

    def after(pos):
        """The parameters after step ``pos``, by the update rule from its recorded deltas."""
        d_h, img = a["step_delta_h"][pos], a["step_img"][pos]
        return {"w_i_h": a["step_w_i_h"][pos] - lr * d_h @ img.T,
                "b_i_h": a["step_b_i_h"][pos] - lr * d_h,
                "w_h_o": a["step_w_h_o"][pos] - lr * d_o[pos] @ h[pos].T,
                "b_h_o": a["step_b_h_o"][pos] - lr * d_o[pos]}

    for pos in np.flatnonzero(np.diff(idx) == 1):
        for key, value in after(pos).items():
            if not _close(a[f"step_{key}"][pos + 1], value, dt):
                fail(f"step_{key}", f"at step {idx[pos + 1]} does not follow from step "
                                    f"{idx[pos]} by the update rule")
    if idx[0] == 0:
        for key in ("w_i_h", "b_i_h", "w_h_o", "b_h_o"):
            if not np.array_equal(a[f"step_{key}"][0], a[f"{key}_init"]):
                fail(f"step_{key}", "at step 0 differs from the initial weights")
    if idx[-1] == meta["epochs"] * n_train - 1:
        for key, value in after(len(idx) - 1).items():
            if not _close(a[key], value, dt):
                fail(key, "does not follow from the last recorded step by the update rule")
    if not np.array_equal(a["epoch_train_acc"], a["epoch_nr_correct"] / n_train):
        fail("epoch_train_acc", "is not epoch_nr_correct / n_train")
    if not _close(a["epoch_test_acc"][-1], np.mean(a["test_pred"] == a["test_label"]), dt):
        fail("epoch_test_acc", "of the last epoch disagrees with test_pred and test_label")
    final_o = sigmoid(a["b_h_o"] + a["w_h_o"] @ sigmoid(a["b_i_h"] + a["w_i_h"] @ a["infer_img"]))
    if not _close(a["infer_o"], final_o, dt):
        fail("infer_o", "is not the final network's output for infer_img")
    if not np.array_equal(np.argmax(a["infer_o"][:, :, 0], axis=1), a["test_pred"][a["infer_index"]]):
        fail("infer_o", "disagrees with test_pred at infer_index")
    if not np.array_equal(a["infer_label"], a["test_label"][a["infer_index"]]):
        fail("infer_label", "disagrees with test_label at infer_index")
