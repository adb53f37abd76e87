"""The queue and reader op types have no sample here: their values are queue and reader
resources, and their kernels block. They are tested by ``tests/queues``,
``tests/training/test_input_pipelines.py`` and the ``queues`` conformance area."""

from scopeflow._src.framework import registry
from scopeflow._src.queues import api  # noqa: F401 - registers the queue and reader ops
from tests.ops.samples import exempt

for _type in registry.registered():
    _opdef = registry.get(_type)
    _fn = _opdef.factory or _opdef.kernel
    if getattr(_fn, "__module__", "").startswith("scopeflow._src.queues"):
        exempt(_type, "a queue or reader op: tested by tests/queues and the queues conformance area")
