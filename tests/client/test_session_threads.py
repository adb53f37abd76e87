"""``Session.run`` from several threads at once: shared plans and steps, variable updates that
count exactly, queues fed and drained concurrently, and a close that ends blocked runs."""

import threading
import time

import numpy as np

import scopeflow as tf

THREADS = 8


def _hammer(fn, count=THREADS):
    """Run ``fn(i)`` on ``count`` threads at once; the errors they raised."""
    errors, start = [], threading.Barrier(count)

    def run(i):
        try:
            start.wait()
            fn(i)
        except Exception as e:  # noqa: BLE001 - reported by the test
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_shared_plans_and_steps_give_each_thread_its_own_values():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None])
        y = tf.reduce_sum(x * 2.0) + 1.0
        z = tf.stack([y, tf.reduce_max(x)])
        with tf.Session() as sess:
            wrong = []

            def work(i):
                for k in range(200):
                    v = np.arange(k % 7 + 1, dtype=np.float32) + i
                    if sess.run(y, {x: v}) != np.float32(v.sum() * 2 + 1):
                        wrong.append((i, k))
                    if sess.run({"z": z}, feed_dict={x: v})["z"].tolist() != [v.sum() * 2 + 1, v.max()]:
                        wrong.append((i, k, "z"))

            assert _hammer(work) == [] and wrong == []
            assert sess.plans_compiled <= 2


def test_assign_add_counts_every_update():
    with tf.Graph().as_default():
        counter = tf.Variable(0, dtype=tf.int64)
        total = tf.Variable(0.0, dtype=tf.float64)
        step = tf.group(tf.assign_add(counter, 1), tf.assign_add(total, 0.5))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            callable_step = sess.make_callable(step)

            def work(i):
                for k in range(300):
                    (callable_step() if k % 2 else sess.run(step))

            assert _hammer(work) == []
            assert sess.run([counter, total]) == [THREADS * 300, THREADS * 300 * 0.5]


def test_producers_and_consumers_of_one_queue():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(16, tf.int32, shapes=[[]])
        x = tf.placeholder(tf.int32, [])
        enqueue, dequeue = q.enqueue(x), q.dequeue()
        with tf.Session() as sess:
            seen, lock = [], threading.Lock()

            def work(i):
                for k in range(250):
                    if i % 2:
                        sess.run(enqueue, {x: i * 1000 + k})
                    else:
                        value = sess.run(dequeue)
                        with lock:
                            seen.append(int(value))

            assert _hammer(work) == []
            assert sorted(seen) == sorted(i * 1000 + k for i in range(1, THREADS, 2) for k in range(250))
            assert sess.run(q.size()) == 0


def test_closing_the_session_ends_every_blocked_run():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(1, tf.int32, shapes=[[]])
        dequeue = q.dequeue_many(2)
        sess = tf.Session()
        sess.run(q.enqueue(1))
        blocked = threading.Barrier(THREADS + 1)

        def work(i):
            blocked.wait()
            sess.run(dequeue)

        def close_later():
            blocked.wait()
            time.sleep(0.2)  # every thread is then waiting in the dequeue
            sess.close()

        closer = threading.Thread(target=close_later)
        closer.start()
        errors = _hammer(work)
        closer.join(10)
        assert len(errors) == THREADS
        assert all(isinstance(e, tf.errors.CancelledError) for e in errors)
        assert {e.message.splitlines()[-2] for e in errors} == {"Dequeue operation was cancelled"}
