"""PPO for the signal-control vector env, on torch: a compact version of CleanRL's single-file
ppo.py (Huang et al. 2022, "CleanRL: High-quality Single-file Implementations of Deep Reinforcement
Learning Algorithms", JMLR 23(274); github.com/vwxyzjn/cleanrl, cleanrl/ppo.py) of the algorithm of
Schulman, Wolski, Dhariwal, Radford & Klimov 2017, "Proximal Policy Optimization Algorithms",
arXiv:1707.06347: clipped surrogate objective, GAE(lambda) (Schulman et al. 2016), value and entropy
terms, minibatch epochs, advantage normalisation, annealed learning rate, gradient clipping.

Differences from CleanRL, and why: a rollout is exactly one episode of all sub-environments (all
start together, seeded seed + 1000 * update + i, so training is reproducible and resumes exactly
from any update's checkpoint); truncation is bootstrapped with the value of info["final_obs"] (the
env's autoreset is SAME_STEP; a truncated traffic episode has a future); MultiDiscrete actions (one
signal each) are independent categoricals.

    python -m mfgw.rl.ppo --scenario corridor-cross --updates 50 --out runs/ppo-corridor
    python -m mfgw.rl.ppo --resume runs/ppo-corridor --updates 100

Progress: one JSON object per line on stdout and in OUT/events.jsonl (start, update, checkpoint,
done); OUT/policy.pt holds the policy (greedy use: mfgw.rl.ppo.load_policy), OUT/checkpoint.pt the
state to resume from.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.distributions import Categorical

from .config import EnvConfig, make_config
from .vector_env import ArzSignalVectorEnv


@dataclass
class PPOArgs:
    seed: int = 1
    updates: int = 50
    num_envs: int = 8
    learning_rate: float = 2.5e-4
    anneal_lr: bool = True
    gamma: float = 0.99
    gae_lambda: float = 0.95
    num_minibatches: int = 4
    update_epochs: int = 4
    norm_adv: bool = True
    clip_coef: float = 0.2
    clip_vloss: bool = True
    ent_coef: float = 0.01
    vf_coef: float = 0.5
    max_grad_norm: float = 0.5
    hidden: int = 64
    env: dict = field(default_factory=dict)  # EnvConfig fields


def layer_init(layer: nn.Linear, std: float = np.sqrt(2), bias: float = 0.0) -> nn.Linear:
    torch.nn.init.orthogonal_(layer.weight, std)
    torch.nn.init.constant_(layer.bias, bias)
    return layer


class Agent(nn.Module):
    """CleanRL's Agent: separate tanh MLPs for the critic and the actor (logits of every signal)."""

    def __init__(self, obs_size: int, nvec: list[int], hidden: int = 64) -> None:
        super().__init__()
        self.nvec = list(nvec)
        self.critic = nn.Sequential(layer_init(nn.Linear(obs_size, hidden)), nn.Tanh(),
                                    layer_init(nn.Linear(hidden, hidden)), nn.Tanh(), layer_init(nn.Linear(hidden, 1), std=1.0))
        self.actor = nn.Sequential(layer_init(nn.Linear(obs_size, hidden)), nn.Tanh(),
                                   layer_init(nn.Linear(hidden, hidden)), nn.Tanh(),
                                   layer_init(nn.Linear(hidden, sum(self.nvec)), std=0.01))

    def get_value(self, x: torch.Tensor) -> torch.Tensor:
        return self.critic(x)

    def _dists(self, x: torch.Tensor) -> list[Categorical]:
        return [Categorical(logits=l) for l in torch.split(self.actor(x), self.nvec, dim=1)]

    def get_action_and_value(self, x: torch.Tensor, action: torch.Tensor | None = None):
        dists = self._dists(x)
        if action is None:
            action = torch.stack([d.sample() for d in dists], dim=1)
        logprob = sum(d.log_prob(action[:, k]) for k, d in enumerate(dists))
        entropy = sum(d.entropy() for d in dists)
        return action, logprob, entropy, self.critic(x)

    def greedy(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([d.logits.argmax(dim=1) for d in self._dists(x)], dim=1)


def action_nvec(space) -> list[int]:
    return [int(space.n)] if hasattr(space, "n") else [int(n) for n in space.nvec]


class PolicyController:
    """A trained policy as a controller for the evaluation (greedy actions)."""

    name = "ppo"

    def __init__(self, agent: Agent) -> None:
        self.agent = agent

    def reset(self, env) -> None:
        pass

    def act(self, obs: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return self.agent.greedy(torch.as_tensor(obs, dtype=torch.float32)).numpy()


def load_policy(path: str | Path) -> tuple[Agent, dict]:
    data = torch.load(path, map_location="cpu", weights_only=False)
    agent = Agent(data["obs_size"], data["nvec"], data["hidden"])
    agent.load_state_dict(data["state_dict"])
    agent.eval()
    return agent, data["env"]


class Events:
    """JSON-line progress events (stdout and OUT/events.jsonl)."""

    def __init__(self, out: Path | None, quiet: bool) -> None:
        self.file = open(out / "events.jsonl", "a", encoding="utf-8") if out else None
        self.quiet = quiet

    def emit(self, event: str, **fields) -> None:
        line = json.dumps({"event": event, **fields})
        if not self.quiet:
            print(line, flush=True)
        if self.file:
            self.file.write(line + "\n")
            self.file.flush()


def _save(out: Path, agent, optimizer, args: PPOArgs, cfg: EnvConfig, update: int, history: list) -> None:
    env = {k: v for k, v in asdict(cfg).items()}
    policy = {"state_dict": agent.state_dict(), "obs_size": agent.critic[0].in_features, "nvec": agent.nvec,
              "hidden": args.hidden, "env": env, "format": "mfgw-ppo-policy", "version": 1}
    torch.save(policy, out / "policy.pt")
    torch.save({"policy": policy, "optimizer": optimizer.state_dict(), "args": asdict(args), "update": update,
                "history": history, "torch_rng": torch.get_rng_state()}, out / "checkpoint.pt")


def train(args: PPOArgs, out: Path | None = None, resume: bool = False, quiet: bool = False,
          stop_after: int | None = None) -> dict:
    """Trains; returns {"agent", "history": [{update, global_step, episodic_return, ...}]}.
    stop_after: end after that many updates of this call, as an interrupted run would (tests)."""
    torch.set_num_threads(1)
    cfg = make_config(None, **args.env)
    envs = ArzSignalVectorEnv(args.num_envs, cfg)
    nvec = action_nvec(envs.single_action_space)
    obs_size = envs.single_observation_space.shape[0]
    torch.manual_seed(args.seed)
    agent = Agent(obs_size, nvec, args.hidden)
    optimizer = torch.optim.Adam(agent.parameters(), lr=args.learning_rate, eps=1e-5)
    start, history = 0, []
    if out:
        out.mkdir(parents=True, exist_ok=True)
    if resume:
        ck = torch.load(out / "checkpoint.pt", map_location="cpu", weights_only=False)
        agent.load_state_dict(ck["policy"]["state_dict"])
        optimizer.load_state_dict(ck["optimizer"])
        torch.set_rng_state(ck["torch_rng"])
        start, history = ck["update"], ck["history"]
    events = Events(out, quiet)
    T, N = envs.core.steps_per_episode, args.num_envs
    batch_size = T * N
    minibatch = max(1, batch_size // args.num_minibatches)
    events.emit("start", updates=args.updates, from_update=start, num_envs=N, steps_per_rollout=T, env=args.env,
                seed=args.seed)
    obs_buf = torch.zeros((T, N, obs_size))
    act_buf = torch.zeros((T, N, len(nvec)), dtype=torch.long)
    logp_buf, rew_buf, done_buf, val_buf = (torch.zeros((T, N)) for _ in range(4))
    global_step = start * batch_size
    last = args.updates if stop_after is None else min(args.updates, start + stop_after)
    for update in range(start, last):
        t0, sim_seconds = time.perf_counter(), 0.0
        if args.anneal_lr:
            optimizer.param_groups[0]["lr"] = (1.0 - update / args.updates) * args.learning_rate
        obs, _ = envs.reset(seed=[args.seed * 1_000_003 + 1000 * update + i for i in range(N)])
        next_obs = torch.as_tensor(obs)
        ep_return = np.zeros(N)
        delay = np.zeros(N)
        for step in range(T):
            global_step += N
            obs_buf[step] = next_obs
            with torch.no_grad():
                action, logprob, _, value = agent.get_action_and_value(next_obs)
            val_buf[step], act_buf[step], logp_buf[step] = value.flatten(), action, logprob
            a = action.numpy() if len(nvec) > 1 else action.numpy()[:, 0]
            s0 = time.perf_counter()
            obs, reward, term, trunc, info = envs.step(a)
            sim_seconds += time.perf_counter() - s0
            ep_return += reward
            delay += info["delay_time"]
            r = torch.as_tensor(reward, dtype=torch.float32)
            if trunc.any():  # bootstrap the truncated episode with the value of its last observation
                final = torch.as_tensor(np.stack(info["final_obs"]), dtype=torch.float32)
                with torch.no_grad():
                    r = r + args.gamma * agent.get_value(final).flatten() * torch.as_tensor(trunc, dtype=torch.float32)
            rew_buf[step] = r
            done_buf[step] = torch.as_tensor(np.logical_or(term, trunc), dtype=torch.float32)
            next_obs = torch.as_tensor(obs)
        # GAE(lambda); a done step does not bootstrap through the reset observation.
        with torch.no_grad():
            advantages = torch.zeros_like(rew_buf)
            lastgaelam = torch.zeros(N)
            for t in reversed(range(T)):
                nonterminal = 1.0 - done_buf[t]
                next_value = val_buf[t + 1] if t + 1 < T else agent.get_value(next_obs).flatten()
                delta = rew_buf[t] + args.gamma * next_value * nonterminal - val_buf[t]
                lastgaelam = delta + args.gamma * args.gae_lambda * nonterminal * lastgaelam
                advantages[t] = lastgaelam
            returns = advantages + val_buf
        b_obs, b_act = obs_buf.reshape(batch_size, obs_size), act_buf.reshape(batch_size, len(nvec))
        b_logp, b_adv, b_ret, b_val = (x.reshape(-1) for x in (logp_buf, advantages, returns, val_buf))
        order = torch.Generator().manual_seed(args.seed * 7919 + update)
        clipfracs = []
        for _ in range(args.update_epochs):
            perm = torch.randperm(batch_size, generator=order)
            for s in range(0, batch_size, minibatch):
                mb = perm[s:s + minibatch]
                _, newlogp, entropy, newvalue = agent.get_action_and_value(b_obs[mb], b_act[mb])
                logratio = newlogp - b_logp[mb]
                ratio = logratio.exp()
                clipfracs.append(((ratio - 1.0).abs() > args.clip_coef).float().mean().item())
                adv = b_adv[mb]
                if args.norm_adv:
                    adv = (adv - adv.mean()) / (adv.std() + 1e-8)
                pg_loss = torch.max(-adv * ratio, -adv * torch.clamp(ratio, 1 - args.clip_coef, 1 + args.clip_coef)).mean()
                newvalue = newvalue.view(-1)
                if args.clip_vloss:
                    v_clipped = b_val[mb] + torch.clamp(newvalue - b_val[mb], -args.clip_coef, args.clip_coef)
                    v_loss = 0.5 * torch.max((newvalue - b_ret[mb]) ** 2, (v_clipped - b_ret[mb]) ** 2).mean()
                else:
                    v_loss = 0.5 * ((newvalue - b_ret[mb]) ** 2).mean()
                loss = pg_loss - args.ent_coef * entropy.mean() + v_loss * args.vf_coef
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), args.max_grad_norm)
                optimizer.step()
        wall = time.perf_counter() - t0
        record = {"update": update + 1, "global_step": global_step, "episodic_return": float(ep_return.mean()),
                  "delay_veh_h": float(delay.mean() / 3600.0), "clipfrac": float(np.mean(clipfracs)),
                  "steps_per_s": batch_size / wall, "sim_fraction": sim_seconds / wall}
        history.append(record)
        events.emit("update", **record)
        if out:
            _save(out, agent, optimizer, args, cfg, update + 1, history)
            events.emit("checkpoint", update=update + 1, path=str(out / "checkpoint.pt"))
    events.emit("done" if last == args.updates else "stopped", updates=last, global_step=global_step)
    envs.close()
    return {"agent": agent, "history": history}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mfgw.rl.ppo", description="Train PPO on an ARZ signal-control scenario")
    p.add_argument("--out", type=Path, help="run folder: events.jsonl, policy.pt, checkpoint.pt")
    p.add_argument("--resume", type=Path, help="continue the run in this folder (its arguments, more --updates allowed)")
    p.add_argument("--scenario", default="corridor-cross")
    p.add_argument("--updates", type=int)
    p.add_argument("--num-envs", type=int)
    p.add_argument("--seed", type=int)
    p.add_argument("--env", default="{}", help='EnvConfig fields as JSON, e.g. \'{"decision_interval": 5}\'')
    p.add_argument("--quiet", action="store_true")
    a = p.parse_args(argv)
    if a.resume:
        ck = torch.load(a.resume / "checkpoint.pt", map_location="cpu", weights_only=False)
        args = PPOArgs(**ck["args"])
        out = a.resume
    else:
        args = PPOArgs(env={"scenario": a.scenario, **json.loads(a.env)})
        out = a.out
    for name in ("updates", "num_envs", "seed"):
        if getattr(a, name) is not None:
            setattr(args, name, getattr(a, name))
    train(args, out, resume=bool(a.resume), quiet=a.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
