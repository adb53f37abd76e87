"""``tf.train.checkpoints_iterator``: yield each new checkpoint of a directory as it appears, for
evaluation loops that follow a training job.

The clock and the sleep are the module's ``_now`` and ``_sleep`` (``time.time`` and ``time.sleep``);
tests replace them to run without waiting.
"""

from __future__ import annotations

import time

from scopeflow._src.checkpoint.checkpoint_state import latest_checkpoint

_now = time.time
_sleep = time.sleep


def _log(message, *args):
    from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time
    logging_module.info(message, *args)


def wait_for_new_checkpoint(checkpoint_dir, last_checkpoint=None, seconds_to_sleep=1, timeout=None):
    """The newest checkpoint of ``checkpoint_dir`` once it differs from ``last_checkpoint``, looking
    every ``seconds_to_sleep`` seconds; ``None`` when the next look would pass ``timeout`` seconds."""
    _log("Waiting for new checkpoint at %s", checkpoint_dir)
    stop_time = _now() + timeout if timeout is not None else None
    while True:
        checkpoint_path = latest_checkpoint(checkpoint_dir)
        if checkpoint_path is not None and checkpoint_path != last_checkpoint:
            _log("Found new checkpoint at %s", checkpoint_path)
            return checkpoint_path
        if stop_time is not None and _now() + seconds_to_sleep > stop_time:
            return None
        _sleep(seconds_to_sleep)


def checkpoints_iterator(checkpoint_dir, min_interval_secs=0, timeout=None, timeout_fn=None):
    """Yield the path of each new checkpoint in ``checkpoint_dir``, at most one every
    ``min_interval_secs`` seconds (counted from each yield to the next look).

    When no new checkpoint comes within ``timeout`` seconds the iterator ends, unless ``timeout_fn``
    is given: then it ends only if ``timeout_fn()`` is true, and otherwise waits again. ``timeout_fn``
    is also asked after each checkpoint. Checkpoints written faster than the loop looks are skipped:
    only the newest is yielded.

    >>> import os, tempfile, scopeflow as tf
    >>> d = tempfile.mkdtemp()
    >>> v = tf.Variable(1.0, name="v")
    >>> with tf.Session() as sess:
    ...     sess.run(v.initializer)
    ...     path = tf.train.Saver().save(sess, os.path.join(d, "model"), global_step=3)
    >>> [os.path.basename(p) for p in tf.train.checkpoints_iterator(d, timeout=0)]
    ['model-3']
    """
    checkpoint_path = None
    while True:
        new_checkpoint_path = wait_for_new_checkpoint(checkpoint_dir, checkpoint_path, timeout=timeout)
        if new_checkpoint_path:
            start = _now()
            checkpoint_path = new_checkpoint_path
            yield checkpoint_path
            time_to_next_eval = start + min_interval_secs - _now()
            if time_to_next_eval > 0:
                _sleep(time_to_next_eval)
        elif timeout_fn is None:
            _log("Timed-out waiting for a checkpoint (without timeout_fn).")
            return
        if timeout_fn is not None and timeout_fn():
            _log("Done. No new checkpoints will be generated.")
            return
