"""What the sharing examples share: TensorFlow or scopeflow, and printing what each says.

Each example runs on scopeflow (``python docs/examples/sharing/<name>.py``) or, with
``--tensorflow``, the very same code on TensorFlow 2.21 (``tensorflow.compat.v1``).
"""

import sys
import warnings

if "--tensorflow" in sys.argv[1:]:
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
else:
    import scopeflow as tf

__all__ = ["tf", "error_of", "warnings_of"]


def error_of(fn):
    """Run ``fn``; print the ``ValueError`` it raises (class and message, no traceback)."""
    try:
        fn()
    except ValueError as e:
        print(f"{type(e).__name__}: {e}")
    else:
        print("(no error)")


def warnings_of(fn):
    """Run ``fn``; print the warnings it raises about the graph (scopeflow's lints)."""
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        fn()
    shown = [w for w in got if w.category.__module__ == "scopeflow"]
    for w in shown:
        print(f"{w.category.__name__}: {w.message}")
    if not shown:
        print("(no warning)")
