#include "CKernels.h"
#include "Vectors.h"
#include <string.h>

// im2col and col2im (TensorCore's Im2col): the copies of a convolution lowered to one matrix
// product. In Swift they ran scalar loops or a memmove call per window row (96 scalars for
// 3x3 on 32 channels); here the runs are copied and summed in vectors.

/// target[0..<count] = source[0..<count], 16 then 4 then 1 at a time (a memcpy call costs more
/// than the copy of a window row; `no_builtin` keeps the compiler from making one).
CK_INLINE void ck_copy(const float *source, float *target, ptrdiff_t count) {
    ptrdiff_t i = 0;
    for (; i + 16 <= count; i += 16) { ck_v16 v; memcpy(&v, source + i, sizeof v); memcpy(target + i, &v, sizeof v); }
    for (; i + 4 <= count; i += 4) { ck_v4 v; memcpy(&v, source + i, sizeof v); memcpy(target + i, &v, sizeof v); }
    for (; i < count; i++) target[i] = source[i];
}

CK_INLINE void ck_zero(float *target, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) target[i] = 0;
}

CK_CLONES __attribute__((no_builtin("memcpy", "memset")))
void ck_im2col(const ck_conv_shape *s, const float *restrict x, float *restrict columns) {
    ptrdiff_t c = s->channels, segment = s->kernelWidth * c;
    ptrdiff_t rowLength = s->kernelHeight * segment, image = s->height * s->width * c;
    float *row = columns;
    for (ptrdiff_t n = 0; n < s->batch; n++) {
        const float *input = x + n * image;
        for (ptrdiff_t oh = 0; oh < s->outputHeight; oh++) {
            for (ptrdiff_t ow = 0; ow < s->outputWidth; ow++, row += rowLength) {
                ptrdiff_t left = ow * s->stride - s->padLeft;
                int inside = left >= 0 && left + s->kernelWidth <= s->width;
                float *target = row;
                for (ptrdiff_t kh = 0; kh < s->kernelHeight; kh++, target += segment) {
                    ptrdiff_t ih = oh * s->stride - s->padTop + kh;
                    if (ih < 0 || ih >= s->height) {
                        ck_zero(target, segment);
                    } else if (inside) {
                        // The window's row is one contiguous run of KW * C input scalars.
                        ck_copy(input + (ih * s->width + left) * c, target, segment);
                    } else {
                        for (ptrdiff_t kw = 0; kw < s->kernelWidth; kw++) {
                            ptrdiff_t iw = left + kw;
                            if (iw < 0 || iw >= s->width) ck_zero(target + kw * c, c);
                            else ck_copy(input + (ih * s->width + iw) * c, target + kw * c, c);
                        }
                    }
                }
            }
        }
    }
}

CK_CLONES __attribute__((no_builtin("memcpy", "memset")))
void ck_col2im(const ck_conv_shape *s, const float *restrict columns, float *restrict x) {
    ptrdiff_t c = s->channels, segment = s->kernelWidth * c;
    ptrdiff_t rowLength = s->kernelHeight * segment, image = s->height * s->width * c;
    ck_zero(x, s->batch * image);
    const float *row = columns;
    for (ptrdiff_t n = 0; n < s->batch; n++) {
        float *input = x + n * image;
        for (ptrdiff_t oh = 0; oh < s->outputHeight; oh++) {
            for (ptrdiff_t ow = 0; ow < s->outputWidth; ow++, row += rowLength) {
                ptrdiff_t left = ow * s->stride - s->padLeft;
                // Columns kw whose pixel is inside: a contiguous run of the input row.
                ptrdiff_t first = left < 0 ? -left : 0;
                ptrdiff_t last = s->width - left < s->kernelWidth ? s->width - left : s->kernelWidth;
                if (first >= last) continue;
                const float *source = row;
                for (ptrdiff_t kh = 0; kh < s->kernelHeight; kh++, source += segment) {
                    ptrdiff_t ih = oh * s->stride - s->padTop + kh;
                    if (ih < 0 || ih >= s->height) continue;
                    float *pixel = input + (ih * s->width + left + first) * c;
                    const float *values = source + first * c;
                    for (ptrdiff_t i = 0; i < (last - first) * c; i++) pixel[i] += values[i];
                }
            }
        }
    }
}
