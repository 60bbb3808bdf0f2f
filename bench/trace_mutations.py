"""Structural mutations of a trace for fuzzing the loader (hypothesis strategies).

A mutation is data: ``("meta", kind, path, arg)`` or ``("array", kind, key, arg)``;
:func:`apply` performs it on a copy of the shipped trace's arrays and metadata:
metadata fields removed, replaced by values of other types or odd numbers, unknown
fields added; arrays removed, added, cut, grown, re-typed, flattened, emptied, swapped
or given odd values. Used by ``tests/test_trace_schema.py`` and ``bench/fuzz_trace.py``.
"""

import io
import json
import zipfile
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from lecture.script import chapter_text
from nnmath.cli import describe
from scenes.chapters import CHAPTERS

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "assets" / "trace-mnist-10k.npz"


def _raw():
    with np.load(SHIPPED, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    return arrays, json.loads(str(arrays.pop("meta")))


ARRAYS0, META0 = _raw()


def write_stored(path, arrays, meta):
    """A trace file without compression (fast to write; the loader reads either)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        members = dict(arrays, meta=np.array(json.dumps(meta)))
        for key, arr in members.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arr), allow_pickle=False)
            zf.writestr(f"{key}.npy", buf.getvalue())
    return path


def accepted_trace_works(trace, path):
    """What every loaded trace must survive: the description and every chapter's words."""
    describe(trace, path)
    for chapter in CHAPTERS:
        text = chapter_text(chapter, trace)
        assert text.narration and text.key_numbers


def json_values():
    leaves = (st.none() | st.booleans() | st.integers(-2**70, 2**70)
              | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12))
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=8)


def meta_paths(meta, prefix=()):
    """Every (path, value) inside the metadata, nested fields and list items included."""
    out = []
    items = meta.items() if isinstance(meta, dict) else enumerate(meta)
    for k, v in items:
        out.append((prefix + (k,), v))
        if isinstance(v, (dict, list)):
            out += meta_paths(v, prefix + (k,))
    return out


META_PATHS = [p for p, _ in meta_paths(META0)]
KEYS = sorted(ARRAYS0)
ODD_NUMBERS = [0, -1, 1, 2, 0.5, -0.5, 1e-300, 1e6, 2e6, -1e9, 255, 256, 1999, 2000, 10, 9,
               np.nan, np.inf]


@st.composite
def meta_mutation(draw):
    kind = draw(st.sampled_from(["remove", "replace", "add", "number"]))
    path = draw(st.sampled_from(META_PATHS))
    if kind == "replace":
        return ("meta", kind, path, draw(json_values()))
    if kind == "number":
        return ("meta", "replace", path, draw(st.sampled_from(ODD_NUMBERS + [True, "x", []])))
    if kind == "add":
        return ("meta", kind, path[:-1], (draw(st.text(min_size=1, max_size=6)),
                                          draw(json_values())))
    return ("meta", kind, path, None)


@st.composite
def array_mutation(draw):
    key = draw(st.sampled_from(KEYS))
    kind = draw(st.sampled_from(["remove", "add", "cut", "grow", "dtype", "reshape", "value",
                                 "swap", "empty", "scalar"]))
    if kind == "add":
        return ("array", kind, draw(st.text("abcdefgh_", min_size=1, max_size=8)), None)
    if kind == "dtype":
        return ("array", kind, key, draw(st.sampled_from(
            ["float32", "float64", "int64", "int8", "uint8", "bool", "float16", "complex128",
             "<U3"])))
    if kind in ("cut", "grow"):
        return ("array", kind, key, draw(st.integers(1, 3)))
    if kind == "value":
        return ("array", kind, key, (draw(st.integers(0, 10**6)),
                                     draw(st.sampled_from(ODD_NUMBERS))))
    if kind == "swap":
        return ("array", kind, key, draw(st.sampled_from(KEYS)))
    return ("array", kind, key, None)


def apply(mutation, arrays, meta):
    where, kind, target, arg = mutation
    if where == "meta":
        parent = meta
        try:                  # an earlier mutation may have removed or replaced the path
            for k in target[:-1] if kind != "add" else target:
                parent = parent[k]
            if kind != "add":
                parent[target[-1]]
        except (KeyError, IndexError, TypeError):
            return
        if kind == "add":
            if isinstance(parent, dict):
                parent[arg[0]] = arg[1]
            return
        last = target[-1]
        if isinstance(parent, (dict, list)):
            if kind == "remove":
                del parent[last]
            else:
                parent[last] = arg
        return
    if kind == "add":
        arrays[target] = np.zeros(3)
        return
    if target not in arrays:
        return
    a = arrays[target]
    if kind == "remove":
        del arrays[target]
    elif kind == "cut" and a.ndim:
        arrays[target] = a[:-arg] if len(a) > arg else a[:0]
    elif kind == "grow" and a.ndim:
        arrays[target] = np.concatenate([a] + [a[-1:]] * arg) if len(a) else a
    elif kind == "dtype":
        with np.errstate(all="ignore"):
            arrays[target] = a.astype(arg)
    elif kind == "reshape":
        arrays[target] = a.reshape(-1)
    elif kind == "value" and a.size:
        b = a.copy()
        pos, value = arg
        flat = b.reshape(-1)
        with np.errstate(all="ignore"):
            try:
                flat[pos % b.size] = value
            except (ValueError, OverflowError):
                return
        arrays[target] = b
    elif kind == "swap":
        arrays[target], arrays[arg] = arrays[arg], a
    elif kind == "empty":
        arrays[target] = a.reshape(-1)[:0]
    elif kind == "scalar" and a.size:
        arrays[target] = a.reshape(-1)[0]


MUTATIONS = st.lists(meta_mutation() | array_mutation(), min_size=1, max_size=3)
