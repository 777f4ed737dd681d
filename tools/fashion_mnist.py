"""Fashion-MNIST IDX files (plain or gzip) read with numpy: no downloads, no TensorFlow.

Shared by the reference scripts in tools/. The IDX layout: a big-endian magic number
(0x00000801 labels, 0x00000803 images), the dimension sizes as big-endian uint32, then
the bytes.
"""

import gzip
import os
import struct

import numpy as np

SYSTEM_DIRECTORY = "/usr/share/datasets/fashion-mnist"
SAMPLE_DIRECTORY = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "Sources", "Datasets", "Resources", "fashion-mnist-sample")


def read_idx(path):
    """Returns the IDX file at `path` (or `path` + ".gz") as a uint8 array of its shape."""
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path += ".gz"
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as file:
        data = file.read()
    magic, = struct.unpack(">I", data[:4])
    if magic >> 8 != 0x08:
        raise ValueError(f"{path}: magic {magic:#010x} is not an unsigned-byte IDX file")
    rank = magic & 0xFF
    shape = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank)
    if body.size != int(np.prod(shape)):
        raise ValueError(f"{path}: {body.size} bytes for shape {shape}")
    return body.reshape(shape)


def load_split(directory, split):
    """Returns (images [N, 28, 28, 1] float32 in [0, 1], labels [N] int64) of
    split "train" or "t10k", scaled as the tutorial does: `x / 255.0` in float64, which
    Keras then casts to float32 (convbook's Datasets computes the same values)."""
    images = read_idx(os.path.join(directory, f"{split}-images-idx3-ubyte"))
    labels = read_idx(os.path.join(directory, f"{split}-labels-idx1-ubyte"))
    if images.shape[0] != labels.shape[0]:
        raise ValueError(f"{directory}: {images.shape[0]} images, {labels.shape[0]} labels")
    return (images / 255.0).astype(np.float32)[..., np.newaxis], labels.astype(np.int64)
