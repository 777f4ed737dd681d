"""Generates per-layer reference values from TensorFlow/Keras for convbook's tests.

    python tools/generate_layer_references.py [OUTPUT.json]

Default output: Tests/NeuralNetTests/Fixtures/keras-layer-references.json. Deterministic
(numpy seed 2024); rerunning reproduces the committed file up to TensorFlow's rounding.

Each layer case holds Keras's configuration, the input x, the weights, the output y, a fixed
random upstream gradient G, and the gradients of L = sum(y * G) taken with tf.GradientTape:
dL/dx and dL/d(each weight). Every tensor is {"shape": [...], "values": [...]}, values
flattened in row-major order (NHWC activations, Keras weight layouts), float32 written
with 9 significant digits (which round-trips float32 exactly).

Also: softmax + sparse categorical cross-entropy (loss and dL/dlogits, batch mean as Keras
reduces it), Adam and SGD-with-momentum steps from given weights and gradients, and the
Glorot-uniform limits of the tutorial's layers.
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import tensorflow as tf
import keras

DEFAULT_OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests",
                              "NeuralNetTests", "Fixtures", "keras-layer-references.json")
random = np.random.default_rng(2024)


def tensor(value):
    value = np.asarray(value, dtype=np.float32)
    return {"shape": list(value.shape), "values": [float(f"{v:.9g}") for v in value.ravel()]}


def uniform(*shape, low=-1.0, high=1.0):
    return random.uniform(low, high, size=shape).astype(np.float32)


def layer_case(name, layer_type, config, layer, input_shape):
    """Runs `layer` forward and backward on a random input of `input_shape`."""
    x = tf.constant(uniform(*input_shape))
    layer.build(x.shape)
    weights = {}
    for weight in layer.weights:
        # Kernels drawn wider than Glorot so relu cuts a fair share; biases non-zero so a
        # missing bias shows.
        value = uniform(*weight.shape, low=-0.5, high=0.5)
        weight.assign(value)
        weights[weight.name.split("/")[-1].split(":")[0]] = weight
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x, training=True)
        upstream = tf.constant(uniform(*y.shape))
        loss = tf.reduce_sum(y * upstream)
    sources = [x] + list(weights.values())
    gradients = tape.gradient(loss, sources)
    return {
        "name": name,
        "layer": layer_type,
        "config": config,
        "input": tensor(x),
        "weights": {key: tensor(value) for key, value in weights.items()},
        "output": tensor(y),
        "upstream": tensor(upstream),
        "inputGradient": tensor(gradients[0]),
        "weightGradients": {key: tensor(gradient)
                            for key, gradient in zip(weights, gradients[1:])},
    }


def conv_cases():
    cases = []
    for size in (7, 8):
        for stride in (1, 2):
            for padding in ("valid", "same"):
                for relu in (False, True):
                    config = {"filters": 3, "kernelSize": 3, "strides": stride,
                              "padding": padding, "activation": "relu" if relu else "linear"}
                    layer = keras.layers.Conv2D(3, 3, strides=stride, padding=padding,
                                                activation="relu" if relu else None)
                    name = f"conv2d_{size}x{size}_stride{stride}_{padding}" + ("_relu" if relu else "")
                    cases.append(layer_case(name, "Conv2D", config, layer, (2, size, size, 2)))
    # An even kernel with "same" padding: TensorFlow pads more after than before.
    layer = keras.layers.Conv2D(3, 2, strides=1, padding="same")
    cases.append(layer_case("conv2d_6x6_kernel2_stride1_same", "Conv2D",
                            {"filters": 3, "kernelSize": 2, "strides": 1, "padding": "same",
                             "activation": "linear"}, layer, (2, 6, 6, 2)))
    return cases


def other_layer_cases():
    cases = []
    for activation in ("linear", "relu", "softmax"):
        layer = keras.layers.Dense(4, activation=activation)
        name = "dense" if activation == "linear" else f"dense_{activation}"
        cases.append(layer_case(name, "Dense", {"units": 4, "activation": activation},
                                layer, (3, 5)))
    cases.append(layer_case("flatten", "Flatten", {}, keras.layers.Flatten(), (2, 2, 3, 4)))
    for size in (4, 5):
        cases.append(layer_case(f"max_pooling2d_{size}x{size}", "MaxPooling2D",
                                {"poolSize": 2, "strides": 2, "padding": "valid"},
                                keras.layers.MaxPooling2D(2), (2, size, size, 3)))
    cases.append(layer_case("relu", "ReLU", {}, keras.layers.ReLU(), (2, 3, 3, 2)))
    return cases


def softmax_cross_entropy_cases():
    """Keras's tutorial loss: softmax output + sparse_categorical_crossentropy. With the
    TensorFlow backend Keras computes it from the logits (fused, numerically stable); the
    loss is the batch mean, so dL/dlogits = (softmax - onehot) / N."""
    cases = []
    logits_sets = {
        "moderate": uniform(4, 10, low=-3, high=3),
        "large": np.array([[100, -100, 50, 0, 0, 0, 0, 0, 0, 0],
                           [-80, 90, 90, -5, 1, 2, 3, 4, 5, 6]], dtype=np.float32),
    }
    for name, logits in logits_sets.items():
        labels = random.integers(0, 10, size=logits.shape[0])
        x = tf.constant(logits)
        with tf.GradientTape() as tape:
            tape.watch(x)
            probabilities = keras.activations.softmax(x)
            loss = keras.losses.sparse_categorical_crossentropy(labels, probabilities)
            mean = tf.reduce_mean(loss)
        gradient = tape.gradient(mean, x)
        cases.append({"name": name, "logits": tensor(logits),
                      "labels": [int(label) for label in labels],
                      "probabilities": tensor(probabilities), "losses": tensor(loss),
                      "loss": float(f"{float(mean):.9g}"), "logitsGradient": tensor(gradient)})
    return cases


def optimizer_case(name, optimizer, config, steps=3):
    """`steps` updates of two variables from given starting values and gradients."""
    starts = [uniform(3, 2), uniform(2)]
    variables = [keras.Variable(start) for start in starts]
    gradients = [[uniform(*start.shape) for start in starts] for _ in range(steps)]
    after = []
    for step_gradients in gradients:
        optimizer.apply_gradients(zip([tf.constant(g) for g in step_gradients], variables))
        after.append([tensor(variable.numpy()) for variable in variables])
    return {"name": name, "config": config, "initial": [tensor(start) for start in starts],
            "gradients": [[tensor(g) for g in step] for step in gradients], "after": after}


def glorot_limits():
    """limit = sqrt(6 / (fan_in + fan_out)); a conv kernel's fans include the receptive
    field (kh * kw * cin, kh * kw * cout). Checked against keras.initializers.GlorotUniform."""
    shapes = {"conv2d.kernel": (3, 3, 1, 32), "conv2d_1.kernel": (3, 3, 32, 64),
              "conv2d_2.kernel": (3, 3, 64, 128), "dense.kernel": (512, 512),
              "dense_1.kernel": (512, 10)}
    limits = []
    for name, shape in shapes.items():
        receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
        limit = float(np.sqrt(6.0 / (fan_in + fan_out)))
        sample = keras.initializers.GlorotUniform(seed=1)(shape).numpy()
        assert np.abs(sample).max() <= limit and np.abs(sample).max() > 0.95 * limit, name
        limits.append({"name": name, "shape": list(shape), "fanIn": fan_in,
                       "fanOut": fan_out, "limit": float(f"{limit:.9g}")})
    return limits


def main(arguments):
    output = arguments[0] if arguments else DEFAULT_OUTPUT
    references = {
        "generator": "tools/generate_layer_references.py",
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "layers": conv_cases() + other_layer_cases(),
        "softmaxCrossEntropy": softmax_cross_entropy_cases(),
        "optimizers": [
            optimizer_case("adam", keras.optimizers.Adam(learning_rate=1e-3),
                           {"learningRate": 1e-3, "beta1": 0.9, "beta2": 0.999,
                            "epsilon": 1e-7}),
            optimizer_case("adam_lr0.1", keras.optimizers.Adam(learning_rate=0.1),
                           {"learningRate": 0.1, "beta1": 0.9, "beta2": 0.999,
                            "epsilon": 1e-7}),
            optimizer_case("sgd_momentum", keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                           {"learningRate": 0.1, "momentum": 0.9}),
        ],
        "glorotUniform": glorot_limits(),
    }
    with open(output, "w") as file:
        json.dump(references, file, separators=(",", ":"))
        file.write("\n")
    print(f"{output}: {len(references['layers'])} layer cases,"
          f" {os.path.getsize(output)} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
