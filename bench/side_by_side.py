#!/usr/bin/env python3
"""Inertia's `bench` and PyTorch's twin (bench/pytorch_bench.py), alternated, with each workload's ratio.

The machine's speed drifts (other tenants take CPU time), so a ratio only counts when both sides run in
the same session, interleaved: for each workload, `--pairs` rounds of A (Inertia) then B (PyTorch),
each a fresh process. Both sides get the same environment: 2 threads and the settings that make
OpenBLAS and OpenMP behave on a small machine (below). With `--untuned`, every round also runs Inertia
with those variables removed, to check that it is just as fast out of the box. With `--quick`, every
round also runs Inertia with `-Dinertia.jit=quick` (C2 only for Inertia's numeric loops: a shorter
JIT warm-up, docs/performance.md "Quick start").

    ./mvnw -B -q package -DskipTests
    /usr/bin/python3 bench/side_by_side.py                      # all three workloads, 3 pairs
    /usr/bin/python3 bench/side_by_side.py --workloads lenet5 --pairs 5 --untuned
    /usr/bin/python3 bench/side_by_side.py --quick               # also Inertia with the quick JIT policy

Prints one line per run as it goes, then a Markdown table: median samples/s of each side and the
ratio Inertia / PyTorch of those medians (> 1: Inertia is faster). Needs Debian's python3-torch.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TUNING = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OMP_WAIT_POLICY")


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def tuned_environment(threads):
    env = dict(os.environ)
    flags = cpu_flags()
    env.update({
        "OMP_NUM_THREADS": str(threads),
        "OPENBLAS_NUM_THREADS": str(threads),
        # OpenBLAS 0.3.19/0.3.21 do not recognise recent Xeons and fall back to slow kernels; name the
        # newest kernel family the CPU can run.
        "OPENBLAS_CORETYPE": "SkylakeX" if "avx512f" in flags else "Haswell" if "avx2" in flags else "Sandybridge",
        # Idle OpenMP threads sleep instead of spinning against the BLAS threads on 2 cores.
        "OMP_WAIT_POLICY": "passive",
    })
    return env


def untuned_environment():
    return {k: v for k, v in os.environ.items() if k not in TUNING}


def run(command, env):
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or not lines:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workloads", default="mlp,lenet5,convnet")
    p.add_argument("--pairs", type=int, default=3, help="rounds of Inertia then PyTorch (default 3, at least 3 count)")
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--warmup", type=int, default=30)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--launcher", default=os.path.join(ROOT, "inertia"),
                   help="how Inertia is run (default: the ./inertia launcher, as the README runs it)")
    p.add_argument("--python", default=sys.executable, help="the interpreter that has torch (default: this one)")
    p.add_argument("--untuned", action="store_true", help="also run Inertia without the tuning variables")
    p.add_argument("--quick", action="store_true", help="also run Inertia with -Dinertia.jit=quick")
    args = p.parse_args()
    if args.pairs < 1:
        p.error("--pairs must be >= 1")
    jar = os.path.join(ROOT, "examples", "target", "inertia.jar")
    if not os.path.isfile(jar):
        p.error(f"{jar} not found: build it first with ./mvnw -B -q package -DskipTests")

    tuned = tuned_environment(args.threads)
    print("environment: " + " ".join(f"{k}={tuned[k]}" for k in TUNING), file=sys.stderr)
    sides = [("inertia", tuned, lambda w: [args.launcher, "bench", "--workload", w]),
             ("pytorch", tuned, lambda w: [args.python, os.path.join(ROOT, "bench", "pytorch_bench.py"),
                                           "--workload", w, "--threads", str(args.threads)])]
    if args.untuned:
        sides.append(("inertia-untuned", untuned_environment(),
                      lambda w: [args.launcher, "bench", "--workload", w]))

    if args.quick:
        quick = dict(tuned)
        quick["INERTIA_JAVA_OPTS"] = (tuned.get("INERTIA_JAVA_OPTS", "") + " -Dinertia.jit=quick").strip()
        sides.append(("inertia-quick", quick, lambda w: [args.launcher, "bench", "--workload", w]))

    results = {}
    for w in args.workloads.split(","):
        for r in range(args.pairs):
            for name, env, command in sides:
                out = run(command(w) + ["--steps", str(args.steps), "--warmup", str(args.warmup)], env)
                results.setdefault((w, name), []).append(out["samples_per_second"])
                print(f"{w:8s} round {r + 1}  {name:16s} {out['samples_per_second']:10,.0f} samples/s  "
                      f"(median step {out['step_ms_median']:.2f} ms)", file=sys.stderr, flush=True)

    header = "| workload | Inertia samples/s | PyTorch samples/s | ratio |"
    rule = "|---|---|---|---|"
    extra = [(name, label) for name, label, wanted in (("inertia-untuned", "untuned", args.untuned),
                                                       ("inertia-quick", "quick", args.quick)) if wanted]
    for _, label in extra:
        header += f" Inertia {label} | {label} ratio |"
        rule += "---|---|"
    print(f"\nmedians of {args.pairs} alternating pairs, {args.steps} timed steps each:\n")
    print(header)
    print(rule)
    for w in args.workloads.split(","):
        a = statistics.median(results[(w, "inertia")])
        b = statistics.median(results[(w, "pytorch")])
        row = f"| {w} | {a:,.0f} | {b:,.0f} | {a / b:.2f} |"
        for name, _ in extra:
            c = statistics.median(results[(w, name)])
            row += f" {c:,.0f} | {c / b:.2f} |"
        print(row)


if __name__ == "__main__":
    main()
