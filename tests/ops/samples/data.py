"""tf.data's op types (datasets, iterators, sparse components as variants) have no sample here:
their values are datasets and iterator resources, not arrays. They are tested by ``tests/data``
and the ``data_dataset``/``data_iterators`` conformance areas."""

from scopeflow._src.data import api  # noqa: F401 - registers the data ops
from scopeflow._src.framework import registry
from tests.ops.samples import exempt

for _type in registry.registered():
    _opdef = registry.get(_type)
    _fn = _opdef.factory or _opdef.kernel
    if getattr(_fn, "__module__", "").startswith("scopeflow._src.data"):
        exempt(_type, "a tf.data op: tested by tests/data and the data_* conformance areas")
