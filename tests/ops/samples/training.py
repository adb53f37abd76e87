"""Checkpoint ops: they read and write files, so they are tested through sessions."""

from tests.ops.samples import exempt

exempt("SaveV2", "writes files; tests/training/test_saver.py and tests/conformance/cases/saver.py")
exempt("RestoreV2", "reads files; tests/training/test_saver.py, test_init_from_checkpoint.py and "
                    "tests/conformance/cases/saver.py")
