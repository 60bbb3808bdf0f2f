"""Chapter 4 (one hot): the values it displays, recomputed from the trace."""

import numpy as np
import pytest

from chapters.helpers import chapter_values


def test_examples_are_the_first_steps_with_new_labels(trace):
    _, v = chapter_values("one_hot", trace)
    labels = trace["step_label"]
    want, seen = [], set()
    for pos in range(len(labels)):  # the rule, written out: first occurrence of each label
        if int(labels[pos]) not in seen:
            seen.add(int(labels[pos]))
            want.append(pos)
    want = want[:4]
    assert v["positions"] == want
    assert len(set(v["labels"])) == len(v["labels"])


def test_one_hot_vectors_are_rows_of_the_identity(trace):
    _, v = chapter_values("one_hot", trace)
    n = int(trace["step_l"].shape[1])
    assert v["n_classes"] == n and np.array_equal(v["eye"], np.identity(n))
    assert v["eye_texts"][3] == ["1" if c == 3 else "0" for c in range(n)]
    for k, pos in enumerate(v["positions"]):
        label = int(trace["step_label"][pos])
        assert v["labels"][k] == label
        assert np.array_equal(v["one_hot"][k], np.identity(n)[label])
        assert np.array_equal(trace["step_l"][pos][:, 0], np.identity(n)[label])
        assert v["hot_index"][k] == label
        assert v["one_hot_texts"][k] == ["1" if i == label else "0" for i in range(n)]
        assert v["label_texts"][k] == trace.meta["class_names"][label]
        assert np.array_equal(v["images"][k], trace["step_img"][pos][:, 0])
    assert v["code"] == f"labels = np.eye({n})[labels]"
    assert v["eye_code"] == f"np.eye({n})"
    assert v["shape_text"] == f"({n}, 1)"


def test_counting_from_zero_names_the_right_ordinal(trace):
    module, v = chapter_values("one_hot", trace)
    for k, label in enumerate(v["labels"]):
        assert v["hot_ordinal_texts"][k].startswith(str(label + 1))
    assert [module.ordinal(i) for i in (1, 2, 3, 4, 8, 10, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "8th", "10th", "11th", "12th", "13th", "21st", "22nd",
        "101st"]
    with pytest.raises(ValueError):
        module.ordinal(0)


def test_narration_speaks_the_label_and_the_ordinal(trace):
    module, v = chapter_values("one_hot", trace)
    said = {entry[0]: entry[1] for entry in module.narration(v)}
    first = v["labels"][0]
    assert f"row {first} is the {v['hot_ordinal_texts'][0]} row" in said["count"]
    assert f"position {first}" in said["count"]
    lines = module.caption(v, 0)
    assert lines[-1].endswith(str(first))


def test_every_row_has_its_ordinal(trace):
    _, v = chapter_values("one_hot", trace)
    n = v["n_classes"]
    assert len(v["ordinal_texts"]) == n
    for i, text in enumerate(v["ordinal_texts"]):  # row i (from zero) is the (i + 1)th row
        assert text[:-2] == str(i + 1) and text[-2:] in ("st", "nd", "rd", "th")
    assert [v["ordinal_texts"][k] for k in v["hot_index"]] == v["hot_ordinal_texts"]


def test_more_says_each_label_then_its_row(trace):
    """Each further example's class number is said, then "row" and that number: the beat
    lights the label, then the row, as they are said."""
    module, v = chapter_values("one_hot", trace)
    said = {entry[0]: entry[1] for entry in module.narration(v)}["more"]
    words = [w.strip(",;:.") for w in said.split()]
    at = 0
    for k in v["hot_index_texts"][1:]:
        at = words.index("labelled", at)
        label_at = words.index(k, at)
        row_at = words.index("row", label_at)
        assert words[row_at + 1] == k
        at = row_at + 2
    assert said.endswith(".")


def test_code_beat_has_a_teacher_note(trace):
    module, v = chapter_values("one_hot", trace)
    notes = {entry[0]: entry[2] for entry in module.narration(v) if len(entry) == 3}
    assert set(notes) == {"code"}
    assert v["code"].split(" = ")[1].replace("[labels]", "") in notes["code"]
    assert v["shape_text"] in notes["code"]


def test_the_stacked_result_is_one_one_hot_row_per_example(trace):
    """``np.eye(n)[labels]`` as the last beat draws it: row e is the recorded target of
    example e (``step_l``), a single one at its recorded label."""
    _, v = chapter_values("one_hot", trace)
    n = int(trace["step_l"].shape[1])
    assert len(v["stacked_texts"]) == len(v["positions"])
    for e, pos in enumerate(v["positions"]):
        want = trace["step_l"][pos][:, 0]
        assert np.array_equal(v["stacked"][e], want)
        label = int(trace["step_label"][pos])
        assert v["stacked_texts"][e] == ["1" if i == label else "0" for i in range(n)]
    assert v["stacked_head"] == f"np.eye({n})[labels]"
