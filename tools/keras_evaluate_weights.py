"""Loads a convbook model file (or a Keras export) into the tutorial's Keras model and
evaluates it on the test set: the reverse direction of export_keras_weights.py.

    python tools/keras_evaluate_weights.py MODEL.safetensors [--data DIR]

Tensors are matched by convbook's names (`conv2d.kernel`, ..., `dense_1.bias`); a missing
name or a wrong shape stops with a message. Convbook's `__metadata__` (architecture,
history) is ignored: the file must hold the tutorial model's weights. Prints the same
evaluation line as convbook:

    accuracy: 0.8660 - loss: 0.3522 (10000 test images, 0.61s)
"""

import argparse
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import fashion_mnist
from export_keras_weights import convbook_tensors, read_safetensors
from keras_tutorial import build_model


def main(arguments):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model")
    parser.add_argument("--data", default=fashion_mnist.SYSTEM_DIRECTORY)
    options = parser.parse_args(arguments)

    import keras
    tensors, _ = read_safetensors(options.model)
    model = build_model(keras)
    names = [name for name, _ in convbook_tensors(model)]
    for name, variable in zip(names, model.weights):
        if name not in tensors:
            sys.exit(f"{options.model}: no tensor {name}")
        if tuple(tensors[name].shape) != tuple(variable.shape):
            sys.exit(f"{options.model}: {name} has shape {list(tensors[name].shape)},"
                     f" the tutorial model needs {list(variable.shape)}")
        variable.assign(tensors[name])
    model.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    images, labels = fashion_mnist.load_split(options.data, "t10k")
    started = time.perf_counter()
    loss, accuracy = model.evaluate(images, labels, batch_size=32, verbose=0)
    elapsed = time.perf_counter() - started
    print(f"accuracy: {accuracy:.4f} - loss: {loss:.4f}"
          f" ({len(images)} test images, {elapsed:.2f}s)")


if __name__ == "__main__":
    main(sys.argv[1:])
