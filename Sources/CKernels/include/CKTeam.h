// A team of threads that wake in microseconds: the data-parallel training step hands each
// core its part twice per step (about every 2 ms), and a thread parked in the kernel took
// 0.1-0.3 ms to wake on the 2-core KVM guest, a sixth of the step. A waiting thread spins
// for `spin_microseconds` first, then sleeps on a condition variable.
#ifndef CKTEAM_H
#define CKTEAM_H

#include <stddef.h>

typedef struct ck_team ck_team;

/// A job: called once per thread of the team with the thread's index, 0 being the caller.
typedef void (*ck_team_job)(void *context, ptrdiff_t thread);

/// A team of the calling thread and `workers` more (0 is allowed: then `ck_team_run` calls the
/// job on the caller only). NULL when a thread cannot be created. The workers, named
/// "convbook-worker", block every signal but those a fault raises (and SIGUSR2, which only the
/// Swift runtime's crash handler uses): no handler runs on them while the program lives.
ck_team *ck_team_create(ptrdiff_t workers, long spin_microseconds);

/// Runs `job(context, i)` for every thread i of the team, 0 on the calling thread, and
/// returns when all have returned. A call made while the team is busy (from inside a job, or
/// from another thread) runs every index on its own thread, one after the other.
void ck_team_run(ck_team *team, ck_team_job job, void *context);

/// Stops and joins the workers (none may be running a job) and frees the team; NULL is allowed.
void ck_team_destroy(ck_team *team);

/// The number of threads, the caller included.
ptrdiff_t ck_team_size(const ck_team *team);

/// A hint to the processor that the caller is spinning (`pause` on x86-64, `yield` on ARM).
void ck_relax(void);

/// The number of cores the calling process may run on (its CPU affinity on Linux, the
/// online processors elsewhere), at least 1.
ptrdiff_t ck_available_cores(void);

#endif
