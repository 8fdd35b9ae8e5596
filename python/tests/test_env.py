"""The gymnasium environments: API (check_env), determinism, action effect, spaces, refusals."""
import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from gymnasium.vector import AutoresetMode

import mfgw.rl  # noqa: F401  (registers mfgw/ArzSignal-v0)
from mfgw.rl import ArzSignalEnv, ArzSignalVectorEnv, ConfigError


def test_check_env_passes_for_every_decision_interval_and_action_mode():
    for interval, action in ((60.0, "switch"), (10.0, "choose"), (5.0, "switch")):
        env = gym.make("mfgw/ArzSignal-v0", decision_interval=interval, episode_length=12 * interval, action=action,
                       render_mode="rgb_array", detectors=["stop-line", "cross-stop-line"])
        check_env(env.unwrapped)
        env.reset(seed=0)
        env.step(env.action_space.sample())
        frame = env.render()
        assert frame.dtype == np.uint8 and frame.ndim == 3 and frame.shape[2] == 3


def rollout(env, seed, actions):
    obs, _ = env.reset(seed=seed)
    out = [obs]
    for a in actions:
        obs, r, term, trunc, info = env.step(a)
        out.append(np.append(obs, r))
    return np.concatenate(out)


def test_same_seed_same_trajectory_bitwise_and_vector_equals_single():
    actions = np.random.default_rng(0).integers(0, 2, size=40)
    cfg = dict(decision_interval=10.0, episode_length=600.0, demand_noise=0.3)
    a = rollout(ArzSignalEnv(**cfg), 7, actions)
    b = rollout(ArzSignalEnv(**cfg), 7, actions)
    c = rollout(ArzSignalEnv(**cfg), 8, actions)
    assert a.tobytes() == b.tobytes()
    assert not np.array_equal(a, c)  # the seed draws the demand noise
    vec = ArzSignalVectorEnv(3, threads=2, **cfg)
    seeds = [11, 12, 13]
    obs, _ = vec.reset(seed=seeds)
    singles = [ArzSignalEnv(**cfg) for _ in seeds]
    for env, s in zip(singles, seeds):
        env.reset(seed=s)
    for k in range(20):
        acts = np.array([actions[k], 1 - actions[k], actions[k]])
        vobs, vr, _, _, _ = vec.step(acts)
        for i, env in enumerate(singles):
            o, r, _, _, _ = env.step(int(acts[i]))
            assert o.tobytes() == vobs[i].tobytes() and r == vr[i]


def downstream_vehicles(env):
    return env.core.segment_vehicles()[0, env.core.layout.seg_index["downstream"]]


def test_actions_change_the_dynamics_and_red_empties_downstream():
    cfg = dict(scenario="corridor-cross", action="choose", decision_interval=10.0, episode_length=900.0)
    green, red = ArzSignalEnv(**cfg), ArzSignalEnv(**cfg)
    og, _ = green.reset(seed=1)
    orr, _ = red.reset(seed=1)
    start = downstream_vehicles(red)
    rg = rr = 0.0
    for _ in range(90):
        og, a, *_ = green.step(0)  # always green for the arterial
        orr, b, *_ = red.step(1)   # always red for it (the cross street's phase)
        rg, rr = rg + a, rr + b
    assert not np.array_equal(og, orr)
    assert downstream_vehicles(green) > 0.5 * start
    assert downstream_vehicles(red) < 1e-3 * start  # nothing crosses a red stop line: downstream drains
    # The arterial queue under red is long: its approach's queue feature is near jam.
    assert orr[2] > 0.8 and og[2] < 0.2


def test_observations_finite_and_in_space_under_random_actions():
    env = ArzSignalEnv(scenario="grid", decision_interval=5.0, episode_length=300.0, detectors=["AC-A0"], action="choose")
    obs, _ = env.reset(seed=3)
    for _ in range(60):
        assert np.all(np.isfinite(obs)) and env.observation_space.contains(obs)
        obs, r, term, trunc, info = env.step(env.action_space.sample())
        assert np.isfinite(r)
    assert trunc and not term


def test_vector_env_autoreset_same_step():
    vec = gym.make_vec("mfgw/ArzSignal-v0", num_envs=2, vectorization_mode="vector_entry_point", episode_length=30.0)
    assert vec.metadata["autoreset_mode"] == AutoresetMode.SAME_STEP
    obs, _ = vec.reset(seed=0)
    for k in range(3):
        obs, r, term, trunc, info = vec.step(np.zeros(2, dtype=np.int64))
    assert trunc.all() and info["_final_obs"].all()
    assert info["time"][0] == 30.0 and not np.array_equal(info["final_obs"][0], obs[0])
    assert vec.single_observation_space.contains(info["final_obs"][0])
    obs, *_ = vec.step(np.zeros(2, dtype=np.int64))  # the new episode continues


@pytest.mark.parametrize("options, field", [
    ({"demand_scale": 1e-4}, "scenario.sources"),
    ({"junctions": ["signal", "nowhere"]}, "junctions[1]"),
    ({"detectors": ["x250", "nope"]}, "detectors[1]"),
    ({"decision_interval": 5.0, "min_green": 10.0}, "decision_interval"),
    ({"episode_length": 95.0, "decision_interval": 10.0}, "episode_length"),
    ({"reward": "speed"}, "reward"),
    ({"decison_interval": 5}, "decison_interval"),
    ({"approach_length": -1}, "approach_length"),
])
def test_bad_configurations_are_refused_with_the_field_named(options, field):
    with pytest.raises(ConfigError) as error:
        ArzSignalEnv(scenario="seed-corridor", **options)
    assert error.value.field == field and str(error.value).startswith(field + ":")


def test_empty_road_is_refused_and_actions_outside_the_space():
    spec = mfgw.rl.config.load_scenario("seed-corridor")
    for source in spec["sources"]:
        source["demand"] = {"motorcycles": 0, "cars": 0}
    with pytest.raises(ConfigError, match="nearly\\) empty"):
        ArzSignalEnv(scenario=spec)
    env = ArzSignalEnv(scenario="seed-corridor")
    env.reset(seed=0)
    with pytest.raises(ValueError, match="outside the action space"):
        env.step(2)
    vec = ArzSignalVectorEnv(2, scenario="seed-corridor")
    vec.reset(seed=0)
    with pytest.raises(ValueError, match=r"action\[1\]\[0\] = 3"):
        vec.step(np.array([0, 3]))


def test_min_green_holds_a_young_green():
    env = ArzSignalEnv(scenario="corridor-cross", decision_interval=10.0, min_green=10.0, action="switch")
    env.reset(seed=0)
    env.step(1)                     # the initial green is 0 s old: held
    assert env.core.signal_state()["phase"][0, 0] == 0
    env.step(1)                     # switch: yellow 3 s + all-red 2 s, then 5 s of the cross street's green
    assert env.core.signal_state()["phase"][0, 0] == 1
    env.step(1)                     # green is 5 s old < min_green: held
    assert env.core.signal_state()["phase"][0, 0] == 1
    env.step(1)                     # 15 s old: obeyed
    assert env.core.signal_state()["phase"][0, 0] == 0
