"""``tf.test``: the TF1 ``TestCase`` (graph mode), the numeric gradient checker and the device
queries; loaded on first use (``tf.test``), with absl's test runner."""
