/* The C ABI of the ARZ traffic model (libmfg_arz.so), for Python (ctypes/cffi) and other languages.
 *
 * Versioned: mfg_arz_abi_version() returns MFG_ARZ_ABI_VERSION of the library; a caller built for
 * another version must refuse to run. Every function that can fail returns an mfg_arz_status
 * (MFG_ARZ_OK = 0) and never lets an exception out; mfg_arz_last_error() then says what went wrong,
 * with the spec field or argument named. Units are SI: m, s, veh/m, m/s, veh/s (the spec's own units,
 * veh/km and km/h, are converted when it is read).
 *
 * Handles are not thread-safe: use one handle from one thread at a time (a batch steps its
 * simulations across threads itself). Indices are 0-based, in the order of the spec's arrays. */
#ifndef MFG_ARZ_C_API_H
#define MFG_ARZ_C_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MFG_ARZ_ABI_VERSION 1
#define MFG_ARZ_MAX_CLASSES 2

#if defined(_WIN32)
#define MFG_ARZ_API __declspec(dllexport)
#else
#define MFG_ARZ_API __attribute__((visibility("default")))
#endif

typedef enum {
  MFG_ARZ_OK = 0,
  MFG_ARZ_INVALID_SPEC = 1,      /* the spec was refused: mfg_arz_last_error() lists the fields */
  MFG_ARZ_INVALID_ARGUMENT = 2,  /* a null pointer, an index out of range, a buffer too small, ... */
  MFG_ARZ_INTERNAL = 3           /* an unexpected failure (out of memory, a bug): please report it */
} mfg_arz_status;

typedef struct mfg_arz_sim mfg_arz_sim;
typedef struct mfg_arz_batch mfg_arz_batch;

typedef enum { MFG_ARZ_SEGMENT = 0, MFG_ARZ_JUNCTION = 1, MFG_ARZ_DETECTOR = 2, MFG_ARZ_CLASS = 3, MFG_ARZ_SOURCE = 4 } mfg_arz_kind;

typedef struct {
  int32_t classes, segments, junctions, detectors, sources;
} mfg_arz_sizes;

typedef enum { MFG_ARZ_GREEN = 0, MFG_ARZ_YELLOW = 1, MFG_ARZ_ALL_RED = 2 } mfg_arz_stage;

typedef struct {
  int32_t phase;   /* green (GREEN), ending (YELLOW), or next (ALL_RED) */
  int32_t target;  /* the phase a change under way leads to */
  int32_t stage;   /* mfg_arz_stage */
  uint32_t green;  /* bit a: incoming segment a of the junction may flow now */
  double time_in_stage;  /* s */
} mfg_arz_signal;

/* Cumulative since the last reset; difference two reads for an interval. */
typedef struct {
  double count[MFG_ARZ_MAX_CLASSES];         /* veh through the detector */
  double density_time[MFG_ARZ_MAX_CLASSES];  /* integral of the density over time, veh s / m */
  double occupancy_time;                     /* integral of the occupancy, s */
  double time;                               /* s covered */
} mfg_arz_detector_totals;

/* One aggregation interval of a detector (the spec's "interval"). */
typedef struct {
  double start, end;                    /* s */
  double flow[MFG_ARZ_MAX_CLASSES];     /* veh/s */
  double density[MFG_ARZ_MAX_CLASSES];  /* veh/m */
  double speed[MFG_ARZ_MAX_CLASSES];    /* m/s, space-mean (the free speed when nothing passed) */
  double occupancy;                     /* fraction of time */
} mfg_arz_detector_record;

typedef struct {
  double inflow[MFG_ARZ_MAX_CLASSES];           /* veh into the network since reset */
  double outflow[MFG_ARZ_MAX_CLASSES];          /* veh out of it */
  double queued[MFG_ARZ_MAX_CLASSES];           /* veh waiting at sources now */
  double vehicle_seconds[MFG_ARZ_MAX_CLASSES];  /* integral of the vehicles on the network, veh s */
  double on_network[MFG_ARZ_MAX_CLASSES];       /* veh on the network now */
} mfg_arz_totals;

MFG_ARZ_API int mfg_arz_abi_version(void);
/* What the last failed call on this thread reported ("" if none); valid until the thread's next call. */
MFG_ARZ_API const char* mfg_arz_last_error(void);
/* Checks a spec (JSON text) without creating anything: MFG_ARZ_OK or MFG_ARZ_INVALID_SPEC. Warnings
 * (accepted, probably unintended: e.g. densities that look like veh/m) are written to `warnings`
 * (one per line, truncated to `capacity` bytes including the final NUL) when it is not NULL. */
MFG_ARZ_API int mfg_arz_validate(const char* spec_json, char* warnings, size_t capacity);

MFG_ARZ_API int mfg_arz_sim_create(const char* spec_json, uint64_t seed, mfg_arz_sim** out);
/* Frees a simulation from mfg_arz_sim_create; a simulation borrowed from a batch is left alone. */
MFG_ARZ_API void mfg_arz_sim_destroy(mfg_arz_sim* sim);
MFG_ARZ_API int mfg_arz_sim_reset(mfg_arz_sim* sim, uint64_t seed);
/* Advances exactly `seconds` of simulated time. */
MFG_ARZ_API int mfg_arz_sim_step(mfg_arz_sim* sim, double seconds);
MFG_ARZ_API int mfg_arz_sim_time(const mfg_arz_sim* sim, double* out);
MFG_ARZ_API int mfg_arz_sim_sizes(const mfg_arz_sim* sim, mfg_arz_sizes* out);
/* The index of the object of kind `kind` (mfg_arz_kind) whose id (or class name) is `id`. */
MFG_ARZ_API int mfg_arz_sim_index(const mfg_arz_sim* sim, int32_t kind, const char* id, int32_t* out);
MFG_ARZ_API int mfg_arz_sim_segment_cells(const mfg_arz_sim* sim, int32_t segment, int32_t* cells, double* dx);
MFG_ARZ_API int mfg_arz_sim_phase_count(const mfg_arz_sim* sim, int32_t junction, int32_t* out);
/* Needs a signal with "control": "external"; the change passes through yellow and all-red. */
MFG_ARZ_API int mfg_arz_sim_set_phase(mfg_arz_sim* sim, int32_t junction, int32_t phase);
MFG_ARZ_API int mfg_arz_sim_signal(const mfg_arz_sim* sim, int32_t junction, mfg_arz_signal* out);
MFG_ARZ_API int mfg_arz_sim_detector_totals(const mfg_arz_sim* sim, int32_t detector, mfg_arz_detector_totals* out);
MFG_ARZ_API int mfg_arz_sim_detector_record_count(const mfg_arz_sim* sim, int32_t detector, int32_t* out);
MFG_ARZ_API int mfg_arz_sim_detector_record(const mfg_arz_sim* sim, int32_t detector, int32_t index, mfg_arz_detector_record* out);
/* Cell values of one class on one segment into out[0..cells); `capacity` is out's length. */
MFG_ARZ_API int mfg_arz_sim_density(const mfg_arz_sim* sim, int32_t segment, int32_t cls, double* out, size_t capacity);
MFG_ARZ_API int mfg_arz_sim_velocity(const mfg_arz_sim* sim, int32_t segment, int32_t cls, double* out, size_t capacity);
/* Vehicles of a class on a segment, and those of them slower than `speed` (m/s): the queue. */
MFG_ARZ_API int mfg_arz_sim_vehicles(const mfg_arz_sim* sim, int32_t segment, int32_t cls, double speed, double* vehicles, double* halted);
MFG_ARZ_API int mfg_arz_sim_totals(const mfg_arz_sim* sim, mfg_arz_totals* out);

/* `size` simulations of one spec; simulation i seeded with seeds[i]. */
MFG_ARZ_API int mfg_arz_batch_create(const char* spec_json, int32_t size, const uint64_t* seeds, mfg_arz_batch** out);
MFG_ARZ_API void mfg_arz_batch_destroy(mfg_arz_batch* batch);
MFG_ARZ_API int mfg_arz_batch_size(const mfg_arz_batch* batch, int32_t* out);
/* Every simulation advances `seconds`, across `threads` threads (<= 0: OpenMP's default). Bitwise the
 * same as stepping each simulation alone, for any number of threads. */
MFG_ARZ_API int mfg_arz_batch_step(mfg_arz_batch* batch, double seconds, int32_t threads);
/* phases[i * junctions + j]: the phase to set at junction j of simulation i, or -1 to leave it. All
 * entries are checked before any is applied. */
MFG_ARZ_API int mfg_arz_batch_set_phases(mfg_arz_batch* batch, const int32_t* phases, size_t count);
MFG_ARZ_API int mfg_arz_batch_reset(mfg_arz_batch* batch, int32_t index, uint64_t seed);
/* out[i * detectors + d] for every simulation i and detector d; `count` is out's length. */
MFG_ARZ_API int mfg_arz_batch_detector_totals(const mfg_arz_batch* batch, mfg_arz_detector_totals* out, size_t count);
/* Batch-wide reads and measured steps for controllers and the RL environment (python/mfgw/rl): one
 * call for every simulation, so that a caller never loops over them. Arrays are simulation-major:
 * out[i * per_sim + k]. */
MFG_ARZ_API int mfg_arz_batch_signals(const mfg_arz_batch* batch, mfg_arz_signal* out, size_t count);  /* i * junctions + j */
MFG_ARZ_API int mfg_arz_batch_totals(const mfg_arz_batch* batch, mfg_arz_totals* out, size_t count);   /* i */

/* A zone: cells [first_cell, first_cell + cells) of one segment. */
typedef struct {
  int32_t segment, first_cell, cells;
} mfg_arz_zone;

/* Per class; "now" values at the end of the call, integrals over the call (trapezoid sums over the
 * samples). delay = sum of rho dx (1 - v / v_free) with v_free the cell's free speed; halted: the
 * vehicles slower than halt_speed; stops: the sum of the halted vehicles' increases between samples. */
typedef struct {
  double vehicles[MFG_ARZ_MAX_CLASSES];      /* veh, now */
  double halted[MFG_ARZ_MAX_CLASSES];        /* veh, now */
  double moving[MFG_ARZ_MAX_CLASSES];        /* sum of rho v dx, veh m/s, now: mean speed = moving / vehicles */
  double delay[MFG_ARZ_MAX_CLASSES];         /* veh, now */
  double vehicle_time[MFG_ARZ_MAX_CLASSES];  /* veh s */
  double halted_time[MFG_ARZ_MAX_CLASSES];   /* veh s */
  double delay_time[MFG_ARZ_MAX_CLASSES];    /* veh s */
  double stops[MFG_ARZ_MAX_CLASSES];         /* veh */
} mfg_arz_zone_values;

/* The zones' values now (integrals 0): out[i * zone_count + z]. */
MFG_ARZ_API int mfg_arz_batch_measure(const mfg_arz_batch* batch, const mfg_arz_zone* zones, size_t zone_count, double halt_speed,
                                      mfg_arz_zone_values* out, size_t count);
/* Every simulation advances `seconds` in equal sub-steps of at most `sample` s (each ends exactly on
 * a sample time), across `threads` threads, measuring the zones at every sample: out[i * zone_count + z].
 * queue_time (NULL or size x classes entries): the integral of the vehicles waiting at sources, veh s.
 * Bitwise independent of the thread count. */
MFG_ARZ_API int mfg_arz_batch_advance(mfg_arz_batch* batch, double seconds, double sample, int32_t threads, const mfg_arz_zone* zones,
                                      size_t zone_count, double halt_speed, mfg_arz_zone_values* out, size_t count, double* queue_time,
                                      size_t queue_count);

/* Simulation i of the batch (borrowed: valid while the batch lives; destroy does nothing to it). */
MFG_ARZ_API int mfg_arz_batch_sim(mfg_arz_batch* batch, int32_t index, mfg_arz_sim** out);

#ifdef __cplusplus
}
#endif

#endif /* MFG_ARZ_C_API_H */
