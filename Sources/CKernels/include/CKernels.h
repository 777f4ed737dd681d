// Loops of the training step in C, so that they can be compiled for the processor's widest
// vectors (AVX-512, AVX2) with a run-time choice of version: Swift compiles for baseline
// x86-64 (SSE2) only. NeuralNet's VectorKernels, Adam, Dropout and Conv2D (direct loops for
// small windows) and TensorCore's Im2col call these; each has a twin in the tests (a plain
// Swift loop, the im2col path, or the direct convolution).
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>
#include "CKTeam.h"

/// Keras's Adam update of `count` weights: m += (g - m) * (1 - beta1);
/// v += (g * g - v) * (1 - beta2); w -= alpha * m / (sqrt(v) + epsilon). Runs with
/// subnormal inputs and results flushed to zero (as TensorFlow does), then restores the mode.
void ck_adam_step(float *w, const float *g, float *m, float *v, ptrdiff_t count,
                  float alpha, float oneMinusBeta1, float oneMinusBeta2, float epsilon);

/// Sets flush-to-zero and denormals-are-zero on the calling thread (x86 MXCSR; nothing
/// elsewhere) and returns the previous mode for `ck_restore_denormals`.
unsigned ck_flush_denormals(void);

/// Puts back a mode returned by `ck_flush_denormals`.
void ck_restore_denormals(unsigned previous);

/// target[i] = (float)(source[i] / 255.0), the division in double: a byte image scaled to 0-1
/// as NumPy's `x / 255.0` and Keras's cast to float32 do.
void ck_scale_bytes_to_unit(const unsigned char *source, float *target, ptrdiff_t count);

/// total[i] += part[i], then part[i] = 0 (a data-parallel part's gradient, summed and cleared).
void ck_add_and_clear(float *total, float *part, ptrdiff_t count);

/// dz[i] = y[i] > 0 ? dy[i] : 0.
void ck_relu_gradient(const float *y, const float *dy, float *dz, ptrdiff_t count);

/// x[r, u] = x[r, u] + bias[u], then max(., 0) when relu != 0; rows x units, row-major.
void ck_add_bias(const float *bias, ptrdiff_t units, ptrdiff_t rows, float *x, int relu);

/// Dropout's training forward pass: with u[i] the i-th unit float of a SplitMix64 seeded
/// with `seed` (the top 24 bits of its output times 2^-24), mask[i] = u[i] < rate ? 0 : keep
/// and y[i] = x[i] * mask[i], the same as drawing u in order from the Swift SplitMix64.
void ck_dropout_forward(unsigned long long seed, float rate, float keep, const float *x,
                        float *mask, float *y, ptrdiff_t count);

/// The sizes of a convolution over NHWC input, padding resolved (TensorCore's
/// ConvolutionGeometry plus the batch and the filter count).
typedef struct {
    ptrdiff_t batch, height, width, channels;
    ptrdiff_t kernelHeight, kernelWidth, stride, padTop, padLeft;
    ptrdiff_t outputHeight, outputWidth, filters;
} ck_conv_shape;

/// The largest window (kernelHeight * kernelWidth * channels) the direct loops take.
#define CK_DIRECT_MAX_WINDOW 32

/// Direct convolution with bias and optional ReLU, for windows of at most
/// CK_DIRECT_MAX_WINDOW scalars: x [batch, height, width, channels], kernel
/// [kernelHeight * kernelWidth * channels, filters] -> y [batch, outputHeight, outputWidth,
/// filters], y = act(sum over the window in (kh, kw, c) order of x * kernel, then + bias).
void ck_conv_direct_forward(const ck_conv_shape *shape, const float *x, const float *kernel,
                            const float *bias, int relu, float *y);

/// The parameter gradients of that convolution: with dz = (y > 0 ? dy : 0) when y is given
/// (a fused ReLU), dz = dy when y is NULL, all [batch, outputHeight, outputWidth, filters],
/// dkernel [window, filters] += the sum over every output pixel of its input window (as in
/// the forward pass) times dz, and dbias [filters] += the sum of dz over the pixels.
void ck_conv_direct_parameter_gradients(const ck_conv_shape *shape, const float *x, const float *y,
                                        const float *dy, float *dkernel, float *dbias);

/// im2col: columns [batch * outputHeight * outputWidth, kernelHeight * kernelWidth * channels]
/// get, in row (n, oh, ow), the input window under that output pixel in (kh, kw, c) order,
/// zero over the padding (`filters` is not used).
void ck_im2col(const ck_conv_shape *shape, const float *x, float *columns);

/// col2im, the adjoint: x [batch, height, width, channels] is overwritten with the sum of
/// every entry of columns at the input position im2col copied it from.
void ck_col2im(const ck_conv_shape *shape, const float *columns, float *x);

#endif
