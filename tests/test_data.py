"""Tests of nnmath.data: strict IDX reading, where data sets are found, loading, downloading.

The real files are used where they exist: MNIST's test files and training labels in
``$NNMATH_DATA/mnist`` (CI sets it), and Debian's Fashion-MNIST in
``/usr/share/datasets/fashion-mnist``. Tests of the machinery (finding, checking,
downloading) use whichever real data set is there (``local`` below), so a machine
without MNIST runs them on Fashion-MNIST. No test touches the network.
"""

import gzip
import hashlib
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from datasets import HOW_TO_GET_MNIST
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnmath import data
from nnmath.data import (
    DATASET_NAMES,
    OFFICIAL_SHA256,
    TEST_IMAGES,
    TEST_LABELS,
    TRAIN_IMAGES,
    TRAIN_LABELS,
    Dataset,
    download,
    find_files,
    load_dataset,
    parse_idx,
    read_idx,
    search_dirs,
    sha256_file,
)
from nnmath.errors import DataError

SHARED_DATA = Path(os.environ.get("NNMATH_DATA") or "/nonexistent/NNMATH_DATA-is-not-set")
SHARED_MNIST = SHARED_DATA / "mnist"
SYSTEM_DATASETS = Path("/usr/share/datasets")
DEBIAN_FASHION = SYSTEM_DATASETS / "fashion-mnist"

#: MD5s published with MNIST, for the three files present in shared/data.
MNIST_MD5 = {
    TEST_IMAGES: "9fb629c4189551a2d022fa330f9573f3",
    TEST_LABELS: "ec29112dd5afa0611ce80d1b7f02629c",
    TRAIN_LABELS: "d53e105ee54ea40749a09fcbcd1e9432",
}

#: SHA-256 of the IDX data inside Zalando's official Fashion-MNIST .gz files
#: (published beside their MD5s). Debian re-gzips the files, so only the contents compare.
FASHION_CONTENT_SHA256 = {
    TRAIN_IMAGES: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    TRAIN_LABELS: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    TEST_IMAGES: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    TEST_LABELS: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}

MNIST_10K_FILES = (TEST_IMAGES, TEST_LABELS)


def idx_bytes(array) -> bytes:
    """An IDX file holding a uint8 array, built by hand from the format's definition."""
    array = np.asarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim])
    dims = b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + dims + array.tobytes()


def write(path: Path, raw: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


def link_files(folder: Path, source: Path, names) -> Path:
    """A data-set folder whose files are symlinks to real ones."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).symlink_to(source / name)
    return folder


# --- fixtures ---------------------------------------------------------------------------


def mnist_here():
    return all((SHARED_MNIST / name).is_file() for name in MNIST_10K_FILES)


@pytest.fixture
def shared_mnist():
    """The MNIST folder; skip (fail in CI) only if its test files truly are absent."""
    if not mnist_here():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have MNIST's test files in {SHARED_MNIST}")
        pytest.skip(f"MNIST's test files are not here; {HOW_TO_GET_MNIST}")
    return SHARED_MNIST


@dataclass
class Local:
    """A real data set on this machine: its name, folder name, where its files are, which."""

    name: str
    folder: str
    source: Path
    files: tuple


@pytest.fixture
def local(monkeypatch):
    """mnist-10k's files if here, else Debian's Fashion-MNIST (whose re-gzipped files stand
    in for the official ones: the checksum table gets their SHA-256s, nothing else changes)."""
    if mnist_here():
        return Local("mnist-10k", "mnist", SHARED_MNIST, MNIST_10K_FILES)
    if not all((DEBIAN_FASHION / n).is_file() for n in data.FILES["fashion-mnist"]):
        pytest.skip(f"neither MNIST nor Fashion-MNIST is here; {HOW_TO_GET_MNIST}")
    monkeypatch.setitem(data.OFFICIAL_SHA256, "fashion-mnist",
                        {n: sha256_file(DEBIAN_FASHION / n) for n in data.FILES["fashion-mnist"]})
    return Local("fashion-mnist", "fashion-mnist", DEBIAN_FASHION, data.FILES["fashion-mnist"])


@pytest.fixture
def debian_fashion():
    if not all((DEBIAN_FASHION / name).is_file() for name in data.FILES["fashion-mnist"]):
        pytest.skip(f"Fashion-MNIST not in {DEBIAN_FASHION} (apt-get install dataset-fashion-mnist)")
    return DEBIAN_FASHION


@pytest.fixture
def places(tmp_path, monkeypatch):
    """Every search place pointed at an empty temporary folder, so nothing leaks in."""
    monkeypatch.delenv(data.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(data, "SYSTEM_DATA_DIR", tmp_path / "system")
    return tmp_path


@pytest.fixture(scope="module")
def mnist_10k(tmp_path_factory):
    """mnist-10k loaded once from the shared data."""
    if not mnist_here():
        pytest.skip(f"MNIST's test files are not here; {HOW_TO_GET_MNIST}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(data.ENV_VAR, str(SHARED_DATA))
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))
        return load_dataset("mnist-10k")


@pytest.fixture(scope="module")
def fashion(tmp_path_factory):
    """Fashion-MNIST loaded once, found through the system data-set folder alone."""
    if not DEBIAN_FASHION.is_dir():
        pytest.skip(f"Fashion-MNIST not in {DEBIAN_FASHION}")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(data.ENV_VAR, raising=False)
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))
        return load_dataset("fashion-mnist")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One file the fuzz tests overwrite per example (hypothesis wants no per-test fixture)."""
    return tmp_path_factory.mktemp("fuzz") / "sample.idx"


# --- read_idx on hand-built files ------------------------------------------------------------

LABELS = np.array([3, 1, 4, 1, 5, 9, 2, 6], dtype=np.uint8)
IMAGES = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4) * 10


def test_idx_bytes_matches_the_format_by_hand():
    assert idx_bytes([7, 255]) == bytes.fromhex("00000801 00000002 07ff")


@pytest.mark.parametrize("packed", [lambda raw: raw, gzip.compress], ids=["raw", "gzip"])
@pytest.mark.parametrize("array", [LABELS, IMAGES], ids=["labels", "images"])
def test_read_idx_returns_exactly_the_stored_array(tmp_path, packed, array):
    path = write(tmp_path / "file", packed(idx_bytes(array)))
    result = read_idx(path)
    assert result.dtype == np.uint8
    assert result.shape == array.shape
    np.testing.assert_array_equal(result, array)


def test_read_idx_images_hand_written_bytes(tmp_path):
    raw = bytes.fromhex("00000803 00000001 00000002 00000002 000180ff")
    result = read_idx(write(tmp_path / "img", raw))
    np.testing.assert_array_equal(result, np.array([[[0, 1], [128, 255]]], dtype=np.uint8))


def test_read_idx_detects_gzip_by_magic_not_name(tmp_path):
    gz_named_raw = write(tmp_path / "labels.gz", idx_bytes(LABELS))
    raw_named_gz = write(tmp_path / "labels", gzip.compress(idx_bytes(LABELS)))
    np.testing.assert_array_equal(read_idx(gz_named_raw), LABELS)
    np.testing.assert_array_equal(read_idx(raw_named_gz), LABELS)


def test_read_idx_result_is_a_writable_copy(tmp_path):
    result = read_idx(write(tmp_path / "f", idx_bytes(LABELS)))
    result[0] = 0
    assert result.flags.writeable


def test_read_idx_accepts_empty_label_file(tmp_path):
    result = read_idx(write(tmp_path / "f", idx_bytes(np.zeros(0, dtype=np.uint8))))
    assert result.shape == (0,)


BAD_FILES = {
    "empty": (b"", "too short"),
    "short header": (b"\x00\x00\x08", "too short"),
    "not idx": (b"PK\x03\x04" + bytes(8), "not an IDX file"),
    "float type": (bytes.fromhex("00000d01 00000001") + bytes(4), "type code 0x0d"),
    "int type": (bytes.fromhex("00000c01 00000001") + bytes(4), "type code 0x0c"),
    "2 dims": (bytes.fromhex("00000802 00000001 00000001 00"), "2 dimensions"),
    "0 dims": (bytes.fromhex("00000800"), "0 dimensions"),
    "truncated dims": (bytes.fromhex("00000803 00000001 0000"), "truncated IDX header"),
    "short data": (bytes.fromhex("00000801 00000003 0102"), "truncated IDX data"),
    "trailing byte": (bytes.fromhex("00000801 00000002 010203"), "1 unexpected bytes"),
    "broken gzip": (gzip.compress(idx_bytes(LABELS))[:-5], "broken gzip"),
    "gzip of garbage header": (gzip.compress(b"hello world"), "not an IDX file"),
    "gzip magic then junk": (b"\x1f\x8b" + bytes(30), "broken gzip"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_read_idx_rejects_bad_file_naming_file_and_fault(tmp_path, name):
    raw, fault = BAD_FILES[name]
    path = write(tmp_path / "bad-file.idx", raw)
    with pytest.raises(DataError) as caught:
        read_idx(path)
    assert str(path) in str(caught.value)
    assert fault in str(caught.value)


def test_read_idx_missing_file_is_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        read_idx(tmp_path / "nope.gz")


def test_read_idx_every_header_bit_flip_is_caught(tmp_path):
    raw = idx_bytes(IMAGES)
    header_len = 4 + 4 * IMAGES.ndim
    for index in range(header_len):
        for bit in range(8):
            flipped = bytearray(raw)
            flipped[index] ^= 1 << bit
            with pytest.raises(DataError):
                parse_idx(bytes(flipped), f"flip {index}.{bit}")


def test_read_idx_truncated_real_gzip_file(local, tmp_path):
    raw = (local.source / TEST_LABELS).read_bytes()
    for cut in (0, 1, 2, 10, 100, len(raw) // 2, len(raw) - 9, len(raw) - 1):
        path = write(tmp_path / TEST_LABELS, raw[:cut])
        with pytest.raises(DataError, match=TEST_LABELS):
            read_idx(path)


# --- fuzzing: nothing but DataError, or a valid array -------------------------------------

FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
VALID_FILE = idx_bytes(np.random.default_rng(0).integers(0, 256, (3, 5, 4), dtype=np.uint8))
VALID_GZIP = gzip.compress(VALID_FILE, mtime=0)


def read_or_data_error(path: Path, raw: bytes):
    """read_idx on raw bytes: an array, or None when it raised DataError (anything else fails)."""
    path.write_bytes(raw)
    try:
        return read_idx(path)
    except DataError as error:
        assert str(path) in str(error)
        return None


def assert_valid_idx_array(array, raw: bytes):
    """A returned array must be what its (decompressed) header says, byte for byte."""
    plain = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    n_dims = plain[3]
    dims = tuple(int.from_bytes(plain[4 + 4 * k: 8 + 4 * k], "big") for k in range(n_dims))
    assert plain[:3] == b"\x00\x00\x08" and n_dims in (1, 3)
    assert array.dtype == np.uint8 and array.shape == dims
    assert array.tobytes() == plain[4 + 4 * n_dims:]


@FUZZ
@given(raw=st.binary(max_size=300))
def test_fuzz_random_bytes(scratch, raw):
    array = read_or_data_error(scratch, raw)
    if array is not None:
        assert_valid_idx_array(array, raw)


@FUZZ
@given(body=st.binary(max_size=200))
def test_fuzz_gzip_of_garbage(scratch, body):
    raw = gzip.compress(body, mtime=0)
    array = read_or_data_error(scratch, raw)
    if array is not None:
        assert_valid_idx_array(array, raw)


@FUZZ
@given(
    n_dims=st.sampled_from([1, 3]),
    dims=st.lists(st.integers(0, 6), min_size=3, max_size=3),
    extra=st.integers(-5, 5),
    packed=st.booleans(),
    data_=st.data(),
)
def test_fuzz_headers_against_data_lengths(scratch, n_dims, dims, extra, packed, data_):
    dims = dims[:n_dims]
    n_bytes = max(0, int(np.prod(dims)) + extra)
    body = data_.draw(st.binary(min_size=n_bytes, max_size=n_bytes))
    plain = bytes([0, 0, 8, n_dims]) + b"".join(d.to_bytes(4, "big") for d in dims) + body
    raw = gzip.compress(plain, mtime=0) if packed else plain
    array = read_or_data_error(scratch, raw)
    if len(body) == int(np.prod(dims)):
        assert array is not None
        assert_valid_idx_array(array, raw)
    else:
        assert array is None


@FUZZ
@given(whole=st.sampled_from([VALID_FILE, VALID_GZIP]), data_=st.data())
def test_fuzz_truncations_of_a_valid_file(scratch, whole, data_):
    cut = data_.draw(st.integers(0, len(whole) - 1))
    assert read_or_data_error(scratch, whole[:cut]) is None


@FUZZ
@given(tail=st.binary(min_size=1, max_size=20))
def test_fuzz_trailing_bytes_after_a_raw_file(scratch, tail):
    assert read_or_data_error(scratch, VALID_FILE + tail) is None


@FUZZ
@given(index=st.integers(0, len(VALID_GZIP) - 1), bit=st.integers(0, 7))
def test_fuzz_bit_flips_in_a_gzip_file(scratch, index, bit):
    flipped = bytearray(VALID_GZIP)
    flipped[index] ^= 1 << bit
    array = read_or_data_error(scratch, bytes(flipped))
    if array is not None:  # e.g. a flip in the gzip header's time stamp or OS byte
        assert array.tobytes() == parse_idx(VALID_FILE).tobytes()


@FUZZ
@given(
    array=st.one_of(
        st.lists(st.integers(0, 255), max_size=40).map(lambda v: np.array(v, dtype=np.uint8)),
        st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 4)).flatmap(
            lambda shape: st.binary(min_size=int(np.prod(shape)), max_size=int(np.prod(shape))).map(
                lambda b: np.frombuffer(b, dtype=np.uint8).reshape(shape))),
    ),
    packed=st.booleans(),
)
def test_fuzz_round_trip_of_valid_arrays(scratch, array, packed):
    raw = idx_bytes(array)
    result = read_or_data_error(scratch, gzip.compress(raw) if packed else raw)
    assert result is not None
    np.testing.assert_array_equal(result, array)
    assert result.shape == array.shape


# --- where files are looked for -------------------------------------------------------------


def test_search_dirs_order(places, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(places / "env"))
    assert search_dirs(places / "arg") == [
        places / "arg", places / "env", places / "xdg" / "nnmath", places / "system",
    ]
    assert search_dirs() == [places / "env", places / "xdg" / "nnmath", places / "system"]


def test_cache_dir_defaults_to_home_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data.cache_dir() == tmp_path / ".cache" / "nnmath"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec says: ignore
    assert data.cache_dir() == tmp_path / ".cache" / "nnmath"


def test_search_dirs_drops_duplicates(places, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(places / "xdg" / "nnmath"))
    assert search_dirs(places / "xdg" / "nnmath") == [places / "xdg" / "nnmath", places / "system"]


def test_default_system_dir_is_debians():
    assert data.SYSTEM_DATA_DIR == Path("/usr/share/datasets")


def test_precedence_of_places(places, monkeypatch, local):
    arg, env, cache, system = (places / "arg", places / "env", places / "xdg" / "nnmath",
                               places / "system")
    for base in (arg, env, cache, system):
        link_files(base / local.folder, local.source, local.files)
    monkeypatch.setenv(data.ENV_VAR, str(env))
    assert find_files(local.name, arg) == arg / local.folder
    assert find_files(local.name) == env / local.folder
    monkeypatch.delenv(data.ENV_VAR)
    assert find_files(local.name) == cache / local.folder
    shutil.rmtree(cache)
    assert find_files(local.name) == system / local.folder
    assert load_dataset(local.name).folder == str(system / local.folder)


def test_incomplete_folder_is_skipped_for_a_complete_later_one(places, monkeypatch, local):
    link_files(places / "arg" / local.folder, local.source, [TEST_LABELS])
    link_files(places / "env" / local.folder, local.source, local.files)
    monkeypatch.setenv(data.ENV_VAR, str(places / "env"))
    assert find_files(local.name, places / "arg") == places / "env" / local.folder


def test_un_gzipped_names_are_accepted(places, local):
    folder = places / "arg" / local.folder
    for name in local.files:
        write(folder / name.removesuffix(".gz"), gzip.decompress((local.source / name).read_bytes()))
    dataset = load_dataset(local.name, places / "arg")
    assert sorted(dataset.files) == sorted(n.removesuffix(".gz") for n in local.files)
    assert dataset.n_train == data.COUNTS[local.name][0]


def test_missing_files_message_lists_every_place_and_the_remedies(places, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(places / "env"))
    (places / "arg").mkdir()  # there, but without the files (a missing one: its own error)
    with pytest.raises(DataError) as caught:
        find_files("mnist", places / "arg")
    message = str(caught.value)
    for folder in search_dirs(places / "arg"):
        assert str(folder / "mnist") in message
    for remedy in ("nnmath download mnist", "--data-dir", "NNMATH_DATA"):
        assert remedy in message
    assert "\n" not in message  # the command line prints errors as one line


def test_missing_fashion_message_mentions_the_debian_package(places):
    with pytest.raises(DataError, match="apt-get install dataset-fashion-mnist"):
        find_files("fashion-mnist")


def test_full_mnist_names_the_missing_training_images(places, monkeypatch):
    """A folder with mnist-10k's files (and the training labels) lacks only the training images."""
    folder = places / "env" / "mnist"
    for name in (TEST_IMAGES, TEST_LABELS, TRAIN_LABELS):
        write(folder / name, b"")
    monkeypatch.setenv(data.ENV_VAR, str(places / "env"))
    with pytest.raises(DataError) as caught:
        load_dataset("mnist")
    assert f"{folder} ({data.ENV_VAR}: missing {TRAIN_IMAGES})" in str(caught.value)


def test_unknown_name_is_data_error(places):
    for call in (load_dataset, find_files, download):
        with pytest.raises(DataError, match="unknown data set 'cifar'"):
            call("cifar")


# --- loading the real data sets ------------------------------------------------------------------


def test_mnist_10k_from_the_official_files(mnist_10k, shared_mnist):
    """The one test that needs MNIST's own files: split, provenance, content, checksums."""
    labels = read_idx(shared_mnist / TEST_LABELS)
    images = read_idx(shared_mnist / TEST_IMAGES).reshape(10_000, 784)
    assert isinstance(mnist_10k, Dataset)
    assert (mnist_10k.n_train, mnist_10k.n_test) == (8000, 2000)
    assert mnist_10k.train_images.shape == (8000, 784) and mnist_10k.test_images.shape == (2000, 784)
    for array in (mnist_10k.train_images, mnist_10k.train_labels,
                  mnist_10k.test_images, mnist_10k.test_labels):
        assert array.dtype == np.uint8
    np.testing.assert_array_equal(mnist_10k.train_labels, labels[:8000])
    np.testing.assert_array_equal(mnist_10k.test_labels, labels[8000:])
    np.testing.assert_array_equal(mnist_10k.train_images, images[:8000])
    np.testing.assert_array_equal(mnist_10k.test_images, images[8000:])
    # provenance
    assert mnist_10k.name == "mnist-10k"
    assert mnist_10k.folder == str(shared_mnist)
    assert mnist_10k.files == {name: OFFICIAL_SHA256["mnist"][name] for name in sorted(MNIST_10K_FILES)}
    assert list(mnist_10k.files) == sorted(mnist_10k.files)
    assert mnist_10k.class_names == tuple("0123456789")
    # MNIST's first test image is the well-known 7; pixels are 0-255 in file order
    assert mnist_10k.train_labels[0] == 7
    assert mnist_10k.train_images[0].max() == 255 and mnist_10k.train_images[0, 0] == 0
    # the checksum table agrees with the MD5s published with MNIST
    for name, md5 in MNIST_MD5.items():
        if (shared_mnist / name).is_file():
            assert hashlib.md5((shared_mnist / name).read_bytes()).hexdigest() == md5
            assert sha256_file(shared_mnist / name) == OFFICIAL_SHA256["mnist"][name]


def test_dataset_is_frozen(real_data):
    with pytest.raises(AttributeError):
        real_data.name = "other"


def test_fashion_mnist_from_debian_package(fashion, debian_fashion):
    assert (fashion.n_train, fashion.n_test) == (60_000, 10_000)
    assert fashion.folder == str(debian_fashion)
    assert fashion.train_images.shape == (60_000, 784)
    assert fashion.test_images.shape == (10_000, 784)
    np.testing.assert_array_equal(np.bincount(fashion.train_labels, minlength=10), [6000] * 10)
    np.testing.assert_array_equal(np.bincount(fashion.test_labels, minlength=10), [1000] * 10)
    assert fashion.class_names[:3] == ("T-shirt/top", "Trouser", "Pullover")
    assert fashion.class_names[-1] == "Ankle boot" and len(fashion.class_names) == 10


def test_fashion_mnist_files_record_what_was_read(fashion, debian_fashion):
    assert fashion.files == {name: sha256_file(debian_fashion / name)
                             for name in sorted(data.FILES["fashion-mnist"])}


def test_debian_fashion_content_is_the_official_data(debian_fashion):
    """Debian re-gzipped the files; the IDX bytes inside equal Zalando's official ones."""
    for name, expected in FASHION_CONTENT_SHA256.items():
        content = gzip.decompress((debian_fashion / name).read_bytes())
        assert hashlib.sha256(content).hexdigest() == expected, name


def mnist_10k_folder(places, images, labels):
    """A mnist-10k folder holding these arrays as IDX files (gzipped, as the official ones)."""
    folder = places / "arg" / "mnist"
    write(folder / TEST_IMAGES, gzip.compress(idx_bytes(images), compresslevel=1))
    write(folder / TEST_LABELS, gzip.compress(idx_bytes(labels), compresslevel=1))
    return folder


ZERO_IMAGES = np.zeros((10_000, 28, 28), dtype=np.uint8)


def test_label_count_mismatch_is_data_error_naming_both_files(places):
    folder = mnist_10k_folder(places, ZERO_IMAGES, np.zeros(9_999, dtype=np.uint8))
    with pytest.raises(DataError, match="10,000 images but 9,999 labels") as caught:
        load_dataset("mnist-10k", places / "arg")
    assert str(folder / TEST_IMAGES) in str(caught.value)
    assert str(folder / TEST_LABELS) in str(caught.value)


def test_labels_swapped_for_images_is_data_error_naming_the_file(places):
    labels = np.zeros(10_000, dtype=np.uint8)
    folder = mnist_10k_folder(places, labels, labels)
    with pytest.raises(DataError, match=r"shaped \(10000,\), not \(n, 28, 28\)") as caught:
        load_dataset("mnist-10k", places / "arg")
    assert str(caught.value).startswith(f"{folder / TEST_IMAGES}: ")


def test_label_out_of_range_is_data_error_naming_the_file(places):
    folder = mnist_10k_folder(places, ZERO_IMAGES, np.full(10_000, 10, dtype=np.uint8))
    with pytest.raises(DataError, match="labels must be 0-9") as caught:
        load_dataset("mnist-10k", places / "arg")
    assert str(caught.value).startswith(f"{folder / TEST_LABELS}: ")


def test_missing_data_suggests_a_download_command_that_works(places, capsys):
    from nnmath.cli import build_parser

    (places / "arg").mkdir()
    with pytest.raises(DataError) as caught:
        find_files("mnist-10k", places / "arg")
    commands = re.findall(r"`(nnmath download [^`]+)`", str(caught.value))
    assert commands == ["nnmath download mnist"]
    build_parser().parse_args(commands[0].split()[1:])          # argparse accepts it


def test_corrupt_file_in_data_set_names_the_file(places, local):
    folder = link_files(places / "arg" / local.folder, local.source, [TEST_IMAGES])
    for name in local.files:
        if name != TEST_IMAGES and name != TEST_LABELS:
            (folder / name).symlink_to(local.source / name)
    raw = (local.source / TEST_LABELS).read_bytes()
    write(folder / TEST_LABELS, raw[: len(raw) // 2])
    with pytest.raises(DataError, match=f"{folder / TEST_LABELS}: broken gzip"):
        load_dataset(local.name, places / "arg")


# --- checksums and downloading (never the network) ---------------------------------------------


def test_sha256_file(tmp_path):
    path = write(tmp_path / "f", b"abc" * 1_000_000)
    assert sha256_file(path) == hashlib.sha256(b"abc" * 1_000_000).hexdigest()


def test_checksum_table_covers_every_file():
    for folder in ("mnist", "fashion-mnist"):
        assert sorted(OFFICIAL_SHA256[folder]) == sorted(data.FILES["mnist"])
        for digest in OFFICIAL_SHA256[folder].values():
            assert len(digest) == 64 and int(digest, 16) >= 0


def test_mirrors_are_https_and_cover_every_folder():
    for folder in OFFICIAL_SHA256:
        assert data.MIRRORS[folder]
        assert all(url.startswith("https://") and url.endswith("/") for url in data.MIRRORS[folder])


def leftovers(folder: Path):
    """Temporary download files left behind (there must never be any)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def serve_from(monkeypatch, local, mirror: Path):
    """Make the data set's 'mirror' a local folder, fetched through urllib as file:// URLs."""
    monkeypatch.setitem(data.MIRRORS, local.folder, (mirror.as_uri() + "/",))


def test_download_checks_and_places_files(places, monkeypatch, local):
    serve_from(monkeypatch, local, local.source)
    folder = download(local.name, places / "arg", progress=False)
    assert folder == places / "arg" / local.folder
    assert sorted(p.name for p in folder.iterdir()) == sorted(local.files)
    for name in local.files:
        assert sha256_file(folder / name) == OFFICIAL_SHA256[local.folder][name]
    assert load_dataset(local.name, places / "arg").n_train == data.COUNTS[local.name][0]


def test_download_defaults_to_the_user_cache(places, monkeypatch, local):
    serve_from(monkeypatch, local, local.source)
    folder = download(local.name, progress=False)
    assert folder == places / "xdg" / "nnmath" / local.folder
    assert find_files(local.name) == folder


def test_download_through_the_https_opener(places, monkeypatch, local, capsys):
    opened = []

    def fake_open(url):
        opened.append(url)
        return io.BytesIO((local.source / url.rsplit("/", 1)[1]).read_bytes())

    monkeypatch.setattr(data, "_open_url", fake_open)
    download(local.name, places / "arg", progress=True)
    assert opened == [data.MIRRORS[local.folder][0] + name for name in local.files]
    assert "checksum OK" in capsys.readouterr().err


def test_download_wrong_checksum_discards_the_file(places, monkeypatch, local):
    mirror = link_files(places / "mirror", local.source,
                        [n for n in local.files if n != TEST_LABELS])
    corrupt = bytearray((local.source / TEST_LABELS).read_bytes())
    corrupt[100] ^= 0xFF
    write(mirror / TEST_LABELS, bytes(corrupt))
    serve_from(monkeypatch, local, mirror)
    with pytest.raises(DataError) as caught:
        download(local.name, places / "arg", progress=False)
    message = str(caught.value)
    assert TEST_LABELS in message
    assert OFFICIAL_SHA256[local.folder][TEST_LABELS] in message
    assert hashlib.sha256(bytes(corrupt)).hexdigest() in message
    folder = places / "arg" / local.folder
    assert not (folder / TEST_LABELS).exists()
    assert leftovers(folder) == []
    assert (folder / TEST_IMAGES).is_file()  # the good file before it was kept


def test_download_interrupted_leaves_nothing(places, monkeypatch):
    class Broken(io.BytesIO):
        def read(self, size=-1):
            if self.tell():
                raise ConnectionResetError("connection reset by peer")
            return super().read(1000)

    monkeypatch.setattr(data, "_open_url", lambda url: Broken(bytes(5000)))
    with pytest.raises(DataError, match="download failed.*connection reset"):
        download("mnist-10k", places / "arg", progress=False)
    assert not (places / "arg").exists()  # not even the folders it made (issue #24)


def test_download_tries_the_next_mirror(places, monkeypatch, local):
    monkeypatch.setitem(data.MIRRORS, local.folder,
                        ((places / "empty").as_uri() + "/", local.source.as_uri() + "/"))
    folder = download(local.name, places / "arg", progress=False)
    assert sorted(p.name for p in folder.iterdir()) == sorted(local.files)


def test_download_missing_everywhere_names_each_failure(places, monkeypatch):
    monkeypatch.setitem(data.MIRRORS, "mnist", ((places / "empty").as_uri() + "/",))
    with pytest.raises(DataError, match=f"could not download {TEST_IMAGES}.*download failed"):
        download("mnist-10k", places / "arg", progress=False)
    assert not (places / "arg").exists()


def test_download_skips_good_files_and_replaces_bad_ones(places, monkeypatch, local):
    folder = link_files(places / "arg" / local.folder, local.source,
                        [n for n in local.files if n != TEST_LABELS])
    write(folder / TEST_LABELS, b"stale")
    fetched = []

    def fake_open(url):
        fetched.append(url.rsplit("/", 1)[1])
        return io.BytesIO((local.source / fetched[-1]).read_bytes())

    monkeypatch.setattr(data, "_open_url", fake_open)
    download(local.name, places / "arg", progress=False)
    assert fetched == [TEST_LABELS]
    assert sha256_file(folder / TEST_LABELS) == OFFICIAL_SHA256[local.folder][TEST_LABELS]


def test_download_refuses_plain_http(places, monkeypatch):
    monkeypatch.setitem(data.MIRRORS, "mnist", ("http://example.invalid/",))
    monkeypatch.setattr(data, "_open_url", lambda url: pytest.fail("must not open " + url))
    with pytest.raises(DataError, match="non-HTTPS"):
        download("mnist-10k", places / "arg", progress=False)


def test_download_full_data_sets_fetch_four_files(places, monkeypatch):
    fetched = []

    def fake_open(url):
        fetched.append(url)
        return io.BytesIO(b"not the real file")

    monkeypatch.setattr(data, "_open_url", fake_open)
    for name in ("mnist", "fashion-mnist"):
        with pytest.raises(DataError, match="wrong SHA-256"):
            download(name, places / "arg", progress=False)
    assert data.MIRRORS["fashion-mnist"][0] + TRAIN_IMAGES in fetched
    assert not (places / "arg").exists()


def test_dataset_names():
    assert DATASET_NAMES == ("mnist", "fashion-mnist", "mnist-10k")
    assert set(data.FOLDERS) == set(data.FILES) == set(data.COUNTS) == set(DATASET_NAMES)
