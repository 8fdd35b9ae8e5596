"""MFG Workbench from Python.

Subpackages (imported on demand, so that each needs only its own dependencies):

- ``mfgw.arz``: the multiclass ARZ traffic model of ``native/models/arz`` through its C ABI
  (``libmfg_arz.so``, ctypes), in process.
- ``mfgw.rl``: traffic-signal control by reinforcement learning on it (gymnasium, PettingZoo,
  baselines, PPO, evaluation); see docs/rl.md.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
