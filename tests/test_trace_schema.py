"""The trace schema: unknown keys and oversized arrays refused from the headers, and a
structural fuzz: whatever the loader accepts also inspects and gives every chapter's text.

The fuzz mutates the shipped trace the way a broken or hostile file could: metadata fields
removed, replaced by values of other types or out-of-range numbers, unknown fields added;
arrays removed, added, cut, grown, re-typed, reshaped or given odd values. Each mutant is
written as a real .npz and given to ``load_trace``: it must raise TraceError or load, and
a loaded trace must pass ``nnmath inspect``'s description and every chapter's text step
(``scenes.values.<slug>.values`` + ``narration`` + ``key_numbers``, without manim).
"""

import copy
import io
import os
import subprocess
import sys
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from bench.trace_mutations import (
    ARRAYS0,
    META0,
    MUTATIONS,
    REPO,
    SHIPPED,
    accepted_trace_works,
    apply,
    write_stored,
)
from nnmath.errors import TraceError
from nnmath.schema import ARRAYS, MAX_TRACE_BYTES
from nnmath.trace import load_trace

#: How many mutants the fuzz tries (raise it for a longer run, e.g. 3000).
FUZZ_EXAMPLES = int(os.environ.get("NNMATH_FUZZ_EXAMPLES", "150"))


# -------------------------------------------------------------------- unknown and huge keys

def test_unknown_array_key_is_refused(tmp_path):
    path = write_stored(tmp_path / "t.npz", dict(ARRAYS0, extra=np.zeros(3)), META0)
    with pytest.raises(TraceError, match=r"key 'extra' is not a key of a trace"):
        load_trace(path)


def test_unknown_meta_field_is_refused(tmp_path):
    meta = dict(META0, comment="hello")
    path = write_stored(tmp_path / "t.npz", ARRAYS0, meta)
    with pytest.raises(TraceError, match=r"unknown field 'comment'"):
        load_trace(path)


@pytest.mark.parametrize("field, value, message", [
    ("learn_rate", "0.01", "field 'learn_rate' must be a number"),
    ("class_names", {"0": "zero"}, "field 'class_names' must be a list"),
    ("class_names", ["a"] * 9, "must name the 10 classes"),
    ("epochs", 3.0, "field 'epochs' must be a whole number"),
    ("files", ["t10k-images-idx3-ubyte.gz"], "field 'files' must be an object"),
    ("schedule", {"first": 10, "log_points": 16, "epoch_ends": True, "curve_every": 0},
     "'curve_every' must be from 1"),
    ("sizes", [785, 20, 10], "square image's pixel count"),
])
def test_meta_fields_are_checked_against_the_schema(tmp_path, field, value, message):
    meta = dict(META0, **{field: value})
    path = write_stored(tmp_path / "t.npz", ARRAYS0, meta)
    with pytest.raises(TraceError, match=message):
        load_trace(path)


def test_infer_index_out_of_range_is_refused(tmp_path):
    arrays = dict(ARRAYS0, infer_index=ARRAYS0["infer_index"] + 5000)
    path = write_stored(tmp_path / "t.npz", arrays, META0)
    with pytest.raises(TraceError, match="'infer_index' holds .*at most 1999"):
        load_trace(path)


def zeros_block_trace(path, key, n_bytes):
    """The shipped trace plus a compressed block of ``n_bytes`` zeros under ``key``."""
    with zipfile.ZipFile(path, "w") as out, zipfile.ZipFile(SHIPPED) as src:
        for info in src.infolist():
            if info.filename != f"{key}.npy":
                out.writestr(info, src.read(info))
        header = io.BytesIO()
        np.lib.format.write_array_header_2_0(
            header, {"descr": "|u1", "fortran_order": False, "shape": (n_bytes // 784, 784)})
        member = zipfile.ZipInfo(f"{key}.npy")
        member.compress_type = zipfile.ZIP_DEFLATED
        with out.open(member, "w", force_zip64=True) as f:
            f.write(header.getvalue())
            chunk = bytes(784 * 2**16)
            for _ in range(n_bytes // len(chunk)):
                f.write(chunk)
    return path


@pytest.fixture(scope="module")
def huge_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("huge")
    n = 784 * 2**21                                       # 1.5 GiB of zeros, a few MB compressed
    yield {"extra": zeros_block_trace(folder / "extra.npz", "extra", n),
           "data_img": zeros_block_trace(folder / "known.npz", "data_img", n)}
    for path in folder.iterdir():
        path.unlink()


@pytest.mark.parametrize("key, message", [("extra", "'extra' is not a key of a trace"),
                                          ("data_img", "'data_img' has shape")])
def test_a_huge_block_is_refused_without_decompressing_it(huge_files, key, message):
    """`nnmath inspect` refuses a small file declaring 1.5 GiB, in well under 1.5 GiB of memory."""
    path = huge_files[key]
    assert path.stat().st_size < 20_000_000
    # the peak from /proc (VmHWM, kB): ru_maxrss would carry over the memory of the forked
    # pytest process across exec, which after the chapter tests is over a gigabyte
    probe = ("import re, sys\nfrom nnmath.cli import main\ncode = main(['inspect', "
             f"{str(path)!r}])\nstatus = open('/proc/self/status').read()\n"
             "print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
             "sys.exit(code)")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                       cwd=REPO, timeout=300, check=False)
    assert r.returncode == 1 and message in r.stderr and "Traceback" not in r.stderr
    peak_mb = int(r.stdout.split()[-1]) / 1024
    assert peak_mb < 300, f"peak memory {peak_mb:.0f} MB"
    assert MAX_TRACE_BYTES < 784 * 2**21


# ------------------------------------------------------------------------------ messages

@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_never_get_numpys_pickle_advice(tmp_path, seed, capsys):
    path = tmp_path / "random.npz"
    path.write_bytes(np.random.default_rng(seed).bytes(5000))
    assert subprocess.run([sys.executable, "-m", "nnmath", "inspect", str(path)], cwd=REPO,
                          capture_output=True, text=True, check=False).stderr.count("pickle") == 0
    with pytest.raises(TraceError) as err:
        load_trace(path)
    assert "pickle" not in str(err.value) and str(path) in str(err.value)


def test_a_pickled_member_is_refused_from_its_header(tmp_path):
    path = tmp_path / "pickled.npz"
    arrays = dict(ARRAYS0)
    with zipfile.ZipFile(path, "w") as zf:
        for key, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, arr)
            zf.writestr(f"{key}.npy", buf.getvalue())
        buf = io.BytesIO()
        np.save(buf, np.array([{"evil": True}], dtype=object), allow_pickle=True)
        zf.writestr("meta.npy", buf.getvalue())
    with pytest.raises(TraceError, match="holds Python objects") as err:
        load_trace(path)
    assert "load it unsafely" not in str(err.value)


# ---------------------------------------------------------------------- the structural fuzz

STATS = {"tried": 0, "refused": 0, "accepted": 0}


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations=MUTATIONS)
def test_structural_fuzz_refuses_cleanly_or_loads_a_trace_that_renders(tmp_path, mutations):
    arrays, meta = dict(ARRAYS0), copy.deepcopy(META0)
    for m in mutations:
        apply(m, arrays, meta)
    path = write_stored(tmp_path / "fuzz.npz", arrays, meta)
    STATS["tried"] += 1
    try:
        trace = load_trace(path)
    except TraceError as exc:
        STATS["refused"] += 1
        assert str(path) in str(exc) and "pickle" not in str(exc)
        return
    STATS["accepted"] += 1
    accepted_trace_works(trace, path)


def test_the_unmutated_trace_passes_the_fuzz_checks(tmp_path):
    path = write_stored(tmp_path / "same.npz", ARRAYS0, META0)
    accepted_trace_works(load_trace(path), path)
    assert set(ARRAYS0) == set(ARRAYS)


def test_an_encrypted_member_is_one_clear_error(tmp_path):
    path = write_stored(tmp_path / "t.npz", ARRAYS0, META0)
    raw = bytearray(path.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := raw.find(signature, start)) >= 0:
            raw[i + flag_at] |= 1                          # "encrypted" in every header
            start = i + 4
    path.write_bytes(bytes(raw))
    with pytest.raises(TraceError, match="not a readable trace"):
        load_trace(path)
