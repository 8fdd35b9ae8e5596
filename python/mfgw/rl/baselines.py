"""Baseline controllers, acting through the environments' API: each reads the (vector) env's state
(``env.core``: signals, approach zones, segment queues: what detectors would give a real controller)
and returns one action per environment and junction in the env's action mode.

- FixedTime: Webster's cycle (Webster 1958, "Traffic signal settings", Road Research Technical Paper
  39, HMSO): C0 = (1.5 L + 5) / (1 - Y), Y = sum over phases of the critical flow ratio y = q / s,
  greens split in proportion to y, each at least min_green. q: the approaches' demand in car
  equivalents (motorcycles weighted by their alpha, 0.4 by default: the model's occupancy weight),
  propagated from the sources through the turning ratios; s: the model's capacity rho_jam lanes
  Vmax_car / 4 (the maximum of rho V_e for one class); L: per phase, all-red + 2 s start-up loss
  (HCM default). C0 is clipped to [30, 120] s, the usual range.
- Actuated (gap-out): the green is held after min_green while the flow through the green approaches'
  zones exceeds one vehicle per ``gap`` seconds, and ended after ``max_green``.
- MaxPressure (Varaiya 2013, "Max pressure control of a network of signalized intersections",
  Transp. Res. C 36): at each decision, the phase maximising sum over its green approaches l and exits
  m of r_lm (x_l - x_m), x the queue (halted vehicles) of a road; ties keep the current phase.
"""
from __future__ import annotations

import math

import numpy as np

_VMAX = {"motorcycle": [85, 70, 50, 45, 30], "car": [75, 60, 35, 25, 10]}
STARTUP_LOSS = 2.0  # s per phase (HCM 2016, ch. 19 default)


def to_actions(core, desired: np.ndarray) -> np.ndarray:
    """Desired phases (N, J) as actions in the env's mode (switch: 1 where the phase must change)."""
    if core.cfg.action == "choose":
        return desired.astype(np.int64)
    return (desired != core.signal_state()["phase"]).astype(np.int64)


def _core(env):
    return env.unwrapped.core if hasattr(env, "unwrapped") else env.core


class Controller:
    name = "controller"

    def reset(self, env) -> None:
        self.core = _core(env)

    def act(self, obs: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class FixedTime(Controller):
    name = "fixed-time"

    def reset(self, env) -> None:
        super().reset(env)
        self.plans = [webster_plan(self.core, j) for j in range(len(self.core.layout.junction_ids))]
        self.t = 0.0

    def act(self, obs):
        c = self.core
        desired = np.zeros((c.num_envs, len(self.plans)), dtype=np.int64)
        t = c.elapsed * c.cfg.decision_interval
        for j, (cycle, starts) in enumerate(self.plans):
            tau = t % cycle
            desired[:, j] = int(np.searchsorted(starts, tau, side="right") - 1)
        return to_actions(c, desired)


def approach_flows(core) -> np.ndarray:
    """Demand per segment in car equivalents per second, from the sources through the turning ratios."""
    spec, L = core.spec, core.layout
    classes = spec["classes"]
    weight = [1.0 if c.get("type", "car") == "car" else float(c.get("alpha", 0.4)) for c in classes]
    q = np.zeros(len(L.cells))
    for s in spec.get("sources", []) or []:
        for k, c in enumerate(classes):
            v = (s.get("demand") or {}).get(c["name"], 0.0)
            mean = float(v) if isinstance(v, (int, float)) else (np.mean([p[1] for p in v]) if isinstance(v, list) else 0.0)
            q[L.seg_index[s["segment"]]] += weight[k] * mean / 3600.0
    inject = q.copy()
    junctions = spec.get("junctions", []) or []
    for _ in range(len(L.cells) + 1):  # acyclic networks converge in at most #segments sweeps
        new = inject.copy()
        for jn in junctions:
            ins = [L.seg_index[s] for s in jn["in"]]
            outs = [L.seg_index[s] for s in jn["out"]]
            turning = np.array(jn.get("turning") or [[1.0 / len(outs)] * len(outs)] * len(ins))
            new[outs] += q[ins] @ turning
        if np.allclose(new, q):
            break
        q = new
    return q


def saturation_flow(core, segment: int) -> float:
    spec, L = core.spec, core.layout
    seg = spec["segments"][segment]
    quality = seg.get("quality", 1)
    quality = int(quality) if isinstance(quality, (int, float)) else 1
    cars = [c for c in spec["classes"] if c.get("type", "car") == "car"] or spec["classes"]
    vmax = cars[0].get("vmax") or _VMAX.get(cars[0].get("type", "car"), _VMAX["car"])
    v = vmax[min(len(vmax), max(1, quality)) - 1]
    if "speed_limit" in seg:
        v = min(v, seg["speed_limit"])
    return L.rho_jam * L.lanes[segment] * (v / 3.6) / 4.0


def webster_plan(core, j: int) -> tuple[float, np.ndarray]:
    """(cycle, start time of each phase's green within the cycle) for controlled junction j."""
    L, cfg = core.layout, core.cfg
    jn = next(x for x in core.spec["junctions"] if x["id"] == L.junction_ids[j])
    signal = jn["signal"]
    change = float(signal.get("yellow", 3.0)) + float(signal.get("all_red", 2.0))
    q = approach_flows(core)
    ratios = []
    for greens in L.green[j]:
        y = [q[seg] / saturation_flow(core, seg) for seg, g in zip(L.in_segments[j], greens) if g]
        ratios.append(max(y) if y else 0.0)
    n = len(ratios)
    lost = n * (float(signal.get("all_red", 2.0)) + STARTUP_LOSS)
    Y = min(sum(ratios), 0.95)
    cycle = float(np.clip((1.5 * lost + 5.0) / (1.0 - Y), 30.0, 120.0))
    green_total = cycle - n * change
    share = np.array(ratios) / sum(ratios) if sum(ratios) > 0 else np.full(n, 1.0 / n)
    greens = np.maximum(share * green_total, cfg.min_green)
    # Decisions fall on a grid: round each green to whole decision intervals (at least one).
    D = cfg.decision_interval
    greens = np.maximum(np.round(greens / D), 1) * D
    slots = greens + math.ceil(change / D) * D
    starts = np.concatenate([[0.0], np.cumsum(slots)[:-1]])
    return float(slots.sum()), starts


class Actuated(Controller):
    name = "actuated"

    def __init__(self, gap: float = 3.0, max_green: float = 60.0) -> None:
        self.gap, self.max_green = gap, max_green

    def act(self, obs):
        c, L = self.core, self.core.layout
        sig = c.signal_state()
        v = c.approach_values()
        C = L.classes
        flow = v["moving"][..., :C].sum(axis=2) / np.array([a.length for a in L.approaches])[None, :]  # veh/s
        desired = sig["phase"].astype(np.int64).copy()
        for j in range(len(L.junction_ids)):
            green_now = np.array(L.green[j])[sig["phase"][:, j]]          # (N, approaches of j)
            own = [k for k, a in enumerate(L.approaches) if a.junction == j]
            served = (flow[:, own] * green_now).sum(axis=1)
            gap_out = served < 1.0 / self.gap
            max_out = sig["time_in_stage"][:, j] >= self.max_green - 1e-9
            change = (gap_out | max_out) & (sig["stage"][:, j] == 0)
            desired[:, j] = np.where(change, (sig["phase"][:, j] + 1) % L.phases[j], sig["phase"][:, j])
        return to_actions(c, desired)


class MaxPressure(Controller):
    name = "max-pressure"

    def act(self, obs):
        c, L = self.core, self.core.layout
        x = c.segment_vehicles(halted=True)  # (N, segments)
        sig = c.signal_state()
        desired = np.zeros((c.num_envs, len(L.junction_ids)), dtype=np.int64)
        for j in range(len(L.junction_ids)):
            ins, outs, r = L.in_segments[j], L.out_segments[j], L.turning[j]
            movement = x[:, ins] - x[:, outs] @ r.T          # (N, in): sum_m r_lm (x_l - x_m)
            pressure = movement @ np.array(L.green[j], dtype=float).T  # (N, phases)
            best = pressure.argmax(axis=1)
            current = sig["phase"][:, j]
            keep = pressure[np.arange(c.num_envs), current] >= pressure[np.arange(c.num_envs), best] - 1e-12
            desired[:, j] = np.where(keep, current, best)
        return to_actions(c, desired)


class Constant(Controller):
    """Always asks for one phase (0: the first, e.g. the arterial): the always-green reference."""

    def __init__(self, phase: int = 0) -> None:
        self.phase = phase
        self.name = f"always-phase-{phase}"

    def act(self, obs):
        c = self.core
        return to_actions(c, np.full((c.num_envs, len(c.layout.junction_ids)), self.phase, dtype=np.int64))


BASELINES = {"fixed-time": FixedTime, "actuated": Actuated, "max-pressure": MaxPressure}


def run_episode(env, controller, seed: int) -> dict:
    """One episode of a vector env (all sub-envs) under a controller: summed rewards and metrics (N,)."""
    obs, _ = env.reset(seed=seed)
    controller.reset(env)
    total = {"return": np.zeros(env.num_envs)}
    while True:
        obs, reward, term, trunc, info = env.step(controller.act(obs))
        total["return"] += reward
        for k in ("vehicle_time", "delay_time", "queue_time", "stops", "outflow", "inflow"):
            total[k] = total.get(k, 0.0) + info[k]
        if trunc.all() or term.all():
            return total
