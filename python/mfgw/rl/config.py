"""Configuration of the signal-control environments: validation (every refusal names its field) and
the preparation of the ARZ spec (controlled signals made external, numerics, demand, horizon).

Choices where the issue is silent (docs/rl.md, "Configuration"): decisions every 10 s, an episode of
one hour, min green 5 s, the spec's own yellow and all-red, first-order numerics (the benchmark's
scheme; WENO5-Z can be asked for), halting speed 5 km/h, observation zones of the last 100 m of
each approach.
"""
from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..arz import repository_root

REWARDS = ("delay", "queue", "throughput", "pressure")
ACTIONS = ("switch", "choose")
DEFAULT_SCALE = {"delay": 0.01, "queue": 0.01, "throughput": 0.1, "pressure": 1.0}
PRESETS = {
    "seed-corridor": "arz-seed-corridor.json",
    "corridor-cross": "arz-corridor-cross-street.json",
    "grid": "arz-grid-4-signals.json",
}


class ConfigError(ValueError):
    """A configuration was refused; ``field`` names the offending entry (e.g. ``junctions[1]``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class EnvConfig:
    """What a signal-control environment simulates, observes, may do and is rewarded for.

    scenario: a spec dict, a path to a spec JSON, or a preset name (``seed-corridor``,
    ``corridor-cross``, ``grid``).
    """

    scenario: Any = "corridor-cross"
    junctions: tuple[str, ...] | None = None   # controlled signals (default: every signalised junction)
    decision_interval: float = 10.0            # s between decisions
    episode_length: float = 3600.0             # s; a multiple of decision_interval
    min_green: float = 5.0                     # s a green lasts before a switch is obeyed
    yellow: float | None = None                # s; None keeps the spec's
    all_red: float | None = None               # s; None keeps the spec's
    action: str = "switch"                     # "switch": keep (0) / next phase (1); "choose": the phase
    reward: str = "delay"                      # one of REWARDS (formulas in docs/rl.md)
    reward_scale: float | None = None          # None: DEFAULT_SCALE[reward]
    approach_length: float = 100.0             # m before each stop line observed per approach
    detectors: tuple[str, ...] = ()            # detector ids whose interval flow/density/speed are observed
    halt_speed: float = 5.0 / 3.6              # m/s below which a vehicle counts as queued
    sample_interval: float = 5.0               # s between the samples of the integrals (delay, queue, stops)
    numerics: dict | None = field(default_factory=lambda: {"reconstruction": "first_order"})  # None keeps the spec's
    demand_scale: float = 1.0                  # multiplies every source's demand
    demand_noise: float | None = None          # relative std of the demand (spec "noise"); None keeps
    min_demand: float = 60.0                   # veh/h: a scenario whose sources bring less is refused
    threads: int = 0                           # native threads for a batch (<= 0: OpenMP's default)
    speed_norm: float = 100.0 / 3.6            # m/s: speeds are observed as v / speed_norm, clipped to [0, 1]
    time_norm: float = 120.0                   # s: time in phase observed as t / time_norm, clipped to [0, 1]

    def with_(self, **changes) -> "EnvConfig":
        return replace(self, **changes)


def make_config(config: EnvConfig | dict | None = None, **overrides) -> EnvConfig:
    """An EnvConfig from a config, a dict of its fields, and/or keyword overrides (unknown keys refused)."""
    if config is None:
        config = EnvConfig()
    elif isinstance(config, dict):
        overrides = {**config, **overrides}
        config = EnvConfig()
    elif not isinstance(config, EnvConfig):
        raise ConfigError("config", f"expected an EnvConfig or a dict of its fields, received {type(config).__name__}")
    known = {f.name for f in fields(EnvConfig)}
    for key in overrides:
        if key not in known:
            close = [k for k in known if k.startswith(key[:4])]
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(key, f"unknown option{hint} Options are: {', '.join(sorted(known))}")
    for key in ("junctions", "detectors"):
        if key in overrides and overrides[key] is not None and not isinstance(overrides[key], (list, tuple)):
            raise ConfigError(key, f"expected a list of ids, received {overrides[key]!r}")
        if key in overrides and overrides[key] is not None:
            overrides[key] = tuple(overrides[key])
    return replace(config, **overrides)


def load_scenario(scenario: Any) -> dict:
    """The spec dict of a scenario given as a dict, a path or a preset name."""
    if isinstance(scenario, dict):
        return copy.deepcopy(scenario)
    if isinstance(scenario, (str, Path)):
        name = str(scenario)
        path = repository_root() / "assets" / "presets" / "arz" / PRESETS[name] if name in PRESETS else Path(name)
        if not path.is_file():
            raise ConfigError("scenario", f"no spec file {path}; expected a spec dict, a path to a spec JSON, "
                                          f"or a preset name ({', '.join(PRESETS)})")
        with open(path, encoding="utf-8") as f:
            try:
                return json.load(f)
            except json.JSONDecodeError as error:
                raise ConfigError("scenario", f"{path} is not JSON ({error})") from error
    raise ConfigError("scenario", f"expected a spec dict, a path or a preset name, received {type(scenario).__name__}")


def _positive(cfg: EnvConfig, name: str, allow_zero: bool = False) -> float:
    value = getattr(cfg, name)
    ok = isinstance(value, (int, float)) and math.isfinite(value) and (value >= 0 if allow_zero else value > 0)
    if not ok:
        raise ConfigError(name, f"expected a finite number {'>= 0' if allow_zero else '> 0'}, received {value!r}")
    return float(value)


def check_numbers(cfg: EnvConfig) -> None:
    for name in ("decision_interval", "episode_length", "approach_length", "halt_speed", "sample_interval",
                 "demand_scale", "speed_norm", "time_norm"):
        _positive(cfg, name)
    for name in ("min_green", "min_demand"):
        _positive(cfg, name, allow_zero=True)
    for name in ("yellow", "all_red", "demand_noise", "reward_scale"):
        if getattr(cfg, name) is not None:
            _positive(cfg, name, allow_zero=name != "reward_scale")
    if cfg.decision_interval < cfg.min_green:
        raise ConfigError("decision_interval", f"{cfg.decision_interval} s is shorter than min_green ({cfg.min_green} s): "
                                               "a switch could never be obeyed at the next decision; lengthen the interval "
                                               "or shorten min_green")
    steps = cfg.episode_length / cfg.decision_interval
    if abs(steps - round(steps)) > 1e-9 or round(steps) < 1:
        raise ConfigError("episode_length", f"{cfg.episode_length} s is not a whole number of decision intervals "
                                            f"({cfg.decision_interval} s); expected a multiple")
    if cfg.action not in ACTIONS:
        raise ConfigError("action", f"expected one of {', '.join(ACTIONS)}, received {cfg.action!r}")
    if cfg.reward not in REWARDS:
        raise ConfigError("reward", f"expected one of {', '.join(REWARDS)}, received {cfg.reward!r}")
    if not isinstance(cfg.threads, int):
        raise ConfigError("threads", f"expected an integer, received {cfg.threads!r}")


def _mean_demand(value: Any, horizon: float) -> float | None:
    """Mean demand in veh/h of a source's demand entry; None for a formula (not evaluated here)."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list) and value and all(isinstance(p, list) and len(p) == 2 for p in value):
        ts = [float(p[0]) for p in value] + [max(horizon, float(value[-1][0]))]
        qs = [float(p[1]) for p in value] + [float(value[-1][1])]
        area = sum(0.5 * (qs[k] + qs[k + 1]) * (ts[k + 1] - ts[k]) for k in range(len(ts) - 1) if ts[k] < horizon)
        return area / max(horizon, 1e-9)
    return None


def _scale_demand(value: Any, scale: float) -> Any:
    if isinstance(value, (int, float)):
        return value * scale
    if isinstance(value, list):
        return [[p[0], p[1] * scale] for p in value]
    return f"({value}) * {scale!r}"


def check_demand(spec: dict, cfg: EnvConfig) -> float:
    """The sources' total mean demand (veh/h); refuses an essentially empty scenario."""
    total, formulas = 0.0, 0
    for source in spec.get("sources", []) or []:
        for value in (source.get("demand") or {}).values():
            mean = _mean_demand(value, cfg.episode_length)
            if mean is None:
                formulas += 1
            else:
                total += mean
    if formulas == 0 and total < cfg.min_demand:
        raise ConfigError("scenario.sources", f"the sources bring {total:.1f} veh/h in all, below min_demand "
                                              f"({cfg.min_demand} veh/h): the road would be (nearly) empty and every "
                                              "controller would score the same. Raise the demands (or demand_scale), "
                                              "or lower min_demand if this is intended")
    return total


def prepare_spec(cfg: EnvConfig) -> tuple[dict, list[str]]:
    """The spec the environment simulates, and the ids of the controlled junctions."""
    check_numbers(cfg)
    spec = load_scenario(cfg.scenario)
    if not isinstance(spec, dict) or spec.get("model") != "arz":
        raise ConfigError("scenario", "expected an ARZ spec ({\"model\": \"arz\", ...}; docs/traffic.md)")
    signalised = [j.get("id") for j in spec.get("junctions", []) or [] if isinstance(j, dict) and j.get("signal")]
    controlled = list(cfg.junctions) if cfg.junctions is not None else signalised
    if not controlled:
        raise ConfigError("junctions", "the scenario has no signalised junction to control; add a \"signal\" to a junction")
    for k, jid in enumerate(controlled):
        if jid not in signalised:
            raise ConfigError(f"junctions[{k}]", f"no signalised junction {jid!r}; the scenario has: "
                                                 f"{', '.join(map(str, signalised)) or 'none'}")
    if len(set(controlled)) != len(controlled):
        raise ConfigError("junctions", f"ids repeat in {controlled}; expected each junction once")
    detector_ids = [d.get("id") for d in spec.get("detectors", []) or []]
    for k, did in enumerate(cfg.detectors):
        if did not in detector_ids:
            raise ConfigError(f"detectors[{k}]", f"no detector {did!r}; the scenario has: {', '.join(map(str, detector_ids)) or 'none'}")
    for junction in spec["junctions"]:
        if junction.get("id") in controlled:
            signal = junction["signal"]
            signal["control"] = "external"
            if cfg.yellow is not None:
                signal["yellow"] = cfg.yellow
            if cfg.all_red is not None:
                signal["all_red"] = cfg.all_red
    for source in spec.get("sources", []) or []:
        if cfg.demand_scale != 1.0:
            source["demand"] = {c: _scale_demand(v, cfg.demand_scale) for c, v in (source.get("demand") or {}).items()}
        if cfg.demand_noise is not None:
            source["noise"] = cfg.demand_noise
    check_demand(spec, cfg)
    if cfg.numerics is not None:
        spec["numerics"] = dict(cfg.numerics)
    time = dict(spec.get("time") or {})
    time["horizon"] = max(float(time.get("horizon", 0.0)), cfg.episode_length)
    time.setdefault("output_interval", min(60.0, time["horizon"]))
    spec["time"] = time
    return spec, controlled
