"""Evaluation: controllers x demand scenarios x seeds -> the metrics RESCO and LibSignal report
(average travel time, delay, queue length, throughput, stops), with 95% confidence intervals over
the seeds (Student t), a metrics CSV, a summary CSV, a LaTeX table, a comparison figure and, for a
trained policy with its events.jsonl, the learning curve.

    python -m mfgw.rl.evaluate --scenario corridor-cross --policy runs/ppo/policy.pt \
        --demands 0.8,1.0,1.2 --seeds 5 --out bench/results/rl

Per episode (of episode_length T; the totals of the env's info summed over decisions):
  travel time (s/veh) = vehicle-time (network + source queues) / vehicles served (Little's law)
  delay (s/veh)       = delay-time (sum rho dx (1 - v / v_free) dt, + source queues) / vehicles served
  queue (veh)         = time-mean of the halted vehicles (network + source queues)
  throughput (veh/h)  = vehicles served / T
  stops (per veh)     = the halted vehicles' increases between samples / vehicles served
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

from .baselines import BASELINES, run_episode
from .vector_env import ArzSignalVectorEnv

METRICS = ("travel_time", "delay", "queue", "throughput", "stops")
LABELS = {"travel_time": "travel time (s/veh)", "delay": "delay (s/veh)", "queue": "queue (veh)",
          "throughput": "throughput (veh/h)", "stops": "stops (per veh)"}
# Two-sided 95% Student t quantiles by degrees of freedom (1..30); normal beyond.
_T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def ci95(values: np.ndarray) -> tuple[float, float]:
    values = np.asarray(values, dtype=float)
    n = len(values)
    if n < 2:
        return float(values.mean()), float("nan")
    t = _T95[n - 2] if n - 1 <= len(_T95) else 1.96
    return float(values.mean()), float(t * values.std(ddof=1) / math.sqrt(n))


def episode_metrics(total: dict, horizon: float) -> dict:
    served = np.maximum(total["outflow"], 1e-9)
    return {"travel_time": total["vehicle_time"] / served, "delay": total["delay_time"] / served,
            "queue": total["queue_time"] / horizon, "throughput": total["outflow"] / (horizon / 3600.0),
            "stops": total["stops"] / served, "return": total["return"]}


def controllers(names: list[str], policy: str | None) -> list:
    out = []
    for name in names:
        if name == "ppo":
            from .ppo import PolicyController, load_policy
            if not policy:
                raise SystemExit("controller 'ppo' needs --policy PATH/policy.pt")
            out.append(PolicyController(load_policy(policy)[0]))
        elif name in BASELINES:
            out.append(BASELINES[name]())
        else:
            raise SystemExit(f"--controllers: unknown {name!r}; expected {', '.join([*BASELINES, 'ppo'])}")
    return out


def evaluate(env_options: dict, names: list[str], policy: str | None, demands: list[float], seeds: int,
             first_seed: int = 1000) -> list[dict]:
    rows = []
    for demand in demands:
        env = ArzSignalVectorEnv(seeds, **{**env_options, "demand_scale": demand})
        for ctl in controllers(names, policy):
            total = run_episode(env, ctl, first_seed)
            m = episode_metrics(total, env.config.episode_length)
            for i in range(seeds):
                rows.append({"controller": ctl.name, "demand": demand, "seed": first_seed + i,
                             **{k: float(v[i]) for k, v in m.items()}})
        env.close()
    return rows


def summarise(rows: list[dict]) -> list[dict]:
    keys = sorted({(r["controller"], r["demand"]) for r in rows}, key=lambda k: (k[1], k[0]))
    out = []
    for ctl, demand in keys:
        sel = [r for r in rows if r["controller"] == ctl and r["demand"] == demand]
        row = {"controller": ctl, "demand": demand, "seeds": len(sel)}
        for m in METRICS:
            row[m], row[m + "_ci95"] = ci95(np.array([r[m] for r in sel]))
        out.append(row)
    return out


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def latex_table(summary: list[dict], caption: str) -> str:
    lines = [r"\begin{table}[t]", r"\centering", r"\caption{" + caption + "}", r"\begin{tabular}{llrrrrr}", r"\hline",
             "demand & controller & " + " & ".join(LABELS[m] for m in METRICS) + r" \\", r"\hline"]
    for r in summary:
        cells = [f"${r[m]:.2f} \\pm {r[m + '_ci95']:.2f}$" if m == "stops" else f"${r[m]:.1f} \\pm {r[m + '_ci95']:.1f}$"
                 for m in METRICS]
        lines.append(f"{r['demand']:.2f} & {r['controller']} & " + " & ".join(cells) + r" \\")
    lines += [r"\hline", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(lines)


def figures(summary: list[dict], out: Path, events: Path | None) -> list[str]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    made = []
    ctls = list(dict.fromkeys(r["controller"] for r in summary))
    demands = sorted({r["demand"] for r in summary})
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.2))
    for ax, m in zip(axes, ("delay", "queue", "throughput")):
        width = 0.8 / len(ctls)
        for k, c in enumerate(ctls):
            ys = [next(r for r in summary if r["controller"] == c and r["demand"] == d) for d in demands]
            ax.bar(np.arange(len(demands)) + k * width, [y[m] for y in ys], width, yerr=[y[m + "_ci95"] for y in ys],
                   capsize=2, label=c)
        ax.set_xticks(np.arange(len(demands)) + 0.4 - width / 2, [f"x{d:g}" for d in demands])
        ax.set_xlabel("demand")
        ax.set_title(LABELS[m], fontsize=9)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "comparison.png", dpi=150)
    fig.savefig(out / "comparison.pdf")
    made += ["comparison.png", "comparison.pdf"]
    plt.close(fig)
    if events and events.is_file():
        ups = [json.loads(l) for l in events.read_text().splitlines() if '"event": "update"' in l]
        fig, ax = plt.subplots(figsize=(4.5, 3))
        ax.plot([u["global_step"] for u in ups], [u["delay_veh_h"] for u in ups])
        ax.set_xlabel("environment steps")
        ax.set_ylabel("delay per episode (veh h), training")
        fig.tight_layout()
        fig.savefig(out / "learning_curve.png", dpi=150)
        plt.close(fig)
        made.append("learning_curve.png")
    return made


def machine() -> dict:
    info = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()}
    try:
        info["cpu"] = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
        info["load_average"] = os.getloadavg()
    except (OSError, StopIteration):
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mfgw.rl.evaluate", description=__doc__.split("\n\n")[0])
    p.add_argument("--scenario", default="corridor-cross")
    p.add_argument("--controllers", default="fixed-time,actuated,max-pressure,ppo")
    p.add_argument("--policy", help="policy.pt from python -m mfgw.rl.ppo (for the ppo controller)")
    p.add_argument("--demands", default="0.8,1.0,1.2", help="demand scales (comma-separated)")
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--env", default="{}", help="EnvConfig fields as JSON (the policy's are used by default)")
    p.add_argument("--out", type=Path, required=True)
    a = p.parse_args(argv)
    names = [n for n in a.controllers.split(",") if n]
    if "ppo" in names and not a.policy:
        names.remove("ppo")
    env_options = {"scenario": a.scenario, "decision_interval": 10.0, "demand_noise": 0.2}
    if a.policy:
        from .ppo import load_policy
        trained = load_policy(a.policy)[1]
        env_options.update({k: trained[k] for k in ("scenario", "decision_interval", "episode_length", "action",
                                                     "reward", "approach_length", "min_green", "demand_noise") if k in trained})
        env_options["detectors"] = tuple(trained.get("detectors", ()))
    env_options.update(json.loads(a.env))
    a.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rows = evaluate(env_options, names, a.policy, [float(d) for d in a.demands.split(",")], a.seeds)
    summary = summarise(rows)
    write_csv(a.out / "metrics.csv", rows)
    write_csv(a.out / "summary.csv", summary)
    caption = (f"Signal control on {env_options['scenario']} (ARZ, two classes): mean $\\pm$ 95\\% CI over {a.seeds} seeds "
               "of demand noise, per demand scale.")
    (a.out / "table.tex").write_text(latex_table(summary, caption), encoding="utf-8")
    events = Path(a.policy).parent / "events.jsonl" if a.policy else None
    made = figures(summary, a.out, events)
    report = {"problem": "signal-control evaluation", "env": {k: (list(v) if isinstance(v, tuple) else v) for k, v in env_options.items()},
              "controllers": names, "seeds": a.seeds, "seconds": time.perf_counter() - t0, "machine": machine(),
              "summary": summary, "files": ["metrics.csv", "summary.csv", "table.tex", *made]}
    (a.out / "evaluation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"event": "done", "out": str(a.out), "seconds": report["seconds"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
