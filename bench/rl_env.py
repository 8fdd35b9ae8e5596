#!/usr/bin/env python3
"""Benchmark of the signal-control environments (issue 19), printing one JSON document.

1. One env on the seed corridor (200 cells x 2 classes, first order), 60 s decisions, one thread:
   decision steps/s (target >= 1,000), against the bare native step of the same 60 s (baseline in
   the same run: the env's overhead is the ratio).
2. A vector env of 256 seed corridors, 5 s decisions, 2 threads: decision steps/s over all envs
   (target >= 100,000), against the bare native batch step.
3. ns per cell and simulated second, and per cell-step with the native step count per 60 s of the
   corridor measured by build/native/arz-bench (112, bench/results/arz.json).
4. PPO: wall time to 10^6 environment steps and the fraction in the simulator, from a training run's
   events.jsonl when given (--ppo-events), else from a short run here.

    PYTHONPATH=python python3 bench/rl_env.py [--quick] [--ppo-events bench/results/rl/ppo-corridor-cross/events.jsonl]
Timings are wall time and thread CPU time; the machine is shared, see load_average.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))

from mfgw.arz import Batch  # noqa: E402
from mfgw.rl import ArzSignalEnv, ArzSignalVectorEnv  # noqa: E402
from mfgw.rl.config import load_scenario  # noqa: E402

NATIVE_STEPS_PER_60S = 112  # first order + Euler, arz-bench on the seed corridor
CELLS = 200


def corridor_spec():
    spec = load_scenario("seed-corridor")
    spec["junctions"][0]["signal"]["control"] = "external"
    spec["numerics"] = {"reconstruction": "first_order"}
    spec["time"]["horizon"] = 10 ** 6
    return spec


def timed(fn, repeat: int) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.thread_time()
    for _ in range(repeat):
        fn()
    return time.perf_counter() - w0, time.thread_time() - c0


def single_env(decisions: int) -> dict:
    env = ArzSignalEnv(scenario="seed-corridor", decision_interval=60.0, episode_length=60.0 * (decisions + 10),
                       threads=1, sample_interval=60.0)
    env.reset(seed=1)
    for _ in range(10):  # warm-up into the traffic
        env.step(0)
    actions = iter(np.random.default_rng(0).integers(0, 2, size=decisions))
    wall, cpu = timed(lambda: env.step(int(next(actions))), decisions)
    batch = Batch(corridor_spec(), [1])
    batch.step(600.0, 1)
    bwall, bcpu = timed(lambda: batch.step(60.0, 1), decisions)
    return {"problem": "seed corridor, one env, 60 s decisions, 1 thread", "size": {"cells": CELLS, "classes": 2},
            "decisions": decisions, "seconds": wall, "cpu_seconds": cpu,
            "decision_steps_per_s": decisions / wall, "decision_steps_per_cpu_s": decisions / cpu,
            "baseline": {"what": "bare native 60 s step (mfg_arz_batch_step)", "seconds": bwall, "cpu_seconds": bcpu},
            "ratio_env_over_native": wall / bwall, "target_decision_steps_per_s": 1000,
            "ns_per_cell_per_sim_second": wall / decisions / 60.0 / CELLS * 1e9,
            "ns_per_cell_step_estimate": wall / decisions / NATIVE_STEPS_PER_60S / CELLS * 1e9}


def vector_env(n: int, decisions: int, threads: int) -> dict:
    vec = ArzSignalVectorEnv(n, scenario="seed-corridor", decision_interval=5.0, episode_length=5.0 * (decisions + 24),
                             threads=threads)
    vec.reset(seed=1)
    for _ in range(24):
        vec.step(np.zeros(n, dtype=np.int64))
    rng = np.random.default_rng(0)
    acts = [rng.integers(0, 2, size=n) for _ in range(decisions)]
    it = iter(acts)
    wall, cpu = timed(lambda: vec.step(next(it)), decisions)
    batch = Batch(corridor_spec(), np.arange(n))
    batch.step(120.0, threads)
    bwall, _ = timed(lambda: batch.step(5.0, threads), decisions)
    return {"problem": f"{n} seed corridors, vector env, 5 s decisions, {threads} threads", "size": {"envs": n, "cells": CELLS},
            "decisions": decisions, "seconds": wall, "decision_steps_per_s": n * decisions / wall,
            "baseline": {"what": "bare native batch step of 5 s", "seconds": bwall, "decision_steps_per_s": n * decisions / bwall},
            "ratio_env_over_native": wall / bwall, "target_decision_steps_per_s": 100000,
            "ns_per_cell_per_sim_second": wall / (n * decisions) / 5.0 / CELLS * 1e9,
            "ns_per_cell_step_estimate": wall / (n * decisions) / (NATIVE_STEPS_PER_60S / 12.0) / CELLS * 1e9}


def ppo(events: Path | None) -> dict:
    if events is None or not events.is_file():
        import tempfile
        from mfgw.rl.ppo import PPOArgs, train
        with tempfile.TemporaryDirectory() as tmp:
            train(PPOArgs(updates=3, num_envs=8, env={"scenario": "corridor-cross", "episode_length": 600.0}), Path(tmp), quiet=True)
            lines = (Path(tmp) / "events.jsonl").read_text().splitlines()
        source = "3 updates here, 8 envs, corridor-cross, 10 s decisions"
    else:
        lines = events.read_text().splitlines()
        source = str(events)
    ups = [json.loads(l) for l in lines if '"event": "update"' in l]
    sps = float(np.median([u["steps_per_s"] for u in ups]))
    return {"problem": "PPO wall time to 10^6 environment steps (extrapolated from the median update)", "source": source,
            "updates": len(ups), "steps_per_s": sps, "seconds_to_1e6_steps": 1e6 / sps,
            "sim_fraction": float(np.median([u["sim_fraction"] for u in ups]))}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    p.add_argument("--ppo-events", type=Path)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    k = 1 if a.quick else 5
    result = {"benchmark": "rl_env", "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                                                  "load_average_1m": os.getloadavg()[0], "python": platform.python_version(),
                                                  "date": time.strftime("%Y-%m-%dT%H:%M:%S")},
              "results": [single_env(60 * k), vector_env(256, 4 * k, a.threads), ppo(a.ppo_events)]}
    try:
        result["machine"]["cpu"] = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
