"""ArzSignalEnv: gymnasium.Env for signal control on one ARZ scenario (one batch of one simulation,
so that it shares every line of stepping, observing and rewarding with the vector env).

    import gymnasium as gym, mfgw.rl
    env = gym.make("mfgw/ArzSignal-v0", scenario="corridor-cross", decision_interval=10)
    obs, info = env.reset(seed=1)
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())

Episodes end by truncation after episode_length seconds (terminated is always False: a traffic
network has no terminal state). Observations, actions and rewards: mfgw/rl/core.py and docs/rl.md.
"""
from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from .config import EnvConfig, make_config
from .core import BatchCore
from .render import spacetime


def action_space(core: BatchCore) -> spaces.Space:
    L = core.layout
    n = [2] * len(L.junction_ids) if core.cfg.action == "switch" else [int(p) for p in L.phases]
    return spaces.Discrete(n[0]) if len(n) == 1 else spaces.MultiDiscrete(n)


def observation_space(core: BatchCore) -> spaces.Box:
    return spaces.Box(0.0, 1.0, shape=(core.layout.obs_size,), dtype=np.float32)


def native_seeds(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 2**63 - 1, size=n, dtype=np.int64).astype(np.uint64)


class ArzSignalEnv(gym.Env):
    metadata = {"render_modes": ["rgb_array"], "render_fps": 4}

    def __init__(self, config: EnvConfig | dict | None = None, render_mode: str | None = None, **options: Any) -> None:
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode: expected one of {self.metadata['render_modes']} or None, received {render_mode!r}")
        self.config = make_config(config, **options)
        self.core = BatchCore(self.config, 1)
        self.render_mode = render_mode
        self.action_space = action_space(self.core)
        self.observation_space = observation_space(self.core)
        self._rows: list[np.ndarray] = []
        self._signal_rows: list[list[str]] = []
        self._needs_reset = True

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        if options:
            raise ValueError(f"options: this environment takes none at reset (configure it at construction), received {sorted(options)}")
        # reset(seed=s) seeds the simulation with s itself (as the vector env's i-th with s + i); later
        # resets draw from the generator seeded here.
        seeds = np.array([seed], dtype=np.uint64) if seed is not None else native_seeds(self.np_random, 1)
        obs = self.core.reset(seeds)
        self._needs_reset = False
        self._rows, self._signal_rows = [], []
        self._record()
        return obs[0], self._info(None)

    def step(self, action):
        if self._needs_reset:
            raise RuntimeError("step() called before reset() or after the episode ended; call reset() first")
        if not self.action_space.contains(np.asarray(action, dtype=np.int64) if not np.isscalar(action) else int(action)):
            raise ValueError(f"action: {action!r} is outside the action space {self.action_space}")
        obs, reward, per_junction, truncated, metrics = self.core.step(np.asarray(action).reshape(1, -1))
        self._record()
        self._needs_reset = truncated
        return obs[0], float(reward[0]), False, bool(truncated), self._info(metrics, per_junction)

    def _info(self, metrics: dict | None, per_junction: np.ndarray | None = None) -> dict:
        sig = self.core.signal_state()[0]
        info: dict[str, Any] = {"time": self.core.elapsed * self.config.decision_interval, "phase": sig["phase"].copy()}
        if metrics is not None:
            info.update({k: float(v[0]) for k, v in metrics.items()})
            info["reward_per_junction"] = per_junction[0].copy()
        return info

    def _record(self) -> None:
        if self.render_mode != "rgb_array":
            return
        L, sim = self.core.layout, self.core.batch.sim(0)
        row = []
        for k in range(len(L.cells)):
            total = sum(sim.density(k, c) for c in range(L.classes))
            row.append(total / (L.lanes[k] * L.rho_jam))
        self._rows.append(np.concatenate(row))
        sig = self.core.signal_state()[0]
        states = []
        for j in range(len(L.junction_ids)):
            main_green = sig["stage"][j] == 0 and sig["phase"][j] == 0
            states.append("changing" if sig["stage"][j] != 0 else ("green" if main_green else "red"))
        self._signal_rows.append(states)

    def render(self):
        if self.render_mode != "rgb_array":
            return None
        boundaries = list(np.concatenate([[0], np.cumsum(self.core.layout.cells)]).astype(int))
        return spacetime(self._rows, boundaries, self._signal_rows)
