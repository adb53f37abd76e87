"""nn ops' nodes: convolutions, pooling, batch norm, activations, softmax and losses, dropout."""

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


def _image(tf, shape=(2, 8, 8, 3), name="image"):
    return tf.placeholder(tf.float32, shape, name=name)


@case
def conv2d_same_and_valid(tf):
    x, w = _image(tf), tf.placeholder(tf.float32, [3, 3, 3, 4], name="w")
    tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME")
    tf.nn.conv2d(x, w, [1, 2, 2, 1], "VALID", name="strided")
    return nodes(tf)


@case
def conv2d_dilations_and_explicit_padding(tf):
    x, w = _image(tf), tf.placeholder(tf.float32, [3, 3, 3, 4], name="w")
    tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME", dilations=[1, 2, 2, 1])
    tf.nn.conv2d(x, w, [1, 1, 1, 1], [[0, 0], [1, 1], [2, 2], [0, 0]], name="explicit")
    tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME", use_cudnn_on_gpu=False, name="no_cudnn")
    return nodes(tf)


@case
def conv2d_nchw_graph(tf):
    x, w = _image(tf, (2, 3, 8, 8)), tf.placeholder(tf.float32, [3, 3, 3, 4], name="w")
    tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME", data_format="NCHW")
    return nodes(tf)


@case
def conv1d_and_transpose(tf):
    x = tf.placeholder(tf.float32, [2, 10, 3], name="seq")
    tf.nn.conv1d(x, tf.ones([3, 3, 5]), 1, "SAME")
    img = _image(tf)
    tf.nn.conv2d_transpose(img, tf.ones([3, 3, 6, 3]), [2, 16, 16, 6], [1, 2, 2, 1], "SAME")
    return nodes(tf)


def _conv_with_gradients(tf, conv, filter_shape):
    x, w = _image(tf), tf.placeholder(tf.float32, filter_shape, name="w")
    tf.gradients(conv(x, w, [1, 1, 1, 1], "SAME"), [x, w])
    return nodes(tf)


@case
def conv_gradients(tf):
    return _conv_with_gradients(tf, tf.nn.conv2d, [3, 3, 3, 4])


@case
def depthwise_conv(tf):
    return _conv_with_gradients(tf, tf.nn.depthwise_conv2d, [3, 3, 3, 2])


@case
def pooling(tf):
    x = _image(tf)
    tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 1, 1, 1], "SAME")
    tf.nn.max_pool2d(x, 2, 2, "SAME")
    return nodes(tf)


@case
def pooling_gradients(tf):
    x = _image(tf)
    m = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    a = tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
    tf.gradients([m, a], x)
    return nodes(tf)


@case
def bias_add_and_relus(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    b = tf.nn.bias_add(x, tf.constant([1.0, 2.0, 3.0]))
    tf.nn.relu(b)
    tf.nn.relu6(b)
    tf.nn.elu(b)
    tf.nn.selu(b)
    tf.nn.softplus(b)
    tf.nn.softsign(b)
    tf.nn.leaky_relu(b)
    tf.nn.leaky_relu(b, alpha=0.3)
    tf.nn.bias_add(_image(tf, (2, 3, 4, 4)), tf.ones([3]), data_format="NCHW")
    return nodes(tf)


@case
def activation_gradients(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    ys = [tf.nn.relu(x), tf.nn.relu6(x), tf.nn.elu(x), tf.nn.selu(x), tf.nn.leaky_relu(x, 0.1), tf.nn.softsign(x),
          tf.nn.bias_add(x, tf.ones([3]))]
    tf.gradients(ys, x)
    return nodes(tf)


@case
def softmax_and_log_softmax(tf):
    x = tf.placeholder(tf.float32, [2, 5], name="logits")
    tf.nn.softmax(x)
    tf.nn.log_softmax(x)
    tf.nn.softmax(x, axis=0)
    return nodes(tf)


@case
def cross_entropies(tf):
    logits = tf.placeholder(tf.float32, [4, 3], name="logits")
    labels = tf.placeholder(tf.float32, [4, 3], name="labels")
    ids = tf.placeholder(tf.int64, [4], name="ids")
    tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ids, logits=logits)
    tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    return nodes(tf)


@case
def cross_entropy_gradients(tf):
    logits = tf.placeholder(tf.float32, [4, 3], name="logits")
    ids = tf.placeholder(tf.int32, [4], name="ids")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ids, logits=logits))
    tf.gradients(loss, logits)
    return nodes(tf)


@case
def dropout_graph(tf):
    x = tf.placeholder(tf.float32, [4, 5], name="x")
    tf.nn.dropout(x, keep_prob=0.5)
    tf.nn.dropout(x, rate=0.25, noise_shape=[4, 1], seed=3)
    return nodes(tf)


@case
def fused_batch_norm(tf):
    x = _image(tf)
    scale, offset = tf.ones([3]), tf.zeros([3])
    tf.nn.fused_batch_norm(x, scale, offset, epsilon=0.001)
    tf.nn.fused_batch_norm(x, scale, offset, mean=tf.zeros([3]), variance=tf.ones([3]), is_training=False)
    return nodes(tf)


@case
def fused_batch_norm_gradients(tf):
    x = _image(tf)
    scale, offset = tf.ones([3], name="scale"), tf.zeros([3], name="offset")
    y, _, _ = tf.nn.fused_batch_norm(x, scale, offset)
    tf.gradients(y, [x, scale, offset])
    return nodes(tf)


@case
def moments_and_batch_normalization(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    mean, var = tf.nn.moments(x, [0])
    tf.nn.batch_normalization(x, mean, var, None, None, 1e-3)
    tf.nn.l2_normalize(x, 1)
    tf.nn.l2_loss(x)
    return nodes(tf)


@case
def lrn_and_gradient(tf):
    x = _image(tf)
    y = tf.nn.lrn(x)
    z = tf.nn.local_response_normalization(x, depth_radius=2, bias=2.0, alpha=1e-4, beta=0.75)
    tf.gradients([y, z], x)
    return nodes(tf)


@case
def top_k_in_top_k_xw_plus_b(tf):
    x = tf.placeholder(tf.float32, [3, 4], name="x")
    tf.nn.top_k(x, 2)
    tf.nn.in_top_k(x, tf.constant([0, 1, 2], tf.int64), 2)
    tf.nn.xw_plus_b(x, tf.ones([4, 2]), tf.zeros([2]))
    return nodes(tf)
