"""Epoch time of nnmath's minibatch loop against PyTorch on the CPU, in the same run.

Same architecture (ReLU hidden layers, softmax output, categorical
cross-entropy), same optimizer (Adam, lr 0.001), same batch size, same data,
float32, one thread each. The two alternate epoch by epoch, so a load spike
from another process hits both; the median epoch time of each is compared.
PyTorch is an optional benchmark dependency (``pip install torch``); without
it only the NumPy times are printed. Timing is never asserted anywhere::

    .venv/bin/python bench/bench_beyond.py                    # 784-128-10, batch 128
    .venv/bin/python bench/bench_beyond.py --hidden 256,128 --dataset fashion-mnist
"""

import os

# One thread each, set before NumPy (OpenBLAS) or PyTorch is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import itertools
import statistics
import sys
import time

import numpy as np

from nnmath.data import load_dataset
from nnmath.network import Network
from nnmath.optimizers import Adam
from nnmath.train import evaluate, to_inputs, train_minibatch


class NumpyRun:
    """nnmath: one epoch at a time of train_minibatch, the optimizer's state carried over."""

    name = "nnmath (NumPy)"

    def __init__(self, sizes, lr, batch_size, seed):
        self.net = Network.create(sizes, seed=seed, init="he", hidden="relu", output="softmax",
                                  dtype=np.float32)
        self.opt = Adam(learn_rate=lr)
        self.batch_size = batch_size
        self.epoch = 0
        self.x = None

    def train_epoch(self, images, labels):
        """One epoch; returns (wall seconds, CPU seconds of this process)."""
        self.epoch += 1
        if self.x is None:
            self.x = to_inputs(images, np.float32)      # once, as PyTorch's tensor below
        c0 = time.process_time()
        hist = train_minibatch(self.net, self.x, labels, epochs=1, batch_size=self.batch_size,
                               optimizer=self.opt, seed=self.epoch, progress=False)
        return hist[0].seconds, time.process_time() - c0

    def accuracy(self, images, labels):
        return evaluate(self.net, images, labels)


class TorchRun:
    """PyTorch: nn.Sequential of Linear and ReLU, CrossEntropyLoss, torch.optim.Adam."""

    name = "PyTorch"

    def __init__(self, torch, sizes, lr, batch_size, seed):
        self.torch = torch
        torch.manual_seed(seed)
        layers = []
        for k, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
            layers.append(torch.nn.Linear(n_in, n_out))
            if k < len(sizes) - 2:
                layers.append(torch.nn.ReLU())
        self.model = torch.nn.Sequential(*layers)
        # Adam with the same epsilon as nnmath's (PyTorch's default is 1e-8).
        self.opt = torch.optim.Adam(self.model.parameters(), lr=lr, eps=1e-7)
        self.loss = torch.nn.CrossEntropyLoss()
        self.batch_size = batch_size
        self.gen = torch.Generator().manual_seed(seed)
        self.x = None

    def _tensors(self, images, labels):
        if self.x is None or self.x.shape[0] != len(labels):
            self.x = self.torch.from_numpy(images.astype(np.float32) / 255)
            self.y = self.torch.from_numpy(labels.astype(np.int64))
        return self.x, self.y

    def train_epoch(self, images, labels):
        torch = self.torch
        x, y = self._tensors(images, labels)
        t0, c0 = time.perf_counter(), time.process_time()
        order = torch.randperm(len(y), generator=self.gen)
        self.model.train()
        for start in range(0, len(y), self.batch_size):
            idx = order[start:start + self.batch_size]
            self.opt.zero_grad(set_to_none=True)
            loss = self.loss(self.model(x[idx]), y[idx])
            loss.backward()
            self.opt.step()
        return time.perf_counter() - t0, time.process_time() - c0

    def accuracy(self, images, labels):
        torch = self.torch
        with torch.no_grad():
            out = self.model(torch.from_numpy(images.astype(np.float32) / 255))
        return float((out.argmax(1).numpy() == labels).mean())


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--data-dir")
    p.add_argument("--hidden", default="128", help="hidden layer sizes, comma separated")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--learn-rate", type=float, default=0.001)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    dataset = load_dataset(args.dataset, args.data_dir)
    sizes = [dataset.train_images.shape[1], *map(int, args.hidden.split(",")),
             len(dataset.class_names)]
    runs = [NumpyRun(sizes, args.learn_rate, args.batch_size, args.seed)]
    try:
        import torch
    except ImportError:
        torch = None
        print("PyTorch is not installed (pip install torch): timing nnmath alone")
    if torch is not None:
        torch.set_num_threads(1)
        runs.append(TorchRun(torch, sizes, args.learn_rate, args.batch_size, args.seed))
    print(f"{dataset.name}: {dataset.n_train:,} training images; network "
          f"{'-'.join(map(str, sizes))} ReLU + softmax, Adam lr {args.learn_rate}, batch "
          f"{args.batch_size}, float32, one thread each"
          + (f"; torch {torch.__version__}" if torch else "") + f"; numpy {np.__version__}")
    times = {r.name: [] for r in runs}
    cpu = {r.name: [] for r in runs}
    for epoch in range(1, args.epochs + 1):
        for r in runs:
            wall, used = r.train_epoch(dataset.train_images, dataset.train_labels)
            times[r.name].append(wall)
            cpu[r.name].append(used)
        print(f"epoch {epoch}: " + ", ".join(f"{n} {t[-1]:.2f} s ({cpu[n][-1]:.2f} s CPU)"
                                             for n, t in times.items()), flush=True)
    for r in runs:
        med = statistics.median(times[r.name])
        acc = r.accuracy(dataset.test_images, dataset.test_labels)
        print(f"{r.name:>15}: median {med:.3f} s per epoch (min {min(times[r.name]):.3f}; "
              f"CPU median {statistics.median(cpu[r.name]):.3f}), held-out accuracy after "
              f"{args.epochs} epochs {100 * acc:.2f}%")
    if torch is not None:
        nn_name = "nnmath (NumPy)"
        ratio = statistics.median(times["PyTorch"]) / statistics.median(times[nn_name])
        cpu_ratio = statistics.median(cpu["PyTorch"]) / statistics.median(cpu[nn_name])
        print(f"speed ratio (PyTorch time / nnmath time): {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
              f"({'nnmath faster' if ratio >= 1 else 'PyTorch faster'}; goal >= 1.0x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
