"""The reference for `occlusion 0 patch=7 numbers` on the Keras-exported tutorial weights.

    /opt/tfvenv/bin/python tools/generate_occlusion_reference.py

Loads Tests/NeuralNetTests/Fixtures/keras-tutorial-weights.safetensors into the tutorial's
Keras model, takes test image 0 (from the bundled sample: the first 1,000 test images), and
builds in numpy the original and its 16 copies with one 7x7 patch set to zero (stride 7,
row by row). Keras predicts all 17 in one batch; the drop of each copy is
100 * (p_class(original) - p_class(copy)) for the class predicted for the original, in
percentage points. The plain-numpy inference of tools/numpy_tutorial.py computes the same
grid independently; the two must agree to 1e-3 points or the script stops.

Writes Tests/convbookTests/Fixtures/occlusion-keras-image0-patch7.json.
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np

import fashion_mnist
import numpy_tutorial
from export_keras_weights import convbook_tensors, read_safetensors
from keras_tutorial import build_model

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
WEIGHTS = os.path.join(ROOT, "Tests", "NeuralNetTests", "Fixtures", "keras-tutorial-weights.safetensors")
OUTPUT = os.path.join(ROOT, "Tests", "convbookTests", "Fixtures", "occlusion-keras-image0-patch7.json")
INDEX, PATCH = 0, 7


def occluded_batch(image, patch):
    """[1 + R * C, H, W, 1]: the image, then a copy per grid position with that patch zeroed
    (the last row and column of patches cut off by the edge when H or W is not a multiple)."""
    height, width = image.shape[:2]
    rows, columns = -(-height // patch), -(-width // patch)
    copies = [image]
    for row in range(rows):
        for column in range(columns):
            copy = image.copy()
            copy[row * patch:(row + 1) * patch, column * patch:(column + 1) * patch, :] = 0
            copies.append(copy)
    return np.stack(copies), rows, columns


def drops(probabilities, rows, columns):
    """(predicted class, its probability, [rows][columns] drops in percentage points)."""
    predicted = int(np.argmax(probabilities[0]))
    grid = 100.0 * (probabilities[0, predicted] - probabilities[1:, predicted])
    return predicted, float(probabilities[0, predicted]), grid.reshape(rows, columns)


def main():
    import keras
    tensors, _ = read_safetensors(WEIGHTS)
    model = build_model(keras)
    for (name, _), variable in zip(convbook_tensors(model), model.weights):
        variable.assign(tensors[name])

    images = fashion_mnist.read_idx(os.path.join(fashion_mnist.SAMPLE_DIRECTORY, "t10k-images-idx3-ubyte"))
    labels = fashion_mnist.read_idx(os.path.join(fashion_mnist.SAMPLE_DIRECTORY, "t10k-labels-idx1-ubyte"))
    image = (images[INDEX] / 255.0).astype(np.float32)[..., np.newaxis]
    batch, rows, columns = occluded_batch(image, PATCH)

    keras_probabilities = np.asarray(model.predict(batch, batch_size=len(batch), verbose=0), dtype=np.float64)
    predicted, probability, grid = drops(keras_probabilities, rows, columns)
    _, _, numpy_grid = drops(numpy_tutorial.predict(tensors, batch), rows, columns)
    difference = float(np.max(np.abs(grid - numpy_grid)))
    if difference > 1e-3:
        sys.exit(f"Keras and numpy disagree by {difference} percentage points")

    with open(OUTPUT, "w") as file:
        json.dump({
            "image": INDEX,
            "label": int(labels[INDEX]),
            "patch": PATCH,
            "predictedClass": predicted,
            "probability": probability,
            "drops": [[round(float(value), 6) for value in row] for row in grid],
            "numpyLargestDifference": difference,
            "keras": keras.__version__,
        }, file, indent=1)
        file.write("\n")
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}: class {predicted} ({probability:.4f}),"
          f" numpy agrees to {difference:.2e} points")
    for row in grid:
        print(" ".join(f"{value:6.1f}" for value in row))


if __name__ == "__main__":
    main()
