#!/usr/bin/env python3
"""PyTorch twin of `inertia bench`: the same three MNIST training workloads, the same step, the same JSON.

A step is what Inertia's bench times: take the next batch, zero the gradients, forward, cross-entropy,
backward, optimizer step. `--warmup` untimed steps first, then `--steps` timed ones; the median step
time gives samples_per_second. Data: the MNIST copy bundled in inertia-datasets (read here with gzip and
the standard library, normalised with mean 0.1307 / std 0.3081, reshuffled every epoch).

Needs Debian's python3-torch (PyTorch 1.13 CPU); Inertia itself never needs Python. Run it with the
interpreter that has torch, usually /usr/bin/python3:

    /usr/bin/python3 bench/pytorch_bench.py --workload lenet5 --steps 200 --warmup 30
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import torch
from torch import nn

MNIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "datasets", "src", "main", "resources",
                     "org", "inertia", "datasets", "mnist")


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    found, count = struct.unpack(">II", raw[:8])
    if found != magic:
        raise SystemExit(f"{path}: magic {found:#x}, expected {magic:#x}")
    header = 16 if magic == 2051 else 8
    return torch.frombuffer(bytearray(raw[header:]), dtype=torch.uint8), count


def mnist_train():
    images, n = read_idx(os.path.join(MNIST, "train-images-idx3-ubyte.gz"), 2051)
    labels, _ = read_idx(os.path.join(MNIST, "train-labels-idx1-ubyte.gz"), 2049)
    x = images.reshape(n, 1, 28, 28).float().div_(255).sub_(0.1307).div_(0.3081)
    return x, labels.long()


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                         nn.Linear(256, 10))


def lenet5():
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                         nn.Linear(84, 10))


def convnet():
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Linear(128, 10))


# name -> (model, batch size, optimizer factory): the definitions of Inertia's Workload enum.
WORKLOADS = {
    "mlp": (mlp, 128, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)),
    "lenet5": (lenet5, 64, lambda p: torch.optim.Adam(p, lr=1e-3)),
    "convnet": (convnet, 64, lambda p: torch.optim.Adam(p, lr=1e-3)),
}


def percentile(sorted_values, q):
    pos = q * (len(sorted_values) - 1)
    lo, hi = int(pos), min(int(pos) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("OMP_NUM_THREADS", "2")))
    args = parser.parse_args()
    if args.steps < 1 or args.warmup < 0:
        parser.error("--steps must be >= 1 and --warmup >= 0")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    build, batch, make_optimizer = WORKLOADS[args.workload]
    model = build()
    optimizer = make_optimizer(model.parameters())
    loss_fn = nn.CrossEntropyLoss()
    x, y = mnist_train()
    batches_per_epoch = x.shape[0] // batch        # drop-last, as Inertia's bench loader

    def epoch_batches():
        order = torch.randperm(x.shape[0])
        for b in range(batches_per_epoch):
            idx = order[b * batch:(b + 1) * batch]
            yield x[idx], y[idx]

    batches = epoch_batches()
    times = []
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        try:
            inputs, labels = next(batches)
        except StopIteration:
            batches = epoch_batches()
            inputs, labels = next(batches)
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), labels)
        loss.backward()
        optimizer.step()
        if i >= args.warmup:
            times.append(time.perf_counter() - start)

    ordered = sorted(times)
    median = percentile(ordered, 0.5)
    print(json.dumps({
        "workload": args.workload, "framework": "pytorch " + torch.__version__, "batch_size": batch,
        "steps": args.steps, "warmup": args.warmup, "threads": torch.get_num_threads(),
        "samples_per_second": batch / median, "step_ms_median": median * 1e3,
        "step_ms_p10": percentile(ordered, 0.1) * 1e3, "step_ms_p90": percentile(ordered, 0.9) * 1e3,
        "mean_samples_per_second": batch * len(times) / sum(times),
    }))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
