"""Running the browser engine (html.engine_js: the engine and every type, no page code) under Node.js,
for tests that hold it equal to the Python engine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from advocacyquiz.html import engine_js

NODE = shutil.which("node")


def require_node() -> str:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is needed to test the browser runtime and must be on PATH in CI")
        pytest.skip("Node.js is not installed")
    return NODE


def run(tmp_path: Path, script: str, payload: Any) -> Any:
    """Run `script` with the engine loaded as `aq` and the payload as `input`; return its JSON output."""
    node = require_node()
    runtime = tmp_path / "engine.js"
    runtime.write_text(engine_js(), encoding="utf-8")
    program = (
        f"const aq = require({json.dumps(str(runtime))});\n"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        f"{script}\n"
    )
    done = subprocess.run(
        [node, "-e", program],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
