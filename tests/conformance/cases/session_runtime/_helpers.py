"""Helpers shared by the ``session_runtime`` conformance cases (no cases here)."""

import numpy as np

from tests.conformance.harness import message


def _op_error(fn, *args, **kwargs):
    """Class, code, op and full message (minus frame lines) of an OpError; else raises()."""
    try:
        result = fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001
        text = getattr(e, "message", None)
        if not isinstance(text, str):
            return {"error": type(e).__name__, "message": message(e)}
        lines = [ln for ln in text.split("\n") if not ln.startswith("    ")]
        return {"error": type(e).__name__, "code": e.error_code, "message": lines,
                "op": None if e.op is None else e.op.name,
                "node_def": None if e.node_def is None else e.node_def.name}
    return {"ok": repr(result)}


def _frame_only(got):
    """An ``_op_error`` result with the kernel's own sentence left out."""
    if "message" in got and isinstance(got["message"], list):
        got["message"] = [ln for ln in got["message"] if ln.startswith(("Graph", "Detected", "Node:", "\t [["))
                          or not ln]
    return got


def _type_and_value(v):
    return [type(v).__name__, v.tolist() if isinstance(v, np.ndarray) else v]
