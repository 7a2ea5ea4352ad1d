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
    assert.equal(got.points, v.points, label);
    if (v.status !== "invalid") assert.deepEqual(got.feedback, v.feedback, label);
  }
});

test("normalisation and numbers", () => {
  for (const [text, want] of vectors.normalise) assert.equal(aq.normaliseText(text), want, JSON.stringify(text));
  for (const [text, want] of vectors.numbers) assert.equal(aq.parseNumber(text), want, JSON.stringify(text));
});
