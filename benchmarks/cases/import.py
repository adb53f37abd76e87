"""``import``: time and resident memory of importing the library in a fresh process.

``rss_mb`` is the growth of the process's resident set across the import (NumPy included
for both: scopeflow and TensorFlow both import it).
"""

import time

NAME = "import"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"import_s": "s", "rss_mb": "MB"}
TARGETS = {"import_s": 20, "rss_mb": 10}
OWN_IMPORT = True  # the worker must not import the library before measure() does


def _rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(tf, impl, quick):
    before = _rss_mb()
    start = time.perf_counter()
    if impl == "tensorflow":
        import os
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow.compat.v1  # noqa: F401
    else:
        import scopeflow  # noqa: F401
    return {"import_s": time.perf_counter() - start, "rss_mb": _rss_mb() - before}
