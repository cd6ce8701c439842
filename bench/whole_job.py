#!/usr/bin/env python3
"""The user's whole job, side by side: `./inertia train` against its PyTorch twin (bench/pytorch_train.py).

Each round runs every job once on each side, alternating (Inertia, then PyTorch), each a fresh process
timed from start to exit. Inertia runs as the README runs it: the ./inertia launcher with none of the
tuning variables set. PyTorch runs in its best environment on this kind of machine (2 OpenMP/OpenBLAS
threads, OPENBLAS_CORETYPE for the CPU, passive waiting). The job is `train`'s default: Nesterov lr 0.05
momentum 0.9, cosine decay per step to 0, batch 64 shuffled, the test set evaluated after every epoch,
weights saved at the end.

    ./mvnw -B -q package -DskipTests
    /usr/bin/python3 bench/whole_job.py                          # lenet5 x5, mlp x5, convnet x1; 2 rounds
    /usr/bin/python3 bench/whole_job.py --jobs lenet5:5 --pairs 3

Prints a line per run as it goes (wall time, peak resident memory, test accuracy), then a Markdown
table of medians: speed ratio = PyTorch's time / Inertia's (> 1: Inertia is faster) and both peak
memories. Needs Debian's python3-torch and libopenblas0; Inertia itself never needs Python.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from side_by_side import TUNING, tuned_environment, untuned_environment  # noqa: E402


def timed(command, env, log):
    """Runs command to completion; returns (seconds, peak RSS in MiB, exit status)."""
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def inertia_accuracy(text):
    m = re.search(r"test accuracy: ([0-9.]+)%", text)
    return float(m.group(1)) / 100 if m else None


def pytorch_accuracy(text):
    lines = [l for l in text.splitlines() if l.startswith("{")]
    return json.loads(lines[-1])["test_accuracy"] if lines else None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jobs", default="lenet5:5,mlp:5,convnet:1", help="MODEL:EPOCHS,... (default: %(default)s)")
    p.add_argument("--pairs", type=int, default=2, help="alternating rounds (default %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="PyTorch's threads (default %(default)s)")
    p.add_argument("--launcher", default=os.path.join(ROOT, "inertia"))
    p.add_argument("--python", default=sys.executable, help="the interpreter that has torch (default: this one)")
    p.add_argument("--inertia-opts", default="", help="INERTIA_JAVA_OPTS for Inertia's runs (default: none)")
    args = p.parse_args()
    if args.pairs < 1:
        p.error("--pairs must be >= 1")
    jobs = []
    for job in args.jobs.split(","):
        model, _, epochs = job.partition(":")
        if model not in ("mlp", "lenet5", "convnet") or not epochs.isdigit() or int(epochs) < 1:
            p.error(f"--jobs: '{job}' is not MODEL:EPOCHS with MODEL mlp, lenet5 or convnet")
        jobs.append((model, int(epochs)))
    if not os.path.isfile(os.path.join(ROOT, "examples", "target", "inertia.jar")):
        p.error("examples/target/inertia.jar not found: build it first with ./mvnw -B -q package -DskipTests")

    inertia_env = untuned_environment()
    if args.inertia_opts:
        inertia_env["INERTIA_JAVA_OPTS"] = args.inertia_opts
    pytorch_env = tuned_environment(args.threads)
    print("PyTorch environment: " + " ".join(f"{k}={pytorch_env[k]}" for k in TUNING), file=sys.stderr)
    results = {}
    with tempfile.TemporaryDirectory(prefix="whole-job-") as tmp:
        for r in range(args.pairs):
            for model, epochs in jobs:
                sides = [
                    ("inertia", inertia_env, [args.launcher, "train", "--model", model, "--epochs", str(epochs),
                                              "--no-progress", "--out", os.path.join(tmp, "inertia"), "--overwrite"],
                     inertia_accuracy),
                    ("pytorch", pytorch_env, [args.python, os.path.join(ROOT, "bench", "pytorch_train.py"),
                                              "--model", model, "--epochs", str(epochs),
                                              "--out", os.path.join(tmp, "pytorch")], pytorch_accuracy),
                ]
                for name, env, command, accuracy in sides:
                    log = os.path.join(tmp, f"{name}.log")
                    seconds, rss, code = timed(command, env, log)
                    with open(log) as f:
                        text = f.read()
                    if code != 0:
                        sys.exit(f"failed ({code}): {' '.join(command)}\n{text[-2000:]}")
                    acc = accuracy(text)
                    results.setdefault((model, epochs, name), []).append((seconds, rss, acc))
                    print(f"round {r + 1}  {model} x{epochs}  {name:8s} {seconds:7.1f} s  peak {rss:6.0f} MiB  "
                          f"test accuracy {100 * acc:.2f}%", file=sys.stderr, flush=True)

    print(f"\nmedians of {args.pairs} alternating rounds, whole process from start to exit:\n")
    print("| job | Inertia | PyTorch | speed ratio | Inertia peak | PyTorch peak | accuracy (Inertia / PyTorch) |")
    print("|---|---|---|---|---|---|---|")
    for model, epochs in jobs:
        a = results[(model, epochs, "inertia")]
        b = results[(model, epochs, "pytorch")]
        ta, tb = statistics.median(x[0] for x in a), statistics.median(x[0] for x in b)
        ma, mb = statistics.median(x[1] for x in a), statistics.median(x[1] for x in b)
        print(f"| {model}, {epochs} epoch{'s' if epochs > 1 else ''} | {ta:.1f} s | {tb:.1f} s | {tb / ta:.2f}x | "
              f"{ma:.0f} MiB | {mb:.0f} MiB | {100 * a[-1][2]:.2f}% / {100 * b[-1][2]:.2f}% |")


if __name__ == "__main__":
    main()
