"""TensorFlow's record files: ``tf.io.TFRecordWriter``, ``tf_record_iterator`` and their options."""
