"""Name-based restore of TF2 object-based checkpoints (``tf.train.Checkpoint``, Keras).

Their keys look like ``model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE``; the serialized
``TrackableObjectGraph`` under ``_CHECKPOINTABLE_OBJECT_GRAPH`` records, for each saved
attribute, the variable's graph name (``full_name``) and its key. ``Saver.restore`` uses
that mapping when a name-based restore finds keys missing, as TensorFlow does.
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.framework import errors

OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"


def names_to_keys(reader) -> dict | None:
    """``{variable name: checkpoint key}`` from the object graph, or ``None`` if there is none."""
    if OBJECT_GRAPH_KEY not in reader.entries:
        return None
    data = reader.read(OBJECT_GRAPH_KEY)
    try:
        if data.dtype != object or data.shape != ():
            raise fmt.CorruptProtoError(f"a {data.dtype} tensor of shape {list(data.shape)}, not a string")
        graph = fmt.parse(protos.TrackableObjectGraph, data[()])
    except fmt.CorruptProtoError:
        raise errors.DataLossError(None, None, f"{reader.index_path}: the object graph in the checkpoint is "
                                               "corrupted") from None
    return {attribute.full_name: attribute.checkpoint_key for node in graph.nodes for attribute in node.attributes}


def check_names(current: set, mapping: dict) -> None:
    """TensorFlow's ``NotFoundError`` when some variables have no key in the object graph."""
    missing = current - set(mapping)
    if not missing:
        return
    previous = set(mapping)
    raise errors.NotFoundError(None, None, (
        "\n\nExisting variables not in the checkpoint: %s\n\n"
        "Variables names when this checkpoint was written which don't exist now: %s\n\n"
        "(%d variable name(s) did match)\n\n"
        "Could not find some variables in the checkpoint (see names above). Saver was attempting to load an "
        "object-based checkpoint (saved using tf.train.Checkpoint or tf.keras.Model.save_weights) using variable "
        "names. If the checkpoint was written with eager execution enabled, it's possible that variable names have "
        "changed (for example missing a '_1' suffix). It's also possible that there are new variables which did "
        "not exist when the checkpoint was written. You can construct a Saver(var_list=...) with only the "
        "variables which previously existed, and if variable names have changed you may need to make this a "
        "dictionary with the old names as keys.") % (
        ", ".join(sorted(missing)), ", ".join(sorted(previous - current)), len(previous & current)))
