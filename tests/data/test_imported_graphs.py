"""A GraphDef's function library is not imported: the datasets of an imported graph fail
with a clear ``UnimplementedError`` naming the function, not a Python error."""

import pytest

import scopeflow as tf


@pytest.mark.parametrize("kind", ["one_shot", "initializable"])
def test_datasets_of_an_imported_graph_say_they_cannot_run(kind):
    with tf.Graph().as_default() as g:
        dataset = tf.data.Dataset.range(3).map(lambda v: v * 2)
        iterator = (dataset.make_one_shot_iterator() if kind == "one_shot"
                    else dataset.make_initializable_iterator())
        next_name = iterator.get_next().name
    graph_def = g.as_graph_def()
    with tf.Graph().as_default() as imported:
        tf.import_graph_def(graph_def, name="")
        with tf.Session() as sess:
            with pytest.raises(tf.errors.UnimplementedError, match="calls the graph function '.*' of an imported "
                                                                   "GraphDef's library"):
                if kind == "initializable":
                    sess.run(imported.get_operation_by_name(iterator.initializer.name))
                sess.run(imported.get_tensor_by_name(next_name))
