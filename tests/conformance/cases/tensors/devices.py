"""Device strings: how ``tf.device`` parses and prints them (``/cpu:*`` is ``/device:CPU:*``,
``/task:01`` is ``/task:1``), how nested blocks merge part by part, and the errors of strings
TF does not accept."""

from tests.conformance.harness import case, raises

_SPECS = ["/cpu:0", "/cpu:*", "cpu:*", "gpu", "CPU", "/device:cpu:0", "/device:GPU:1", "/device:XLA_CPU:0",
          "/device:FOO:1", "tpu:2", "/task:1/cpu:0", "/replica:0", "/task:01", "",
          "/job:a/replica:2/task:3/device:TPU:4"]


def _devices(tf, spec):
    with tf.Graph().as_default():
        with tf.device(spec):
            c = tf.constant(1)
            with tf.device("/gpu:*"):
                g = tf.constant(2)
            with tf.device("CPU"):
                t = tf.constant(2)
            with tf.device("/job:x"):
                j = tf.constant(3)
            with tf.device(None):
                n = tf.constant(4)
        return [c.device, g.device, t.device, j.device, n.device]


@case
def device_strings_and_nesting(tf):
    return {spec: _devices(tf, spec) for spec in _SPECS}


@case
def device_string_errors(tf):
    def build(spec):
        with tf.device(spec):
            return tf.constant(1).device
    return [raises(build, spec) for spec in ("/foo:1", "/device:CPU", "/cpu:0/gpu:1")]
