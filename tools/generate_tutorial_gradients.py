"""Generates the whole tutorial model's loss gradients from TensorFlow/Keras for convbook's tests.

    python tools/generate_tutorial_gradients.py [OUTPUT.json]

Default output: Tests/NeuralNetTests/Fixtures/keras-tutorial-gradients.json. Loads the
committed Keras-trained weights (keras-tutorial-weights.safetensors), takes the first 16
bundled test images, and computes with tf.GradientTape the mean sparse categorical
cross-entropy of the tutorial model without its Dropout layers (they are random in training
and the identity otherwise, so they would only hide what is compared) and its gradient for
every weight.

To stay small the file holds every gradient value of tensors up to 6,000 elements, and for
the four larger kernels 1,000 positions drawn at random (numpy seed 7) with their values,
plus every tensor's sum of squares: a wrong layout or a missing term shows in both.
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import tensorflow as tf
import keras

import fashion_mnist
from export_keras_weights import convbook_tensors, read_safetensors

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests",
                        "NeuralNetTests", "Fixtures")
IMAGES = 16
FULL_LIMIT = 6_000
SAMPLED = 1_000


def model_without_dropout():
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(32, 3, strides=2, activation="relu"),
        keras.layers.Conv2D(64, 3, strides=2, activation="relu"),
        keras.layers.Conv2D(128, 3, strides=2, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def main(arguments):
    output = arguments[0] if arguments else os.path.join(FIXTURES, "keras-tutorial-gradients.json")
    weights, _ = read_safetensors(os.path.join(FIXTURES, "keras-tutorial-weights.safetensors"))
    model = model_without_dropout()
    # convbook_tensors names the model's own variables, so each gets the matching tensor.
    names = [name for name, _ in convbook_tensors(model)]
    for name, variable in zip(names, model.weights):
        variable.assign(weights[name])

    images, labels = fashion_mnist.load_split(fashion_mnist.SAMPLE_DIRECTORY, "t10k")
    images, labels = images[:IMAGES], labels[:IMAGES]
    with tf.GradientTape() as tape:
        probabilities = model(images, training=True)
        loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(labels, probabilities))
    gradients = tape.gradient(loss, model.weights)

    random = np.random.default_rng(7)
    entries = []
    for name, gradient in zip(names, gradients):
        values = gradient.numpy().astype(np.float32).ravel()
        entry = {"name": name, "shape": list(gradient.shape),
                 "sumOfSquares": float(f"{np.square(values.astype(np.float64)).sum():.12g}")}
        if values.size <= FULL_LIMIT:
            entry["values"] = [float(f"{v:.9g}") for v in values]
        else:
            indices = np.sort(random.choice(values.size, SAMPLED, replace=False))
            entry["indices"] = [int(i) for i in indices]
            entry["values"] = [float(f"{v:.9g}") for v in values[indices]]
        entries.append(entry)
    result = {
        "generator": "tools/generate_tutorial_gradients.py",
        "tensorflow": tf.__version__,
        "images": IMAGES,
        "labels": [int(label) for label in labels],
        "loss": float(f"{float(loss):.9g}"),
        "gradients": entries,
    }
    with open(output, "w") as file:
        json.dump(result, file, separators=(",", ":"))
        file.write("\n")
    print(f"{output}: loss {float(loss):.6f}, {os.path.getsize(output)} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
