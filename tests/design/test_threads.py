"""Two threads building in one shared graph keep their scopes apart.

The default-graph stack, name-scope stack and variable-scope stack are per thread, while
the graph's name registry and variable store are shared: interleaved construction must give
each thread its own prefixes and never produce a duplicate op name.
"""

import threading

import scopeflow as tf

N_THREADS = 2
N_STEPS = 50


def test_two_threads_build_in_one_graph():
    g = tf.Graph()
    barrier = threading.Barrier(N_THREADS)
    variables = {i: [] for i in range(N_THREADS)}
    op_names = {i: [] for i in range(N_THREADS)}
    seen_scopes = {i: set() for i in range(N_THREADS)}
    errors = []

    def build(i):
        try:
            with g.as_default():
                with tf.variable_scope(f"tower{i}"), tf.name_scope(f"ns{i}"):
                    x = tf.constant(1.0, shape=[1], name="x")
                    for step in range(N_STEPS):
                        barrier.wait(timeout=30)
                        seen_scopes[i].add(tf.get_variable_scope().name)
                        v = tf.get_variable(f"v{step}", [1])
                        variables[i].append(v)
                        x = tf.add(x, v)
                        x = tf.multiply(x, 2.0)
                        op_names[i].append(x.op.name)
                        seen_scopes[i].add(tf.get_variable_scope().name)
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=build, args=(i,)) for i in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert not errors, errors

    for i in range(N_THREADS):
        assert len(variables[i]) == N_STEPS
        for step, v in enumerate(variables[i]):
            assert v.name == f"tower{i}/v{step}:0"
        assert seen_scopes[i] == {f"tower{i}"}
        assert all(name.startswith(f"tower{i}/ns{i}/") for name in op_names[i]), op_names[i][:3]

    names = [op.name for op in g.get_operations()]
    assert len(names) == len(set(names))
    assert len(g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)) == N_THREADS * N_STEPS
