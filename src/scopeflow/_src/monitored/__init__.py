"""``tf.train``'s monitored training: ``MonitoredSession`` and ``MonitoredTrainingSession``, the
session-run hooks, ``Scaffold``, ``SessionManager`` and ``Supervisor``.

A layer above the checkpoint and summary code (a hook saves checkpoints and writes event files),
loaded on first use by ``scopeflow.train``.
"""
