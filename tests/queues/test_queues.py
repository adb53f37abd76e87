"""Queues: TF's graph nodes and static shapes, values, blocking, closing, cancelling, errors."""

import threading
import time

import numpy as np
import pytest

import scopeflow as tf


@pytest.fixture(autouse=True)
def _graph():
    with tf.Graph().as_default():
        yield


def _message(error):
    return error.message.splitlines()[-2]  # the kernel's line, before "[[{{node ...}}]]"


def _in_thread(fn):
    result = {}

    def run():
        try:
            result["value"] = fn()
        except Exception as e:  # noqa: BLE001 - the test inspects it
            result["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def test_fifo_queue_nodes_names_and_shapes():
    q = tf.FIFOQueue(3, [tf.float32, tf.int32], shapes=[[2], []])
    enqueue = q.enqueue(([1.0, 2.0], 3))
    many = q.dequeue_many(2)
    assert q.name == "fifo_queue" and q.queue_ref.dtype == tf.resource
    assert q.queue_ref.op.type == "FIFOQueueV2" and q.queue_ref.op.get_attr("capacity") == 3
    assert enqueue.name == "fifo_queue_enqueue" and enqueue.type == "QueueEnqueueV2"
    assert [i.name for i in enqueue.inputs] == ["fifo_queue:0", "fifo_queue_enqueue/component_0:0",
                                                "fifo_queue_enqueue/component_1:0"]
    assert [t.name for t in many] == ["fifo_queue_DequeueMany:0", "fifo_queue_DequeueMany:1"]
    assert [t.shape.as_list() for t in many] == [[2, 2], [2]]
    assert [t.shape.as_list() for t in q.dequeue_up_to(5)] == [[None, 2], [None]]
    assert q.close(cancel_pending_enqueues=True).get_attr("cancel_pending_enqueues") is True
    graph_def = tf.get_default_graph().as_graph_def()
    assert "_num_components" not in str(graph_def)


def test_values_in_order_and_sizes():
    q = tf.FIFOQueue(10, tf.int32, shapes=[[]])
    with tf.Session() as sess:
        sess.run(q.enqueue_many([[1, 2, 3, 4]]))
        assert sess.run(q.size()) == 4
        assert sess.run(q.dequeue()) == 1
        assert sess.run(q.dequeue_many(2)).tolist() == [2, 3]
        sess.run(q.close())
        assert sess.run(q.is_closed())
        assert sess.run(q.dequeue_up_to(5)).tolist() == [4]
        with pytest.raises(tf.errors.OutOfRangeError) as e:
            sess.run(q.dequeue_up_to(5))
        assert _message(e.value).endswith("is closed and has insufficient elements (requested 5, current size 0)")
        with pytest.raises(tf.errors.CancelledError) as e:
            sess.run(q.enqueue(5))
        assert _message(e.value).startswith("FIFOQueue '_") and _message(e.value).endswith("_fifo_queue' is closed.")


def test_a_closed_queue_keeps_the_elements_a_failed_dequeue_many_took():
    q = tf.FIFOQueue(10, tf.int32, shapes=[[]])
    with tf.Session() as sess:
        sess.run(q.enqueue_many([[1, 2]]))
        sess.run(q.close())
        with pytest.raises(tf.errors.OutOfRangeError):
            sess.run(q.dequeue_many(3))
        assert sess.run(q.size()) == 2


def test_dequeue_blocks_until_an_enqueue_and_batches_can_exceed_the_capacity():
    q = tf.FIFOQueue(2, tf.int32, shapes=[[]])
    many = q.dequeue_many(5)
    x = tf.placeholder(tf.int32, [])
    enqueue = q.enqueue(x)
    with tf.Session() as sess:
        thread, result = _in_thread(lambda: sess.run(many))
        for i in range(5):
            sess.run(enqueue, {x: i})
        thread.join(10)
        assert result["value"].tolist() == [0, 1, 2, 3, 4]


def test_enqueue_blocks_while_full_and_cancel_pending_enqueues_ends_it():
    q = tf.FIFOQueue(1, tf.int32, shapes=[[]])
    with tf.Session() as sess:
        sess.run(q.enqueue(1))
        second = q.enqueue(2)  # built here: the default graph is per thread
        thread, result = _in_thread(lambda: sess.run(second))
        time.sleep(0.1)
        assert thread.is_alive()
        sess.run(q.close(cancel_pending_enqueues=True))
        thread.join(10)
        assert isinstance(result["error"], tf.errors.CancelledError)
        assert _message(result["error"]) == "Enqueue operation was cancelled"
        assert sess.run(q.size()) == 1


def test_a_pending_enqueue_finishes_after_a_plain_close():
    q = tf.FIFOQueue(1, tf.int32, shapes=[[]])
    with tf.Session() as sess:
        sess.run(q.enqueue(1))
        second = q.enqueue(2)
        thread, result = _in_thread(lambda: sess.run(second))
        time.sleep(0.1)
        sess.run(q.close())
        assert sess.run(q.dequeue()) == 1
        thread.join(10)
        assert "error" not in result and sess.run(q.dequeue()) == 2


def test_closing_the_session_cancels_a_blocked_dequeue():
    q = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    dequeue = q.dequeue()
    sess = tf.Session()
    thread, result = _in_thread(lambda: sess.run(dequeue))
    time.sleep(0.1)
    sess.close()
    thread.join(10)
    assert not thread.is_alive()
    assert isinstance(result["error"], tf.errors.CancelledError)
    assert _message(result["error"]) == "Dequeue operation was cancelled"


def test_timeout_in_ms_raises_deadline_exceeded():
    q = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.DeadlineExceededError) as e:
            sess.run(q.dequeue(), options=tf.RunOptions(timeout_in_ms=20))
        assert e.value.message == "Graph execution error:\n\nTimed out waiting for notification"
        assert e.value.op is None


def test_shape_checks_at_build_and_run_time():
    q = tf.FIFOQueue(3, tf.float32, shapes=[[2]])
    with pytest.raises(ValueError, match=r"Shapes \(3,\) and \(2,\) are incompatible"):
        q.enqueue([[1.0, 2.0, 3.0]])
    x = tf.placeholder(tf.float32)
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            sess.run(q.enqueue(x), {x: [1.0, 2.0, 3.0]})
        assert _message(e.value) == "Shape mismatch in tuple component 0. Expected [2], got [3]"
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            sess.run(q.enqueue_many(x), {x: [[1.0, 2.0, 3.0]]})
        assert _message(e.value) == "Shape mismatch in tuple component 0. Expected [1,2], got [1,3]"


def test_dequeue_many_needs_shapes():
    q = tf.FIFOQueue(3, tf.int32)
    assert q.dequeue().shape.ndims is None
    with tf.Session() as sess:
        sess.run(q.enqueue(1))
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            sess.run(q.dequeue_many(1))
        assert _message(e.value) == ("FIFOQueue's DequeueMany and DequeueUpTo require the components to have "
                                     "specified shapes.")


def test_names_make_dict_elements():
    q = tf.FIFOQueue(3, [tf.int32, tf.string], shapes=[[], []], names=["n", "s"])
    with pytest.raises(ValueError, match="You must enqueue a dictionary in a Queue with names"):
        q.enqueue([1, "a"])
    enqueue = q.enqueue({"s": "a", "n": 1})
    out = q.dequeue()
    with tf.Session() as sess:
        sess.run(enqueue)
        assert sess.run(out) == {"n": 1, "s": b"a"}


def test_padding_queue_pads_each_batch():
    q = tf.PaddingFIFOQueue(5, [tf.int32, tf.string], shapes=[[None], [None, 2]])
    batch = q.dequeue_many(2)
    assert [t.shape.as_list() for t in batch] == [[2, None], [2, None, 2]]
    with tf.Session() as sess:
        sess.run(q.enqueue(([1, 2, 3], [["a", "b"]])))
        sess.run(q.enqueue(([1], [["a", "b"], ["c", "d"]])))
        ints, strings = sess.run(batch)
    assert ints.tolist() == [[1, 2, 3], [1, 0, 0]]
    assert strings.tolist() == [[[b"a", b"b"], [b"", b""]], [[b"a", b"b"], [b"c", b"d"]]]


def test_priority_queue_orders_by_priority():
    q = tf.PriorityQueue(5, [tf.string], shapes=[[]])
    assert q.dtypes == [tf.int64, tf.string]
    with tf.Session() as sess:
        sess.run(q.enqueue_many(([3, 1, 2], ["c", "a", "b"])))
        priorities, values = sess.run(q.dequeue_many(3))
    assert priorities.tolist() == [1, 2, 3] and values.tolist() == [b"a", b"b", b"c"]


def test_random_shuffle_queue_keeps_min_after_dequeue_until_closed():
    q = tf.RandomShuffleQueue(10, 2, tf.int32, shapes=[[]], seed=7)
    assert q.queue_ref.op.get_attr("seed") == 87654321 and q.queue_ref.op.get_attr("seed2") == 7
    with tf.Session() as sess:
        sess.run(q.enqueue_many([[1, 2, 3, 4]]))
        first = sess.run(q.dequeue_many(2)).tolist()
        assert sess.run(q.size()) == 2
        with pytest.raises(tf.errors.DeadlineExceededError):
            sess.run(q.dequeue(), options=tf.RunOptions(timeout_in_ms=20))
        sess.run(q.close())
        rest = sess.run(q.dequeue_up_to(5)).tolist()
    assert sorted(first + rest) == [1, 2, 3, 4]


def test_shared_name_shares_one_queue_in_a_session():
    a = tf.FIFOQueue(3, tf.int32, shapes=[[]], shared_name="shared")
    b = tf.FIFOQueue(3, tf.int32, shapes=[[]], shared_name="shared")
    with tf.Session() as sess:
        sess.run(a.enqueue(5))
        assert sess.run(b.dequeue()) == 5


def test_from_list_selects_a_queue_at_run_time():
    q0 = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    q1 = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    index = tf.placeholder(tf.int32, [])
    chosen = tf.QueueBase.from_list(index, [q0, q1])
    with tf.Session() as sess:
        sess.run([q0.enqueue(10), q1.enqueue(11)])
        assert sess.run(chosen.dequeue(), {index: 1}) == 11
        assert sess.run(chosen.dequeue(), {index: 0}) == 10


def test_constructor_errors():
    with pytest.raises(ValueError, match="All shapes must be fully defined"):
        tf.FIFOQueue(1, [tf.int32], shapes=[[None]])
    with pytest.raises(ValueError, match="When providing partial shapes, a list of shapes must be provided."):
        tf.PaddingFIFOQueue(1, [tf.int32], shapes=[None])
    with pytest.raises(TypeError, match="Expected list for 'shapes' argument to 'priority_queue_v2' Op, not None."):
        tf.PriorityQueue(1, tf.int32)
    assert np.array_equal(tf.FIFOQueue(1, tf.int32, shapes=[2, 3]).shapes[0].as_list(), [2, 3])


def test_count_up_to_counts_then_raises():
    v = tf.Variable(0, dtype=tf.int32)
    step = tf.count_up_to(v, 2)
    assert step.op.type == "CountUpTo" and step.op.get_attr("limit") == 2 and step.dtype == tf.int32
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert [sess.run(step), sess.run(step)] == [0, 1]
        with pytest.raises(tf.errors.OutOfRangeError) as e:
            sess.run(step)
        assert _message(e.value) == "Reached limit of 2"
        assert sess.run(v) == 2
