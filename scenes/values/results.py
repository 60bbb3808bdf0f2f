"""Chapter 10, results: how good is the trained network, honestly?

Two accuracies, each named for what it measures: on the images it *trained on*
(``nr_correct / n_train`` per epoch, counted while the weights were still changing: the
figure the reference prints) and on the *held-out* images it never trained on (the network
as it stands after each epoch, ``test_right`` right guesses of ``n_test``: each figure is
drawn as its count over its images). The held-out one answers the question; the reference's
"over 93%" sits beside the trained-on figures, counted the same way (while it learns), with one reason why
it differs.

Then an overview of held-out guesses, from the only held-out pixels the trace holds (its
``infer_*`` rows: the first held-out images, then the first mistakes after them, in
held-out order): every one of those images with its guess, the mistakes marked. Because
the trace keeps every mistake up to its last row, "every mistake among the first
``span`` held-out images" is exactly true, and the count of mistakes in that stretch comes
from ``test_pred`` / ``test_label``. Last, one real mistake with its output bars: the one
the network was surest of (largest output at its wrong guess), other than the first
mistake, which the inference chapter works through.
"""

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_pct

#: The reference's own figure, quoted (not measured here): Bot Academy's video "Neural
#: Network from scratch" (the reference this explainer follows) reports an accuracy of
#: "over 93%" after 3 epochs.
REFERENCE_ACCURACY = 0.93
#: ... trained, as its code does, on MNIST's 60,000 training images.
REFERENCE_N_TRAIN = 60_000
REFERENCE_DATASET = "mnist"

#: The commands that record the full MNIST and render the video from it (README); they go
#: to the comparison's teacher note, never on screen.
MNIST_COMMANDS = """nnmath download mnist
nnmath record --dataset mnist --out mnist.npz
./render.sh --trace mnist.npz"""

#: How a data set is named in a sentence.
DATASET_TITLES = {"fashion-mnist": "Fashion-MNIST", "mnist": "MNIST", "mnist-10k": "MNIST"}

FORMULAS = [
    (r"\text{accuracy on the images it trained on} = "
     r"\frac{\text{nr\_correct}}{n_{\text{train}}}"),
    (r"\text{held-out accuracy} = \frac{\#\{\operatorname{argmax}(o) = \text{label}\}}"
     r"{n_{\text{test}}}"),
]

#: At most this many epoch rows in the accuracy chart (the first and the last always).
MAX_EPOCH_ROWS = 5
#: At most this many output bars for the mistake (its guess and label always among them).
MAX_BARS = 10


def epoch_rows(n_epochs, max_rows=MAX_EPOCH_ROWS):
    """Which epochs (0-based) the chart shows: all if they fit, else evenly spread from the
    first to the last."""
    if n_epochs <= max_rows:
        return list(range(n_epochs))
    return sorted({round(k * (n_epochs - 1) / (max_rows - 1)) for k in range(max_rows)})


def held_right_counts(test_acc, n_test):
    """Right guesses on the held-out images after each epoch: the recorded accuracy is a
    count over ``n_test``, so the count is that accuracy times ``n_test``, rounded."""
    return [int(round(float(acc) * n_test)) for acc in np.asarray(test_acc)]


def grid_values(trace):
    """The held-out images the trace holds pixels of, in held-out order, with their guesses;
    ``n_first`` leading rows are the first held-out images; ``span`` held-out images reach
    the last row, and ``span_wrong`` of them are guessed wrong (all among the rows)."""
    a = trace.arrays
    index = np.asarray(a["infer_index"])
    o = np.asarray(a["infer_o"])[:, :, 0]
    guess = np.argmax(o, axis=1)
    label = np.asarray(a["infer_label"])
    n_first = int(np.sum(index == np.arange(len(index))))
    span = int(index[-1]) + 1
    wrong_in_span = np.asarray(a["test_pred"])[:span] != np.asarray(a["test_label"])[:span]
    return {
        "grid": [{"index": int(i), "img": a["infer_img"][r, :, 0].tolist(),
                  "guess": int(guess[r]), "label": int(label[r]),
                  "correct": bool(guess[r] == label[r])} for r, i in enumerate(index)],
        "n_first": n_first,
        "first_right": int(np.sum(guess[:n_first] == label[:n_first])),
        "span": span,
        "span_wrong": int(np.sum(wrong_in_span)),
    }


def mistake_row(trace):
    """The row of the mistake to show: the largest output at a wrong guess, among the
    mistakes after the first (the inference chapter's); the first if it is the only one;
    None when the rows hold no mistake."""
    a = trace.arrays
    o = np.asarray(a["infer_o"])[:, :, 0]
    wrong = np.flatnonzero(np.argmax(o, axis=1) != np.asarray(a["infer_label"]))
    if len(wrong) == 0:
        return None
    pool = wrong[1:] if len(wrong) > 1 else wrong
    return int(pool[np.argmax(o[pool].max(axis=1))])


def bar_classes(o, guess, label, max_bars=MAX_BARS):
    """The classes whose output bars are drawn, in class order: all if they fit, else the
    largest outputs, the guess and the label always among them."""
    n = len(o)
    if n <= max_bars:
        return list(range(n))
    keep = {guess, label}
    for c in np.argsort(-np.asarray(o), kind="stable"):
        if len(keep) >= max_bars:
            break
        keep.add(int(c))
    return sorted(keep)


def mistake_values(trace):
    row = mistake_row(trace)
    if row is None:
        return None
    a = trace.arrays
    o = np.asarray(a["infer_o"])[row, :, 0]
    guess, label = int(np.argmax(o)), int(a["infer_label"][row])
    return {"row": row, "index": int(a["infer_index"][row]),
            "img": a["infer_img"][row, :, 0].tolist(), "o": o.tolist(), "guess": guess,
            "label": label, "o_guess": float(o[guess]), "o_label": float(o[label]),
            "classes": bar_classes(o, guess, label)}


def values(trace):
    """Per-epoch accuracies (trained-on and held-out), the held-out grid and the mistake."""
    a, meta = trace.arrays, trace.meta
    epochs = list(range(1, meta["epochs"] + 1))
    return {
        "dataset": meta["dataset"],
        "class_names": [str(c) for c in meta["class_names"]],
        "n_train": int(meta["n_train"]),
        "n_test": int(meta["n_test"]),
        "epochs": epochs,
        "rows": epoch_rows(len(epochs)),
        "nr_correct": a["epoch_nr_correct"].tolist(),
        "train_acc": a["epoch_train_acc"].tolist(),
        "test_acc": a["epoch_test_acc"].tolist(),
        "test_right": held_right_counts(a["epoch_test_acc"], int(meta["n_test"])),
        "curve_every": int(meta["schedule"]["curve_every"]),
        "curve_acc_end": float(a["curve_acc"][-1]),
        "curve_e_first": float(a["curve_e"][0]),
        "curve_e_last": float(a["curve_e"][-1]),
        **grid_values(trace),
        "mistake": mistake_values(trace),
        "reference_accuracy": REFERENCE_ACCURACY,
        "reference_n_train": REFERENCE_N_TRAIN,
        "reference_dataset": REFERENCE_DATASET,
        "folder": meta["images"]["folder"] if "images" in meta else None,
        "n_classes": len(meta["class_names"]),
        "reference_settings": (meta["sizes"][1] == 20 and meta["learn_rate"] == 0.01
                               and meta["epochs"] == 3),
    }


def same_data_as_reference(v):
    return v["dataset"] == v["reference_dataset"] and v["n_train"] == v["reference_n_train"]


#: A run whose held-out accuracy is below this many times chance (1 / classes) did not learn.
LEARNED_OVER_CHANCE = 1.5


def learned(v):
    """Whether the run learned anything: held-out accuracy clearly above chance."""
    return v["test_acc"][-1] > LEARNED_OVER_CHANCE / v["n_classes"]


def why_different(v):
    """The spoken sentence: the reference's figure beside ours, and the one reason they
    differ, for this trace's data set and size."""
    ref = f"over {fmt_pct(v['reference_accuracy'], 0)}"
    online, held = fmt_pct(v["train_acc"][-1]), fmt_pct(v["test_acc"][-1])
    if not learned(v):
        return (f"The reference reports {ref}; this run did not learn: {held} held out is "
                "little better than guessing at random, so its settings need changing, most "
                "often the learning rate.")
    if v["folder"] is not None:
        return (f"The reference's {ref} is on MNIST digits; this run learned your own image "
                f"folder from {fmt_int(v['n_train'])} images.")
    other = "" if v["reference_settings"] else " with other settings"
    if same_data_as_reference(v):
        return (f"Trained like the reference on all {fmt_int(v['n_train'])} MNIST images, its "
                f"{online} sits beside the reference's {ref}, both counted while it learns.")
    if v["dataset"].startswith("mnist"):
        return (f"The reference reports {ref}, counted while it learns like our {online}, "
                f"but it learned from "
                f"{fmt_int(v['reference_n_train'])} MNIST images; ours learned from "
                f"{fmt_int(v['n_train'])}{other}.")
    name = DATASET_TITLES.get(v["dataset"], v["dataset"])
    return (f"The reference's {ref} is on MNIST digits; this run learned {name}, a harder "
            f"set, from {fmt_int(v['n_train'])} images.")


def why_caption(v):
    """The one sentence on screen under the comparison: why the figures differ."""
    if same_data_as_reference(v):
        return "Same images as the reference: the figures compare directly."
    if v["dataset"].startswith("mnist"):
        return (f"Fewer images to learn from: {fmt_int(v['n_train'])} here, "
                f"{fmt_int(v['reference_n_train'])} for the reference.")
    if v["dataset"] == "fashion-mnist":
        return "Different pictures: clothes are harder to tell apart than digits."
    return f"Different pictures: {DATASET_TITLES.get(v['dataset'], v['dataset'])}, not digits."


def reference_note(v):
    """The teacher note of the comparison: where the data come from, why it matters, and the
    commands that record the full MNIST."""
    return why_note(v) + " To record and render the video from the full MNIST: " + "; ".join(
        MNIST_COMMANDS.splitlines()) + "."


def why_note(v):
    ref = f"over {fmt_pct(v['reference_accuracy'], 0)}"
    if same_data_as_reference(v):
        return (f"The reference's {ref} is quoted from its video, not measured here; this run "
                "used the same training images, so only the seed and the held-out set differ.")
    if v["dataset"] == "mnist-10k":
        return (f"The reference's {ref} is quoted from its video, not measured here. It trains "
                f"on MNIST's {fmt_int(v['reference_n_train'])} training images, which are not "
                "shipped with this project; the mnist-10k set is MNIST's official test images "
                f"instead: the first {fmt_int(v['n_train'])} train, the last "
                f"{fmt_int(v['n_test'])} are held out. With fewer examples per digit each "
                "epoch, the network sees each kind of handwriting less often, so its figures "
                "sit a few points lower.")
    name = DATASET_TITLES.get(v["dataset"], v["dataset"])
    return (f"The reference's {ref} is quoted from its video, on MNIST digits. This trace "
            f"learned {name} (pictures of clothes in MNIST's format), which the same "
            "network finds harder: shirts, pullovers and coats look alike. Record the MNIST "
            "trace to compare like with like.")


def grid_sentence(v):
    """The grid's sentence: which held-out images are shown, and how many are wrong."""
    first, span, wrong = fmt_int(v["n_first"]), fmt_int(v["span"]), fmt_int(v["span_wrong"])
    if v["span"] > v["n_first"]:
        return (f"Here are held-out images with the network's guess under each: the first "
                f"{first}, then every one it got wrong among the first {span}, marked in red: "
                f"{wrong} mistakes in {span}.")
    return (f"Here are held-out images with the network's guess under each: the first "
            f"{first}, its mistakes marked in red: {wrong} mistakes in {span}.")


def mistake_sentence(v, names):
    m = v["mistake"]
    return (f"One of these mistakes up close: this {names[m['label']]} gets its largest "
            f"output, {fmt(m['o_guess'], 3)}, at {names[m['guess']]}, and only "
            f"{fmt(m['o_label'], 3)} at its label.")


def honest_note(v):
    """The teacher note of the "honest" beat: why the other figures are not the answer."""
    every = fmt_int(v["curve_every"])
    return (f"The trained-on figure is the online training accuracy: in the first epoch its "
            f"images are new to the network, but the weights change after every image, and "
            f"from the second epoch on its images have been trained on before. A third figure, "
            f"the share right over the last {every} training images only, ends at "
            f"{fmt_pct(v['curve_acc_end'])}: higher than the epoch's, which averages early "
            f"mistakes in. Over training, the mean squared error e of those windows falls "
            f"from {fmt(v['curve_e_first'], 3)} to {fmt(v['curve_e_last'], 3)} (the code's "
            f"step follows its close cousin, the cross-entropy through the sigmoid). The "
            f"held-out figure is an estimate too: another set of {fmt_int(v['n_test'])} "
            f"images would give a slightly different one.")


def narration(v):
    """The spoken script: cue id, sentence and (some beats) a teacher note, numbers formatted
    from the values."""
    names = v["class_names"]
    one = len(v["epochs"]) == 1
    tr0, trl = fmt_pct(v["train_acc"][0]), fmt_pct(v["train_acc"][-1])
    te0, tel = fmt_pct(v["test_acc"][0]), fmt_pct(v["test_acc"][-1])
    trained = (f"its accuracy is {trl} in its one epoch." if one else
               f"its accuracy is {tr0} in the first epoch and {trl} in the last.")
    held = (f"tested after its one epoch: {tel}." if one else
            f"tested after each epoch: {te0} after the first and {tel} after the last.")
    lines = [
        ("online", (f"How good is it? First, on the {fmt_int(v['n_train'])} images it trains "
                    f"on, counting the right guesses while it learns: {trained}"),
         (f"The reference prints nr_correct / len(images) after each epoch: the online "
          f"training accuracy ({', '.join(fmt_int(c) for c in v['nr_correct'])} of "
          f"{fmt_int(v['n_train'])} here), counted while the weights were still changing.")),
        ("held_out", (f"Now the held-out images: {fmt_int(v['n_test'])} it never trained on, "
                      f"{held}")),
        ("honest", ("The held-out figure is the honest answer: the network as it stands, on "
                    "images it has never seen; the other was counted while it was still "
                    "changing, on images it trains on."), honest_note(v)),
        ("reference", why_different(v), reference_note(v)),
        ("grid", grid_sentence(v),
         ("The trace keeps the pixels of only some held-out images: the first ones, then the "
          "first mistakes after them. So the grid shows every mistake in its stretch, not a "
          "fair sample: most held-out images are guessed right.")),
    ]
    if v["mistake"] is not None:
        lines.append(("mistake", mistake_sentence(v, names),
                      ("The mistake shown is the one with the largest output at its wrong "
                       "guess among those in the grid, leaving out the first one, which the "
                       "inference chapter works through.")))
    return lines


def key_numbers(v):
    """The handout's numbers for this chapter."""
    rows = []
    for i, ep in enumerate(v["epochs"]):
        rows.append((f"epoch {ep}: accuracy on images trained on / held out",
                     f"{fmt_pct(v['train_acc'][i])} / {fmt_pct(v['test_acc'][i])}"))
    rows.append((f"mistakes among the first {fmt_int(v['span'])} held-out images",
                 fmt_int(v["span_wrong"])))
    rows.append(("the reference's figure (quoted from its video)",
                 (f"over {fmt_pct(v['reference_accuracy'], 0)}, "
                  f"{fmt_int(v['reference_n_train'])} training images")))
    return rows
