"""Where TF puts a queue: its queue op on the CPU of the enclosing device block (``CPU``
merged into it: ``/gpu:1`` gives ``/device:CPU:1``, none gives ``/device:CPU:*``), its
other ops (enqueue, dequeue) where the block says; readers and the batchers' ops likewise."""

from tests.conformance.harness import case


def _placed(tf):
    q = tf.FIFOQueue(3, tf.float32)
    ops = [q.queue_ref, q.dequeue(), tf.PaddingFIFOQueue(3, tf.float32, [[None]]).queue_ref,
           tf.RandomShuffleQueue(3, 1, tf.float32).queue_ref, tf.PriorityQueue(3, [tf.float32], [[]]).queue_ref,
           tf.TextLineReader().reader_ref]
    batched = tf.train.batch([tf.SparseTensor([[0]], [1.0], [2]), tf.constant(1)], 2)
    ops += [batched[0].indices, batched[1]]
    return [[t.op.type, t.device] for t in ops]


@case
def queue_devices(tf):
    out = {}
    for spec in (None, "/cpu:0", "/cpu:*", "/gpu:0", "/device:GPU:1", "/job:w/task:1", "/job:ps/device:CPU:0"):
        with tf.Graph().as_default():
            if spec is None:
                out["none"] = _placed(tf)
            else:
                with tf.device(spec):
                    out[spec] = _placed(tf)
    return out
