"""Device strings as TensorFlow canonicalises them (``/cpu:0`` -> ``/device:CPU:0``).

scopeflow computes everything on the CPU with NumPy; device strings are recorded on ops
(``op.device``) so that code which places ops keeps working and prints what TF prints.
"""

from __future__ import annotations

_FIELDS = ("job", "replica", "task", "device")


def parse(spec: str) -> dict:
    """Split a device string into its job, replica, task and device parts."""
    parts: dict = {}
    for piece in (spec or "").split("/"):
        if not piece:
            continue
        bits = piece.split(":")
        key = bits[0].lower()
        if key in ("job", "replica", "task") and len(bits) == 2:
            parts[key] = bits[1]
        elif key == "device" and len(bits) == 3:
            parts["device"] = f"{bits[1].upper()}:{bits[2]}"
        elif key == "device" and len(bits) == 2:
            parts["device"] = f"{bits[1].upper()}:*"
        elif len(bits) == 2 and key in ("cpu", "gpu", "tpu"):
            parts["device"] = f"{key.upper()}:{bits[1]}"
        elif len(bits) == 1 and key in ("cpu", "gpu", "tpu"):
            parts["device"] = f"{key.upper()}:*"
        else:
            raise ValueError(f"Unknown attribute: '{piece}' in '{spec}'")
    return parts


def to_string(parts: dict) -> str:
    out = ""
    for key in _FIELDS:
        if key in parts:
            val = parts[key]
            if key == "device" and val.endswith(":*"):
                val = val[:-2]
            out += f"/{key}:{val}"
    return out


def merge(outer: str, inner: str | None) -> str:
    """The device of an op under ``inner`` nested in ``outer`` (inner fields win)."""
    if inner is None:
        return ""
    parts = parse(outer)
    parts.update(parse(inner))
    return to_string(parts)


def canonical(spec: str) -> str:
    return to_string(parse(spec))
