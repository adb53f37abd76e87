"""``SaverDef`` fields, ``Saver.to_proto``/``from_proto`` and a meta graph's ``saver_def``."""

from tests.conformance.cases.meta_graph._helpers import plain
from tests.conformance.harness import case, raises


@case
def saver_def_fields(tf):
    tf.Variable(1.0, name="v")
    savers = [tf.train.Saver(), tf.train.Saver(name="named", max_to_keep=None, keep_checkpoint_every_n_hours=0.5),
              tf.train.Saver(max_to_keep=1), tf.train.Saver(pad_step_number=True, filename="f")]
    return [plain(s.as_saver_def()) for s in savers]


@case
def saver_to_proto_with_an_export_scope(tf):
    with tf.name_scope("tower"):
        tf.Variable(1.0, name="v")
        saver = tf.train.Saver()
    return [plain(saver.to_proto()), plain(saver.to_proto(export_scope="tower")), saver.to_proto("other") is None]


@case
def saver_from_proto_moves_the_names_under_the_scope(tf):
    tf.Variable(1.0, name="v")
    proto = tf.train.Saver().to_proto()
    scoped = tf.train.Saver.from_proto(proto, import_scope="imported")
    plain_one = tf.train.Saver.from_proto(proto)
    return [plain(scoped.saver_def), plain(plain_one.saver_def), len(tf.get_default_graph().get_operations())]


@case
def saver_def_checks(tf):
    tf.Variable(1.0, name="v")
    no_save = tf.train.SaverDef(filename_tensor_name="a:0", restore_op_name="r")
    no_restore = tf.train.SaverDef(filename_tensor_name="a:0", save_tensor_name="s:0")
    return [raises(lambda: tf.train.Saver(saver_def=no_save)), raises(lambda: tf.train.Saver(saver_def=no_restore)),
            raises(lambda: tf.train.Saver(saver_def="not a proto"))]


@case
def saver_export_meta_graph_carries_its_saver_def(tf):
    tf.Variable(1.0, name="v")
    tf.train.Saver()
    saver = tf.train.Saver(name="second", max_to_keep=3)
    meta = saver.export_meta_graph()
    return [plain(meta.saver_def), sorted(meta.collection_def), meta.HasField("saver_def"),
            tf.train.export_meta_graph().HasField("saver_def")]


@case
def a_saver_def_given_to_export_meta_graph(tf):
    tf.Variable(1.0, name="v")
    saver = tf.train.Saver()
    meta = tf.train.export_meta_graph(saver_def=saver.as_saver_def())
    return plain(meta.saver_def)
