"""Variable collections and GraphKeys: membership, scope filters, add/get/clear."""

from tests.conformance.harness import case


def _names(xs):
    return [x.name for x in xs]


@case
def coll_graphkeys_names(tf):
    k = tf.GraphKeys
    return [k.GLOBAL_VARIABLES, k.LOCAL_VARIABLES, k.TRAINABLE_VARIABLES, k.MODEL_VARIABLES,
            k.REGULARIZATION_LOSSES, k.UPDATE_OPS, k.LOSSES, k.SUMMARIES, k.QUEUE_RUNNERS,
            k.MOVING_AVERAGE_VARIABLES, k.GLOBAL_STEP, k.INIT_OP, k.LOCAL_INIT_OP, k.READY_OP,
            k.SAVEABLE_OBJECTS, k.CONCATENATED_VARIABLES, k.TRAIN_OP, k.ASSET_FILEPATHS]


@case
def coll_graphkeys_variables_alias(tf):
    return [tf.GraphKeys.VARIABLES, tf.GraphKeys.VARIABLES == tf.GraphKeys.GLOBAL_VARIABLES]


@case
def coll_global_variables_order(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.get_variable("b", [1])
    c = tf.Variable(1.0, name="c", trainable=False)
    return [_names(tf.global_variables()), tf.global_variables()[0] is a, tf.global_variables()[1] is b,
            tf.global_variables()[2] is c]


@case
def coll_trainable_variables(tf):
    tf.Variable(1.0, name="a")
    tf.Variable(1.0, name="b", trainable=False)
    tf.get_variable("c", [1])
    tf.get_variable("d", [1], trainable=False)
    return _names(tf.trainable_variables())


@case
def coll_local_variables(tf):
    tf.Variable(1.0, name="a", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    tf.get_local_variable("b", [1])
    tf.get_variable("c", [1])
    return [_names(tf.local_variables()), _names(tf.global_variables())]


@case
def coll_model_variables_empty(tf):
    tf.get_variable("a", [1])
    return _names(tf.model_variables())


@case
def coll_model_variables_explicit(tf):
    tf.get_variable("a", [1], collections=[tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.MODEL_VARIABLES])
    tf.get_variable("b", [1])
    return [_names(tf.model_variables()), _names(tf.trainable_variables())]


@case
def coll_empty_collections(tf):
    return [tf.global_variables(), tf.trainable_variables(), tf.local_variables(), tf.model_variables(),
            tf.get_collection("nothing")]


@case
def coll_global_variables_scope_filter(tf):
    with tf.variable_scope("a"):
        tf.get_variable("x", [1])
    with tf.variable_scope("ab"):
        tf.get_variable("y", [1])
    tf.get_variable("z", [1])
    return [_names(tf.global_variables("a")), _names(tf.global_variables("a/")), _names(tf.global_variables("z")),
            _names(tf.global_variables(scope="ab"))]


@case
def coll_scope_filter_is_regex_match(tf):
    with tf.variable_scope("layer1"):
        tf.get_variable("w", [1])
    with tf.variable_scope("layer2"):
        tf.get_variable("w", [1])
    with tf.variable_scope("other"):
        tf.get_variable("layer3", [1])
    return [_names(tf.global_variables("layer[12]")), _names(tf.global_variables(".*w")),
            _names(tf.global_variables("layer3"))]


@case
def coll_trainable_variables_scope_filter(tf):
    with tf.variable_scope("a"):
        tf.get_variable("x", [1])
        tf.get_variable("y", [1], trainable=False)
    tf.get_variable("z", [1])
    return _names(tf.trainable_variables("a"))


@case
def coll_local_variables_scope_filter(tf):
    with tf.variable_scope("a"):
        tf.get_local_variable("x", [1])
    tf.get_local_variable("y", [1])
    return _names(tf.local_variables(scope="a"))


@case
def coll_get_collection_scope_filter_skips_objects_without_name(tf):
    tf.add_to_collection("mixed", 3)
    tf.add_to_collection("mixed", tf.constant(1.0, name="a"))
    tf.add_to_collection("mixed", "a string")
    return [len(tf.get_collection("mixed")), _names(tf.get_collection("mixed", scope="a"))]


@case
def coll_add_to_collection(tf):
    c = tf.constant(1.0, name="c")
    tf.add_to_collection("mine", c)
    tf.add_to_collection("mine", c)
    return [_names(tf.get_collection("mine")), tf.get_collection("mine")[0] is c]


@case
def coll_add_to_collections_multiple(tf):
    c = tf.constant(1.0, name="c")
    tf.add_to_collections(["x", "y"], c)
    return [_names(tf.get_collection("x")), _names(tf.get_collection("y"))]


@case
def coll_get_collection_returns_copy(tf):
    tf.add_to_collection("mine", 1)
    lst = tf.get_collection("mine")
    lst.append(2)
    return tf.get_collection("mine")


@case
def coll_get_collection_ref_is_live(tf):
    ref = tf.get_collection_ref("mine")
    ref.append(5)
    tf.add_to_collection("mine", 6)
    return [tf.get_collection("mine"), ref]


@case
def coll_clear_collection(tf):
    tf.add_to_collection("mine", 1)
    tf.get_default_graph().clear_collection("mine")
    return tf.get_collection("mine")


@case
def coll_graph_get_all_collection_keys(tf):
    tf.get_variable("a", [1])
    tf.get_local_variable("b", [1])
    return sorted(tf.get_default_graph().get_all_collection_keys())


@case
def coll_add_to_collection_duplicates_variable_in_global(tf):
    v = tf.Variable(1.0, name="v", collections=[tf.GraphKeys.GLOBAL_VARIABLES, "x"])
    tf.add_to_collection(tf.GraphKeys.GLOBAL_VARIABLES, v)
    return [_names(tf.global_variables()), _names(tf.get_collection("x"))]


@case
def coll_add_to_collection_trainable_manually(tf):
    v = tf.Variable(1.0, name="v", trainable=False)
    tf.add_to_collection(tf.GraphKeys.TRAINABLE_VARIABLES, v)
    return [v.trainable, _names(tf.trainable_variables())]
