"""Exports a Keras model's weights to a safetensors file named as convbook names them.

Tensor names are Keras's automatic layer names and weight names, derived from the layer's
type and its position among layers of that type, not from Keras's session counters:
the first Conv2D is `conv2d`, the next `conv2d_1`, ...; Dense layers `dense`, `dense_1`, ...;
weights `<layer>.kernel` and `<layer>.bias`. Shapes keep Keras's layouts (conv kernel
[kh, kw, cin, cout], dense kernel [in, out]); every tensor is little-endian F32.

The file has no `__metadata__`: convbook loads such a file into its current model by name
and shape (`model tutorial`, then `load FILE`).

    python tools/export_keras_weights.py MODEL.keras OUTPUT.safetensors

The safetensors format, written by hand (no extra package): an unsigned 64-bit
little-endian header length, a JSON header {name: {"dtype", "shape", "data_offsets":
[begin, end]}} with offsets relative to the byte after the header, then the data.
"""

import json
import re
import struct
import sys

import numpy as np

# Keras class name -> the snake_case base Keras gives automatic layer names.
def _base_name(class_name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", class_name).lower().replace("2_d", "2d")


def convbook_tensors(model):
    """Returns [(name, float32 array)] for every layer with weights, in model order."""
    counts = {}
    tensors = []
    for layer in model.layers:
        weights = layer.weights
        if not weights:
            continue
        base = _base_name(type(layer).__name__)
        index = counts.get(base, 0)
        counts[base] = index + 1
        layer_name = base if index == 0 else f"{base}_{index}"
        for weight in weights:
            # Keras 3: `name` is "kernel"; Keras 2: "conv2d/kernel:0".
            weight_name = weight.name.split("/")[-1].split(":")[0]
            value = np.asarray(weight.numpy(), dtype=np.float32)
            tensors.append((f"{layer_name}.{weight_name}", value))
    return tensors


def write_safetensors(path, tensors, metadata=None):
    """Writes [(name, array)] as F32 safetensors at `path`; `metadata` is an optional
    {str: str} stored under "__metadata__"."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    offset = 0
    blobs = []
    for name, value in tensors:
        data = np.ascontiguousarray(value, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(value.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)  # pad so the data starts 8-byte aligned
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(encoded)))
        file.write(encoded)
        for blob in blobs:
            file.write(blob)


def read_safetensors(path):
    """Returns ({name: float32 array}, metadata or None) from an F32 safetensors file."""
    with open(path, "rb") as file:
        data = file.read()
    length, = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", None)
    body = data[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {entry['dtype']}, only F32 is read")
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(body[begin:end], dtype="<f4").reshape(entry["shape"])
    return tensors, metadata


def export(model, path):
    """Writes `model`'s weights to `path`; returns the [(name, array)] written."""
    tensors = convbook_tensors(model)
    write_safetensors(path, tensors)
    return tensors


def main(arguments):
    if len(arguments) != 2:
        sys.exit("usage: export_keras_weights.py MODEL.keras OUTPUT.safetensors")
    import keras  # only needed here: the functions above take a built model
    model = keras.models.load_model(arguments[0])
    for name, value in export(model, arguments[1]):
        print(f"{name:20} {list(value.shape)}")


if __name__ == "__main__":
    main(sys.argv[1:])
