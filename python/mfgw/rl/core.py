"""The engine shared by the single, vector and multi-agent environments: N simulations of one
scenario in one native batch, with the actions, observations, rewards and metrics computed for all
of them at once by numpy on the batch's arrays (no Python loop over environments while stepping).

Observation of one environment (all entries in [0, 1], float32), in this order:
  per controlled junction, per approach (incoming segment), per class: density, speed, queue over
  the last ``approach_length`` m before the stop line:
      density = vehicles / (L_zone lanes rho_jam),  speed = (sum rho v dx / vehicles) / speed_norm
      (1 when the zone is empty), queue = halted vehicles / (L_zone lanes rho_jam);
  per controlled junction: the current phase one-hot, 1 while a change is under way (yellow or
  all-red), the time in the current stage / time_norm;
  per observed detector, per class, over the last decision interval: flow / (lanes rho_jam
  speed_norm / 4), density / (lanes rho_jam), space-mean speed / speed_norm (1 when nothing passed).
Every entry is clipped to [0, 1].

Rewards of junction j over a decision interval [t, t + D] (summed over junctions for one agent):
  delay:      -s (1/D) int sum_{a in in(j)} sum_i rho_i dx (1 - v_i / v_free) dt   (mean delayed vehicles)
  queue:      -s (1/D) int sum_{a in in(j)} halted vehicles dt                      (mean queue, veh)
  throughput: +s (vehicles leaving the network during the interval) / (D / 60) / J  (veh/min, shared)
  pressure:   -s sum_i (sum_{a in in(j)} x_a - sum_{m in out(j)} x_m) at t + D, x = vehicles / (L lanes rho_jam)
with s the reward scale; integrals are trapezoid sums over samples every ``sample_interval`` s.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..arz import Batch
from ..arz import _lib
from .config import DEFAULT_SCALE, EnvConfig, prepare_spec


@dataclass
class Approach:
    junction: int      # position among the controlled junctions
    segment: int       # native segment index
    cells: int         # zone cells (the last ones of the segment)
    length: float      # zone length, m
    lanes: int


class Layout:
    """The network as the environment sees it: controlled junctions, approaches, zones, normalisers."""

    def __init__(self, spec: dict, controlled: list[str], batch: Batch, cfg: EnvConfig) -> None:
        sim = batch.sim(0)
        self.rho_jam = float((spec.get("physics") or {}).get("rho_jam", 250.0)) / 1000.0  # veh/m per lane
        self.classes = sim.sizes["classes"]
        segs = spec["segments"]
        self.segment_ids = [s.get("id", f"segment-{k}") for k, s in enumerate(segs)]
        self.cells = np.array([sim.segment_cells(k)[0] for k in range(len(segs))])
        self.dx = np.array([sim.segment_cells(k)[1] for k in range(len(segs))])
        self.lanes = np.array([int(s.get("lanes", 1)) for s in segs])
        self.seg_index = {sid: k for k, sid in enumerate(self.segment_ids)}
        junctions = {j["id"]: j for j in spec["junctions"]}
        self.junction_ids = controlled
        self.junction_native = np.array([sim.index("junction", jid) for jid in controlled], dtype=np.int64)
        self.n_junctions_all = sim.sizes["junctions"]
        self.phases = np.array([sim.phase_count(int(j)) for j in self.junction_native], dtype=np.int64)
        self.approaches: list[Approach] = []
        self.in_segments, self.out_segments, self.turning, self.green = [], [], [], []
        for jpos, jid in enumerate(controlled):
            jn = junctions[jid]
            ins = [self.seg_index[s] for s in jn["in"]]
            outs = [self.seg_index[s] for s in jn["out"]]
            self.in_segments.append(ins)
            self.out_segments.append(outs)
            self.turning.append(np.array(jn.get("turning") or [[1.0 / len(outs)] * len(outs)] * len(ins)))
            self.green.append([[a in p.get("green", []) for a in jn["in"]] for p in jn["signal"]["phases"]])
            for seg in ins:
                n = int(min(self.cells[seg], max(1, math.ceil(cfg.approach_length / self.dx[seg] - 1e-9))))
                self.approaches.append(Approach(jpos, seg, n, n * float(self.dx[seg]), int(self.lanes[seg])))
        n_seg = len(segs)
        zones = [(a.segment, int(self.cells[a.segment]) - a.cells, a.cells) for a in self.approaches]
        zones += [(k, 0, int(self.cells[k])) for k in range(n_seg)]
        self.zones = np.array(zones, dtype=_lib.ZONE_DTYPE)
        self.n_approach = len(self.approaches)
        self.full_zone = self.n_approach + np.arange(n_seg)  # zone index of segment k's whole length
        self.approach_capacity = np.array([a.length * a.lanes * self.rho_jam for a in self.approaches])
        self.segment_capacity = self.cells * self.dx * self.lanes * self.rho_jam
        det_ids = [d["id"] for d in spec.get("detectors", []) or []]
        self.detectors = np.array([det_ids.index(d) for d in cfg.detectors], dtype=np.int64)
        det_segs = [self.seg_index[spec["detectors"][k]["segment"]] for k in self.detectors]
        self.detector_lanes = np.array([self.lanes[s] for s in det_segs], dtype=float)
        # Membership matrices: approach -> junction, segment in/out of junction.
        J = len(controlled)
        self.approach_of = np.zeros((self.n_approach, J))
        for k, a in enumerate(self.approaches):
            self.approach_of[k, a.junction] = 1.0
        self.in_matrix = np.zeros((n_seg, J))
        self.out_matrix = np.zeros((n_seg, J))
        for j in range(J):
            self.in_matrix[self.in_segments[j], j] = 1.0
            self.out_matrix[self.out_segments[j], j] = 1.0
        self._feature_index(J)

    def _feature_index(self, J: int) -> None:
        """Observation size and, per junction, the indices of its own features (for the agents)."""
        C = self.classes
        per_junction: list[list[int]] = [[] for _ in range(J)]
        k = 0
        for a in self.approaches:
            per_junction[a.junction].extend(range(k, k + 3 * C))
            k += 3 * C
        self.signal_offset = k
        for j in range(J):
            width = int(self.phases[j]) + 2
            per_junction[j].extend(range(k, k + width))
            k += width
        self.detector_offset = k
        k += 3 * C * len(self.detectors)
        self.obs_size = k
        self.junction_features = [np.array(ix, dtype=np.int64) for ix in per_junction]


class BatchCore:
    """N environments of one configuration stepped in lockstep by one native batch."""

    def __init__(self, cfg: EnvConfig, num_envs: int) -> None:
        self.cfg = cfg
        self.spec, controlled = prepare_spec(cfg)
        self.num_envs = int(num_envs)
        self.batch = Batch(self.spec, np.arange(self.num_envs, dtype=np.uint64))
        self.layout = Layout(self.spec, controlled, self.batch, cfg)
        self.scale = cfg.reward_scale if cfg.reward_scale is not None else DEFAULT_SCALE[cfg.reward]
        self.steps_per_episode = int(round(cfg.episode_length / cfg.decision_interval))
        L, N = self.layout, self.num_envs
        self._values = np.zeros((N, L.zones.size), _lib.ZONE_VALUES_DTYPE)
        self._queue_time = np.zeros((N, L.classes))
        self._signals = np.zeros((N, L.n_junctions_all), _lib.SIGNAL_DTYPE)
        self._phases = np.full((N, L.n_junctions_all), -1, dtype=np.int32)
        self._totals = np.zeros(N, _lib.TOTALS_DTYPE)
        self._det = np.zeros((N, max(1, len(L.detectors))), _lib.DETECTOR_TOTALS_DTYPE)
        self._det_before = None
        self.elapsed = 0

    # --- reset -------------------------------------------------------------------------------
    def reset(self, seeds: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Resets the environments in mask (all by default) with their seeds; the observations of all."""
        idx = np.arange(self.num_envs) if mask is None else np.flatnonzero(mask)
        for i in idx:  # once per episode, not per step
            self.batch.reset(int(i), int(seeds[i]))
        self.elapsed = 0
        self.batch.measure(self.layout.zones, self.cfg.halt_speed, out=self._values)
        self.batch.signals(out=self._signals)
        self.batch.totals(out=self._totals)
        self._outflow_before = self._totals["outflow"].sum(axis=1).copy()
        self._inflow_before = self._totals["inflow"].sum(axis=1).copy()
        self._read_detectors()
        return self.observe(np.zeros((self.num_envs, len(self.layout.detectors), self.layout.classes, 3)))

    def _read_detectors(self) -> None:
        if len(self.layout.detectors):
            all_det = self.batch.detector_totals()
            self._det_before = all_det[:, self.layout.detectors].copy()

    # --- actions -------------------------------------------------------------------------------
    def check_actions(self, actions) -> np.ndarray:
        a = np.asarray(actions)
        J = len(self.layout.junction_ids)
        if a.dtype.kind not in "iub" and not (a.dtype.kind == "f" and np.all(np.mod(a, 1) == 0)):
            raise ValueError(f"action: expected integers, received dtype {a.dtype}")
        a = a.astype(np.int64).reshape(self.num_envs, J) if a.size == self.num_envs * J else None
        if a is None:
            raise ValueError(f"action: expected {self.num_envs} x {J} integers, received shape {np.shape(actions)}")
        high = 2 if self.cfg.action == "switch" else self.layout.phases
        bad = (a < 0) | (a >= high)
        if bad.any():
            i, j = np.argwhere(bad)[0]
            limit = high if np.isscalar(high) else high[j]
            raise ValueError(f"action[{i}][{j}] = {a[i, j]} is outside the action space: expected 0..{int(limit) - 1} "
                             f"for junction '{self.layout.junction_ids[j]}' ({self.cfg.action} mode)")
        return a

    def phases_for(self, actions: np.ndarray) -> np.ndarray:
        """The set_phases array for the actions: -1 (keep) wherever a change is under way or the green is
        younger than min_green."""
        L = self.layout
        sig = self._signals[:, L.junction_native]
        phase, stage, t = sig["phase"].astype(np.int64), sig["stage"], sig["time_in_stage"]
        can = (stage == 0) & (t >= self.cfg.min_green - 1e-9)
        if self.cfg.action == "switch":
            wanted = np.where(actions == 1, (phase + 1) % L.phases, -1)
        else:
            wanted = np.where(actions != phase, actions, -1)
        self._phases[:, :] = -1
        self._phases[:, L.junction_native] = np.where(can, wanted, -1)
        return self._phases

    # --- step ----------------------------------------------------------------------------------
    def step(self, actions) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool, dict]:
        """Applies the actions, advances one decision interval; (obs, reward per env, reward per env and
        junction, truncated, metrics)."""
        a = self.check_actions(actions)
        self.batch.set_phases(self.phases_for(a))
        D = self.cfg.decision_interval
        self.batch.advance(D, self.cfg.sample_interval, self.layout.zones, self.cfg.halt_speed, threads=self.cfg.threads,
                           out=self._values, queue_time=self._queue_time)
        self.batch.signals(out=self._signals)
        self.batch.totals(out=self._totals)
        self.elapsed += 1
        det = self._detector_features(D)
        obs = self.observe(det)
        per_junction, metrics = self._rewards_and_metrics(D)
        truncated = self.elapsed >= self.steps_per_episode
        return obs, per_junction.sum(axis=1), per_junction, truncated, metrics

    def _detector_features(self, D: float) -> np.ndarray:
        L = self.layout
        out = np.zeros((self.num_envs, len(L.detectors), L.classes, 3))
        if not len(L.detectors):
            return out
        now = self.batch.detector_totals()[:, L.detectors]
        C = L.classes
        count = now["count"][..., :C] - self._det_before["count"][..., :C]
        dens_t = now["density_time"][..., :C] - self._det_before["density_time"][..., :C]
        lanes = L.detector_lanes[None, :, None]
        out[..., 0] = count / D / (lanes * L.rho_jam * self.cfg.speed_norm / 4.0)
        out[..., 1] = dens_t / D / (lanes * L.rho_jam)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[..., 2] = np.where(dens_t > 1e-12, count / np.maximum(dens_t, 1e-300) / self.cfg.speed_norm, 1.0)
        self._det_before = now.copy()
        return out

    def observe(self, det: np.ndarray) -> np.ndarray:
        L, C, N = self.layout, self.layout.classes, self.num_envs
        v = self._values[:, : L.n_approach]
        veh, halted, moving = v["vehicles"][..., :C], v["halted"][..., :C], v["moving"][..., :C]
        cap = L.approach_capacity[None, :, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            speed = np.where(veh > 1e-9, moving / np.maximum(veh, 1e-300) / self.cfg.speed_norm, 1.0)
        approach = np.stack([veh / cap, speed, halted / cap], axis=-1).reshape(N, -1)
        sig = self._signals[:, L.junction_native]
        parts = [approach]
        for j in range(len(L.junction_ids)):
            onehot = np.zeros((N, int(L.phases[j])))
            onehot[np.arange(N), sig["phase"][:, j]] = 1.0
            parts += [onehot, (sig["stage"][:, j] != 0)[:, None].astype(float),
                      (sig["time_in_stage"][:, j] / self.cfg.time_norm)[:, None]]
        parts.append(det.reshape(N, -1))
        obs = np.concatenate(parts, axis=1)
        return np.clip(np.nan_to_num(obs, nan=0.0, posinf=1.0, neginf=0.0), 0.0, 1.0).astype(np.float32)

    def _rewards_and_metrics(self, D: float) -> tuple[np.ndarray, dict]:
        L, C, cfg = self.layout, self.layout.classes, self.cfg
        full = self._values[:, L.full_zone]
        seg_delay = full["delay_time"][..., :C].sum(axis=2)     # (N, segments), veh s
        seg_halted = full["halted_time"][..., :C].sum(axis=2)
        seg_occ = full["vehicles"][..., :C].sum(axis=2) / L.segment_capacity[None, :]
        outflow_now = self._totals["outflow"][:, :C].sum(axis=1)
        inflow_now = self._totals["inflow"][:, :C].sum(axis=1)
        out_interval = outflow_now - self._outflow_before
        in_interval = inflow_now - self._inflow_before
        self._outflow_before, self._inflow_before = outflow_now, inflow_now
        J = len(L.junction_ids)
        if cfg.reward == "delay":
            r = -(seg_delay @ L.in_matrix) / D
        elif cfg.reward == "queue":
            r = -(seg_halted @ L.in_matrix) / D
        elif cfg.reward == "throughput":
            r = np.repeat((out_interval / (D / 60.0) / J)[:, None], J, axis=1)
        else:
            r = -(seg_occ @ L.in_matrix - seg_occ @ L.out_matrix)
        source_queue = self._queue_time[:, :C].sum(axis=1)
        metrics = {
            "vehicle_time": full["vehicle_time"][..., :C].sum(axis=(1, 2)) + source_queue,  # veh s, network + source queues
            "delay_time": seg_delay.sum(axis=1) + source_queue,    # queued at a source: fully delayed
            "queue_time": seg_halted.sum(axis=1) + source_queue,
            "stops": full["stops"][..., :C].sum(axis=(1, 2)),
            "outflow": out_interval,
            "inflow": in_interval,
            "queue": full["halted"][..., :C].sum(axis=2) @ L.in_matrix.sum(axis=1),  # halted on controlled approaches now
        }
        return self.scale * r, metrics

    # --- what controllers may read ---------------------------------------------------------------
    def signal_state(self) -> np.ndarray:
        return self._signals[:, self.layout.junction_native]

    def segment_vehicles(self, halted: bool = False) -> np.ndarray:
        """(N, segments) vehicles (or halted vehicles) now, all classes."""
        key = "halted" if halted else "vehicles"
        return self._values[:, self.layout.full_zone][key][..., : self.layout.classes].sum(axis=2)

    def approach_values(self) -> np.ndarray:
        return self._values[:, : self.layout.n_approach]
