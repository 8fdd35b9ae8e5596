"""Finding, loading and declaring libmfg_arz.so (native/models/arz/c_api.h).

The library is looked up in this order: the path in ``MFGW_ARZ_LIB``; the build tree of the checkout
this package sits in (``build/native/Release/`` where cmake-js builds it, as ``npm ci`` does;
``build/native/`` with plain cmake). Its ABI version must be the one this binding was written for.
"""
from __future__ import annotations

import ctypes
import os
from pathlib import Path

import numpy as np

ABI_VERSION = 1
MAX_CLASSES = 2
LIBRARY_NAME = "libmfg_arz.so"

_BUILD_HINT = (
    "Build it from the repository root with `npm run build:native` (or without Node: "
    "`cmake -S native -B build/native -DCMAKE_BUILD_TYPE=Release && cmake --build build/native --target mfg_arz -j2`; "
    "needs cmake >= 3.18 and a C++17 compiler, e.g. `apt-get install cmake g++`), "
    "or set MFGW_ARZ_LIB to the path of an existing libmfg_arz.so."
)


class LibraryNotFound(ImportError):
    """libmfg_arz.so is missing, cannot be loaded, or has another ABI version."""


def repository_root() -> Path:
    """The checkout this package belongs to (python/mfgw/arz/_lib.py -> the repository)."""
    return Path(__file__).resolve().parents[3]


def candidate_paths() -> list[Path]:
    env = os.environ.get("MFGW_ARZ_LIB")
    if env:
        return [Path(env)]
    build = repository_root() / "build" / "native"
    return [build / "Release" / LIBRARY_NAME, build / LIBRARY_NAME]


# Structures of c_api.h, as numpy dtypes (align=True follows the C layout) so that batch reads land in
# arrays without a Python loop, and as ctypes structures for single calls.
D = MAX_CLASSES
SIGNAL_DTYPE = np.dtype(
    [("phase", "<i4"), ("target", "<i4"), ("stage", "<i4"), ("green", "<u4"), ("time_in_stage", "<f8")], align=True
)
TOTALS_DTYPE = np.dtype(
    [(name, "<f8", (D,)) for name in ("inflow", "outflow", "queued", "vehicle_seconds", "on_network")], align=True
)
DETECTOR_TOTALS_DTYPE = np.dtype(
    [("count", "<f8", (D,)), ("density_time", "<f8", (D,)), ("occupancy_time", "<f8"), ("time", "<f8")], align=True
)
DETECTOR_RECORD_DTYPE = np.dtype(
    [("start", "<f8"), ("end", "<f8"), ("flow", "<f8", (D,)), ("density", "<f8", (D,)), ("speed", "<f8", (D,)), ("occupancy", "<f8")],
    align=True,
)
ZONE_DTYPE = np.dtype([("segment", "<i4"), ("first_cell", "<i4"), ("cells", "<i4")], align=True)
ZONE_VALUES_DTYPE = np.dtype(
    [
        (name, "<f8", (D,))
        for name in ("vehicles", "halted", "moving", "delay", "vehicle_time", "halted_time", "delay_time", "stops")
    ],
    align=True,
)
SIZES_DTYPE = np.dtype([(n, "<i4") for n in ("classes", "segments", "junctions", "detectors", "sources")], align=True)

KIND = {"segment": 0, "junction": 1, "detector": 2, "class": 3, "source": 4}
STAGES = ("green", "yellow", "all_red")

_p = ctypes.c_void_p
_i32, _u64, _dbl, _size = ctypes.c_int32, ctypes.c_uint64, ctypes.c_double, ctypes.c_size_t
_pp = ctypes.POINTER(ctypes.c_void_p)

# name: (argument types); every function returns an int status unless listed in _RESTYPES.
_SIGNATURES = {
    "mfg_arz_abi_version": [],
    "mfg_arz_last_error": [],
    "mfg_arz_validate": [ctypes.c_char_p, ctypes.c_char_p, _size],
    "mfg_arz_sim_create": [ctypes.c_char_p, _u64, _pp],
    "mfg_arz_sim_destroy": [_p],
    "mfg_arz_sim_reset": [_p, _u64],
    "mfg_arz_sim_step": [_p, _dbl],
    "mfg_arz_sim_time": [_p, _p],
    "mfg_arz_sim_sizes": [_p, _p],
    "mfg_arz_sim_index": [_p, _i32, ctypes.c_char_p, _p],
    "mfg_arz_sim_segment_cells": [_p, _i32, _p, _p],
    "mfg_arz_sim_phase_count": [_p, _i32, _p],
    "mfg_arz_sim_set_phase": [_p, _i32, _i32],
    "mfg_arz_sim_signal": [_p, _i32, _p],
    "mfg_arz_sim_detector_totals": [_p, _i32, _p],
    "mfg_arz_sim_detector_record_count": [_p, _i32, _p],
    "mfg_arz_sim_detector_record": [_p, _i32, _i32, _p],
    "mfg_arz_sim_density": [_p, _i32, _i32, _p, _size],
    "mfg_arz_sim_velocity": [_p, _i32, _i32, _p, _size],
    "mfg_arz_sim_vehicles": [_p, _i32, _i32, _dbl, _p, _p],
    "mfg_arz_sim_totals": [_p, _p],
    "mfg_arz_batch_create": [ctypes.c_char_p, _i32, _p, _pp],
    "mfg_arz_batch_destroy": [_p],
    "mfg_arz_batch_size": [_p, _p],
    "mfg_arz_batch_step": [_p, _dbl, _i32],
    "mfg_arz_batch_set_phases": [_p, _p, _size],
    "mfg_arz_batch_reset": [_p, _i32, _u64],
    "mfg_arz_batch_detector_totals": [_p, _p, _size],
    "mfg_arz_batch_sim": [_p, _i32, _pp],
    "mfg_arz_batch_signals": [_p, _p, _size],
    "mfg_arz_batch_totals": [_p, _p, _size],
    "mfg_arz_batch_measure": [_p, _p, _size, _dbl, _p, _size],
    "mfg_arz_batch_advance": [_p, _dbl, _dbl, _i32, _p, _size, _dbl, _p, _size, _p, _size],
}
_RESTYPES = {"mfg_arz_last_error": ctypes.c_char_p, "mfg_arz_sim_destroy": None, "mfg_arz_batch_destroy": None}

_library: ctypes.CDLL | None = None


def _declare(lib: ctypes.CDLL, path: Path) -> None:
    missing = [name for name in _SIGNATURES if not hasattr(lib, name)]
    if missing:
        raise LibraryNotFound(
            f"{path} lacks {', '.join(missing)}: it was built from an older checkout. " + _BUILD_HINT
        )
    for name, args in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.argtypes = args
        fn.restype = _RESTYPES.get(name, ctypes.c_int)


def library() -> ctypes.CDLL:
    """The loaded, checked library (loaded once per process)."""
    global _library
    if _library is not None:
        return _library
    tried = candidate_paths()
    path = next((p for p in tried if p.is_file()), None)
    if path is None:
        raise LibraryNotFound(f"{LIBRARY_NAME} not found (looked at: {', '.join(map(str, tried))}). " + _BUILD_HINT)
    try:
        lib = ctypes.CDLL(str(path))
    except OSError as error:
        raise LibraryNotFound(f"{path} could not be loaded ({error}). " + _BUILD_HINT) from error
    version = lib.mfg_arz_abi_version()
    if version != ABI_VERSION:
        raise LibraryNotFound(
            f"{path} has ABI version {version}; this mfgw expects {ABI_VERSION}. Rebuild the library from this checkout. "
            + _BUILD_HINT
        )
    _declare(lib, path)
    _library = lib
    return lib


def library_path() -> Path | None:
    """Where the library was (or would be) loaded from, or None if it is not there."""
    return next((p for p in candidate_paths() if p.is_file()), None)
