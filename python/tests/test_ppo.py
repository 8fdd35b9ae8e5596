"""A short PPO run improves on its initial policy (fixed seeds, greedy evaluation on held-out
seeds), and training resumes exactly from a checkpoint."""
import numpy as np
import torch

from mfgw.rl import ArzSignalVectorEnv
from mfgw.rl.baselines import run_episode
from mfgw.rl.ppo import Agent, PolicyController, PPOArgs, action_nvec, load_policy, train

ENV = {"scenario": "corridor-cross", "decision_interval": 10.0, "episode_length": 600.0, "demand_noise": 0.2}


def greedy_return(agent) -> float:
    env = ArzSignalVectorEnv(4, **ENV)
    return float(run_episode(env, PolicyController(agent), 10_000)["return"].mean())


def test_short_training_beats_the_initial_policy(tmp_path):
    args = PPOArgs(seed=1, updates=20, num_envs=4, learning_rate=1e-3, env=ENV)
    env = ArzSignalVectorEnv(1, **ENV)
    torch.manual_seed(args.seed)  # the initial policy train() starts from
    initial = Agent(env.single_observation_space.shape[0], action_nvec(env.single_action_space), args.hidden)
    result = train(args, tmp_path, quiet=True)
    before, after = greedy_return(initial), greedy_return(result["agent"])
    # Returns are negative (delay); the trained policy must remove at least a quarter of it.
    assert after > before + 0.25 * abs(before), (before, after)
    agent, env_cfg = load_policy(tmp_path / "policy.pt")
    assert env_cfg["scenario"] == "corridor-cross"
    assert greedy_return(agent) == after
    lines = (tmp_path / "events.jsonl").read_text().splitlines()
    assert '"event": "start"' in lines[0] and '"event": "done"' in lines[-1]


def test_resume_is_exact(tmp_path):
    base = dict(seed=3, num_envs=2, env={**ENV, "episode_length": 200.0})
    straight = train(PPOArgs(updates=4, **base), tmp_path / "a", quiet=True)["agent"]
    train(PPOArgs(updates=4, **base), tmp_path / "b", quiet=True, stop_after=2)  # interrupted
    resumed = train(PPOArgs(updates=4, **base), tmp_path / "b", resume=True, quiet=True)["agent"]
    for (k, v), (_, w) in zip(straight.state_dict().items(), resumed.state_dict().items()):
        assert torch.equal(v, w), k
