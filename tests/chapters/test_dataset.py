"""The dataset chapter: the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import chapter_values


def test_dataset_pixels_shape_counts_and_provenance(trace):
    module, v = chapter_values("dataset", trace)
    imgs, meta = trace["data_img"], trace.meta
    assert v["side"] == 28 and v["n_pixels"] == 784 == imgs.shape[1]
    first = imgs[v["example"]].reshape(28, 28).astype(int)
    r, c = v["pixel_row"], v["pixel_col"]
    n = len(v["pixels_raw"])
    assert list(v["pixels_raw"]) == [int(p) for p in first[r, c:c + n]]
    assert v["scale"] == 255
    assert v["pixels_scaled_texts"] == [
        str(p // 255) if p % 255 == 0 else f"{p / 255:.2f}" for p in first[r, c:c + n]]
    # the window crosses a stroke's edge: it rises from 0 to 255 through grey
    w = first[r, c:c + n]
    assert w[0] == 0 and w[-1] == 255 and np.all(np.diff(w) >= 0)
    greys = int(((w > 0) & (w < 255)).sum())
    assert greys > 0
    # ... with as many greys as any such run; no earlier image has such a run
    def rising_runs(a):
        for i in range(28):
            for j in range(28 - n + 1):
                u = a[i, j:j + n]
                if u[0] == 0 and u[-1] == 255 and np.all(np.diff(u) >= 0) and np.any(
                        (u > 0) & (u < 255)):
                    yield i, j, int(((u > 0) & (u < 255)).sum())
    runs = list(rising_runs(first))
    assert greys == max(g for _, _, g in runs)
    assert (r, c) == next((i, j) for i, j, g in runs if g == greys)
    for k in range(v["example"]):
        assert not list(rising_runs(imgs[k].reshape(28, 28).astype(int)))
    assert np.array_equal(v["example_img"], imgs[v["example"]])
    # the step image the network sees is the same picture scaled to 0..1
    assert np.allclose(trace["step_img"][0][:, 0], imgs[0] / 255)
    assert v["train_shape_text"] == str((meta["n_train"], 784))
    assert trace["data_label_counts"].sum() == meta["n_train"]
    assert v["count_min"] == trace["data_label_counts"].min()
    names = meta["class_names"]  # MNIST's are the digits; Fashion-MNIST's are words
    assert v["label_texts"] == [names[int(x)] for x in trace["data_label"][:len(v["labels"])]]
    text = v["provenance"]
    assert f"{meta['n_train']:,}" in text and f"{meta['n_test']:,}" in text
    if meta["dataset"] == "mnist-10k":
        assert "official MNIST test images" in text and "10,000" in text
    other = dict(meta, dataset="mnist", n_train=60000, n_test=10000,
                 files={"train-images-idx3-ubyte.gz": "", "t10k-images-idx3-ubyte.gz": ""})
    assert "60,000 training images" in module.provenance(other)
    # the official counts, from the data files' own headers where they are on this machine
    assert (v["official_train"], v["official_test"]) == (60000, 10000)
    assert v["subset"] == (meta["dataset"] == "mnist-10k")
    if v["subset"]:
        assert v["n_train"] + v["n_test"] == v["official_test"]
    else:
        assert (v["n_train"], v["n_test"]) == (v["official_train"], v["official_test"])
    assert v["n_train_text"] == f"{meta['n_train']:,}"
    assert v["count_min_text"] == f"{trace['data_label_counts'].min():,}"
    assert v["count_max_text"] == f"{trace['data_label_counts'].max():,}"
    assert np.array_equal(v["stacked"], imgs[:len(v["stacked"])])


def _idx_count(path):
    """The item count in an IDX file's header (bytes 4..8, big-endian), gzip or not."""
    import gzip

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        return int.from_bytes(f.read(8)[4:8], "big")


def test_official_mnist_counts_match_the_files_here():
    import os
    from pathlib import Path

    from scenes.values.dataset import official_counts

    folder = Path(os.environ.get("NNMATH_DATA", Path(__file__).resolve().parents[3]
                                 / "shared" / "data")) / "mnist"
    labels = {"train": folder / "train-labels-idx1-ubyte.gz",
              "test": folder / "t10k-labels-idx1-ubyte.gz"}
    if not all(p.exists() for p in labels.values()):
        import pytest

        pytest.skip(f"MNIST label files not in {folder}: get them with `nnmath download mnist`, "
                    "or point NNMATH_DATA at a folder holding mnist/train-labels-idx1-ubyte.gz "
                    "and mnist/t10k-labels-idx1-ubyte.gz")
    assert official_counts("mnist-10k") == (_idx_count(labels["train"]),
                                            _idx_count(labels["test"]))


def test_narration_has_no_build_notes_on_screen_or_spoken(trace):
    """Provenance and commands are teacher notes (the third item), never the sentence."""
    from scenes.values.dataset import narration

    _, v = chapter_values("dataset", trace)
    entries = {e[0]: e for e in narration(v)}
    for cue, sentence, *_ in entries.values():
        assert "--dataset" not in sentence and "this machine" not in sentence
        assert "held" not in sentence.lower()
    if v["subset"]:
        note = entries["subset"][2]
        assert "--dataset mnist" in note and v["official_train_text"] in note
