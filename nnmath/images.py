"""Your own images: a folder with one subfolder per class, made into an MNIST-like data set.

::

    letters/            the folder given to ``nnmath record --images letters``
        a/  001.png 002.jpg ...       one subfolder per class; its name is the class name
        b/  ...

Rules (each broken one is a :class:`ImageFolderError`: one line naming the file and the fix,
raised before any training):

* 2 to 26 class folders, named 1 to 24 printable characters; classes are numbered in the
  sorted order of their names.
* Each class holds at least 2 images (one to train on, one held out); every file is a PNG or
  JPEG (``.png``, ``.jpg``, ``.jpeg``, any case) that Pillow can decode. Hidden files (names
  starting with ``.``) are ignored; anything else (another file type, a nested folder, a file
  beside the class folders) is refused.
* Images of any size and mode become 28 x 28 greyscale the way MNIST was made: transparent
  parts are laid on white, the picture turned to grey, *inverted when its background (the
  median of its border pixels) is light* so the ink is bright on black, the background level
  subtracted and the ink stretched to 0..255; then the ink's bounding box is scaled (aspect
  kept, Lanczos) so its longer side is 20 pixels, and pasted into 28 x 28 so that its centre
  of mass sits at the centre (rounded to whole pixels).
* Split by a seeded rule: within each class, the files in sorted name order are permuted by
  ``np.random.default_rng(SPLIT_SEED)``, and the first ``max(1, round(HOLDOUT * n))`` are
  held out; the training images are then shuffled together (the reference trains in file
  order, so one class after another would never learn) by the same Generator, and the
  held-out ones likewise. The split never depends on the training seed.

Pillow is imported only here, and only when a folder is read: ``nnmath`` itself is NumPy.
"""

import hashlib
import struct
import zlib
from pathlib import Path

import numpy as np

from .errors import UsageError

MIN_CLASSES, MAX_CLASSES = 2, 26
MAX_NAME = 24
MIN_PER_CLASS = 2
MAX_FILES = 100_000
EXTENSIONS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
#: The share of each class held out, and the seed of the rule that picks them.
HOLDOUT = 0.2
SPLIT_SEED = 0
#: MNIST's geometry: the ink's box scaled into BOX x BOX, centred in SIDE x SIDE.
SIDE, BOX = 28, 20
#: A pixel is ink for the bounding box when it is above this share of the brightest.
INK_THRESHOLD = 0.1
#: The name a trace records as its data set for an image folder.
DATASET_NAME = "images"


class ImageFolderError(UsageError):
    """The image folder breaks a rule (exit status 2, before training)."""


def _pillow():
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover - Pillow comes with the video extra
        raise ImageFolderError("reading an image folder needs Pillow: "
                               "pip install Pillow (it comes with manim)") from None
    return Image, ImageOps


def class_folders(folder: Path) -> list[tuple[str, list[Path]]]:
    """``[(class name, [image files sorted by name]), ...]`` in class order, after every rule
    about names and files (not yet whether each file decodes)."""
    if not folder.is_dir():
        raise ImageFolderError(f"{folder}: no such folder; give a folder holding one subfolder "
                               "of PNG or JPEG images per class")
    entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                     key=lambda p: p.name)
    strays = [p for p in entries if not p.is_dir()]
    if strays:
        raise ImageFolderError(f"{strays[0]}: a file beside the class folders; every image "
                               "goes in its class's subfolder (move it into one, or remove it)")
    if not MIN_CLASSES <= len(entries) <= MAX_CLASSES:
        names = ", ".join(p.name for p in entries[:4]) or "none"
        raise ImageFolderError(
            f"{folder}: {len(entries)} class folder{'s' * (len(entries) != 1)} ({names}); "
            f"give {MIN_CLASSES} to {MAX_CLASSES}, one subfolder of images per class")
    classes, n_files = [], 0
    for sub in entries:
        name = sub.name
        if len(name) > MAX_NAME or not name.isprintable():
            raise ImageFolderError(f"{sub}: a class name must be 1 to {MAX_NAME} printable "
                                   f"characters (this one has {len(name)}); rename the folder")
        files = sorted((p for p in sub.iterdir() if not p.name.startswith(".")),
                       key=lambda p: p.name)
        for p in files:
            if p.is_dir():
                raise ImageFolderError(f"{p}: a folder inside class folder {name!r}; a class "
                                       "folder holds only its images (move them up, or remove it)")
            if p.suffix.lower() not in EXTENSIONS:
                raise ImageFolderError(f"{p}: not a PNG or JPEG file (.png, .jpg, .jpeg); "
                                       "remove it or move it out of the folder")
        if len(files) < MIN_PER_CLASS:
            raise ImageFolderError(
                f"{sub}: class {name!r} has {len(files)} image{'s' * (len(files) != 1)}; each "
                f"class needs at least {MIN_PER_CLASS} (one to train on, one held out)")
        n_files += len(files)
        if n_files > MAX_FILES:
            raise ImageFolderError(f"{folder}: more than {MAX_FILES:,} images; use fewer")
        classes.append((name, files))
    return classes


def to_mnist(raw: bytes, path) -> np.ndarray:
    """One image file's bytes as a 28 x 28 uint8 MNIST-like picture (bright ink on black)."""
    import io

    Image, ImageOps = _pillow()
    want = EXTENSIONS[Path(path).suffix.lower()]
    try:
        with Image.open(io.BytesIO(raw)) as im:
            if im.format != want:
                raise ImageFolderError(f"{path}: holds {im.format or 'unknown'} data, not the "
                                       f"{want} its name says; re-save it as {want} or rename it")
            im.load()
            im = ImageOps.exif_transpose(im)
            if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
                rgba = im.convert("RGBA")
                white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                im = Image.alpha_composite(white, rgba)
            grey = np.asarray(im.convert("L"), dtype=np.float64)
    except ImageFolderError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, zlib.error,
            Image.DecompressionBombError) as exc:  # what Pillow raises for a damaged file
        raise ImageFolderError(f"{path}: not a readable {want} image ({type(exc).__name__}: "
                               f"{str(exc)[:80]}); re-save it or remove it") from None
    if grey.shape[0] < 2 or grey.shape[1] < 2:
        raise ImageFolderError(f"{path}: {grey.shape[1]} x {grey.shape[0]} pixels is too small; "
                               "give an image at least 2 x 2")
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    background = float(np.median(border))
    if background > 127.5:
        grey, background = 255.0 - grey, 255.0 - background
    ink = np.clip(grey - background, 0.0, None)
    top = ink.max()
    if top <= 0:
        raise ImageFolderError(f"{path}: a blank image (no ink darker or lighter than its "
                               "background); remove it")
    ink = ink * (255.0 / top)
    rows = np.flatnonzero(ink.max(axis=1) > INK_THRESHOLD * 255)
    cols = np.flatnonzero(ink.max(axis=0) > INK_THRESHOLD * 255)
    box = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = box.shape
    scale = BOX / max(h, w)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    small = Image.fromarray(np.round(box).astype(np.uint8), mode="L").resize(
        (new_w, new_h), Image.Resampling.LANCZOS)
    patch = np.asarray(small, dtype=np.float64)
    out = np.zeros((SIDE, SIDE))
    mass = patch.sum()
    ys, xs = np.indices(patch.shape)
    cy = (ys * patch).sum() / mass if mass else (new_h - 1) / 2
    cx = (xs * patch).sum() / mass if mass else (new_w - 1) / 2
    top_y = int(np.clip(round((SIDE - 1) / 2 - cy), 0, SIDE - new_h))
    left_x = int(np.clip(round((SIDE - 1) / 2 - cx), 0, SIDE - new_w))
    out[top_y:top_y + new_h, left_x:left_x + new_w] = patch
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def split(counts: list[int], seed: int = SPLIT_SEED):
    """(train, held-out) lists of (class, index in the class's sorted files), by the rule."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c, n in enumerate(counts):
        order = rng.permutation(n)
        k = max(1, round(HOLDOUT * n))
        test += [(c, int(i)) for i in order[:k]]
        train += [(c, int(i)) for i in order[k:]]
    train = [train[i] for i in rng.permutation(len(train))]
    test = [test[i] for i in rng.permutation(len(test))]
    return train, test


def load_image_folder(folder):
    """Read, check and convert an image folder; return a :class:`nnmath.data.Dataset`.

    ``files`` holds one entry, ``manifest``: the SHA-256 of the list of every image's
    path (relative to the folder) and SHA-256, so a trace names exactly which bytes it
    learned from.
    """
    from .data import Dataset

    folder = Path(folder).expanduser()
    classes = class_folders(folder)
    _pillow()
    pictures, manifest = [], []
    for name, files in classes:
        pics = []
        for p in files:
            try:
                raw = p.read_bytes()
            except OSError as exc:
                raise ImageFolderError(f"{p}: cannot read: {exc.strerror or exc}; check its "
                                       "permissions or remove it") from None
            pics.append(to_mnist(raw, p))
            manifest.append(f"{hashlib.sha256(raw).hexdigest()}  {name}/{p.name}")
        pictures.append(pics)
    train, test = split([len(p) for p in pictures])

    def stack(chosen):
        images = np.array([pictures[c][i].reshape(-1) for c, i in chosen], dtype=np.uint8)
        labels = np.array([c for c, _ in chosen], dtype=np.uint8)
        return images, labels

    train_images, train_labels = stack(train)
    test_images, test_labels = stack(test)
    digest = hashlib.sha256(("\n".join(manifest) + "\n").encode()).hexdigest()
    return Dataset(DATASET_NAME, train_images, train_labels, test_images, test_labels,
                   folder=str(folder), files={"manifest": digest},
                   class_names=tuple(name for name, _ in classes))
