"""tf.layers' nodes: dense, conv2d, batch_normalization, dropout, pooling, flatten."""

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


@case
def dense_layers(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    h = tf.layers.dense(x, 3, activation=tf.nn.relu)
    tf.layers.dense(h, 2, use_bias=False, name="logits")
    return nodes(tf)


@case
def dense_on_rank3_input(tf):
    x = tf.placeholder(tf.float32, [2, 5, 4], name="x")
    tf.layers.dense(x, 3)
    return nodes(tf)


@case
def conv2d_layer(tf):
    x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
    tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
    tf.layers.conv2d(x, 2, [2, 2], strides=2, dilation_rate=1, name="strided")
    return nodes(tf)


@case
def conv2d_transpose_layer(tf):
    x = tf.placeholder(tf.float32, [2, 4, 4, 3], name="x")
    tf.layers.conv2d_transpose(x, 2, 3, strides=2, padding="same")
    return nodes(tf)


@case
def pooling_and_flatten_layers(tf):
    x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
    p = tf.layers.max_pooling2d(x, 2, 2)
    q = tf.layers.average_pooling2d(p, 2, 1, padding="same")
    tf.layers.flatten(q)
    return nodes(tf)


@case
def batch_norm_layer_training(tf):
    x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
    tf.layers.batch_normalization(x, training=True)
    return nodes(tf)


@case
def batch_norm_layer_inference_2d(tf):
    x = tf.placeholder(tf.float32, [None, 5], name="x")
    tf.layers.batch_normalization(x, training=False, momentum=0.9, epsilon=1e-5)
    return nodes(tf)


@case
def batch_norm_layer_placeholder_training(tf):
    x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    tf.layers.batch_normalization(x, training=training)
    return nodes(tf)


@case
def dropout_layer(tf):
    x = tf.placeholder(tf.float32, [None, 5], name="x")
    tf.layers.dropout(x, 0.3, training=True)
    tf.layers.dropout(x, 0.3, training=False, name="off")
    training = tf.placeholder(tf.bool, [], name="training")
    tf.layers.dropout(x, 0.5, training=training, name="switched")
    return nodes(tf)


@case
def small_model_with_layers(tf):
    x = tf.placeholder(tf.float32, [None, 8, 8, 1], name="x")
    with tf.variable_scope("model"):
        h = tf.layers.conv2d(x, 2, 3, activation=tf.nn.relu)
        h = tf.layers.max_pooling2d(h, 2, 2)
        h = tf.layers.flatten(h)
        tf.layers.dense(h, 3)
    return nodes(tf)
