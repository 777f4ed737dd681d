"""The tutorial model's inference in plain numpy, from a convbook-named weights file.

An independent check of tools/export_keras_weights.py: if the names, the layouts (conv
kernel [kh, kw, cin, cout], dense kernel [in, out]) or the Flatten order (H, W, C) were
wrong, these probabilities would not match Keras's.
"""

import numpy as np


def conv2d_valid(images, kernel, bias, stride):
    """[N, H, W, C] * [K, K, C, F] -> relu([N, OH, OW, F]), "valid" padding."""
    count, height, width, _ = images.shape
    size = kernel.shape[0]
    out_height = (height - size) // stride + 1
    out_width = (width - size) // stride + 1
    output = np.zeros((count, out_height, out_width, kernel.shape[3]), dtype=np.float64)
    for row in range(size):
        for column in range(size):
            window = images[:, row:row + stride * out_height:stride,
                            column:column + stride * out_width:stride, :]
            output += window @ kernel[row, column]
    return np.maximum(output + bias, 0)


def predict(tensors, images):
    """Softmax probabilities [N, 10] for images [N, 28, 28, 1] in [0, 1]."""
    x = images.astype(np.float64)
    for name in ("conv2d", "conv2d_1", "conv2d_2"):
        x = conv2d_valid(x, tensors[f"{name}.kernel"], tensors[f"{name}.bias"], 2)
    x = x.reshape(len(x), -1)
    x = np.maximum(x @ tensors["dense.kernel"] + tensors["dense.bias"], 0)
    logits = x @ tensors["dense_1.kernel"] + tensors["dense_1.bias"]
    logits -= logits.max(axis=1, keepdims=True)
    exponentials = np.exp(logits)
    return exponentials / exponentials.sum(axis=1, keepdims=True)
