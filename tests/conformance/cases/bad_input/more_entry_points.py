"""More public entry points given wrong arguments: layers, nn, scopes, saver, sessions, data."""

import numpy as np

from tests.conformance.harness import case, error_class, raises, raises_last_line, run_error


@case
def dense_units_zero(tf):
    return raises(lambda: tf.layers.dense(tf.ones([2, 3]), 0).shape.as_list())


@case
def dense_units_string(tf):
    return raises(lambda: tf.layers.dense(tf.ones([2, 3]), "four").shape.as_list())


@case
def dense_unknown_last_dim(tf):
    return raises(lambda: tf.layers.dense(tf.placeholder(tf.float32, [2, None]), 4).shape.as_list())


@case
def conv2d_layer_rank_mismatch(tf):
    return raises(lambda: tf.layers.conv2d(tf.ones([2, 3]), 4, 3).shape.as_list())


@case
def variable_scope_bad_name_type(tf):
    def fn():
        with tf.variable_scope(5):
            return tf.get_variable("w", [1]).name
    return raises(fn)


@case
def variable_scope_reuse_string(tf):
    def fn():
        with tf.variable_scope("a", reuse="yes"):
            return tf.get_variable("w", [1]).name
    return raises(fn)


@case
def variable_scope_no_name_no_default(tf):
    def fn():
        with tf.variable_scope(None):
            return 1
    return raises(fn)


@case
def saver_of_a_number(tf):
    tf.Variable(1.0)
    return raises(lambda: tf.train.Saver([3]) and None)


@case
def saver_duplicate_names(tf):
    v = tf.Variable(1.0, name="v")
    return raises(lambda: tf.train.Saver({"a": v, "b": v}) and None)


@case
def saver_nothing_to_save(tf):
    return raises(lambda: tf.train.Saver() and None)


@case
def saver_var_list_string(tf):
    tf.Variable(1.0)
    return raises(lambda: tf.train.Saver("v") and None)


@case
def session_bad_target(tf):
    return [error_class(lambda t=t: tf.Session(t) and None) for t in ("nowhere://x", "local", b"abc")]


@case
def session_run_a_list_of_dicts(tf):
    x = tf.constant(1.0)
    return run_error(tf, [{"a": x}, x])


@case
def session_feed_a_float_to_int(tf):
    x = tf.placeholder(tf.int32, [])
    return run_error(tf, x + 1, {x: 1.5})


@case
def session_feed_none(tf):
    x = tf.placeholder(tf.float32, [])
    return run_error(tf, x + 1, {x: None})


@case
def session_feed_tensor_value(tf):
    x = tf.placeholder(tf.float32, [])
    return run_error(tf, x + 1, {x: tf.constant(1.0)})


@case
def nn_softmax_cross_entropy_shape_mismatch(tf):
    return raises(lambda: tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.ones([2, 3]),
                                                                      logits=tf.ones([2, 4])).shape.as_list())


@case
def nn_sparse_xent_rank(tf):
    return raises(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.ones([2, 3], tf.int32), logits=tf.ones([2, 4])).shape.as_list())


@case
def nn_sparse_xent_label_out_of_range(tf):
    out = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([5]), logits=tf.ones([1, 4]))
    return run_error(tf, out)


@case
def nn_dropout_rate_out_of_range(tf):
    return raises(lambda: tf.nn.dropout(tf.ones([3]), rate=1.5).shape.as_list())


@case
def nn_max_pool_bad_ksize(tf):
    return raises(lambda: tf.nn.max_pool(tf.ones([1, 4, 4, 1]), [1, 2, 2], [1, 1, 1, 1], "VALID").shape.as_list())


@case
def nn_embedding_lookup_float_ids(tf):
    return raises(lambda: tf.nn.embedding_lookup(tf.ones([4, 2]), tf.constant([0.5])).shape.as_list())


@case
def nn_embedding_lookup_out_of_range(tf):
    return run_error(tf, tf.nn.embedding_lookup(tf.ones([4, 2]), tf.constant([7])))


@case
def nn_bias_add_mismatch(tf):
    return raises(lambda: tf.nn.bias_add(tf.ones([2, 3]), tf.ones([4])).shape.as_list())


@case
def matmul_string_transpose(tf):
    return [raises(lambda: tf.matmul(tf.ones([2, 2]), tf.ones([2, 2]), transpose_a="no").shape.as_list()),
            raises(lambda: tf.matmul(tf.ones([2, 2]), tf.ones([2, 2]), transpose_b=1).shape.as_list())]


@case
def reduce_mean_of_strings(tf):
    return raises(lambda: tf.reduce_mean(tf.constant(["a"])).shape.as_list())


@case
def argmax_axis_out_of_range(tf):
    return raises(lambda: tf.argmax(tf.ones([2, 3]), 3).shape.as_list())


@case
def where_shape_mismatch(tf):
    return raises(lambda: tf.where(tf.constant([True, False]), tf.ones([2]), tf.ones([3])).shape.as_list())


@case
def cond_pred_not_bool(tf):
    return raises(lambda: tf.cond(tf.constant(1.0), lambda: 1.0, lambda: 2.0).shape.as_list())


@case
def cond_branches_mismatch(tf):
    return raises(lambda: tf.cond(tf.constant(True), lambda: tf.ones([2]), lambda: (1.0, 2.0)))


@case
def while_loop_body_wrong_arity(tf):
    return raises(lambda: tf.while_loop(lambda i: i < 3, lambda i: (i + 1, i), [tf.constant(0)]))


@case
def while_loop_not_callable(tf):
    return raises(lambda: tf.while_loop(3, lambda i: i + 1, [tf.constant(0)]))


@case
def gradients_of_int_tensors(tf):
    x = tf.constant(1)
    return raises(lambda: [g is None for g in tf.gradients(x * 2, [x])])


@case
def assign_shape_mismatch(tf):
    v = tf.Variable([1.0, 2.0])
    return raises(lambda: v.assign([1.0, 2.0, 3.0]).shape.as_list())


@case
def assign_dtype_mismatch(tf):
    v = tf.Variable([1.0, 2.0])
    return raises(lambda: v.assign(tf.constant([1, 2])).shape.as_list())


@case
def uninitialized_read(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return run_error(tf, v + 1.0)


@case
def convert_to_tensor_of_object(tf):
    return raises(lambda: tf.convert_to_tensor(object()).name)


@case
def convert_to_tensor_of_none(tf):
    return raises(lambda: tf.convert_to_tensor(None).name)


@case
def one_hot_float_indices(tf):
    return raises(lambda: tf.one_hot(tf.constant([0.5]), 3).shape.as_list())


@case
def string_to_number_bad(tf):
    return run_error(tf, tf.strings.to_number(tf.constant(["x1"])))


@case
def check_numerics_nan(tf):
    return run_error(tf, tf.check_numerics(tf.constant([np.nan]), "bad value"))


@case
def assert_equal_fails(tf):
    return run_error(tf, tf.assert_equal(tf.constant(1), tf.constant(2), message="nope"))


@case
def dataset_from_tensor_slices_mismatch(tf):
    return raises(lambda: tf.data.Dataset.from_tensor_slices((np.ones(3), np.ones(4))) and None)


@case
def dataset_batch_zero(tf):
    def fn():
        it = tf.data.Dataset.range(3).batch(0).make_one_shot_iterator()
        with tf.Session() as sess:
            return sess.run(it.get_next())
    return raises_last_line(fn)
