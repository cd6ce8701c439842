#!/usr/bin/env python3
"""Golden values for Inertia's op conformance suite, computed by PyTorch 1.13 (float64 autograd).

For every differentiable op, layer and loss Inertia has, this writes the inputs, the output and the
gradient of L = sum(output * upstream) with respect to every input that requires grad, for a
seeded random `upstream`. The JUnit suites replay them:

  core/src/test/resources/conformance/ops/*.json   -> core  OpConformanceTest
  nn/src/test/resources/conformance/modules.json    -> nn    ModuleConformanceTest

Every case exists in float64 (compared to 1e-10 of each tensor's largest magnitude) and, unless it
says otherwise, in float32 (inputs rounded to float32, golden values still computed in float64,
compared to 1e-5). Inputs may be non-contiguous views of a larger base array (a permutation or a
narrowed axis), built the same way on both sides.

  tools/op_conformance.py            regenerate the files
  tools/op_conformance.py --check    regenerate into a temporary directory and compare byte for byte

Needs Debian's python3-torch (run it with /usr/bin/python3); the project itself never needs Python.
Output is deterministic: one thread, a seed per case derived from its name, floats printed by repr.
"""
import argparse
import filecmp
import json
import os
import sys
import tempfile
import zlib

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
F64 = torch.float64


# ------------------------------------------------------------------------------------ inputs

class In:
    """One input of a case: how to make its values, whether it requires grad, and an optional view.

    kind: normal | positive (|N|+0.5) | uniform (low, high) | values (explicit) | labels (int64 in
    [0, classes)) | indices (int64 in [0, bound)) | mask (0/1 with probability keep)
    view: None | ("permute", perm) | ("narrow", axis, start, base_size)
    """

    def __init__(self, shape, kind="normal", grad=True, values=None, view=None, scale=1.0, low=-1.0, high=1.0,
                 classes=None, bound=None, keep=0.5, fixed=False):
        self.shape, self.kind, self.grad, self.values, self.view = tuple(shape), kind, grad, values, view
        self.scale, self.low, self.high, self.classes, self.bound, self.keep = scale, low, high, classes, bound, keep
        self.fixed = fixed  # integer-like or exact values: identical in both dtypes
        if kind in ("labels", "indices", "mask"):
            self.grad = False

    def is_int(self):
        return self.kind in ("labels", "indices")

    def base_shape(self):
        if self.view is None:
            return self.shape
        if self.view[0] == "permute":
            perm = self.view[1]
            base = [0] * len(perm)
            for i, p in enumerate(perm):
                base[p] = self.shape[i]
            return tuple(base)
        _, axis, _start, base_size = self.view
        base = list(self.shape)
        base[axis] = base_size
        return tuple(base)

    def make_base(self, gen):
        shape = self.base_shape()
        if self.kind == "values":
            return torch.tensor(self.values, dtype=F64).reshape(shape)
        if self.kind == "labels" and self.values is not None:
            return torch.tensor(self.values, dtype=torch.int64).reshape(shape)
        if self.kind == "labels":
            return torch.randint(0, self.classes, shape, generator=gen, dtype=torch.int64)
        if self.kind == "indices":
            return torch.randint(0, self.bound, shape, generator=gen, dtype=torch.int64)
        if self.kind == "mask":
            return (torch.rand(shape, generator=gen, dtype=F64) < self.keep).to(F64)
        if self.kind == "uniform":
            return torch.rand(shape, generator=gen, dtype=F64) * (self.high - self.low) + self.low
        x = torch.randn(shape, generator=gen, dtype=F64) * self.scale
        if self.kind == "positive":
            x = x.abs() + 0.5
        return x

    def apply_view(self, base):
        if self.view is None:
            return base
        if self.view[0] == "permute":
            return base.permute(*self.view[1])
        _, axis, start, _ = self.view
        return base.narrow(axis, start, self.shape[axis])


def T(*shape, **kw):
    return In(shape, **kw)


# ------------------------------------------------------------------------------------ ops
# The same names and parameters as the Java side (OpConformanceTest's op table).

def _window(p):
    return dict(stride=tuple(p["stride"]), padding=tuple(p["padding"]), dilation=tuple(p.get("dilation", (1, 1))))


def reduce_max(x, axes, keep):
    # Inertia's tie rule: one axis -> torch.max(x, dim) (the first maximum takes the gradient);
    # several or all axes -> torch.amax / torch.max() (ties share it equally).
    if axes is not None and len(axes) == 1:
        return torch.max(x, axes[0], keepdim=keep).values
    dims = tuple(range(x.dim())) if axes is None else tuple(axes)
    return torch.amax(x, dims, keepdim=keep)


def reduce_min(x, axes, keep):
    if axes is not None and len(axes) == 1:
        return torch.min(x, axes[0], keepdim=keep).values
    dims = tuple(range(x.dim())) if axes is None else tuple(axes)
    return torch.amin(x, dims, keepdim=keep)


def _dims(x, axes):
    return tuple(range(x.dim())) if axes is None else tuple(axes)


OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: torch.pow(a, b),
    "add_scalar": lambda a, value: a + value,
    "sub_scalar": lambda a, value: a - value,
    "mul_scalar": lambda a, value: a * value,
    "div_scalar": lambda a, value: a / value,
    "pow_scalar": lambda a, value: torch.pow(a, value),
    "neg": lambda a: -a,
    "exp": torch.exp,
    "log": torch.log,
    "sqrt": torch.sqrt,
    "abs": torch.abs,
    "clamp": lambda a, min, max: torch.clamp(a, min, max),
    "cast_round_trip": lambda a: a.float().double(),
    "sum": lambda x, axes, keep_dims: x.sum(_dims(x, axes), keepdim=keep_dims),
    "mean": lambda x, axes, keep_dims: x.mean(_dims(x, axes), keepdim=keep_dims),
    "max": lambda x, axes, keep_dims: reduce_max(x, axes, keep_dims),
    "matmul": torch.matmul,
    "linear": lambda x, w, b=None: F.linear(x, w, b),
    "reshape": lambda x, shape: x.reshape(shape),
    "permute": lambda x, axes: x.permute(*axes),
    "transpose": lambda x, axis0, axis1: x.transpose(axis0, axis1),
    "flatten": lambda x, start: torch.flatten(x, start),
    "concat": lambda *xs, axis: torch.cat(xs, axis),
    "slice": lambda x, start, end: x[start:end],
    "index_select": lambda x, idx: x.index_select(0, idx),
    "relu": F.relu,
    "leaky_relu": lambda x, slope: F.leaky_relu(x, slope),
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "gelu": F.gelu,
    "softmax": lambda x, axis: F.softmax(x, axis),
    "log_softmax": lambda x, axis: F.log_softmax(x, axis),
    "cross_entropy": lambda x, y, reduction, label_smoothing: F.cross_entropy(
        x, y, reduction=reduction, label_smoothing=label_smoothing),
    "nll": lambda x, y, reduction: F.nll_loss(x, y, reduction=reduction),
    "mse": lambda x, t, reduction: F.mse_loss(x, t, reduction=reduction),
    "bce_with_logits": lambda x, t, reduction: F.binary_cross_entropy_with_logits(x, t, reduction=reduction),
    "conv2d": lambda x, w, b=None, **p: F.conv2d(x, w, b, **_window(p)),
    "max_pool2d": lambda x, **p: F.max_pool2d(x, tuple(p["kernel"]), **_window(p)),
    "avg_pool2d": lambda x, **p: F.avg_pool2d(x, tuple(p["kernel"]), stride=tuple(p["stride"]),
                                              padding=tuple(p["padding"]),
                                              count_include_pad=p["count_include_pad"]),
    "dropout": lambda x, mask, p: x * (mask / (1 - p)),
    "min": lambda x, axes, keep_dims: reduce_min(x, axes, keep_dims),
    "argmax": lambda x, axis, keep_dims: torch.argmax(x, axis, keepdim=keep_dims),
    "argmin": lambda x, axis, keep_dims: torch.argmin(x, axis, keepdim=keep_dims),
    "eq": lambda a, b: (a == b).long(),
    "ne": lambda a, b: (a != b).long(),
    "gt": lambda a, b: (a > b).long(),
    "ge": lambda a, b: (a >= b).long(),
    "lt": lambda a, b: (a < b).long(),
    "le": lambda a, b: (a <= b).long(),
    "gt_scalar": lambda a, value: (a > value).long(),
    "le_scalar": lambda a, value: (a <= value).long(),
    "eq_scalar": lambda a, value: (a == value).long(),
    "where": lambda c, a, b: torch.where(c != 0, a, b),
    "select": lambda x, axis, index: x.select(axis, index),
    "narrow": lambda x, axis, start, length: x.narrow(axis, start, length),
    "squeeze": lambda x, axis: x.squeeze(axis),
    "unsqueeze": lambda x, axis: x.unsqueeze(axis),
    "expand": lambda x, shape: x.expand(*shape),
    "stack": lambda *xs, axis: torch.stack(xs, axis),
    "clone": lambda x: x.clone(),
}


def batch_norm(x, gamma=None, beta=None, *, eps):
    out = F.batch_norm(x, None, None, gamma, beta, training=True, eps=eps)
    dims = (0,) if x.dim() == 2 else (0, 2, 3)
    return out, {"batch_mean": x.detach().mean(dims), "batch_var": x.detach().var(dims, unbiased=False)}


def batch_norm_eval(x, mean, var, gamma=None, beta=None, *, eps):
    return F.batch_norm(x, mean, var, gamma, beta, training=False, eps=eps)


OPS["batch_norm"] = batch_norm
OPS["batch_norm_eval"] = batch_norm_eval


# ------------------------------------------------------------------------------------ cases

def seed_of(name):
    return zlib.crc32(name.encode("utf-8"))


def flat(t):
    return t.detach().reshape(-1).tolist()


def run_case(name, op, inputs, params, dtype):
    gen = torch.Generator().manual_seed(seed_of(name))
    bases, tensors = [], []
    for spec in inputs:
        base = spec.make_base(gen)
        if dtype == "float32" and not spec.is_int() and not spec.fixed:
            base = base.float().double()   # float32-representable inputs; golden values still in float64
        bases.append(base)
        t = spec.apply_view(base).detach()
        if spec.grad:
            t.requires_grad_(True)
        tensors.append(t)
    result = OPS[op](*tensors, **params)
    extras = {}
    if isinstance(result, tuple):
        result, extras = result
    upstream = torch.randn(result.shape, generator=gen, dtype=F64)
    if dtype == "float32":
        upstream = upstream.float().double()
    wanting = [t for t, s in zip(tensors, inputs) if s.grad]
    grads = torch.autograd.grad((result * upstream).sum(), wanting, allow_unused=True) if wanting else []
    grads = list(grads)
    out_inputs = []
    for spec, base, t in zip(inputs, bases, tensors):
        entry = {"shape": list(t.shape), "dtype": "int64" if spec.is_int() else "float", "requires_grad": spec.grad,
                 "values": flat(base)}
        if spec.view is not None:
            entry["base_shape"] = list(base.shape)
            entry["view"] = list(spec.view[:1]) + [list(v) if isinstance(v, tuple) else v for v in spec.view[1:]]
        if spec.grad:
            g = grads.pop(0)
            entry["grad"] = flat(torch.zeros_like(t) if g is None else g)
        out_inputs.append(entry)
    case = {"name": name, "op": op, "dtype": dtype, "params": params, "inputs": out_inputs,
            "output": {"shape": list(result.shape), "values": flat(result)},
            "upstream": flat(upstream)}
    if extras:
        case["extras"] = {k: {"shape": list(v.shape), "values": flat(v)} for k, v in extras.items()}
    return case


class Suite:
    def __init__(self):
        self.groups = {}

    def add(self, group, name, op, inputs, f32=True, **params):
        cases = self.groups.setdefault(group, [])
        cases.append(run_case(name, op, inputs, params, "float64"))
        if f32:
            cases.append(run_case(name, op, inputs, params, "float32"))


def w(kernel, stride=None, padding=(0, 0), dilation=(1, 1)):
    return dict(kernel=list(kernel), stride=list(stride or kernel), padding=list(padding), dilation=list(dilation))


def elementwise(s):
    g = "elementwise"
    shapes = [((3, 4), (3, 4)), ((3, 4), (4,)), ((4, 1, 3), (5, 1)), ((5, 1), (4, 1, 3)), ((2, 3), ()),
              ((), (2, 3)), ((), ()), ((1, 1, 1), (2,)), ((3, 1), (1, 4)), ((2, 1, 4), (1, 3, 1))]
    for a, b in shapes:
        tag = "%s with %s" % (list(a), list(b))
        s.add(g, "add " + tag, "add", [In(a), In(b)])
        s.add(g, "sub " + tag, "sub", [In(a), In(b)])
        s.add(g, "mul " + tag, "mul", [In(a), In(b)])
        s.add(g, "div " + tag, "div", [In(a), In(b, kind="positive")])
        s.add(g, "pow " + tag, "pow", [In(a, kind="positive"), In(b)])
    s.add(g, "mul shared operand x*x", "mul", [T(3, 4), T(3, 4)])
    s.add(g, "sub only the right operand requires grad", "sub", [T(3, 4, grad=False), T(4)])
    for c in (2.5, -0.75, 0.0):
        s.add(g, "add_scalar %s" % c, "add_scalar", [T(3, 4)], value=c)
        s.add(g, "sub_scalar %s" % c, "sub_scalar", [T(3, 4)], value=c)
        s.add(g, "mul_scalar %s" % c, "mul_scalar", [T(3, 4)], value=c)
    for c in (4.0, -0.3):
        s.add(g, "div_scalar %s" % c, "div_scalar", [T(3, 4)], value=c)
    for p in (3.0, 2.0, 0.5, -0.5, -1.5, 1.0):
        s.add(g, "pow_scalar %s" % p, "pow_scalar", [T(3, 4, kind="positive")], value=p)
    s.add(g, "pow_scalar 3 of negatives", "pow_scalar", [T(3, 4)], value=3.0)
    s.add(g, "add_scalar rank 0", "add_scalar", [T()], value=1.5)
    for op in ("neg", "exp", "abs"):
        s.add(g, op, op, [T(3, 4)])
        s.add(g, op + " rank 0", op, [T()])
    s.add(g, "abs at zero", "abs", [T(5, kind="values", values=[-2.0, -0.0, 0.0, 1.0, 3.0], fixed=True)])
    for op in ("log", "sqrt"):
        s.add(g, op, op, [T(3, 4, kind="positive")])
    near_zero = [1e-300, 1e-100, 1e-30, 1e-12, 1e-8, 3e-5, 0.5, 2.0]
    s.add(g, "log next to 0", "log", [T(8, kind="values", values=near_zero, fixed=True)], f32=False)
    s.add(g, "sqrt next to 0", "sqrt", [T(8, kind="values", values=near_zero, fixed=True)], f32=False)
    s.add(g, "pow_scalar -0.5 next to 0", "pow_scalar",
          [T(7, kind="values", values=[1e-100, 1e-30, 1e-12, 1e-8, 3e-5, 0.5, 2.0], fixed=True)], f32=False, value=-0.5)
    s.add(g, "pow_scalar 2.5 next to 0", "pow_scalar",
          [T(6, kind="values", values=[1e-300, 1e-30, 1e-8, 3e-5, 0.5, 2.0], fixed=True)], f32=False, value=2.5)
    f32_near_zero = [1e-30, 1e-12, 1e-8, 3e-5, 0.5, 2.0]
    s.add(g, "log next to 0 (float32 range)", "log", [T(6, kind="values", values=f32_near_zero)])
    s.add(g, "sqrt next to 0 (float32 range)", "sqrt", [T(6, kind="values", values=f32_near_zero)])
    s.add(g, "clamp", "clamp", [T(3, 4, scale=2)], min=-1.0, max=0.5)
    s.add(g, "clamp at its bounds", "clamp", [T(6, kind="values", values=[-2.0, -1.0, 0.0, 0.5, 0.75, 3.0], fixed=True)],
          min=-1.0, max=0.5)
    s.add(g, "clamp open above", "clamp", [T(3, 4)], min=-0.2, max=float("inf"))
    s.add(g, "cast_round_trip float64 to float32 and back", "cast_round_trip", [T(3, 4)], f32=False)


def reductions(s):
    g = "reductions"
    x = (2, 3, 4)
    for op in ("sum", "mean"):
        s.add(g, op + " all", op, [In(x)], axes=None, keep_dims=False)
        s.add(g, op + " all keepDims", op, [In(x)], axes=None, keep_dims=True)
        for axes in ([0], [1], [2], [-1], [0, 2], [1, 2]):
            for keep in (False, True):
                s.add(g, "%s axes %s keepDims %s" % (op, axes, keep), op, [In(x)], axes=axes, keep_dims=keep)
        s.add(g, op + " of rank 0", op, [T()], axes=None, keep_dims=False)
    s.add(g, "max all", "max", [In(x)], axes=None, keep_dims=False)
    s.add(g, "max all keepDims", "max", [In(x)], axes=None, keep_dims=True)
    for axes in ([0], [1], [2], [-1], [0, 2], [1, 2]):
        for keep in (False, True):
            s.add(g, "max axes %s keepDims %s" % (axes, keep), "max", [In(x)], axes=axes, keep_dims=keep)
    ties = [3.0, 1.0, 3.0, 0.0, 2.0, 2.0, 2.0, -1.0, 5.0, 5.0, 1.0, 5.0]
    tied = dict(kind="values", values=ties, fixed=True)
    s.add(g, "max ties along axis 1 (first maximum)", "max", [T(3, 4, **tied)], axes=[1], keep_dims=False)
    s.add(g, "max ties along axis 0 (first maximum)", "max", [T(4, 3, **tied)], axes=[0], keep_dims=True)
    s.add(g, "max ties over all axes (shared equally)", "max", [T(3, 4, **tied)], axes=None, keep_dims=False)
    s.add(g, "max ties over axes 0 and 2 (shared equally)", "max", [T(2, 3, 2, **tied)], axes=[0, 2], keep_dims=False)
    s.add(g, "max of all-equal values", "max", [T(2, 3, kind="values", values=[7.0] * 6, fixed=True)], axes=None,
          keep_dims=False)


def linear_algebra(s):
    g = "matmul"
    s.add(g, "matmul 2-D", "matmul", [T(3, 4), T(4, 5)])
    s.add(g, "matmul 2-D only the left requires grad", "matmul", [T(3, 4), T(4, 5, grad=False)])
    s.add(g, "matmul 2-D only the right requires grad", "matmul", [T(3, 4, grad=False), T(4, 5)])
    s.add(g, "matmul batched 3-D", "matmul", [T(2, 3, 4), T(2, 4, 5)])
    s.add(g, "matmul batched 4-D", "matmul", [T(2, 2, 3, 4), T(2, 2, 4, 2)])
    s.add(g, "matmul N-D @ 2-D", "matmul", [T(2, 3, 4), T(4, 5)])
    s.add(g, "matmul 4-D @ 2-D", "matmul", [T(2, 2, 3, 4), T(4, 2)])
    s.add(g, "matmul x @ x", "matmul", [T(4, 4), T(4, 4)])
    s.add(g, "linear with bias", "linear", [T(5, 4), T(3, 4), T(3)])
    s.add(g, "linear without bias", "linear", [T(5, 4), T(3, 4)])
    s.add(g, "linear input needs no grad", "linear", [T(5, 4, grad=False), T(3, 4), T(3)])
    s.add(g, "linear 3-D input", "linear", [T(2, 3, 4), T(5, 4), T(5)])
    s.add(g, "linear batch 1", "linear", [T(1, 6), T(2, 6), T(2)])


def shape_ops(s):
    g = "shape"
    s.add(g, "reshape", "reshape", [T(2, 3, 4)], shape=[4, 6])
    s.add(g, "reshape inferred", "reshape", [T(2, 3, 4)], shape=[3, -1])
    s.add(g, "permute", "permute", [T(2, 3, 4)], axes=[2, 0, 1])
    s.add(g, "transpose", "transpose", [T(2, 3, 4)], axis0=0, axis1=2)
    s.add(g, "flatten from 1", "flatten", [T(2, 3, 4)], start=1)
    s.add(g, "flatten all", "flatten", [T(2, 3, 4)], start=0)
    s.add(g, "concat axis 0", "concat", [T(2, 3), T(1, 3), T(3, 3)], axis=0)
    s.add(g, "concat axis 1", "concat", [T(2, 3), T(2, 1)], axis=1)
    s.add(g, "concat axis -1 of 3-D", "concat", [T(2, 3, 2), T(2, 3, 3)], axis=-1)
    s.add(g, "concat one part", "concat", [T(2, 3)], axis=0)
    s.add(g, "slice rows", "slice", [T(5, 3)], start=1, end=4)
    s.add(g, "slice of 3-D", "slice", [T(4, 2, 3)], start=2, end=4)
    s.add(g, "index_select with repeats", "index_select", [T(4, 3), T(6, kind="indices", bound=4)])
    s.add(g, "index_select of 3-D", "index_select", [T(5, 2, 2), T(3, kind="indices", bound=5)])


def activations(s):
    g = "activations"
    values = [-3.0, -1.0, -0.5, -0.0, 0.0, 0.25, 1.0, 4.0]
    for op in ("relu", "sigmoid", "tanh", "gelu"):
        s.add(g, op, op, [T(3, 5, scale=2)])
        s.add(g, op + " at fixed points", op, [T(8, kind="values", values=values, fixed=True)])
    s.add(g, "sigmoid of large magnitudes", "sigmoid",
          [T(6, kind="values", values=[-40.0, -20.0, -8.0, 8.0, 20.0, 40.0], fixed=True)])
    s.add(g, "tanh of large magnitudes", "tanh",
          [T(6, kind="values", values=[-20.0, -8.0, -3.0, 3.0, 8.0, 20.0], fixed=True)])
    for slope in (0.2, 0.01, 0.1, -0.5, 1.5):
        s.add(g, "leaky_relu slope %s" % slope, "leaky_relu", [T(3, 5, scale=2)], slope=slope)
    s.add(g, "leaky_relu at fixed points", "leaky_relu", [T(8, kind="values", values=values, fixed=True)], slope=0.2)
    for op in ("softmax", "log_softmax"):
        for axis in (0, 1, -1):
            s.add(g, "%s axis %d of [3,5]" % (op, axis), op, [T(3, 5, scale=2)], axis=axis)
        for axis in (0, 1, 2):
            s.add(g, "%s axis %d of [2,3,4]" % (op, axis), op, [T(2, 3, 4, scale=2)], axis=axis)
        s.add(g, op + " of a single row", op, [T(1, 4)], axis=1)
        s.add(g, op + " of a vector", op, [T(6)], axis=0)
        # Extremes: one row near +-1000 with its maximum in every position, rows all very negative,
        # all-equal rows.
        big = []
        for pos in range(3):
            big.append([1000.0 if i == pos else -1000.0 + i for i in range(3)])
        big.append([1.0, 2.0, 3.0])
        big.append([-1000.0, -999.0, -1001.0])
        big.append([-745.0, -750.0, -760.0])
        big.append([1000.0, 999.0, 998.0])
        big.append([-2.0, -2.0, -2.0])
        big.append([0.0, 0.0, 0.0])
        flat_big = [v for row in big for v in row]
        s.add(g, op + " of logits near +-1000", op, [T(len(big), 3, kind="values", values=flat_big, fixed=True)],
              axis=1)
        s.add(g, op + " of logits near +-1000 along axis 0", op,
              [T(3, len(big), kind="values", values=[big[r][c] for c in range(3) for r in range(len(big))],
                 fixed=True)], axis=0)
        s.add(g, op + " of all-equal rows", op, [T(3, 4, kind="values", values=[0.5] * 12, fixed=True)], axis=1)


def losses(s):
    g = "losses"
    for red in ("mean", "sum", "none"):
        for ls in (0.0, 0.1):
            s.add(g, "cross_entropy %s smoothing %s" % (red, ls), "cross_entropy",
                  [T(6, 5, scale=2), T(6, kind="labels", classes=5)], reduction=red, label_smoothing=ls)
        s.add(g, "nll " + red, "nll", [T(6, 4), T(6, kind="labels", classes=4)], reduction=red)
        s.add(g, "mse " + red, "mse", [T(3, 4), T(3, 4)], reduction=red)
        s.add(g, "bce_with_logits " + red, "bce_with_logits", [T(3, 4, scale=3), T(3, 4, kind="uniform", low=0, high=1)],
              reduction=red)
    s.add(g, "cross_entropy batch 1", "cross_entropy", [T(1, 3), T(1, kind="labels", classes=3)], reduction="mean",
          label_smoothing=0.0)
    s.add(g, "cross_entropy smoothing 1", "cross_entropy", [T(4, 3), T(4, kind="labels", classes=3)],
          reduction="mean", label_smoothing=1.0)
    big = []
    labels = []
    for pos in range(4):
        for label in (pos, (pos + 1) % 4):
            big.append([1000.0 if i == pos else -1000.0 + i for i in range(4)])
            labels.append(label)
    big.append([-2.0, -2.0, -2.0, -2.0])
    labels.append(1)
    big.append([-1000.0, -999.0, -1001.0, -998.0])
    labels.append(0)
    flat_big = [v for row in big for v in row]
    for red in ("mean", "none"):
        for ls in (0.0, 0.2):
            s.add(g, "cross_entropy of logits near +-1000 %s smoothing %s" % (red, ls), "cross_entropy",
                  [T(len(big), 4, kind="values", values=flat_big, fixed=True),
                   T(len(big), kind="labels", values=labels)], reduction=red, label_smoothing=ls)
    s.add(g, "bce_with_logits of large logits", "bce_with_logits",
          [T(6, kind="values", values=[-1000.0, -40.0, -0.0, 0.5, 40.0, 1000.0], fixed=True),
           T(6, kind="values", values=[0.0, 1.0, 0.5, 0.25, 0.0, 1.0], fixed=True)], reduction="mean")
    s.add(g, "mse target needs no grad", "mse", [T(3, 4), T(3, 4, grad=False)], reduction="mean")


def convolution_pooling(s):
    g = "conv_pool"
    convs = [
        ("3x3 stride 1", (2, 3, 6, 5), (4, 3, 3, 3), w((3, 3), (1, 1))),
        ("5x5 pad 2, 1 channel", (3, 1, 8, 8), (2, 1, 5, 5), w((5, 5), (1, 1), (2, 2))),
        ("stride 2 pad 1, last row unused", (2, 2, 8, 7), (3, 2, 3, 3), w((3, 3), (2, 2), (1, 1))),
        ("stride 2x1 pad 1x2 dilation 2x1", (2, 3, 9, 7), (4, 3, 3, 2), w((3, 2), (2, 1), (1, 2), (2, 1))),
        ("2x3 kernel stride 1x2 pad 1x0", (2, 2, 5, 7), (3, 2, 2, 3), w((2, 3), (1, 2), (1, 0))),
        ("dilation 2 stride 3", (2, 2, 10, 9), (2, 2, 3, 3), w((3, 3), (3, 3), (2, 2), (2, 2))),
        ("1x1 kernel", (2, 4, 3, 3), (3, 4, 1, 1), w((1, 1), (1, 1))),
    ]
    for name, xs, ws, win in convs:
        win = dict(win)
        del win["kernel"]
        s.add(g, "conv2d %s" % name, "conv2d", [In(xs), In(ws, scale=0.5), In((ws[0],))], **win)
        s.add(g, "conv2d %s, no input gradient" % name, "conv2d", [In(xs, grad=False), In(ws, scale=0.5), In((ws[0],))],
              **win)
        s.add(g, "conv2d %s, no bias" % name, "conv2d", [In(xs), In(ws, scale=0.5)], **win)
    s.add(g, "conv2d 1x1 kernel, no bias, no input gradient", "conv2d", [T(2, 4, 3, 3, grad=False), T(3, 4, 1, 1)],
          stride=[1, 1], padding=[0, 0], dilation=[1, 1])
    pools = [
        ("2x2", (2, 3, 6, 6), w((2, 2))),
        ("3x3 stride 2", (2, 2, 7, 7), w((3, 3), (2, 2))),
        ("3x3 stride 2 pad 1", (2, 2, 7, 6), w((3, 3), (2, 2), (1, 1))),
        ("3x2 stride 1x2 pad 1x1", (1, 2, 6, 7), w((3, 2), (1, 2), (1, 1))),
        ("2x2 stride 1 (overlapping)", (2, 2, 5, 4), w((2, 2), (1, 1))),
    ]
    for name, xs, win in pools:
        s.add(g, "max_pool2d %s" % name, "max_pool2d", [In(xs)], **win)
        for include in (True, False):
            s.add(g, "avg_pool2d %s count_include_pad %s" % (name, include), "avg_pool2d", [In(xs)],
                  count_include_pad=include, **{k: v for k, v in win.items() if k != "dilation"})
    s.add(g, "max_pool2d dilation 2", "max_pool2d", [T(2, 2, 8, 8)], **w((2, 2), (2, 2), (1, 1), (2, 2)))
    s.add(g, "max_pool2d of all-negative inputs under padding", "max_pool2d", [T(2, 2, 5, 5, kind="uniform", low=-3,
                                                                               high=-1)], **w((3, 3), (2, 2), (1, 1)))
    s.add(g, "avg_pool2d of all-negative inputs under padding", "avg_pool2d", [T(2, 2, 5, 5, kind="uniform", low=-3,
                                                                               high=-1)],
          count_include_pad=False, kernel=[3, 3], stride=[2, 2], padding=[1, 1])
    tie_values = [1.0, 1.0, 0.0, 2.0,
                  1.0, 0.0, 2.0, 2.0,
                  5.0, 3.0, 4.0, 4.0,
                  5.0, 5.0, 4.0, 4.0]
    s.add(g, "max_pool2d ties (first maximum of each window)", "max_pool2d",
          [T(1, 1, 4, 4, kind="values", values=tie_values, fixed=True)], **w((2, 2)))
    s.add(g, "max_pool2d ties in overlapping windows", "max_pool2d",
          [T(1, 1, 4, 4, kind="values", values=tie_values, fixed=True)], **w((2, 2), (1, 1)))


def normalization(s):
    g = "normalization"
    for name, xs in (("[N,C]", (6, 3)), ("[N,C,H,W]", (3, 2, 4, 3))):
        c = xs[1]
        s.add(g, "batch_norm train %s" % name, "batch_norm", [In(xs, scale=2), In((c,)), In((c,))], eps=1e-5)
        s.add(g, "batch_norm train %s, no affine" % name, "batch_norm", [In(xs, scale=2)], eps=1e-5)
        s.add(g, "batch_norm train %s, eps 0.1" % name, "batch_norm", [In(xs), In((c,)), In((c,))], eps=0.1)
        s.add(g, "batch_norm train %s, input needs no grad" % name, "batch_norm",
              [In(xs, grad=False), In((c,)), In((c,))], eps=1e-5)
        s.add(g, "batch_norm eval %s" % name, "batch_norm_eval",
              [In(xs), In((c,), grad=False), In((c,), kind="positive", grad=False), In((c,)), In((c,))], eps=1e-5)
        s.add(g, "batch_norm eval %s, no affine" % name, "batch_norm_eval",
              [In(xs), In((c,), grad=False), In((c,), kind="positive", grad=False)], eps=1e-5)
    s.add(g, "batch_norm train, a large offset", "batch_norm", [T(8, 2, scale=0.01), T(2), T(2)], eps=1e-5)
    s.add(g, "dropout p 0.5 with a fixed mask", "dropout", [T(4, 5), T(4, 5, kind="mask", keep=0.5)], p=0.5)
    s.add(g, "dropout p 0.2 with a fixed mask", "dropout", [T(2, 3, 4), T(2, 3, 4, kind="mask", keep=0.8)], p=0.2)


def views(s):
    """Every op family again on non-contiguous inputs: transposed (permuted) and narrowed views."""
    g = "views"
    tr = ("permute", (1, 0))
    s.add(g, "add transposed + row", "add", [T(4, 3, view=tr), T(3)])
    s.add(g, "mul narrowed columns * transposed", "mul", [T(3, 4, view=("narrow", 1, 1, 6)), T(3, 4, view=tr)])
    s.add(g, "div narrowed rows", "div", [T(3, 4, view=("narrow", 0, 2, 6)), T(3, 4, kind="positive", view=tr)])
    s.add(g, "pow transposed", "pow", [T(3, 4, kind="positive", view=tr), T(4)])
    for op in ("exp", "neg", "abs", "relu", "sigmoid", "tanh", "gelu"):
        s.add(g, op + " of a transposed view", op, [T(4, 3, view=tr)])
    s.add(g, "log of a narrowed view", "log", [T(3, 4, kind="positive", view=("narrow", 1, 2, 7))])
    s.add(g, "sqrt of a transposed view", "sqrt", [T(3, 4, kind="positive", view=tr)])
    s.add(g, "pow_scalar of a transposed view", "pow_scalar", [T(3, 4, kind="positive", view=tr)], value=1.5)
    s.add(g, "mul_scalar of a narrowed view", "mul_scalar", [T(3, 4, view=("narrow", 1, 1, 6))], value=3.0)
    s.add(g, "clamp of a transposed view", "clamp", [T(3, 4, view=tr)], min=-0.5, max=0.5)
    s.add(g, "leaky_relu of a transposed view", "leaky_relu", [T(4, 3, view=tr)], slope=0.2)
    for op in ("sum", "mean", "max"):
        s.add(g, op + " axis 1 of a transposed view", op, [T(4, 3, view=tr)], axes=[1], keep_dims=False)
        s.add(g, op + " all of a narrowed view", op, [T(3, 4, view=("narrow", 1, 1, 7))], axes=None, keep_dims=False)
    s.add(g, "softmax of a transposed view", "softmax", [T(4, 3, view=tr)], axis=1)
    s.add(g, "log_softmax of a narrowed view", "log_softmax", [T(3, 4, view=("narrow", 1, 1, 6))], axis=1)
    s.add(g, "matmul transposed @ transposed", "matmul", [T(3, 4, view=tr), T(4, 5, view=tr)])
    s.add(g, "matmul narrowed @ 2-D", "matmul", [T(3, 4, view=("narrow", 0, 1, 5)), T(4, 2)])
    s.add(g, "matmul batched of permuted views", "matmul", [T(2, 3, 4, view=("permute", (1, 0, 2))), T(2, 4, 2)])
    s.add(g, "linear of a transposed input and weight", "linear", [T(5, 4, view=tr), T(3, 4, view=tr), T(3)])
    s.add(g, "linear of a narrowed input", "linear", [T(5, 4, view=("narrow", 1, 2, 8)), T(3, 4), T(3)])
    s.add(g, "reshape of a transposed view", "reshape", [T(4, 3, view=tr)], shape=[2, 6])
    s.add(g, "flatten of a permuted view", "flatten", [T(2, 3, 4, view=("permute", (2, 0, 1)))], start=1)
    s.add(g, "concat of views", "concat", [T(2, 3, view=tr), T(1, 3, view=("narrow", 0, 1, 4))], axis=0)
    s.add(g, "slice of a transposed view", "slice", [T(5, 3, view=tr)], start=1, end=3)
    s.add(g, "index_select of a transposed view", "index_select", [T(4, 3, view=tr), T(5, kind="indices", bound=4)])
    s.add(g, "cross_entropy of transposed logits", "cross_entropy",
          [T(6, 5, view=tr), T(6, kind="labels", classes=5)], reduction="mean", label_smoothing=0.1)
    s.add(g, "nll of narrowed log-probabilities", "nll", [T(6, 4, view=("narrow", 1, 1, 6)),
                                                          T(6, kind="labels", classes=4)], reduction="mean")
    s.add(g, "mse of transposed views", "mse", [T(3, 4, view=tr), T(3, 4, view=tr)], reduction="mean")
    s.add(g, "bce_with_logits of a transposed view", "bce_with_logits",
          [T(3, 4, view=tr), T(3, 4, kind="uniform", low=0, high=1)], reduction="sum")
    perm = ("permute", (1, 0, 2, 3))
    s.add(g, "conv2d of a permuted input", "conv2d", [T(2, 3, 6, 5, view=perm), T(4, 3, 3, 3), T(4)],
          stride=[1, 1], padding=[1, 1], dilation=[1, 1])
    s.add(g, "conv2d of a narrowed input, no input gradient", "conv2d",
          [T(2, 2, 6, 5, view=("narrow", 3, 1, 7), grad=False), T(3, 2, 3, 3), T(3)],
          stride=[2, 1], padding=[1, 0], dilation=[1, 1])
    s.add(g, "conv2d with a permuted weight", "conv2d", [T(2, 3, 6, 5), T(4, 3, 3, 3, view=perm), T(4)],
          stride=[1, 1], padding=[0, 0], dilation=[1, 1])
    s.add(g, "max_pool2d of a permuted view", "max_pool2d", [T(2, 3, 6, 6, view=perm)], **w((2, 2)))
    s.add(g, "avg_pool2d of a narrowed view", "avg_pool2d", [T(2, 2, 6, 6, view=("narrow", 2, 1, 8))],
          kernel=[3, 3], stride=[2, 2], padding=[1, 1], count_include_pad=True)
    s.add(g, "batch_norm train of a permuted view", "batch_norm", [T(3, 2, 4, 3, view=perm), T(2), T(2)], eps=1e-5)
    s.add(g, "batch_norm train of a transposed [N,C]", "batch_norm", [T(6, 3, view=tr), T(3), T(3)], eps=1e-5)
    s.add(g, "batch_norm eval of a permuted view", "batch_norm_eval",
          [T(3, 2, 4, 3, view=perm), T(2, grad=False), T(2, kind="positive", grad=False), T(2), T(2)], eps=1e-5)
    s.add(g, "dropout of a transposed view", "dropout", [T(4, 5, view=tr), T(4, 5, kind="mask", keep=0.5)], p=0.5)


def tensor_api(s):
    """The ops a PyTorch user reaches for when writing a network: min, argmax, comparisons, where,
    select, narrow, squeeze, unsqueeze, expand, stack, clone."""
    g = "tensor_api"
    x = (2, 3, 4)
    s.add(g, "min all", "min", [In(x)], axes=None, keep_dims=False)
    for axes in ([0], [2], [-1], [0, 2]):
        for keep in (False, True):
            s.add(g, "min axes %s keepDims %s" % (axes, keep), "min", [In(x)], axes=axes, keep_dims=keep)
    ties = [3.0, 1.0, 1.0, 0.0, 2.0, 0.0, 2.0, -1.0, 5.0, -1.0, 1.0, 5.0]
    tied = dict(kind="values", values=ties, fixed=True)
    s.add(g, "min ties along axis 1 (first minimum)", "min", [T(3, 4, **tied)], axes=[1], keep_dims=False)
    s.add(g, "min ties over all axes (shared equally)", "min", [T(3, 4, **tied)], axes=None, keep_dims=False)
    for op in ("argmax", "argmin"):
        for axis, keep in ((0, False), (1, True), (-1, False)):
            s.add(g, "%s axis %d keepDims %s" % (op, axis, keep), op, [In(x, grad=False)], axis=axis, keep_dims=keep)
        s.add(g, op + " ties (first index)", op, [T(3, 4, grad=False, **tied)], axis=1, keep_dims=False)
    labels = dict(kind="labels", classes=3)
    for op in ("eq", "ne", "gt", "ge", "lt", "le"):
        s.add(g, op + " of int64 labels", op, [T(8, **labels), T(8, **labels)], f32=False)
        s.add(g, op + " of floats with ties, broadcast", op,
              [T(3, 4, grad=False, **tied), T(4, grad=False, kind="values", values=[3.0, 0.0, 2.0, 5.0], fixed=True)])
    s.add(g, "gt_scalar", "gt_scalar", [T(3, 4, grad=False, **tied)], value=1.0)
    s.add(g, "le_scalar", "le_scalar", [T(3, 4, grad=False, **tied)], value=1.0)
    s.add(g, "eq_scalar of int64", "eq_scalar", [T(8, **labels)], f32=False, value=2.0)
    mask = dict(kind="labels", classes=2)
    s.add(g, "where", "where", [T(3, 4, **mask), T(3, 4), T(3, 4)])
    s.add(g, "where broadcast condition and operands", "where", [T(3, 1, **mask), T(4), T(3, 4)])
    s.add(g, "where of a transposed view", "where", [T(3, 4, **mask), T(3, 4, view=("permute", (1, 0))), T(1)])
    s.add(g, "select axis 1", "select", [In(x)], axis=1, index=2)
    s.add(g, "select negative index", "select", [In(x)], axis=-1, index=-1)
    s.add(g, "select of a vector", "select", [T(5)], axis=0, index=3)
    s.add(g, "narrow axis 2", "narrow", [In(x)], axis=2, start=1, length=2)
    s.add(g, "narrow axis 0 of a transposed view", "narrow", [T(4, 3, view=("permute", (1, 0)))], axis=0, start=1,
          length=2)
    s.add(g, "squeeze", "squeeze", [T(3, 1, 4)], axis=1)
    s.add(g, "squeeze of a size that is not 1", "squeeze", [T(3, 2)], axis=1)
    s.add(g, "unsqueeze", "unsqueeze", [T(3, 4)], axis=1)
    s.add(g, "unsqueeze at the end", "unsqueeze", [T(3, 4)], axis=-1)
    s.add(g, "expand", "expand", [T(3, 1)], shape=[3, 4])
    s.add(g, "expand with new leading axes and -1", "expand", [T(1, 4)], shape=[2, 3, -1])
    s.add(g, "stack axis 0", "stack", [T(3, 4), T(3, 4), T(3, 4)], axis=0)
    s.add(g, "stack axis -1", "stack", [T(2, 3), T(2, 3)], axis=-1)
    s.add(g, "clone", "clone", [T(3, 4)])
    s.add(g, "clone of a view", "clone", [T(3, 4, view=("narrow", 1, 1, 6))])


# ------------------------------------------------------------------------------------ modules (nn)

def module_cases():
    """Layers and losses as modules: weights loaded by PyTorch's state-dict names, several forward and
    backward calls (batch norm's running statistics move with each training call), then evaluation."""
    cases = []

    def tensor(t):
        return {"shape": list(t.shape), "values": flat(t)}

    def run(name, module, spec, calls, make_input, dtype="float64", loss=None, labels=None):
        gen = torch.Generator().manual_seed(seed_of(name))
        module = module.to(F64)
        with torch.no_grad():
            for p in module.parameters():
                p.copy_(torch.randn(p.shape, generator=gen, dtype=F64) * 0.5 + (0.0 if p.dim() > 1 else 0.2))
                if dtype == "float32":
                    p.copy_(p.float().double())
        state = {k: tensor(v) for k, v in module.state_dict().items()}
        steps = []
        for mode in calls:
            module.train(mode == "train")
            x = make_input(gen)
            if dtype == "float32":
                x = x.float().double()
            x.requires_grad_(True)
            module.zero_grad()
            out = module(x)
            upstream = torch.randn(out.shape, generator=gen, dtype=F64)
            if dtype == "float32":
                upstream = upstream.float().double()
            (out * upstream).sum().backward()
            step = {"mode": mode, "input": tensor(x), "output": tensor(out), "upstream": flat(upstream),
                    "input_grad": flat(x.grad),
                    "param_grads": {k: flat(p.grad) for k, p in module.named_parameters()},
                    "state_after": {k: tensor(v) for k, v in module.state_dict().items()
                                    if k not in dict(module.named_parameters())}}
            steps.append(step)
        cases.append({"name": name, "module": spec, "dtype": dtype, "state": state, "steps": steps})

    def both(name, make_module, spec, calls, make_input):
        for dtype in ("float64", "float32"):
            run(name, make_module(), spec, calls, make_input, dtype)

    normal = lambda *shape: (lambda gen: torch.randn(shape, generator=gen, dtype=F64) * 2 + 0.5)
    three_then_eval = ["train", "train", "train", "eval", "train", "eval"]
    both("BatchNorm2d", lambda: torch.nn.BatchNorm2d(3), {"type": "BatchNorm2d", "channels": 3},
         three_then_eval, normal(4, 3, 5, 4))
    both("BatchNorm2d momentum 0.3 eps 1e-3", lambda: torch.nn.BatchNorm2d(2, eps=1e-3, momentum=0.3),
         {"type": "BatchNorm2d", "channels": 2, "eps": 1e-3, "momentum": 0.3}, three_then_eval, normal(3, 2, 4, 4))
    both("BatchNorm2d without affine", lambda: torch.nn.BatchNorm2d(2, affine=False),
         {"type": "BatchNorm2d", "channels": 2, "affine": False}, three_then_eval, normal(3, 2, 3, 3))
    both("BatchNorm1d [N,C]", lambda: torch.nn.BatchNorm1d(4), {"type": "BatchNorm1d", "channels": 4},
         three_then_eval, normal(6, 4))
    both("BatchNorm1d [N,C,L]", lambda: torch.nn.BatchNorm1d(3, momentum=0.2),
         {"type": "BatchNorm1d", "channels": 3, "momentum": 0.2}, three_then_eval, normal(4, 3, 5))
    both("Linear", lambda: torch.nn.Linear(5, 3), {"type": "Linear", "in": 5, "out": 3}, ["train"], normal(4, 5))
    both("Linear without bias", lambda: torch.nn.Linear(5, 3, bias=False),
         {"type": "Linear", "in": 5, "out": 3, "bias": False}, ["train"], normal(4, 5))
    both("Conv2d", lambda: torch.nn.Conv2d(2, 3, (3, 2), stride=(2, 1), padding=(1, 1), dilation=(1, 2)),
         {"type": "Conv2d", "in": 2, "out": 3, "kernel": [3, 2], "stride": [2, 1], "padding": [1, 1],
          "dilation": [1, 2]}, ["train"], normal(2, 2, 7, 6))
    both("MaxPool2d", lambda: torch.nn.MaxPool2d(2), {"type": "MaxPool2d", "kernel": 2}, ["train"], normal(2, 2, 6, 6))
    both("AvgPool2d", lambda: torch.nn.AvgPool2d(2), {"type": "AvgPool2d", "kernel": 2}, ["train"], normal(2, 2, 6, 6))
    both("Flatten", lambda: torch.nn.Flatten(), {"type": "Flatten"}, ["train"], normal(2, 3, 2, 2))
    both("ReLU", lambda: torch.nn.ReLU(), {"type": "ReLU"}, ["train"], normal(3, 4))
    both("LeakyReLU", lambda: torch.nn.LeakyReLU(), {"type": "LeakyReLU"}, ["train"], normal(3, 4))
    both("LeakyReLU 0.2", lambda: torch.nn.LeakyReLU(0.2), {"type": "LeakyReLU", "slope": 0.2}, ["train"], normal(3, 4))
    both("Tanh", lambda: torch.nn.Tanh(), {"type": "Tanh"}, ["train"], normal(3, 4))
    both("Sigmoid", lambda: torch.nn.Sigmoid(), {"type": "Sigmoid"}, ["train"], normal(3, 4))
    both("GELU", lambda: torch.nn.GELU(), {"type": "GELU"}, ["train"], normal(3, 4))
    both("Softmax", lambda: torch.nn.Softmax(-1), {"type": "Softmax"}, ["train"], normal(3, 4))
    both("LogSoftmax", lambda: torch.nn.LogSoftmax(-1), {"type": "LogSoftmax"}, ["train"], normal(3, 4))
    both("Sequential conv-bn-relu-pool-linear",
         # no conv bias before batch norm: its gradient is exactly zero, so both sides would compare noise
         lambda: torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3, padding=1, bias=False), torch.nn.BatchNorm2d(2),
                                     torch.nn.ReLU(),
                                     torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(8, 3)),
         {"type": "Sequential", "layers": [
             {"type": "Conv2d", "in": 1, "out": 2, "kernel": [3, 3], "stride": [1, 1], "padding": [1, 1],
              "dilation": [1, 1], "bias": False},
             {"type": "BatchNorm2d", "channels": 2}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel": 2},
             {"type": "Flatten"}, {"type": "Linear", "in": 8, "out": 3}]},
         ["train", "train", "eval"], normal(3, 1, 4, 4))

    # Loss modules: output is the loss, input gradient is d loss / d logits.
    loss_cases = []
    for dtype in ("float64", "float32"):
        for spec, make in (
                ({"type": "CrossEntropyLoss"}, lambda: torch.nn.CrossEntropyLoss()),
                ({"type": "CrossEntropyLoss", "reduction": "sum", "label_smoothing": 0.1},
                 lambda: torch.nn.CrossEntropyLoss(reduction="sum", label_smoothing=0.1)),
                ({"type": "NLLLoss"}, lambda: torch.nn.NLLLoss()),
                ({"type": "MSELoss"}, lambda: torch.nn.MSELoss()),
                ({"type": "BCEWithLogitsLoss", "reduction": "none"},
                 lambda: torch.nn.BCEWithLogitsLoss(reduction="none"))):
            name = "%s %s" % (spec["type"], spec.get("reduction", "mean"))
            gen = torch.Generator().manual_seed(seed_of(name))
            x = torch.randn(5, 4, generator=gen, dtype=F64) * 2
            if spec["type"] in ("CrossEntropyLoss", "NLLLoss"):
                target = torch.randint(0, 4, (5,), generator=gen)
            else:
                target = torch.rand(5, 4, generator=gen, dtype=F64)
            if dtype == "float32":
                x = x.float().double()
                if target.is_floating_point():
                    target = target.float().double()
            x.requires_grad_(True)
            out = make()(x, target)
            upstream = torch.randn(out.shape, generator=gen, dtype=F64)
            if dtype == "float32":
                upstream = upstream.float().double()
            (out * upstream).sum().backward()
            loss_cases.append({"name": name, "loss": spec, "dtype": dtype, "input": tensor(x),
                               "target": {"shape": list(target.shape), "values": flat(target),
                                          "dtype": "float" if target.is_floating_point() else "int64"},
                               "output": tensor(out), "upstream": flat(upstream), "input_grad": flat(x.grad)})
    return {"modules": cases, "losses": loss_cases}


# ------------------------------------------------------------------------------------ writing

HEADER = ("Golden values for Inertia's conformance suites, written by tools/op_conformance.py with PyTorch %s. "
          "Do not edit: regenerate.")


def dump_cases(path, cases, key="cases"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"about": %s,\n "torch": %s,\n "%s": [\n' % (json.dumps(HEADER % torch.__version__),
                                                              json.dumps(torch.__version__), key))
        f.write(",\n".join(json.dumps(c, allow_nan=True) for c in cases))
        f.write("\n]}\n")


def generate(root):
    s = Suite()
    for build in (elementwise, reductions, linear_algebra, shape_ops, activations, losses, convolution_pooling,
                  normalization, views, tensor_api):
        build(s)
    written = []
    ops_dir = os.path.join(root, "core/src/test/resources/conformance/ops")
    for group, cases in s.groups.items():
        path = os.path.join(ops_dir, group + ".json")
        dump_cases(path, cases)
        written.append((path, len(cases)))
    index = os.path.join(ops_dir, "index.json")
    with open(index, "w", encoding="utf-8") as f:
        f.write('{"groups": %s}\n' % json.dumps(list(s.groups)))
    written.append((index, len(s.groups)))
    modules = module_cases()
    path = os.path.join(root, "nn/src/test/resources/conformance/modules.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"about": %s,\n "torch": %s,\n "modules": [\n' % (json.dumps(HEADER % torch.__version__),
                                                                  json.dumps(torch.__version__)))
        f.write(",\n".join(json.dumps(c) for c in modules["modules"]))
        f.write('\n],\n "losses": [\n')
        f.write(",\n".join(json.dumps(c) for c in modules["losses"]))
        f.write("\n]}\n")
    written.append((path, len(modules["modules"]) + len(modules["losses"])))
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary directory and compare with the committed files")
    args = parser.parse_args()
    if not torch.__version__.startswith("1.13"):
        print("warning: golden values were made with PyTorch 1.13, this is %s" % torch.__version__, file=sys.stderr)
    if not args.check:
        for path, n in generate(ROOT):
            print("%5d cases  %s" % (n, os.path.relpath(path, ROOT)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        different = []
        for path, n in generate(tmp):
            committed = os.path.join(ROOT, os.path.relpath(path, tmp))
            same = os.path.exists(committed) and filecmp.cmp(path, committed, shallow=False)
            print("%s %5d cases  %s" % ("same     " if same else "DIFFERENT", n, os.path.relpath(committed, ROOT)))
            if not same:
                different.append(committed)
        return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
