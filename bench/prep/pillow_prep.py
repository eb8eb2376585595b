"""Prepares a folder of images as sweep does (bench/prep's yardstick), with Pillow in one process:
decode, RGB (alpha on black), shorter side scaled to SIDE with Pillow's antialiased bilinear
filter (as torchvision's Resize), centre crop, appended to one uint8 file, channels first.

Usage: /usr/bin/python3 pillow_prep.py FOLDER SIDE OUTPUT    prints images_per_second=<value>
"""
import os
import sys
import time

import numpy
from PIL import Image

folder, side, output = sys.argv[1], int(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
names = sorted(os.listdir(folder))
kept = 0
with open(output, "wb") as out:
    for name in names:
        try:
            with Image.open(os.path.join(folder, name)) as image:
                image.draft("RGB", (side, side))  # JPEG's reduced-size decoding, as sweep's
                image = image.convert("RGBA")
        except OSError:
            continue
        black = Image.new("RGBA", image.size, (0, 0, 0, 255))
        image = Image.alpha_composite(black, image).convert("RGB")
        w, h = image.size
        scale = side / min(w, h)
        image = image.resize((max(side, round(w * scale)), max(side, round(h * scale))), Image.BILINEAR)
        w, h = image.size
        left, top = (w - side) // 2, (h - side) // 2
        image = image.crop((left, top, left + side, top + side))
        out.write(numpy.asarray(image).transpose(2, 0, 1).tobytes())
        kept += 1
print(f"images_per_second={kept / (time.perf_counter() - start):.1f}")
