"""Queues as graph nodes: op types, names, attributes, static shapes, build-time errors."""

from tests.conformance.cases.queues._helpers import attrs, graph_ops
from tests.conformance.harness import case, raises, shape_of


@case
def fifo_queue_ops_and_names(tf):
    q = tf.FIFOQueue(3, [tf.float32, tf.int32], shapes=[[2], []])
    q.enqueue(([1.0, 2.0], 3))
    q.enqueue_many(([[1.0, 2.0]], [3]))
    q.dequeue()
    q.dequeue_many(2)
    q.dequeue_up_to(2)
    q.close()
    q.close(cancel_pending_enqueues=True)
    q.size()
    q.is_closed()
    return graph_ops(tf)


@case
def fifo_queue_attrs(tf):
    q = tf.FIFOQueue(3, [tf.float32, tf.int32], shapes=[[2], []], name="q")
    e = q.enqueue(([1.0, 2.0], 3))
    return {"queue": attrs(q.queue_ref.op), "enqueue": attrs(e), "dequeue": attrs(q.dequeue()[0].op),
            "many": attrs(q.dequeue_many(2)[0].op), "close": attrs(q.close(True)), "size": attrs(q.size().op)}


@case
def queue_properties(tf):
    q = tf.FIFOQueue(5, [tf.int32, tf.string], shapes=[[3], []], names=["a", "b"], name="named")
    return {"name": q.name, "ref": [q.queue_ref.name, q.queue_ref.dtype.name, shape_of(q.queue_ref)],
            "dtypes": [d.name for d in q.dtypes], "shapes": [shape_of(s) for s in q.shapes], "names": q.names,
            "dequeue": {k: [t.name, shape_of(t)] for k, t in sorted(q.dequeue().items())}}


@case
def dequeue_static_shapes(tf):
    q = tf.FIFOQueue(5, [tf.float32, tf.int64], shapes=[[2, 3], []])
    n = tf.placeholder(tf.int32, [])
    return {"one": [shape_of(t) for t in q.dequeue()], "many": [shape_of(t) for t in q.dequeue_many(4)],
            "many_fed": [shape_of(t) for t in q.dequeue_many(n)], "up_to": [shape_of(t) for t in q.dequeue_up_to(4)]}


@case
def unshaped_queue_static_shapes(tf):
    q = tf.FIFOQueue(5, tf.int32)
    return {"shapes": [shape_of(s) for s in q.shapes], "one": shape_of(q.dequeue()),
            "many": shape_of(q.dequeue_many(2)), "up_to": shape_of(q.dequeue_up_to(2))}


@case
def shape_forms(tf):
    return [[shape_of(s) for s in tf.FIFOQueue(1, tf.int32, shapes=shapes).shapes]
            for shapes in ([2, 3], [[2, 3]], tf.TensorShape([4]), [[], [1]], ())]


@case
def random_shuffle_queue_attrs_and_seeds(tf):
    plain = tf.RandomShuffleQueue(10, 2, tf.string)
    seeded = tf.RandomShuffleQueue(10, 3, [tf.int32], shapes=[[]], seed=5)
    shared = tf.RandomShuffleQueue(10, 3, [tf.int32], shapes=[[]], shared_name="s")
    tf.set_random_seed(9)
    graph_seeded = tf.RandomShuffleQueue(10, 3, [tf.int32], shapes=[[]], shared_name="s")
    return [attrs(q.queue_ref.op) for q in (plain, seeded, shared, graph_seeded)] + [plain.name]


@case
def padding_and_priority_queue_attrs(tf):
    pad = tf.PaddingFIFOQueue(10, [tf.int32, tf.string], shapes=[[None], [None, 2]])
    pri = tf.PriorityQueue(10, [tf.string], shapes=[[]])
    return {"pad": attrs(pad.queue_ref.op), "pri": attrs(pri.queue_ref.op),
            "pri_dtypes": [d.name for d in pri.dtypes], "pri_shapes": [shape_of(s) for s in pri.shapes],
            "pad_many": [shape_of(t) for t in pad.dequeue_many(3)], "pri_dequeue": [t.name for t in pri.dequeue()]}


@case
def enqueue_names_in_scopes_and_explicit(tf):
    q = tf.FIFOQueue(3, tf.float32, shapes=[[]])
    with tf.name_scope("outer"):
        a = q.enqueue(1.0)
        b = q.dequeue()
        c = q.enqueue(2.0, name="put")
        d = q.dequeue_many(2, name="take")
    return [a.name, b.name, c.name, d.name, [i.name for i in a.inputs]]


@case
def queue_in_name_scope(tf):
    with tf.name_scope("input"):
        q = tf.FIFOQueue(3, tf.float32, shapes=[[]])
    return [q.name, q.enqueue(1.0).name, q.dequeue().name, q.size().name, q.close().name]


@case
def enqueue_build_errors(tf):
    q = tf.FIFOQueue(3, tf.float32, shapes=[[2]])
    named = tf.FIFOQueue(3, tf.int32, names=["a"])
    return [raises(q.enqueue, [[1.0, 2.0, 3.0]]), raises(q.enqueue_many, [5.0]),
            raises(q.enqueue_many, [[1.0, 2.0]]), raises(q.enqueue, {"a": 1.0}), raises(named.enqueue, 1),
            raises(named.enqueue, {"b": 1}), raises(q.enqueue, ["x"])]


@case
def constructor_errors(tf):
    return [raises(tf.FIFOQueue, 1, [tf.int32, tf.int32], shapes=[[]]),
            raises(tf.FIFOQueue, 1, [tf.int32], shapes=[[None]]),
            raises(tf.FIFOQueue, 1, [tf.int32], names=["a", "b"]),
            raises(tf.PaddingFIFOQueue, 1, [tf.int32], shapes=[None]),
            raises(tf.FIFOQueue, 1, tf.int32, shapes=5),
            raises(tf.PriorityQueue, 1, tf.int32)]


@case
def from_list_queue(tf):
    q0 = tf.FIFOQueue(3, tf.int32, shapes=[[2]])
    q1 = tf.FIFOQueue(3, tf.int32, shapes=[[2]])
    chosen = tf.QueueBase.from_list(tf.constant(1), [q0, q1])
    other = tf.FIFOQueue(3, tf.float32)
    return {"dequeue": [chosen.dequeue().name, shape_of(chosen.dequeue())], "name": chosen.name,
            "errors": [raises(tf.QueueBase.from_list, 0, [q0, other]), raises(tf.QueueBase.from_list, 0, [])]}


@case
def public_names(tf):
    return {"tf": [n for n in ("FIFOQueue", "PaddingFIFOQueue", "PriorityQueue", "QueueBase", "RandomShuffleQueue",
                               "TextLineReader", "TFRecordReader", "WholeFileReader", "FixedLengthRecordReader",
                               "IdentityReader", "ReaderBase") if hasattr(tf, n)],
            "queue": [n for n in dir(tf.queue) if not n.startswith("_")],
            "io": [n for n in ("FIFOQueue", "PaddingFIFOQueue", "PriorityQueue", "QueueBase", "RandomShuffleQueue")
                   if hasattr(tf.io, n)],
            "same": tf.queue.FIFOQueue is tf.FIFOQueue and tf.io.RandomShuffleQueue is tf.RandomShuffleQueue}


@case
def queues_under_control_dependencies(tf):
    x = tf.constant(1.0)
    with tf.control_dependencies([x]):
        with tf.name_scope("s"):
            queues = [tf.FIFOQueue(2, tf.float32), tf.RandomShuffleQueue(2, 0, tf.float32),
                      tf.PaddingFIFOQueue(2, tf.float32, shapes=[[None]])]
            enqueue = queues[0].enqueue(1.0)
    return [[q.name, [c.name for c in q.queue_ref.op.control_inputs]] for q in queues] + [
        [enqueue.name, [c.name for c in enqueue.control_inputs]]]
