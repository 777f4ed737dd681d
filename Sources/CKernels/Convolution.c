#include "CKernels.h"
#include "Vectors.h"
#include <string.h>

// Direct convolution for windows of a few scalars (the first layer of an image model: 3x3 on
// one channel, 9 scalars per window). There, im2col + GEMM spends its time copying 9-scalar
// rows and running a product whose inner dimension is 9; these loops keep a window in
// registers instead and run over the filters in vectors of 16.

/// value > 0 ? value : 0 in each lane (a comparison gives all-ones or zero bits).
CK_INLINE ck_v16 ck_relu(ck_v16 value) { return (ck_v16)((ck_vi16)value & (value > 0)); }

/// The window of output pixel (oh, ow) of image x, in (kh, kw, c) order, zero where it hangs
/// over the padding: the row im2col would write. kh, kw and c are given as arguments so that
/// the parameter gradients gather the common 3x3x1 window with constant loop bounds (with
/// run-time bounds the compiler turns each pixel's channels into a memcpy call); the forward
/// loop gathers only the windows over the padding.
CK_INLINE void ck_window(const ck_conv_shape *s, const float *x, ptrdiff_t oh, ptrdiff_t ow,
                         ptrdiff_t kernelHeight, ptrdiff_t kernelWidth, ptrdiff_t c, float *window) {
    ptrdiff_t top = oh * s->stride - s->padTop, left = ow * s->stride - s->padLeft;
    if (top >= 0 && left >= 0 && top + kernelHeight <= s->height && left + kernelWidth <= s->width) {
        for (ptrdiff_t kh = 0; kh < kernelHeight; kh++) {
            const float *row = x + ((top + kh) * s->width + left) * c;
            for (ptrdiff_t k = 0; k < kernelWidth * c; k++) window[kh * kernelWidth * c + k] = row[k];
        }
        return;
    }
    ptrdiff_t index = 0;
    for (ptrdiff_t kh = 0; kh < kernelHeight; kh++) {
        ptrdiff_t ih = top + kh;
        for (ptrdiff_t kw = 0; kw < kernelWidth; kw++) {
            ptrdiff_t iw = left + kw;
            int inside = ih >= 0 && ih < s->height && iw >= 0 && iw < s->width;
            for (ptrdiff_t k = 0; k < c; k++) window[index++] = inside ? x[(ih * s->width + iw) * c + k] : 0;
        }
    }
}

/// Whether the window is 3x3 on one channel, the case compiled with constant sizes.
CK_INLINE int ck_is_3x3x1(const ck_conv_shape *s) {
    return s->kernelHeight == 3 && s->kernelWidth == 3 && s->channels == 1;
}

/// How many output pixels the forward loop computes at once: with one pixel the sums over the
/// window form two chains of dependent FMAs and wait on their latency; four pixels give eight
/// independent chains, enough to keep both FMA units busy.
enum { CK_DIRECT_PIXELS = 4 };

/// y[p, f] = act(sum over t of x(p, t) * kernel[t, f] + bias[f]) for `pixels` pixels (at
/// most CK_DIRECT_PIXELS; pixel p's outputs at y + p * filters) and every filter, where
/// x(p, t) = windows[p][offsets[t]] is tap t of pixel p's window. Each sum runs over t in
/// order from zero, then the bias is added, as GEMM then bias would; the number of pixels at
/// once changes no result. Called with constant `pixels` (and constant `taps` for 9-tap
/// windows) so that the accumulators stay in registers.
CK_INLINE void ck_pixels_forward(const float *const *windows, const ptrdiff_t *offsets, ptrdiff_t pixels,
                                 ptrdiff_t taps, const float *kernel, ptrdiff_t filters, const float *bias,
                                 int relu, float *y) {
    ptrdiff_t f = 0;
    for (; f + 2 * CK_LANES <= filters; f += 2 * CK_LANES) {
        ck_v16 a0[CK_DIRECT_PIXELS], a1[CK_DIRECT_PIXELS];
        for (ptrdiff_t p = 0; p < pixels; p++) { a0[p] = (ck_v16){0}; a1[p] = (ck_v16){0}; }
        for (ptrdiff_t t = 0; t < taps; t++) {
            ck_v16 k0 = ck_load(kernel + t * filters + f), k1 = ck_load(kernel + t * filters + f + CK_LANES);
            for (ptrdiff_t p = 0; p < pixels; p++) {
                ck_v16 x = ck_splat(windows[p][offsets[t]]);
                a0[p] += x * k0;
                a1[p] += x * k1;
            }
        }
        ck_v16 b0 = ck_load(bias + f), b1 = ck_load(bias + f + CK_LANES);
        for (ptrdiff_t p = 0; p < pixels; p++) {
            a0[p] += b0;
            a1[p] += b1;
            if (relu) { a0[p] = ck_relu(a0[p]); a1[p] = ck_relu(a1[p]); }
            ck_store(y + p * filters + f, a0[p]);
            ck_store(y + p * filters + f + CK_LANES, a1[p]);
        }
    }
    for (ptrdiff_t p = 0; p < pixels; p++) {
        float *out = y + p * filters;
        ptrdiff_t g = f;
        for (; g + CK_LANES <= filters; g += CK_LANES) {
            ck_v16 a0 = {0};
            for (ptrdiff_t t = 0; t < taps; t++) {
                a0 += ck_splat(windows[p][offsets[t]]) * ck_load(kernel + t * filters + g);
            }
            a0 += ck_load(bias + g);
            if (relu) a0 = ck_relu(a0);
            ck_store(out + g, a0);
        }
        for (; g < filters; g++) {
            float sum = 0;
            for (ptrdiff_t t = 0; t < taps; t++) sum += windows[p][offsets[t]] * kernel[t * filters + g];
            sum += bias[g];
            out[g] = relu && !(sum > 0) ? 0 : sum;
        }
    }
}

/// Output pixels [ow, ow + pixels) of row oh of `image` into y (the first pixel's outputs).
/// Windows wholly inside the image are read where they lie (`inside`: tap t at offset
/// inside[t] from the window's first scalar); the others are gathered with their padding.
/// Constant `pixels` (and `taps` for 9-tap windows) give the common cases fixed loop bounds.
CK_INLINE void ck_pixel_run_forward(const ck_conv_shape *s, const float *image, ptrdiff_t oh, ptrdiff_t ow,
                                    ptrdiff_t pixels, ptrdiff_t taps, const ptrdiff_t *inside,
                                    const ptrdiff_t *gathered, const float *kernel, const float *bias, int relu,
                                    float *y) {
    ptrdiff_t top = oh * s->stride - s->padTop, left = ow * s->stride - s->padLeft;
    ptrdiff_t right = (ow + pixels - 1) * s->stride - s->padLeft + s->kernelWidth;
    const float *windows[CK_DIRECT_PIXELS];
    if (top >= 0 && left >= 0 && top + s->kernelHeight <= s->height && right <= s->width) {
        for (ptrdiff_t p = 0; p < pixels; p++) windows[p] = image + (top * s->width + left + p * s->stride) * s->channels;
        ck_pixels_forward(windows, inside, pixels, taps, kernel, s->filters, bias, relu, y);
    } else {
        float copies[CK_DIRECT_PIXELS][CK_DIRECT_MAX_WINDOW];
        for (ptrdiff_t p = 0; p < pixels; p++) {
            ck_window(s, image, oh, ow + p, s->kernelHeight, s->kernelWidth, s->channels, copies[p]);
            windows[p] = copies[p];
        }
        ck_pixels_forward(windows, gathered, pixels, taps, kernel, s->filters, bias, relu, y);
    }
}

/// Row oh of image x's output into `row`: groups of CK_DIRECT_PIXELS pixels, then the last
/// few one at a time (`ck_pixel_run_forward`).
CK_INLINE void ck_row_forward(const ck_conv_shape *s, const float *image, ptrdiff_t oh, ptrdiff_t taps,
                              const ptrdiff_t *inside, const ptrdiff_t *gathered, const float *kernel,
                              const float *bias, int relu, float *row) {
    ptrdiff_t ow = 0, filters = s->filters;
    for (; ow + CK_DIRECT_PIXELS <= s->outputWidth; ow += CK_DIRECT_PIXELS) {
        ck_pixel_run_forward(s, image, oh, ow, CK_DIRECT_PIXELS, taps, inside, gathered, kernel, bias, relu,
                             row + ow * filters);
    }
    for (; ow < s->outputWidth; ow++) {
        ck_pixel_run_forward(s, image, oh, ow, 1, taps, inside, gathered, kernel, bias, relu, row + ow * filters);
    }
}

CK_CLONES
void ck_conv_direct_forward(const ck_conv_shape *s, const float *restrict x, const float *restrict kernel,
                            const float *restrict bias, int relu, float *restrict y) {
    ptrdiff_t taps = s->kernelHeight * s->kernelWidth * s->channels, filters = s->filters;
    // Where tap t (in (kh, kw, c) order) lies from a window's first scalar: in the image, and
    // in a gathered copy.
    ptrdiff_t inside[CK_DIRECT_MAX_WINDOW], gathered[CK_DIRECT_MAX_WINDOW];
    for (ptrdiff_t kh = 0, t = 0; kh < s->kernelHeight; kh++) {
        for (ptrdiff_t k = 0; k < s->kernelWidth * s->channels; k++, t++) {
            inside[t] = kh * s->width * s->channels + k;
            gathered[t] = t;
        }
    }
    for (ptrdiff_t n = 0; n < s->batch; n++) {
        const float *image = x + n * s->height * s->width * s->channels;
        for (ptrdiff_t oh = 0; oh < s->outputHeight; oh++) {
            float *row = y + (n * s->outputHeight + oh) * s->outputWidth * filters;
            // 9 taps (3x3 on one channel) as a constant, for fixed loop bounds.
            if (taps == 9) ck_row_forward(s, image, oh, 9, inside, gathered, kernel, bias, relu, row);
            else ck_row_forward(s, image, oh, taps, inside, gathered, kernel, bias, relu, row);
        }
    }
}

/// dz[f] = y[f] > 0 ? dy[f] : 0 for 16 filters, or dy itself when there is no ReLU (y NULL).
CK_INLINE ck_v16 ck_masked(const float *y, const float *dy) {
    ck_v16 d = ck_load(dy);
    return y ? (ck_v16)((ck_vi16)d & (ck_load(y) > 0)) : d;
}

/// For the 32 filters [f0, f0 + 32): dkernel[t, f] += sum over the batch's pixels of
/// window[t] * dz[pixel, f] and dbias[f] += sum of dz[pixel, f], the pixels in order.
/// 2 * taps + 2 accumulators, in registers when the sizes are constants.
CK_INLINE void ck_gradient_block(const ck_conv_shape *s, const float *x, const float *y, const float *dy,
                                 ptrdiff_t kernelHeight, ptrdiff_t kernelWidth, ptrdiff_t c,
                                 ptrdiff_t f0, float *dkernel, float *dbias) {
    ptrdiff_t taps = kernelHeight * kernelWidth * c;
    ck_v16 a0[CK_DIRECT_MAX_WINDOW], a1[CK_DIRECT_MAX_WINDOW], b0 = {0}, b1 = {0};
    for (ptrdiff_t t = 0; t < taps; t++) { a0[t] = (ck_v16){0}; a1[t] = (ck_v16){0}; }
    float window[CK_DIRECT_MAX_WINDOW];
    ptrdiff_t filters = s->filters;
    for (ptrdiff_t n = 0; n < s->batch; n++) {
        const float *image = x + n * s->height * s->width * s->channels;
        for (ptrdiff_t oh = 0; oh < s->outputHeight; oh++) {
            for (ptrdiff_t ow = 0; ow < s->outputWidth; ow++) {
                ck_window(s, image, oh, ow, kernelHeight, kernelWidth, c, window);
                ptrdiff_t offset = ((n * s->outputHeight + oh) * s->outputWidth + ow) * filters + f0;
                ck_v16 d0 = ck_masked(y ? y + offset : 0, dy + offset);
                ck_v16 d1 = ck_masked(y ? y + offset + CK_LANES : 0, dy + offset + CK_LANES);
                b0 += d0;
                b1 += d1;
                for (ptrdiff_t t = 0; t < taps; t++) {
                    ck_v16 w = ck_splat(window[t]);
                    a0[t] += w * d0;
                    a1[t] += w * d1;
                }
            }
        }
    }
    for (ptrdiff_t t = 0; t < taps; t++) {
        float *target = dkernel + t * filters + f0;
        ck_store(target, ck_load(target) + a0[t]);
        ck_store(target + CK_LANES, ck_load(target + CK_LANES) + a1[t]);
    }
    ck_store(dbias + f0, ck_load(dbias + f0) + b0);
    ck_store(dbias + f0 + CK_LANES, ck_load(dbias + f0 + CK_LANES) + b1);
}

CK_CLONES
void ck_conv_direct_parameter_gradients(const ck_conv_shape *s, const float *restrict x, const float *restrict y,
                                        const float *restrict dy, float *restrict dkernel, float *restrict dbias) {
    ptrdiff_t taps = s->kernelHeight * s->kernelWidth * s->channels, filters = s->filters;
    ptrdiff_t pixels = s->outputHeight * s->outputWidth;
    ptrdiff_t f = 0;
    for (; f + 2 * CK_LANES <= filters; f += 2 * CK_LANES) {
        if (ck_is_3x3x1(s)) ck_gradient_block(s, x, y, dy, 3, 3, 1, f, dkernel, dbias);
        else ck_gradient_block(s, x, y, dy, s->kernelHeight, s->kernelWidth, s->channels, f, dkernel, dbias);
    }
    // The last filters (fewer than 32), one at a time.
    float window[CK_DIRECT_MAX_WINDOW], sums[CK_DIRECT_MAX_WINDOW];
    for (; f < filters; f++) {
        float biasSum = 0;
        for (ptrdiff_t t = 0; t < taps; t++) sums[t] = 0;
        for (ptrdiff_t n = 0; n < s->batch; n++) {
            const float *image = x + n * s->height * s->width * s->channels;
            for (ptrdiff_t oh = 0; oh < s->outputHeight; oh++) {
                for (ptrdiff_t ow = 0; ow < s->outputWidth; ow++) {
                    ck_window(s, image, oh, ow, s->kernelHeight, s->kernelWidth, s->channels, window);
                    ptrdiff_t index = (n * pixels + oh * s->outputWidth + ow) * filters + f;
                    float d = y && !(y[index] > 0) ? 0 : dy[index];
                    biasSum += d;
                    for (ptrdiff_t t = 0; t < taps; t++) sums[t] += window[t] * d;
                }
            }
        }
        for (ptrdiff_t t = 0; t < taps; t++) dkernel[t * filters + f] += sums[t];
        dbias[f] += biasSum;
    }
}
