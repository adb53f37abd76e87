"""Conformance cases of ``tf.train.MonitoredSession``, ``MonitoredTrainingSession``, the hooks,
``Scaffold``, ``SessionManager`` and ``Supervisor``."""
