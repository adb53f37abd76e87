"""Sparse gradients (``tf.gather`` of the variables): ``SparseApplyFtrl(V2)``,
``SparseApplyProximalAdagrad``, ``SparseApplyAdagradDA``, multi-step values."""

import numpy as np

from tests.conformance.cases.optimizers_more.dense import MAKERS
from tests.conformance.harness import case, raises


def _sparse_train(tf, make, dtype="float32", ids=(0, 2, 2, 3), steps=3):
    dt = getattr(tf, dtype)
    emb = tf.Variable(np.linspace(-1, 1, 12).reshape(4, 3).astype(dtype), name="emb")
    vec = tf.Variable(np.linspace(-1, 1, 5).astype(dtype), name="vec")
    rows = tf.gather(emb, tf.constant(list(ids)))
    vals = tf.gather(vec, tf.constant([1, 4, 1]))
    loss = (tf.reduce_sum(tf.cast(tf.square(rows - tf.constant(0.5, dt)), tf.float32))
            + tf.reduce_sum(tf.cast(tf.square(vals + tf.constant(0.25, dt)), tf.float32)))
    opt = make(tf)
    train = opt.minimize(loss, global_step=tf.train.get_or_create_global_step())
    updates = sorted(op.type for op in tf.get_default_graph().get_operations() if "Apply" in op.type)
    out = {"updates": updates, "emb": [], "vec": []}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(train)
            out["emb"].append(sess.run(emb))
            out["vec"].append(sess.run(vec))
        out["slots"] = {f"{n}:{v.op.name}": sess.run(opt.get_slot(v, n)) for n in opt.get_slot_names()
                        for v in (emb, vec)}
    return out


def _sparse_case(name, maker, dtype="float32", **kwargs):
    def fn(tf):
        return raises(_sparse_train, tf, maker, dtype, **kwargs)
    fn.__name__ = fn.__qualname__ = name
    return case(fn)


for _name, _make in MAKERS.items():
    for _dtype in ("float32", "float64"):
        if _name == "proximal_adagrad" and _dtype == "float64":
            continue  # TF does not cast its hyper-parameters: a separate case below
        globals()[f"sparse_{_name}_{_dtype}"] = _sparse_case(f"sparse_{_name}_{_dtype}", _make, _dtype)

sparse_ftrl_float16 = _sparse_case("sparse_ftrl_float16", MAKERS["ftrl"], "float16")
sparse_ftrl_v2_float16 = _sparse_case("sparse_ftrl_v2_float16", MAKERS["ftrl_v2"], "float16")
sparse_proximal_adagrad_float16_is_refused = _sparse_case("sparse_proximal_adagrad_float16_is_refused",
                                                          MAKERS["proximal_adagrad"], "float16")
sparse_proximal_adagrad_no_l1 = _sparse_case(
    "sparse_proximal_adagrad_no_l1", lambda tf: tf.train.ProximalAdagradOptimizer(0.3))
sparse_adagrad_da_no_l1 = _sparse_case(
    "sparse_adagrad_da_no_l1", lambda tf: tf.train.AdagradDAOptimizer(0.3, tf.train.get_or_create_global_step()))
sparse_ftrl_unique_ids = _sparse_case("sparse_ftrl_unique_ids", MAKERS["ftrl"], ids=(3, 1))
sparse_ftrl_fixed_rate = _sparse_case(
    "sparse_ftrl_fixed_rate", lambda tf: tf.train.FtrlOptimizer(0.2, learning_rate_power=0.0,
                                                                l1_regularization_strength=0.05))


@case
def sparse_adagrad_da_float16_is_refused(tf):
    got = raises(_sparse_train, tf, MAKERS["adagrad_da"], "float16")
    if "message" in got:
        lines = got["message"].splitlines()
        node = next((i for i, line in enumerate(lines) if line.startswith("Node: ")), None)
        got["message"] = lines[node + 1].split(" with these attrs")[0] if node is not None else got["message"]
    return got


@case
def sparse_apply_to_embedding_lookup(tf):
    emb = tf.Variable(np.arange(20, dtype=np.float32).reshape(10, 2) / 10.0, name="emb")
    looked = tf.nn.embedding_lookup(emb, tf.constant([[1, 7], [7, 9]]))
    loss = tf.reduce_sum(tf.square(looked))
    out = []
    for opt in (tf.train.FtrlOptimizer(0.5, l1_regularization_strength=0.1),
                tf.train.ProximalAdagradOptimizer(0.5, l2_regularization_strength=0.1),
                tf.train.AdagradDAOptimizer(0.5, tf.train.get_or_create_global_step())):
        out.append(opt.minimize(loss).name)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for name in out:
            sess.run(tf.get_default_graph().get_operation_by_name(name))
        return {"train": out, "emb": sess.run(emb)}
