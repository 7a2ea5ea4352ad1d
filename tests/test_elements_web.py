"""A new question type on the book's pages is one new folder: dropped into a copy of the package,
the toy slider (tests/elements/slider/) is rendered by html.py and scored by the assembled
browser engine, with no list to edit and no other file changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from node import require_node

HERE = Path(__file__).parent
PACKAGE = HERE.parent / "src" / "advocacyquiz"

PROGRAM = """
import json, sys
from advocacyquiz.bank import BANK
from advocacyquiz.html import engine_js, quiz_data, quiz_html, runtime_js
bank = BANK.validate_python({
    "id": "toy", "module": "audience", "title": {"ar": "لعبة", "en": "Toy"},
    "questions": [{"id": "q1", "type": "slider", "covers": ["KP01"], "prompt": {"ar": "كم؟", "en": "How much?"},
                   "low": 0, "high": 10, "answer": 6, "tolerance": 1}],
})
answers = [6, "7", 8, "9", 11, "x", True]
print(json.dumps({
    "html": quiz_html(bank, "en", "toy"),
    "python": [list(bank.score({"q1": a}).questions[0][1:3]) for a in answers],
    "answers": answers,
    "payload": quiz_data(bank, "en")["questions"][0],
    "runtime": runtime_js(),
    "engine": engine_js(),
}))
"""


def test_a_new_type_folder_is_rendered_and_scored_by_the_browser_engine(tmp_path: Path) -> None:
    node = require_node()
    copy = tmp_path / "advocacyquiz"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(HERE / "elements" / "slider", copy / "questions" / "slider")
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert 'data-aq-type="slider"' in out["html"] and "Your answer (0–10)" in out["html"]
    assert 'inputmode="numeric"' in out["html"]
    assert out["runtime"].index('register("slider"') < out["runtime"].index('register("text"')  # sorted, found
    assert 'register("slider"' in out["engine"] and "function Player" not in out["engine"]

    engine = tmp_path / "engine.js"
    engine.write_text(out["engine"], encoding="utf-8")
    script = (
        f"const aq = require({json.dumps(str(engine))});\n"
        f"const q = {json.dumps(out['payload'])};\n"
        f"const answers = {json.dumps(out['answers'])};\n"
        "process.stdout.write(JSON.stringify(answers.map(a => { const r = aq.grade(q, a); return [r.status, r.points]; })));"
    )
    scored = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(scored.stdout) == out["python"]
    assert [status for status, _ in out["python"]] == [
        "correct",
        "correct",
        "partial",
        "incorrect",
        "invalid",
        "invalid",
        "invalid",
    ]
