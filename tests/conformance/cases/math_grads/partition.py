"""``tf.dynamic_partition``: names and static shapes, values (vector, matrix and scalar
partitions, empty parts), TF's build and run errors, and its gradient (TF's graph: a
``DynamicPartition`` of the positions and a ``ParallelDynamicStitch`` of the gradients)."""

import numpy as np

from tests.conformance.harness import case, raises, raises_last_line, shape_of


@case
def dynamic_partition_names_and_shapes(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    parts = tf.dynamic_partition(x, [1, 0, 1], 2, name="dp")
    unknown = tf.dynamic_partition(tf.placeholder(tf.float32), tf.placeholder(tf.int32), 3)
    matrix = tf.dynamic_partition(tf.placeholder(tf.float32, [2, 3, 4]), tf.placeholder(tf.int32, [2, 3]), 2)
    return {"parts": [[p.name, shape_of(p)] for p in parts], "unknown": [shape_of(p) for p in unknown],
            "matrix": [shape_of(p) for p in matrix], "attrs": sorted(parts[0].op.node_def.attr)}


@case
def dynamic_partition_values(tf):
    data = tf.placeholder(tf.float32)
    partitions = tf.placeholder(tf.int32)
    parts = tf.dynamic_partition(data, partitions, 3)
    feeds = [([10.0, 20.0, 30.0, 40.0], [2, 0, 2, 2]), ([[1.0, 2.0], [3.0, 4.0]], [[0, 2], [2, 1]]),
             (5.0, 1), (np.zeros((2, 0, 3)), [1, 1]), ([[1.0, 2.0], [3.0, 4.0]], [1, 1])]
    with tf.Session() as sess:
        return [[[v.tolist(), list(v.shape)] for v in sess.run(parts, {data: d, partitions: p})] for d, p in feeds]


@case
def dynamic_partition_errors(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    build = {"zero": raises(tf.dynamic_partition, x, [1, 0, 1], 0),
             "prefix": raises(tf.dynamic_partition, x, [[1, 0]], 2),
             "length": raises(tf.dynamic_partition, x, [1, 0, 1, 1], 2),
             "after_zero": tf.dynamic_partition(x, [0, 0, 0], 1)[0].name}
    data = tf.placeholder(tf.float32)
    partitions = tf.placeholder(tf.int32)
    parts = tf.dynamic_partition(data, partitions, 2)
    with tf.Session() as sess:
        run = [raises_last_line(sess.run, parts, {data: d, partitions: p})
               for d, p in (([1.0, 2.0], [0, 2]), ([1.0, 2.0], [-1, 0]), ([[1.0, 2.0], [3.0, 4.0]], [[0, 1], [5, 0]]),
                            (5.0, 3), ([1.0, 2.0], [0, 1, 1]), ([1.0], [[0]]))]
    return {"build": build, "run": run}


@case
def dynamic_partition_gradient(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="x")
    parts = tf.dynamic_partition(x, [1, 0, 1], 2, name="dp")
    start = len(tf.get_default_graph().get_operations())
    loss = tf.reduce_sum(parts[1] * 3.0) + tf.reduce_sum(parts[0] * parts[0])
    (grad,) = tf.gradients(loss, x)
    ops = [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()[start:]
           if "dp_grad" in op.name]
    with tf.Session() as sess:
        return {"grad": [grad.name, shape_of(grad), sess.run(grad).tolist()], "ops": ops}
