"""Row updates in TF's order (``ScatterAdd``/``ScatterSub``, ``UnsortedSegmentSum``): bit for bit the
result of applying each row in turn, whatever the repeats."""

import numpy as np
import pytest

from scopeflow._src.ops.common import rows_in_order


def _loop(params, ids, rows, sign):
    out = params.copy()
    for i, row in zip(ids.tolist(), rows):
        out[i] = out[i] + row if sign > 0 else out[i] - row
    return out


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.uint8, np.complex64])
@pytest.mark.parametrize("row_shape", [(), (3,), (2, 5)])
@pytest.mark.parametrize("ids_kind", ["unique", "zipf", "one_id", "long_runs"])
def test_same_bits_as_a_loop(dtype, row_shape, ids_kind):
    rng = np.random.default_rng(7)
    n, size = 200, 40
    ids = {"unique": rng.permutation(size)[:30],
           "zipf": np.minimum(rng.zipf(1.3, n) - 1, size - 1),
           "one_id": np.full(n, 5),
           "long_runs": np.concatenate([np.full(20, 3), rng.integers(0, size, 60), np.full(11, 9)])}[ids_kind]
    ids = rng.permutation(ids)
    scale = 1000 if np.dtype(dtype).kind in "iuc" else 1
    params = (rng.standard_normal((size,) + row_shape) * scale).astype(dtype)
    rows = (rng.standard_normal((ids.size,) + row_shape) * scale * 1e-3 ** (dtype != np.int32)).astype(dtype)
    for fold, sign in ((rows_in_order.add_rows, 1), (rows_in_order.subtract_rows, -1)):
        got = params.copy()
        with np.errstate(over="ignore"):
            fold(got, ids, rows)
            want = _loop(params, ids, rows, sign)
        assert np.array_equal(got.view(np.uint8), want.view(np.uint8)), (fold.__name__, ids_kind)


def test_rounding_order_is_kept():
    # 1 + 2**-24 + 2**-24 stays 1 step by step (each a tie, to even); summing the repeats first gives 1 + 2**-23
    params = np.array([1.0], np.float32)
    rows = np.full(2, 2.0**-24, np.float32)
    rows_in_order.add_rows(params, np.array([0, 0]), rows)
    assert params[0] == np.float32(1.0)
    rows_in_order.add_rows(params, np.array([0]), rows[:1] + rows[1:])
    assert params[0] == np.float32(1 + 2.0**-23)


def test_negative_zero_rows_keep_signs():
    params = np.array([-0.0, 0.0, -0.0], np.float32)
    rows_in_order.add_rows(params, np.array([0, 0, 2]), np.array([-0.0, -0.0, 0.0], np.float32))
    assert np.signbit(params).tolist() == [True, False, False]
