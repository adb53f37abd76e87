"""The queue and reader op types have no sample here: their values are queue and reader
resources, and their kernels block. They are tested by ``tests/queues``,
``tests/training/test_input_pipelines.py`` and the ``queues`` conformance area. The whole-file
ops (``queues/file_ops.py``) have a sample and are tested by ``tests/queues/test_file_ops.py``
and the ``real_programs`` conformance area."""

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.queues import api  # noqa: F401 - registers the queue and reader ops
from tests.ops.samples import exempt, sample

for _type in registry.registered():
    _opdef = registry.get(_type)
    _fn = _opdef.factory or _opdef.kernel
    _module = getattr(_fn, "__module__", "")
    if _module.startswith("scopeflow._src.queues") and _module != "scopeflow._src.queues.file_ops":
        exempt(_type, "a queue or reader op: tested by tests/queues and the queues conformance area")


def _read(path):
    with open(path.item(), "rb") as f:
        return np.array(f.read(), dtype=object)


@sample("ReadFile", [np.array(__file__.encode(), dtype=object)], _read, grad=False)  # this very file
def _(tf, path):
    return tf.read_file(path)


exempt("WriteFile", "no output (it writes a file): tested by tests/queues/test_file_ops.py and the real_programs "
                    "conformance area")
