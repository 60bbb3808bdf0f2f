"""The dataset chapter: what the data set is, which part this trace trains on, images as pixel
grids, pixel scaling, the 28 x 28 -> 784 unrolling and the training array's shape.

Examples are picked by rules, never by hand:

- the pixel window (:func:`edge_window`) is a run of :data:`N_PIXELS_SHOWN` pixels of one row
  that crosses a stroke's edge: it rises (never falls) from 0 to the largest value a pixel can
  hold, with as many grey pixels in between as any such run (first in reading order on ties),
  in the first stored image that has one; that image is the chapter's large example;
- the rows of the stacked array are the first stored images, in order.
"""

import math

import numpy as np

from nnmath.data import COUNTS
from scenes.values.format import fmt, fmt_int, fmt_shape

#: How many example images the chapter shows (a layout choice).
N_EXAMPLES = 8
#: How many pixels of one row are shown with their raw and scaled values.
N_PIXELS_SHOWN = 5
#: How many image rows the stacked array draws above its ellipsis.
N_STACKED = 5

FORMULAS = [r"x_j = \frac{p_j}{p_{\max}}, \quad p_{\max} = \text{the largest value a pixel can hold}"]

DATASET_TITLES = {"mnist": "MNIST", "fashion-mnist": "Fashion-MNIST", "mnist-10k": "MNIST"}
#: What each data set's images show, who gave them their labels, and what has edges in them.
DATASET_WHAT = {
    "mnist": ("handwritten digits", "each labelled by a person", "a stroke"),
    "mnist-10k": ("handwritten digits", "each labelled by a person", "a stroke"),
    "fashion-mnist": ("clothing", "each labelled with its product class", "the garment"),
}
#: The official data set a derived one is cut from.
OFFICIAL = {"mnist-10k": "mnist"}


def official_counts(name, meta=None):
    """(training, test) image counts of the official data set behind ``name``; an image
    folder's own split (``nnmath record --images``) is its official one."""
    if name not in COUNTS and name not in OFFICIAL and meta is not None:
        return int(meta["n_train"]), int(meta["n_test"])
    return COUNTS[OFFICIAL.get(name, name)]


def folder_words(meta):
    """(title, what, labelled, edge of) for a trace recorded from an image folder."""
    n = len(meta["class_names"])
    folder = meta["images"]["folder"]
    folder = folder if len(folder) <= 24 else folder[:23] + "\u2026"
    return (folder, f"your pictures in {fmt_int(n)} classes", "named by their folders",
            "a shape")


def from_test_files(meta):
    """Whether the trace's training images come from the official test files (mnist-10k)."""
    return all(str(f).startswith("t10k") for f in meta["files"])


def provenance(meta):
    """What the data set is, in words, from the trace's provenance."""
    name = meta["dataset"]
    title = DATASET_TITLES.get(name, name)
    n_train, n_test = int(meta["n_train"]), int(meta["n_test"])
    if from_test_files(meta):
        return (f"{title}: the {fmt_int(n_train + n_test)} official MNIST test images, split "
                f"into {fmt_int(n_train)} for training and {fmt_int(n_test)} kept apart for "
                f"testing")
    if "images" in meta:
        return (f"the image folder {meta['images']['folder']}: {fmt_int(n_train)} training "
                f"images and {fmt_int(n_test)} kept apart for testing, split by a seeded rule")
    return (f"{title}: {fmt_int(n_train)} training images and {fmt_int(n_test)} "
            f"test images (the official split)")


def edge_window(imgs2d, n, top):
    """``(image, row, col)`` of the run of ``n`` pixels that crosses a stroke's edge.

    The run rises (never falls) from 0 to ``top`` with the most grey pixels (0 < p < top);
    the first image with such a run, and the first such run in reading order on ties.
    Falls back to the inkiest run of the first image if no image has one.
    """
    for k, img in enumerate(imgs2d):
        a = np.asarray(img).astype(int)
        best, where = -1, None
        for r in range(a.shape[0]):
            for c in range(a.shape[1] - n + 1):
                w = a[r, c:c + n]
                if w[0] == 0 and w[-1] == top and np.all(np.diff(w) >= 0):
                    greys = int(np.sum((w > 0) & (w < top)))
                    if greys > 0 and greys > best:
                        best, where = greys, (k, r, c)
        if where is not None:
            return where
    a = np.asarray(imgs2d[0]).astype(int)
    sums = [(a[r, c:c + n].sum(), r, c) for r in range(a.shape[0])
            for c in range(a.shape[1] - n + 1)]
    _, r, c = max(sums, key=lambda t: (t[0], -t[1], -t[2]))
    return 0, r, c


def scaled_text(p, scale):
    """A scaled pixel as shown: exact 0 and 1 as whole numbers, a fraction with 2 decimals."""
    x = p / scale
    return fmt_int(x) if x == int(x) else fmt(x, 2)


def values(trace):
    """Everything the dataset chapter shows, from the trace."""
    imgs, labels = trace["data_img"], trace["data_label"]
    meta = trace.meta
    name = meta["dataset"]
    n_in = int(meta["sizes"][0])
    side = math.isqrt(n_in)
    scale = int(np.iinfo(imgs.dtype).max)
    grids = imgs.reshape(-1, side, side)
    k_img, row, col = edge_window(grids, N_PIXELS_SHOWN, scale)
    raw = grids[k_img, row, col:col + N_PIXELS_SHOWN].astype(int)
    k = min(N_EXAMPLES, len(labels))
    counts = trace["data_label_counts"]
    n_train, n_test = int(meta["n_train"]), int(meta["n_test"])
    off_train, off_test = official_counts(name, meta)
    what, labelled, edge_of = DATASET_WHAT.get(name, ("images", "each with its label",
                                                      "a shape"))
    title = DATASET_TITLES.get(name, name)
    if "images" in meta:
        title, what, labelled, edge_of = folder_words(meta)
    return {
        "dataset": name, "folder": "images" in meta,
        "title": title,
        "what": what, "labelled": labelled, "edge_of": edge_of,
        "provenance": provenance(meta),
        "files": sorted(meta["files"]),
        "subset": from_test_files(meta),
        "n_train": n_train, "n_test": n_test,
        "n_train_text": fmt_int(n_train), "n_test_text": fmt_int(n_test),
        "official_train": int(off_train), "official_test": int(off_test),
        "official_train_text": fmt_int(off_train), "official_test_text": fmt_int(off_test),
        "side": side, "n_pixels": side * side,
        "side_text": fmt_int(side), "n_pixels_text": fmt_int(side * side),
        "last_index_text": fmt_int(side * side - 1),
        "train_shape_text": fmt_shape((n_train, side * side)),
        "images": imgs[:k], "labels": labels[:k],
        "label_texts": [meta["class_names"][int(c)] for c in labels[:k]],
        "class_names": list(meta["class_names"]),
        "label_counts": counts,
        "label_count_texts": [fmt_int(c) for c in counts],
        "count_min": int(counts.min()), "count_max": int(counts.max()),
        "count_min_text": fmt_int(counts.min()), "count_max_text": fmt_int(counts.max()),
        "scale": scale, "scale_text": fmt_int(scale), "zero_text": fmt_int(0 * scale),
        "example": int(k_img), "example_img": imgs[k_img],
        "pixel_row": row, "pixel_col": col,
        "pixels_raw": raw, "pixels_raw_texts": [fmt_int(p) for p in raw],
        "pixels_scaled": raw / scale, "pixels_scaled_texts": [scaled_text(p, scale) for p in raw],
        "stacked": imgs[:N_STACKED],
        "raw_min": int(imgs.min()), "raw_max": int(imgs.max()),
    }


def narration(v):
    """The spoken script of the dataset chapter."""
    if v["subset"]:
        subset = (f"Our network trains on a smaller part: {v['n_train_text']} of the "
                  f"{v['official_test_text']} test images; the other {v['n_test_text']} it "
                  f"never sees while learning, so they still test it fairly.")
    elif v["folder"]:
        subset = (f"The folder's images were split by a seeded rule: our network trains on "
                  f"{v['n_train_text']} of them and keeps the other {v['n_test_text']} apart "
                  f"for testing.")
    else:
        subset = (f"Our network uses the official split: it trains on all {v['n_train_text']} "
                  f"training images and keeps the {v['n_test_text']} test images apart for "
                  f"testing.")
    shown = list(dict.fromkeys(v["pixels_scaled_texts"]))  # in order, each once
    into = ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]
    counts = (f"exactly {v['count_min_text']} training images per class"
              if v["count_min"] == v["count_max"] else
              f"from {v['count_min_text']} to {v['count_max_text']} training images per class")
    return [
        ("images", (f"The network learns from {v['title']}: {v['official_train_text']} training "
                   f"and {v['official_test_text']} test images of {v['what']}, "
                   f"{v['labelled']}.")),
        ("subset", subset,
         (f"Where the data come from: MNIST's {v['official_train_text']} training images are "
          "not shipped on these machines, so the shipped trace trains on MNIST's official test "
          "images. With internet, `nnmath download mnist` fetches the official files "
          "(their checksums checked) and `./render.sh --record --dataset mnist` renders the full "
          "set."
          if v["subset"] else "")),
        ("grid", (f"Each image is a grid of {v['side_text']} by {v['side_text']} pixels, "
                 f"{v['n_pixels_text']} numbers.")),
        ("pixels", (f"A pixel is a whole number from {v['zero_text']} for black to "
                   f"{v['scale_text']} for full ink; dividing by {v['scale_text']} turns this "
                   f"edge of {v['edge_of']} into {into}.")),
        ("unroll", (f"Read row by row, the {v['side_text']} by {v['side_text']} grid unrolls: "
                   f"each pixel row is laid after the one before it, end to end, into one "
                   f"row of {v['n_pixels_text']} values.")),
        ("stack", (f"Stacked one image per row, the {v['n_train_text']} training images make "
                  f"one array of shape {v['train_shape_text']}.")),
        ("counts", f"Every class is well represented: {counts}."),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("data set", v["provenance"]),
        ("files", ", ".join(v["files"])),
        ("image size", f"{v['side_text']} x {v['side_text']} = {v['n_pixels_text']}"),
        ("training array shape", v["train_shape_text"]),
        ("pixel scaling", f"raw {v['raw_min']}..{v['raw_max']}, divided by {v['scale_text']}"),
        ("images per class", ", ".join(f"{n}: {c}" for n, c in
                                       zip(v["class_names"], v["label_count_texts"]))),
    ]
