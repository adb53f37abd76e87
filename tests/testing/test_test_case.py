"""tf.test.TestCase used as TF1 users' unit tests use it: sessions, evaluate, the assertions and
their failure texts, setUp's graph reset and seeds."""

import os
import random

import numpy as np

import scopeflow as tf


class SessionsTest(tf.test.TestCase):
    def test_setup_resets_the_default_graph_and_seeds(self):
        graph = tf.get_default_graph()
        self.assertEqual(graph.get_operations(), [])
        self.assertEqual(graph.seed, 87654321)
        random.seed(87654321)
        expected = random.random()
        self.setUp()
        self.assertEqual(random.random(), expected)
        self.assertIsNot(tf.get_default_graph(), graph)

    def test_cached_session_is_one_session_and_the_default(self):
        with self.cached_session() as sess:
            self.assertIs(tf.get_default_session(), sess)
            self.assertIs(sess.graph, tf.get_default_graph())
            x = tf.constant([1.0, 2.0]) * 2.0
            self.assertAllEqual(x.eval(), [2.0, 4.0])
        with self.cached_session() as again:
            self.assertIs(again, sess)
        with self.test_session() as old_name:
            self.assertIs(old_name, sess)

    def test_cached_session_refuses_another_graph(self):
        with self.cached_session():
            pass
        with self.assertRaisesRegex(ValueError, "The graph used to get the cached session is different"):
            with self.cached_session(graph=tf.Graph()):
                pass

    def test_session_is_new_and_closed_after_the_block(self):
        g = tf.Graph()
        with self.session(graph=g) as sess:
            self.assertIs(tf.get_default_graph(), g)
            c = tf.constant(3, name="c")
            self.assertEqual(c.name, "c:0")
            self.assertEqual(self.evaluate(c), 3)
        with self.assertRaises(RuntimeError):
            sess.run(c)

    def test_use_gpu_false_pins_the_cpu(self):
        with self.session(use_gpu=False):
            self.assertEqual(tf.constant(1.0).device, "/device:CPU:0")

    def test_evaluate_nests_and_variables(self):
        v = tf.Variable([1.0, 2.0], name="v")
        self.evaluate(tf.global_variables_initializer())
        got = self.evaluate({"v": v, "pair": (v * 2.0, tf.constant("s"))})
        self.assertAllClose(got["v"], [1.0, 2.0])
        self.assertAllClose(got["pair"][0], [2.0, 4.0])
        self.assertEqual(got["pair"][1], b"s")

    def test_get_temp_dir_is_the_tests_own(self):
        path = self.get_temp_dir()
        self.assertTrue(os.path.isdir(path))
        self.assertEqual(self.get_temp_dir(), path)
        self.assertTrue(path.startswith(tf.test.get_temp_dir()))


class AssertionsTest(tf.test.TestCase):
    def test_all_close_on_tensors_nests_and_failures(self):
        with self.cached_session():
            self.assertAllClose(tf.constant([1.0, 2.0]), [1.0, 2.0 + 1e-7])
            self.assertAllClose({"a": [1.0, (2.0, 3.0)]}, {"a": [1.0, (2.0, 3.0)]})
            with self.assertRaisesRegex(AssertionError, "not close where"):
                self.assertAllClose([1.0, 2.0], [1.0, 2.1])
            with self.assertRaisesRegex(AssertionError, r"Shape mismatch: expected \(2,\), got \(3,\)"):
                self.assertAllClose([1.0, 2.0], [1.0, 2.0, 3.0])
            with self.assertRaisesRegex(ValueError, "Can't compare dict to non-dict"):
                self.assertAllClose({"a": 1.0}, [1.0])
            self.assertNotAllClose([1.0], [2.0])
            self.assertAllCloseAccordingToType(np.float16([1.0]), np.float16([1.0005]))

    def test_all_equal(self):
        self.assertAllEqual([[1, 2]], np.array([[1, 2]]))
        self.assertAllEqual([np.nan], [np.nan])
        self.assertAllEqual([b"a"], ["a"])
        with self.assertRaisesRegex(AssertionError, "not equal where"):
            self.assertAllEqual([1, 2], [1, 3])
        self.assertNotAllEqual([1], [2])

    def test_ranges_sets_orderings(self):
        self.assertAllInRange([0.0, 0.5, 1.0], 0.0, 1.0)
        with self.assertRaisesRegex(AssertionError, r"1 of the 3 element\(s\) are outside the range \(0.0, 1.0\]"):
            self.assertAllInRange([0.0, 0.5, 1.0], 0.0, 1.0, open_lower_bound=True)
        with self.assertRaisesRegex(AssertionError, "1 of the 2 element"):
            self.assertAllInRange([np.nan, 0.5], 0.0, 1.0)
        with self.assertRaisesRegex(AssertionError, "does not have an ordered numeric type"):
            self.assertAllInRange(["a"], 0, 1)
        self.assertAllInSet([1, 2, 1], {1, 2})
        self.assertAllGreater([2, 3], 1)
        self.assertAllLessEqual([2, 3], 3)
        self.assertDTypeEqual(np.zeros(2, np.float32), np.float32)

    def test_near(self):
        self.assertNear(1.0, 1.05, 0.1)
        with self.assertRaisesRegex(AssertionError, r"1.000000 != 2.000000 \+/- 0.100000 \(difference: 1\)"):
            self.assertNear(1.0, 2.0, 0.1)
        self.assertArrayNear([1.0, 2.0], [1.01, 2.01], 0.1)
        self.assertNDArrayNear(np.ones(3), np.ones(3) + 1e-3, 0.01)
        with self.assertRaises(AssertionError):
            self.assertNDArrayNear(np.ones(3), np.zeros(3), 0.01)

    def test_shape_and_device(self):
        x = tf.placeholder(tf.float32, [2, 3])
        self.assertShapeEqual(np.zeros((2, 3)), x)
        with self.assertRaisesRegex(TypeError, "input_a must be a Numpy ndarray"):
            self.assertShapeEqual([1], x)
        self.assertDeviceEqual("/cpu:0", "/device:CPU:0")
        with self.assertRaisesRegex(AssertionError, "are not equal"):
            self.assertDeviceEqual("/cpu:0", "/gpu:0")

    def test_raises_op_error(self):
        x = tf.placeholder(tf.float32)
        check = tf.debugging.check_numerics(x, "bad value")
        with self.cached_session():
            with self.assertRaisesOpError("bad value"):
                check.eval(feed_dict={x: np.inf})
            with self.assertRaisesOpError(lambda e: isinstance(e, tf.errors.InvalidArgumentError)):
                check.eval(feed_dict={x: np.nan})
        with self.assertRaisesRegex(AssertionError, "Exception of type"):
            with self.assertRaisesWithPredicateMatch(ValueError, "x"):
                raise TypeError("x")
        with self.assertRaisesRegex(AssertionError, "Exception of type .*AssertionError.*: ValueError not raised"):
            with self.assertRaisesWithPredicateMatch(ValueError, "x"):
                pass

    def test_proto_equals(self):
        graph_def = tf.Graph().as_graph_def()
        self.assertProtoEquals(f"versions {{ producer: {tf.GRAPH_DEF_VERSION} }}", graph_def)


class CheckedThreadTest(tf.test.TestCase):
    def test_failure_in_a_thread_fails_the_test_on_join(self):
        def boom():
            raise ValueError("in thread")

        thread = self.checkedThread(boom)
        thread.start()
        with self.assertRaisesRegex(AssertionError, "Error in checkedThread: in thread"):
            thread.join()
