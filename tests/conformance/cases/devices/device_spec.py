"""``tf.DeviceSpec`` (TF1's mutable spec): parsing, printing, merging, and its errors."""

from tests.conformance.harness import case, raises

_STRINGS = ["/job:ps/replica:1/task:2/device:GPU:3", "/cpu:0", "/device:gpu:2", "CPU:1", "/job:a/cpu:*", "",
            "/task:7", "/device:TPU:0", "/device:custom:1"]


def _parts(spec):
    return [spec.job, spec.replica, spec.task, spec.device_type, spec.device_index, spec.to_string()]


@case
def from_string_parts(tf):
    return {s: _parts(tf.DeviceSpec.from_string(s)) for s in _STRINGS}


@case
def constructor_and_repr(tf):
    specs = [tf.DeviceSpec(), tf.DeviceSpec(job="w", device_type="cpu"), tf.DeviceSpec(task="3", device_index=1),
             tf.DeviceSpec(job="ps", replica=0, task=1, device_type="gpu", device_index=0)]
    return [[_parts(s), repr(s), str(s)] for s in specs]


@case
def merge_from_overwrites_set_parts(tf):
    spec = tf.DeviceSpec(job="w", device_type="CPU")
    spec.merge_from(tf.DeviceSpec.from_string("/task:4/gpu:1"))
    first = _parts(spec)
    spec.merge_from(tf.DeviceSpec(job="q"))
    return [first, _parts(spec)]


@case
def make_merged_spec_and_replace(tf):
    d = tf.DeviceSpec.from_string("/job:ps/replica:1/task:2/device:GPU:3")
    merged = d.make_merged_spec(tf.DeviceSpec(task=9, device_type="CPU"))
    replaced = d.replace(job="q", device_index=0)
    return [_parts(merged), _parts(replaced), _parts(d)]


@case
def parse_from_string_resets_parts(tf):
    d = tf.DeviceSpec(job="old", task=3)
    d.parse_from_string("/replica:2/cpu:*")
    return _parts(d)


@case
def setters(tf):
    d = tf.DeviceSpec()
    d.job = "zz"
    d.device_type = "gpu"
    d.device_index = 5
    d.task = 2
    first = _parts(d)
    d.device_index = None
    return [first, _parts(d)]


@case
def equality_and_hash(tf):
    a = tf.DeviceSpec.from_string("/cpu:0")
    b = tf.DeviceSpec(device_type="CPU", device_index=0)
    c = tf.DeviceSpec.from_string("/gpu:0")
    return [a == b, hash(a) == hash(b), a == c, a != c]


@case
def from_string_errors(tf):
    return [raises(tf.DeviceSpec.from_string, s) for s in ("/foo:1", "/cpu:0/gpu:1", "/task:x", "/job:a:b")]


@case
def constructor_errors(tf):
    return [raises(tf.DeviceSpec, task="a"), raises(tf.DeviceSpec, replica="x")]


@case
def device_block_with_spec(tf):
    with tf.Graph().as_default():
        spec = tf.DeviceSpec(job="w", task=1)
        with tf.device(spec):
            spec.task = 5  # TF takes the spec's string when the block opens
            a = tf.constant(1.0)
            with tf.device(tf.DeviceSpec(device_type="GPU", device_index=1)):
                b = tf.constant(1.0)
        return [a.device, b.device]
