"""The multiclass ARZ traffic model (native/models/arz, docs/traffic.md) in process through its C ABI.

    from mfgw.arz import Simulation
    sim = Simulation(open("assets/presets/arz/arz-seed-corridor.json").read(), seed=1)
    sim.step(60.0)
    print(sim.totals()["outflow"])
"""
from ._lib import ABI_VERSION, LibraryNotFound, library, library_path, repository_root
from .errors import ArgumentError, ArzError, InternalError, SpecError
from .sim import Batch, Simulation, validate

__all__ = [
    "ABI_VERSION", "ArgumentError", "ArzError", "Batch", "InternalError", "LibraryNotFound", "SpecError",
    "Simulation", "library", "library_path", "repository_root", "validate",
]
