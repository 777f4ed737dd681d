#ifndef _GNU_SOURCE
#define _GNU_SOURCE  // sched_getaffinity, CPU_COUNT
#endif
#include "CKTeam.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CK_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CK_RELAX() __asm__ __volatile__("yield")
#else
#define CK_RELAX() ((void)0)
#endif

// A job starts when `generation` moves on (release: the job and context written before it
// are seen by the workers that acquire it) and ends when `pending` reaches zero. Sleepers wait
// under `lock` and re-check the counter there, so a wake-up sent under `lock` is never lost.
struct ck_team {
    ptrdiff_t workers;
    long spin_nanoseconds;
    pthread_t *threads;
    struct ck_worker *slots;
    atomic_long generation;
    atomic_long pending;
    atomic_int busy;
    ck_team_job job;
    void *context;
    int stopping;
    pthread_mutex_t lock;
    pthread_cond_t started, finished;
};

typedef struct ck_worker {
    ck_team *team;
    ptrdiff_t index;
} ck_worker;

static long ck_now_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000L + now.tv_nsec;
}

/// Spins until `counter` differs from `value` or the spin time is up; returns its last value.
static long ck_spin_while_equal(atomic_long *counter, long value, long spin_nanoseconds) {
    long deadline = ck_now_nanoseconds() + spin_nanoseconds;
    for (unsigned turn = 1;; turn++) {
        long current = atomic_load_explicit(counter, memory_order_acquire);
        if (current != value) return current;
        if (turn % 64 == 0 && ck_now_nanoseconds() > deadline) return current;
        CK_RELAX();
    }
}

static void *ck_worker_main(void *argument) {
    ck_worker *worker = argument;
    ck_team *team = worker->team;
#if defined(__APPLE__)
    pthread_setname_np("convbook-worker");
#else
    pthread_setname_np(pthread_self(), "convbook-worker");  // 15 characters: Linux's limit
#endif
    long seen = 0;
    for (;;) {
        long generation = ck_spin_while_equal(&team->generation, seen, team->spin_nanoseconds);
        if (generation == seen) {
            pthread_mutex_lock(&team->lock);
            while ((generation = atomic_load_explicit(&team->generation, memory_order_acquire)) == seen)
                pthread_cond_wait(&team->started, &team->lock);
            pthread_mutex_unlock(&team->lock);
        }
        seen = generation;
        if (team->stopping) return NULL;
        team->job(team->context, worker->index);
        if (atomic_fetch_sub_explicit(&team->pending, 1, memory_order_acq_rel) == 1) {
            pthread_mutex_lock(&team->lock);
            pthread_cond_signal(&team->finished);
            pthread_mutex_unlock(&team->lock);
        }
    }
}

/// Starts a generation: `job` on every worker (or, with `stopping`, their exit).
static void ck_team_start(ck_team *team) {
    atomic_store_explicit(&team->pending, team->workers, memory_order_relaxed);
    pthread_mutex_lock(&team->lock);
    atomic_fetch_add_explicit(&team->generation, 1, memory_order_release);
    pthread_cond_broadcast(&team->started);
    pthread_mutex_unlock(&team->lock);
}

/// Sets the calling thread's mask to every signal that another process or the terminal may
/// send, saving the old mask in `previous`. Open are the signals a faulting instruction raises
/// and SIGUSR2, with which the Swift runtime's crash handler pauses each thread to take its
/// backtrace (it tries SIGUSR1, SIGUSR2, then SIGPROF); nothing else handles SIGUSR2.
///
/// Workers are created with this mask, so no signal handler runs on one while it lives:
/// oneDNN 2.x's JIT matrix products (jit_avx512_common_gemm_f32 and its AVX2 twin) point the
/// stack pointer into a heap workspace while they run, and the frame the kernel pushes for a
/// handler would be written over the heap (oneDNN issue #4845, fixed in 3.x; Debian 12 ships
/// 2.6.3).
static void ck_block_asynchronous_signals(sigset_t *previous) {
    sigset_t asynchronous;
    sigfillset(&asynchronous);
    const int open[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT, SIGSYS, SIGUSR2};
    for (size_t i = 0; i < sizeof open / sizeof *open; i++) sigdelset(&asynchronous, open[i]);
    pthread_sigmask(SIG_SETMASK, &asynchronous, previous);
}

ck_team *ck_team_create(ptrdiff_t workers, long spin_microseconds) {
    ck_team *team = calloc(1, sizeof *team);
    if (!team) return NULL;
    team->spin_nanoseconds = spin_microseconds * 1000;
    pthread_mutex_init(&team->lock, NULL);
    pthread_cond_init(&team->started, NULL);
    pthread_cond_init(&team->finished, NULL);
    team->threads = calloc((size_t)(workers > 0 ? workers : 1), sizeof *team->threads);
    team->slots = calloc((size_t)(workers > 0 ? workers : 1), sizeof *team->slots);
    if (!team->threads || !team->slots) {
        ck_team_destroy(team);
        return NULL;
    }
    sigset_t callers_mask;
    ck_block_asynchronous_signals(&callers_mask);
    for (ptrdiff_t i = 0; i < workers; i++) {
        team->slots[i] = (ck_worker){team, i + 1};
        if (pthread_create(&team->threads[i], NULL, ck_worker_main, &team->slots[i]) != 0) {
            pthread_sigmask(SIG_SETMASK, &callers_mask, NULL);
            ck_team_destroy(team);  // stops the i workers already running
            return NULL;
        }
        team->workers = i + 1;
    }
    pthread_sigmask(SIG_SETMASK, &callers_mask, NULL);
    return team;
}

void ck_team_destroy(ck_team *team) {
    if (!team) return;
    team->stopping = 1;
    ck_team_start(team);
    for (ptrdiff_t i = 0; i < team->workers; i++) pthread_join(team->threads[i], NULL);
    pthread_cond_destroy(&team->finished);
    pthread_cond_destroy(&team->started);
    pthread_mutex_destroy(&team->lock);
    free(team->slots);
    free(team->threads);
    free(team);
}

void ck_team_run(ck_team *team, ck_team_job job, void *context) {
    if (team->workers == 0 || atomic_exchange_explicit(&team->busy, 1, memory_order_acquire)) {
        for (ptrdiff_t i = 0; i <= team->workers; i++) job(context, i);
        return;
    }
    team->job = job;
    team->context = context;
    ck_team_start(team);
    job(context, 0);
    // The parts are about equal: the caller spins for the other threads' last microseconds,
    // then sleeps.
    long deadline = ck_now_nanoseconds() + team->spin_nanoseconds;
    for (unsigned turn = 1; atomic_load_explicit(&team->pending, memory_order_acquire) != 0; turn++) {
        if (turn % 64 == 0 && ck_now_nanoseconds() > deadline) {
            pthread_mutex_lock(&team->lock);
            while (atomic_load_explicit(&team->pending, memory_order_acquire) != 0)
                pthread_cond_wait(&team->finished, &team->lock);
            pthread_mutex_unlock(&team->lock);
            break;
        }
        CK_RELAX();
    }
    atomic_store_explicit(&team->busy, 0, memory_order_release);
}

ptrdiff_t ck_team_size(const ck_team *team) { return team->workers + 1; }

void ck_relax(void) { CK_RELAX(); }

ptrdiff_t ck_available_cores(void) {
#if defined(__linux__)
    cpu_set_t cores;
    if (sched_getaffinity(0, sizeof cores, &cores) == 0 && CPU_COUNT(&cores) > 0) return CPU_COUNT(&cores);
#endif
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? online : 1;
}
