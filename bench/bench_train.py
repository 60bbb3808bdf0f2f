"""Training speed, measured side by side in one run (ratios, not absolute targets).

    .venv/bin/python bench/bench_train.py [--data-dir DIR] [--repeats 3]
                                          [--process-dataset fashion-mnist]

Prints:
1. the fast per-sample loop (``train_per_sample``) vs the video's loop as written
   (``nnmath.reference.train``), the loops alone (goal >= 2.5x);
2. the recording overhead: the same loop with the trace Recorder attached (goal <= 10%);
3. minibatch training at batch 128 vs PyTorch CPU on the same network, optimizer
   and batch (goal >= 1.0x; PyTorch is optional: `pip install torch==2.13.0`);
4. the minibatch step's matmul throughput as a fraction of the machine's, measured
   two ways: against a large square GEMM (the machine's peak) and against the same
   matmul shapes timed alone (what this network's matmuls can reach at best);
5. whole processes, as a user runs them, on one epoch of ``--process-dataset``:
   ``nnmath train --batch-size 1 --dtype float64`` vs ``python -m nnmath.reference``:
   wall time (goal >= 2.0x) and peak memory (goal: nnmath's no more than the reference's).
Both sides run on one BLAS thread (set before NumPy is imported): with two
threads under load OpenBLAS was measured 40x slower on these shared machines.
Each figure is the best of ``--repeats`` rounds that interleave both sides.
"""

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import argparse
import subprocess
import sys
import tempfile
import time

import numpy as np

from nnmath import reference
from nnmath.data import load_dataset
from nnmath.network import Network
from nnmath.record import Recorder, schedule
from nnmath.train import train_minibatch, train_per_sample


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def torch_epoch(x, y, batch, lr, seed=0):
    """PyTorch CPU, same 784-20-10 sigmoid network, o - l delta (BCE with logits), SGD.

    Returns a function that trains one epoch (after one warm-up epoch), or None
    without PyTorch.
    """
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(784, 20), torch.nn.Sigmoid(), torch.nn.Linear(20, 10))
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="sum")
    X = torch.from_numpy(x.astype(np.float32) / 255)
    Y = torch.nn.functional.one_hot(torch.from_numpy(y.astype(np.int64)), 10).float()
    gen = torch.Generator().manual_seed(seed)

    def epoch():
        perm = torch.randperm(len(X), generator=gen)
        for start in range(0, len(X), batch):
            idx = perm[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(X[idx]), Y[idx]) / len(idx)
            loss.backward()
            opt.step()

    epoch()  # warm-up
    return epoch


def reference_epoch(x, y):
    """One epoch of the video's loop as written, from the same data and weights."""
    images, labels = reference.get_data(x, y)
    with np.errstate(over="ignore"):
        reference.train(images, labels, *reference.init_parameters(0), epochs=1)


def run_process(cmd):
    """Run ``cmd``; return its wall time in seconds and its peak resident memory in MiB."""
    with tempfile.TemporaryFile() as log:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            log.seek(0)
            sys.exit(f"{' '.join(cmd)} failed:\n{log.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024          # Linux reports ru_maxrss in KiB


def whole_processes(dataset, data_dir, repeats):
    """5.: ``nnmath train`` against ``python -m nnmath.reference``, one epoch each."""
    where = ["--data-dir", data_dir] if data_dir else []
    fast = [sys.executable, "-m", "nnmath", "train", "--dataset", dataset, "--epochs", "1",
            "--batch-size", "1", "--dtype", "float64", "--quiet", *where]
    plain = [sys.executable, "-m", "nnmath.reference", "--dataset", dataset, "--epochs", "1",
             *where]
    rounds = [(run_process(fast), run_process(plain)) for _ in range(repeats)]
    t_fast, t_plain = (min(r[k][0] for r in rounds) for k in (0, 1))
    m_fast, m_plain = (max(r[k][1] for r in rounds) for k in (0, 1))
    print(f"5. whole process     {dataset}, 1 epoch   nnmath.reference {t_plain:5.2f} s "
          f"{m_plain:5.0f} MiB   nnmath train {t_fast:5.2f} s {m_fast:5.0f} MiB   ratio "
          f"{t_plain / t_fast:4.2f}x (goal >= 2.0x), memory {m_fast / m_plain:4.2f}x "
          f"(goal <= 1.0x)")


def gflops(flops, seconds):
    return flops / seconds / 1e9


def matmul_benchmarks(batch, dtype):
    """Functions timing a large square GEMM and this network's step matmuls alone, and the
    FLOPs each does (the step's are also what one training step does in matmuls)."""
    rng = np.random.default_rng(0)
    n = 1024
    a, b = rng.random((n, n)).astype(dtype), rng.random((n, n)).astype(dtype)
    W1, W2 = rng.random((20, 784)).astype(dtype), rng.random((10, 20)).astype(dtype)
    X = rng.random((batch, 784)).astype(dtype).T
    H, D2, D1 = (rng.random(s).astype(dtype) for s in ((20, batch), (10, batch), (20, batch)))
    step_flops = 2 * batch * (784 * 20 + 20 * 10) * 2 + 2 * batch * 20 * 10

    def step_matmuls():
        for _ in range(100):
            W1 @ X
            W2 @ H
            W2.T @ D2
            D2 @ H.T
            D1 @ X.T
    return (lambda: a @ b), 2 * n ** 3, step_matmuls, 100 * step_flops, step_flops


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--process-dataset", default="fashion-mnist",
                   help="the data set of the whole-process comparison (5.)")
    args = p.parse_args()
    ds = load_dataset("mnist-10k", args.data_dir)
    x, y = ds.train_images, ds.train_labels
    n, R = len(y), args.repeats
    print(f"data: {ds.name}, {n:,} training images; one BLAS thread; best of {R}")

    # Interleaved (A B A B ...) so that load from other processes hits both alike.
    pairs = [(best(lambda: reference_epoch(x, y), 1),
              best(lambda: train_per_sample(Network.create(), x, y, epochs=1, progress=False), 1))
             for _ in range(R)]
    t_plain, t_fast = min(a for a, _ in pairs), min(b for _, b in pairs)
    print(f"1. per-sample loop   nnmath.reference {n / t_plain:9,.0f} samples/s   fast "
          f"{n / t_fast:9,.0f} samples/s   ratio {t_plain / t_fast:5.2f}x (goal >= 2.5x)")

    epochs = 3

    def plain_run():
        train_per_sample(Network.create(), x, y, epochs=epochs, progress=False)

    def recorded_run():
        rec = Recorder(schedule(n, epochs))
        train_per_sample(Network.create(), x, y, epochs=epochs, hook=rec, progress=False)
        rec.arrays()
    pairs = [(best(plain_run, 1), best(recorded_run, 1)) for _ in range(max(R, 3))]
    t_plain3, t_rec3 = min(a for a, _ in pairs), min(b for _, b in pairs)
    print(f"2. recording         without {t_plain3:6.2f} s   with Recorder {t_rec3:6.2f} s   "
          f"overhead {100 * (t_rec3 / t_plain3 - 1):+5.1f}% (goal <= 10%)")

    batch, lr = 128, 0.5
    for dtype in (np.float32, np.float64):
        gemm, gemm_flops, alone, alone_flops, step_flops = matmul_benchmarks(batch, dtype)
        torch_run = torch_epoch(x, y, batch, lr) if dtype is np.float32 else None

        def nnmath_epoch(dtype=dtype):
            # Epoch time as the loop measures it (EpochStats.seconds): like the PyTorch side,
            # it leaves out the one-off conversion of the uint8 images to floats.
            net = Network.create(dtype=dtype)
            return train_minibatch(net, x, y, epochs=1, learn_rate=lr, batch_size=batch,
                                   progress=False)[0].seconds
        nnmath_epoch()  # warm-up
        # Rounds interleave every measurement, so load from other processes hits all alike.
        rounds = [(nnmath_epoch(), best(torch_run, 1) if torch_run else None, best(alone, 1),
                   best(gemm, 1)) for _ in range(R)]
        t_np, t_alone, t_gemm = (min(r[k] for r in rounds) for k in (0, 2, 3))
        line = f"3. minibatch {np.dtype(dtype).name:7s} nnmath {n / t_np:9,.0f} samples/s"
        if torch_run:
            t_torch = min(r[1] for r in rounds)
            line += (f"   PyTorch {n / t_torch:9,.0f} samples/s   ratio {t_torch / t_np:5.2f}x "
                     f"(goal >= 1.0x)")
        elif dtype is np.float32:
            line += "   PyTorch not installed (pip install torch==2.13.0)"
        print(line)
        achieved = gflops(step_flops * (n / batch), t_np)
        same, peak = gflops(alone_flops, t_alone), gflops(gemm_flops, t_gemm)
        print(f"4. matmul {np.dtype(dtype).name:7s}  training {achieved:6.2f} GFLOP/s   "
              f"same shapes alone {same:6.2f} GFLOP/s ({100 * achieved / same:4.0f}%)   "
              f"1024x1024 GEMM {peak:6.2f} GFLOP/s ({100 * achieved / peak:4.0f}%)")

    whole_processes(args.process_dataset, args.data_dir, R)


if __name__ == "__main__":
    main()
