"""The space-time picture of render_mode "rgb_array": time runs down (one row band per decision),
the network's cells across (segments in spec order, separated by a dark line), coloured by the
occupancy sum_i rho_i / (lanes rho_jam) from green (free) through yellow to red (jam); a strip at
the right shows each controlled signal's state per decision (green, amber while changing, red)."""
from __future__ import annotations

import numpy as np

# Control points of a green-yellow-red ramp (occupancy 0, 0.25, 0.5, 0.75, 1).
_RAMP = np.array([[26, 152, 80], [145, 207, 96], [254, 224, 139], [252, 141, 89], [165, 0, 38]], dtype=float)
_SIGNAL = {"green": (26, 152, 80), "changing": (254, 196, 79), "red": (200, 30, 45)}


def colour(occupancy: np.ndarray) -> np.ndarray:
    x = np.clip(np.nan_to_num(occupancy), 0.0, 1.0) * (len(_RAMP) - 1)
    lo = np.minimum(x.astype(int), len(_RAMP) - 2)
    t = (x - lo)[..., None]
    return ((1 - t) * _RAMP[lo] + t * _RAMP[lo + 1]).astype(np.uint8)


def spacetime(rows: list[np.ndarray], boundaries: list[int], signals: list[list[str]], min_height: int = 120,
              min_width: int = 240) -> np.ndarray:
    """rows: per decision, the occupancy of every cell; boundaries: cell offsets where segments start;
    signals: per decision, per controlled junction, "green" | "changing" | "red"."""
    if not rows:
        rows, signals = [np.zeros(max(1, boundaries[-1] if boundaries else 1))], [[]]
    image = colour(np.stack(rows))
    for b in boundaries[1:]:
        if 0 < b < image.shape[1]:
            image[:, b - 1] = (40, 40, 40)
    strip = np.array([[_SIGNAL.get(s, (128, 128, 128)) for s in row] or [(255, 255, 255)] for row in signals], dtype=np.uint8)
    sx = max(1, -(-min_width // image.shape[1]))
    sy = max(1, -(-min_height // image.shape[0]))
    image = np.repeat(np.repeat(image, sy, axis=0), sx, axis=1)
    strip = np.repeat(np.repeat(strip, sy, axis=0), 8, axis=1)
    gap = np.full((image.shape[0], 2, 3), 255, dtype=np.uint8)
    return np.ascontiguousarray(np.concatenate([image, gap, strip], axis=1))
