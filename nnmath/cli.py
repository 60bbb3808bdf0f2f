"""The ``nnmath`` command: train, record a trace, inspect a trace, download data."""

import argparse
import json
import os
import sys
import time

import numpy as np

from . import __version__
from .cli_checks import (
    MAX_BATCH,
    MAX_EPOCHS,
    MAX_SEED,
    hidden_sizes,
    int_in,
    output_file,
    positive_rate,
)
from .errors import NnmathError, UsageError

#: Where ``nnmath record`` writes without ``--out`` (relative to the current folder); the
#: shipped trace in ``assets/`` is only ever replaced when named by path.
TRACES_DIR = "out/traces"


def default_trace_path(dataset, seed, hidden=None, learn_rate=None, epochs=None):
    """``out/traces/trace-<data set>-seed<seed>.npz``, with ``-h<hidden>``, ``-lr<rate>`` and
    ``-e<epochs>`` for each setting that differs from the reference's."""
    from .record import REFERENCE

    extra = ""
    if hidden is not None and hidden != REFERENCE["sizes"][1]:
        extra += f"-h{hidden}"
    if learn_rate is not None and learn_rate != REFERENCE["learn_rate"]:
        extra += f"-lr{learn_rate:g}"
    if epochs is not None and epochs != REFERENCE["epochs"]:
        extra += f"-e{epochs}"
    return os.path.join(TRACES_DIR, f"trace-{dataset}-seed{seed}{extra}.npz")


def _pct(x):
    return "   n/a" if x is None else f"{100 * x:5.2f}%"


#: The reference's epochs (``nnmath.record.REFERENCE``), for messages before recording.
REFERENCE_EPOCHS = 3


# --------------------------------------------------------------------------------- train

def resolve_settings(args):
    """The preset's settings, overridden by every flag the user gave."""
    from .presets import PRESETS

    settings = dict(PRESETS[args.preset])
    for key in ("epochs", "learn_rate", "batch_size", "order", "seed", "dtype", "delta_rule",
                "optimizer"):
        value = getattr(args, key, None)
        if value is not None:
            settings[key] = value
    if args.hidden is not None:
        settings["hidden_sizes"] = list(args.hidden)
    settings.setdefault("seed", 0)
    return settings


def run_training(dataset, settings, progress=True):
    """Build the network the settings describe and train it; return the epoch history."""
    from .network import Network
    from .optimizers import make_optimizer
    from .train import train_minibatch, train_per_sample

    dtype = np.dtype(settings["dtype"]).type
    sizes = [dataset.train_images.shape[1], *settings["hidden_sizes"], len(dataset.class_names)]
    net = Network.create(sizes, seed=settings["seed"], init=settings["init"],
                         hidden=settings["hidden"], output=settings["output"], dtype=dtype)
    test = (dataset.test_images, dataset.test_labels)
    per_sample = (settings["batch_size"] == 1 and len(sizes) == 3 and settings["optimizer"] == "sgd"
                  and settings["hidden"] == settings["output"] == "sigmoid")
    if per_sample:
        return net, train_per_sample(net, dataset.train_images, dataset.train_labels,
                                     epochs=settings["epochs"], learn_rate=settings["learn_rate"],
                                     order=settings["order"], delta_rule=settings["delta_rule"],
                                     test=test, progress=progress)
    optimizer = make_optimizer(settings["optimizer"], learn_rate=settings["learn_rate"],
                               **settings.get("optimizer_options", {}))
    extra = {k: settings[k] for k in settings.get("minibatch_options", ())}
    return net, train_minibatch(net, dataset.train_images, dataset.train_labels,
                                epochs=settings["epochs"], learn_rate=settings["learn_rate"],
                                batch_size=settings["batch_size"], optimizer=optimizer,
                                delta_rule=settings["delta_rule"], seed=settings["seed"],
                                test=test, progress=progress, **extra)


def cmd_train(args):
    from .atomic import write_atomic
    from .data import load_dataset

    settings = resolve_settings(args)
    dataset = load_dataset(args.dataset, args.data_dir)
    print(f"{dataset.name}: {dataset.n_train:,} training / {dataset.n_test:,} held-out images "
          f"from {dataset.folder}")
    print("settings: " + ", ".join(f"{k}={v}" for k, v in sorted(settings.items())))
    t0 = time.perf_counter()
    _, history = run_training(dataset, settings, progress=not args.quiet)
    total = time.perf_counter() - t0
    print(f"{'epoch':>5}  {'train acc (online)':>18}  {'held-out acc':>12}  {'mean cost':>9}  "
          f"{'seconds':>7}")
    for s in history:
        print(f"{s.epoch:>5}  {_pct(s.train_acc):>18}  {_pct(s.test_acc):>12}  "
              f"{s.mean_cost:9.5f}  {s.seconds:7.2f}")
    last = history[-1]
    print(f"done: held-out accuracy {_pct(last.test_acc).strip()} after {len(history)} epochs "
          f"in {total:.1f} s")
    if args.json:
        report = {
            "dataset": dataset.name, "n_train": dataset.n_train, "n_test": dataset.n_test,
            "settings": settings, "seconds_total": total, "nnmath_version": __version__,
            "epochs": [{"epoch": s.epoch, "train_acc": s.train_acc, "test_acc": s.test_acc,
                        "mean_cost": s.mean_cost, "seconds": s.seconds} for s in history],
        }
        write_atomic(args.json, json.dumps(report, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


# -------------------------------------------------------------------------------- record

def record_hidden(text):
    """``--hidden`` of ``nnmath record``: one hidden layer of 1 to 256 neurons."""
    from .record import HIDDEN_RANGE

    lo, hi = HIDDEN_RANGE
    sizes = [p.strip() for p in text.split(",")]
    if len(sizes) == 1:
        sizes = [int_in(lo, hi)(sizes[0])]
    if len(sizes) != 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the video's chapters show one hidden layer; give one size from {lo} to "
            f"{hi} (several hidden layers train with `nnmath train --hidden {text}`)")
    return sizes[0]


def record_rate(text):
    """``--learn-rate`` of ``nnmath record``: 0.0001 to 10."""
    from .record import LEARN_RATE_RANGE

    value = positive_rate(text)
    lo, hi = LEARN_RATE_RANGE
    if not lo <= value <= hi:
        raise argparse.ArgumentTypeError(f"{text} is out of range: must be {lo:g} to {hi:g}")
    return value


def data_name(args):
    """The data set's name for file names: the data set, or ``images-<folder>``."""
    if args.images:
        folder = os.path.basename(os.path.normpath(args.images)) or "folder"
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in folder)
        return f"images-{safe}"
    return args.dataset


def cmd_record(args):
    from .data import load_dataset
    from .images import load_image_folder
    from .record import record_run
    from .trace import save_trace

    if args.images and args.dataset:
        raise UsageError("give --dataset or --images, not both")
    args.dataset = None if args.images else (args.dataset or "mnist-10k")
    out = args.out or default_trace_path(data_name(args), args.seed, args.hidden,
                                         args.learn_rate, args.epochs)
    try:
        output_file(out)  # the default's folder too: refuse before training, not after
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"--out: {exc}") from None
    dataset = (load_image_folder(args.images) if args.images
               else load_dataset(args.dataset, args.data_dir))
    epochs = args.epochs or REFERENCE_EPOCHS
    total = epochs * dataset.n_train
    if args.curve_every is not None and args.curve_every > total:
        raise UsageError(f"--curve-every {args.curve_every} is out of range: must be 1 to "
                         f"{total:,} (the samples of {epochs} epoch{'s' * (epochs != 1)} of "
                         f"{dataset.name})")
    if args.images:
        print(f"images from {dataset.folder}: {len(dataset.class_names)} classes "
              f"({', '.join(dataset.class_names)})")
    print(f"recording {dataset.name} ({dataset.n_train:,} training / {dataset.n_test:,} held-out "
          f"images from {dataset.folder}), seed {args.seed}, order {args.order}")
    t0 = time.perf_counter()
    arrays, meta = record_run(dataset, seed=args.seed, order=args.order, first=args.first,
                              log_points=args.log_points, curve_every=args.curve_every,
                              hidden=args.hidden, learn_rate=args.learn_rate, epochs=args.epochs,
                              progress=not args.quiet)
    print(f"network {'-'.join(map(str, meta['sizes']))}, learn_rate {meta['learn_rate']:g}, "
          f"{meta['epochs']} epoch{'s' * (meta['epochs'] != 1)}, "
          f"curve every {meta['schedule']['curve_every']} samples")
    save_trace(out, arrays, meta)
    size = os.path.getsize(out)
    acc = arrays["epoch_test_acc"]
    print(f"wrote {out} ({size / 1e6:.2f} MB, {len(arrays['step_index'])} steps recorded) "
          f"in {time.perf_counter() - t0:.1f} s; held-out accuracy per epoch: "
          + ", ".join(_pct(a).strip() for a in acc))
    return 0


# ------------------------------------------------------------------------------- inspect

def describe(trace, path):
    """A summary of a trace a person can read."""
    m, a = trace.meta, trace.arrays
    lines = [
        (f"trace {path} ({os.path.getsize(path) / 1e6:.2f} MB), schema {m['schema']}, "
         f"nnmath {m['nnmath_version']}"),
        f"data set   {m['dataset']}: {m['n_train']:,} training / {m['n_test']:,} held-out images",
    ]
    if "images" in m:
        im = m["images"]
        lines.append(f"  folder   {im['folder']}: held out {100 * im['holdout']:g}% of each class "
                     f"(split seed {im['split_seed']})")
    lines.append(f"  classes  {len(m['class_names'])}: {', '.join(m['class_names'])}")
    lines += [f"  sha256   {name}  {digest}" for name, digest in m["files"].items()]
    lines += [
        f"network    {'-'.join(map(str, m['sizes']))} sigmoid, init {m['init']}, seed {m['seed']}",
        (f"training   per-sample SGD, learn_rate {m['learn_rate']:g}, {m['epochs']} "
         f"epoch{'s' * (m['epochs'] != 1)}, "
         f"delta_o rule {m['delta_rule']}, order {m['order']}"),
        (f"{'epoch':>7}  {'nr_correct':>10}  {'train acc (online)':>18}  {'held-out acc':>12}  "
         f"{'mean e':>8}"),
    ]
    for k in range(len(a["epoch_nr_correct"])):
        lines.append(f"{k + 1:>7}  {a['epoch_nr_correct'][k]:>10,}  "
                     f"{_pct(a['epoch_train_acc'][k]):>18}  {_pct(a['epoch_test_acc'][k]):>12}  "
                     f"{a['epoch_mean_e'][k]:8.5f}")
    idx = a["step_index"]
    lines += [
        (f"recorded   {len(idx)} steps: {', '.join(map(str, idx[:12]))}"
         f"{', ...' if len(idx) > 12 else ''} (last {idx[-1]})"),
        f"curve      {len(a['curve_step'])} points, every {m['schedule']['curve_every']} samples",
        (f"inference  {len(a['infer_index'])} held-out examples, "
         f"{int(np.sum(a['test_pred'] != a['test_label']))} mistakes in all"),
        (f"extras     bias experiment ({len(a['bias_iters'])} snapshots), one neuron "
         f"({len(a['neuron_iters'])} snapshots)"
         + (", comparison runs below" if "beyond" in m else "")),
    ]
    if "beyond" in m:
        lines += _describe_beyond(a, m)
    lines.append("valid      yes (schema, keys, shapes, finite values, internal consistency)")
    return "\n".join(lines)


def _describe_beyond(a, m):
    """The comparison runs: how their rates were chosen, then each run's rate and accuracy."""
    b = m["beyond"]
    rule = b["rate_rule"]
    lines = [
        (f"compared   minibatch runs, batch {b['batch_size']}, {b['epochs']} epochs, all from the "
         f"same initial weights ({b['optimizer_network']['init']}, seed {b['seed']})"),
        (f"  rates    each the best of {', '.join(f'{r:g}' for r in rule['grid'])} on "
         f"{rule['validation_images']:,} held-back training images (trained on "
         f"{rule['train_images']:,}); never the held-out set"),
        f"  {'run':<28} {'rate':>6}  {'validation':>10}  {'held-out acc':>12}",
    ]
    rows = [(r["name"], r["learn_rate"], a["beyond_loss_grid_val_acc"][i],
             a["beyond_loss_epoch_test_acc"][i, -1]) for i, r in enumerate(b["loss_runs"])]
    net = b["optimizer_network"]
    rows += [(f"{r['optimizer']} ({net['hidden']} + {net['output']})", r["learn_rate"],
              a["beyond_opt_grid_val_acc"][i], a["beyond_opt_epoch_test_acc"][i, -1])
             for i, r in enumerate(b["optimizer_runs"])]
    for name, rate, grid_acc, test_acc in rows:
        lines.append(f"  {name:<28} {rate:>6g}  {_pct(np.nanmax(grid_acc)):>10}  "
                     f"{_pct(test_acc):>12}")
    for r, dead in zip(b["loss_runs"], a["beyond_loss_dead_hidden"]):
        if r["hidden"] == "relu":
            lines.append(f"  dead     {r['name']}: {int(dead)} of {b['hidden']} hidden neurons "
                         f"zero on every held-out image at the end")
    return lines


def cmd_inspect(args):
    from .trace import load_trace

    if not args.file.strip():
        raise UsageError("no trace file named (an empty path); give the path of a trace's "
                         ".npz file, e.g. assets/trace-mnist-10k.npz")

    trace = load_trace(args.file)
    print(describe(trace, args.file))
    return 0


# ------------------------------------------------------------------------------ download

def cmd_download(args):
    from .data import download

    folder = download(args.dataset, args.data_dir, progress=not args.quiet)
    print(f"{args.dataset} is ready in {folder}")
    return 0


# ---------------------------------------------------------------------------------- main

def build_parser():
    from .costs import DELTA_RULES
    from .data import DATASET_NAMES
    from .optimizers import OPTIMIZERS
    from .presets import PRESETS
    from .reference import ORDERS
    from .schema import MAX_FIRST, MAX_LOG_POINTS

    p = argparse.ArgumentParser(prog="nnmath", description=__doc__)
    p.add_argument("--version", action="version", version=f"nnmath {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def data_args(sp, default):
        sp.add_argument("--dataset", choices=DATASET_NAMES, default=default)
        sp.add_argument("--data-dir", help="folder holding <name>/ data folders "
                        "(default: $NNMATH_DATA, the user cache, /usr/share/datasets)")
        sp.add_argument("--quiet", action="store_true", help="no progress bars")

    t = sub.add_parser("train", help="train a network and print accuracy per epoch")
    data_args(t, "mnist-10k")
    t.add_argument("--preset", choices=sorted(PRESETS), default="reference")
    t.add_argument("--epochs", type=int_in(1, MAX_EPOCHS), help=f"1 to {MAX_EPOCHS:,}")
    t.add_argument("--learn-rate", type=positive_rate, help="a number above 0")
    t.add_argument("--batch-size", type=int_in(1, MAX_BATCH),
                   help="1 = the reference per-sample loop")
    t.add_argument("--hidden", type=hidden_sizes,
                   help="hidden layer sizes, comma separated (default 20)")
    t.add_argument("--order", choices=ORDERS)
    t.add_argument("--delta-rule", choices=DELTA_RULES)
    t.add_argument("--optimizer", choices=sorted(OPTIMIZERS))
    t.add_argument("--seed", type=int_in(0, MAX_SEED), help="0 or more")
    t.add_argument("--dtype", choices=("float64", "float32"))
    t.add_argument("--json", type=output_file, help="also write the results as JSON to this file")
    t.set_defaults(func=cmd_train)

    r = sub.add_parser("record", help="record a training run into a trace (the video's numbers)",
                       description="Train the network per sample, as the video does, and record "
                       "the run into a trace. Defaults are the reference's: 784-20-10, learn rate "
                       "0.01, 3 epochs, seed 0, mnist-10k.")
    r.add_argument("--dataset", choices=DATASET_NAMES,
                   help="an IDX data set (default mnist-10k)")
    r.add_argument("--images", metavar="DIR",
                   help="your own images instead: DIR holds one subfolder of PNG/JPEG images per "
                   "class (2 to 26 classes; the folder name is the class name)")
    r.add_argument("--data-dir", help="folder holding <name>/ data folders "
                   "(default: $NNMATH_DATA, the user cache, /usr/share/datasets)")
    r.add_argument("--quiet", action="store_true", help="no progress bars")
    r.add_argument("--hidden", type=record_hidden, metavar="N",
                   help="hidden neurons, 1 to 256 (default 20; one hidden layer)")
    r.add_argument("--learn-rate", type=record_rate, metavar="RATE",
                   help="0.0001 to 10 (default 0.01)")
    r.add_argument("--epochs", type=int_in(1, 20), metavar="N", help="1 to 20 (default 3)")
    r.add_argument("--seed", type=int_in(0, MAX_SEED), default=0, help="0 or more")
    r.add_argument("--order", choices=ORDERS, default="correct",
                   help="correct: delta_h from w_h_o before its update; reference: the original "
                   "code's order")
    r.add_argument("--out", type=output_file,
                   help=f"the trace file (default: {TRACES_DIR}/trace-<dataset>-seed<seed>"
                   "[-h<hidden>][-lr<rate>][-e<epochs>].npz)")
    r.add_argument("--first", type=int_in(2, MAX_FIRST), default=10,
                   help=f"record every one of the first N steps (2 to {MAX_FIRST})")
    r.add_argument("--log-points", type=int_in(0, MAX_LOG_POINTS), default=16,
                   help=f"log-spaced steps after those (0 to {MAX_LOG_POINTS})")
    r.add_argument("--curve-every", type=int_in(1, 10**9), default=None,
                   help="samples per curve point (default 100, fewer when that gives under 30 "
                   "points; at most the samples trained)")
    r.set_defaults(func=cmd_record)

    i = sub.add_parser("inspect", help="describe and validate a trace file")
    i.add_argument("file")
    i.set_defaults(func=cmd_inspect)

    d = sub.add_parser("download", help="download a data set's official files (SHA-256 checked)")
    d.add_argument("dataset", choices=("mnist", "fashion-mnist"))
    d.add_argument("--data-dir")
    d.add_argument("--quiet", action="store_true")
    d.set_defaults(func=cmd_download)
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"nnmath {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except NnmathError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
