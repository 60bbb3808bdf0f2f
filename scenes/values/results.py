"""Chapter 9, results: accuracy per epoch and the learning curves of the real run.

Two accuracies, named for what they are: the *online training* accuracy
(``nr_correct / n_train``, counted while the weights were still changing;
the only one the reference prints) and the *held-out* accuracy (images the
network never trained on, measured after each epoch).
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

#: The commands that record the full MNIST and render the video from it (README).
MNIST_COMMANDS = """nnmath download mnist
nnmath record --dataset mnist --out mnist.npz
./render.sh --trace mnist.npz"""

#: How a data set is named in a sentence.
DATASET_TITLES = {"fashion-mnist": "Fashion-MNIST", "mnist": "MNIST", "mnist-10k": "MNIST"}

FORMULAS = [
    r"\text{online training accuracy} = \frac{\text{nr\_correct}}{n_{\text{train}}}",
    (r"\text{held-out accuracy} = \frac{\#\{\operatorname{argmax}(o) = \text{label}\}}"
    r"{n_{\text{test}}}"),
]


def values(trace):
    """Per-epoch accuracies and costs, and the running curve (x in samples seen)."""
    a, meta = trace.arrays, trace.meta
    epochs = list(range(1, meta["epochs"] + 1))
    samples_seen = (np.asarray(a["curve_step"]) + 1).tolist()
    n_train = int(meta["n_train"])
    # the running curve's point at each epoch's last image (its window ends the epoch; with a
    # window that does not divide the epoch, the last window ending in it)
    steps = np.asarray(a["curve_step"])
    end_windows = [max(int(np.searchsorted(steps, e * n_train - 1, side="right")) - 1, 0)
                   for e in epochs]
    return {
        "dataset": meta["dataset"],
        "n_train": int(meta["n_train"]),
        "n_test": int(meta["n_test"]),
        "epochs": epochs,
        "nr_correct": a["epoch_nr_correct"].tolist(),
        "train_acc": a["epoch_train_acc"].tolist(),
        "test_acc": a["epoch_test_acc"].tolist(),
        "mean_e": a["epoch_mean_e"].tolist(),
        "curve_seen": samples_seen,
        "curve_acc": a["curve_acc"].tolist(),
        "curve_e": a["curve_e"].tolist(),
        "curve_every": int(meta["schedule"]["curve_every"]),
        "total_samples": int(meta["epochs"] * meta["n_train"]),
        "epoch_ends": [int(e * meta["n_train"]) for e in epochs],
        "curve_e_max": float(np.max(a["curve_e"])),
        "curve_at_epoch_end": [float(a["curve_acc"][i]) for i in end_windows],
        "reference_accuracy": REFERENCE_ACCURACY,
        "reference_n_train": REFERENCE_N_TRAIN,
        "reference_dataset": REFERENCE_DATASET,
        "folder": meta["images"]["folder"] if "images" in meta else None,
        "n_classes": len(meta["class_names"]),
        "reference_settings": (meta["sizes"][1] == 20 and meta["learn_rate"] == 0.01
                               and meta["epochs"] == 3),
    }


#: A run whose held-out accuracy is below this many times chance (1 / classes) did not learn.
LEARNED_OVER_CHANCE = 1.5


def learned(v):
    """Whether the run learned anything: held-out accuracy clearly above chance."""
    return v["test_acc"][-1] > LEARNED_OVER_CHANCE / v["n_classes"]


def why_different(v):
    """Why our figures differ from the reference's, for this trace's data set and size."""
    ref = (f"over {fmt_pct(v['reference_accuracy'], 0)}")
    if not learned(v):
        return (f"The reference reports {ref}; this run did not learn: "
                f"{fmt_pct(v['test_acc'][-1])} held out is little better than guessing at "
                f"random, so its settings need changing, most often the learning rate.")
    if v["folder"] is not None:
        return (f"The reference's {ref} is on MNIST digits; this run learned your own image "
                f"folder from {fmt_int(v['n_train'])} images: "
                f"{fmt_pct(v['train_acc'][-1])} online and {fmt_pct(v['test_acc'][-1])} "
                f"held out.")
    other = "" if v["reference_settings"] else " with other settings"
    if v["dataset"] == v["reference_dataset"] and v["n_train"] == v["reference_n_train"]:
        return (f"Trained like the reference on all {fmt_int(v['n_train'])} MNIST images, it "
                f"reaches {fmt_pct(v['train_acc'][-1])} online and {fmt_pct(v['test_acc'][-1])} "
                f"held out, beside the reference's {ref}.")
    if v["dataset"].startswith("mnist"):
        return (f"The reference reports {ref} because it trains on all "
                f"{fmt_int(v['reference_n_train'])} MNIST training images; this trace learned "
                f"from {fmt_int(v['n_train'])}{other}, reaching {fmt_pct(v['train_acc'][-1])} online "
                f"and {fmt_pct(v['test_acc'][-1])} held out.")
    name = DATASET_TITLES.get(v["dataset"], v["dataset"])
    return (f"The reference's {ref} is on MNIST digits; this run learned {name}, a "
            f"harder set, from {fmt_int(v['n_train'])} images: {fmt_pct(v['train_acc'][-1])} "
            f"online and {fmt_pct(v['test_acc'][-1])} held out.")


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    first, last = 0, len(v["epochs"]) - 1
    every = fmt_int(v["curve_every"])
    below = v["curve_at_epoch_end"][first] > v["train_acc"][first]
    climbs = v["curve_acc"][-1] > v["curve_acc"][0] + 0.05
    falls = v["curve_e"][-1] < v["curve_e"][0]
    return [
        ("curves", (f"While it trains, a point every {every} images: the accuracy of the last "
                    f"{every} guesses {'climbs' if climbs else 'barely moves'}, and their mean "
                    f"cost {'falls' if falls else 'goes'} from "
                    f"{fmt(v['curve_e'][0], 3)} to {fmt(v['curve_e'][-1], 3)}.")),
        ("online", (f"The online training accuracy counts the right guesses during each epoch: "
                    f"{fmt_int(v['nr_correct'][first])} of {fmt_int(v['n_train'])} in the first, "
                    f"{fmt_pct(v['train_acc'][first])}, and {fmt_pct(v['train_acc'][last])} in "
                    f"the last; the reference prints this one.")),
        ("below", (f"It sits {'below' if below else 'apart from'} the curve's end because it "
                   f"averages the whole epoch, early mistakes included, while the curve's last "
                   f"point, "
                   f"{fmt_pct(v['curve_at_epoch_end'][first])}, covers only the last {every} "
                   f"images.")),
        ("held_out", (f"The held-out accuracy tests {fmt_int(v['n_test'])} images it never "
                      f"trained on, after each epoch: {fmt_pct(v['test_acc'][first])} after the "
                      f"first and {fmt_pct(v['test_acc'][last])} at the end.")),
        ("reference", why_different(v)),
        ("command", ("The full MNIST is one command away: nnmath record with dataset mnist, "
                     "then render.sh with that trace.")),
    ]


def key_numbers(v):
    """The handout's numbers for this chapter."""
    rows = []
    for i, ep in enumerate(v["epochs"]):
        rows.append((f"epoch {ep}: online training / held-out accuracy",
                     f"{fmt_pct(v['train_acc'][i])} / {fmt_pct(v['test_acc'][i])}"))
    rows.append(("final mean cost (last curve window)", fmt(v["curve_e"][-1], 4)))
    rows.append(("the reference's figure (quoted from its video)",
                 (f"over {fmt_pct(v['reference_accuracy'], 0)}, "
                  f"{fmt_int(v['reference_n_train'])} training images")))
    return rows
