// oneDNN (Debian/Ubuntu: libdnnl-dev), for its matrix product dnnl_sgemm. Debian and Ubuntu
// build it on GCC's OpenMP runtime (libgomp, linked here), whose thread count is per calling
// thread: the program runs each product on one thread of its own and splits the work itself.
// A oneDNN built on another runtime (TBB, a thread pool, LLVM's libomp) would need its own
// way to stay on the calling thread.
#include <oneapi/dnnl/dnnl.h>

#if DNNL_CPU_RUNTIME == DNNL_RUNTIME_OMP
void omp_set_num_threads(int count);
/// Makes oneDNN's calls from the calling thread run on that thread alone.
static inline void cdnnl_use_calling_thread_only(void) { omp_set_num_threads(1); }
#else
static inline void cdnnl_use_calling_thread_only(void) {}
#endif
