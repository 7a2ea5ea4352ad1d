// The JavaScript engine against the contract's shared test vectors (tests/vectors/contract.json),
// which the Python engine passes too. Run: AQ_RUNTIME=<built advocacyquiz.js> node --test tests/js/
// (tests/test_contract.py does this with the runtime as the book ships it).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const runtime = process.env.AQ_RUNTIME;
if (!runtime) throw new Error("set AQ_RUNTIME to the built runtime (see tests/test_contract.py)");
const aq = require(path.resolve(runtime));
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "vectors", "contract.json"), "utf8"));

test("the contract version is the one this engine implements", () => {
  assert.equal(vectors.version, 1);
});

test("presentation order", () => {
  for (const v of vectors.presentation) assert.deepEqual(aq.presentationOrder(v.question, v.seed), v.order, v.question.id);
});

test("grading", () => {
  for (const v of vectors.grading) {
    const got = aq.grade(v.question, v.answer);
    const label = `${v.question.id} ${JSON.stringify(v.answer)}`;
    assert.equal(got.status, v.status, label);
    assert.equal(got.reason, v.reason, label);
    assert.equal(got.points, v.points, label);
    if (v.status !== "invalid") assert.deepEqual(got.feedback, v.feedback, label);
  }
});

test("normalisation and numbers", () => {
  for (const [text, want] of vectors.normalise) assert.equal(aq.normaliseText(text), want, JSON.stringify(text));
  for (const [text, want] of vectors.numbers) assert.equal(aq.parseNumber(text), want, JSON.stringify(text));
});

test("every reason an answer can be invalid is met", () => {
  const met = new Set(vectors.grading.map((v) => v.reason).filter(Boolean));
  assert.deepEqual([...met].sort(), vectors.reasons);
});

test("the debrief of every path: score, ratings along it, what to revisit", () => {
  const sc = vectors.debrief.scenario;
  assert.ok(vectors.debrief.paths.some((v) => v.debrief.revisit.length > 1));
  for (const v of vectors.debrief.paths) assert.deepEqual(aq.debrief(sc, v.path), v.debrief, v.path.join(" > "));
});

test("a saved path keeps its longest beginning that still plays", () => {
  const sc = vectors.debrief.scenario;
  for (const v of vectors.debrief.paths) {
    assert.deepEqual(aq.playable(sc, v.path), v.path);
    assert.deepEqual(aq.playable(sc, [...v.path, "no-such-choice", ...v.path]), v.path);
  }
});
