"""Op library cases the registry samples do not reach: TF's low-level graph API and gradients."""


import scopeflow as tf


def test_add_n_of_one_input_built_through_create_op_returns_it():
    x = tf.placeholder(tf.float32, [3])
    total = tf.get_default_graph().create_op("AddN", [x], attrs={"N": 1}).outputs[0]
    with tf.Session() as sess:
        value = sess.run(total, {x: [1.0, 2.0, 3.0]})
    assert value.tolist() == [1.0, 2.0, 3.0] and total.shape.as_list() == [3]


def test_create_op_groups_a_flat_input_list_by_the_ops_list_arguments():
    a, b, axis = tf.constant([1.0]), tf.constant([2.0]), tf.constant(0)
    graph = tf.get_default_graph()
    concat = graph.create_op("ConcatV2", [a, b, axis]).outputs[0]
    total = graph.create_op("AddN", [a, b, a]).outputs[0]
    assert concat.op.get_attr("N") == 2 and total.op.get_attr("N") == 3
    with tf.Session() as sess:
        assert [v.tolist() for v in sess.run([concat, total])] == [[1.0, 2.0], [4.0]]


def test_assignments_are_not_differentiable_as_in_tensorflow():
    x = tf.placeholder(tf.float32, [])
    v = tf.Variable(1.0)
    assert tf.gradients(tf.assign(v, x * 2.0), x) == [None]
    assert tf.gradients(tf.assign_add(v, x), x) == [None]
