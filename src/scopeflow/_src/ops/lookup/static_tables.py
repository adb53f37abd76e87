"""TF1's table classes: ``tf.lookup.StaticHashTable`` (``HashTableV2``, filled by an
initializer, read with ``LookupTableFindV2``), ``tf.lookup.StaticVocabularyTable`` (a hash
table whose missing keys go to ``num_oov_buckets`` extra ids by farmhash, built from TF's
ops), and ``tf.tables_initializer``. A lookup before the table's initializer ran fails with
``FailedPreconditionError: Table not initialized.``
"""

from __future__ import annotations

import uuid

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import get_collection, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.selection import where_v2
from scopeflow._src.ops.control.control_flow_ops import group, no_op
from scopeflow._src.ops.lookup import table_ops
from scopeflow._src.ops.math.arithmetic import add
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.math.comparison import not_equal
from scopeflow._src.ops.parsing.string_basic import string_to_hash_bucket_fast
from scopeflow._src.ops.parsing.substr import as_string


def _check_keys(keys, key_dtype):
    if keys.dtype.base_dtype != key_dtype:
        raise TypeError(f"Dtype of argument `keys` must be {key_dtype}, received: {keys.dtype}")


def _like_keys(keys, values):
    return SparseTensor(keys.indices, values, keys.dense_shape) if isinstance(keys, SparseTensor) else values


class StaticHashTable:
    """An immutable hash table, filled by ``initializer`` when ``tf.tables_initializer()`` (or
    ``table.initializer``) runs; a missing key reads ``default_value``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     table = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(["a", "b"], [1, 2]), -1)
    ...     out = table.lookup(tf.constant(["a", "c"]))
    ...     with tf.Session() as sess:
    ...         sess.run(tf.tables_initializer())
    ...         print(out.name, sess.run(out).tolist())
    hash_table_Lookup/LookupTableFindV2:0 [1, -1]
    """

    def __init__(self, initializer, default_value, name=None):
        self._initializer = initializer
        self._shared_name = initializer._shared_name or f"hash_table_{uuid.uuid4()}"
        self._name = name or "hash_table"
        self._key_dtype, self._value_dtype = initializer.key_dtype, initializer.value_dtype
        self._default_value = convert_to_tensor(default_value, dtype=self._value_dtype)
        self._default_value.shape.merge_with(TensorShape([]))
        self._resource_handle = table_ops.hash_table(self._key_dtype, self._value_dtype, self._shared_name,
                                                     name=self._name)
        self._table_name = self._resource_handle.op.name.split("/")[-1]
        self._init_op = initializer.initialize(self)

    key_dtype = property(lambda self: self._key_dtype, doc="The type of the keys.")
    value_dtype = property(lambda self: self._value_dtype, doc="The type of the values.")
    default_value = property(lambda self: self._default_value, doc="The value of a missing key.")
    resource_handle = property(lambda self: self._resource_handle, doc="The ``HashTableV2`` op's output.")
    initializer = property(lambda self: self._init_op, doc="The op that fills the table.")
    name = property(lambda self: self._table_name, doc="The table op's name, without its scope.")

    def size(self, name=None):
        """The number of entries (an int64 scalar; 0 before initialization)."""
        with name_scope(name, f"{self.name}_Size", [self._resource_handle]):
            return table_ops.size(self._resource_handle)

    def lookup(self, keys, name=None):
        """The value of each key of ``keys`` (a ``Tensor`` or ``SparseTensor`` of the key type)."""
        key_tensor = keys.values if isinstance(keys, SparseTensor) else keys
        _check_keys(keys, self._key_dtype)
        with name_scope(name, f"{self.name}_Lookup", (self._resource_handle, key_tensor, self._default_value)):
            values = table_ops.find(self._resource_handle, key_tensor, self._default_value)
        values.set_shape(key_tensor.shape)
        return _like_keys(keys, values)

    def __getitem__(self, keys):
        return self.lookup(keys)


class StaticVocabularyTable:
    """A vocabulary table: a key of ``initializer`` (string or int64 keys, int64 ids) reads its
    id; any other key one of ``num_oov_buckets`` ids after them, by its farmhash (TF's ids).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     init = tf.lookup.KeyValueTensorInitializer(["a", "b"], tf.constant([0, 1], tf.int64))
    ...     ids = tf.lookup.StaticVocabularyTable(init, 3).lookup(tf.constant(["a", "b", "zz"]))
    ...     with tf.Session() as sess:
    ...         sess.run(tf.tables_initializer())
    ...         print(sess.run(ids).tolist())
    [0, 1, 3]
    """

    def __init__(self, initializer, num_oov_buckets, lookup_key_dtype=None, name=None):
        if num_oov_buckets <= 0:
            raise ValueError("`num_oov_buckets` must be > 0; use StaticHashTable.")
        name = name.rstrip("/") if name else name
        self._table = None
        if initializer:
            lookup_key_dtype = initializer.key_dtype if lookup_key_dtype is None else dtypes.as_dtype(lookup_key_dtype)
            _check_vocabulary_types(initializer, lookup_key_dtype)
            self._table = StaticHashTable(initializer, default_value=-1)
            name = name or self._table.name
        else:
            lookup_key_dtype, name = dtypes.string, name or "hash_bucket"
        if not lookup_key_dtype.is_integer and lookup_key_dtype != dtypes.string:
            raise TypeError(f"Invalid `key_dtype`, expected integer or string, got {lookup_key_dtype}")
        self._num_oov_buckets = num_oov_buckets
        self._table_name = name.split("/")[-1]
        self._key_dtype, self._value_dtype = lookup_key_dtype, dtypes.int64

    key_dtype = property(lambda self: self._key_dtype, doc="The type of the keys.")
    value_dtype = property(lambda self: self._value_dtype, doc="int64: ids.")
    name = property(lambda self: self._table_name, doc="The table's name.")
    resource_handle = property(lambda self: self._table.resource_handle if self._table else None,
                               doc="The hash table's handle (``None`` without an initializer).")

    @property
    def initializer(self):
        """The op that fills the table (a ``NoOp`` without an initializer)."""
        if self._table is not None:
            return self._table.initializer
        with name_scope(None, "init"):
            return no_op()

    def size(self, name=None):
        """The number of ids: the table's entries plus the buckets."""
        with name_scope(name, f"{self.name}_Size"):
            tsize = self._table.size() if self._table else convert_to_tensor(0, dtype=dtypes.int64)
            return tsize + self._num_oov_buckets

    def lookup(self, keys, name=None):
        """The id of each key (a ``Tensor`` or ``SparseTensor``), TF's ops and values."""
        _check_keys(keys, self._key_dtype)
        values = keys.values if isinstance(keys, SparseTensor) else keys
        if self._table and self._table.key_dtype.base_dtype == dtypes.int64:
            values = cast(values, dtypes.int64)
        with name_scope(name, f"{self.name}_Lookup"):
            text = values if values.dtype.base_dtype == dtypes.string else as_string(values)
            ids = buckets = string_to_hash_bucket_fast(text, num_buckets=self._num_oov_buckets, name="hash_bucket")
            if self._table:
                ids = self._table.lookup(values)
                buckets = add(buckets, self._table.size())
                ids = where_v2(not_equal(ids, self._table.default_value), ids, buckets)
        return _like_keys(keys, ids)

    def __getitem__(self, keys):
        return self.lookup(keys)


def _check_vocabulary_types(initializer, lookup_key_dtype):
    if initializer.key_dtype not in (dtypes.int64, dtypes.string):
        raise TypeError(f"Invalid `key_dtype`, expected one of ({dtypes.int64!r}, {dtypes.string!r}), but got "
                        f"{initializer.key_dtype}.")
    if initializer.key_dtype.is_integer != lookup_key_dtype.is_integer:
        raise TypeError(f"Invalid `key_dtype`, expected {'integer' if lookup_key_dtype.is_integer else 'non-integer'}"
                        f" but got {initializer.key_dtype}.")
    if initializer.value_dtype != dtypes.int64:
        raise TypeError(f"Invalid `value_dtype`, expected {dtypes.int64} but got {initializer.value_dtype}.")


def tables_initializer(name="init_all_tables"):
    """The op that runs every table initializer of the default graph (a ``NoOp`` when there
    are none).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.tables_initializer().name)
    init_all_tables
    """
    initializers = get_collection(GraphKeys.TABLE_INITIALIZERS)
    if initializers:
        return group(*initializers, name=name)
    return no_op(name=name)


def initialize_all_tables(name="init_all_tables"):
    """``tables_initializer`` under its old name.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.initialize_all_tables().type)
    NoOp
    """
    return tables_initializer(name)
