"""What a plan computes once or differently from one kernel call per op, pass by pass
(``plan_writer.PlanWriter``: ``stacked_sums``, ``forward_input``, ``fold_constant``,
``running_sum``), each driven by ``OpDef`` facts, not op-type names; then the product layout
chosen in ``blas.matmul``, sums over leading axes as products, and where variables are
stored."""

import ast
import pathlib
from unittest import mock

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.client import stacked_sums
from scopeflow._src.client.executor import Plan, RunState
from scopeflow._src.framework import registry
from scopeflow._src.ops.common import blas, shape_fns


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield


# -- the passes read OpDef facts --------------------------------------------------------------
@pytest.fixture
def fact_only_ops(monkeypatch):
    """Op types unknown to the executor, declared with the facts alone (for this test only)."""
    for opdef in (
            registry.OpDef("TestForward", inputs=["x: T"], outputs=["y: T"], shape=shape_fns.unchanged,
                           kernel=lambda x: x, forwards_input=True),
            registry.OpDef("TestSum", inputs=["xs: N*T"], outputs=["y: T"], shape=shape_fns.unchanged,
                           kernel=lambda *xs: sum(xs), accumulates=True),
            registry.OpDef("TestConstant", outputs=["y: int32"], shape=lambda inputs, attrs: tf.TensorShape([]),
                           kernel=lambda: np.int32(7), constant=True)):
        monkeypatch.setitem(registry._REGISTRY, opdef.type, opdef)


def test_forward_input_takes_any_op_that_forwards_its_input(fact_only_ops):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.get_default_graph().create_op("TestForward", [x]).outputs[0] * 2.0
    plan = Plan([y], [x], [], RunState())
    assert plan.source.count("= k") == 1  # the product only
    assert plan(np.float32([1.0, 2.0]))[0].tolist() == [2.0, 4.0]


def test_running_sum_takes_any_op_that_accumulates(fact_only_ops):
    x = tf.placeholder(tf.float32, [3], name="x")
    total = tf.get_default_graph().create_op("TestSum", _chain(x, 4)).outputs[0]
    plan = Plan([total], [x], [], RunState())
    assert plan.source.count("+=") == 2 and "TestSum" not in plan.source
    value = h = np.float32([0.1, 0.7, -2.0])
    terms = []
    for _ in range(4):
        h = np.sin(h)
        terms.append(h)
    np.testing.assert_allclose(plan(value)[0], np.sum(terms, axis=0), rtol=1e-6)


def test_fold_constant_takes_any_constant_op(fact_only_ops):
    c = tf.get_default_graph().create_op("TestConstant", []).outputs[0]
    plan = Plan([c], [], [], RunState())
    assert plan.source.count("= k") == 0 and plan()[0] == 7


def test_no_layer_above_the_op_library_names_an_op_type():
    src = pathlib.Path(tf.__file__).parent / "_src"
    types = set(registry.registered())
    named = {}
    for path in [*(src / "client").glob("*.py"), src / "gradients.py"]:
        strings = {n.value for n in ast.walk(ast.parse(path.read_text()))
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        if strings & types:
            named[path.name] = sorted(strings & types)
    assert named == {}


# -- pass: fold_constant -----------------------------------------------------------------------
def test_constants_and_their_small_functions_are_computed_once():
    x = tf.placeholder(tf.float32, [2], name="x")
    axis = tf.floormod(tf.constant(1), tf.rank(tf.zeros([2, 3])))  # all known while writing the plan
    y = x * tf.cast(axis, tf.float32)
    plan = Plan([y, axis], [x], [], RunState())
    assert plan.source.count("= k") == 1  # only the product runs
    assert [v.tolist() for v in plan(np.float32([2.0, 3.0]))] == [[2.0, 3.0], 1]


def test_fully_known_shapes_fold_and_unknown_ones_run():
    known = tf.placeholder(tf.float32, [4, 3], name="known")
    unknown = tf.placeholder(tf.float32, [None, 3], name="unknown")
    shapes = tf.shape_n([known, unknown])
    plan = Plan([tf.shape(known), tf.size(known), shapes[1]], [known, unknown], [], RunState())
    assert plan.source.count("= k") == 1  # the ShapeN, which has an unknown input
    value = np.zeros((4, 3), np.float32)
    shape, size, runtime = plan(value, np.zeros((7, 3), np.float32))
    assert (shape.tolist(), size, runtime.tolist()) == ([4, 3], 12, [7, 3])
    assert shape.dtype == np.int32 and runtime.dtype == np.int32


def test_large_values_are_computed_per_run():
    big = tf.zeros([100, 100]) + 1.0  # 10,000 elements: kept out of the plan
    plan = Plan([big], [], [], RunState())
    assert plan.source.count("= k") == 2
    assert plan()[0].sum() == 10_000


def test_a_kernel_failing_on_constants_fails_when_run_with_tensorflows_error():
    bad = tf.gather(tf.constant([1.0, 2.0]), tf.constant(5), name="bad_gather")
    with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError, match="bad_gather"):
        sess.run(bad)


def test_a_constant_copies_the_callers_array_as_tensorflow_does():
    arr = np.zeros(3, np.float32)
    c = tf.constant(arr)
    arr[0] = 5.0  # the caller's array stays writeable, and the graph's constant does not follow it
    with tf.Session() as sess:
        assert sess.run(c).tolist() == [0.0, 0.0, 0.0]
    assert arr.flags.writeable


def test_folded_values_are_not_changed_by_fetches_or_variables():
    c = tf.constant([1.0, 2.0])
    v = tf.Variable(c, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(v.assign_add([10.0, 10.0]))
        fetched = sess.run(c)
        fetched += 100.0
        assert sess.run(c).tolist() == [1.0, 2.0]
        assert sess.run(v).tolist() == [11.0, 12.0]


# -- pass: running_sum ---------------------------------------------------------------------------
def _chain(x, n):
    """``n`` terms made one after another, the last of which needs all the others."""
    terms, h = [], x
    for i in range(n):
        h = tf.sin(h, name=f"term{i}")
        terms.append(h)
    return terms


def test_add_n_adds_each_input_as_soon_as_it_exists_and_frees_it():
    x = tf.placeholder(tf.float32, [3], name="x")
    total = tf.add_n(_chain(x, 5))
    plan = Plan([total], [x], [], RunState())
    lines = [ln.strip() for ln in plan.source.splitlines()]
    sums = [i for i, ln in enumerate(lines) if "+" in ln]
    calls = [i for i, ln in enumerate(lines) if "= k" in ln]
    assert len(sums) == 4 and all(a < s < b for s, a, b in zip(sums, calls[1:], calls[2:] + [len(lines)]))
    assert all(any(ln.startswith("del") and name in ln for ln in lines[:-1])
               for name in {ln.split("+=")[1].strip() for ln in lines if "+=" in ln})  # and each is freed
    value = np.float32([0.1, 0.7, -2.0])
    h, terms = value, []
    for _ in range(5):
        h = np.sin(h)
        terms.append(h)
    expected = terms[0] + terms[1]
    for t in terms[2:]:
        expected += t
    assert np.array_equal(plan(value)[0], expected)  # the kernel's order, so the same rounding


def test_add_n_with_unknown_shapes_keeps_tensorflows_shape_check():
    a = tf.placeholder(tf.float32, [None], name="a")
    total = tf.add_n([a, a + 1.0, tf.placeholder_with_default([1.0, 2.0, 3.0], [None], name="c")])
    with tf.Session() as sess:
        assert sess.run(total, {a: [1.0, 1.0, 1.0]}).tolist() == [4.0, 5.0, 6.0]
        with pytest.raises(tf.errors.InvalidArgumentError, match="same size and shape"):
            sess.run(total, {a: [1.0]})


def test_add_n_of_variables_reads_them_when_it_runs():
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w")
    total = tf.add_n([v, w, v])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(total) == 4.0
        sess.run(v.assign(5.0))
        assert sess.run(total) == 12.0


# -- pass: stacked_sums --------------------------------------------------------------------------
def _terms(count, ta=False, tb=False, unknown_rows=False, first=None):
    """``count`` products of fed operands (each 3x5 by 5x4, as stored for ``ta``/``tb``;
    ``first(a, b)`` makes the first product instead, if given); returns (the products, the
    placeholders, the arrays to feed). Nothing reads the products yet."""
    rng = np.random.default_rng(count)
    feeds, arrays, products = [], [], []
    for i in range(count):
        a = rng.standard_normal((5, 3) if ta else (3, 5)).astype(np.float32)
        b = rng.standard_normal((4, 5) if tb else (5, 4)).astype(np.float32)
        pa = tf.placeholder(tf.float32, [None, a.shape[1]] if unknown_rows else a.shape, name=f"a{i}")
        pb = tf.placeholder(tf.float32, b.shape, name=f"b{i}")
        feeds += [pa, pb]
        arrays += [a, b]
        make = first if first is not None and i == 0 else tf.matmul
        products.append(make(pa, pb) if make is first else tf.matmul(pa, pb, transpose_a=ta, transpose_b=tb))
    return products, feeds, arrays


def _calls(plan, *types):
    return sum(1 for kind, op in plan._lines.values() if kind == "node" and op.type in types)


@pytest.mark.parametrize("ta, tb", [(True, False), (False, False), (False, True), (True, True)])
def test_a_sum_of_many_products_is_one_product(ta, tb):
    products, feeds, arrays = _terms(stacked_sums.MIN_TERMS, ta, tb)
    total = tf.add_n(products)
    plan = Plan([total], feeds, [], RunState())
    assert plan.source.count("= k") == 1 and _calls(plan, "MatMul") == 0
    got = plan(*arrays)[0]
    want = sum((a.T if ta else a) @ (b.T if tb else b) for a, b in zip(arrays[::2], arrays[1::2]))
    assert got.dtype == np.float32 and got.shape == (3, 4)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("bias", ["add", "bias_add"])
@pytest.mark.parametrize("gated", [False, True], ids=["tf.gradients", "minimize (gated gradients)"])
def test_shared_weight_and_bias_gradients_over_unrolled_steps_are_one_sum_each(gated, bias):
    x = tf.placeholder(tf.float32, [10, 4, 3], name="x")
    w = tf.Variable(np.random.default_rng(0).standard_normal((3, 3)).astype(np.float32), name="w")
    b = tf.Variable(np.float32([0.1, -0.2, 0.3]), name="b")
    h = tf.zeros([4, 3])
    for t in range(10):
        z = tf.matmul(x[t] + h, w)
        h = tf.tanh(z + b if bias == "add" else tf.nn.bias_add(z, b))
    loss = tf.reduce_sum(h * h)
    if gated:  # GATE_OP: each op's gradients pass through a tf.tuple's Identity ops
        fetches, targets = [], [tf.train.GradientDescentOptimizer(0.5).minimize(loss)]
    else:
        fetches, targets = tf.gradients(loss, [w, b]), []
    value = np.random.default_rng(1).standard_normal((10, 4, 3)).astype(np.float32)
    results, calls = [], []
    for min_terms in (stacked_sums.MIN_TERMS, 1000):
        with mock.patch.object(stacked_sums, "MIN_TERMS", min_terms), tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out = sess.run(fetches + targets, {x: value})
            results.append(sess.run([w, b]) if gated else out[:2])
            plan = Plan(fetches, [x], targets, RunState())
            calls.append((_calls(plan, "MatMul"), _calls(plan, "Sum", "BiasAddGrad")))
    # forward products and input gradients after step 0, then the weight's and the bias's ten terms
    assert calls == [(10 + 9, 0), (10 + 9 + 10, 10)]
    for combined, separate in zip(*results):
        np.testing.assert_allclose(combined, separate, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("case", ["leading axis", "two leading axes", "a later axis", "shapes differ",
                                  "kept dims", "mixed with a product", "integers"])
def test_sums_of_reductions_over_leading_axes_are_one_reduction(case):
    rng = np.random.default_rng(0)
    shapes = [(2, 2, 5) if case == "a later axis" else (6, 2, 5)] * stacked_sums.MIN_TERMS
    if case == "shapes differ":
        shapes[0] = (7, 2, 5)
    dtype = tf.int32 if case == "integers" else tf.float64
    feeds = [tf.placeholder(dtype, s, name=f"x{i}") for i, s in enumerate(shapes)]
    arrays = [rng.integers(-9, 9, s).astype(dtype.as_numpy_dtype) for s in shapes]
    axes = {"two leading axes": [1, 0], "a later axis": [1]}.get(case, [0])
    terms = [tf.reduce_sum(f, axes, keepdims=case == "kept dims") for f in feeds]
    if case == "mixed with a product":
        terms[0] = tf.matmul(tf.ones([2, 6], tf.float64), feeds[0][:, 0, :])
    plan = Plan([tf.add_n(terms)], feeds, [], RunState())
    combined = case in ("leading axis", "two leading axes")
    assert _calls(plan, "Sum") == (0 if combined else len(terms) - (case == "mixed with a product"))
    want = sum(a.sum(axis=tuple(axes), keepdims=case == "kept dims") for a in arrays)
    if case == "mixed with a product":
        want = want - arrays[0].sum(axis=0) + np.ones((2, 6)) @ arrays[0][:, 0, :]
    np.testing.assert_allclose(plan(*arrays)[0], want, rtol=1e-12)


def test_reshaped_products_are_multiplied_one_by_one():
    products, feeds, arrays = _terms(stacked_sums.MIN_TERMS)
    total = tf.add_n([tf.reshape(p, [4, 3]) for p in products])
    plan = Plan([total], feeds, [], RunState())
    assert _calls(plan, "MatMul") == len(products)
    want = sum((a @ b).reshape(4, 3) for a, b in zip(arrays[::2], arrays[1::2]))
    np.testing.assert_allclose(plan(*arrays)[0], want, rtol=1e-5, atol=1e-5)


def test_bias_gradients_in_channels_first_layout_are_summed_one_by_one():
    b = tf.placeholder(tf.float64, [3], name="b")
    dys = [tf.placeholder(tf.float64, [2, 3, 4, 3], name=f"dy{i}") for i in range(stacked_sums.MIN_TERMS)]
    grads = [tf.gradients(tf.nn.bias_add(tf.zeros([2, 3, 4, 3], tf.float64), b, data_format="NCHW"), b,
                          grad_ys=dy)[0] for dy in dys]
    plan = Plan([tf.add_n(grads)], dys, [], RunState())
    assert _calls(plan, "BiasAddGrad") == len(dys)  # channels on axis 1: not a sum over leading axes
    values = [np.random.default_rng(i).standard_normal((2, 3, 4, 3)) for i in range(len(dys))]
    np.testing.assert_allclose(plan(*values)[0], sum(v.sum(axis=(0, 2, 3)) for v in values), rtol=1e-12)


@pytest.mark.parametrize("case", ["few terms", "a product fetched", "a product read elsewhere",
                                  "an identity read elsewhere", "a variable operand", "unknown rows",
                                  "mixed transposes", "operands too large", "products too large"])
def test_sums_that_do_not_qualify_run_one_product_at_a_time(case, monkeypatch):
    if case == "operands too large":  # 8 products of 3x5 by 5x4 float32 operands: 1,120 bytes
        monkeypatch.setattr(stacked_sums, "MAX_BYTES", 1119)
    if case == "products too large":  # each 3x5 by 5x4 product: 60 multiply-adds
        monkeypatch.setattr(blas, "SMALL", 60)
    count = stacked_sums.MIN_TERMS - 1 if case == "few terms" else stacked_sums.MIN_TERMS
    first = {"a variable operand": lambda a, b: tf.matmul(tf.Variable(tf.zeros([3, 5]), name="v"), b),
             "mixed transposes": lambda a, b: tf.matmul(tf.transpose(a), b, transpose_a=True),
             "an identity read elsewhere": lambda a, b: tf.identity(tf.matmul(a, b))}.get(case)
    products, feeds, arrays = _terms(count, unknown_rows=case == "unknown rows", first=first)
    total = tf.add_n(products)
    fetches = [total]
    if case == "a product fetched":
        fetches.append(products[1])
    elif case.endswith("read elsewhere"):
        fetches.append(tf.reduce_sum(products[0 if case.startswith("an identity") else 1]))
    plan = Plan(fetches, feeds, [], RunState())
    assert _calls(plan, "MatMul") == count
    if case != "a variable operand":
        want = sum(a @ b for a, b in zip(arrays[::2], arrays[1::2]))
        np.testing.assert_allclose(plan(*arrays)[0], want, rtol=1e-5, atol=1e-5)


# -- products ----------------------------------------------------------------------------------
@pytest.mark.parametrize("m, k, n", [(32, 128, 192), (256, 10, 512), (64, 64, 64), (1, 3, 2)])
def test_products_with_a_transposed_right_operand_match_numpy(m, k, n):
    rng = np.random.default_rng(0)
    a, w = rng.standard_normal((m, k)).astype(np.float32), rng.standard_normal((n, k)).astype(np.float32)
    out = blas.matmul(a, w.T)
    assert out.shape == (m, n) and out.dtype == np.float32
    np.testing.assert_allclose(out, a.astype(np.float64) @ w.T.astype(np.float64), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("m, k, n", [(32, 128, 192), (256, 10, 512), (256, 512, 512)])
def test_products_come_back_row_major(m, k, n):
    # (w @ dy.T).T is copied back: an elementwise kernel (ReluGrad, TanhGrad) that mixes a
    # column-major operand with row-major ones is slower, up to several times
    a, w = np.ones((m, k), np.float32), np.ones((n, k), np.float32)
    assert blas.matmul(a, w.T).flags.c_contiguous


def _blas_threads(threadpoolctl):
    return {i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"}


def test_products_size_the_blas_threads_within_the_callers_count_and_give_it_back():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    if not threadpoolctl.threadpool_info():
        pytest.skip("no BLAS that threadpoolctl knows")
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        blas.matmul(np.ones((4, 4)), np.ones((4, 4)))
        assert _blas_threads(threadpoolctl) == {1}  # small: one thread
        big = np.ones((300, 300))
        blas.matmul(big, big)
        assert _blas_threads(threadpoolctl) == {2}  # large: every thread the caller allows
        blas.restore_threads()
        assert _blas_threads(threadpoolctl) == {2}
    with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
        blas.matmul(big, big)
        assert _blas_threads(threadpoolctl) == {1}  # never more than the caller's count
        blas.restore_threads()


def test_dense_input_gradient_matches_numpy():
    x = tf.placeholder(tf.float32, [32, 128])
    w = tf.constant(np.random.default_rng(1).standard_normal((192, 128)).astype(np.float32))
    y = tf.matmul(x, w, transpose_b=True)
    value = np.random.default_rng(2).standard_normal((32, 128)).astype(np.float32)
    with tf.Session() as sess:
        got = sess.run(y, {x: value})
    assert got.flags.c_contiguous  # a fetch is a fresh row-major array, as TF returns it
    weights = tf.make_ndarray(sess.graph.get_tensor_by_name(w.name).op.get_attr("value"))  # a TensorProto, as TF's
    np.testing.assert_allclose(got, value @ weights.T,
                               rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("value", [np.arange(2400, dtype=np.float32).reshape(40, 60).T, np.ones((3, 700), np.int16),
                                   np.float64(2.5), np.zeros((0, 3), np.int8), np.array([b"a", b""], dtype=object)])
def test_aligned_copies_are_fresh_row_major_arrays_on_a_cache_line(value):
    out = blas.aligned_copy(value)
    assert out.dtype == value.dtype and out.shape == np.shape(value) and out.flags.c_contiguous and out.flags.writeable
    assert not np.shares_memory(out, value)
    np.testing.assert_array_equal(out, value)
    if out.nbytes >= 4096 and out.dtype != object:  # smaller arrays are plain copies
        assert out.ctypes.data % blas.ALIGNMENT == 0


def test_variables_are_stored_aligned():
    # OpenBLAS's small-product kernels run twice as fast with an aligned right operand,
    # and a model's products take their weights there
    state = RunState()
    v = tf.Variable(tf.ones([192, 128]), name="v")
    Plan([], [], [v.initializer], state)()
    stored = state.variables["v"]
    assert stored.ctypes.data % blas.ALIGNMENT == 0 and stored.flags.writeable
    assert stored.shape == (192, 128) and float(stored.sum()) == 192 * 128


@pytest.mark.parametrize("shape, k", [((64, 7, 7, 3), 3), ((256, 10), 1), ((5, 4, 3), 2), ((0, 2), 1), ((3, 0), 1)])
def test_sums_over_leading_axes_are_products_that_match_numpy(shape, k):
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    got = blas.sum_leading(x, k)
    assert got.dtype == np.float32 and got.shape == shape[k:]
    np.testing.assert_allclose(got, x.astype(np.float64).sum(axis=tuple(range(k))), rtol=1e-5, atol=1e-5)


def test_sums_that_are_not_products_are_left_to_numpy():
    x = np.ones((4, 3), np.float32)
    assert blas.sum_leading(x.T, 1) is None  # not C-ordered
    assert blas.sum_leading(x.astype(np.int32), 1) is None and blas.sum_leading(x.astype(np.float16), 1) is None
    assert blas.sum_leading(x, 0) is None and blas.sum_leading(x, 2) is None


def test_leading_axis_reductions_keep_their_dims_and_nans():
    x = tf.placeholder(tf.float32, [None, 2, 3])
    b = tf.zeros([3])
    # BiasAddGrad(x): x summed over all but its last axis
    bias_grad = tf.gradients(tf.nn.bias_add(x, b), b, grad_ys=x)[0]
    value = np.arange(12, dtype=np.float32).reshape(2, 2, 3)
    value[1, 1, 2] = np.nan
    with tf.Session() as sess:
        total, mean, db = sess.run([tf.reduce_sum(x, [0, 1], keepdims=True), tf.reduce_mean(x, 0), bias_grad],
                                   {x: value})
    assert total.shape == (1, 1, 3) and mean.shape == (2, 3) and db.shape == (3,)
    np.testing.assert_array_equal(total[0, 0, :2], value[..., :2].sum(axis=(0, 1)))
    np.testing.assert_array_equal(db, total[0, 0])
    assert np.isnan(total[0, 0, 2]) and np.isnan(mean[1, 2]) and mean[0, 0] == 3.0
