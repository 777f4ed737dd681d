#!/usr/bin/env python3
"""Makes a photo-like PNG of a Fashion-MNIST test image, for trying `predict FILE`.

The 28x28 image is enlarged (bilinear) to a few hundred pixels and drawn as a dark garment on
a light, unevenly lit, slightly noisy background, off-centre on a larger canvas, in colour:
the opposite of the dataset's light-on-black, as a photo of a garment on a table would be.
`convbook` then has to find the garment, invert, crop, scale and classify it.

Standard library only (gzip, zlib, struct, random):

    python3 tools/make_photo_png.py 0 /tmp/boot.png
    convbook -c 'model tutorial' -c 'train' -c 'predict 0' -c 'predict /tmp/boot.png'

Usage: make_photo_png.py INDEX OUT.png [--images IDX.gz] [--scale 12] [--seed 7]
(the images default to the bundled sample, the first 1,000 test images).
"""
import argparse
import gzip
import random
import struct
import zlib
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "Sources/Datasets/Resources/fashion-mnist-sample/t10k-images-idx3-ubyte.gz"


def read_image(path, index):
    """Image `index` of an IDX3 file (gzip or plain) as 784 bytes, row-major."""
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    magic, count, rows, columns = struct.unpack(">IIII", data[:16])
    if magic != 0x803 or (rows, columns) != (28, 28):
        raise SystemExit(f"{path}: not an IDX file of 28x28 images")
    if not 0 <= index < count:
        raise SystemExit(f"INDEX must be between 0 and {count - 1}")
    start = 16 + index * 784
    return data[start:start + 784]


def photo(image, scale, width, height, left, top, seed):
    """RGB rows of the photo (see the module's description)."""
    rng = random.Random(seed)
    side = 28 * scale

    def source(x, y):
        return image[min(27, max(0, y)) * 28 + min(27, max(0, x))] / 255

    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            background = 228 + 14 * x / width - 8 * y / height
            garment = 0.0
            if left <= x < left + side and top <= y < top + side:
                u = (x - left + 0.5) / scale - 0.5
                v = (y - top + 0.5) / scale - 0.5
                x0, y0 = int(u // 1), int(v // 1)
                fx, fy = u - x0, v - y0
                garment = ((source(x0, y0) * (1 - fx) + source(x0 + 1, y0) * fx) * (1 - fy)
                           + (source(x0, y0 + 1) * (1 - fx) + source(x0 + 1, y0 + 1) * fx) * fy)
            grey = background * (1 - 0.85 * garment) + rng.uniform(-3, 3)
            row += bytes(min(255, max(0, round(grey + delta))) for delta in (6, 0, -8))
        rows.append(bytes(row))
    return rows


def png(width, height, rows):
    """An 8-bit RGB PNG of `rows`."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index", type=int)
    parser.add_argument("output")
    parser.add_argument("--images", default=str(SAMPLE))
    parser.add_argument("--scale", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    side = 28 * arguments.scale
    width, height = side + 104, side + 44
    rows = photo(read_image(arguments.images, arguments.index), arguments.scale, width, height, 60, 22, arguments.seed)
    Path(arguments.output).write_bytes(png(width, height, rows))
    print(f"wrote {arguments.output}: {width}x{height}, test image {arguments.index} as a dark garment on a light background")


if __name__ == "__main__":
    main()
