#!/usr/bin/env python3
"""Extra optimizer reference trajectories for Inertia's conformance test.

The shared traces (conformance/optim-traces) cover each optimizer once. These cover the remaining
options: PyTorch-form cases with torch.optim (PyTorch 1.13, float64), textbook forms straight from
their equations (DESIGN.md and the Inertia class comments). Output format and comparison are the
same as the shared traces: CSV step,x,y,loss and a cases file with the trace command's arguments.

Run (needs Debian's python3-torch; the project itself never needs Python):
    /usr/bin/python3 tools/optim_references.py optim/src/test/resources/conformance/extra
"""
import json
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def quadratic(x, y):
    return 0.5 * x ** 2 + 25 * y ** 2


def beale(x, y):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2


def himmelblau(x, y):
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


FUNCTIONS = {"rosenbrock": rosenbrock, "quadratic": quadratic, "beale": beale, "himmelblau": himmelblau}


def value(f, p):
    return f(p[0], p[1])


def grad(f, p):
    t = torch.tensor(p, requires_grad=True)
    value(f, t).backward()
    return t.grad.tolist()


def torch_trace(f, start, steps, make):
    p = torch.tensor(start, requires_grad=True)
    opt = make([p])
    rows = [(0, *p.tolist(), value(f, p).item())]
    for s in range(1, steps + 1):
        opt.zero_grad()
        value(f, p).backward()
        opt.step()
        with torch.no_grad():
            rows.append((s, *p.tolist(), value(f, p).item()))
    return rows


def equation_trace(f, start, steps, update):
    """update(theta, g_of, state) -> new theta; g_of(point) gives the gradient at any point."""
    theta = list(start)
    state = {"t": 0}
    rows = [(0, *theta, value(f, torch.tensor(theta)).item())]
    for s in range(1, steps + 1):
        theta = update(theta, lambda q: grad(f, q), state)
        rows.append((s, *theta, value(f, torch.tensor(theta)).item()))
    return rows


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def norm(a):
    return math.sqrt(dot(a, a))


def momentum_equations(lr, beta, form, bias_correction=False, adaptive="none"):
    def update(theta, g_of, st):
        g = g_of(theta)
        v = st.get("v")
        if v is not None and adaptive == "restart" and dot(g, v) < 0:
            v = None
            st["t"] = 0
        b = beta
        if v is not None and adaptive == "consistency":
            n = norm(g) * norm(v)
            if n > 0:
                b = beta * (1 + dot(g, v) / n) / 2
        st["t"] += 1
        if v is None:
            v = [0.0, 0.0]
        if form == "ema":
            v = [b * vi + (1 - b) * gi for vi, gi in zip(v, g)]
            c = 1 - b ** st["t"] if bias_correction else 1.0
            theta = [ti - lr / c * vi for ti, vi in zip(theta, v)]
        elif form == "heavy-ball":
            v = [b * vi + lr * gi for vi, gi in zip(v, g)]
            theta = [ti - vi for ti, vi in zip(theta, v)]
        else:  # pytorch form; v <- g on the first step
            v = g if st.get("v") is None else [b * vi + gi for vi, gi in zip(v, g)]
            theta = [ti - lr * vi for ti, vi in zip(theta, v)]
        st["v"] = v
        return theta
    return update


def nesterov_lookahead_equations(lr, beta, weight_decay=0.0, adaptive="none"):
    def update(theta, g_of, st):
        v = st.get("v", [0.0, 0.0])
        ahead = [ti - beta * vi for ti, vi in zip(theta, v)]
        g = [gi + weight_decay * ai for gi, ai in zip(g_of(ahead), ahead)]
        b = beta
        if "v" in st and adaptive == "restart" and dot(g, v) < 0:
            v = [0.0, 0.0]
        elif "v" in st and adaptive == "consistency":
            n = norm(g) * norm(v)
            if n > 0:
                b = beta * (1 + dot(g, v) / n) / 2
        v = [b * vi + lr * gi for vi, gi in zip(v, g)]
        st["v"] = v
        return [ti - vi for ti, vi in zip(theta, v)]
    return update


def nesterov_pytorch_equations(lr, mu, adaptive="none"):
    """PyTorch-form Nesterov; a restart is a plain gradient step leaving no velocity (O'Donoghue & Candes)."""
    def update(theta, g_of, st):
        g = g_of(theta)
        v = st.get("v")
        if v is not None and adaptive == "restart" and dot(g, v) < 0:
            st["v"] = None
            return [ti - lr * gi for ti, gi in zip(theta, g)]
        v = g if v is None else [mu * vi + gi for vi, gi in zip(v, g)]
        st["v"] = v
        return [ti - lr * (gi + mu * vi) for ti, gi, vi in zip(theta, g, v)]
    return update


def case(name, function, start, optimizer, steps, flags, rows, out):
    args = ["--function", function, "--start", f"{start[0]},{start[1]}", "--optimizer", optimizer,
            "--steps", str(steps), "--dtype", "float64"] + flags
    with open(os.path.join(out, name + ".csv"), "w") as fh:
        fh.write("step,x,y,loss\n")
        for r in rows:
            fh.write(",".join([str(r[0])] + [repr(float(v)) for v in r[1:]]) + "\n")
    return {"name": name, "args": args, "expected": name + ".csv"}


def main(out):
    os.makedirs(out, exist_ok=True)
    O = torch.optim
    R, Q, B, H = rosenbrock, quadratic, beale, himmelblau
    cases = [
        case("sgd-weight-decay-rosenbrock", "rosenbrock", (-1.5, 2.0), "sgd", 200,
             ["--lr", "0.0005", "--weight-decay", "0.1"],
             torch_trace(R, [-1.5, 2.0], 200, lambda p: O.SGD(p, lr=0.0005, weight_decay=0.1)), out),
        case("momentum-dampening-beale", "beale", (1.0, 1.0), "momentum", 200,
             ["--lr", "0.01", "--momentum", "0.8", "--dampening", "0.3", "--weight-decay", "0.01"],
             torch_trace(B, [1.0, 1.0], 200,
                         lambda p: O.SGD(p, lr=0.01, momentum=0.8, dampening=0.3, weight_decay=0.01)), out),
        case("nesterov-weight-decay-rosenbrock", "rosenbrock", (-1.5, 2.0), "nesterov", 300,
             ["--lr", "0.0002", "--momentum", "0.95", "--weight-decay", "0.05"],
             torch_trace(R, [-1.5, 2.0], 300,
                         lambda p: O.SGD(p, lr=0.0002, momentum=0.95, nesterov=True, weight_decay=0.05)), out),
        case("rmsprop-plain-himmelblau", "himmelblau", (0.0, 0.0), "rmsprop", 200, ["--lr", "0.01"],
             torch_trace(H, [0.0, 0.0], 200, lambda p: O.RMSprop(p, lr=0.01)), out),
        # Centred RMSprop on the convex valley: on Rosenbrock its trajectory is chaotic (a 1-ulp
        # difference at step ~140 grows ~25% per step), which would test rounding, not semantics.
        case("rmsprop-centered-quadratic", "quadratic", (4.0, -2.0), "rmsprop", 200,
             ["--lr", "0.01", "--alpha", "0.9", "--eps", "1e-6", "--momentum", "0.5", "--centered",
              "--weight-decay", "0.01"],
             torch_trace(Q, [4.0, -2.0], 200, lambda p: O.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, momentum=0.5,
                                                                 centered=True, weight_decay=0.01)), out),
        case("adam-amsgrad-l2-beale", "beale", (1.0, 1.0), "adam", 200,
             ["--lr", "0.02", "--beta1", "0.8", "--beta2", "0.99", "--eps", "1e-6", "--weight-decay", "0.01",
              "--amsgrad"],
             torch_trace(B, [1.0, 1.0], 200, lambda p: O.Adam(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6,
                                                             weight_decay=0.01, amsgrad=True)), out),
        case("adamw-amsgrad-himmelblau", "himmelblau", (0.0, 0.0), "adamw", 200,
             ["--lr", "0.05", "--amsgrad"],
             torch_trace(H, [0.0, 0.0], 200, lambda p: O.AdamW(p, lr=0.05, amsgrad=True)), out),
        case("momentum-ema-bias-correction-rosenbrock", "rosenbrock", (-1.5, 2.0), "momentum", 300,
             ["--lr", "0.002", "--momentum", "0.9", "--form", "ema", "--bias-correction"],
             equation_trace(R, [-1.5, 2.0], 300, momentum_equations(0.002, 0.9, "ema", True)), out),
        case("momentum-heavy-ball-quadratic", "quadratic", (4.0, -2.0), "momentum", 150,
             ["--lr", "0.02", "--momentum", "0.9", "--form", "heavy-ball"],
             equation_trace(Q, [4.0, -2.0], 150, momentum_equations(0.02, 0.9, "heavy-ball")), out),
        case("momentum-restart-rosenbrock", "rosenbrock", (-1.5, 2.0), "momentum", 300,
             ["--lr", "0.0002", "--momentum", "0.95", "--adaptive", "restart"],
             equation_trace(R, [-1.5, 2.0], 300, momentum_equations(0.0002, 0.95, "pytorch", adaptive="restart")), out),
        case("momentum-consistency-quadratic", "quadratic", (4.0, -2.0), "momentum", 150,
             ["--lr", "0.02", "--momentum", "0.9", "--adaptive", "consistency"],
             equation_trace(Q, [4.0, -2.0], 150, momentum_equations(0.02, 0.9, "pytorch", adaptive="consistency")), out),
        case("nesterov-restart-quadratic", "quadratic", (4.0, -2.0), "nesterov", 100,
             ["--lr", "0.025", "--momentum", "0.9", "--adaptive", "restart"],
             equation_trace(Q, [4.0, -2.0], 100, nesterov_pytorch_equations(0.025, 0.9, "restart")), out),
        case("nesterov-lookahead-restart-rosenbrock", "rosenbrock", (-1.5, 2.0), "nesterov", 300,
             ["--lr", "0.0002", "--momentum", "0.95", "--form", "lookahead", "--adaptive", "restart",
              "--weight-decay", "0.01"],
             equation_trace(R, [-1.5, 2.0], 300, nesterov_lookahead_equations(0.0002, 0.95, 0.01, "restart")), out),
        case("nesterov-lookahead-consistency-beale", "beale", (1.0, 1.0), "nesterov", 200,
             ["--lr", "0.01", "--momentum", "0.9", "--form", "lookahead", "--adaptive", "consistency"],
             equation_trace(B, [1.0, 1.0], 200, nesterov_lookahead_equations(0.01, 0.9, 0.0, "consistency")), out),
    ]
    with open(os.path.join(out, "cases.json"), "w") as fh:
        json.dump(cases, fh, indent=1)
    print(f"wrote {len(cases)} cases to {out} with torch {torch.__version__}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "optim/src/test/resources/conformance/extra")
