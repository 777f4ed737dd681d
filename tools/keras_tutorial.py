"""Trains the tutorial's Fashion-MNIST model in Keras: the reference convbook is measured against.

    python tools/keras_tutorial.py [--epochs 10] [--seed 1] [--batch 32]
                                   [--data DIR] [--output WEIGHTS.safetensors]
                                   [--predictions SAMPLE.json]

Prints one line per epoch and one for the test set in the same format as convbook
(tools/bench.py parses both the same way):

    Epoch 1/10 - 1875/1875 - 12.3s - loss: 0.5123 - accuracy: 0.8123 - val_loss: 0.3921 - val_accuracy: 0.8590
    accuracy: 0.8987 - loss: 0.2876 (10000 test images, 0.41s)

The epoch time includes the validation pass, as Keras's own and convbook's do; `val_time`
shows that pass alone. `--output` exports the trained weights with export_keras_weights.py;
`--predictions` writes Keras's probabilities and classes for the 1,000 bundled test images
and its classes and accuracy on the full test set (the fixture convbook's tests compare
against); with both, numpy_tutorial.py recomputes the sample from the exported file as a check.

The committed fixture (Tests/NeuralNetTests/Fixtures/keras-tutorial-*) was made with:

    /opt/tfvenv/bin/python tools/keras_tutorial.py --epochs 2 --seed 1 \
        --output Tests/NeuralNetTests/Fixtures/keras-tutorial-weights.safetensors \
        --predictions Tests/NeuralNetTests/Fixtures/keras-tutorial-predictions.json
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np

import fashion_mnist
import numpy_tutorial
from export_keras_weights import export, read_safetensors


def build_model(keras):
    """The tutorial model, layer for layer (the README's model): 360,458 parameters."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(32, 3, strides=2, activation="relu"),
        keras.layers.Conv2D(64, 3, strides=2, activation="relu"),
        keras.layers.Conv2D(128, 3, strides=2, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ])


def parse_arguments(arguments):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--data", default=fashion_mnist.SYSTEM_DIRECTORY)
    parser.add_argument("--output", help="safetensors file for the trained weights")
    parser.add_argument("--predictions", help="JSON file for the sample predictions")
    return parser.parse_args(arguments)


def epoch_printer(keras, epochs, steps):
    """A callback printing convbook's epoch line; the epoch time includes the validation
    pass (as Keras's and convbook's do), which is also shown alone as `val_time`."""
    class EpochPrinter(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_test_begin(self, logs=None):
            self.trained = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            finished = time.perf_counter()
            print(f"Epoch {epoch + 1}/{epochs} - {steps}/{steps}"
                  f" - {finished - self.started:.1f}s"
                  f" - loss: {logs['loss']:.4f} - accuracy: {logs['accuracy']:.4f}"
                  f" - val_loss: {logs['val_loss']:.4f}"
                  f" - val_accuracy: {logs['val_accuracy']:.4f}"
                  f" - val_time: {finished - self.trained:.2f}s", flush=True)
    return EpochPrinter()


def write_predictions(model, path, test_images, test_labels, test_loss):
    """Keras's probabilities (float32, 9 significant digits: exact for float32) and
    classes for the bundled sample; its classes and correct count on the full test set."""
    test_classes = model.predict(test_images, batch_size=100, verbose=0).argmax(axis=1)
    images, labels = fashion_mnist.load_split(fashion_mnist.SAMPLE_DIRECTORY, "t10k")
    probabilities = model.predict(images, batch_size=100, verbose=0).astype(np.float32)
    classes = probabilities.argmax(axis=1)
    rows = ",\n".join(
        "    [" + ", ".join(f"{value:.9g}" for value in row) + "]" for row in probabilities)
    summary = {
        "images": int(images.shape[0]),
        "sampleAccuracy": float((classes == labels).mean()),
        "testImages": int(len(test_labels)),
        "testCorrect": int((test_classes == test_labels).sum()),
        "testLoss": test_loss,
    }
    lines = [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in summary.items()]
    lines.append(f'  "classes": {json.dumps([int(value) for value in classes])},')
    lines.append(f'  "testClasses": {json.dumps([int(value) for value in test_classes])},')
    with open(path, "w") as file:
        file.write("{\n" + "\n".join(lines) + '\n  "probabilities": [\n' + rows + "\n  ]\n}\n")


def main(arguments):
    options = parse_arguments(arguments)
    import keras
    keras.utils.set_random_seed(options.seed)
    train_images, train_labels = fashion_mnist.load_split(options.data, "train")
    test_images, test_labels = fashion_mnist.load_split(options.data, "t10k")
    print(f"keras {keras.__version__} backend {keras.backend.backend()}", flush=True)

    model = build_model(keras)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    steps = -(-len(train_images) // options.batch)
    model.fit(train_images, train_labels, batch_size=options.batch, epochs=options.epochs,
              validation_data=(test_images, test_labels), verbose=0,
              callbacks=[epoch_printer(keras, options.epochs, steps)])

    started = time.perf_counter()
    loss, accuracy = model.evaluate(test_images, test_labels, batch_size=32, verbose=0)
    elapsed = time.perf_counter() - started
    print(f"accuracy: {accuracy:.4f} - loss: {loss:.4f}"
          f" ({len(test_images)} test images, {elapsed:.2f}s)", flush=True)

    if options.output:
        export(model, options.output)
        print(f"weights: {options.output}")
    if options.predictions:
        write_predictions(model, options.predictions, test_images, test_labels, float(loss))
        print(f"predictions: {options.predictions}")
    if options.output and options.predictions:
        check_export(options.output, options.predictions)


def check_export(weights_path, predictions_path):
    """Recomputes the sample's probabilities in numpy from the exported file: they must
    match Keras's, or the export's names, layouts or Flatten order are wrong."""
    tensors, _ = read_safetensors(weights_path)
    images, _ = fashion_mnist.load_split(fashion_mnist.SAMPLE_DIRECTORY, "t10k")
    with open(predictions_path) as file:
        expected = np.array(json.load(file)["probabilities"])
    difference = np.abs(numpy_tutorial.predict(tensors, images) - expected).max()
    print(f"numpy forward from the exported weights: max difference {difference:.2e}")
    if difference > 1e-5:
        sys.exit("the exported weights do not reproduce Keras's predictions")


if __name__ == "__main__":
    main(sys.argv[1:])
