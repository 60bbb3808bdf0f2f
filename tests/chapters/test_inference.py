"""Chapter 10 (inference): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, forward
from scenes.values import inference


def test_inference_outputs_guesses_and_mistakes(trace):
    a = trace.arrays
    v = inference.values(trace)
    assert v["examples"] and v["mistakes"]
    for ex in v["examples"] + v["mistakes"]:
        img = np.array(ex["img"])[:, None]
        _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], img)
        close(ex["o"], o[:, 0])
        assert ex["guess"] == int(np.argmax(o))
        assert ex["label"] == int(a["test_label"][ex["test_index"]])
        close(ex["img"], a["infer_img"][ex["row"], :, 0])
    assert all(ex["guess"] == ex["label"] for ex in v["examples"])
    assert all(m["guess"] != m["label"] for m in v["mistakes"])
    wrong = int(np.sum(a["test_pred"] != a["test_label"]))
    assert v["n_mistakes"] == wrong and v["n_right"] + wrong == v["n_test"]
    close(v["test_acc"], v["n_right"] / v["n_test"])


def test_inference_totals_from_the_real_held_out_images(trace, dataset_for):
    a = trace.arrays
    data = dataset_for(trace)
    v = inference.values(trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], x)
    wrong = int(np.sum(np.argmax(o, axis=0) != data.test_labels))
    assert v["n_mistakes"] == wrong
    assert v["n_test"] == len(data.test_labels)


def test_inference_examples_are_picked_by_the_rule(trace, dataset_for):
    """The example is the first held-out image the network gets right, the mistake the first
    it gets wrong (held-out order), recomputed from the final weights and the real images."""
    a = trace.arrays
    data = dataset_for(trace)
    v = inference.values(trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], x)
    pred = np.argmax(o, axis=0)
    right = np.flatnonzero(pred == data.test_labels)
    wrong = np.flatnonzero(pred != data.test_labels)
    if right[0] < len(a["infer_index"]):  # the first rows of infer_* are the first images
        assert v["examples"][0]["test_index"] == right[0]
    assert v["mistakes"][0]["test_index"] == wrong[0]
    m = v["mistakes"][0]
    close(m["o_label"], o[m["label"], wrong[0]])
    close(m["o_guess"], np.max(o[:, wrong[0]]))


def test_inference_counters_add_up_at_every_image(trace):
    """The total beat's counters come from one running count of the recorded verdicts: after
    every image, right + wrong = images checked, and the last count is the totals."""
    a = trace.arrays
    v = inference.values(trace)
    verdicts = a["test_pred"] == a["test_label"]
    assert v["held_right"] == verdicts.tolist()
    assert v["right_so_far"] == np.cumsum(verdicts).tolist()
    for k in range(v["n_test"] + 1):
        seen, right, wrong = inference.counted(v, k)
        assert seen == k and right + wrong == k
        assert right == int(np.sum(verdicts[:k]))
    assert inference.counted(v, v["n_test"]) == (v["n_test"], v["n_right"], v["n_mistakes"])
    close(v["test_acc"], np.mean(verdicts))
