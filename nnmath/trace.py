"""The trace file: one real training run, the only source of what the video shows.

A trace is a ``.npz`` that plain NumPy reads with ``allow_pickle=False``; the
keys are documented in ``docs/trace.md`` and declared in :mod:`nnmath.schema`.
:func:`save_trace` validates the arrays and writes them deterministically
(fixed zip timestamps, sorted keys) to a temporary file that is then renamed,
so an interrupted write never leaves a half-written trace. :func:`load_trace`
reads the zip itself: it refuses unknown keys, object arrays and oversized
arrays from the ``.npy`` headers before decompressing anything, then checks
the metadata and arrays against the schema and the recorded numbers against
the network's own equations (:mod:`nnmath.consistency`).
"""

import io
import json
import math
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

from . import consistency, schema
from .atomic import write_atomic
from .errors import TraceError
from .schema import SCHEMA_VERSION

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

#: The most characters the metadata's JSON string may have.
MAX_META_CHARS = 1_000_000


def load_trace(path):
    """Read and validate a trace; any problem raises one TraceError naming the file and key."""
    if not str(path).strip():
        raise TraceError("no trace file named (an empty path); give the path of a trace's "
                         ".npz file, e.g. assets/trace-mnist-10k.npz")
    path = Path(path)
    if path.is_dir():
        raise TraceError(f"{path} is a folder, not a trace file; give the path of a trace's "
                         ".npz file, e.g. assets/trace-mnist-10k.npz")
    if not path.is_file():
        raise TraceError(f"{path}: no such trace file; record one with `nnmath record --out {path}`")
    redo = f"re-record it with `nnmath record --out {path}`"
    try:
        with zipfile.ZipFile(path) as zf:
            members = _members(zf, path)
            meta = _read_meta(zf, members.pop("meta", None), path)
            _check_meta(meta, path)
            headers = {key: _npy_header(zf, info, key, path) for key, info in members.items()}
            schema.check_headers({k: h[:2] for k, h in headers.items()}, meta, _fail(path))
            arrays = {key: _read_array(zf, info, key, path) for key, info in members.items()}
    except TraceError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError, struct.error, zlib.error) as exc:
        # RuntimeError: an encrypted member; struct.error: a damaged zip header
        raise TraceError(f"{path}: not a readable trace ({_why(exc)}); {redo}") from None
    _validate_values(arrays, meta, str(path))
    return Trace(arrays, meta, path)


def _why(exc):
    """A short reason for a low-level read failure, never a library's advice to the user."""
    if isinstance(exc, zipfile.BadZipFile):
        return f"not a zip archive of .npy arrays: {exc}"
    if isinstance(exc, zlib.error):
        return "a compressed member is damaged"
    return type(exc).__name__ + (f": {exc}" if "pickle" not in str(exc).lower() else "")


def _fail(name):
    def fail(key, what):
        raise TraceError(f"{name}: key '{key}' {what}")
    return fail


def _members(zf, path):
    """``{key: ZipInfo}`` of the archive's ``<key>.npy`` members; anything else is refused."""
    members = {}
    for info in zf.infolist():
        key = info.filename.removesuffix(".npy")
        if not info.filename.endswith(".npy") or not key.isidentifier():
            raise TraceError(f"{path}: holds {info.filename!r:.80}, which is not a trace key "
                             "(a trace holds only <key>.npy arrays)")
        if key in members:
            raise TraceError(f"{path}: key '{key}' appears twice")
        if key != "meta" and key not in schema.ARRAYS:
            raise TraceError(f"{path}: key '{key}' is not a key of a trace "
                             "(docs/trace.md lists them)")
        members[key] = info
    return members


def _npy_header(zf, info, key, path):
    """(dtype, shape, data offset) from a member's .npy header, decompressing only the header."""
    with zf.open(info) as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, _fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, _fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            raise TraceError(f"{path}: key '{key}' has .npy format version {version}, "
                             "not 1.0 or 2.0")
        offset = f.tell()
    if dtype.hasobject:
        raise TraceError(f"{path}: key '{key}' holds Python objects; a trace holds only "
                         "numbers and text, and objects in it are never loaded")
    if dtype.kind not in "biufU" or dtype.fields is not None:
        raise TraceError(f"{path}: key '{key}' holds {dtype} values; a trace holds only "
                         "real numbers and text")
    nbytes = math.prod(shape) * dtype.itemsize
    if info.file_size != offset + nbytes:
        raise TraceError(f"{path}: key '{key}' declares {nbytes:,} bytes of data but its "
                         f"zip entry holds {info.file_size - offset:,}")
    return dtype, tuple(shape), offset


def _read_array(zf, info, key, path):
    with zf.open(info) as f:
        return np.lib.format.read_array(f, allow_pickle=False)


def _read_meta(zf, info, name):
    if info is None:
        raise TraceError(f"{name}: key 'meta' is missing; this is not a trace file")
    dtype, shape, _ = _npy_header(zf, info, "meta", name)
    if shape != () or dtype.kind != "U":
        raise TraceError(f"{name}: key 'meta' must be one JSON string")
    if dtype.itemsize // 4 > MAX_META_CHARS:
        raise TraceError(f"{name}: key 'meta' is {dtype.itemsize // 4:,} characters long; "
                         f"a trace's is far below {MAX_META_CHARS:,}")
    raw = _read_array(zf, info, "meta", name)
    try:
        meta = json.loads(str(raw))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise TraceError(f"{name}: key 'meta' is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise TraceError(f"{name}: key 'meta' must hold a JSON object")
    return meta


# ------------------------------------------------------------------------------- validation

def _check_meta(meta, name):
    if meta.get("schema") != SCHEMA_VERSION:
        raise TraceError(f"{name}: schema version {meta.get('schema')!r:.40}, but this nnmath "
                         f"reads version {SCHEMA_VERSION}; re-record it with `nnmath record`")
    schema.check_meta(meta, _fail(name))


def _validate_values(arrays, meta, name):
    schema.check_values(arrays, meta, _fail(name))
    consistency.check(arrays, meta, _fail(name))


def validate(arrays, meta, name="trace"):
    """Raise TraceError unless the arrays and meta form a complete, finite, self-consistent trace."""
    if not isinstance(meta, dict):
        raise TraceError(f"{name}: key 'meta' must hold a JSON object")
    _check_meta(meta, name)
    headers = {}
    for key, arr in arrays.items():
        arr = np.asarray(arr)
        if arr.dtype.hasobject:
            raise TraceError(f"{name}: key '{key}': object arrays cannot be stored in a trace")
        headers[key] = (arr.dtype, arr.shape)
    schema.check_headers(headers, meta, _fail(name))
    _validate_values({k: np.asarray(v) for k, v in arrays.items()}, meta, name)
