// What every kernel file shares (private to the target, not part of CKernels.h).
#ifndef CK_VECTORS_H
#define CK_VECTORS_H

// Each function is compiled three times and the loader picks the version for the processor;
// a vector type below becomes one AVX-512 register, two AVX2 registers or four SSE registers.
#if defined(__x86_64__) && defined(__linux__)
#define CK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CK_CLONES
#endif

// Helpers take and return vectors; they are always inlined into the clones, so their calling
// convention never matters.
#pragma clang diagnostic ignored "-Wpsabi"
#define CK_INLINE static inline __attribute__((always_inline))
typedef float ck_v16 __attribute__((vector_size(64)));
typedef float ck_v4 __attribute__((vector_size(16)));
typedef int ck_vi16 __attribute__((vector_size(64)));
enum { CK_LANES = 16 };

#include <string.h>
/// 16 floats from any address, to any address, and one float in every lane.
CK_INLINE ck_v16 ck_load(const float *p) { ck_v16 v; memcpy(&v, p, sizeof v); return v; }
CK_INLINE void ck_store(float *p, ck_v16 v) { memcpy(p, &v, sizeof v); }
CK_INLINE ck_v16 ck_splat(float value) { return (ck_v16){0} + value; }

#endif
