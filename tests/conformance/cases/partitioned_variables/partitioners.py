"""The three partitioners' arithmetic and errors, called directly."""

from tests.conformance.harness import case, raises

_SHAPES = {"rows10": [10, 4], "rows1": [1, 8], "cube": [6, 5, 3], "long": [1000, 64], "vector": [7]}
_DTYPES = ("float32", "float64", "int64", "string", "float16")


def _register(name, fn):
    fn.__name__ = name
    case(fn)


def _call(tf, partitioner, shape, dtype="float32"):
    return raises(lambda: list(partitioner(shape=tf.TensorShape(shape), dtype=tf.as_dtype(dtype))))


for _shape_name, _shape in _SHAPES.items():
    for _n in (1, 2, 3, 16):
        _register(f"fixed_{_n}_{_shape_name}",
                  lambda tf, s=_shape, n=_n: _call(tf, tf.fixed_size_partitioner(n), s))
    _register(f"fixed_axis1_{_shape_name}", lambda tf, s=_shape: _call(tf, tf.fixed_size_partitioner(3, axis=1), s))
    for _dtype in _DTYPES:
        _register(f"min_max_{_shape_name}_{_dtype}",
                  lambda tf, s=_shape, d=_dtype: _call(tf, tf.min_max_variable_partitioner(8, min_slice_size=64), s, d))
        _register(f"axis_size_{_shape_name}_{_dtype}",
                  lambda tf, s=_shape, d=_dtype: _call(tf, tf.variable_axis_size_partitioner(100), s, d))


@case
def min_max_defaults(tf):
    return [_call(tf, tf.min_max_variable_partitioner(), [100000, 64]),
            _call(tf, tf.min_max_variable_partitioner(max_partitions=4), [100000, 64]),
            _call(tf, tf.min_max_variable_partitioner(max_partitions=100), [100000, 64])]


@case
def min_max_axis_1_and_bad_axis(tf):
    p = tf.min_max_variable_partitioner(4, axis=1, min_slice_size=16)
    return [_call(tf, p, [3, 40]), _call(tf, p, [40])]


@case
def min_max_string_bytes(tf):
    p = tf.min_max_variable_partitioner(10, min_slice_size=100, bytes_per_string_element=5)
    return _call(tf, p, [40, 2], "string")


@case
def axis_size_max_shards_and_axis(tf):
    return [_call(tf, tf.variable_axis_size_partitioner(64, max_shards=3), [20, 4]),
            _call(tf, tf.variable_axis_size_partitioner(64, axis=1), [4, 20]),
            _call(tf, tf.variable_axis_size_partitioner(1), [5, 4]),
            _call(tf, tf.variable_axis_size_partitioner(10 ** 9), [5, 4])]


@case
def axis_size_bad_arguments(tf):
    return [raises(tf.variable_axis_size_partitioner, 0), raises(tf.variable_axis_size_partitioner, 10, 0, 0),
            raises(tf.variable_axis_size_partitioner, 10, max_shards=-1)]


@case
def axis_size_unknown_shape(tf):
    p = tf.variable_axis_size_partitioner(64)
    return [raises(lambda: p(shape=tf.TensorShape([None, 4]), dtype=tf.float32)),
            raises(lambda: p(shape=[3, 4], dtype=tf.float32))]
