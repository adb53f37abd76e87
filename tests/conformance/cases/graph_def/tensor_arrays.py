"""TensorArrays and recurrent networks: TensorArrayV3 and its ops, dynamic_rnn's loop."""

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


@case
def tensor_array_ops(tf):
    ta = tf.TensorArray(tf.float32, size=3, element_shape=[2])
    ta = ta.write(0, tf.constant([1.0, 2.0]))
    ta.read(0)
    ta.stack()
    ta.size()
    ta.close()
    return nodes(tf)


@case
def tensor_array_options(tf):
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True, clear_after_read=False, tensor_array_name="named",
                        infer_shape=False)
    ta = ta.unstack(tf.constant([[1, 2], [3, 4]]))
    ta.gather([1, 0])
    ta.concat()
    tf.TensorArray(tf.float32, 2).split(tf.constant([1.0, 2.0, 3.0]), [1, 2])
    return nodes(tf)


@case
def tensor_array_in_loop_with_gradient(tf):
    x = tf.placeholder(tf.float32, [3, 2], name="x")
    ta = tf.TensorArray(tf.float32, size=3).unstack(x)
    out = tf.TensorArray(tf.float32, size=3)

    def body(i, acc):
        return i + 1, acc.write(i, ta.read(i) * 2.0)
    _, acc = tf.while_loop(lambda i, acc: i < 3, body, [0, out])
    tf.gradients(acc.stack(), x)
    return nodes(tf)


@case
def dynamic_rnn_basic(tf):
    x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
    cell = tf.nn.rnn_cell.BasicRNNCell(5)
    tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    return nodes(tf)


@case
def dynamic_rnn_lstm_with_lengths(tf):
    x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
    lengths = tf.placeholder(tf.int32, [2], name="lengths")
    cell = tf.nn.rnn_cell.LSTMCell(4)
    tf.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
    return nodes(tf)


@case
def dynamic_rnn_gru_gradients(tf):
    x = tf.placeholder(tf.float32, [2, 3, 3], name="x")
    cell = tf.nn.rnn_cell.GRUCell(2)
    out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, time_major=False)
    tf.gradients(tf.reduce_sum(out), tf.trainable_variables())
    return nodes(tf)


@case
def static_rnn_multi_cell(tf):
    xs = [tf.placeholder(tf.float32, [2, 3], name=f"x{i}") for i in range(2)]
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.BasicLSTMCell(2)])
    tf.nn.static_rnn(cell, xs, dtype=tf.float32)
    return nodes(tf)
