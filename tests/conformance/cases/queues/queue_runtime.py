"""Queues running: values, order, sizes, closing, padding, priorities, shuffles (as multisets),
run-time errors and deadlines."""

from tests.conformance.cases.queues._helpers import error, value
from tests.conformance.harness import case


@case
def fifo_values_in_order(tf):
    q = tf.FIFOQueue(10, [tf.int32, tf.string], shapes=[[], [2]])
    with tf.Session() as sess:
        sess.run(q.enqueue_many(([1, 2, 3], [["a", "b"], ["c", "d"], ["e", "f"]])))
        sess.run(q.enqueue((4, ["g", "h"])))
        out = [value(sess.run(q.size())), value(sess.run(q.dequeue())), value(sess.run(q.dequeue_many(2))),
               value(sess.run(q.size()))]
        sess.run(q.close())  # an open queue's dequeue_up_to waits for all 3
        out.append(value(sess.run(q.dequeue_up_to(3))))
    return out


@case
def closed_queue_drains_then_out_of_range(tf):
    q = tf.FIFOQueue(10, tf.float32, shapes=[[]])
    with tf.Session() as sess:
        sess.run(q.enqueue_many([[1.0, 2.0, 3.0]]))
        sess.run(q.close())
        return [value(sess.run(q.is_closed())), value(sess.run(q.dequeue())), error(sess.run, q.dequeue_many(3)),
                value(sess.run(q.size())), value(sess.run(q.dequeue_up_to(5))), error(sess.run, q.dequeue()),
                error(sess.run, q.dequeue_up_to(2))]


@case
def enqueue_after_close_is_cancelled(tf):
    q = tf.FIFOQueue(10, tf.float32, shapes=[[]], name="closed_q")
    with tf.Session() as sess:
        sess.run(q.close())
        return [error(sess.run, q.enqueue(1.0)), error(sess.run, q.enqueue_many([[1.0]])),
                value(sess.run(q.close(cancel_pending_enqueues=True))), value(sess.run(q.is_closed()))]


@case
def closed_errors_of_each_queue_kind(tf):
    queues = [tf.FIFOQueue(3, tf.int32, shapes=[[]]), tf.RandomShuffleQueue(3, 1, tf.int32, shapes=[[]]),
              tf.PaddingFIFOQueue(3, tf.int32, shapes=[[None]]), tf.PriorityQueue(3, [tf.int32], shapes=[[]])]
    with tf.Session() as sess:
        out = []
        for q in queues:
            sess.run(q.close())
            out.append([error(sess.run, q.dequeue()), error(sess.run, q.dequeue_many(2))])
        return out


@case
def run_time_shape_errors(tf):
    q = tf.FIFOQueue(3, tf.float32, shapes=[[2]])
    x = tf.placeholder(tf.float32)
    with tf.Session() as sess:
        return [error(sess.run, q.enqueue(x), {x: [1.0, 2.0, 3.0]}),
                error(sess.run, q.enqueue_many(x), {x: [[1.0, 2.0, 3.0]]}),
                error(sess.run, q.enqueue(x), {x: [[1.0, 2.0]]}), value(sess.run(q.size()))]


@case
def dequeue_many_needs_shapes(tf):
    q = tf.FIFOQueue(3, tf.int32)
    r = tf.RandomShuffleQueue(3, 0, tf.int32)
    with tf.Session() as sess:
        sess.run([q.enqueue(1), r.enqueue(1)])
        return [error(sess.run, q.dequeue_many(1)), error(sess.run, q.dequeue_up_to(1)),
                error(sess.run, r.dequeue_many(1)), value(sess.run(q.dequeue())), value(sess.run(r.dequeue()))]


@case
def dequeue_many_zero_and_negative(tf):
    q = tf.FIFOQueue(3, tf.float32, shapes=[[2]])
    n = tf.placeholder(tf.int32, [])
    with tf.Session() as sess:
        return [value(sess.run(q.dequeue_many(0)).shape), value(sess.run(q.dequeue_up_to(0)).shape),
                error(sess.run, q.dequeue_many(n), {n: -1})]


@case
def unshaped_queue_takes_any_shapes(tf):
    q = tf.FIFOQueue(3, [tf.int32])
    x = tf.placeholder(tf.int32)
    with tf.Session() as sess:
        sess.run(q.enqueue(x), {x: [1, 2, 3]})
        sess.run(q.enqueue(x), {x: [[4]]})
        return [value(sess.run(q.dequeue())), value(sess.run(q.dequeue()))]


@case
def named_components_dequeue_dicts(tf):
    q = tf.FIFOQueue(3, [tf.int32, tf.float32], shapes=[[], [2]], names=["label", "image"])
    with tf.Session() as sess:
        sess.run(q.enqueue({"image": [1.0, 2.0], "label": 7}))
        sess.run(q.enqueue_many({"image": [[3.0, 4.0]], "label": [8]}))
        return [value(sess.run(q.dequeue())), value(sess.run(q.dequeue_many(1)))]


@case
def padding_queue_pads_batches(tf):
    q = tf.PaddingFIFOQueue(5, [tf.int32, tf.string], shapes=[[None], [None, 2]])
    with tf.Session() as sess:
        sess.run(q.enqueue(([1, 2, 3], [["a", "b"]])))
        sess.run(q.enqueue(([1], [["a", "b"], ["c", "d"]])))
        sess.run(q.enqueue(([5, 6], [["e", "f"]])))
        return [value(sess.run(q.dequeue_many(2))), value(sess.run(q.dequeue()))]


@case
def padding_queue_shape_errors(tf):
    q = tf.PaddingFIFOQueue(5, [tf.int32], shapes=[[None, 2]])
    x = tf.placeholder(tf.int32)
    with tf.Session() as sess:
        return [error(q.enqueue, [[1, 2, 3]]), error(sess.run, q.enqueue(x), {x: [[1, 2, 3]]}),
                error(sess.run, q.enqueue(x), {x: [1, 2]})]


@case
def priority_queue_orders_by_priority(tf):
    q = tf.PriorityQueue(10, [tf.string, tf.int32], shapes=[[], []])
    with tf.Session() as sess:
        sess.run(q.enqueue_many(([30, 10, 20], ["c", "a", "b"], [3, 1, 2])))
        sess.run(q.enqueue((5, "z", 0)))
        return [value(sess.run(q.dequeue())), value(sess.run(q.dequeue_many(3))), value(sess.run(q.size())),
                error(q.enqueue, (1.5, "x", 1))]


@case
def random_shuffle_queue_multiset_and_min_after_dequeue(tf):
    q = tf.RandomShuffleQueue(10, 2, tf.int32, shapes=[[]], seed=3)
    with tf.Session() as sess:
        sess.run(q.enqueue_many([[1, 2, 3, 4, 5]]))
        first = value(sess.run(q.dequeue_many(3)))
        size = value(sess.run(q.size()))
        blocked = error(sess.run, q.dequeue(), None, tf.RunOptions(timeout_in_ms=50))
        sess.run(q.close())
        rest = value(sess.run(q.dequeue_up_to(5)))
        return [sorted(first + rest), size, blocked, len(first), error(sess.run, q.dequeue())]


@case
def timeout_in_ms_on_an_empty_queue(tf):
    q = tf.FIFOQueue(1, tf.int32, shapes=[[]])
    options = tf.RunOptions(timeout_in_ms=50)
    with tf.Session() as sess:
        out = [error(sess.run, q.dequeue(), None, options)]
        sess.run(q.enqueue(1))
        out.append(error(sess.run, q.enqueue(2), None, options))
        out.append(value(sess.run(q.dequeue(), options=options)))
        return out


@case
def shared_name_queues_share_elements(tf):
    a = tf.FIFOQueue(3, tf.int32, shapes=[[]], shared_name="shared_q")
    b = tf.FIFOQueue(3, tf.int32, shapes=[[]], shared_name="shared_q", name="other")
    with tf.Session() as sess:
        sess.run(a.enqueue_many([[1, 2]]))
        out = [value(sess.run(b.size())), value(sess.run(b.dequeue()))]
        sess.run(b.close())
        out.append(error(sess.run, a.dequeue_many(2)))
    return out


@case
def each_session_has_its_own_queue(tf):
    q = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    enqueue = q.enqueue(5)
    with tf.Session() as first:
        first.run(enqueue)
        with tf.Session() as second:
            return [value(first.run(q.size())), value(second.run(q.size()))]


@case
def from_list_runs_the_chosen_queue(tf):
    q0 = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    q1 = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    index = tf.placeholder(tf.int32, [])
    chosen = tf.QueueBase.from_list(index, [q0, q1])
    with tf.Session() as sess:
        sess.run([q0.enqueue_many([[10, 11]]), q1.enqueue_many([[20]])])
        return [value(sess.run(chosen.dequeue(), {index: 1})), value(sess.run(chosen.dequeue(), {index: 0})),
                value(sess.run(chosen.size(), {index: 0}))]


@case
def batch_dequeues_of_a_closed_queue_of_each_kind(tf):
    queues = [tf.FIFOQueue(5, [tf.string], shapes=[[]]), tf.RandomShuffleQueue(5, 0, [tf.string], shapes=[[]]),
              tf.PriorityQueue(5, [tf.string], shapes=[[]])]
    out = []
    with tf.Session() as sess:
        for q in queues:
            items = ([3, 1, 2], ["c", "a", "b"]) if isinstance(q, tf.PriorityQueue) else [["c", "a", "b"]]
            sess.run(q.enqueue_many(items))
            sess.run(q.close())
            got = [error(sess.run, q.dequeue_many(5)), value(sess.run(q.size()))]
            up_to = error(sess.run, q.dequeue_up_to(5))
            got += [up_to if "error" in up_to else len(up_to["ok"][-1]["array"]), value(sess.run(q.size()))]
            out.append(got)
    return out
