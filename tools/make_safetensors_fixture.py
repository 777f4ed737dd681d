"""Writes Tests/NeuralNetTests/Fixtures/reference-written.safetensors with the reference
implementation (the `safetensors` package, Rust inside), so a test can check that convbook
reads what the rest of the world writes.

    python -m venv /tmp/st && /tmp/st/bin/pip install safetensors numpy
    /tmp/st/bin/python tools/make_safetensors_fixture.py

The tensors are simple formulas the Swift test recomputes: no numbers are copied by hand.
"""
import os

import numpy as np
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "NeuralNetTests", "Fixtures", "reference-written.safetensors")

tensors = {
    # value k of each tensor (row-major) is the formula given in its comment
    "conv2d.kernel": (np.arange(3 * 3 * 1 * 32, dtype=np.float32) * 0.5 - 10).reshape(3, 3, 1, 32),  # k/2 - 10
    "conv2d.bias": np.full((32,), -0.25, dtype=np.float32),  # -0.25
    "dense.kernel": (np.arange(6, dtype=np.float32) ** 2).reshape(2, 3),  # k^2
    "scalar": np.array(3.5, dtype=np.float32),  # 3.5, shape []
    "empty": np.zeros((0, 7), dtype=np.float32),  # no values, shape [0, 7]
    "caf\u00e9 \u2713": np.array([1e-38, -0.0, 3.4e38], dtype=np.float32),  # extremes
}
save_file(tensors, OUT, metadata={"format": "np", "note": "written by safetensors \"reference\"\n"})
print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")
