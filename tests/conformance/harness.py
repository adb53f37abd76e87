"""The differential conformance harness.

A *case* is a function that takes the TensorFlow-1.x API module (``tensorflow.compat.v1``
when recording, ``scopeflow`` when testing) and returns plain data: names, shapes, values,
error classes and messages. ``record.py`` runs every case under real TensorFlow and stores
the results as JSON goldens; ``test_conformance.py`` runs the same cases under scopeflow and
compares. Each case starts in a fresh default graph.

Cases live in ``cases/<area>.py``, or in the modules of a package ``cases/<area>/`` (all of
which register under ``<area>``), and are registered with ``@case``::

    @case
    def add_op_name(tf):
        x = tf.constant(1.0)
        return (x + x).name        # golden: "add:0"

A ``NameError`` or ``AttributeError`` raised by the conformance code itself (a typo in a case, a
helper it forgot to import) is not TensorFlow's behaviour, and must never become a golden:
``raises`` marks each such error with an ``origin`` (see ``error_origin``), ``record.py`` refuses
to write an area where one is not ``"library"``, and ``test_conformance.py`` fails a case whose
stored golden has one.
"""

from __future__ import annotations

import dis
import importlib
import math
import os
import pkgutil
import re
import types

import numpy as np

CASES: dict[str, object] = {}

# ``tests.conformance.cases``: a case's area is the name right after it.
_CASES_PACKAGE = __name__.rsplit(".", 1)[0] + ".cases"

# Parts of messages that name files, line numbers or runtime node traces, and the help scopeflow adds after
# TF's sentence (variables/explain.py's HELP_MARK): dropped on both sides.
_MESSAGE_CUTS = ("Originally defined at:", "originally defined at:", "\n\t [[", "\n\n\t [[", "\n [[",
                 "\n\nscopeflow help:")


def area_of(module: str) -> str:
    """The area of a case defined in ``module``: ``cases.<area>`` or ``cases.<area>.<topic>``
    (the name right after ``cases.``); outside ``cases/``, the module's last name."""
    if module.startswith(_CASES_PACKAGE + "."):
        return module[len(_CASES_PACKAGE) + 1:].split(".", 1)[0]
    return module.rsplit(".", 1)[-1]


def case(fn):
    """Register ``fn`` as the conformance case ``<area>.<function name>``."""
    key = f"{area_of(fn.__module__)}.{fn.__name__}"
    if key in CASES:
        raise ValueError(f"duplicate conformance case {key}")
    CASES[key] = fn
    return fn


def load_cases() -> dict[str, object]:
    """Import every module under ``cases/``, packages' submodules included, and return the registry."""
    from tests.conformance import cases as pkg

    for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{pkg.__name__}."):
        importlib.import_module(info.name)
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
    """Call ``fn``; return ``{"error": class, "message": text}`` or ``{"ok": result}``.

    A ``NameError`` or ``AttributeError`` also gets its ``"origin"`` (see ``error_origin``)."""
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the class is what we record
        return _with_origin({"error": type(exc).__name__, "message": message(exc)}, exc)
    return {"ok": encode(result)}


def error_class(fn, *args, **kwargs):
    """Like ``raises`` but records only the error class (for messages TF words unstably)."""
    try:
        fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001
        return _with_origin({"error": type(exc).__name__}, exc)
    return {"ok": True}


# -- errors of the conformance code itself -----------------------------------------------------
# Errors a bug in a case can raise by itself; only these get an "origin".
OWN_CODE_ERRORS = (NameError, AttributeError)  # UnboundLocalError is a NameError
_OWN_CODE_ERROR_NAMES = {"NameError", "UnboundLocalError", "AttributeError"}
# Modules whose code and objects count as the library under test (TF's protobufs included).
LIBRARY_MODULES = ("tensorflow", "tf_keras", "keras", "scopeflow", "google.protobuf")
_TEST_DIR = os.path.dirname(os.path.realpath(__file__)) + os.sep  # tests/conformance/
_REPO_DIR = os.path.dirname(os.path.dirname(_TEST_DIR.rstrip(os.sep))) + os.sep


def _in_library(module_name) -> bool:
    return isinstance(module_name, str) and any(
        module_name == lib or module_name.startswith(lib + ".") for lib in LIBRARY_MODULES)


def _library_object(obj) -> bool:
    """Whether ``obj`` (a module, class or instance) belongs to the library under test."""
    if isinstance(obj, types.ModuleType):
        return _in_library(obj.__name__)
    if isinstance(obj, type):
        return _in_library(obj.__module__)
    return _in_library(type(obj).__module__)


def _frame_kind(frame) -> str | None:
    """``"test"`` for conformance code (this folder), ``"library"``, or None (numpy, the stdlib...)."""
    if os.path.realpath(frame.f_code.co_filename).startswith(_TEST_DIR):
        return "test"
    if _in_library(frame.f_globals.get("__name__")):
        return "library"
    return None


def _instruction(frame, lasti: int) -> str:
    for ins in dis.get_instructions(frame.f_code):
        if ins.offset == lasti:
            return ins.opname
    return "?"


def error_origin(exc: BaseException) -> str | None:
    """Who raised a ``NameError`` or ``AttributeError``: ``"library"`` (TF or scopeflow), or
    ``"case code at FILE:LINE in FUNCTION"`` for a bug of the conformance code itself; None for
    other errors.

    The traceback's innermost frame that is either conformance code or library code decides
    (numpy's and the stdlib's frames are skipped). A library frame: the library raised it. A
    conformance frame: a ``NameError`` is the case's own; so is an ``AttributeError``, unless
    the object that lacks the attribute (``exc.obj``) is a library object (``tf.no_such_op``,
    ``tensor.no_such_attr``: TF's behaviour, a legitimate golden), or, where Python does not say
    which object it was (``exc.name`` unset: the error was raised by C code, such as a protobuf's
    ``__setattr__``), the frame was calling a function, which raised it.
    """
    if not isinstance(exc, OWN_CODE_ERRORS):
        return None
    tb, deciding = exc.__traceback__, None
    while tb is not None:
        if _frame_kind(tb.tb_frame) is not None:
            deciding = tb
        tb = tb.tb_next
    if deciding is None or _frame_kind(deciding.tb_frame) == "library":
        return "library"
    frame = deciding.tb_frame
    if isinstance(exc, AttributeError):
        if getattr(exc, "name", None) is not None:  # a failed lookup: exc.obj is the object
            if _library_object(exc.obj):
                return "library"
        elif _instruction(frame, deciding.tb_lasti).startswith(("CALL", "PRECALL")):
            return "library"
    path = os.path.realpath(frame.f_code.co_filename)
    if path.startswith(_REPO_DIR):
        path = path[len(_REPO_DIR):]
    return f"case code at {path}:{deciding.tb_lineno} in {frame.f_code.co_name}"


def _with_origin(got: dict, exc: BaseException) -> dict:
    origin = error_origin(exc)
    if origin is not None:
        got["origin"] = origin
    return got


def own_code_errors(result, path: str = "result") -> list[str]:
    """The ``NameError``/``AttributeError`` records in an encoded result (a golden, or what
    ``raises`` returned) that the library did not raise: the conformance code's own, or ones
    recorded without an ``origin`` (by an older ``record.py``, or caught outside ``raises`` and
    ``error_class``). Each is described as ``"PATH: CLASS: MESSAGE (ORIGIN)"``."""
    found = []
    if isinstance(result, dict):
        origin = result.get("origin")
        if "error" in result and origin != "library" and (origin or result["error"] in _OWN_CODE_ERROR_NAMES):
            found.append(f"{path}: {result['error']}: {result.get('message', '')} ({origin or 'no origin recorded'})")
        for k, v in result.items():
            found += own_code_errors(v, f"{path}.{k}")
    elif isinstance(result, list):
        for i, v in enumerate(result):
            found += own_code_errors(v, f"{path}[{i}]")
    return found


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


def run(tf, fetches, feed=None):
    """Run ``fetches`` in a new session, after initializing the global variables."""
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


def names(tensors):
    """Tensor names of a nested structure (lists for tuples); ``None`` stays ``None``."""
    if tensors is None:
        return None
    if isinstance(tensors, (list, tuple)):
        return [names(t) for t in tensors]
    return tensors.name


def grad_info(tf, ys, xs, feed=None, **kwargs):
    """Names, static shapes and values of ``tf.gradients(ys, xs)`` (``None`` where TF gives None)."""
    gs = tf.gradients(ys, xs, **kwargs)
    live = [g for g in gs if g is not None]
    it = iter(run(tf, live, feed))
    return {"names": names(gs), "shapes": [None if g is None else shape_of(g) for g in gs],
            "values": [None if g is None else next(it) for g in gs]}


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
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            diffs += compare(g, w, f"{path}[{i}]")
        return diffs
    both_numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (got, want))
    if type(got) is not type(want) and not both_numbers:
        return [f"{path}: {got!r} != {want!r}"]
    return [] if got == want else [f"{path}: {got!r} != {want!r}"]


def normalise_addresses(text: str) -> str:
    """Replace ``0x7f...`` object addresses, which differ run to run."""
    return re.sub(r"0x[0-9a-fA-F]+", "0x?", text)
