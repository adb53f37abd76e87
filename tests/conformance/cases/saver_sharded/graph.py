"""The ops of a sharded saver: names, types, inputs, devices, attributes; the SaverDef."""

from tests.conformance.cases.saver_sharded._helpers import one_device, save_nodes, two_devices
from tests.conformance.harness import case, raises


@case
def nodes_two_devices(tf):
    two_devices(tf)
    tf.train.Saver(sharded=True)
    return save_nodes(tf)


@case
def nodes_one_device(tf):
    one_device(tf)
    tf.train.Saver(sharded=True)
    return save_nodes(tf)


@case
def nodes_three_devices_sorted_by_name(tf):
    with tf.device("/job:worker/task:1"):
        tf.Variable(1.0, name="a")
    with tf.device("/job:ps/task:0/device:GPU:1"):
        tf.Variable(2.0, name="b")
    tf.Variable(3.0, name="c")
    with tf.device("/job:worker/task:1/cpu:0"):
        tf.Variable(4.0, name="d")
    tf.train.Saver(sharded=True)
    return save_nodes(tf)


@case
def nodes_named_saver_with_var_list_dict(tf):
    v, w = one_device(tf)
    with tf.device("/device:GPU:0"):
        u = tf.Variable(0, name="u")
    tf.train.Saver({"x": v, "y": u, "z": w}, sharded=True, name="my_saver", filename="start.ckpt")
    return save_nodes(tf, prefix="my_saver")


@case
def nodes_reshape_and_restore_sequentially(tf):
    one_device(tf)
    tf.train.Saver(sharded=True, reshape=True, restore_sequentially=True)
    return save_nodes(tf)


@case
def saver_def_fields(tf):
    two_devices(tf)
    out = []
    for kwargs in ({}, {"max_to_keep": None, "keep_checkpoint_every_n_hours": 2.5}, {"name": "s2"}):
        saver_def = tf.train.Saver(sharded=True, **kwargs).as_saver_def()
        out.append(str(saver_def))
    return out


@case
def saver_def_in_meta_graph(tf):
    one_device(tf)
    saver = tf.train.Saver(sharded=True)
    meta = saver.export_meta_graph()
    return [str(meta.saver_def), [n.name for n in meta.graph_def.node if n.name.startswith("save/")],
            sorted(op.name for op in meta.meta_info_def.stripped_op_list.op)]


@case
def partitioned_variable_on_two_devices(tf):
    def device(op):
        return "/device:GPU:0" if "part_1" in op.name or "part_2" in op.name else ""
    with tf.device(device):
        tf.get_variable("e", [9, 2], partitioner=tf.fixed_size_partitioner(3))
    tf.train.Saver(sharded=True)
    return save_nodes(tf)


@case
def empty_saver_allowed(tf):
    saver = tf.train.Saver(sharded=True, allow_empty=True)
    return [saver.as_saver_def() is None, [op.name for op in tf.get_default_graph().get_operations()]]


@case
def empty_saver_refused(tf):
    return raises(tf.train.Saver, sharded=True)


@case
def deferred_build(tf):
    saver = tf.train.Saver(sharded=True, defer_build=True)
    one_device(tf)
    saver.build()
    return [str(saver.as_saver_def()), len(save_nodes(tf))]
