"""Issue 24 item 4: a save killed at any moment, to a new or a re-used prefix, never leaves the
directory without a complete latest checkpoint (see ``_src/checkpoint/commit.py``).

Two kinds of kill, both in a forked child that ends with ``os._exit`` (no cleanup runs, as after
``kill -9``): at every rename of a save in turn (every crash point, plain and sharded savers), and
``SIGKILL`` at seeded random moments while a child re-saves big variables in a loop."""

import os
import random
import signal
import time

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.checkpoint import commit

_CRASHED = 3


def _model(size, sharded=False):
    g = tf.Graph()
    with g.as_default():
        with tf.device("/cpu:0"):
            a = tf.Variable(np.zeros(size, np.float32), name="a")
        with tf.device("/device:GPU:0" if sharded else "/cpu:0"):
            b = tf.Variable(np.zeros(size, np.float32), name="b")
        value = tf.placeholder(tf.float32, [])
        assign = tf.group(a.assign(tf.fill([size], value)), b.assign(tf.fill([size], value)))
        saver = tf.train.Saver(sharded=sharded, max_to_keep=100)
    return g, saver, assign, value, (a, b)


_CONFIG = tf.ConfigProto(allow_soft_placement=True)  # the "GPU" variable: a second shard on the CPU


def _fork(body) -> int:
    """Run ``body()`` in a forked child; its exit status (``-signal`` when killed)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            body()
            code = 0
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _crash_at_rename(k):
    """Make the ``k``-th rename of this (child) process end it on the spot."""
    real = os.replace
    count = [0]

    def replace(src, dst, *args, **kwargs):
        if count[0] == k:
            os._exit(_CRASHED)
        count[0] += 1
        return real(src, dst, *args, **kwargs)
    os.replace = replace
    os.rename = replace


def _check(directory, g, saver, variables, allowed):
    """``latest_checkpoint`` exists, restores, and holds one whole save's values."""
    latest = tf.train.latest_checkpoint(directory)
    assert latest is not None
    with tf.Session(graph=g, config=_CONFIG) as sess:
        saver.restore(sess, latest)
        a, b = sess.run(variables)
    assert a[0] in allowed and (a == a[0]).all() and (b == a[0]).all(), (latest, a[:3], b[:3])
    return latest


@pytest.mark.parametrize("sharded", [False, True], ids=["plain", "sharded"])
@pytest.mark.parametrize("reuse", [True, False], ids=["same_prefix", "new_prefix"])
def test_a_save_killed_at_every_rename_keeps_a_complete_checkpoint(tmp_path, sharded, reuse):
    g, saver, assign, value, variables = _model(1000, sharded)
    prefix = str(tmp_path / "model.ckpt")
    with tf.Session(graph=g, config=_CONFIG) as sess:
        sess.run(assign, {value: 1.0})
        first = saver.save(sess, prefix, global_step=None if reuse else 1)
        assert os.path.exists(first + (".data-00001-of-00002" if sharded else ".data-00000-of-00001"))
        crash_points = 0
        for k in range(100):
            def save(k=k):
                _crash_at_rename(k)
                sess.run(assign, {value: 2.0 + k})
                saver.save(sess, prefix, global_step=None if reuse else 2 + k)
            status = _fork(save)
            assert status in (0, _CRASHED)
            latest = _check(str(tmp_path), g, saver, variables, {1.0, 2.0 + k} | set(range(2, 2 + k)))
            if status == 0:
                break
            crash_points += 1
            if not reuse:
                assert latest.endswith(("-1", f"-{1 + k}", f"-{2 + k}"))
        else:
            pytest.fail("the save never completed")
    assert crash_points >= 3  # the bundle's renames, the meta graph's and the state file's
    final = saver.last_checkpoints[-1] if saver.last_checkpoints else prefix
    assert not [f for f in os.listdir(tmp_path) if f.startswith(os.path.basename(final) + ".")
                and f.endswith(commit.PENDING)]  # a completed save leaves none of its own


def test_a_committed_save_is_finished_by_the_next_reader(tmp_path):
    """Killed between the data and the index renames: the old index no longer matches the data on
    disk, and ``latest_checkpoint`` completes the save instead of reporting a broken checkpoint."""
    g, saver, assign, value, variables = _model(10)
    prefix = str(tmp_path / "m")
    with tf.Session(graph=g, config=_CONFIG) as sess:
        sess.run(assign, {value: 1.0})
        saver.save(sess, prefix)

        def save():
            real = commit._move

            def move(src, dst):
                if dst.endswith(".index"):
                    os._exit(_CRASHED)
                real(src, dst)
            commit._move = move
            sess.run(assign, {value: 5.0})
            saver.save(sess, prefix)
        assert _fork(save) == _CRASHED
    assert os.path.exists(prefix + ".index.pending")
    _check(str(tmp_path), g, saver, variables, {5.0})
    assert not os.path.exists(prefix + ".index.pending")


@pytest.mark.parametrize("reuse", [True, False], ids=["same_prefix", "new_prefix"])
def test_saves_killed_at_random_moments(tmp_path, reuse):
    size = 4 << 20  # two 16 MiB variables
    g, saver, assign, value, variables = _model(size)
    prefix = str(tmp_path / "big.ckpt")
    rng = random.Random(24)
    with tf.Session(graph=g, config=_CONFIG) as sess:
        sess.run(assign, {value: 0.0})
        saver.save(sess, prefix, global_step=0)
        start = time.monotonic()
        saver.save(sess, prefix, global_step=0)
        one_save = time.monotonic() - start
        step = [1]
        for _ in range(4):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                try:
                    os.write(w, b"go")
                    while True:
                        step[0] += 1
                        sess.run(assign, {value: float(step[0])})
                        saver.save(sess, prefix, global_step=0 if reuse else step[0])
                finally:
                    os._exit(1)
            os.close(w)
            os.read(r, 2)
            os.close(r)
            time.sleep(rng.uniform(0.0, 3 * one_save))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            _check(str(tmp_path), g, saver, variables, {float(v) for v in range(0, 100000)})


def test_a_reader_of_the_prefix_finishes_a_save_killed_after_its_commit_point(tmp_path):
    import shutil

    import scopeflow as tf

    w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        old = saver.save(sess, str(tmp_path / "m.ckpt"), write_meta_graph=False)
        sess.run(w.assign([5.0, 6.0]))
        new = saver.save(sess, str(tmp_path / "other" / "m.ckpt"), write_meta_graph=False)
    # the state of a re-save of `old` killed right after step 2: new files under pending names
    shutil.copy(new + ".data-00000-of-00001", old + ".data-00000-of-00001.pending")
    shutil.copy(new + ".index", old + ".index.pending")
    assert list(tf.train.load_variable(old, "w")) == [5.0, 6.0]  # through BundleReader directly
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "checkpoint", "m.ckpt.data-00000-of-00001", "m.ckpt.index"]


def test_the_state_never_names_a_checkpoint_whose_meta_graph_is_missing(tmp_path, monkeypatch):
    # found by the verification pass: SIGKILL between the state update and the .meta write left
    # latest_checkpoint naming m-2, whose m-2.meta did not exist (TensorFlow's order has that window)
    g, saver, assign, value, _ = _model(4)
    prefix = str(tmp_path / "m")
    with tf.Session(graph=g) as sess:
        sess.run(assign, {value: 1.0})
        saver.save(sess, prefix, global_step=1)

        def killed(*args, **kwargs):
            raise KeyboardInterrupt  # the process dies while writing the graph
        monkeypatch.setattr(type(saver), "export_meta_graph", killed)
        with pytest.raises(KeyboardInterrupt):
            saver.save(sess, prefix, global_step=2)
    latest = tf.train.latest_checkpoint(str(tmp_path))
    assert latest == prefix + "-1" and os.path.exists(latest + ".meta")
    with tf.Graph().as_default():
        restorer = tf.train.import_meta_graph(latest + ".meta")
        with tf.Session() as sess:
            restorer.restore(sess, latest)
            assert sess.run("a:0").tolist() == [1.0] * 4
