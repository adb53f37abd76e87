"""``tf.train.basic_train_loop`` with a real ``Supervisor`` and ``tf.train.checkpoints_iterator``
over checkpoints a ``Saver`` wrote (paths relative to the directory)."""

import os
import shutil
import tempfile

from tests.conformance.harness import case, raises


def _tmp():
    return tempfile.mkdtemp(prefix="train_more_")


@case
def basic_train_loop_until_request_stop(tf):
    logdir = _tmp()
    try:
        v = tf.Variable(0, name="v")
        inc = tf.assign_add(v, 1)
        sv = tf.train.Supervisor(logdir=logdir, save_model_secs=0, save_summaries_secs=0)
        seen = []

        def step(sess, scale, offset=0):
            value = sess.run(inc)
            seen.append(value * scale + offset)
            if value >= 5:
                sv.request_stop()

        tf.train.basic_train_loop(sv, step, args=[10], kwargs={"offset": 1})
        files = sorted(".".join(f.split(".")[:2]) for f in os.listdir(logdir))  # event files: no time or host
        return {"seen": seen, "should_stop": sv.should_stop(), "files": files}
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


@case
def basic_train_loop_error_propagates(tf):
    logdir = _tmp()
    try:
        v = tf.Variable(0, name="v")
        inc = tf.assign_add(v, 1)
        sv = tf.train.Supervisor(logdir=logdir, save_model_secs=0, save_summaries_secs=0)
        calls = []

        def step(sess):
            calls.append(sess.run(inc))
            if len(calls) == 3:
                raise ValueError("boom")

        out = raises(tf.train.basic_train_loop, sv, step)
        return {"out": out, "calls": calls}
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


@case
def basic_train_loop_out_of_range_ends(tf):
    logdir = _tmp()
    try:
        q = tf.FIFOQueue(10, tf.int32, shapes=[])
        enq = q.enqueue_many([[1, 2, 3]])
        close = q.close()
        x = q.dequeue()
        sv = tf.train.Supervisor(logdir=logdir, save_model_secs=0, save_summaries_secs=0)
        got = []

        def step(sess):
            if not got:
                sess.run(enq)
                sess.run(close)
            got.append(int(sess.run(x)))

        tf.train.basic_train_loop(sv, step)
        return got
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


def _save(tf, sess, saver, d, step):
    return os.path.basename(saver.save(sess, os.path.join(d, "model"), global_step=step))


@case
def checkpoints_iterator_empty_dir_times_out(tf):
    d = _tmp()
    try:
        return list(tf.train.checkpoints_iterator(d, timeout=0))
    finally:
        shutil.rmtree(d, ignore_errors=True)


@case
def checkpoints_iterator_follows_new_checkpoints(tf):
    d = _tmp()
    try:
        v = tf.Variable(1.0, name="v")
        saver = tf.train.Saver()
        sess = tf.Session()
        sess.run(v.initializer)
        saved = [_save(tf, sess, saver, d, 1)]
        seen = []
        for path in tf.train.checkpoints_iterator(d, timeout=0):
            seen.append(os.path.basename(path))
            if len(seen) < 3:
                saved.append(_save(tf, sess, saver, d, 10 * len(seen)))
        sess.close()
        return {"saved": saved, "seen": seen}
    finally:
        shutil.rmtree(d, ignore_errors=True)


@case
def checkpoints_iterator_skips_to_newest(tf):
    d = _tmp()
    try:
        v = tf.Variable(1.0, name="v")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(v.initializer)
            for s in (1, 2, 3):
                _save(tf, sess, saver, d, s)
        return [os.path.basename(p) for p in tf.train.checkpoints_iterator(d, timeout=0)]
    finally:
        shutil.rmtree(d, ignore_errors=True)


@case
def checkpoints_iterator_timeout_fn(tf):
    d = _tmp()
    try:
        v = tf.Variable(1.0, name="v")
        saver = tf.train.Saver()
        sess = tf.Session()
        sess.run(v.initializer)
        calls = []

        def timeout_fn():
            calls.append(len(calls))
            if len(calls) == 2:
                _save(tf, sess, saver, d, 7)
            return len(calls) >= 4

        seen = [os.path.basename(p) for p in tf.train.checkpoints_iterator(d, timeout=0, timeout_fn=timeout_fn)]
        sess.close()
        return {"seen": seen, "timeout_fn_calls": len(calls)}
    finally:
        shutil.rmtree(d, ignore_errors=True)
