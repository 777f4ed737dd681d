#include "CKernels.h"
#include <math.h>

// Keras's order of operations, no fused multiply-adds: the results are those of the plain
// Swift twins up to the square root's last bit.
#pragma STDC FP_CONTRACT OFF

// Each function is compiled three times and the loader picks the version for the processor.
#if defined(__x86_64__) && defined(__linux__)
#define CK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CK_CLONES
#endif

CK_CLONES
void ck_adam_step(float *restrict w, const float *restrict g, float *restrict m, float *restrict v,
                  ptrdiff_t count, float alpha, float oneMinusBeta1, float oneMinusBeta2, float epsilon) {
    for (ptrdiff_t i = 0; i < count; i++) {
        float gradient = g[i];
        float first = m[i] + (gradient - m[i]) * oneMinusBeta1;
        float second = v[i] + (gradient * gradient - v[i]) * oneMinusBeta2;
        m[i] = first;
        v[i] = second;
        w[i] = w[i] - (first * alpha) / (sqrtf(second) + epsilon);
    }
}

CK_CLONES
void ck_relu_gradient(const float *restrict y, const float *restrict dy, float *restrict dz, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) dz[i] = y[i] > 0 ? dy[i] : 0;
}

CK_CLONES
void ck_add_bias(const float *restrict bias, ptrdiff_t units, ptrdiff_t rows, float *restrict x, int relu) {
    for (ptrdiff_t r = 0; r < rows; r++) {
        float *restrict row = x + r * units;
        if (relu) {
            for (ptrdiff_t u = 0; u < units; u++) {
                float value = row[u] + bias[u];
                row[u] = value > 0 ? value : 0;
            }
        } else {
            for (ptrdiff_t u = 0; u < units; u++) row[u] += bias[u];
        }
    }
}
