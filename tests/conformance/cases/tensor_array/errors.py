"""TensorArray errors: dtype mismatch on write, incompatible shapes, reading twice or reading an
unwritten index, out-of-bounds and duplicate writes, split/unstack mismatches, bad arguments."""

from tests.conformance.cases.tensor_array._helpers import ta_run_error
from tests.conformance.harness import case, raises


@case
def write_dtype_mismatch(tf):
    ta = tf.TensorArray(tf.float32, size=2)
    tw = ta.write(0, tf.constant(1, tf.int32))
    op = tw.flow.op
    return [op.name, [t.dtype.name for t in op.inputs], ta_run_error(tf, tw.read(0))]


@case
def write_python_int_to_float(tf):
    ta = tf.TensorArray(tf.float32, size=2)
    return raises(lambda: ta.write(0, 1).flow.name)


@case
def unstack_dtype_mismatch(tf):
    ta = tf.TensorArray(tf.int32, size=2)
    tu = ta.unstack(tf.constant([1.0, 2.0]))
    return [tu.flow.name, ta_run_error(tf, tu.stack())]


@case
def write_shape_incompatible_with_element_shape(tf):
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[3])
    return raises(ta.write, 0, tf.zeros([2]))


@case
def write_shape_incompatible_with_inferred(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, tf.zeros([2]))
    return raises(ta.write, 1, tf.zeros([3]))


@case
def read_twice_cleared(tf):
    ta = tf.TensorArray(tf.float32, size=1).write(0, 1.0)
    a = ta.read(0)
    with tf.control_dependencies([a]):
        b = ta.read(0)
    return ta_run_error(tf, [a, b])


@case
def stack_after_read_cleared(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0)
    a = ta.read(1)
    with tf.control_dependencies([a]):
        s = ta.stack()
    return ta_run_error(tf, s)


@case
def read_unwritten_index_inferred_shape(tf):
    ta = tf.TensorArray(tf.float32, size=3).write(0, 1.0)
    return ta_run_error(tf, ta.read(2))


@case
def read_unwritten_index_unknown_shape(tf):
    ta = tf.TensorArray(tf.float32, size=3)
    return ta_run_error(tf, ta.read(1))


@case
def read_unwritten_index_no_inference(tf):
    ta = tf.TensorArray(tf.float32, size=3, infer_shape=False).write(0, [1.0, 2.0])
    return ta_run_error(tf, ta.read(2))


@case
def read_out_of_bounds(tf):
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[]).write(0, 1.0)
    return ta_run_error(tf, ta.read(5))


@case
def write_out_of_bounds_fixed_size(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(3, 1.0)
    return ta_run_error(tf, ta.flow)


@case
def write_same_index_twice(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(0, 2.0)
    return ta_run_error(tf, ta.flow)


@case
def write_negative_index(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(-1, 1.0)
    return ta_run_error(tf, ta.flow)


@case
def stack_empty_unknown_shape(tf):
    ta = tf.TensorArray(tf.float32, size=0)
    return ta_run_error(tf, ta.stack())


@case
def stack_empty_known_shape(tf):
    ta = tf.TensorArray(tf.float32, size=0, element_shape=[2])
    s = ta.stack()
    with tf.Session() as sess:
        got = sess.run(s)
    return [got.shape, got.dtype.name]


@case
def split_lengths_mismatch(tf):
    ta = tf.TensorArray(tf.float32, size=2).split(tf.constant([1.0, 2.0, 3.0]), [1, 1])
    return ta_run_error(tf, ta.flow)


@case
def unstack_too_many_fixed_size(tf):
    ta = tf.TensorArray(tf.float32, size=2).unstack(tf.constant([1.0, 2.0, 3.0]))
    return ta_run_error(tf, ta.flow)


@case
def gather_out_of_range(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0)
    return ta_run_error(tf, ta.gather([0, 4]))


@case
def concat_scalar_elements(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0)
    return raises(ta.concat)


@case
def no_size_no_handle(tf):
    return raises(tf.TensorArray, tf.float32)


@case
def unstack_scalar(tf):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    return raises(ta.unstack, tf.constant(1.0))


@case
def mixed_shapes_stack(tf):
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False).write(0, [1.0]).write(1, [1.0, 2.0])
    return ta_run_error(tf, ta.stack())
