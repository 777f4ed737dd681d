// oneDNN (Debian/Ubuntu: libdnnl-dev), for its matrix product dnnl_sgemm. Debian builds it on
// the OpenMP runtime (libgomp); the program runs each product on one thread of its own.
#include <oneapi/dnnl/dnnl.h>

#if DNNL_CPU_RUNTIME == DNNL_RUNTIME_OMP
void omp_set_num_threads(int count);
/// Makes oneDNN's calls from the calling thread run on that thread alone.
static inline void cdnnl_use_calling_thread_only(void) { omp_set_num_threads(1); }
#else
static inline void cdnnl_use_calling_thread_only(void) {}
#endif
