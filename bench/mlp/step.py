"""The tutorials' MLP GAN training step in PyTorch (Debian's python3-torch, the same libtorch).

Usage: /usr/bin/python3 step.py STEPS THREADS
Times STEPS steps in blocks of 50 and prints the median block's rate: steps_per_second=<value>
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

steps, threads = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(0)
batch, latent = 100, 64

G = nn.Sequential(nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 784), nn.Tanh())
D = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
real = torch.rand(batch, 784) * 2 - 1
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


BLOCK = 50
for _ in range(20):
    step()
rates = []
for _ in range(steps // BLOCK):
    start = time.perf_counter()
    for _ in range(BLOCK):
        step()
    rates.append(BLOCK / (time.perf_counter() - start))
rates.sort()
print(f"steps_per_second={rates[len(rates) // 2]:.2f}")
