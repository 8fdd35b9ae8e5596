"""Baselines through the env API, and the PettingZoo form."""
import numpy as np
from pettingzoo.test import parallel_api_test

from mfgw.rl import ArzSignalVectorEnv
from mfgw.rl.baselines import Actuated, Constant, FixedTime, MaxPressure, approach_flows, run_episode, saturation_flow, webster_plan
from mfgw.rl.multi_agent import ArzSignalParallelEnv


def test_webster_cycle_by_hand():
    env = ArzSignalVectorEnv(1, scenario="corridor-cross", decision_interval=5.0)
    core = env.core
    q = approach_flows(core)
    up, cross = core.layout.seg_index["upstream"], core.layout.seg_index["cross-in"]
    # car equivalents: 600 cars + 0.4 x 1500 motorcycles; 240 + 0.4 x 600 (veh/h -> veh/s)
    assert np.isclose(q[up], 1200 / 3600) and np.isclose(q[cross], 480 / 3600)
    assert np.isclose(q[core.layout.seg_index["downstream"]], 1200 / 3600)  # straight through
    s = saturation_flow(core, up)  # rho_jam Vmax_car / 4 = 0.25 veh/m x (60 / 3.6) m/s / 4
    assert np.isclose(s, 0.25 * 60 / 3.6 / 4)
    Y = (1200 / 3600 + 480 / 3600) / s
    lost = 2 * (2.0 + 2.0)
    c0 = (1.5 * lost + 5) / (1 - Y)  # Webster 1958
    cycle, starts = webster_plan(core, 0)
    assert np.isclose(c0, 30.797, rtol=1e-4)
    # Greens (C0 - 2 x 5 s) split 5 : 2 by y = 14.9 and 5.9 s, rounded to whole 5 s decisions (15, 5),
    # each followed by its 5 s change: phase 1 starts at 20 s of a 30 s cycle.
    assert cycle == 30.0 and list(starts) == [0.0, 20.0]


def test_max_pressure_serves_the_longer_queue_and_baselines_beat_a_stuck_signal():
    env = ArzSignalVectorEnv(2, scenario="corridor-cross", decision_interval=5.0, episode_length=900.0, action="choose")
    results = {c.name: run_episode(env, c, 5) for c in (FixedTime(), Actuated(), MaxPressure(), Constant(0))}
    stuck = results["always-phase-0"]["delay_time"].mean()
    for name in ("fixed-time", "actuated", "max-pressure"):
        assert results[name]["delay_time"].mean() < 0.5 * stuck, name
    env.reset(seed=0)
    mp = MaxPressure()
    mp.reset(env)
    for _ in range(30):  # hold the arterial green: the cross street queues up
        env.step(np.zeros(2, dtype=np.int64))
    assert (mp.act(None) == 1).all()


def test_parallel_env_api_and_local_rewards():
    env = ArzSignalParallelEnv(episode_length=200.0, decision_interval=10.0)
    parallel_api_test(env, num_cycles=30)
    obs, _ = env.reset(seed=2)
    assert set(obs) == {"AC", "AD", "BC", "BD"}
    _, rewards, _, trunc, _ = env.step({a: 0 for a in env.agents})
    assert all(np.isfinite(r) for r in rewards.values()) and not any(trunc.values())
