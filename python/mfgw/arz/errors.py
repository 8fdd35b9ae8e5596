"""Exceptions for the status codes of the C ABI, carrying mfg_arz_last_error()."""
from __future__ import annotations


class ArzError(RuntimeError):
    """A call into libmfg_arz.so failed; ``status`` is the mfg_arz_status, the message the library's."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class SpecError(ArzError, ValueError):
    """MFG_ARZ_INVALID_SPEC: the spec was refused; the message lists the fields."""


class ArgumentError(ArzError, ValueError):
    """MFG_ARZ_INVALID_ARGUMENT: an index out of range, a buffer too small, a phase that does not exist..."""


class InternalError(ArzError):
    """MFG_ARZ_INTERNAL: an unexpected failure in the native core (please report it)."""


_BY_STATUS = {1: SpecError, 2: ArgumentError, 3: InternalError}


def raise_for(status: int, lib, what: str) -> None:
    if status == 0:
        return
    message = lib.mfg_arz_last_error().decode("utf-8", "replace")
    cls = _BY_STATUS.get(status, InternalError)
    raise cls(f"{what}: {message}" if message else f"{what}: status {status}", status)
