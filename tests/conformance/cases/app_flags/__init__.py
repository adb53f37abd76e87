"""Conformance cases of ``tf.flags``/``tf.app.flags`` (absl's flags) and ``tf.app.run``."""
