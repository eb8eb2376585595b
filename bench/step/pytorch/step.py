"""The same GAN training step as bench/step/csharp, in PyTorch (Debian's python3-torch 1.13).

Usage: /usr/bin/python3 step.py ARCH STEPS THREADS BLOCK    (ARCH: mlp, dcgan, dcgan-small or dcgan64)
The networks mirror src/Gan.Core/Models (MlpNetworks, DcganNetworks) layer for layer.
Times STEPS steps in blocks of BLOCK and prints the median block's rate: steps_per_second=<value>.
Then flops_per_step=<value>, the step's floating-point work, estimated from its layers: every
forward pass of the step (G on noise, D on real, D on fake twice) is followed by a backward pass,
which costs about twice its forward, so 3 x the multiply-adds x 2 that forward hooks count in
Linear, Conv2d and ConvTranspose2d. And peak_gflops=<value>: a plain GEMM (1024 x 1024, float32)
on the same threads, through the same BLAS (the best of 10 blocks): the most this step could reach.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

arch, steps, threads, block = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.manual_seed(0)


def mlp(latent):
    g = nn.Sequential(nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                      nn.Linear(256, 784), nn.Tanh(), nn.Unflatten(1, (1, 28, 28)))
    d = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.LeakyReLU(0.2),
                      nn.Linear(256, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))
    return g, d


def dcgan(latent, width):
    c32, c64, c128, c256, c512 = (max(1, round(c * width)) for c in (32, 64, 128, 256, 512))
    g = nn.Sequential(
        nn.Linear(latent, 7 * 7 * c256), nn.BatchNorm1d(7 * 7 * c256, eps=1e-3), nn.ReLU(), nn.Unflatten(1, (c256, 7, 7)),
        nn.Upsample(scale_factor=2), nn.ConvTranspose2d(c256, c128, 5, padding=2), nn.BatchNorm2d(c128, eps=1e-3), nn.ReLU(),
        nn.Upsample(scale_factor=2), nn.ConvTranspose2d(c128, c64, 5, padding=2), nn.BatchNorm2d(c64, eps=1e-3), nn.ReLU(),
        nn.ConvTranspose2d(c64, c32, 5, padding=2), nn.BatchNorm2d(c32, eps=1e-3), nn.ReLU(),
        nn.ConvTranspose2d(c32, 1, 5, padding=2), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, c64, 5, stride=2, padding=2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
        nn.Conv2d(c64, c128, 5, stride=2, padding=2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
        nn.Conv2d(c128, c256, 5, stride=2, padding=2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
        nn.Conv2d(c256, c512, 5, stride=1, padding=2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
        nn.Flatten(), nn.Linear(c512 * 4 * 4, 1))
    return g, d


def dcgan64(latent, ngf=64, ndf=64, nc=3):
    """PyTorch's DCGAN tutorial networks (64x64 colour), as written there; D ends in a logit."""
    g = nn.Sequential(
        nn.ConvTranspose2d(latent, ngf * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 8), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(True),
        nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(nc, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, inplace=True),
        nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 4), nn.LeakyReLU(0.2, inplace=True),
        nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 8), nn.LeakyReLU(0.2, inplace=True),
        nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias=False), nn.Flatten())
    return nn.Sequential(nn.Unflatten(1, (latent, 1, 1)), g), d


batch, latent = (100, 64) if arch == "mlp" else (64, 100)
if arch == "dcgan64":
    G, D = dcgan64(latent)
else:
    G, D = mlp(latent) if arch == "mlp" else dcgan(latent, 1.0 if arch == "dcgan" else 0.25)
shape = (3, 64, 64) if arch == "dcgan64" else (1, 28, 28)
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
real = torch.rand(batch, *shape) * 2 - 1
ones = torch.ones(batch, 1)
zeros = torch.zeros(batch, 1)


def step():
    fake = G(torch.randn(batch, latent))
    opt_d.zero_grad(set_to_none=True)
    loss_d = F.binary_cross_entropy_with_logits(D(real), ones) + \
        F.binary_cross_entropy_with_logits(D(fake.detach()), zeros)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=True)
    loss_g = F.binary_cross_entropy_with_logits(D(fake), ones)
    loss_g.backward()
    opt_g.step()


forward_flops = 0


def count(module, inputs, output):
    global forward_flops
    x = inputs[0]
    if isinstance(module, nn.Linear):
        forward_flops += 2 * x.numel() // x.shape[-1] * module.in_features * module.out_features
    elif isinstance(module, nn.Conv2d):
        k = module.kernel_size[0] * module.kernel_size[1]
        forward_flops += 2 * output.numel() * module.in_channels * k
    elif isinstance(module, nn.ConvTranspose2d):
        k = module.kernel_size[0] * module.kernel_size[1]
        forward_flops += 2 * x.numel() * module.out_channels * k


hooks = [m.register_forward_hook(count) for m in list(G.modules()) + list(D.modules())
         if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d))]
step()
for hook in hooks:
    hook.remove()
flops_per_step = 3 * forward_flops

for _ in range(max(2, block)):
    step()
rates = []
for _ in range(steps // block):
    start = time.perf_counter()
    for _ in range(block):
        step()
    rates.append(block / (time.perf_counter() - start))
rates.sort()
print(f"steps_per_second={rates[len(rates) // 2]:.3f}")
print(f"flops_per_step={flops_per_step}")

# The best of 10 blocks of 5 GEMMs: a peak, so the block least disturbed by the machine's other work.
a, b = torch.rand(1024, 1024), torch.rand(1024, 1024)
torch.mm(a, b)
best = 0.0
for _ in range(10):
    start = time.perf_counter()
    for _ in range(5):
        torch.mm(a, b)
    best = max(best, 5 * 2 * 1024 ** 3 / (time.perf_counter() - start) / 1e9)
print(f"peak_gflops={best:.2f}")
