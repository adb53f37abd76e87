"""``tf.train.basic_train_loop``: run a training step function in a ``Supervisor``'s managed
session until the supervisor says stop."""

from __future__ import annotations

from scopeflow._src.framework import errors


def basic_train_loop(supervisor, train_step_fn, args=None, kwargs=None, master=""):
    """Call ``train_step_fn(session, *args, **kwargs)`` repeatedly in
    ``supervisor.managed_session(master)`` until ``supervisor.should_stop()``.

    An ``AbortedError`` (a restarted server, in a distributed job) opens a new managed session and
    goes on; any other error ends the loop and is raised.
    """
    if args is None:
        args = []
    if kwargs is None:
        kwargs = {}
    should_retry = True
    while should_retry:
        try:
            should_retry = False
            with supervisor.managed_session(master) as sess:
                while not supervisor.should_stop():
                    train_step_fn(sess, *args, **kwargs)
        except errors.AbortedError:
            should_retry = True
