"""Chapter 3 (dataset): real images as pixel grids, their shape, scaling, and provenance."""

import math

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_shape

#: How many example images the chapter shows (a layout choice).
N_EXAMPLES = 8
#: How many pixels of one row are shown with their raw and scaled values.
N_PIXELS_SHOWN = 6

FORMULAS = [r"x_j = \frac{p_j}{p_{\max}}, \quad p_{\max} = \text{the largest value a pixel can hold}"]

DATASET_TITLES = {"mnist": "MNIST", "fashion-mnist": "Fashion-MNIST", "mnist-10k": "MNIST-10k"}


def provenance(meta):
    """What the data set is, in words, from the trace's provenance."""
    name = meta["dataset"]
    title = DATASET_TITLES.get(name, name)
    n_train, n_test = int(meta["n_train"]), int(meta["n_test"])
    from_test_files = all(f.startswith("t10k") for f in meta["files"])
    if from_test_files:
        return (f"{title}: the {fmt_int(n_train + n_test)} official MNIST test images, split "
                f"into {fmt_int(n_train)} for training and {fmt_int(n_test)} held out")
    return (f"{title}: {fmt_int(n_train)} training images and {fmt_int(n_test)} "
            f"test images (the official split)")


def pixel_window(img2d, n):
    """(row, first column) of the n-pixel run of one row with the most ink, for showing values."""
    best, where = -1.0, (0, 0)
    for r in range(img2d.shape[0]):
        for c in range(img2d.shape[1] - n + 1):
            ink = float(img2d[r, c:c + n].astype(float).sum())
            if ink > best:
                best, where = ink, (r, c)
    return where


def values(trace):
    """Everything chapter 3 shows, from the trace."""
    imgs, labels = trace["data_img"], trace["data_label"]
    meta = trace.meta
    n_in = int(meta["sizes"][0])
    side = math.isqrt(n_in)
    scale = int(np.iinfo(imgs.dtype).max)
    first = imgs[0].reshape(side, side)
    row, col = pixel_window(first, N_PIXELS_SHOWN)
    raw = first[row, col:col + N_PIXELS_SHOWN].astype(int)
    k = min(N_EXAMPLES, len(labels))
    counts = trace["data_label_counts"]
    return {
        "dataset": meta["dataset"],
        "title": DATASET_TITLES.get(meta["dataset"], meta["dataset"]),
        "provenance": provenance(meta),
        "files": sorted(meta["files"]),
        "n_train": int(meta["n_train"]), "n_test": int(meta["n_test"]),
        "side": side, "n_pixels": side * side,
        "side_text": fmt_int(side), "n_pixels_text": fmt_int(side * side),
        "train_shape_text": fmt_shape((int(meta["n_train"]), side * side)),
        "images": imgs[:k], "labels": labels[:k],
        "label_texts": [meta["class_names"][int(c)] for c in labels[:k]],
        "class_names": list(meta["class_names"]),
        "label_counts": counts,
        "label_count_texts": [fmt_int(c) for c in counts],
        "count_min": int(counts.min()), "count_max": int(counts.max()),
        "scale": scale, "scale_text": fmt_int(scale),
        "pixel_row": row, "pixel_col": col,
        "pixels_raw": raw, "pixels_raw_texts": [fmt_int(p) for p in raw],
        "pixels_scaled": raw / scale, "pixels_scaled_texts": [fmt(p / scale, 2) for p in raw],
        "raw_min": int(imgs.min()), "raw_max": int(imgs.max()),
    }


def narration(v):
    """The spoken script of chapter 3."""
    return [
        ("images", (f"The network learns from real handwritten digits. Each image is a grid of "
                   f"{v['side_text']} by {v['side_text']} pixels, so {v['n_pixels_text']} "
                   f"numbers.")),
        ("pixels", (f"A pixel is stored as a whole number from {v['raw_min']} to {v['raw_max']}. "
                   f"We divide by {v['scale_text']}, so the network sees values between "
                   f"zero and one.")),
        ("dataset", f"The data set is {v['provenance']}."),
        ("shape", (f"As one array the training images have shape {v['train_shape_text']}: "
                  f"one row of {v['n_pixels_text']} pixels per image.")),
        ("counts", (f"Every digit is well represented: from {fmt_int(v['count_min'])} to "
                   f"{fmt_int(v['count_max'])} training images per class.")),
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
