#include "CKernels.h"
#include "Vectors.h"
#include <math.h>

// Keras's order of operations, no fused multiply-adds: the results are those of the plain
// Swift twins up to the square root's last bit.
#pragma STDC FP_CONTRACT OFF


// Flush-to-zero (MXCSR bit 15) and denormals-are-zero (bit 6): results and inputs below
// FLT_MIN (1.2e-38) count as zero, as in TensorFlow, which sets both on every thread that runs
// its kernels (`port::ScopedFlushDenormal`). Without them, each operation on a subnormal takes
// a microcode assist of about a hundred cycles.
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define CK_FLUSH_BITS 0x8040u
unsigned ck_flush_denormals(void) {
    unsigned previous = _mm_getcsr();
    _mm_setcsr(previous | CK_FLUSH_BITS);
    return previous;
}
void ck_restore_denormals(unsigned previous) { _mm_setcsr(previous); }
#else
unsigned ck_flush_denormals(void) { return 0; }
void ck_restore_denormals(unsigned previous) { (void)previous; }
#endif

// Adam's update runs with subnormals flushed whatever the caller's mode: a weight whose
// gradient stays zero (a unit that ReLU switched off) has its first moment multiplied by 0.9
// at each step, which makes it subnormal after some 750 steps; from then on every update of
// that weight took the slow path (one epoch of the tutorial model: 2.4 s in the optimizer
// instead of 0.5 s).
CK_CLONES
void ck_adam_step(float *restrict w, const float *restrict g, float *restrict m, float *restrict v,
                  ptrdiff_t count, float alpha, float oneMinusBeta1, float oneMinusBeta2, float epsilon) {
    unsigned mode = ck_flush_denormals();
    for (ptrdiff_t i = 0; i < count; i++) {
        float gradient = g[i];
        float first = m[i] + (gradient - m[i]) * oneMinusBeta1;
        float second = v[i] + (gradient * gradient - v[i]) * oneMinusBeta2;
        m[i] = first;
        v[i] = second;
        w[i] = w[i] - (first * alpha) / (sqrtf(second) + epsilon);
    }
    ck_restore_denormals(mode);
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

CK_CLONES
void ck_dropout_forward(unsigned long long seed, float rate, float keep, const float *restrict x,
                        float *restrict mask, float *restrict y, ptrdiff_t count) {
    // SplitMix64's i-th output depends only on seed + (i + 1) * golden ratio, so the loop
    // has no carried state and runs in vector lanes.
    for (ptrdiff_t i = 0; i < count; i++) {
        unsigned long long z = seed + (unsigned long long)(i + 1) * 0x9E3779B97F4A7C15ull;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        float unit = (float)(unsigned)(z >> 40) * 0x1p-24f;
        float m = unit < rate ? 0 : keep;
        mask[i] = m;
        y[i] = x[i] * m;
    }
}

CK_CLONES
void ck_scale_bytes_to_unit(const unsigned char *restrict source, float *restrict target, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) target[i] = (float)((double)source[i] / 255.0);
}

CK_CLONES
void ck_add_and_clear(float *restrict total, float *restrict part, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) {
        total[i] += part[i];
        part[i] = 0;
    }
}
