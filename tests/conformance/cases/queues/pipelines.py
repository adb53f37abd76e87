"""Producers, batching, queue runners and the coordinator: the graphs TF builds (names, static
shapes, the QUEUE_RUNNERS and summaries collections) and whole pipelines run to the end of
their epochs."""

import os

from tests.conformance.cases.queues._helpers import graph_ops, run_to_end, temp_dir, value
from tests.conformance.harness import case, raises, shape_of


def _runners(tf):
    return [[qr.name, [op.name for op in qr.enqueue_ops], qr.close_op.name, qr.cancel_op.name,
             [c.__name__ for c in qr.queue_closed_exception_types]]
            for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)]


def _run(tf, fetch, multiset=False):
    """``run_to_end`` in a new session with the local variables (epoch counters) initialized;
    with ``multiset`` the batches' values sorted together (their order is not TF's to keep)."""
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        got = run_to_end(tf, sess, fetch)
    if multiset:
        got["values"] = sorted(v for batch in got["values"] for v in batch)
    return got


def _summaries(tf):
    return [s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]


@case
def limit_epochs_graph_and_end(tf):
    x = tf.train.limit_epochs(tf.constant([1, 2]), num_epochs=2)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        out = [value(sess.run(x)), value(sess.run(x)), raises(sess.run, x)["error"]]
    return {"ops": graph_ops(tf), "locals": [v.name for v in tf.local_variables()], "x": x.name, "run": out,
            "unlimited": tf.train.limit_epochs(x) is x, "zero": raises(tf.train.limit_epochs, x, 0)}


@case
def string_input_producer_graph(tf):
    q = tf.train.string_input_producer(["a", "b"], num_epochs=3, shuffle=False, capacity=8)
    return {"ops": graph_ops(tf), "name": q.name, "runners": _runners(tf), "summaries": _summaries(tf),
            "dequeue": [q.dequeue().name, shape_of(q.dequeue())],
            "errors": [raises(tf.train.string_input_producer, []), raises(tf.train.string_input_producer, None)]}


@case
def input_producers_graphs(tf):
    r = tf.train.range_input_producer(5, shuffle=True, seed=4)
    s = tf.train.slice_input_producer([tf.zeros([4, 2]), tf.range(4)], shuffle=False, name="slices")
    i = tf.train.input_producer(tf.ones([3, 2]), shuffle=False, summary_name="custom")
    return {"names": [r.name, [t.name for t in s], [shape_of(t) for t in s], i.name, shape_of(i.dequeue())],
            "runners": _runners(tf), "summaries": _summaries(tf),
            "errors": [raises(tf.train.input_producer, tf.placeholder(tf.float32, [None, None])),
                       raises(tf.train.slice_input_producer, [])]}


@case
def batch_graph_names_and_shapes(tf):
    x = tf.constant([1.0, 2.0])
    y = tf.constant(3)
    start = len(tf.get_default_graph().get_operations())
    bx, by = tf.train.batch([x, y], batch_size=4, num_threads=2, capacity=16)
    return {"ops": graph_ops(tf, start), "outputs": [[t.name, shape_of(t)] for t in (bx, by)],
            "runners": _runners(tf), "summaries": _summaries(tf)}


@case
def batch_variants_static_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    seq = tf.placeholder(tf.int32, [None])
    out = {"smaller": shape_of(tf.train.batch([tf.constant([1.0])], 5, allow_smaller_final_batch=True)),
           "many": shape_of(tf.train.batch([x], 5, enqueue_many=True)),
           "pad": shape_of(tf.train.batch([seq], 2, dynamic_pad=True)),
           "shapes": shape_of(tf.train.batch([seq], 2, shapes=[[4]])),
           "dict": {k: [t.name, shape_of(t)] for k, t in
                    sorted(tf.train.batch({"b": tf.constant(1), "a": tf.constant([2.0])}, 3).items())},
           "join": tf.train.batch_join([[tf.constant(1.0)], [tf.constant(2.0)]], 2).name}
    out["queues"] = [[qr.name, qr.queue.type if hasattr(qr.queue, "type") else qr.queue.queue_ref.op.type]
                     for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)]
    out["errors"] = [raises(tf.train.batch, [x], 2), raises(tf.train.batch, [tf.placeholder(tf.float32)], 2),
                     raises(tf.train.batch, [], 2)]
    return out


@case
def shuffle_batch_graph(tf):
    x = tf.constant([1.0, 2.0])
    start = len(tf.get_default_graph().get_operations())
    b = tf.train.shuffle_batch([x], batch_size=3, capacity=20, min_after_dequeue=5, seed=7)
    j = tf.train.shuffle_batch_join([[x], [x + 1]], batch_size=3, capacity=20, min_after_dequeue=5,
                                    allow_smaller_final_batch=True)
    return {"ops": graph_ops(tf, start), "outputs": [[b.name, shape_of(b)], [j.name, shape_of(j)]],
            "runners": _runners(tf), "summaries": _summaries(tf),
            "capacity_error": raises(tf.train.shuffle_batch, [x], 2, capacity=5, min_after_dequeue=5)}


@case
def maybe_batch_graphs(tf):
    x = tf.constant([1.0, 2.0])
    keep = tf.placeholder(tf.bool, [])
    a = tf.train.maybe_batch([x], keep_input=True, batch_size=2)
    b = tf.train.maybe_batch([x], keep_input=keep, batch_size=2)
    return {"outputs": [[a.name, shape_of(a)], [b.name, shape_of(b)]], "runners": _runners(tf),
            "errors": [raises(tf.train.maybe_batch, [x], tf.placeholder(tf.bool, [None]), 2),
                       raises(tf.train.maybe_batch, [x], tf.placeholder(tf.bool), 2)]}


@case
def pipeline_slices_in_order_for_two_epochs(tf):
    image, label = tf.train.slice_input_producer([tf.constant([[1.0], [2.0], [3.0]]), tf.constant([10, 20, 30])],
                                                 num_epochs=2, shuffle=False)
    batch = tf.train.batch([image, label], batch_size=2, allow_smaller_final_batch=True)
    return _run(tf, batch)


@case
def pipeline_range_producer_shuffled_multiset(tf):
    index = tf.train.range_input_producer(7, num_epochs=3, shuffle=True, seed=1).dequeue()
    batch = tf.train.shuffle_batch([index], batch_size=4, capacity=12, min_after_dequeue=3, num_threads=2, seed=2,
                                   allow_smaller_final_batch=True)
    return _run(tf, batch, multiset=True)


@case
def pipeline_batch_without_smaller_final_batch(tf):
    x = tf.train.range_input_producer(5, num_epochs=1, shuffle=False).dequeue()
    batch = tf.train.batch([x], batch_size=2)
    got = _run(tf, batch)
    # the last element is left over; whether the final dequeue_many was already waiting for it when the queue
    # closed (the message then names 1 element wanted, none left) is a race, in TensorFlow too
    got["end"] = got["end"].split(" (")[0]
    return got


@case
def pipeline_dynamic_pad_batches(tf):
    n = tf.train.range_input_producer(4, num_epochs=1, shuffle=False).dequeue()
    seq = tf.range(n + 1)
    batch = tf.train.batch([seq], batch_size=2, dynamic_pad=True)
    return _run(tf, batch)


@case
def pipeline_batch_join_multiset(tf):
    a = tf.train.range_input_producer(3, num_epochs=1, shuffle=False).dequeue()
    b = tf.train.range_input_producer(3, num_epochs=1, shuffle=False).dequeue()
    batch = tf.train.batch_join([[a], [b + 100]], batch_size=2, allow_smaller_final_batch=True)
    return _run(tf, batch, multiset=True)


@case
def pipeline_enqueue_many_batches(tf):
    rows = tf.train.limit_epochs(tf.constant([[1, 2], [3, 4], [5, 6]]), num_epochs=2)
    batch = tf.train.batch([rows], batch_size=4, enqueue_many=True, allow_smaller_final_batch=True)
    return _run(tf, batch)


@case
def pipeline_trains_until_the_epochs_end(tf):
    x = tf.train.limit_epochs(tf.constant([1.0, 2.0]), num_epochs=4)
    batch = tf.train.batch([x], batch_size=2)
    total = tf.Variable(0.0)
    step = tf.assign_add(total, tf.reduce_sum(batch))
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        got = run_to_end(tf, sess, step)
        got["total"] = value(sess.run(total))
    return got


@case
def coordinator_behaviour(tf):
    coord = tf.train.Coordinator()
    out = [coord.should_stop(), coord.wait_for_stop(0.01)]
    coord.request_stop(tf.errors.OutOfRangeError(None, None, "clean"))
    out += [coord.should_stop(), raises(coord.join, []), coord.joined]
    coord.clear_stop()
    out += [coord.should_stop(), coord.joined]
    with coord.stop_on_exception():
        raise ValueError("reported")
    out += [coord.should_stop(), raises(coord.raise_requested_exception), raises(coord.join, [])]
    other = tf.train.Coordinator(clean_stop_exception_types=[])
    try:
        raise tf.errors.OutOfRangeError(None, None, "not clean")
    except tf.errors.OutOfRangeError as e:
        other.request_stop(e)
    out.append(raises(other.join, []))
    third = tf.train.Coordinator()
    out += [raises(third.request_stop, ValueError("not raised")), third.should_stop()]
    return out


@case
def queue_runner_api(tf):
    q = tf.FIFOQueue(4, tf.float32, shapes=[[]])
    qr = tf.train.QueueRunner(q, [q.enqueue(1.0)], queue_closed_exception_types=(tf.errors.OutOfRangeError,))
    tf.train.queue_runner.add_queue_runner(qr, collection="mine")
    with tf.Session() as sess:
        threads = tf.train.start_queue_runners(sess, collection="mine", start=False)
        again = qr.create_threads(sess)
    return {"name": qr.name, "threads": [t.name for t in threads], "again": again,
            "daemon": [t.daemon for t in threads], "collection": len(tf.get_collection("mine")),
            "proto": str(qr.to_proto()), "errors": [raises(tf.train.QueueRunner, q, []),
                                                   raises(tf.train.QueueRunner, q, [q.enqueue(1.0)],
                                                          queue_closed_exception_types=ValueError)]}


@case
def match_filenames_once_feeds_a_producer(tf):
    tmp = temp_dir()
    for name, text in (("b.csv", "3\n4\n"), ("a.csv", "1\n2\n"), ("c.txt", "9\n")):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
    files = tf.train.match_filenames_once(os.path.join(tmp, "*.csv"))
    queue = tf.train.string_input_producer(files, num_epochs=1, shuffle=False)
    _, line = tf.TextLineReader().read(queue)
    got = _run(tf, line)
    return {"ops": graph_ops(tf)[:5], "variable": [files.name, shape_of(files), files.dtype.name],
            "locals": [v.name for v in tf.local_variables()], "run": got}
