"""tf.test.compute_gradient / compute_gradient_error: Jacobian layout, lists of inputs, sparse
gradients, extra feeds, init targets and a wrong gradient caught."""

import numpy as np

import scopeflow as tf


class GradientCheckerTest(tf.test.TestCase):
    def test_matmul_jacobians_agree(self):
        with self.cached_session():
            x = tf.constant(np.arange(6.0).reshape(2, 3), dtype=tf.float64)
            w = tf.constant(np.linspace(-1, 1, 12).reshape(3, 4), dtype=tf.float64)
            y = tf.matmul(x, w)
            jt, jn = tf.test.compute_gradient(x, [2, 3], y, [2, 4], x_init_value=np.ones((2, 3)))
            self.assertEqual(jt.shape, (6, 8))
            self.assertAllClose(jt, jn, atol=1e-8)
            # d y[0, j] / d x[0, i] = w[i, j]
            self.assertAllClose(jt[:3, :4], np.linspace(-1, 1, 12).reshape(3, 4))

    def test_list_of_inputs_gives_a_list_of_pairs(self):
        with self.cached_session():
            a = tf.constant([1.0, 2.0, 3.0], tf.float64)  # fed by the checker, read as they are otherwise
            b = tf.constant([4.0, 5.0, 6.0], tf.float64)
            y = a * b
            pairs = tf.test.compute_gradient([a, b], [[3], [3]], y, [3],
                                             x_init_value=[np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])])
            self.assertEqual(len(pairs), 2)
            self.assertAllClose(pairs[0][0], np.diag([4.0, 5.0, 6.0]))
            self.assertAllClose(pairs[1][1], np.diag([1.0, 2.0, 3.0]), atol=1e-6)
            err = tf.test.compute_gradient_error([a, b], [[3], [3]], y, [3])
            self.assertLess(err, 1e-6)

    def test_sparse_gradient_of_gather(self):
        with self.cached_session():
            params = tf.placeholder(tf.float64, [4, 2])
            y = tf.gather(params, [2, 0, 2])
            jt, jn = tf.test.compute_gradient(params, [4, 2], y, [3, 2])
            self.assertAllClose(jt, jn, atol=1e-8)
            self.assertEqual(jt[4, 0], 1.0)  # params[2, 0] -> y[0, 0]

    def test_extra_feed_and_init_targets(self):
        with self.cached_session():
            scale = tf.placeholder(tf.float64, [])
            v = tf.Variable(np.array([1.0, 2.0]), name="v")
            x = tf.placeholder(tf.float64, [2])
            y = x * v * scale
            err = tf.test.compute_gradient_error(x, [2], y, [2], init_targets=[v.initializer],
                                                 extra_feed_dict={scale: 3.0})
            self.assertLess(err, 1e-8)

    def test_a_wrong_gradient_shows_as_error(self):
        @tf.RegisterGradient("TestingWrongSquareGrad")
        def _wrong(op, grad):
            return grad * op.inputs[0]  # forgot the factor 2

        with self.cached_session() as sess:
            x = tf.placeholder(tf.float64, [3])
            with sess.graph.gradient_override_map({"Square": "TestingWrongSquareGrad"}):
                y = tf.square(x)
            err = tf.test.compute_gradient_error(x, [3], y, [3], x_init_value=np.array([1.0, 2.0, 3.0]))
            self.assertNear(err, 3.0, 1e-6)

    def test_integer_inputs_are_refused(self):
        with self.cached_session():
            x = tf.placeholder(tf.int32, [2])
            with self.assertRaisesRegex(TypeError, "Expected int32"):  # TF's dy constant fails first, as here
                tf.test.compute_gradient(x, [2], x * 2, [2])
            y = tf.cast(x, tf.float32)
            with self.assertRaisesRegex(AssertionError, "Don't support type int32 for x"):
                tf.test.compute_gradient(x, [2], y, [2])
