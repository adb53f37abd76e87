"""A headless Chromium driven over the Chrome DevTools Protocol (no tests here).

``Browser`` starts ``chromium --headless`` with a DevTools port, connects to its page over a
WebSocket (``websocket-client``) and offers the three calls the tests need: ``open``,
``evaluate`` (a JavaScript expression's JSON-able value) and ``screenshot`` (PNG bytes).
"""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

from tests.summary._tensorboard import free_port, stop_process

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium_path():
    """Debian's Chromium (``/usr/bin/chromium``), or another ``chromium`` on the PATH; None if absent."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


class Browser:
    def __init__(self, executable: str, width: int = 1400, height: int = 900):
        import websocket  # loaded on first use: the browser tests' optional dependency

        self._profile = tempfile.mkdtemp(prefix="sf_chromium_")
        port = free_port()
        self._process = subprocess.Popen(
            [executable, *FLAGS, f"--remote-debugging-port={port}", f"--user-data-dir={self._profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page = self._first_page(port)
        self._socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self._next_id = 0
        self.call("Page.enable")

    def _first_page(self, port):
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=5) as response:
                    pages = [t for t in json.loads(response.read()) if t["type"] == "page"]
                if pages:
                    return pages[0]
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not open its DevTools port")
            time.sleep(0.2)

    def call(self, method: str, **params) -> dict:
        """Send one DevTools command; return its result (events in between are skipped)."""
        self._next_id += 1
        self._socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "JavaScript error"))
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self) -> None:
        try:
            self._socket.close()
        finally:
            stop_process(self._process)
            shutil.rmtree(self._profile, ignore_errors=True)
