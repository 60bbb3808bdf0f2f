"""Chapter 4 (one hot): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import chapter_values


def test_one_hot_vectors_are_the_labels(trace):
    _, v = chapter_values("one_hot", trace)
    for k, label in enumerate(v["labels"]):
        assert label == trace["step_label"][k]
        want = np.zeros(10)
        want[label] = 1
        assert np.array_equal(v["one_hot"][k], want)
        assert v["hot_index"][k] == label
        assert v["one_hot_texts"][k] == ["1" if i == label else "0" for i in range(10)]
    assert v["code"] == "labels = np.eye(10)[labels]"
    assert v["shape_text"] == "(10, 1)"
