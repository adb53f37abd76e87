"""``DecodeCSV``: CSV records into one tensor per column (``tf.io.decode_csv``).

Each column's type is its ``record_defaults`` tensor's; an empty default makes the column
required. Records are split by ``csv_fields.py`` and the fields parsed by ``numbers.py``,
with the checks and messages of TensorFlow's kernel.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import context, dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.op_builder import infer_outputs
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.parsing.csv_fields import CSVError, split_record
from scopeflow._src.ops.parsing.numbers import parse, text_of

_OUT_TYPES = dtype_lists.types("float32,float64,int32,int64,string")
_TYPE_NAMES = {"float32": "float", "float64": "double", "int32": "int32", "int64": "int64"}
_COUNT = "_num_fields"  # the length of the OUT_TYPE list: private, not part of TF's node (as SaveV2's)
_COLUMNS = Arg("record_defaults", type_attr="OUT_TYPE", number_attr=_COUNT)


@shape_fn
def _shape(ctx, attrs):
    for i in range(1, len(ctx.inputs)):
        dims = ctx.dims(i)
        if dims is not None and len(dims) > 1:
            raise ctx.error(f"Shape must be at most rank 1 but is rank {len(dims)}")
        if dims is not None and len(dims) == 1 and dims[0] is not None and dims[0] > 1:
            raise ctx.error("Shape of a default must be a length-0 or length-1 vector, or a scalar.")
    return [ctx.shape(0)] * (len(ctx.inputs) - 1)


def _check_defaults(op, defaults):
    for i, default in enumerate(defaults):
        if default.ndim > 1:
            raise errors.InvalidArgumentError(None, op, "Each record default should be at most rank 1")
        if default.size > 1:
            raise errors.InvalidArgumentError(
                None, op, f"There should only be 1 default per field but field {i} has {default.size}")


def _column_value(op, field, default, f, i, na_value, kind):
    if not field or field == na_value:
        if default.size != 1:
            raise errors.InvalidArgumentError(None, op, f"Field {f} is required but missing in record {i}!")
        return default.reshape(-1)[0]
    if kind is None:
        return field
    value = parse(field, kind)
    if value is None:
        raise errors.InvalidArgumentError(
            None, op, f"Field {f} in record {i} is not a valid {_TYPE_NAMES[kind.name]}: {text_of(field)}")
    return value


def _decode_csv_factory(op, state):
    attrs = op._attrs
    delim, na_value = attrs.get("field_delim", ","), attrs.get("na_value", "").encode("utf-8")
    use_quote, select = attrs.get("use_quote_delim", True), list(attrs.get("select_cols", [])) or None
    kinds = [None if d == dtypes.string else np.dtype(d.as_numpy_dtype) for d in attrs["OUT_TYPE"]]

    def decode_csv(records, *defaults):
        if len(delim) != 1:
            raise errors.InvalidArgumentError(None, op, "field_delim should be only 1 char")
        _check_defaults(op, defaults)
        columns = [[] for _ in kinds]
        for i, record in enumerate(records.reshape(-1).tolist()):
            try:
                fields = split_record(record, ord(delim), use_quote, select)
            except CSVError as e:
                raise errors.InvalidArgumentError(None, op, str(e)) from None
            if len(fields) != len(kinds):
                raise errors.InvalidArgumentError(
                    None, op, f"Expect {len(kinds)} fields but have {len(fields)} in record {i}")
            for f, (field, default, kind) in enumerate(zip(fields, defaults, kinds)):
                columns[f].append(_column_value(op, field, default, f, i, na_value, kind))
        return tuple(_column(values, kind, records.shape) for values, kind in zip(columns, kinds))
    return decode_csv


def _column(values, kind, shape):
    if kind is None:
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out.reshape(shape)
    if kind.kind == "f":
        return np.array(values, dtype=np.float64).astype(kind).reshape(shape)
    return np.array(values, dtype=kind).reshape(shape)


_DECODE_CSV = registry.register(OpDef(
    "DecodeCSV", inputs=["records: string", _COLUMNS],
    outputs=[Arg("output", type_attr="OUT_TYPE", number_attr=_COUNT)],
    attrs={"OUT_TYPE": _OUT_TYPES},
    defaults={"field_delim": ",", "use_quote_delim": True, "na_value": "", "select_cols": []},
    shape=_shape, factory=_decode_csv_factory))


def _check_select_cols(select_cols, record_defaults):
    if select_cols is None:
        return
    if any(select_cols[i] >= select_cols[i + 1] for i in range(len(select_cols) - 1)):
        raise ValueError("select_cols is not strictly increasing.")
    if select_cols[0] < 0:
        raise ValueError("select_cols contains negative values.")
    if len(select_cols) != len(record_defaults):
        raise ValueError("Length of select_cols and record_defaults do not match.")


def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, name=None, na_value="",
               select_cols=None):
    """One tensor per column of the CSV ``records`` (each of their shape), typed as its entry
    of ``record_defaults`` (float32, float64, int32, int64 or string; a one-value tensor gives
    the value of an empty or ``na_value`` field, an empty one makes the column required).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     a, b = tf.io.decode_csv(["1,x", '2,"y,z"'], [[0], [""]])
    ...     print(a.name, b.dtype.name, tf.Session().run([a, b]))
    DecodeCSV:0 string [array([1, 2], dtype=int32), array([b'x', b'y,z'], dtype=object)]
    """
    _check_select_cols(select_cols, record_defaults)
    graph = records.graph if isinstance(records, Tensor) else context.default_graph()
    with graph.as_default(), graph.name_scope(name or "DecodeCSV") as scope:
        inputs = [convert_to_tensor(records, dtype=dtypes.string, name="records")]
        for i, default in enumerate(record_defaults):
            inputs.append(convert_to_tensor(default, name=f"record_defaults_{i}"))
            dtype_lists.check_allowed("record_defaults", inputs[-1].dtype, _OUT_TYPES)
        if len(inputs) == 1:
            raise ValueError("Attr 'OUT_TYPE' of 'DecodeCSV' Op passed list of length 0 less than minimum 1.")
        attrs = {"OUT_TYPE": [t.dtype.base_dtype for t in inputs[1:]], "field_delim": field_delim,
                 "use_quote_delim": bool(use_quote_delim), "na_value": na_value,
                 "select_cols": list(select_cols or []), _COUNT: len(inputs) - 1}
        op = graph._add_op("DecodeCSV", scope[:-1], inputs, attrs, infer_outputs(_DECODE_CSV, scope[:-1], inputs,
                                                                                 attrs))
    return list(op.outputs)
