"""The data sets the network learns from: finding, checking, reading and downloading them.

Every file is read strictly (an IDX header that does not match its data is an
error, never a guess), and :class:`Dataset` records the SHA-256 of each file it
read, so a trace can say exactly which bytes a run learned from.

A data directory holds one folder per data set, with the official file names::

    <dir>/mnist/train-images-idx3-ubyte.gz   (or the un-gzipped name)
    <dir>/fashion-mnist/t10k-labels-idx1-ubyte.gz
    ...

``mnist-10k`` is for machines without the 60,000 MNIST training images: it
reads only MNIST's 10,000 test images and labels from ``<dir>/mnist/`` and
trains on the first 8,000, holding out the last 2,000.
"""

import gzip
import hashlib
import math
import os
import sys
import tempfile
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DataError

DATASET_NAMES = ("mnist", "fashion-mnist", "mnist-10k")

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"

#: The folder inside a data directory that holds each data set's files.
FOLDERS = {"mnist": "mnist", "fashion-mnist": "fashion-mnist", "mnist-10k": "mnist"}

#: The files each data set needs: (train images, train labels, test images, test labels).
#: ``mnist-10k`` takes both its parts from MNIST's test files.
FILES = {
    "mnist": (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS),
    "fashion-mnist": (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS),
    "mnist-10k": (TEST_IMAGES, TEST_LABELS),
}

#: How many samples each data set has, (train, test), after any split.
COUNTS = {"mnist": (60_000, 10_000), "fashion-mnist": (60_000, 10_000), "mnist-10k": (8_000, 2_000)}

MNIST_CLASS_NAMES = tuple(str(digit) for digit in range(10))
FASHION_CLASS_NAMES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
CLASS_NAMES = {
    "mnist": MNIST_CLASS_NAMES,
    "fashion-mnist": FASHION_CLASS_NAMES,
    "mnist-10k": MNIST_CLASS_NAMES,
}

#: SHA-256 of the official distribution files, checked before a download is kept.
#: MNIST: the files whose MD5s are published with MNIST (the same SHA-256s are in
#: TensorFlow Datasets' url_checksums/mnist.txt). Fashion-MNIST: Zalando's files
#: (MD5s in its README; SHA-256s in TensorFlow Datasets' url_checksums/fashion_mnist.txt).
#: Debian's ``dataset-fashion-mnist`` re-gzips the files without the stored file name,
#: so its .gz files hash differently although the IDX data inside is identical.
OFFICIAL_SHA256 = {
    "mnist": {
        TRAIN_IMAGES: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        TRAIN_LABELS: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        TEST_IMAGES: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        TEST_LABELS: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    },
    "fashion-mnist": {
        TRAIN_IMAGES: "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        TRAIN_LABELS: "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        TEST_IMAGES: "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        TEST_LABELS: "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    },
}

#: HTTPS locations serving the official files, tried in order (file name appended).
MIRRORS = {
    "mnist": (
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ),
    "fashion-mnist": (
        "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
    ),
}

#: Where Debian's dataset packages (e.g. ``dataset-fashion-mnist``) install.
SYSTEM_DATA_DIR = Path("/usr/share/datasets")

ENV_VAR = "NNMATH_DATA"

IDX_LABELS_MAGIC = 0x00000801
IDX_IMAGES_MAGIC = 0x00000803
GZIP_MAGIC = b"\x1f\x8b"
IMAGE_SIDE = 28
N_CLASSES = 10
CHUNK = 1 << 20
DOWNLOAD_TIMEOUT_S = 60


@dataclass(frozen=True, eq=False)
class Dataset:
    """One data set in memory, with where it came from (eq=False: arrays do not compare to a bool)."""

    name: str
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    folder: str
    files: dict
    class_names: tuple

    @property
    def n_train(self):
        return len(self.train_labels)

    @property
    def n_test(self):
        return len(self.test_labels)


# --- IDX files -------------------------------------------------------------------------


def read_idx(path) -> np.ndarray:
    """The uint8 array in an IDX file (gzip or raw): labels 1-D, images 3-D."""
    return parse_idx(_read_bytes(path), path)


def parse_idx(raw: bytes, path="<bytes>") -> np.ndarray:
    """Decode IDX bytes, refusing anything whose header and data do not agree exactly."""
    data = _gunzip(raw, path) if raw[:2] == GZIP_MAGIC else raw
    dims = _idx_dims(data, path)
    body = memoryview(data)[4 + 4 * len(dims):]
    expected = math.prod(dims)
    if len(body) < expected:
        raise DataError(
            f"{path}: truncated IDX data: the header promises {expected:,} bytes "
            f"({' x '.join(map(str, dims))}) but only {len(body):,} follow"
        )
    if len(body) > expected:
        raise DataError(
            f"{path}: {len(body) - expected:,} unexpected bytes after the "
            f"{expected:,} bytes of IDX data ({' x '.join(map(str, dims))})"
        )
    return np.frombuffer(body, dtype=np.uint8).reshape(dims).copy()


def _read_bytes(path) -> bytes:
    """The whole file, or a DataError saying why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror or error}") from error


def _gunzip(raw: bytes, path) -> bytes:
    """Decompressed gzip data; a broken or truncated stream is a DataError."""
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(f"{path}: broken gzip stream ({error}); the file is corrupt or truncated") from error


def _idx_dims(data: bytes, path) -> tuple:
    """The dimensions in an IDX header, after checking its magic number."""
    if len(data) < 4:
        raise DataError(f"{path}: too short for an IDX file ({len(data)} bytes, the header needs 4)")
    magic = int.from_bytes(data[:4], "big")
    if data[:2] != b"\x00\x00":
        raise DataError(f"{path}: not an IDX file (magic number 0x{magic:08x})")
    if data[2] != 0x08:
        raise DataError(
            f"{path}: IDX type code 0x{data[2]:02x} is not supported (only 0x08, unsigned bytes)"
        )
    if magic not in (IDX_LABELS_MAGIC, IDX_IMAGES_MAGIC):
        raise DataError(
            f"{path}: IDX file with {data[3]} dimensions; expected 1 (labels, magic 0x00000801) "
            "or 3 (images, magic 0x00000803)"
        )
    n_dims = data[3]
    if len(data) < 4 + 4 * n_dims:
        raise DataError(f"{path}: truncated IDX header ({len(data)} bytes, needs {4 + 4 * n_dims})")
    return tuple(int.from_bytes(data[4 + 4 * k: 8 + 4 * k], "big") for k in range(n_dims))


def sha256_file(path) -> str:
    """SHA-256 hex digest of a file, read in chunks so large files cost no memory."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror or error}") from error
    return digest.hexdigest()


# --- where the files are ---------------------------------------------------------------


def cache_dir() -> Path:
    """The per-user cache: ``$XDG_CACHE_HOME/nnmath``, else ``~/.cache/nnmath``."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "nnmath"


def search_dirs(data_dir=None) -> list:
    """Data directories in the order they are searched; the first complete folder wins."""
    return [directory for directory, _ in _labelled_dirs(data_dir)]


def _labelled_dirs(data_dir):
    """(directory, where the setting came from), without duplicates, in search order."""
    candidates = []
    if data_dir is not None:
        candidates.append((Path(data_dir).expanduser(), "--data-dir"))
    for entry in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if entry:
            candidates.append((Path(entry).expanduser(), ENV_VAR))
    candidates.append((cache_dir(), "user cache"))
    candidates.append((Path(SYSTEM_DATA_DIR), "system data sets"))
    unique, seen = [], set()
    for directory, label in candidates:
        if directory not in seen:
            seen.add(directory)
            unique.append((directory, label))
    return unique


def find_files(name, data_dir=None) -> Path:
    """The first folder, in :func:`search_dirs` order, holding every file the data set needs."""
    _check_name(name)
    if data_dir is not None and not Path(data_dir).expanduser().is_dir():
        given = Path(data_dir).expanduser()
        what = "is not a folder" if given.exists() else "no such folder"
        raise DataError(f"--data-dir {given}: {what}; give the folder that holds "
                        f"{FOLDERS[name]}/ (the files in {given / FOLDERS[name]}/), or leave "
                        f"--data-dir out to search ${ENV_VAR}, the user cache and "
                        f"{SYSTEM_DATA_DIR}")
    report = []
    for directory, label in _labelled_dirs(data_dir):
        folder = directory / FOLDERS[name]
        missing = [file for file in FILES[name] if _present(folder, file) is None]
        if not missing:
            return folder
        state = "no such folder" if not folder.is_dir() else "missing " + ", ".join(missing)
        report.append(f"{folder} ({label}: {state})")
    raise DataError(_missing_message(name, report))


def _present(folder: Path, file: str):
    """The file as it sits in the folder, under its .gz or un-gzipped name, or None."""
    for candidate in (file, file.removesuffix(".gz")):
        if (folder / candidate).is_file():
            return folder / candidate
    return None


def _missing_message(name, report) -> str:
    """Where we looked and the ways to get the files, for a person to act on."""
    folder = FOLDERS[name]
    ways = [f"`nnmath download {folder}` (needs internet)"]
    if name == "fashion-mnist":
        ways.append("`apt-get install dataset-fashion-mnist`")
    ways.append(f"--data-dir DIR or {ENV_VAR}=DIR with the files in DIR/{folder}/")
    return (
        f"data set {name!r} needs {', '.join(FILES[name])} (gzipped or not) together in one "
        f"folder, and no folder has them all. Looked in: {'; '.join(report)}. "
        "Get them with " + ", or ".join(ways) + "."
    )


def _check_name(name):
    if name not in DATASET_NAMES:
        raise DataError(f"unknown data set {name!r}; choose one of {', '.join(DATASET_NAMES)}")


# --- loading ---------------------------------------------------------------------------


def load_dataset(name, data_dir=None) -> Dataset:
    """Find, read and check a data set, recording the SHA-256 of every file read."""
    folder = find_files(name, data_dir)
    arrays, files, paths = [], {}, []
    for file in FILES[name]:
        path = _present(folder, file)
        raw = _read_bytes(path)
        files[path.name] = hashlib.sha256(raw).hexdigest()
        arrays.append(parse_idx(raw, path))
        paths.append(path)
    if name == "mnist-10k":
        parts = _split_10k(*arrays, paths)
        paths = paths * 2
    else:
        parts = arrays
    parts = _checked(name, paths, *parts)
    return Dataset(name, *parts, folder=str(folder), files=dict(sorted(files.items())),
                   class_names=CLASS_NAMES[name])


def _split_10k(images, labels, paths):
    """MNIST's 10,000 test samples as 8,000 to train on and the last 2,000 held out."""
    _check_pair("mnist-10k test", images, labels, 10_000, paths)
    cut = COUNTS["mnist-10k"][0]
    return images[:cut], labels[:cut], images[cut:], labels[cut:]


def _checked(name, paths, train_images, train_labels, test_images, test_labels):
    """Flattened images, after checking shapes, counts and label values.

    ``paths``: the files read, (train images, train labels, test images, test labels).
    """
    n_train, n_test = COUNTS[name]
    _check_pair(f"{name} training", train_images, train_labels, n_train, paths[:2])
    _check_pair(f"{name} test", test_images, test_labels, n_test, paths[2:])
    return (train_images.reshape(n_train, -1), train_labels,
            test_images.reshape(n_test, -1), test_labels)


def _check_pair(what, images, labels, expected, paths):
    """Images are n x 28 x 28, labels n digits 0-9, and n is what the data set has.

    ``paths``: the (images, labels) files, named in every message.
    """
    image_file, label_file = paths
    both = f"{image_file} and {label_file}"
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE):
        raise DataError(f"{image_file}: {what} images are shaped {images.shape}, not (n, 28, 28)")
    if labels.ndim != 1:
        raise DataError(f"{label_file}: {what} labels are shaped {labels.shape}, not (n,)")
    if len(images) != len(labels):
        raise DataError(f"{both}: {what} set has {len(images):,} images but "
                        f"{len(labels):,} labels")
    if len(labels) != expected:
        raise DataError(f"{both}: {what} set has {len(labels):,} samples; "
                        f"expected {expected:,}")
    if len(labels) and labels.max() >= N_CLASSES:
        raise DataError(f"{label_file}: {what} labels include {labels.max()}; "
                        "labels must be 0-9")


# --- downloading -----------------------------------------------------------------------


def download(name, data_dir=None, progress=True) -> Path:
    """Fetch the data set's official files into the cache (or data_dir); returns the folder.

    Each file goes to a temporary file in the same folder and is renamed into place
    only once its SHA-256 matches :data:`OFFICIAL_SHA256`, so an interrupted or
    corrupted download never leaves a file that looks complete.
    """
    _check_name(name)
    folder_name = FOLDERS[name]
    folder = Path(data_dir).expanduser() if data_dir is not None else cache_dir()
    folder = folder / folder_name
    created = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(f"{folder}: cannot create the folder: {error.strerror or error}") from error
    try:
        for file in FILES[name]:
            expected = OFFICIAL_SHA256[folder_name][file]
            target = folder / file
            if target.is_file() and sha256_file(target) == expected:
                _say(progress, f"{target}: already present, checksum OK")
                continue
            _download_file(MIRRORS[folder_name], file, target, expected, progress)
    except BaseException:
        for made in created:  # innermost first: leave no empty folder that looks like a data set
            try:
                made.rmdir()
            except OSError:
                break
        raise
    return folder


def _download_file(mirrors, file, target, expected, progress):
    """Try each mirror in turn; keep the first copy whose checksum is right."""
    failures = []
    for base in mirrors:
        url = base + file
        _say(progress, f"downloading {url}")
        try:
            _fetch_verified(url, target, expected)
        except DataError as error:
            failures.append(str(error))
            continue
        _say(progress, f"{target}: checksum OK")
        return
    raise DataError(f"could not download {file}: " + " | ".join(failures))


def _fetch_verified(url, target: Path, expected):
    """Download url next to target and rename it into place only if its SHA-256 is expected."""
    if not url.startswith(("https://", "file:")):
        raise DataError(f"{url}: refusing a non-HTTPS download")
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            actual = _copy_url(url, out)
        if actual != expected:
            raise DataError(
                f"{target.name} from {url}: wrong SHA-256: expected {expected}, got {actual}; "
                "the download was discarded"
            )
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _copy_url(url, out) -> str:
    """Stream url into out, returning the SHA-256 of what was written."""
    digest = hashlib.sha256()
    try:
        with _open_url(url) as response:
            for chunk in iter(lambda: response.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise DataError(f"{url}: download failed: {getattr(error, 'reason', error)}") from error
    return digest.hexdigest()


def _open_url(url):
    """The one place the network is touched (tests replace it)."""
    return urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S)


def _say(progress, message):
    if progress:
        print(message, file=sys.stderr, flush=True)
