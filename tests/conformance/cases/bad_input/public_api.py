"""Public entry points given wrong types, shapes and values: TensorFlow's error class and words
(issue 24, item 8), at graph-build time where TF raises them, else at run time naming the op."""

import numpy as np

from tests.conformance.harness import case, raises, raises_last_line, run_error


# -- huge shapes at run time (creation and random ops) -------------------------------------------
@case
def zeros_more_than_int64_elements(tf):
    shape = tf.placeholder_with_default(np.array([10 ** 10] * 3, np.int64), [3])
    return run_error(tf, tf.zeros(shape))


@case
def zeros_constant_huge_shape(tf):
    return run_error(tf, tf.zeros([10 ** 10] * 3))


@case
def ones_huge_shape(tf):
    return run_error(tf, tf.ones([10 ** 10] * 3))


@case
def fill_huge_shape(tf):
    return run_error(tf, tf.fill([10 ** 10] * 3, 2.0))


@case
def random_normal_huge_shape(tf):
    return run_error(tf, tf.random_normal([10 ** 10] * 3))


@case
def random_uniform_huge_shape(tf):
    return run_error(tf, tf.random_uniform([10 ** 10] * 3))


@case
def random_uniform_int_huge_shape(tf):
    return run_error(tf, tf.random_uniform([10 ** 10] * 3, 0, 5, dtype=tf.int32))


@case
def truncated_normal_huge_shape(tf):
    return run_error(tf, tf.truncated_normal([10 ** 10] * 3))


@case
def zeros_negative_dim_fed(tf):
    shape = tf.placeholder(tf.int32, [2])
    return run_error(tf, tf.zeros(shape), {shape: [2, -3]})


# -- wrong types ----------------------------------------------------------------------------------
@case
def constant_of_a_dict(tf):
    return raises(tf.constant, {"a": 1})


@case
def constant_ragged_list(tf):
    return raises(tf.constant, [[1, 2], [3]])


@case
def constant_string_as_float(tf):
    return raises(tf.constant, "abc", dtype=tf.float32)


@case
def add_string_and_float(tf):
    return raises(lambda: tf.add(tf.constant("a"), tf.constant(1.0)))


@case
def add_int_and_float_tensors(tf):
    return raises(lambda: tf.add(tf.constant(1), tf.constant(1.0)))


@case
def matmul_rank1(tf):
    return raises(lambda: tf.matmul(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0])))


@case
def matmul_inner_mismatch(tf):
    return raises(lambda: tf.matmul(tf.ones([2, 3]), tf.ones([4, 5])))


@case
def reshape_wrong_size(tf):
    return raises(lambda: tf.reshape(tf.ones([2, 3]), [4, 2]))


@case
def reshape_two_minus_ones(tf):
    out = tf.reshape(tf.ones([2, 3]), [-1, -1])
    return [out.shape.as_list(), run_error(tf, out)]


@case
def reshape_shape_of_floats(tf):
    return raises(lambda: tf.reshape(tf.ones([2, 3]), [2.0, 3.0]))


@case
def zeros_shape_of_strings(tf):
    return raises(tf.zeros, ["a"])


@case
def zeros_negative_constant_shape(tf):
    return raises(tf.zeros, [2, -3])


@case
def ones_bad_dtype(tf):
    return raises(tf.ones, [2], dtype="no_such_type")


@case
def cast_to_bad_dtype(tf):
    return raises(tf.cast, tf.constant(1.0), "float99")


@case
def concat_rank_mismatch(tf):
    return raises(lambda: tf.concat([tf.ones([2, 3]), tf.ones([2])], 0))


@case
def concat_axis_out_of_range(tf):
    return raises(lambda: tf.concat([tf.ones([2, 3]), tf.ones([2, 3])], 5))


@case
def stack_shape_mismatch(tf):
    return raises(lambda: tf.stack([tf.ones([2]), tf.ones([3])]))


@case
def reduce_sum_axis_out_of_range(tf):
    return raises(lambda: tf.reduce_sum(tf.ones([2, 3]), axis=4))


@case
def reduce_sum_axis_float(tf):
    return raises(lambda: tf.reduce_sum(tf.ones([2, 3]), axis=1.5))


@case
def transpose_bad_perm(tf):
    out = tf.transpose(tf.ones([2, 3]), [0, 0])
    return [out.shape.as_list(), run_error(tf, out)]


@case
def gather_float_indices(tf):
    return raises(lambda: tf.gather(tf.ones([3]), tf.constant([0.5])))


@case
def gather_index_out_of_range_at_run_time(tf):
    return run_error(tf, tf.gather(tf.constant([1.0, 2.0]), tf.constant([5])))


@case
def slice_of_a_scalar(tf):
    return raises(lambda: tf.constant(1.0)[0])


@case
def index_out_of_range(tf):
    return raises(lambda: tf.ones([2, 3])[5])


@case
def placeholder_bad_shape(tf):
    return raises(tf.placeholder, tf.float32, shape="abc")


@case
def placeholder_negative_dim(tf):
    return raises(tf.placeholder, tf.float32, shape=[-2])


@case
def feed_wrong_shape(tf):
    x = tf.placeholder(tf.float32, [2])
    return run_error(tf, x * 2.0, {x: [1.0, 2.0, 3.0]})


@case
def feed_string_to_float(tf):
    x = tf.placeholder(tf.float32, [1])
    return run_error(tf, x * 2.0, {x: ["a"]})


@case
def feed_a_non_placeholder_key(tf):
    x = tf.placeholder(tf.float32, [1])
    return run_error(tf, x * 2.0, {"nope:0": [1.0]})


@case
def fetch_a_number(tf):
    return run_error(tf, 3)


@case
def fetch_a_missing_name(tf):
    return run_error(tf, "nothing:0")


@case
def get_variable_bad_name_type(tf):
    return raises(tf.get_variable, 5, [1])


@case
def get_variable_shape_not_list(tf):
    return raises(tf.get_variable, "w", shape="ab")


@case
def get_variable_negative_shape(tf):
    return raises(tf.get_variable, "w", shape=[-1, 2])


@case
def get_variable_no_shape(tf):
    return raises(tf.get_variable, "w")


@case
def variable_of_none(tf):
    return raises(tf.Variable, None)


@case
def one_hot_negative_depth(tf):
    return run_error(tf, tf.one_hot(tf.placeholder_with_default([1], [1]), tf.placeholder_with_default(-2, [])))


@case
def range_zero_delta(tf):
    return raises_last_line(lambda: tf.Session().run(tf.range(0, 5, tf.placeholder_with_default(0, []))))


@case
def range_zero_delta_constant(tf):
    return raises(tf.range, 0, 5, 0)


@case
def nn_conv2d_rank_mismatch(tf):
    return raises(lambda: tf.nn.conv2d(tf.ones([2, 3]), tf.ones([1, 1, 1, 1]), [1, 1, 1, 1], "SAME"))


@case
def nn_conv2d_bad_padding(tf):
    return raises(lambda: tf.nn.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([1, 1, 1, 1]), [1, 1, 1, 1], "BOGUS"))


@case
def softmax_of_ints(tf):
    return raises(lambda: tf.nn.softmax(tf.constant([1, 2])))


@case
def name_scope_bad_name(tf):
    def fn():
        with tf.name_scope("bad name!"):
            return tf.constant(1.0).name
    return raises(fn)


@case
def constant_bad_name(tf):
    return raises(tf.constant, 1.0, name="$bad")


@case
def split_uneven(tf):
    return raises(lambda: tf.split(tf.ones([5]), 2))


@case
def tile_wrong_multiples_length(tf):
    return raises(lambda: tf.tile(tf.ones([2, 3]), [2]))


@case
def pad_wrong_paddings(tf):
    return raises(lambda: tf.pad(tf.ones([2, 3]), [[1, 1]]))


@case
def expand_dims_axis_out_of_range(tf):
    return raises(lambda: tf.expand_dims(tf.ones([2]), 5))


@case
def squeeze_non_one_dim(tf):
    return raises(lambda: tf.squeeze(tf.ones([2, 3]), [0]))


@case
def session_run_after_close(tf):
    x = tf.constant(1.0)
    sess = tf.Session()
    sess.close()
    return raises(sess.run, x)


@case
def gradients_of_non_tensor(tf):
    return raises(tf.gradients, 3, [tf.constant(1.0)])


@case
def optimizer_learning_rate_of_a_string(tf):
    def fn():
        train = tf.train.GradientDescentOptimizer("fast").minimize(tf.Variable(1.0) * 2.0)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(train)
    return raises_last_line(fn)


@case
def optimizer_nothing_to_train(tf):
    return raises(lambda: tf.train.GradientDescentOptimizer(0.1).minimize(tf.constant(1.0) * 2.0))


@case
def placeholder_shapes_good_and_bad(tf):
    out = []
    for shape in ["", "ab", 5.5, [None, "x"], [2, -1], [None, 3]]:
        out.append(raises(lambda s=shape: tf.placeholder(tf.float32, s).shape.as_list()))
        out.append(raises(lambda s=shape: tf.placeholder_with_default([[1.0, 2.0, 3.0]], s).shape.as_list()))
    return out


@case
def tensor_shape_of_strings(tf):
    return [raises(lambda: tf.TensorShape("").as_list()), raises(tf.TensorShape, "xy")]


@case
def random_ops_out_of_memory(tf):
    # TF's message ends with its allocator's name: the class is compared, and the shape and type.
    def first_line(t):
        def fn():
            with tf.Session() as sess:
                sess.run(t)
        got = raises(fn)
        return [got.get("error"), got.get("message", "").split(" on /job")[0].splitlines()[-1]]
    return [first_line(tf.random_normal([2 ** 62])), first_line(tf.random_uniform([2 ** 61], dtype=tf.float64))]
