"""``tf.lookup.TextFileInitializer``: fills a table from a vocabulary file
(``InitializeTableFromTextFileV2``), with TF's argument checks and its shared table name (two
tables of one file and columns are one table in a session)."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import add_to_collection, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.ops.lookup import table_ops
from scopeflow._src.ops.lookup.tables import _Initializer, check_table_dtypes
from scopeflow._src.ops.lookup.text_file import LINE_NUMBER, WHOLE_LINE


def _check_index(which, index, dtype):
    if index < -2:
        raise ValueError(f"`{which}_index` should be >= -2, received: {index}" + ("." if which == "key" else ""))
    if index == LINE_NUMBER and dtype != dtypes.int64:
        raise ValueError(f"`{which}_dtype` must be int64 " + ("if" if which == "key" else "for") + f" `{which}_index` "
                         + ("is " if which == "key" else "") + f"{LINE_NUMBER}, received: {dtype}")
    if index == WHOLE_LINE and not dtype.is_integer and dtype != dtypes.string:
        raise ValueError(f"`{which}_dtype` should be either integer or string for `{which}_index` {WHOLE_LINE}, "
                         f"received: {dtype}")


class TextFileInitializer(_Initializer):
    """Fills a table from a text file: each line one entry, key and value each a column
    (``delimiter``-separated), the whole line (``TextFileIndex.WHOLE_LINE``) or the line
    number (``TextFileIndex.LINE_NUMBER``, plus ``value_index_offset`` for values).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     init = tf.lookup.TextFileInitializer("vocab.txt", tf.string, tf.lookup.TextFileIndex.WHOLE_LINE,
    ...                                          tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER)
    ...     print(init._shared_name)
    hash_table_vocab.txt_-2_-1
    """

    def __init__(self, filename, key_dtype, key_index, value_dtype, value_index, vocab_size=None, delimiter="\t",
                 name=None, value_index_offset=0):
        if not isinstance(filename, Tensor) and not filename:
            raise ValueError("`filename` argument required for tf.lookup.TextFileInitializer")
        self._filename_arg = filename
        key_dtype, value_dtype = dtypes.as_dtype(key_dtype), dtypes.as_dtype(value_dtype)
        _check_index("key", key_index, key_dtype)
        _check_index("value", value_index, value_dtype)
        if vocab_size is not None and vocab_size <= 0:
            raise ValueError(f"`vocab_size` should be > 0, received: {vocab_size}")
        self._key_index, self._value_index, self._vocab_size = key_index, value_index, vocab_size
        self._delimiter, self._name, self._offset = delimiter, name, value_index_offset
        self._filename = convert_to_tensor(filename, dtypes.string, name="asset_path")  # TF's Asset
        super().__init__(key_dtype, value_dtype)

    def initialize(self, table):
        """The op that fills ``table`` (also added to ``TABLE_INITIALIZERS``; a constant file
        name to ``ASSET_FILEPATHS``)."""
        check_table_dtypes(table, self.key_dtype, self.value_dtype)
        with name_scope(self._name, "text_file_init", (table.resource_handle,)):
            filename = convert_to_tensor(self._filename, dtypes.string, name="asset_filepath")
            init_op = table_ops.initialize_from_text_file(
                table.resource_handle, filename, self._key_index, self._value_index,
                -1 if self._vocab_size is None else self._vocab_size, self._delimiter, self._offset)
        add_to_collection(GraphKeys.TABLE_INITIALIZERS, init_op)
        if filename.op.type == "Const":
            add_to_collection(GraphKeys.ASSET_FILEPATHS, filename)
        return init_op

    @property
    def _shared_name(self):
        parts = [self._filename_arg] + ([self._vocab_size] if self._vocab_size else []) + [
            self._key_index, self._value_index] + ([self._offset] if self._offset else [])
        return "hash_table_" + "_".join(str(p) for p in parts)
