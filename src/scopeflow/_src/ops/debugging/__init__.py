"""The debugging ops (``tf.debugging``): printing (``tf.Print``, ``tf.print``), element-wise and
static assertions (``tf.assert_equal``, ``tf.assert_rank``...) and numeric checks
(``tf.check_numerics``). Loaded on first use through ``api.py``."""
