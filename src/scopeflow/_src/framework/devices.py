"""Device strings as TensorFlow canonicalises them (``/cpu:0`` -> ``/device:CPU:0``).

scopeflow computes everything on the CPU with NumPy; device strings are recorded on ops
(``op.device``) so that code which places ops keeps working and prints what TF prints.

A device string has five parts, each optional: job, replica, task, device type and device
index. A device type without an index (``/cpu:*``, ``CPU``) prints as ``/device:CPU:*``;
nesting merges part by part, so ``CPU`` inside ``/gpu:1`` is ``/device:CPU:1`` and ``/job:x``
inside ``/cpu:0`` is ``/job:x/device:CPU:0`` (TF's ``DeviceSpec.make_merged_spec``).
"""

from __future__ import annotations

_FIELDS = ("job", "replica", "task", "device_type", "device_index")
_SHORT_TYPES = ("CPU", "GPU", "TPU")  # the types written without "device:" (/cpu:0, gpu)


def _device_type(name: str) -> str:
    return name.upper() if name in ("cpu", "gpu") else name


def parse(spec: str) -> dict:
    """The parts a device string sets (TF's ``DeviceSpec.from_string``); TF's ``ValueError``
    for a part it does not know or a second device type."""
    parts: dict = {}
    for piece in (spec or "").split("/"):
        bits = piece.split(":")
        key, n = bits[0], len(bits)
        if n == 2 and key in ("job", "replica", "task"):
            parts[key] = bits[1] if key == "job" else int(bits[1])
        elif n in (1, 2) and key.upper() in _SHORT_TYPES or n == 3 and key == "device":
            if "device_type" in parts:
                raise ValueError(f"Multiple device types are not allowed while parsing the device spec: {spec}.")
            parts["device_type"] = key.upper() if n < 3 else _device_type(bits[1])
            index = bits[-1] if n > 1 else "*"
            parts["device_index"] = None if index == "*" else int(index)
        elif key:
            raise ValueError(f"Unknown attribute '{key}' is encountered while parsing the device spec: '{spec}'.")
    return {k: v for k, v in parts.items() if v is not None}


def to_string(parts: dict) -> str:
    out = "".join(f"/{key}:{parts[key]}" for key in ("job", "replica", "task") if key in parts)
    if "device_type" in parts:
        out += f"/device:{parts['device_type']}:{parts.get('device_index', '*')}"
    return out


def merge(outer: str, inner: str | None) -> str:
    """The device of an op under ``inner`` nested in ``outer`` (the parts ``inner`` sets win).

    >>> merge("/job:w/gpu:1", "CPU"), merge("", "/cpu:*"), merge("/cpu:0", None)
    ('/job:w/device:CPU:1', '/device:CPU:*', '')
    """
    if inner is None:
        return ""
    parts = parse(outer)
    parts.update(parse(inner))
    return to_string(parts)


def canonical(spec: str) -> str:
    return to_string(parse(spec))
