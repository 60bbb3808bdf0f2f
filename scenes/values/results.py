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

#: The commands that record the full MNIST and render the video from it (README); they go
#: to the comparison's teacher note, never on screen.
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
    """Per-epoch accuracies and costs, the running curve (x in samples seen), the running
    count of right guesses at each curve point."""
    a, meta = trace.arrays, trace.meta
    epochs = list(range(1, meta["epochs"] + 1))
    steps = np.asarray(a["curve_step"])
    samples_seen = (steps + 1).tolist()
    n_train = int(meta["n_train"])
    every = int(meta["schedule"]["curve_every"])
    # the running curve's point at each epoch's last image (its window ends the epoch; with a
    # window that does not divide the epoch, the last window ending in it)
    end_windows = [max(int(np.searchsorted(steps, e * n_train - 1, side="right")) - 1, 0)
                   for e in epochs]
    # right guesses so far in the epoch, at each curve point: the windows tile each epoch
    # (``curve_every`` images each), so their counts add up to the epoch's nr_correct
    window_right = np.rint(np.asarray(a["curve_acc"]) * every).astype(int)
    epoch_of = steps // n_train
    right_so_far = np.zeros(len(steps), dtype=int)
    for e in range(len(epochs)):
        sel = epoch_of == e
        right_so_far[sel] = np.cumsum(window_right[sel])
    return {
        "dataset": meta["dataset"],
        "n_train": n_train,
        "n_test": int(meta["n_test"]),
        "epochs": epochs,
        "nr_correct": a["epoch_nr_correct"].tolist(),
        "train_acc": a["epoch_train_acc"].tolist(),
        "test_acc": a["epoch_test_acc"].tolist(),
        "mean_e": a["epoch_mean_e"].tolist(),
        "curve_seen": samples_seen,
        "curve_acc": a["curve_acc"].tolist(),
        "curve_e": a["curve_e"].tolist(),
        "curve_every": every,
        "curve_right_so_far": right_so_far.tolist(),
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


def same_data_as_reference(v):
    return v["dataset"] == v["reference_dataset"] and v["n_train"] == v["reference_n_train"]


#: A run whose held-out accuracy is below this many times chance (1 / classes) did not learn.
LEARNED_OVER_CHANCE = 1.5


def learned(v):
    """Whether the run learned anything: held-out accuracy clearly above chance."""
    return v["test_acc"][-1] > LEARNED_OVER_CHANCE / v["n_classes"]


def curve_verbs(v):
    """What the two curves did, as the sentence says it (and the scene times it)."""
    climbs = v["curve_acc"][-1] > v["curve_acc"][0] + 0.05
    falls = v["curve_e"][-1] < v["curve_e"][0]
    return ("climbs" if climbs else "barely moves"), ("falls" if falls else "goes")


def why_different(v):
    """The spoken sentence: our final figures beside the reference's, and the one reason they
    differ, for this trace's data set and size."""
    ref = f"over {fmt_pct(v['reference_accuracy'], 0)}"
    online, held = fmt_pct(v["train_acc"][-1]), fmt_pct(v["test_acc"][-1])
    if not learned(v):
        return (f"The reference reports {ref}; this run did not learn: {held} held out is "
                "little better than guessing at random, so its settings need changing, most "
                "often the learning rate.")
    if v["folder"] is not None:
        return (f"The reference's {ref} is on MNIST digits; this run learned your own image "
                f"folder from {fmt_int(v['n_train'])} images: "
                f"{fmt_pct(v['train_acc'][-1])} online and {fmt_pct(v['test_acc'][-1])} "
                f"held out.")
    other = "" if v["reference_settings"] else " with other settings"
    if same_data_as_reference(v):
        return (f"Trained like the reference on all {fmt_int(v['n_train'])} MNIST images, it "
                f"reaches {online} online and {held} held out, beside the reference's {ref}.")
    if v["dataset"].startswith("mnist"):
        return (f"The reference reports {ref} after learning from "
                f"{fmt_int(v['reference_n_train'])} MNIST images; ours learned from "
                f"{fmt_int(v['n_train'])}{other}, and reaches {online} online and {held} held out.")
    name = DATASET_TITLES.get(v["dataset"], v["dataset"])
    return (f"The reference's {ref} is on MNIST digits; this run learned {name}, a harder "
            f"set, from {fmt_int(v['n_train'])} images: {online} online and {held} held out.")


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


def narration(v):
    """The spoken script: cue id, sentence and (some beats) a teacher note, numbers formatted
    from the values."""
    first, last = 0, len(v["epochs"]) - 1
    every = fmt_int(v["curve_every"])
    below = v["curve_at_epoch_end"][first] > v["train_acc"][first]
    acc_verb, cost_verb = curve_verbs(v)
    return [
        ("curves", (f"While it trains, every {every} images add a point: the share of those "
                    f"guesses that were right {acc_verb}, and their mean cost {cost_verb} from "
                    f"{fmt(v['curve_e'][0], 3)} to {fmt(v['curve_e'][-1], 3)}.")),
        ("online", (f"The online training accuracy counts the right guesses during each epoch: "
                    f"{fmt_int(v['nr_correct'][first])} of {fmt_int(v['n_train'])} in the first, "
                    f"which is {fmt_pct(v['train_acc'][first])}, then more in every epoch, up "
                    f"to {fmt_pct(v['train_acc'][last])} in the last; the reference prints this "
                    f"one."),
         ("The reference prints nr_correct / len(images) after each epoch: the online training "
          "accuracy, counted while the weights were still changing.")),
        ("below", (f"It sits {'below' if below else 'apart from'} the curve's end because it "
                   f"averages the whole epoch, early mistakes included, while the curve's last "
                   f"point, {fmt_pct(v['curve_at_epoch_end'][first])}, covers only the last "
                   f"{every} images.")),
        ("held_out", (f"The held-out accuracy tests {fmt_int(v['n_test'])} images it never "
                      f"trained on, after each epoch: {fmt_pct(v['test_acc'][first])} after the "
                      f"first and {fmt_pct(v['test_acc'][last])} at the end.")),
        ("reference", why_different(v), reference_note(v)),
        ("honest", ("Of these three figures, the held-out one is the honest answer: it is the "
                    "only one measured with the finished network, on images it never trained "
                    "on."),
         ("In the first epoch the online figure is also measured on images not yet trained "
          "on, but by weights that change after every image, and from the second epoch on "
          "its images have been trained on before. The held-out figure is an estimate too: "
          "another set of the same size would give a slightly different one.")),
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
