"""Conformance area ``devices``: device functions, ``tf.DeviceSpec``, replica device setters,
colocation, session placement (soft placement and TF's errors) and a multi-tower program."""
