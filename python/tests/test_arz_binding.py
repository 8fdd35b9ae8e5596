"""mfgw.arz: the library is found and version-checked, failures become exceptions with the native message."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mfgw.arz import ABI_VERSION, ArgumentError, Batch, Simulation, SpecError, library, repository_root, validate

CORRIDOR = repository_root() / "assets" / "presets" / "arz" / "arz-seed-corridor.json"


def corridor(external=True):
    spec = json.loads(CORRIDOR.read_text())
    if external:
        spec["junctions"][0]["signal"]["control"] = "external"
    spec["numerics"] = {"reconstruction": "first_order"}
    return spec


def test_library_abi_version():
    assert library().mfg_arz_abi_version() == ABI_VERSION


def test_refusals_carry_the_native_message():
    with pytest.raises(SpecError, match="classes: missing required key 'classes'"):
        Simulation({"model": "arz"})
    sim = Simulation(corridor(), 1)
    with pytest.raises(ArgumentError, match="phases 0..1, received 5"):
        sim.set_phase(0, 5)
    with pytest.raises(ArgumentError, match="the scenario has: signal"):
        sim.index("junction", "nowhere")
    assert validate(corridor()) == []


def test_missing_library_says_how_to_build():
    env = {**os.environ, "MFGW_ARZ_LIB": "/nonexistent/libmfg_arz.so", "PYTHONPATH": str(Path(__file__).parents[1])}
    run = subprocess.run([sys.executable, "-c", "import mfgw.arz as a; a.library()"], env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "npm run build:native" in run.stderr and "MFGW_ARZ_LIB" in run.stderr


def test_batch_matches_single_simulations_bitwise():
    spec = corridor()
    batch = Batch(spec, [3, 4])
    batch.set_phases(np.array([[1], [-1]], dtype=np.int32))
    batch.step(60.0, threads=2)
    for i, seed in enumerate([3, 4]):
        sim = Simulation(spec, seed)
        if i == 0:
            sim.set_phase(0, 1)
        sim.step(60.0)
        assert np.array_equal(sim.density(0, 1), batch.sim(i).density(0, 1))
    assert batch.signals()["target"][0, 0] == 1
    assert batch.totals()["outflow"].shape == (2, 2)
