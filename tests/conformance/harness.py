"""The differential conformance harness.

A *case* is a function that takes the TensorFlow-1.x API module (``tensorflow.compat.v1``
when recording, ``scopeflow`` when testing) and returns plain data: names, shapes, values,
error classes and messages. ``record.py`` runs every case under real TensorFlow and stores
the results as JSON goldens; ``test_conformance.py`` runs the same cases under scopeflow and
compares. Each case starts in a fresh default graph.

Cases live in ``cases/<area>.py`` and are registered with ``@case``::

    @case
    def add_op_name(tf):
        x = tf.constant(1.0)
        return (x + x).name        # golden: "add:0"
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re

import numpy as np

CASES: dict[str, object] = {}

# Parts of messages that name files, line numbers or runtime node traces: dropped on both sides.
_MESSAGE_CUTS = ("Originally defined at:", "originally defined at:", "\n\t [[", "\n\n\t [[", "\n [[")


def case(fn):
    """Register ``fn`` as the conformance case ``<module>.<function name>``."""
    area = fn.__module__.rsplit(".", 1)[-1]
    key = f"{area}.{fn.__name__}"
    if key in CASES:
        raise ValueError(f"duplicate conformance case {key}")
    CASES[key] = fn
    return fn


def load_cases() -> dict[str, object]:
    """Import every module under ``cases/`` and return the registry."""
    from tests.conformance import cases as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{info.name}")
    return CASES


def message(exc: BaseException) -> str:
    """The comparable part of an exception message (no stack frames or node traces)."""
    if isinstance(getattr(exc, "message", None), str):  # tf.errors.OpError
        text = exc.message
    elif isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        text = exc.args[0]  # str(KeyError) adds quotes
    else:
        text = str(exc)
    for cut in _MESSAGE_CUTS:
        pos = text.find(cut)
        if pos >= 0:
            text = text[:pos]
    return normalise_addresses(text.strip())


def raises(fn, *args, **kwargs):
    """Call ``fn``; return ``{"error": class, "message": text}`` or ``{"ok": result}``."""
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the class is what we record
        return {"error": type(exc).__name__, "message": message(exc)}
    return {"ok": encode(result)}


def error_class(fn, *args, **kwargs):
    """Like ``raises`` but records only the error class (for messages TF words unstably)."""
    try:
        fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001
        return {"error": type(exc).__name__}
    return {"ok": True}


def raises_last_line(fn, *args, **kwargs):
    """``raises``, keeping only the last line of an error message (TF puts the node's
    definition trace before it)."""
    got = raises(fn, *args, **kwargs)
    if "error" in got:
        lines = [ln for ln in got["message"].splitlines() if ln.strip()]
        got["message"] = lines[-1] if lines else ""
    return got


def run_error(tf, fetches, feed=None):
    """Error class and last message line of running ``fetches`` in a new session."""
    def run():
        with tf.Session() as sess:
            return sess.run(fetches, feed)
    return raises_last_line(run)


def static(outs):
    """``[name, dtype, static shape]`` of each tensor."""
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    return [[t.name, t.dtype.name, shape_of(t)] for t in outs]


def values(tf, outs, feed=None):
    with tf.Session() as sess:
        return sess.run(outs, feed)


def grads(tf, ys, xs, feed=None, grad_ys=None, prefix="gradients"):
    """Gradient names, the ops built under ``prefix``, static shapes and gradient values."""
    gs = tf.gradients(ys, xs, grad_ys=grad_ys)
    ops = [s for s in op_summary(tf.get_default_graph()) if s[0].startswith(prefix)]
    live = [g for g in gs if g is not None]
    with tf.Session() as sess:
        got = sess.run(live, feed)
    return {"names": [None if g is None else g.name for g in gs], "ops": ops,
            "shapes": [None if g is None else shape_of(g) for g in gs], "values": got}


def op_names(graph) -> list[str]:
    """Names of every operation in ``graph``, in creation order."""
    return [op.name for op in graph.get_operations()]


def op_summary(graph) -> list[list[str]]:
    """``[name, type]`` for every operation in ``graph``, in creation order."""
    return [[op.name, op.type] for op in graph.get_operations()]


def shape_of(t):
    """A tensor's static shape as a list (``None`` for unknown dims) or ``None`` for unknown rank."""
    shape = t.shape if not hasattr(t, "dims") else t
    if shape.dims is None:
        return None
    return [None if d is None else int(d) for d in shape.as_list()]


def encode(value):
    """Turn a case's result into JSON-able data (arrays keep dtype and shape)."""
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _float(float(value))
    if isinstance(value, bytes):
        return {"bytes": value.decode("utf-8", "backslashreplace")}
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            flat = [v.decode("utf-8", "backslashreplace") if isinstance(v, bytes) else v for v in value.ravel()]
            return {"array": flat, "dtype": "string", "shape": list(value.shape)}
        return {
            "array": [encode(v) for v in value.ravel().tolist()],
            "dtype": str(value.dtype),
            "shape": list(value.shape),
        }
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "as_numpy_dtype") and hasattr(value, "name"):  # a DType
        return {"dtype": value.name}
    if hasattr(value, "as_list") and hasattr(value, "dims"):  # a TensorShape
        return {"tensor_shape": shape_of(value)}
    raise TypeError(f"conformance case returned an unencodable {type(value).__name__}: {value!r}")


def _float(x: float):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def compare(got, want, path="result") -> list[str]:
    """Differences between an encoded result and its golden (floats to 1e-5 relative)."""
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        if math.isclose(got, want, rel_tol=1e-5, abs_tol=1e-6):
            return []
        return [f"{path}: {got!r} != {want!r}"]
    if isinstance(want, dict) and isinstance(got, dict):
        diffs = []
        for k in sorted(set(want) | set(got)):
            if k not in got:
                diffs.append(f"{path}.{k}: missing")
            elif k not in want:
                diffs.append(f"{path}.{k}: unexpected {got[k]!r}")
            else:
                diffs += compare(got[k], want[k], f"{path}.{k}")
        return diffs
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return [f"{path}: length {len(got)} != {len(want)}: {got!r} != {want!r}"]
        diffs = []
        for i, (g, w) in enumerate(zip(got, want)):
            diffs += compare(g, w, f"{path}[{i}]")
        return diffs
    if type(got) is not type(want) and not (isinstance(got, (int, float)) and isinstance(want, (int, float)) and not isinstance(got, bool) and not isinstance(want, bool)):
        return [f"{path}: {got!r} != {want!r}"]
    return [] if got == want else [f"{path}: {got!r} != {want!r}"]


def normalise_addresses(text: str) -> str:
    """Replace ``0x7f...`` object addresses, which differ run to run."""
    return re.sub(r"0x[0-9a-fA-F]+", "0x?", text)
