#!/usr/bin/env python3
"""PyTorch twin of `inertia train`: the same job, for whole-job comparisons (bench/whole_job.py).

The job `./inertia train --model M --epochs E` runs with its defaults: the bundled MNIST normalised
with mean 0.1307 / std 0.3081, batch 64 reshuffled every epoch (the last batch kept), Nesterov
momentum (lr 0.05, momentum 0.9), the learning rate decayed per step to 0 on a cosine over the whole
run, the test set evaluated after every epoch in batches of 1,000, and the weights saved at the end.
The convnet trains with its dropout (0.25 after pooling, 0.5 before the last layer), as `train` does.

Needs Debian's python3-torch and libopenblas0 (without it PyTorch falls back to the reference BLAS,
about 20x slower); Inertia itself never needs Python. Run it with the interpreter that has torch:

    /usr/bin/python3 bench/pytorch_train.py --model lenet5 --epochs 5 --out /tmp/pytorch-run

Prints one line per epoch, then one JSON line: model, epochs, test accuracy and loss, seconds.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_bench import MNIST, lenet5, mlp, read_idx  # noqa: E402  (the bench's models and MNIST reader)

MEAN, STD = 0.1307, 0.3081


def mnist(split):
    prefix = "train" if split == "train" else "t10k"
    images, n = read_idx(os.path.join(MNIST, f"{prefix}-images-idx3-ubyte.gz"), 2051)
    labels, _ = read_idx(os.path.join(MNIST, f"{prefix}-labels-idx1-ubyte.gz"), 2049)
    return images.reshape(n, 1, 28, 28), labels.long()


def normalise(images):
    return images.float().div_(255).sub_(MEAN).div_(STD)


def convnet():
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Dropout(0.25), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5),
                         nn.Linear(128, 10))


MODELS = {"mlp": mlp, "lenet5": lenet5, "convnet": convnet}


def evaluate(model, images, labels, batch):
    model.eval()
    loss_sum, right = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(labels), batch):
            logits = model(normalise(images[i:i + batch]))
            y = labels[i:i + batch]
            loss_sum += nn.functional.cross_entropy(logits, y, reduction="sum").item()
            right += (logits.argmax(1) == y).sum().item()
    return loss_sum / len(labels), right / len(labels)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="lenet5", choices=sorted(MODELS))
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--test-batch", type=int, default=1000)
    p.add_argument("--out", required=True, help="directory for the saved weights (model.pt)")
    args = p.parse_args()
    if args.epochs < 1 or args.batch_size < 1:
        p.error("--epochs and --batch-size must be >= 1")
    start = time.perf_counter()
    torch.manual_seed(args.seed)
    train_x, train_y = mnist("train")
    test_x, test_y = mnist("test")
    model = MODELS[args.model]()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum, nesterov=True)
    steps_per_epoch = math.ceil(len(train_y) / args.batch_size)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs * steps_per_epoch, eta_min=0)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)
    test_loss = accuracy = float("nan")
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        model.train()
        order = torch.randperm(len(train_y), generator=generator)
        for i in range(0, len(order), args.batch_size):
            index = order[i:i + args.batch_size]
            x, y = normalise(train_x[index]), train_y[index]
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            scheduler.step()
        test_loss, accuracy = evaluate(model, test_x, test_y, args.test_batch)
        print(f"epoch {epoch}/{args.epochs}: test loss {test_loss:.4f} acc {100 * accuracy:.2f}% | "
              f"{time.perf_counter() - epoch_start:.1f} s", flush=True)
    os.makedirs(args.out, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(args.out, "model.pt"))
    print(json.dumps({"model": args.model, "epochs": args.epochs, "test_accuracy": accuracy, "test_loss": test_loss,
                      "seconds": time.perf_counter() - start, "framework": "pytorch " + torch.__version__}))


if __name__ == "__main__":
    main()
