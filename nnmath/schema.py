"""The trace's schema: every metadata field and every array a trace may hold, declared once.

``META`` declares the metadata (types, ranges, choices; no other field is
allowed) and ``ARRAYS`` every array (kind, shape in named dimensions, value
range). Dimensions come from the metadata where the recording fixes them
exactly (``S``, the recorded steps, is the recorder's schedule; ``C`` is
``epochs * n_train // curve_every``) and are bounded otherwise, so a file's
declared sizes can be judged from its ``.npy`` headers alone, before
anything is decompressed. ``docs/trace.md`` explains each key.

Three checks, in the order a loader runs them, each calling ``fail(key, what)``:
:func:`check_meta`, :func:`check_headers` (``{key: (dtype, shape)}``) and
:func:`check_values` (ranges and cross-references). The equations the numbers
must satisfy are in :mod:`nnmath.consistency`.
"""

import math
import re
import unicodedata

import numpy as np

from .costs import COSTS, DELTA_RULES
from .data import DATASET_NAMES
from .network import INITS
from .optimizers import OPTIMIZERS
from .record import schedule

SCHEMA_VERSION = 1

#: Bounds that no real recording comes near but that keep a file's declared sizes sane.
MAX_SAMPLES = 10_000_000          # n_train, n_test
MAX_EPOCHS = 1_000
MAX_UNITS = 100_000               # any layer's size
MAX_FIRST = 1_000                 # schedule["first"]: at most 1,000 fully recorded steps
MAX_LOG_POINTS = 1_000
MAX_ITERATIONS = 1_000_000        # the side experiments' iterations
MAX_SNAPSHOTS = 10_000            # one-neuron snapshots, bias points, softmax examples
#: The most a trace's arrays may declare in all, uncompressed (the shipped one: 8 MB).
MAX_TRACE_BYTES = 512 * 2**20
#: The largest magnitude any recorded float may have: far above every healthy run (its
#: pre-activations are tens), far below where the chapters' sums could overflow.
MAX_ABS = 1e6


# ------------------------------------------------------------------------ metadata types

class Spec:
    """A metadata value's declared type; ``check`` returns an error text or None."""

    def check(self, value):
        raise NotImplementedError


class Int(Spec):
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def check(self, value):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"must be a whole number from {self.lo:,} to {self.hi:,}, got {value!r:.60}"
        if not self.lo <= value <= self.hi:
            return f"must be from {self.lo:,} to {self.hi:,}, got {value:,}"
        return None


class Num(Spec):
    """A finite number in [lo, hi] (or (lo, hi] with ``above=True``)."""

    def __init__(self, lo, hi, above=False):
        self.lo, self.hi, self.above = lo, hi, above

    def check(self, value):
        lo = f"above {self.lo}" if self.above else f"at least {self.lo}"
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return f"must be a number {lo} and at most {self.hi}, got {value!r:.60}"
        if not (math.isfinite(value) and (value > self.lo if self.above else value >= self.lo)
                and value <= self.hi):
            return f"must be a number {lo} and at most {self.hi}, got {value!r}"
        return None


class Str(Spec):
    def __init__(self, choices=None, pattern=None, max_len=200):
        self.choices, self.pattern, self.max_len = choices, pattern, max_len

    def check(self, value):
        if not isinstance(value, str):
            return f"must be a string, got {value!r:.60}"
        if self.choices is not None and value not in self.choices:
            return f"must be one of {', '.join(self.choices)}, got {value!r:.60}"
        if not 0 < len(value) <= self.max_len:
            return f"must be 1 to {self.max_len} characters long"
        if self.pattern and not re.fullmatch(self.pattern, value):
            return f"must match {self.pattern}, got {value!r:.60}"
        return None


#: The longest class name a chapter's layout has room for (Fashion-MNIST's: 11).
MAX_CLASS_NAME = 24


class ClassName(Spec):
    """A class name as the chapters show it (labels, captions, subtitles, the deck): 1 to
    :data:`MAX_CLASS_NAME` printable characters, not blank, no leading or trailing space,
    written left to right, every character drawable by the video's font (DejaVu Sans)."""

    def check(self, value):
        if not isinstance(value, str):
            return f"must be a string, got {value!r:.60}"
        problem = class_name_problem(value)
        return f"{value!r:.40} {problem}" if problem else None


def class_name_problem(name):
    """Why ``name`` cannot be a class name in the video, or None."""
    from .glyphs import FONT_NAME, missing_glyphs

    if not name.strip():
        return "is blank; a class name needs a visible character"
    if len(name) > MAX_CLASS_NAME:
        return f"is {len(name)} characters long; a class name has at most {MAX_CLASS_NAME}"
    unprintable = [ch for ch in name if not ch.isprintable()]
    if unprintable:
        return (f"holds the unprintable character U+{ord(unprintable[0]):04X} "
                "(a control, format or invisible character)")
    if name != name.strip():
        return "starts or ends with a space"
    rtl = [ch for ch in name if unicodedata.bidirectional(ch) in ("R", "AL")]
    if rtl:
        return (f"holds {rtl[0]!r} (U+{ord(rtl[0]):04X}), written right to left; the video's "
                "layouts are left to right")
    emoji = [ch for ch in name if ord(ch) >= 0x1F000 and unicodedata.category(ch) == "So"]
    if emoji:
        return (f"holds the emoji {emoji[0]!r} (U+{ord(emoji[0]):04X}), which the video's font "
                "draws as a box")
    missing = missing_glyphs(name)
    if missing:
        return (f"holds {', '.join(f'{ch!r} (U+{ord(ch):04X})' for ch in missing[:3])}, which "
                f"the video's font ({FONT_NAME}) cannot draw")
    return None


class Const(Spec):
    def __init__(self, value):
        self.value = value

    def check(self, value):
        if value is not self.value and not (type(value) is type(self.value)
                                            and value == self.value):
            return f"must be {self.value!r}, got {value!r:.60}"
        return None


class List(Spec):
    def __init__(self, item, min_len, max_len):
        self.item, self.min_len, self.max_len = item, min_len, max_len

    def check(self, value):
        if not isinstance(value, list):
            return f"must be a list, got {type(value).__name__}"
        if not self.min_len <= len(value) <= self.max_len:
            return f"must hold {self.min_len} to {self.max_len} items, holds {len(value)}"
        for i, item in enumerate(value):
            err = self.item.check(item)
            if err:
                return f"[{i}] {err}"
        return None


class Obj(Spec):
    """A JSON object with exactly these fields (``optional`` ones may be absent)."""

    def __init__(self, fields, optional=()):
        self.fields, self.optional = fields, set(optional)

    def check(self, value):
        if not isinstance(value, dict):
            return f"must be an object, got {type(value).__name__}"
        unknown = sorted(set(value) - set(self.fields))
        if unknown:
            return f"has an unknown field {unknown[0]!r:.60}"
        for name, spec in self.fields.items():
            if name not in value:
                if name in self.optional:
                    continue
                return f"lacks the field '{name}'"
            err = spec.check(value[name])
            if err:
                return f"field '{name}' {err}"
        return None


class Map(Spec):
    """A JSON object of any keys (``key`` spec) to values (``value`` spec)."""

    def __init__(self, key, value, min_len, max_len):
        self.key, self.value, self.min_len, self.max_len = key, value, min_len, max_len

    def check(self, value):
        if not isinstance(value, dict):
            return f"must be an object, got {type(value).__name__}"
        if not self.min_len <= len(value) <= self.max_len:
            return f"must hold {self.min_len} to {self.max_len} entries, holds {len(value)}"
        for k, v in value.items():
            err = self.key.check(k) or self.value.check(v)
            if err:
                return f"entry {k!r:.60} {err}"
        return None


SEED = Int(0, 2**63 - 1)
RATE = Num(0, 1e6, above=True)
NAMES = tuple(OPTIMIZERS)
SIGMOID_OR_RELU = ("sigmoid", "relu")
SIGMOID_OR_SOFTMAX = ("sigmoid", "softmax")

#: The metadata, field by field (docs/trace.md: ``meta``).
META = Obj({
    "schema": Const(SCHEMA_VERSION),
    "nnmath_version": Str(pattern=r"[0-9A-Za-z.+-]+", max_len=40),
    "numpy_version": Str(pattern=r"[0-9A-Za-z.+-]+", max_len=40),
    "dataset": Str((*DATASET_NAMES, "images")),
    "class_names": List(ClassName(), 2, 1000),
    "files": Map(Str(pattern=r"[A-Za-z0-9._-]+", max_len=100), Str(pattern=r"[0-9a-f]{64}"),
                 1, 16),
    "n_train": Int(1, MAX_SAMPLES),
    "n_test": Int(1, MAX_SAMPLES),
    "seed": SEED,
    "sizes": List(Int(1, MAX_UNITS), 3, 3),
    "init": Str(INITS),
    "learn_rate": RATE,
    "epochs": Int(1, MAX_EPOCHS),
    "delta_rule": Str(DELTA_RULES),
    "order": Str(("correct", "reference")),
    "dtype": Str(("float64", "float32")),
    "schedule": Obj({"first": Int(2, MAX_FIRST), "log_points": Int(0, MAX_LOG_POINTS),
                     "epoch_ends": Const(True), "curve_every": Int(1, MAX_SAMPLES * MAX_EPOCHS)}),
    "bias_experiment": Obj({"seed": SEED, "learn_rate": RATE,
                            "iterations": Int(1, MAX_ITERATIONS),
                            "every": Int(1, MAX_ITERATIONS)}),
    "one_neuron": Obj({"seed": SEED, "iterations": Int(1, MAX_ITERATIONS)}),
    "beyond": Obj({
        "seed": SEED, "hidden": Int(1, MAX_UNITS), "epochs": Int(1, MAX_EPOCHS),
        "batch_size": Int(1, MAX_SAMPLES), "curve_every": Int(1, MAX_SAMPLES),
        "probe_every": Int(1, MAX_SAMPLES), "decay": Num(0, 1),
        "loss_optimizer": Str(NAMES),
        "loss_runs": List(Obj({"name": Str(("sigmoid_log_cost", "relu_log_cost", "sigmoid_softmax_cce")),
                               "hidden": Str(SIGMOID_OR_RELU), "output": Str(SIGMOID_OR_SOFTMAX),
                               "init": Str(INITS), "delta_rule": Str(DELTA_RULES),
                               "cost": Str(tuple(COSTS)), "learn_rate": RATE}), 1, 10),
        "optimizer_runs": List(Obj({"optimizer": Str(NAMES), "learn_rate": RATE,
                                    "decay": Num(0, 1), "momentum": Num(0, 1),
                                    "rho": Num(0, 1), "beta1": Num(0, 1), "beta2": Num(0, 1)},
                                   optional=("momentum", "rho", "beta1", "beta2")), 1, 10),
        "optimizer_network": Obj({"hidden": Str(SIGMOID_OR_RELU),
                                  "output": Str(SIGMOID_OR_SOFTMAX), "init": Str(INITS),
                                  "delta_rule": Str(DELTA_RULES), "cost": Str(tuple(COSTS))}),
        "rate_rule": Obj({"grid": List(RATE, 1, 100),
                          "train_images": Int(1, MAX_SAMPLES),
                          "validation_images": Int(1, MAX_SAMPLES),
                          "pick": Str(max_len=200)}),
        "softmax_network": Str(NAMES),
        "dtype": Const("float64"),
    }),
    # only for a trace recorded from an image folder (``nnmath record --images DIR``)
    "images": Obj({"folder": Str(max_len=100), "holdout": Num(0, 1, above=True),
                   "split_seed": SEED}),
}, optional=("images",))


def check_meta(meta, fail):
    """``fail`` unless ``meta`` follows :data:`META` and its fields agree with each other."""
    if not isinstance(meta, dict):
        fail("meta", "must hold a JSON object")
    err = META.check(meta)
    if err:
        fail("meta", err)
    n_in, _, n_out = meta["sizes"]
    if math.isqrt(n_in) ** 2 != n_in:
        fail("meta", f"field 'sizes' must start with a square image's pixel count, got {n_in}")
    if len(meta["class_names"]) != n_out:
        fail("meta", f"field 'class_names' must name the {n_out} classes of 'sizes', "
                     f"names {len(meta['class_names'])}")
    if meta["schedule"]["curve_every"] > meta["epochs"] * meta["n_train"]:
        fail("meta", "field 'schedule' has 'curve_every' larger than the samples trained "
                     f"({meta['epochs']} x {meta['n_train']:,}): the curve would be empty")
    b = meta["beyond"]
    if b["curve_every"] > b["epochs"] * meta["n_train"]:
        fail("meta", "field 'beyond' has 'curve_every' larger than the samples trained")
    rule = b["rate_rule"]
    if rule["train_images"] + rule["validation_images"] != meta["n_train"]:
        fail("meta", "field 'beyond' has a 'rate_rule' whose train and validation images do "
                     f"not add up to n_train = {meta['n_train']:,}")
    if list(rule["grid"]) != sorted(set(rule["grid"])):
        fail("meta", "field 'beyond' has a 'rate_rule' grid that does not increase")


# --------------------------------------------------------------------------- the arrays

class Array:
    """An array's declared kind (``f`` float, ``i`` integer, ``u8``), shape and range."""

    def __init__(self, kind, dims, lo=None, hi=None, above=False, nan=False):
        self.kind, self.dims, self.lo, self.hi, self.above = kind, dims, lo, hi, above
        #: NaN allowed: "no value", as the grid accuracy of a rate that blew up.
        self.nan = nan


F, I, U8 = "f", "i", "u8"
ACC = {"lo": 0.0, "hi": 1.0}
NONNEG = {"lo": 0.0}
PARAMS = {"w_i_h": ("n_hid", "n_in"), "b_i_h": ("n_hid", 1), "w_h_o": ("n_out", "n_hid"),
          "b_h_o": ("n_out", 1)}
LABEL = {"lo": 0, "hi": "n_out-1"}

#: Every array a trace holds (docs/trace.md). Dimensions: ``S`` steps, ``E`` epochs,
#: ``C`` curve points, ``K`` inference examples, ``M`` dataset-chapter images, ``T`` bias
#: snapshots, ``Pb`` bias points, ``N`` one-neuron snapshots; beyond: ``R``, ``O`` runs,
#: ``BE`` epochs, ``BC`` curve points, ``P`` probes, ``BK`` softmax examples, ``H`` hidden,
#: ``G`` learning rates in the grid.
ARRAYS = {
    **{f"{k}_init": Array(F, d) for k, d in PARAMS.items()},
    **{k: Array(F, d) for k, d in PARAMS.items()},
    "step_index": Array(I, ("S",)), "step_epoch": Array(I, ("S",)),
    "step_sample": Array(I, ("S",)), "step_label": Array(I, ("S",), **LABEL),
    "step_img": Array(F, ("S", "n_in", 1), lo=0.0, hi=1.0),
    "step_l": Array(F, ("S", "n_out", 1), **ACC),
    "step_h_pre": Array(F, ("S", "n_hid", 1)), "step_h": Array(F, ("S", "n_hid", 1), **ACC),
    "step_o_pre": Array(F, ("S", "n_out", 1)), "step_o": Array(F, ("S", "n_out", 1), **ACC),
    "step_e": Array(F, ("S",), **NONNEG),
    "step_delta_o": Array(F, ("S", "n_out", 1)), "step_delta_h": Array(F, ("S", "n_hid", 1)),
    **{f"step_{k}": Array(F, ("S", *d)) for k, d in PARAMS.items()},
    "epoch_nr_correct": Array(I, ("E",), lo=0, hi="n_train"),
    "epoch_train_acc": Array(F, ("E",), **ACC), "epoch_test_acc": Array(F, ("E",), **ACC),
    "epoch_mean_e": Array(F, ("E",), **NONNEG),
    "curve_step": Array(I, ("C",)), "curve_acc": Array(F, ("C",), **ACC),
    "curve_e": Array(F, ("C",), **NONNEG),
    "infer_index": Array(I, ("K",), lo=0, hi="n_test-1"),
    "infer_img": Array(F, ("K", "n_in", 1), lo=0.0, hi=1.0),
    "infer_label": Array(I, ("K",), **LABEL), "infer_o": Array(F, ("K", "n_out", 1), **ACC),
    "test_pred": Array(I, ("n_test",), **LABEL), "test_label": Array(I, ("n_test",), **LABEL),
    "data_img": Array(U8, ("M", "n_in")), "data_label": Array(I, ("M",), **LABEL),
    "data_label_counts": Array(I, ("n_out",), lo=0, hi="n_train"),
    "bias_x": Array(F, ("Pb", 2)), "bias_y": Array(I, ("Pb",), lo=0, hi=1),
    "bias_iters": Array(I, ("T",)),
    "bias_nobias_w": Array(F, ("T", 2)), "bias_nobias_b": Array(F, ("T",)),
    "bias_nobias_acc": Array(F, ("T",), **ACC),
    "bias_with_w": Array(F, ("T", 2)), "bias_with_b": Array(F, ("T",)),
    "bias_with_acc": Array(F, ("T",), **ACC),
    "neuron_x": Array(F, (4, 3), **ACC), "neuron_y": Array(F, (4,), **ACC),
    "neuron_iters": Array(I, ("N",), lo=0, hi="neuron_iterations"),
    "neuron_w": Array(F, ("N", 3)), "neuron_o": Array(F, ("N", 4), **ACC),
    "neuron_err": Array(F, ("N",), **ACC),
    "neuron_new_x": Array(F, (3,), **ACC), "neuron_new_o": Array(F, (1,), **ACC),
    "beyond_curve_step": Array(I, ("BC",), lo=0, hi="beyond_samples-1"),
    "beyond_probe_step": Array(I, ("P",), lo=0, hi="beyond_samples-1"),
    **{f"beyond_{run}_{what}": Array(F, (n, d), **rng)
       for run, n in (("loss", "R"), ("opt", "O"))
       for what, d, rng in (("curve_acc", "BC", ACC), ("curve_cost", "BC", NONNEG),
                            ("epoch_train_acc", "BE", ACC), ("epoch_test_acc", "BE", ACC),
                            ("epoch_cost", "BE", NONNEG))},
    "beyond_loss_grid_val_acc": Array(F, ("R", "G"), nan=True, **ACC),
    "beyond_opt_grid_val_acc": Array(F, ("O", "G"), nan=True, **ACC),
    "beyond_loss_dead_hidden": Array(I, ("R",), lo=0, hi="H"),
    "beyond_probe_learn_rate": Array(F, ("O", "P"), lo=0.0, above=True),
    "beyond_probe_grad_norm": Array(F, ("O", "P"), lo=0.0, above=True),
    "beyond_probe_update_norm": Array(F, ("O", "P"), **NONNEG),
    "beyond_w_i_h": Array(F, ("H", "n_in")), "beyond_b_i_h": Array(F, ("H", 1)),
    "beyond_w_h_o": Array(F, ("n_out", "H")), "beyond_b_h_o": Array(F, ("n_out", 1)),
    "beyond_softmax_index": Array(I, ("BK",), lo=0, hi="n_test-1"),
    "beyond_softmax_img": Array(U8, ("BK", "n_in")),
    "beyond_softmax_label": Array(I, ("BK",), **LABEL),
    "beyond_softmax_logits": Array(F, ("BK", "n_out")),
    "beyond_softmax_probs": Array(F, ("BK", "n_out"), lo=0.0, hi=1.0, above=True),
}

#: Dimensions no metadata fixes exactly: the most each may be (at least 1 each).
BOUNDED = {"K": "n_test", "Pb": MAX_SNAPSHOTS, "N": MAX_SNAPSHOTS, "BK": "n_test",
           "BC": "beyond_samples", "P": "beyond_samples"}


def bias_iterations(iterations, every):
    """The iterations the bias experiment records: every ``every``-th and the last."""
    return [it for it in range(0, iterations + 1, every)] + (
        [iterations] if iterations % every else [])


def known_sizes(meta):
    """The values of the named dimensions and bounds that the metadata fixes."""
    n_in, n_hid, n_out = meta["sizes"]
    b, sched = meta["beyond"], meta["schedule"]
    n_train, epochs = meta["n_train"], meta["epochs"]
    bias = meta["bias_experiment"]
    return {
        "n_in": n_in, "n_hid": n_hid, "n_out": n_out, "n_train": n_train,
        "n_test": meta["n_test"], "E": epochs,
        "S": len(schedule(n_train, epochs, sched["first"], sched["log_points"])),
        "C": epochs * n_train // sched["curve_every"],
        "M": min(n_train, 32),
        "T": bias["iterations"] // bias["every"] + 1 + (bias["iterations"] % bias["every"] > 0),
        "H": b["hidden"], "R": len(b["loss_runs"]), "O": len(b["optimizer_runs"]),
        "BE": b["epochs"], "beyond_samples": b["epochs"] * n_train,
        "G": len(b["rate_rule"]["grid"]),
        "neuron_iterations": meta["one_neuron"]["iterations"],
    }


def _bound(value, sizes):
    if isinstance(value, str):
        name, _, minus = value.partition("-")
        return sizes[name] - int(minus or 0)
    return value


def check_headers(headers, meta, fail):
    """``fail`` unless ``headers`` (``{key: (dtype, shape)}``) are exactly :data:`ARRAYS`.

    Only dtypes and shapes are looked at, so a loader can call this on the
    ``.npy`` headers before reading any data, and refuse a file that
    declares more than :data:`MAX_TRACE_BYTES` without decompressing it.
    """
    unknown = sorted(set(headers) - set(ARRAYS))
    if unknown:
        fail(unknown[0], "is not a key of a trace (docs/trace.md lists them)")
    sizes = known_sizes(meta)
    bound = {}
    total = 0
    for key, spec in ARRAYS.items():
        if key not in headers:
            fail(key, "is missing; re-record the trace with `nnmath record`")
        dtype, shape = headers[key]
        want_float = meta["dtype"] if not key.startswith("beyond_") else "float64"
        if spec.kind == F and dtype != np.dtype(want_float):
            fail(key, f"must hold {want_float} numbers, holds {dtype}")
        if spec.kind == I and dtype.kind not in "iu":
            fail(key, f"must hold integers, holds {dtype}")
        if spec.kind == U8 and dtype != np.uint8:
            fail(key, f"must hold uint8 pixels, holds {dtype}")
        if len(shape) != len(spec.dims):
            fail(key, f"has shape {tuple(shape)}, expected {len(spec.dims)} dimensions "
                      f"{_shape_text(spec.dims)}")
        for n, dim in zip(shape, spec.dims):
            if isinstance(dim, int) or dim in sizes:
                want = dim if isinstance(dim, int) else sizes[dim]
                if n != want:
                    fail(key, f"has shape {tuple(shape)}, expected {_shape_text(spec.dims)} "
                              f"with {dim} = {want:,}")
            elif dim in bound:
                if n != bound[dim]:
                    fail(key, f"has shape {tuple(shape)}, but {dim} = {bound[dim]:,} elsewhere")
            else:
                most = _bound(BOUNDED[dim], sizes)
                if not 1 <= n <= most:
                    fail(key, f"has {n:,} rows ({dim}); a trace has 1 to {most:,}")
                bound[dim] = n
        total += math.prod(shape) * dtype.itemsize
        if total > MAX_TRACE_BYTES:
            fail(key, f"takes the arrays' size past {MAX_TRACE_BYTES / 2**20:,.0f} MiB "
                      "uncompressed; a trace is far smaller")


def _shape_text(dims):
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def check_values(arrays, meta, fail):
    """``fail`` unless every value is finite, in its declared range, and cross-references hold."""
    sizes = known_sizes(meta)
    for key, spec in ARRAYS.items():
        a = arrays[key]
        if spec.nan:
            a = a[~np.isnan(a)]
        if spec.kind == F:
            if not np.all(np.isfinite(a)):
                fail(key, "holds NaN or inf (a diverged run?)")
            if a.size and np.max(np.abs(a)) > MAX_ABS:
                fail(key, f"holds a value beyond +-{MAX_ABS:g}; no healthy run records one")
        if a.size == 0 or (spec.lo is None and spec.hi is None):
            continue
        lo, hi = _bound(spec.lo, sizes), _bound(spec.hi, sizes)
        if lo is not None and (np.any(a <= lo) if spec.above else np.any(a < lo)):
            fail(key, f"holds {a.min()!r}; values must be {'above' if spec.above else 'at least'} "
                      f"{lo}")
        if hi is not None and np.any(a > hi):
            fail(key, f"holds {a.max()!r}; values must be at most {hi}")
    _check_cross_references(arrays, meta, sizes, fail)


def _increasing(arrays, key, fail):
    if np.any(np.diff(arrays[key].astype(np.int64)) <= 0):
        fail(key, "must be strictly increasing")


def _check_cross_references(a, meta, sizes, fail):
    n_train, epochs, sched = meta["n_train"], meta["epochs"], meta["schedule"]
    want = schedule(n_train, epochs, sched["first"], sched["log_points"])
    if not np.array_equal(a["step_index"], want):
        fail("step_index", "is not the steps meta['schedule'] names (the first, log-spaced "
                           "ones, and each epoch's last)")
    idx = a["step_index"].astype(np.int64)
    if not (np.array_equal(a["step_epoch"], idx // n_train + 1)
            and np.array_equal(a["step_sample"], idx % n_train)):
        fail("step_index", "disagrees with step_epoch and step_sample")
    every = sched["curve_every"]
    if not np.array_equal(a["curve_step"], every * np.arange(1, sizes["C"] + 1) - 1):
        fail("curve_step", f"must be the last sample of each window of curve_every = {every}")
    _increasing(a, "infer_index", fail)
    bias = meta["bias_experiment"]
    if not np.array_equal(a["bias_iters"], bias_iterations(bias["iterations"], bias["every"])):
        fail("bias_iters", "is not every meta['bias_experiment']['every']-th iteration and the "
                           "last")
    _increasing(a, "neuron_iters", fail)
    if a["neuron_iters"][0] != 0 or a["neuron_iters"][-1] != meta["one_neuron"]["iterations"]:
        fail("neuron_iters", "must run from 0 to meta['one_neuron']['iterations']")
    if int(np.sum(a["data_label_counts"].astype(np.int64))) != n_train:
        fail("data_label_counts", f"must add up to n_train = {n_train:,}")
    _increasing(a, "beyond_curve_step", fail)
    _increasing(a, "beyond_probe_step", fail)
    _increasing(a, "beyond_softmax_index", fail)
