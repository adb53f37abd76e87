"""``tf.nn.nce_loss`` and ``tf.nn.sampled_softmax_loss``: a large output layer trained on the
true classes and a few sampled ones.

Both build TensorFlow's graph (``_compute_sampled_logits``): the weights and biases of the true
and sampled classes in one ``embedding_lookup`` each (so a sharded ``weights`` list is served by
``partition_strategy``), the true logits as row-wise products, the sampled ones as one
``MatMul``, the accidental hits pushed to ``-FLT_MAX`` and each logit less the log of its
expected count. NCE then sums sigmoid cross entropies over a row, sampled softmax takes the
softmax cross entropy against labels ``1 / num_true`` on the true classes.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.nn.embedding import embedding_lookup, shard_list
from scopeflow._src.ops.nn.nn_impl import sigmoid_cross_entropy_with_logits
from scopeflow._src.ops.nn.softmax import softmax_cross_entropy_with_logits_v2
from scopeflow._src.ops.sampling.candidate_sampling import compute_accidental_hits, log_uniform_candidate_sampler
from scopeflow._src.ops.sparse.to_dense import sparse_to_dense


def _sum_rows(x):
    """The sum of each row of ``x`` as TF computes it: a product with a column of ones."""
    cols = array_ops.shape(x)[1]
    ones = array_ops.ones(array_ops.stack([cols, 1]), x.dtype)
    return array_ops.reshape(math_ops.matmul(x, ones), [-1])


def _lookup(params, ids, inputs, partition_strategy):
    rows = embedding_lookup(params, ids, partition_strategy=partition_strategy)
    return math_ops.cast(rows, inputs.dtype) if rows.dtype != inputs.dtype else rows


def _true_logits(inputs, true_w, true_b, num_true):
    dim = array_ops.shape(true_w)[1:2]
    new_true_w_shape = array_ops.concat([[-1, num_true], dim], 0)
    products = math_ops.multiply(array_ops.expand_dims(inputs, 1), array_ops.reshape(true_w, new_true_w_shape))
    dots = array_ops.reshape(products, array_ops.concat([[-1], dim], 0))
    logits = array_ops.reshape(_sum_rows(dots), [-1, num_true])
    return logits + array_ops.reshape(true_b, [-1, num_true])


def _without_accidental_hits(sampled_logits, labels, sampled, num_true, num_sampled):
    indices, ids, weights = compute_accidental_hits(labels, sampled, num_true=num_true)
    rows = array_ops.reshape(indices, [-1, 1])
    columns = array_ops.reshape(math_ops.cast(ids, dtypes.int32), [-1, 1])
    sparse_indices = array_ops.concat([rows, columns], 1, "sparse_indices")
    shape = array_ops.concat([array_ops.shape(labels)[:1], array_ops.expand_dims(num_sampled, 0)], 0)
    if sampled_logits.dtype != weights.dtype:
        weights = math_ops.cast(weights, sampled_logits.dtype)
    return sampled_logits + sparse_to_dense(sparse_indices, shape, weights, default_value=0.0,
                                            validate_indices=False)


def compute_sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
                           sampled_values=None, subtract_log_q=True, remove_accidental_hits=False,
                           partition_strategy="mod", name=None, seed=None):
    """``(logits, labels)`` of the true classes then the sampled ones (TF's
    ``_compute_sampled_logits``): ``[batch, num_true + num_sampled]`` each."""
    weights = shard_list(weights)
    with name_scope(name, "compute_sampled_logits", weights + [biases, inputs, labels]):
        if labels.dtype != dtypes.int64:  # TF reads .dtype of the given object: a Python list fails here
            labels = math_ops.cast(labels, dtypes.int64)
        labels_flat = array_ops.reshape(labels, [-1])
        if sampled_values is None:
            sampled_values = log_uniform_candidate_sampler(true_classes=labels, num_true=num_true,
                                                           num_sampled=num_sampled, unique=True,
                                                           range_max=num_classes, seed=seed)
        sampled, true_expected_count, sampled_expected_count = (array_ops.stop_gradient(s) for s in sampled_values)
        sampled = math_ops.cast(sampled, dtypes.int64)
        all_ids = array_ops.concat([labels_flat, sampled], 0)
        all_w = _lookup(weights, all_ids, inputs, partition_strategy)
        true_w = array_ops.slice(all_w, [0, 0], array_ops.stack([array_ops.shape(labels_flat)[0], -1]))
        sampled_w = array_ops.slice(all_w, array_ops.stack([array_ops.shape(labels_flat)[0], 0]), [-1, -1])
        sampled_logits = math_ops.matmul(inputs, sampled_w, transpose_b=True)
        all_b = _lookup(biases, all_ids, inputs, partition_strategy)
        true_b = array_ops.slice(all_b, [0], array_ops.shape(labels_flat))
        sampled_b = array_ops.slice(all_b, array_ops.shape(labels_flat), [-1])
        true_logits = _true_logits(inputs, true_w, true_b, num_true)
        sampled_logits += sampled_b
        if remove_accidental_hits:
            sampled_logits = _without_accidental_hits(sampled_logits, labels, sampled, num_true, num_sampled)
        if subtract_log_q:
            true_logits -= math_ops.log(true_expected_count)
            sampled_logits -= math_ops.log(sampled_expected_count)
        out_logits = array_ops.concat([true_logits, sampled_logits], 1)
        out_labels = array_ops.concat([array_ops.ones_like(true_logits) / num_true,
                                       array_ops.zeros_like(sampled_logits)], 1)
        return out_logits, out_labels


def nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, sampled_values=None,
             remove_accidental_hits=False, partition_strategy="mod", name="nce_loss"):
    """The noise-contrastive estimation loss of each example: sigmoid cross entropies of the
    true classes (label ``1 / num_true``) and of ``num_sampled`` sampled classes (label 0),
    summed over the row.

    ``weights`` (``[num_classes, dim]``, or a list of shards) and ``biases`` (``[num_classes]``)
    are the output layer; ``labels`` are ``[batch, num_true]`` class ids; ``inputs`` are
    ``[batch, dim]``. Without ``sampled_values`` the classes are drawn by a
    ``log_uniform_candidate_sampler`` (``unique=True``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     labels = tf.constant([[1], [4]], tf.int64)
    ...     loss = tf.nn.nce_loss(tf.ones([10, 2]), tf.zeros([10]), labels, tf.ones([2, 2]), 3, 10)
    ...     print(loss.name, loss.shape)
    Reshape:0 (2,)
    """
    logits, labels = compute_sampled_logits(
        weights=weights, biases=biases, labels=labels, inputs=inputs, num_sampled=num_sampled,
        num_classes=num_classes, num_true=num_true, sampled_values=sampled_values, subtract_log_q=True,
        remove_accidental_hits=remove_accidental_hits, partition_strategy=partition_strategy, name=name)
    sampled_losses = sigmoid_cross_entropy_with_logits(labels=labels, logits=logits, name="sampled_losses")
    return _sum_rows(sampled_losses)


def sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
                         sampled_values=None, remove_accidental_hits=True, partition_strategy="mod",
                         name="sampled_softmax_loss", seed=None):
    """The sampled softmax loss of each example: the softmax cross entropy over the true
    classes and ``num_sampled`` sampled ones, with the accidental hits removed (by default).

    Arguments as ``nce_loss``'s; ``seed`` seeds the sampler.
    """
    logits, labels = compute_sampled_logits(
        weights=weights, biases=biases, labels=labels, inputs=inputs, num_sampled=num_sampled,
        num_classes=num_classes, num_true=num_true, sampled_values=sampled_values, subtract_log_q=True,
        remove_accidental_hits=remove_accidental_hits, partition_strategy=partition_strategy, name=name, seed=seed)
    labels = array_ops.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
