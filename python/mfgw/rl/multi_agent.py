"""ArzSignalParallelEnv: PettingZoo ParallelEnv with one agent per controlled junction (the grid
preset by default). Each agent observes its own approaches and signal (the features of
core.Layout.junction_features), acts on its own signal, and receives its junction's reward
(throughput, a network quantity, is shared equally). Episodes end by truncation for all agents at
once. Stepping is one native batch call, as in the single environment.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import ParallelEnv

from .config import EnvConfig, make_config
from .core import BatchCore
from .env import native_seeds


class ArzSignalParallelEnv(ParallelEnv):
    metadata = {"name": "mfgw_arz_signal_v0", "render_modes": []}

    def __init__(self, config: EnvConfig | dict | None = None, **options: Any) -> None:
        options.setdefault("scenario", "grid")
        self.config = make_config(config, **options)
        self.core = BatchCore(self.config, 1)
        L = self.core.layout
        self.possible_agents = list(L.junction_ids)
        self.agents: list[str] = []
        self._features = dict(zip(self.possible_agents, L.junction_features))
        n = {a: (2 if self.config.action == "switch" else int(p)) for a, p in zip(self.possible_agents, L.phases)}
        self._action_spaces = {a: spaces.Discrete(n[a]) for a in self.possible_agents}
        self._observation_spaces = {a: spaces.Box(0.0, 1.0, shape=(len(self._features[a]),), dtype=np.float32)
                                    for a in self.possible_agents}
        self._rng = np.random.default_rng()
        self.render_mode = None

    def observation_space(self, agent: str) -> spaces.Box:
        return self._observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Discrete:
        return self._action_spaces[agent]

    def _split(self, obs: np.ndarray) -> dict[str, np.ndarray]:
        return {a: obs[0, self._features[a]] for a in self.possible_agents}

    def reset(self, seed: int | None = None, options: dict | None = None):
        if seed is not None:
            self._rng = np.random.default_rng(int(seed))
        obs = self.core.reset(native_seeds(self._rng, 1))
        self.agents = list(self.possible_agents)
        return self._split(obs), {a: {} for a in self.agents}

    def step(self, actions: dict[str, int]):
        if not self.agents:
            raise RuntimeError("step() called before reset() or after the episode ended; call reset() first")
        missing = [a for a in self.agents if a not in actions]
        unknown = [a for a in actions if a not in self.possible_agents]
        if missing or unknown:
            raise ValueError(f"actions: expected one action per agent {self.agents}; missing {missing}, unknown {unknown}")
        vector = np.array([[int(actions[a]) for a in self.possible_agents]])
        obs, _, per_junction, truncated, metrics = self.core.step(vector)
        rewards = {a: float(per_junction[0, k]) for k, a in enumerate(self.possible_agents)}
        info = {k: float(v[0]) for k, v in metrics.items()}
        infos = {a: dict(info) for a in self.agents}
        terminations = {a: False for a in self.agents}
        truncations = {a: bool(truncated) for a in self.agents}
        observations = self._split(obs)
        if truncated:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def close(self) -> None:
        self.core.batch.close()
