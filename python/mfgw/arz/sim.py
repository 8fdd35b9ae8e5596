"""Simulation and Batch: thin, checked wrappers of the mfg_arz_sim / mfg_arz_batch handles.

Units are SI (m, s, veh/m, m/s, veh/s). Indices are 0-based in the order of the spec's arrays; ids
can be turned into indices with ``index(kind, id)``. Batch reads return numpy structured arrays
(dtypes in ``mfgw.arz._lib``), simulation-major.
"""
from __future__ import annotations

import ctypes
import json
from typing import Any

import numpy as np

from . import _lib
from .errors import raise_for


def _spec_bytes(spec: str | bytes | dict[str, Any]) -> bytes:
    if isinstance(spec, dict):
        return json.dumps(spec).encode()
    if isinstance(spec, str):
        return spec.encode()
    if isinstance(spec, (bytes, bytearray)):
        return bytes(spec)
    raise TypeError(f"spec: expected a dict, JSON text or bytes, received {type(spec).__name__}")


def _ptr(array: np.ndarray) -> int:
    return array.ctypes.data


def validate(spec: str | bytes | dict[str, Any]) -> list[str]:
    """Checks a spec; raises SpecError naming the fields, else returns the warnings (one per item)."""
    lib = _lib.library()
    buffer = ctypes.create_string_buffer(8192)
    raise_for(lib.mfg_arz_validate(_spec_bytes(spec), buffer, len(buffer)), lib, "validate")
    return [line for line in buffer.value.decode().splitlines() if line]


class Simulation:
    """One simulation of a spec. ``Simulation(spec, seed)`` owns its handle; ``Batch.sim(i)`` borrows one."""

    def __init__(self, spec: str | bytes | dict[str, Any] | None = None, seed: int = 0, *, _borrowed=None) -> None:
        self._lib = _lib.library()
        self._owner = None
        if _borrowed is not None:
            self._handle, self._owner = _borrowed
        else:
            handle = ctypes.c_void_p()
            self._call("mfg_arz_sim_create", _spec_bytes(spec), ctypes.c_uint64(seed), ctypes.byref(handle))
            self._handle = handle
        sizes = np.zeros(1, _lib.SIZES_DTYPE)
        self._call("mfg_arz_sim_sizes", self._handle, _ptr(sizes))
        self.sizes = {name: int(sizes[name][0]) for name in _lib.SIZES_DTYPE.names}

    def _call(self, name: str, *args) -> None:
        raise_for(getattr(self._lib, name)(*args), self._lib, name)

    def close(self) -> None:
        if self._owner is None and self._handle:
            self._lib.mfg_arz_sim_destroy(self._handle)
        self._handle = ctypes.c_void_p()

    def __del__(self) -> None:  # handles are plain memory: freeing at collection is safe
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self) -> "Simulation":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def reset(self, seed: int) -> None:
        self._call("mfg_arz_sim_reset", self._handle, ctypes.c_uint64(seed))

    def step(self, seconds: float) -> None:
        self._call("mfg_arz_sim_step", self._handle, float(seconds))

    @property
    def time(self) -> float:
        out = ctypes.c_double()
        self._call("mfg_arz_sim_time", self._handle, ctypes.byref(out))
        return out.value

    def index(self, kind: str, name: str) -> int:
        if kind not in _lib.KIND:
            raise ValueError(f"kind: expected one of {', '.join(_lib.KIND)}, received {kind!r}")
        out = ctypes.c_int32()
        self._call("mfg_arz_sim_index", self._handle, _lib.KIND[kind], name.encode(), ctypes.byref(out))
        return out.value

    def segment_cells(self, segment: int) -> tuple[int, float]:
        cells, dx = ctypes.c_int32(), ctypes.c_double()
        self._call("mfg_arz_sim_segment_cells", self._handle, segment, ctypes.byref(cells), ctypes.byref(dx))
        return cells.value, dx.value

    def phase_count(self, junction: int) -> int:
        out = ctypes.c_int32()
        self._call("mfg_arz_sim_phase_count", self._handle, junction, ctypes.byref(out))
        return out.value

    def set_phase(self, junction: int, phase: int) -> None:
        self._call("mfg_arz_sim_set_phase", self._handle, junction, phase)

    def signal(self, junction: int) -> dict[str, Any]:
        out = np.zeros(1, _lib.SIGNAL_DTYPE)
        self._call("mfg_arz_sim_signal", self._handle, junction, _ptr(out))
        return {name: out[name][0].item() for name in _lib.SIGNAL_DTYPE.names}

    def detector_totals(self, detector: int) -> np.void:
        out = np.zeros(1, _lib.DETECTOR_TOTALS_DTYPE)
        self._call("mfg_arz_sim_detector_totals", self._handle, detector, _ptr(out))
        return out[0]

    def detector_records(self, detector: int) -> np.ndarray:
        count = ctypes.c_int32()
        self._call("mfg_arz_sim_detector_record_count", self._handle, detector, ctypes.byref(count))
        out = np.zeros(count.value, _lib.DETECTOR_RECORD_DTYPE)
        for k in range(count.value):
            self._call("mfg_arz_sim_detector_record", self._handle, detector, k, _ptr(out[k:k + 1]))
        return out

    def _cells(self, name: str, segment: int, cls: int) -> np.ndarray:
        cells, _ = self.segment_cells(segment)
        out = np.zeros(cells)
        self._call(name, self._handle, segment, cls, _ptr(out), cells)
        return out

    def density(self, segment: int, cls: int) -> np.ndarray:
        """Cell densities of a class on a segment, veh/m."""
        return self._cells("mfg_arz_sim_density", segment, cls)

    def velocity(self, segment: int, cls: int) -> np.ndarray:
        """Cell velocities, m/s (the equilibrium speed in empty cells)."""
        return self._cells("mfg_arz_sim_velocity", segment, cls)

    def vehicles(self, segment: int, cls: int, halt_speed: float = 0.0) -> tuple[float, float]:
        """(vehicles, of them slower than halt_speed m/s) of a class on a segment."""
        v, h = ctypes.c_double(), ctypes.c_double()
        self._call("mfg_arz_sim_vehicles", self._handle, segment, cls, float(halt_speed), ctypes.byref(v), ctypes.byref(h))
        return v.value, h.value

    def totals(self) -> np.void:
        out = np.zeros(1, _lib.TOTALS_DTYPE)
        self._call("mfg_arz_sim_totals", self._handle, _ptr(out))
        return out[0]


class Batch:
    """``size`` simulations of one spec, simulation i seeded with seeds[i], stepped in one native call."""

    def __init__(self, spec: str | bytes | dict[str, Any], seeds) -> None:
        self._lib = _lib.library()
        seeds = np.ascontiguousarray(np.asarray(seeds, dtype=np.uint64).reshape(-1))
        if seeds.size < 1:
            raise ValueError("seeds: expected at least one seed (one per simulation), received none")
        handle = ctypes.c_void_p()
        self._call("mfg_arz_batch_create", _spec_bytes(spec), int(seeds.size), _ptr(seeds), ctypes.byref(handle))
        self._handle = handle
        self.size = int(seeds.size)
        self._first = self.sim(0)
        self.sizes = self._first.sizes

    def _call(self, name: str, *args) -> None:
        raise_for(getattr(self._lib, name)(*args), self._lib, name)

    def close(self) -> None:
        if self._handle:
            self._lib.mfg_arz_batch_destroy(self._handle)
        self._handle = ctypes.c_void_p()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def sim(self, index: int) -> Simulation:
        """Simulation `index` (borrowed: it keeps this batch alive)."""
        out = ctypes.c_void_p()
        self._call("mfg_arz_batch_sim", self._handle, int(index), ctypes.byref(out))
        return Simulation(_borrowed=(out, self))

    def step(self, seconds: float, threads: int = 0) -> None:
        self._call("mfg_arz_batch_step", self._handle, float(seconds), int(threads))

    def set_phases(self, phases: np.ndarray) -> None:
        """phases[i, j]: the phase for junction j of simulation i, or -1 to leave it (int32, C order)."""
        phases = np.ascontiguousarray(phases, dtype=np.int32)
        self._call("mfg_arz_batch_set_phases", self._handle, _ptr(phases), phases.size)

    def reset(self, index: int, seed: int) -> None:
        self._call("mfg_arz_batch_reset", self._handle, int(index), ctypes.c_uint64(seed))

    def signals(self, out: np.ndarray | None = None) -> np.ndarray:
        if out is None:
            out = np.zeros((self.size, self.sizes["junctions"]), _lib.SIGNAL_DTYPE)
        self._call("mfg_arz_batch_signals", self._handle, _ptr(out), out.size)
        return out

    def totals(self, out: np.ndarray | None = None) -> np.ndarray:
        if out is None:
            out = np.zeros(self.size, _lib.TOTALS_DTYPE)
        self._call("mfg_arz_batch_totals", self._handle, _ptr(out), out.size)
        return out

    def detector_totals(self, out: np.ndarray | None = None) -> np.ndarray:
        if out is None:
            out = np.zeros((self.size, self.sizes["detectors"]), _lib.DETECTOR_TOTALS_DTYPE)
        if out.size:
            self._call("mfg_arz_batch_detector_totals", self._handle, _ptr(out), out.size)
        return out

    def measure(self, zones: np.ndarray, halt_speed: float, out: np.ndarray | None = None) -> np.ndarray:
        """Zone values now (structured, (size, zones)); zones is a ZONE_DTYPE array."""
        zones = np.ascontiguousarray(zones, dtype=_lib.ZONE_DTYPE)
        if out is None:
            out = np.zeros((self.size, zones.size), _lib.ZONE_VALUES_DTYPE)
        self._call("mfg_arz_batch_measure", self._handle, _ptr(zones), zones.size, float(halt_speed), _ptr(out), out.size)
        return out

    def advance(self, seconds: float, sample: float, zones: np.ndarray, halt_speed: float, threads: int = 0,
                out: np.ndarray | None = None, queue_time: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Steps every simulation `seconds` measuring the zones every `sample` s (see c_api.h)."""
        zones = np.ascontiguousarray(zones, dtype=_lib.ZONE_DTYPE)
        if out is None:
            out = np.zeros((self.size, zones.size), _lib.ZONE_VALUES_DTYPE)
        if queue_time is None:
            queue_time = np.zeros((self.size, self.sizes["classes"]))
        self._call("mfg_arz_batch_advance", self._handle, float(seconds), float(sample), int(threads), _ptr(zones), zones.size,
                   float(halt_speed), _ptr(out), out.size, _ptr(queue_time), queue_time.size)
        return out, queue_time
