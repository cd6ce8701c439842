#!/usr/bin/env python3
"""Safetensors fixtures for Inertia's tests, written by an independent implementation of the format.

The writer and reader below use only Python's struct and json modules, following the format's
specification (https://huggingface.co/docs/safetensors): an 8-byte little-endian header length,
a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {...}}, then little-endian data.
They share no code with Inertia's Java reader.

  write   (default)  nn/src/test/resources/safetensors/{spec-fixture,torch-model}.safetensors
  check FILE         load an Inertia-written state dict into the same PyTorch model and print its output

Needs Debian's python3-torch for the model fixture (the project itself never needs Python).
"""
import json
import struct
import sys

FORMATS = {"F32": "f", "F64": "d", "I64": "q"}


def write_safetensors(path, tensors, metadata=None):
    """tensors: list of (name, dtype code, shape, flat list of values), written in that order."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, dtype, shape, values in tensors:
        blob = struct.pack("<%d%s" % (len(values), FORMATS[dtype]), *values)
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    raw = json.dumps(header).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    metadata = header.pop("__metadata__", {})
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        fmt = FORMATS[info["dtype"]]
        count = (end - begin) // struct.calcsize(fmt)
        out[name] = (info["dtype"], info["shape"], list(struct.unpack("<%d%s" % (count, fmt),
                                                                      data[8 + n + begin:8 + n + end])))
    return out, metadata


def spec_fixture(path):
    # Names deliberately not in offset order, a 0-d tensor, an empty tensor and metadata.
    write_safetensors(path, [
        ("zeta.f32", "F32", [2, 3], [0.5, -1.25, 3.0, 1e-3, -0.0, 65504.0]),
        ("alpha.f64", "F64", [4], [3.141592653589793, -2.718281828459045, 1e-300, 123456789.125]),
        ("count.i64", "I64", [], [-9007199254740993]),
        ("empty.f32", "F32", [0, 3], []),
    ], {"written_by": "tools/safetensors_fixtures.py", "note": "independent writer"})


def model():
    import torch
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 2, 3, padding=1), torch.nn.BatchNorm2d(2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(8, 3))


def torch_fixture(path):
    import torch
    torch.manual_seed(0)
    net = model()
    net.train()
    for _ in range(3):                      # give batch norm non-trivial running statistics
        net(torch.randn(5, 1, 4, 4))
    net.eval()
    x = torch.randn(2, 1, 4, 4)
    y = net(x).detach()
    tensors = []
    for name, t in net.state_dict().items():
        code = "I64" if t.dtype == torch.int64 else "F32"
        tensors.append((name, code, list(t.shape), t.flatten().tolist()))
    tensors.append(("__input__", "F32", list(x.shape), x.flatten().tolist()))
    tensors.append(("__output__", "F32", list(y.shape), y.flatten().tolist()))
    write_safetensors(path, tensors, {"torch": torch.__version__, "model": "Conv2d(1,2,3,p=1) BN2d ReLU MaxPool2d(2) "
                                      "Flatten Linear(8,3), eval mode"})


def check(path):
    """Loads an Inertia-written state dict (same model) into PyTorch and prints its output on __input__."""
    import torch
    tensors, _ = read_safetensors(path)
    net = model()
    state = {}
    for name, (dtype, shape, values) in tensors.items():
        if not name.startswith("__"):
            state[name] = torch.tensor(values, dtype=torch.int64 if dtype == "I64" else torch.float32).reshape(shape)
    net.load_state_dict(state)
    net.eval()
    _, shape, values = tensors["__input__"]
    print(net(torch.tensor(values, dtype=torch.float32).reshape(shape)).detach().flatten().tolist())


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "check":
        check(sys.argv[2])
    else:
        out = "nn/src/test/resources/safetensors/"
        spec_fixture(out + "spec-fixture.safetensors")
        torch_fixture(out + "torch-model.safetensors")
        print("wrote", out)
