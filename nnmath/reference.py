"""The video's training loop, line for line, in the video's names.

Read :func:`train` beside the code of Bot Academy's "Neural Networks Explained
from Scratch using Python": every line of its loop is a line there, with the
same names (``img``, ``l``, ``h_pre``, ``h``, ``o_pre``, ``o``, ``e``,
``nr_correct``, ``delta_o``, ``delta_h``, ``w_i_h``, ``b_i_h``, ``w_h_o``,
``b_h_o``, ``learn_rate``). Two things are ours: the weights come from a
seeded Generator, so a run can be repeated, and ``order`` chooses between the
video's update order and the correct one.

This is the readable version. ``nnmath.train.train_per_sample`` is the same
algorithm made fast; it lands on the same weights to 1e-12 (``tests/
test_reference_loop.py``) and ``bench/bench_train.py`` times it against this.

Run it as the video does (``--dataset fashion-mnist`` for the other data set)::

    python -m nnmath.reference --dataset mnist-10k --epochs 3
"""

import argparse
import sys

import numpy as np

#: ``correct``: ``delta_h`` from ``w_h_o`` as it was in the forward pass (the gradient).
#: ``reference``: from the already updated ``w_h_o``, as the video's code does.
ORDERS = ("correct", "reference")


def get_data(images: np.ndarray, labels: np.ndarray,
             n_classes: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """The video's ``get_mnist``: pixels (n, 784) uint8 to floats in 0..1, labels (n,) to
    one-hot rows (n, 10). float64 here (the video: float32), so the fast loop can match it."""
    images = images / 255
    labels = np.eye(n_classes)[labels]
    return images, labels


def init_parameters(seed: int = 0, sizes: tuple[int, int, int] = (784, 20, 10)) -> list[np.ndarray]:
    """``w_i_h`` (20, 784) and ``w_h_o`` (10, 20) from U(-0.5, 0.5), zero biases (20, 1) and
    (10, 1): the video's initialisation, drawn from ``np.random.default_rng(seed)`` in the
    order ``nnmath.network.Network.create(seed=seed)`` draws them."""
    n_in, n_hidden, n_out = sizes
    rng = np.random.default_rng(seed)
    w_i_h = rng.uniform(-0.5, 0.5, (n_hidden, n_in))
    w_h_o = rng.uniform(-0.5, 0.5, (n_out, n_hidden))
    b_i_h = np.zeros((n_hidden, 1))
    b_h_o = np.zeros((n_out, 1))
    return [w_i_h, b_i_h, w_h_o, b_h_o]


def train(images: np.ndarray, labels: np.ndarray, w_i_h: np.ndarray, b_i_h: np.ndarray,
          w_h_o: np.ndarray, b_h_o: np.ndarray, epochs: int = 3, learn_rate: float = 0.01,
          order: str = "correct") -> tuple[list[int], list[float]]:
    """Per-sample gradient descent, the video's loop; the parameters are updated in place.

    ``images`` (n, 784) floats in 0..1 and ``labels`` (n, 10) one-hot rows, as
    :func:`get_data` returns them. Returns ``nr_correct`` of each epoch (the online
    training accuracy times n) and the mean cost ``e`` of each epoch.
    """
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; choose one of {ORDERS}")
    nr_correct_per_epoch, mean_e_per_epoch = [], []
    for epoch in range(epochs):
        nr_correct = 0
        e_sum = 0.0
        for img, l in zip(images, labels):
            img.shape += (1,)
            l.shape += (1,)
            # Forward propagation input -> hidden
            h_pre = b_i_h + w_i_h @ img
            h = 1 / (1 + np.exp(-h_pre))
            # Forward propagation hidden -> output
            o_pre = b_h_o + w_h_o @ h
            o = 1 / (1 + np.exp(-o_pre))

            # Cost / Error calculation
            e = 1 / len(o) * np.sum((o - l) ** 2, axis=0)
            e_sum += float(e[0])
            nr_correct += int(np.argmax(o) == np.argmax(l))

            # Backpropagation output -> hidden (cost function derivative)
            delta_o = o - l
            if order == "correct":
                delta_h = np.transpose(w_h_o) @ delta_o * (h * (1 - h))
            w_h_o += -learn_rate * delta_o @ np.transpose(h)
            b_h_o += -learn_rate * delta_o
            # Backpropagation hidden -> input (activation function derivative)
            if order == "reference":
                delta_h = np.transpose(w_h_o) @ delta_o * (h * (1 - h))
            w_i_h += -learn_rate * delta_h @ np.transpose(img)
            b_i_h += -learn_rate * delta_h

        nr_correct_per_epoch.append(nr_correct)
        mean_e_per_epoch.append(e_sum / len(images))
    return nr_correct_per_epoch, mean_e_per_epoch


def accuracy(images: np.ndarray, labels: np.ndarray, w_i_h: np.ndarray, b_i_h: np.ndarray,
             w_h_o: np.ndarray, b_h_o: np.ndarray) -> float:
    """Held-out accuracy: the fraction of ``images`` (n, 784, in 0..1) whose largest output
    is the label ``labels`` (n,); the video's forward propagation on all images at once."""
    h = 1 / (1 + np.exp(-(b_i_h + w_i_h @ images.T)))
    o = 1 / (1 + np.exp(-(b_h_o + w_h_o @ h)))
    return float(np.mean(np.argmax(o, axis=0) == labels))


def main(argv: list[str] | None = None) -> int:
    """``python -m nnmath.reference``: train as the video does and print each epoch's accuracy."""
    from .data import DATASET_NAMES, load_dataset
    from .errors import NnmathError

    p = argparse.ArgumentParser(prog="python -m nnmath.reference", description=__doc__)
    p.add_argument("--dataset", choices=DATASET_NAMES, default="mnist-10k")
    p.add_argument("--data-dir")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--order", choices=ORDERS, default="correct")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    try:
        dataset = load_dataset(args.dataset, args.data_dir)
        images, labels = get_data(dataset.train_images, dataset.train_labels)
        w_i_h, b_i_h, w_h_o, b_h_o = init_parameters(args.seed)
        with np.errstate(over="ignore"):   # exp overflows to inf, and 1 / inf is the right 0
            nr_correct, _ = train(images, labels, w_i_h, b_i_h, w_h_o, b_h_o,
                                  epochs=args.epochs, order=args.order)
            for n in nr_correct:
                print(f"Acc: {round((n / images.shape[0]) * 100, 2)}%")
            held_out = accuracy(dataset.test_images / 255, dataset.test_labels,
                                w_i_h, b_i_h, w_h_o, b_h_o)
    except NnmathError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(f"held-out accuracy: {round(held_out * 100, 2)}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
