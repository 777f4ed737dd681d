"""TensorFlow's values for single cells of the tutorial model: the reference for `explain`.

    python tools/generate_explain_cells.py [OUTPUT.json]

Default output: Tests/NeuralNetTests/Fixtures/keras-explain-cells.json. Loads the committed
Keras-trained weights (Tests/NeuralNetTests/Fixtures/keras-tutorial-weights.safetensors)
into the tutorial's Keras model and runs test image 0 of the bundled sample (the first
image of the full test set too) through it. For each cell it records TensorFlow's
pre-activation (the layer's convolution plus bias, computed by tf.nn.conv2d) and its
activation (the Keras layer's own output, after ReLU), with rows, columns and filters
numbered from 1 as `explain ROW COL FILTER` takes them:

- layer 1 (conv2d), row 1, column 1, filter 1: what `explain 1 1 1 1 0` prints;
- layer 2 (conv2d_1), row 3, column 3, and the filter with the largest activation there
  (a cell the ReLU lets through, so the comparison is not a comparison of zeros).

Also the ten logits (the last Dense layer before its softmax) and the softmax of them,
what `predict 0` shows. Values are float32 written with 9 significant digits.
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np

import fashion_mnist
from export_keras_weights import convbook_tensors, read_safetensors
from keras_tutorial import build_model

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = os.path.join(ROOT, "Tests", "NeuralNetTests", "Fixtures")
WEIGHTS = os.path.join(FIXTURES, "keras-tutorial-weights.safetensors")
DEFAULT_OUTPUT = os.path.join(FIXTURES, "keras-explain-cells.json")
IMAGE = 0


def number(value):
    return float(f"{float(np.float32(value)):.9g}")


def main(arguments):
    output = arguments[0] if arguments else DEFAULT_OUTPUT
    import keras
    import tensorflow as tf

    tensors, _ = read_safetensors(WEIGHTS)
    model = build_model(keras)
    for (name, _), variable in zip(convbook_tensors(model), model.weights):
        variable.assign(tensors[name])

    images, labels = fashion_mnist.load_split(fashion_mnist.SAMPLE_DIRECTORY, "t10k")
    x = tf.constant(images[IMAGE:IMAGE + 1])
    conv_layers = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]

    cells = []
    layer_input = x
    for number_in_model, layer in enumerate(conv_layers[:2], start=1):
        activation = layer(layer_input).numpy()[0]
        kernel, bias = (w.numpy() for w in layer.weights)
        pre = (tf.nn.conv2d(layer_input, kernel, strides=layer.strides[0], padding="VALID")
               + bias).numpy()[0]
        if number_in_model == 1:
            row, column, filt = 1, 1, 1
        else:
            row, column = 3, 3
            filt = int(np.argmax(activation[row - 1, column - 1])) + 1
        cells.append({
            "layer": number_in_model,
            "name": layer.name,
            "row": row, "column": column, "filter": filt,
            "preActivation": number(pre[row - 1, column - 1, filt - 1]),
            "activation": number(activation[row - 1, column - 1, filt - 1]),
        })
        layer_input = layer(layer_input)

    probabilities = model(x, training=False).numpy()[0]
    last = model.layers[-1]
    before_last = keras.Model(model.inputs, model.layers[-2].output)(x, training=False)
    kernel, bias = (w.numpy() for w in last.weights)
    logits = (before_last.numpy() @ kernel + bias)[0]

    fixture = {
        "generator": "tools/generate_explain_cells.py",
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "weights": "keras-tutorial-weights.safetensors",
        "image": IMAGE,
        "label": int(labels[IMAGE]),
        "cells": cells,
        "logits": [number(v) for v in logits],
        "probabilities": [number(v) for v in probabilities],
    }
    with open(output, "w") as file:
        json.dump(fixture, file, indent=1)
        file.write("\n")
    print(f"wrote {output}: {len(cells)} cells, {len(logits)} logits")


if __name__ == "__main__":
    main(sys.argv[1:])
