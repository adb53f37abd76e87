"""What scopeflow needs of the operating system: files written whole or not at all, record framing,
checksums, and the command line (``tf.app.run`` and ``tf.flags``, on absl; loaded on first use)."""
