"""The summary ops (``tf.summary.scalar``, ``histogram``, ``image``, ``audio``, ``text``,
``tensor_summary``, ``merge``): definitions and kernels (``summary_ops``, with the encoders
``histogram``, ``images``, ``png``, ``wav``), TF1's tag rules (``summary_scope``), the
wrappers (``summaries``), and ``grads``. ``api`` loads them all on first use.
"""
