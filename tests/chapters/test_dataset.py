"""Chapter 3 (dataset): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import chapter_values


def test_dataset_pixels_shape_counts_and_provenance(trace):
    module, v = chapter_values("dataset", trace)
    imgs, meta = trace["data_img"], trace.meta
    assert v["side"] == 28 and v["n_pixels"] == 784 == imgs.shape[1]
    first = imgs[0].reshape(28, 28)
    r, c = v["pixel_row"], v["pixel_col"]
    n = len(v["pixels_raw"])
    assert list(v["pixels_raw"]) == [int(p) for p in first[r, c:c + n]]
    assert v["scale"] == 255
    assert v["pixels_scaled_texts"] == [f"{p / 255:.2f}" for p in first[r, c:c + n]]
    # the shown window is the inkiest run of n pixels in any row
    best = max(first[i, j:j + n].astype(int).sum() for i in range(28) for j in range(28 - n + 1))
    assert first[r, c:c + n].astype(int).sum() == best
    # the step image the network sees is the same picture scaled to 0..1
    assert np.allclose(trace["step_img"][0][:, 0], imgs[0] / 255)
    assert v["train_shape_text"] == str((meta["n_train"], 784))
    assert trace["data_label_counts"].sum() == meta["n_train"]
    assert v["count_min"] == trace["data_label_counts"].min()
    assert v["label_texts"] == [str(int(x)) for x in trace["data_label"][:len(v["labels"])]]
    text = v["provenance"]
    assert f"{meta['n_train']:,}" in text and f"{meta['n_test']:,}" in text
    if meta["dataset"] == "mnist-10k":
        assert "official MNIST test images" in text and "10,000" in text
    other = dict(meta, dataset="mnist", n_train=60000, n_test=10000,
                 files={"train-images-idx3-ubyte.gz": "", "t10k-images-idx3-ubyte.gz": ""})
    assert "60,000 training images" in module.provenance(other)
