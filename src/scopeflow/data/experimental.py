"""``tf.data.experimental``: the names TF1 programs use. Only re-exports."""

__all__ = ["AUTOTUNE", "map_and_batch", "shuffle_and_repeat"]

from scopeflow._src.data.api import AUTOTUNE, map_and_batch, shuffle_and_repeat


def __dir__():
    return sorted(__all__)
