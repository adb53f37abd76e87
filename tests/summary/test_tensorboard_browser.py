"""TensorBoard's Graphs dashboard, in headless Chromium, on a run of the flagship model
(``examples/siamese_digits.py``): each variable scope of the model is one collapsed box.

Skipped when Chromium (Debian's ``chromium`` package; ``.ci/run`` installs it), TensorBoard or
``websocket-client`` is missing. With ``SCOPEFLOW_SAVE_SCREENSHOTS=1`` the screenshot is also
saved as ``docs/images/tensorboard_graph.png``, the one README.md shows.
"""

import json
import os
import pathlib
import subprocess
import sys
import time

import pytest

import scopeflow as tf
from tests.summary._browser import Browser, chromium_path
from tests.summary._tensorboard import TensorBoardServer, tensorboard_command

pytest.importorskip("tensorboard", reason="TensorBoard is not installed (pip install 'scopeflow[tensorboard]')")
pytest.importorskip("websocket", reason="websocket-client is not installed (the 'test' extra has it)")
pytest.importorskip("sklearn", reason="the flagship example needs scikit-learn (the 'demo' extra)")
CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

REPO = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "docs" / "images" / "tensorboard_graph.png"

# Every rendered graph node, through the dashboard's shadow DOM: [data-name, class].
_NODES = r"""
(() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'g' && el.classList.contains('node')) {
        found.push([el.getAttribute('data-name'), el.getAttribute('class')]);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return JSON.stringify(found);
})()
"""


@pytest.fixture(scope="module")
def flagship_logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("flagship")
    subprocess.run([sys.executable, str(REPO / "examples" / "siamese_digits.py"), "--steps", "30",
                    "--checkpoint-dir", str(root / "checkpoints"), "--logdir", str(root / "logs")],
                   check=True, capture_output=True, cwd=str(root))
    return root / "logs"


def _variable_scopes(logdir):
    """The top-level scopes of the variables in the run's graph (``encoder``, ``head``)."""
    (name,) = os.listdir(logdir / "train")
    graph_event = next(e for e in tf.train.summary_iterator(str(logdir / "train" / name)) if e.graph_def)
    graph_def = tf.GraphDef.FromString(graph_event.graph_def)
    return sorted({n.name.split("/")[0] for n in graph_def.node if n.op == "VariableV2" and "/" in n.name})


def test_each_variable_scope_is_one_box_in_the_graphs_dashboard(flagship_logdir, tmp_path):
    scopes = _variable_scopes(flagship_logdir)
    assert scopes == ["encoder", "head"]
    server = TensorBoardServer(str(flagship_logdir), tensorboard_command())
    browser = None
    try:
        server.wait_for(lambda s: s.json("/data/plugin/graphs/info").get("train", {}).get("run_graph"))
        browser = Browser(CHROMIUM)
        browser.open(f"{server.url}/#graphs&run=train")
        nodes = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(n[0] == "head" for n in nodes):
            time.sleep(0.5)
            nodes = json.loads(browser.evaluate(_NODES))
        time.sleep(1.0)  # let the layout settle for the screenshot
        png = browser.screenshot()
    finally:
        if browser is not None:
            browser.close()
        server.stop()
    (tmp_path / "tensorboard_graph.png").write_bytes(png)
    if os.environ.get("SCOPEFLOW_SAVE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(png)
    names = [name for name, _ in nodes]
    for scope in scopes:
        boxes = [cls for name, cls in nodes if name == scope]
        assert len(boxes) == 1 and "meta" in boxes[0].split(), (scope, nodes)  # one group node ("meta")
        assert not any(name.startswith(scope + "/") for name in names), f"{scope} is not collapsed"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
