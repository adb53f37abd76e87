"""tf.test.main runs a TF1-style test file; the device queries; Benchmark reports entries."""

import subprocess
import sys
import textwrap

import pytest

import scopeflow as tf

TEST_FILE = textwrap.dedent('''
    import numpy as np
    import scopeflow as tf


    class SquareTest(tf.test.TestCase):
        def testSquare(self):
            with self.test_session():
                x = tf.square([2, 3])
                self.assertAllEqual(x.eval(), [4, 9])

        def testGradient(self):
            with self.cached_session():
                x = tf.constant([1.0, 2.0], dtype=tf.float64)
                err = tf.test.compute_gradient_error(x, [2], tf.square(x), [2])
                self.assertLess(err, 1e-6)

        def testFails(self):
            self.assertAllClose([1.0], [2.0])


    if __name__ == "__main__":
        tf.test.main()
''')


def test_main_runs_the_test_file(tmp_path):
    path = tmp_path / "square_test.py"
    path.write_text(TEST_FILE)
    result = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "Ran 4 tests" in result.stderr  # test_session, inherited, is skipped as in TF
    assert "FAIL: testFails" in result.stderr and "not close lhs = [1.]" in result.stderr
    assert "FAILED (failures=1, skipped=1)" in result.stderr


def test_device_queries():
    assert tf.test.is_gpu_available() is False and tf.test.is_gpu_available(cuda_only=True) is False
    assert tf.test.gpu_device_name() == ""
    assert not (tf.test.is_built_with_cuda() or tf.test.is_built_with_rocm() or tf.test.is_built_with_gpu_support()
                or tf.test.is_built_with_xla())
    assert tf.test.mock.patch is not None


class _AddBenchmark(tf.test.Benchmark):
    def benchmark_add(self):
        with tf.Graph().as_default(), tf.Session() as sess:
            total = tf.add(tf.constant(1.0), 2.0)
            return self.run_op_benchmark(sess, total, burn_iters=1, min_iters=3, extras={"size": 1})


def test_benchmark_reports_named_entries(capsys):
    values = _AddBenchmark().benchmark_add()
    out = capsys.readouterr().out
    assert 'name: "_AddBenchmark.benchmark_add"' in out and "iters: 3" in out
    assert values["iters"] == 3 and values["wall_time"] >= 0
    assert {"size", "wall_time_mean", "wall_time_stdev"} <= set(values["extras"])


def test_report_benchmark_checks_extras():
    with pytest.raises(TypeError, match="extras must be a dict"):
        _AddBenchmark().report_benchmark(extras=[1])
    with pytest.raises(TypeError, match="metric must has a 'value' field"):
        _AddBenchmark().report_benchmark(metrics=[{"name": "m"}])
