"""The elementwise string ops: ``StringJoin``, ``StringLength``, ``StringLower``/``StringUpper``,
``StringStrip`` and ``StringToHashBucketFast`` (farmhash ``Fingerprint64`` modulo the bucket
count), with their wrappers (``tf.strings.join``, ``tf.strings.length``...).

String tensors hold ``bytes`` in NumPy object arrays.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.common.shape_context import merge_shapes, shape_fn
from scopeflow._src.ops.parsing.farmhash import fingerprint64
from scopeflow._src.ops.parsing.keyed_hashes import hash64, siphash24


def map_strings(values, fn, dtype=object):
    """``fn`` of each element of the string array ``values``, in an array of ``dtype`` and of
    ``values``' shape."""
    values = np.asarray(values, dtype=object)
    out = np.empty(values.shape, dtype=dtype)
    out.reshape(-1)[...] = [fn(v) for v in values.reshape(-1).tolist()] if values.size else []
    return out


@shape_fn
def _join_shape(ctx, attrs):
    shape = TensorShape(())
    for i in range(len(ctx.inputs)):
        if ctx.shape(i).ndims != 0:
            shape = ctx.shape(i) if shape.ndims == 0 else merge_shapes(shape, ctx.shape(i), ctx)
    return shape


def _join_factory(op, state):
    separator = op._attrs.get("separator", "").encode("utf-8")

    def string_join(*values):
        values = [np.asarray(v, dtype=object) for v in values]  # a loop's scalar may come as bytes
        shape = next((v.shape for v in values if v.ndim), ())
        for v in values:
            if v.ndim and v.shape != shape:
                raise errors.InvalidArgumentError(
                    None, op, f"Input shapes do not match: {shape_fns.dims_text(shape)} vs. "
                              f"{shape_fns.dims_text(v.shape)}")
        columns = [np.broadcast_to(v, shape).reshape(-1).tolist() for v in values]
        out = np.empty(shape, dtype=object)
        out.reshape(-1)[...] = [separator.join(parts) for parts in zip(*columns)] if out.size else []
        return out
    return string_join


def _utf8_chars(text: bytes) -> int:
    return sum(1 for b in text if b & 0xC0 != 0x80)


def _length_factory(op, state):
    unit = op._attrs.get("unit", "BYTE")
    count = len if unit == "BYTE" else _utf8_chars
    return lambda values: map_strings(values, count, np.int32)


def _case_factory(method):
    def factory(op, state):
        if op._attrs.get("encoding", ""):
            return lambda values: map_strings(values, lambda s: getattr(s.decode("utf-8"), method)().encode("utf-8"))
        return lambda values: map_strings(values, getattr(bytes, method))
    return factory


def _hash_fast_factory(op, state):
    buckets = op._attrs["num_buckets"]
    return lambda values: map_strings(values, lambda s: fingerprint64(s) % buckets, np.int64)


def _hash_strong_factory(op, state):
    buckets, key = op._attrs["num_buckets"], op._attrs["key"]
    if len(key) != 2:
        def bad_key(values):
            raise errors.InvalidArgumentError(None, op, "Key must have 2 elements")
        return bad_key
    k0, k1 = key
    return lambda values: map_strings(values, lambda s: siphash24(k0 & _U64, k1 & _U64, s) % buckets, np.int64)


def _hash_legacy_factory(op, state):
    buckets = op._attrs["num_buckets"]
    return lambda values: map_strings(values, lambda s: hash64(s) % buckets, np.int64)


_U64 = (1 << 64) - 1
_UNARY = shape_fns.unchanged
registry.register(OpDef("StringJoin", inputs=["inputs: N*string"], outputs=["output: string"], attrs={"N": None},
                        defaults={"separator": ""}, shape=_join_shape, factory=_join_factory))
registry.register(OpDef("StringLength", inputs=["input: string"], outputs=["output: int32"],
                        defaults={"unit": "BYTE"}, shape=_UNARY, factory=_length_factory))
registry.register(OpDef("StringLower", inputs=["input: string"], outputs=["output: string"],
                        defaults={"encoding": ""}, shape=_UNARY, factory=_case_factory("lower")))
registry.register(OpDef("StringUpper", inputs=["input: string"], outputs=["output: string"],
                        defaults={"encoding": ""}, shape=_UNARY, factory=_case_factory("upper")))
registry.register(OpDef("StringStrip", inputs=["input: string"], outputs=["output: string"], shape=_UNARY,
                        kernel=lambda values: map_strings(values, bytes.strip)))
registry.register(OpDef("StringToHashBucketFast", inputs=["input: string"], outputs=["output: int64"],
                        shape=_UNARY, factory=_hash_fast_factory))
registry.register(OpDef("StringToHashBucketStrong", inputs=["input: string"], outputs=["output: int64"],
                        shape=_UNARY, factory=_hash_strong_factory))
registry.register(OpDef("StringToHashBucket", inputs=["string_tensor: string"], outputs=["output: int64"],
                        shape=_UNARY, factory=_hash_legacy_factory))


def string_join(inputs, separator="", name=None):
    """The strings of ``inputs`` (tensors of one shape, or scalars) joined elementwise with
    ``separator``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.strings.join([["a", "b"], "!"], separator="-")
    ...     print(t.name, tf.Session().run(t).tolist())
    StringJoin:0 [b'a-!', b'b-!']
    """
    return create_output("StringJoin", [list(inputs)], {"separator": separator}, name=name)


def _check_unit(unit, allowed=("BYTE", "UTF8_CHAR")):
    if unit not in allowed:
        raise ValueError(f"Attr 'unit' of 'StringLength' Op passed string '{unit}' not in: "
                         + ", ".join(f'"{u}"' for u in allowed) + ".")


def string_length(input, name=None, unit="BYTE"):  # noqa: A002
    """The length of each string, in bytes (``unit="BYTE"``) or UTF-8 characters
    (``"UTF8_CHAR"``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.length(["ab", "\u00e9"], unit="UTF8_CHAR")).tolist())
    [2, 1]
    """
    _check_unit(unit)
    return create_output("StringLength", [input], {"unit": unit}, name=name)


def lower(input, encoding="", name=None):  # noqa: A002
    """Each string in lower case: ASCII letters only, or all of Unicode with ``encoding="utf-8"``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.lower(["AbC"])).tolist())
    [b'abc']
    """
    return create_output("StringLower", [input], {"encoding": encoding}, name=name)


def upper(input, encoding="", name=None):  # noqa: A002
    """Each string in upper case: ASCII letters only, or all of Unicode with ``encoding="utf-8"``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.upper(["AbC"])).tolist())
    [b'ABC']
    """
    return create_output("StringUpper", [input], {"encoding": encoding}, name=name)


def strip(input, name=None):  # noqa: A002
    """Each string without its leading and trailing ASCII whitespace.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.strip([" a b\\n"])).tolist())
    [b'a b']
    """
    return create_output("StringStrip", [input], name=name)


def string_to_hash_bucket_fast(input, num_buckets, name=None):  # noqa: A002
    """Each string's bucket in ``[0, num_buckets)``: farmhash ``Fingerprint64`` modulo
    ``num_buckets``, TensorFlow's values exactly.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.to_hash_bucket_fast(["a", "b"], 1000)).tolist())
    [...]
    """
    return create_output("StringToHashBucketFast", [input], {"num_buckets": int(num_buckets)}, name=name)



def string_to_hash_bucket_strong(input, num_buckets, key, name=None):  # noqa: A002
    """Each string's bucket in ``[0, num_buckets)`` by SipHash-2-4 under ``key`` (two
    integers): slower than ``to_hash_bucket_fast``, hard to collide on purpose.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.to_hash_bucket_strong(["a"], 1, [1, 2])).tolist())
    [0]
    """
    return create_output("StringToHashBucketStrong", [input], {"num_buckets": int(num_buckets),
                                                               "key": [int(k) for k in key]},
                         name=name)


def string_to_hash_bucket(string_tensor=None, num_buckets=None, name=None, input=None):  # noqa: A002
    """Each string's bucket in ``[0, num_buckets)`` by TF's oldest hash (``Hash64``);
    ``input`` is the old name of ``string_tensor``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.string_to_hash_bucket(["a", "b"], 1)).tolist())
    [0, 0]
    """
    if string_tensor is not None and input is not None:
        raise ValueError("Cannot specify both 'string_tensor' and 'input'.")
    string_tensor = input if string_tensor is None else string_tensor
    return create_output("StringToHashBucket", [string_tensor], {"num_buckets": int(num_buckets)}, name=name)
