"""Table initializers: ``tf.lookup.KeyValueTensorInitializer`` (and ``TextFileIndex``; the
file initializer is ``text_file_init.py``). An initializer builds the op that fills a table,
added to the ``TABLE_INITIALIZERS`` collection that ``tf.tables_initializer`` groups."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import add_to_collection, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.ops.lookup import table_ops, text_file


def check_table_dtypes(table, key_dtype, value_dtype):
    """TF's ``TypeError`` when an initializer's types are not the table's."""
    if key_dtype.base_dtype != table.key_dtype:
        raise TypeError(f"Invalid key dtype for table, expected {table.key_dtype} but got {key_dtype}.")
    if value_dtype.base_dtype != table.value_dtype:
        raise TypeError(f"Invalid value dtype for table, expected {table.value_dtype} but got {value_dtype}.")


class TextFileIndex:
    """Where a ``TextFileInitializer`` takes a key or a value: a column number, or one of these.

    >>> import scopeflow as tf
    >>> tf.lookup.TextFileIndex.WHOLE_LINE, tf.lookup.TextFileIndex.LINE_NUMBER
    (-2, -1)
    """

    WHOLE_LINE = text_file.WHOLE_LINE
    LINE_NUMBER = text_file.LINE_NUMBER


class _Initializer:
    """What table initializers share: the key and value types."""

    def __init__(self, key_dtype, value_dtype):
        self._key_dtype = dtypes.as_dtype(key_dtype)
        self._value_dtype = dtypes.as_dtype(value_dtype)

    @property
    def key_dtype(self):
        return self._key_dtype

    @property
    def value_dtype(self):
        return self._value_dtype

    @property
    def _shared_name(self):
        return ""


class KeyValueTensorInitializer(_Initializer):
    """Fills a table from a tensor of keys and a tensor of values (``LookupTableImportV2``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     init = tf.lookup.KeyValueTensorInitializer(["a", "b"], [1, 2])
    ...     print(init.key_dtype.name, init.value_dtype.name)
    string int32
    """

    def __init__(self, keys, values, key_dtype=None, value_dtype=None, name=None):
        self._keys = convert_to_tensor(keys, dtype=key_dtype, name="keys")
        self._values = convert_to_tensor(values, dtype=value_dtype, name="values")
        self._name = name if name is not None else "key_value_init"
        super().__init__(self._keys.dtype, self._values.dtype)

    def initialize(self, table):
        """The op that fills ``table`` (also added to ``TABLE_INITIALIZERS``)."""
        check_table_dtypes(table, self._keys.dtype, self._values.dtype)
        with name_scope(self._name, values=(table.resource_handle, self._keys, self._values)):
            init_op = table_ops.import_table(table.resource_handle, self._keys, self._values)
        add_to_collection(GraphKeys.TABLE_INITIALIZERS, init_op)
        return init_op
