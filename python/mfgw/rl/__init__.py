"""Traffic-signal control by reinforcement learning on the ARZ model (docs/rl.md).

- ``ArzSignalEnv`` (gymnasium.Env), ``ArzSignalVectorEnv`` (gymnasium.vector.VectorEnv, one native
  batch call per step, autoreset SAME_STEP), ``ArzSignalParallelEnv`` (PettingZoo, one agent per
  junction; ``mfgw.rl.multi_agent``);
- ``EnvConfig`` and ``ConfigError`` (every refusal names its field);
- baselines (``mfgw.rl.baselines``), PPO (``python -m mfgw.rl.ppo``), evaluation
  (``python -m mfgw.rl.evaluate``).

Registered with gymnasium as ``mfgw/ArzSignal-v0`` (``gym.make``) and, for ``gym.make_vec`` with
``vectorization_mode="vector_entry_point"``, the native vector env.
"""
from __future__ import annotations

import gymnasium as gym

from .config import ConfigError, EnvConfig, make_config
from .env import ArzSignalEnv
from .vector_env import ArzSignalVectorEnv

__all__ = ["ArzSignalEnv", "ArzSignalVectorEnv", "ConfigError", "EnvConfig", "make_config"]

if "mfgw/ArzSignal-v0" not in gym.registry:
    gym.register(
        id="mfgw/ArzSignal-v0",
        entry_point="mfgw.rl.env:ArzSignalEnv",
        vector_entry_point="mfgw.rl.vector_env:ArzSignalVectorEnv",
        disable_env_checker=False,
    )
