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


def device_type_name(name: str) -> str:
    """TF spells the cpu and gpu types in capitals; other types keep their spelling."""
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
            parts["device_type"] = key.upper() if n < 3 else device_type_name(bits[1])
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


# -- device blocks and device functions ---------------------------------------------------
#
# TF keeps a stack of device blocks and, for each new op, walks it innermost first: a string
# block fills the parts of ``op.device`` still unset, a device function replaces ``op.device``
# with what it returns (it gets the op, with the device the inner blocks gave it), and a
# ``None`` block stops the walk. Consecutive strings compose into one, so a stack is kept as
# one entry per block: a plain string while no function is open (the device itself, no work
# per op), else a tuple of steps, innermost first (merged strings and functions).


def push(top, spec):
    """The stack entry of a block ``spec`` (a device string, ``DeviceSpec``, function or
    ``None``) opened inside the entry ``top`` (``""`` at the bottom).

    >>> push(push("", "/job:w"), "/gpu:1"), push("/gpu:1", None)
    ('/job:w/device:GPU:1', '')
    """
    if spec is None:
        return ""
    if callable(spec) or hasattr(spec, "to_string"):  # a DeviceSpec is read as each op is made
        return (spec,) + (top if isinstance(top, tuple) else (top,) if top else ())
    canon = canonical(spec)
    if not canon:  # TF skips a block that sets nothing (its "null merge")
        return top
    if isinstance(top, str):
        return merge(top, canon)
    if isinstance(top[0], str):
        return (merge(top[0], canon),) + top[1:]
    return (canon,) + top


def place(entry, op, initial: str = "") -> str:
    """The device of ``op`` under the stack entry ``entry``, starting from ``initial`` (an
    imported node's own device); ``op._device`` is kept up to date as the functions read it."""
    if isinstance(entry, str):
        return merge(entry, initial) if initial else entry
    device = canonical(initial)
    for step in entry:
        if isinstance(step, str):
            device = merge(step, device) if device else step
        elif not callable(step):  # a DeviceSpec, which may have changed since its block opened
            device = merge(step.to_string(), device)
        else:
            op._device = device
            device = _device_string(step(op))
    return device


def _device_string(value) -> str:
    if hasattr(value, "to_string"):
        return value.to_string()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if not isinstance(value, str):
        raise TypeError(f"Expected binary or unicode string, got {value!r}")
    return value
