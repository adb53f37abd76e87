"""Threads of tf.data: prefetch and parallel map overlap with the consumer, deliver in order,
and stop when their iterator is re-initialized or their session closes."""

import threading
import time

import scopeflow as tf


def _data_threads():
    return [t for t in threading.enumerate() if t.name.startswith(("scopeflow-prefetch", "scopeflow-map"))]


def _wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_closing_the_session_mid_iteration_stops_prefetch_and_map_threads():
    before = set(_data_threads())
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(10 ** 9).map(lambda x: x * 2, num_parallel_calls=3).prefetch(4)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        sess = tf.Session()
        assert [int(sess.run(nxt)) for _ in range(3)] == [0, 2, 4]
        assert set(_data_threads()) - before
        sess.close()
    assert _wait_until(lambda: not set(_data_threads()) - before)


def test_reinitializing_stops_the_previous_prefetch_thread():
    before = set(_data_threads())
    with tf.Graph().as_default():
        it = tf.data.make_initializable_iterator(tf.data.Dataset.range(10 ** 9).prefetch(2))
        nxt = it.get_next()
        with tf.Session() as sess:
            for _ in range(3):
                sess.run(it.initializer)
                assert int(sess.run(nxt)) == 0
                assert len(set(_data_threads()) - before) == 1
    assert _wait_until(lambda: not set(_data_threads()) - before)


def test_prefetch_computes_ahead_while_the_consumer_works():
    produced = []

    def gen():
        for i in range(6):
            produced.append(i)
            yield i

    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_generator(gen, tf.int64, []).prefetch(3)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            assert int(sess.run(nxt)) == 0
            # while nobody asks, the thread fills the buffer: 1, 2, 3 wait there and 4 is in hand
            assert _wait_until(lambda: len(produced) >= 5)
            assert [int(sess.run(nxt)) for _ in range(5)] == [1, 2, 3, 4, 5]


def test_prefetch_overlaps_a_slow_producer_with_a_slow_consumer():
    def gen():
        for i in range(8):
            time.sleep(0.02)
            yield i

    def run(prefetch):
        with tf.Graph().as_default():
            ds = tf.data.Dataset.from_generator(gen, tf.int64, [])
            if prefetch:
                ds = ds.prefetch(2)
            nxt = tf.data.make_one_shot_iterator(ds).get_next()
            with tf.Session() as sess:
                start = time.perf_counter()
                for _ in range(8):
                    sess.run(nxt)
                    time.sleep(0.02)  # the training step
                return time.perf_counter() - start

    serial, overlapped = run(False), run(True)
    assert overlapped < serial * 0.8, (serial, overlapped)


def test_parallel_map_keeps_the_input_order():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(40).map(
            lambda x: tf.reshape(tf.cast(x, tf.float64), [1]) * 2.0, num_parallel_calls=4)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            got = [sess.run(nxt).tolist() for _ in range(40)]
    assert got == [[2.0 * i] for i in range(40)]


def test_an_error_in_the_prefetched_input_reaches_the_consumer_at_its_element():
    def gen():
        yield 1
        raise ValueError("boom")

    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_generator(gen, tf.int64, []).prefetch(4)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            assert int(sess.run(nxt)) == 1
            try:
                sess.run(nxt)
            except tf.errors.InvalidArgumentError as e:
                assert "ValueError: boom" in e.message
            else:
                raise AssertionError("no error")


def test_a_run_waiting_for_an_element_ends_with_cancelled_when_the_session_closes():
    def slow():
        yield 1
        time.sleep(30)
        yield 2

    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_generator(slow, tf.int64, []).prefetch(1)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        sess = tf.Session()
        assert int(sess.run(nxt)) == 1
        errors = []

        def consume():
            try:
                sess.run(nxt)
            except tf.errors.OpError as e:
                errors.append(type(e))

        waiting = threading.Thread(target=consume)
        waiting.start()
        time.sleep(0.2)
        closer = threading.Thread(target=sess.close, daemon=True)  # joins the prefetch thread, asleep in the generator
        closer.start()
        waiting.join(timeout=10)
        assert errors == [tf.errors.CancelledError]
