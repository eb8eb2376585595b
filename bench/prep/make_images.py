"""Writes a folder of photo-like test images for bench/prep: soft gradients with a few blurred
ellipses and boxes, half JPEG (quality 90) and half PNG, from a fixed seed.

Usage: /usr/bin/python3 make_images.py FOLDER COUNT SIDE
"""
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

folder, count, side = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(folder, exist_ok=True)
rng = random.Random(1234)
for i in range(count):
    top, bottom = [tuple(rng.randrange(256) for _ in range(3)) for _ in range(2)]
    image = Image.linear_gradient("L").resize((side, side))
    image = Image.composite(Image.new("RGB", (side, side), top), Image.new("RGB", (side, side), bottom), image)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randrange(1, 4)):
        x, y, w, h = (rng.randrange(side) for _ in range(4))
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)([x - w // 2, y - h // 2, x + w // 2, y + h // 2], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(side / 128))
    name = os.path.join(folder, f"{i:06d}")
    if i % 2:
        image.save(name + ".jpg", quality=90)
    else:
        image.save(name + ".png")
