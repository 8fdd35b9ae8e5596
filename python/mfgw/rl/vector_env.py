"""ArzSignalVectorEnv: gymnasium.vector.VectorEnv of N copies of one scenario stepped by ONE native
batch call per step (across threads; bitwise the same as N single environments with the same seeds).

Autoreset: ``AutoresetMode.SAME_STEP`` (``metadata["autoreset_mode"]``). Every episode has the same
length, so all sub-environments truncate on the same step; that step returns the observations of
the NEW episodes, and ``info["final_obs"]`` (object array, one per sub-environment) with
``info["_final_obs"]`` (mask) and ``info["final_info"]`` hold the last observations and metrics of the
episodes that ended. A loop written for NEXT_STEP (gymnasium's default) would wrongly treat the
step after a truncation as a reset step: use the final_obs to bootstrap a truncated value instead.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from .config import EnvConfig, make_config
from .core import BatchCore
from .env import action_space, native_seeds, observation_space


class ArzSignalVectorEnv(VectorEnv):
    metadata = {"autoreset_mode": AutoresetMode.SAME_STEP, "render_modes": []}

    def __init__(self, num_envs: int, config: EnvConfig | dict | None = None, **options: Any) -> None:
        if not isinstance(num_envs, (int, np.integer)) or num_envs < 1:
            raise ValueError(f"num_envs: expected an integer >= 1, received {num_envs!r}")
        self.config = make_config(config, **options)
        self.core = BatchCore(self.config, int(num_envs))
        self.num_envs = int(num_envs)
        self.single_observation_space = observation_space(self.core)
        self.single_action_space = action_space(self.core)
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self.render_mode = None
        self._rng = np.random.default_rng()
        self._needs_reset = True

    def reset(self, *, seed: int | list[int] | None = None, options: dict | None = None):
        if options:
            raise ValueError(f"options: this environment takes none at reset (configure it at construction), received {sorted(options)}")
        if isinstance(seed, (list, tuple, np.ndarray)):
            if len(seed) != self.num_envs:
                raise ValueError(f"seed: expected {self.num_envs} seeds or one, received {len(seed)}")
            self._rng = np.random.default_rng(list(int(s) for s in seed))
            seeds = np.asarray(seed, dtype=np.uint64)
        else:
            if seed is not None:  # as gymnasium's SyncVectorEnv: sub-environment i gets seed + i
                self._rng = np.random.default_rng(int(seed))
                seeds = np.arange(self.num_envs, dtype=np.uint64) + np.uint64(seed)
            else:
                seeds = native_seeds(self._rng, self.num_envs)
        obs = self.core.reset(seeds)
        self._needs_reset = False
        return obs, {"time": np.zeros(self.num_envs)}

    def step(self, actions):
        if self._needs_reset:
            raise RuntimeError("step() called before reset(); call reset() first")
        obs, rewards, _, truncated, metrics = self.core.step(actions)
        t = self.core.elapsed * self.config.decision_interval
        infos: dict[str, Any] = {**metrics, "time": np.full(self.num_envs, float(t))}
        truncations = np.full(self.num_envs, bool(truncated))
        if truncated:
            final_obs = np.empty(self.num_envs, dtype=object)
            for i in range(self.num_envs):  # once per episode
                final_obs[i] = obs[i]
            infos["final_obs"], infos["_final_obs"] = final_obs, truncations.copy()
            infos["final_info"] = {k: np.copy(v) for k, v in metrics.items()}
            infos["_final_info"] = truncations.copy()
            obs = self.core.reset(native_seeds(self._rng, self.num_envs))
        return obs, rewards.astype(np.float64), np.zeros(self.num_envs, dtype=bool), truncations, infos

    def close_extras(self, **kwargs: Any) -> None:
        self.core.batch.close()
