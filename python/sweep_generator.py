"""Loads a generator that `sweep export` wrote, into the same network written in PyTorch.

    import torch, sweep_generator
    g = sweep_generator.load("generator.pt")          # reads generator.json beside it
    images = g(torch.randn(16, g.latent_size))        # [16, C, H, W], pixels in [-1, 1]

Each class below is the network of one `arch` of sweep (src/Gan.Core/Models), layer for layer
and with the same attribute names, so the exported state_dict loads with strict=True.
"""
import json
import os

import torch
from torch import nn

FORMAT = "sweep-generator/1"


class MlpGenerator(nn.Module):
    """mlp (PyTorch tutorial: ReLU, 256 hidden) and mlp-128 (TensorFlow tutorial: LeakyReLU 0.2, 128 hidden)."""

    def __init__(self, latent_size, hidden_units, sample_shape, leaky):
        super().__init__()
        size = 1
        for d in sample_shape:
            size *= d
        self.input = nn.Linear(latent_size, hidden_units)
        self.hidden = nn.Linear(hidden_units, hidden_units)
        self.output = nn.Linear(hidden_units, size)
        self.activation = nn.LeakyReLU(0.2) if leaky else nn.ReLU()
        self.sample_shape = tuple(sample_shape)

    def forward(self, latent):
        x = self.activation(self.input(latent))
        x = self.activation(self.hidden(x))
        return torch.tanh(self.output(x)).unflatten(1, self.sample_shape)


class DcganGenerator(nn.Module):
    """The Keras tutorial's DCGAN generator (dcgan; dcgan-small scales its channels by width)."""

    def __init__(self, latent_size, c32, c64, c128, c256):
        super().__init__()
        epsilon = 1e-3  # Keras' BatchNormalization epsilon
        self.dense = nn.Linear(latent_size, 7 * 7 * c256)
        self.denseNorm = nn.BatchNorm1d(7 * 7 * c256, eps=epsilon)
        self.upsample = nn.Upsample(scale_factor=2)
        self.conv1 = nn.ConvTranspose2d(c256, c128, 5, padding=2)
        self.norm1 = nn.BatchNorm2d(c128, eps=epsilon)
        self.conv2 = nn.ConvTranspose2d(c128, c64, 5, padding=2)
        self.norm2 = nn.BatchNorm2d(c64, eps=epsilon)
        self.conv3 = nn.ConvTranspose2d(c64, c32, 5, padding=2)
        self.norm3 = nn.BatchNorm2d(c32, eps=epsilon)
        self.toImage = nn.ConvTranspose2d(c32, 1, 5, padding=2)
        self.dense_channels = c256

    def forward(self, latent):
        x = torch.relu(self.denseNorm(self.dense(latent))).unflatten(1, (self.dense_channels, 7, 7))
        x = torch.relu(self.norm1(self.conv1(self.upsample(x))))
        x = torch.relu(self.norm2(self.conv2(self.upsample(x))))
        x = torch.relu(self.norm3(self.conv3(x)))
        return torch.tanh(self.toImage(x))


class TorchDcganGenerator(nn.Module):
    """The DCGAN of PyTorch's DCGAN tutorial, at any power-of-two side (dcgan and dcgan-small
    off 28x28 grey): a 4x4 transposed convolution from z, then stride-2 ones doubling the side."""

    def __init__(self, latent_size, ngf, channels, side):
        super().__init__()
        width = ngf << (side.bit_length() - 1 - 2 - 1)
        layers = [nn.ConvTranspose2d(latent_size, width, 4, 1, 0, bias=False), nn.BatchNorm2d(width), nn.ReLU(True)]
        while width > ngf:
            layers += [nn.ConvTranspose2d(width, width // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width // 2), nn.ReLU(True)]
            width //= 2
        layers += [nn.ConvTranspose2d(ngf, channels, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, latent):
        return self.main(latent[:, :, None, None])


class ToyGenerator(nn.Module):
    """The toy lab's generator: latent -> 16 -> 16 -> 1, LeakyReLU 0.2, a linear output."""

    def __init__(self, latent_size):
        super().__init__()
        self.input = nn.Linear(latent_size, 16)
        self.activation = nn.LeakyReLU(0.2)
        self.hidden = nn.Linear(16, 16)
        self.output = nn.Linear(16, 1)

    def forward(self, latent):
        x = self.activation(self.input(latent))
        x = self.activation(self.hidden(x))
        return self.output(x)


def build(definition):
    """An untrained generator of the architecture a definition (the JSON `sweep export` writes) describes."""
    if definition.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} definition: format {definition.get('format')!r}")
    arch, latent, shape = definition["arch"], definition["latent_size"], definition["sample_shape"]
    if arch == "mlp":
        return MlpGenerator(latent, 256, shape, leaky=False)
    if arch == "mlp-128":
        return MlpGenerator(latent, 128, shape, leaky=True)
    if arch in ("dcgan", "dcgan-small"):
        width = definition["width"] if arch == "dcgan-small" else 1.0
        if list(shape) != [1, 28, 28]:
            return TorchDcganGenerator(latent, int(round(64 * width)), shape[0], shape[1])
        return DcganGenerator(latent, *(int(round(c * width)) for c in (32, 64, 128, 256)))
    if arch == "toy":
        return ToyGenerator(latent)
    raise ValueError(f"unknown arch {arch!r}")


_DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64, "I32": torch.int32}


def read_safetensors(path):
    """A safetensors file's tensors, by the safetensors package if it is installed, else by reading its layout directly."""
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    import struct
    with open(path, "rb") as f:
        (header_size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_size))
        data = f.read()
    state = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        values = torch.frombuffer(bytearray(data[start:end]), dtype=_DTYPES[entry["dtype"]])
        state[name] = values.reshape(entry["shape"])
    return state


def load(weights_path, definition_path=None):
    """The exported generator, in eval mode (batch norm uses its running statistics), with .latent_size set."""
    definition_path = definition_path or os.path.splitext(weights_path)[0] + ".json"
    with open(definition_path) as f:
        definition = json.load(f)
    generator = build(definition)
    if weights_path.endswith(".safetensors"):
        state = read_safetensors(weights_path)
    else:
        state = torch.load(weights_path, map_location="cpu")
    generator.load_state_dict(state, strict=True)
    generator.latent_size = definition["latent_size"]
    return generator.eval()
