"""Conformance cases for the string ops: ``tf.strings.*`` and TF1's ``tf.string_join``,
``tf.string_split``, ``tf.substr``, ``tf.as_string``, ``tf.reduce_join``, ``tf.regex_replace``,
``tf.string_to_hash_bucket_fast``."""
