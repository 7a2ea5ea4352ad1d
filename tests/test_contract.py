"""One contract, two engines: the shared test vectors hold for Python and, under node's own test
runner, for the browser runtime."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from advocacyquiz.html import engine_js
from advocacyquiz.ui import STRINGS

from node import require_node
from vectors.make import vectors

HERE = Path(__file__).parent


def test_the_python_engine_gives_the_committed_vectors() -> None:
    committed = json.loads((HERE / "vectors" / "contract.json").read_text(encoding="utf-8"))
    assert vectors() == committed, "the engine changed the contract: rerun tests/vectors/make.py if deliberate"


def test_the_vectors_meet_every_invalid_reason_and_a_debrief_to_revisit() -> None:
    contract = vectors()
    met = {v["reason"] for v in contract["grading"] if v["status"] == "invalid"}
    assert met == {key.removeprefix("invalid.") for key in STRINGS if key.startswith("invalid.")}
    assert all(STRINGS[f"invalid.{reason}"]["ar"] for reason in met)
    revisits = [v["debrief"]["revisit"] for v in contract["debrief"]["paths"]]
    assert ["KP02", "KP01", "KP05"] in revisits and [] in revisits  # order first met, no repeats


def test_the_javascript_engine_passes_them_under_node_test(tmp_path: Path) -> None:
    node = require_node()
    runtime = tmp_path / "engine.js"
    runtime.write_text(engine_js(), encoding="utf-8")
    done = subprocess.run(
        [node, "--test", str(HERE / "js")],
        env={**os.environ, "AQ_RUNTIME": str(runtime)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 7" in done.stdout
