/* advocacyquiz engine: scores quizzes and plays scenarios exactly as the Python engine does.
 *
 * Pure: no DOM, no storage, no randomness but a passed-in seed; it runs in the browser and under
 * Node.js (tests/js/ and the parity tests hold it equal to the Python engine rule for rule). What a
 * question type is lives in its folder: `questions/<type>/element.js` registers the type here
 * (`register`), with its scoring and the public ids of its shuffled part; html.runtime_js() puts
 * this file, then every type's element.js, then the page code (page.js) into advocacyquiz.js.
 */
var AdvocacyQuiz = (function () {
  "use strict";

  // ---- Normalisation (normalise.py) ---------------------------------------------------------
  // Python's str.isspace() characters, spelled out: JavaScript's \s differs (it includes U+FEFF).
  var WS = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACES = new RegExp("[" + WS + "]+", "g");
  var BLANK = new RegExp("^[" + WS + "]*$");
  var DIACRITICS = /[\u064b-\u065f\u0670\u0640]/g;
  var ALEF = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه" };
  var DROPPED = /[\p{P}\p{Cf}]/gu;

  // Python's str.casefold, as per-character lower-casing plus the characters where the two differ
  // (ß → ss, ς → σ, Cherokee…). The table is written from Python's own data when the book is built.
  var CASEFOLD = {}; /* @casefold-table@ */

  function casefold(text) {
    var out = "";
    for (var ch of text) out += Object.prototype.hasOwnProperty.call(CASEFOLD, ch) ? CASEFOLD[ch] : ch.toLowerCase();
    return out;
  }

  function normaliseText(text) {
    text = casefold(text.normalize("NFKC"));
    text = text.replace(DIACRITICS, "").replace(/[أإآٱىة]/g, function (c) { return ALEF[c]; });
    text = text.replace(DROPPED, "");
    return text.split(SPACES).filter(Boolean).join(" ");
  }

  var DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹";
  var IGNORED = new RegExp("[" + WS + "\\u200e\\u200f\\u061c\\u2066-\\u2069]+", "g");
  var NUMBER = /^(?:[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+)$/;

  function parseNumber(text) {
    text = text.replace(/[٠-٩۰-۹]/g, function (d) { return String(DIGITS.indexOf(d) % 10); });
    text = text.replace(IGNORED, "").replace(/٫/g, ".").replace(/٬/g, ",").replace(/−/g, "-");
    if (text.endsWith("%") || text.endsWith("٪")) text = text.slice(0, -1);
    else if (text.startsWith("%") || text.startsWith("٪")) text = text.slice(1);
    if (!NUMBER.test(text)) return null;
    var value = Number(text.replace(/,/g, ""));
    return isFinite(value) ? value : null;
  }

  // ---- Scoring (scoring.py; each type's rule is in its element.js) ----------------------------
  var EPSILON = 1e-9;

  function Invalid(reason) { this.reason = reason; }

  function isBlank(raw) {
    if (raw === null || raw === undefined) return true;
    if (typeof raw === "string") return BLANK.test(raw);
    if (Array.isArray(raw)) return raw.length === 0;
    return isPlainObject(raw) && Object.keys(raw).length === 0;
  }

  function isPlainObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  function asId(raw, known) {
    if (typeof raw === "string" && known.indexOf(raw) >= 0) return raw;
    throw new Invalid("unknown-choice");
  }

  function asIds(raw, known) {
    if (!Array.isArray(raw)) throw new Invalid("not-a-list");
    var ids = raw.map(function (item) { return asId(item, known); });
    if (new Set(ids).size !== ids.length) throw new Invalid("repeated");
    return ids;
  }

  function asText(raw) {
    if (typeof raw === "string") return raw;
    throw new Invalid("not-text");
  }

  // ---- Question types (questions/<type>/element.js) --------------------------------------------
  var TYPES = {};

  /** A question type's browser half: {score(q, raw) -> [fraction, feedback], publicIds(q) -> the
   * public ids of its shuffled part (none: not shuffled), page: its hooks for page.js}. */
  function register(type, element) { TYPES[type] = element; }

  function element(type) {
    if (!Object.prototype.hasOwnProperty.call(TYPES, type)) throw new Error("no question type " + type);
    return TYPES[type];
  }

  /** Score one answer: {id, status, points, maxPoints, feedback, reason}. Never throws. */
  function grade(q, raw) {
    var result = { id: q.id, status: "unanswered", points: 0, maxPoints: q.points, feedback: [], reason: null };
    if (isBlank(raw)) return result;
    var scored;
    try {
      scored = element(q.type).score(q, raw);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      result.status = "invalid";
      result.reason = error.reason;
      return result;
    }
    var fraction = scored[0];
    result.status = fraction >= 1 ? "correct" : fraction <= 0 ? "incorrect" : "partial";
    result.points = fraction * q.points;
    result.feedback = scored[1];
    return result;
  }

  /** Score a whole response, as Bank.score does. */
  function score(data, responses) {
    var results = data.questions.map(function (q) {
      return grade(q, Object.prototype.hasOwnProperty.call(responses, q.id) ? responses[q.id] : null);
    });
    var known = data.questions.map(function (q) { return q.id; });
    return {
      score: results.reduce(function (sum, r) { return sum + r.points; }, 0),
      maxScore: results.reduce(function (sum, r) { return sum + r.maxPoints; }, 0),
      questions: results,
      unknown: Object.keys(responses).filter(function (key) { return known.indexOf(key) < 0; }),
    };
  }

  // ---- Presentation order (presentation.py) ------------------------------------------------
  /** 32-bit FNV-1a of the UTF-8 bytes. */
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    return value;
  }

  /** mulberry32 from the seed mixed with the salt: a function giving unsigned 32-bit integers. */
  function stream(seed, salt) {
    var state = (seed ^ fnv1a(salt)) >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
      t = (t ^ (t + Math.imul(t ^ (t >>> 7), t | 61))) >>> 0;
      return (t ^ (t >>> 14)) >>> 0;
    };
  }

  /** Fisher–Yates with the seeded stream; r * (i + 1) stays below 2**53, so the division is exact. */
  function shuffled(ids, seed, salt) {
    var out = ids.slice(), next = stream(seed, salt);
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor((next() * (i + 1)) / 4294967296);
      var swap = out[i]; out[i] = out[j]; out[j] = swap;
    }
    return out;
  }

  /** The public ids of a question's shuffled part, in the order this seed shows them ([] if none). */
  function presentationOrder(q, seed) {
    var kind = element(q.type);
    return shuffled(kind.publicIds ? kind.publicIds(q).slice().sort() : [], seed, q.id);
  }

  // ---- Scenarios (scenario/conditions.py and scenario/engine.py) -----------------------------
  var COMPARE = {
    "<": function (a, b) { return a < b; }, "<=": function (a, b) { return a <= b; },
    ">": function (a, b) { return a > b; }, ">=": function (a, b) { return a >= b; },
    "==": function (a, b) { return a === b; }, "!=": function (a, b) { return a !== b; },
  };

  /** Evaluate a parsed condition: ["or"|"and", ...] | ["not", c] | ["cmp", name, op, integer]. */
  function holds(tree, values) {
    var head = tree[0];
    if (head === "cmp") return COMPARE[tree[2]](values[tree[1]], tree[3]);
    if (head === "not") return !holds(tree[1], values);
    var parts = tree.slice(1);
    return head === "and" ? parts.every(function (t) { return holds(t, values); })
                          : parts.some(function (t) { return holds(t, values); });
  }

  function openChoices(sc, nodeId, values) {
    return sc.nodes[nodeId].choices.filter(function (c) { return c.condition === null || holds(c.condition, values); });
  }

  function applyEffects(sc, values, choice) {
    var out = {};
    sc.names.forEach(function (name) {
      var spec = sc.variables[name];
      out[name] = Math.min(spec.max, Math.max(spec.min, values[name] + (choice.effects[name] || 0)));
    });
    return out;
  }

  function finalScore(sc, endingId, values) {
    var total = 0;
    sc.names.forEach(function (name) {
      var weight = sc.weights[name] || 0, spec = sc.variables[name];
      if (weight && spec.max > spec.min) total += weight * (values[name] - spec.min) / (spec.max - spec.min);
    });
    total += sc.nodes[endingId].points;
    return Math.max(0, Math.min(100, Math.floor(total + 0.5)));
  }

  /** Play a path from the start: {node, values, steps, score}; throws on a choice that is not open. */
  function replay(sc, path) {
    var node = sc.start, values = Object.assign({}, sc.initial), steps = [];
    path.forEach(function (id) {
      var choice = openChoices(sc, node, values).find(function (c) { return c.id === id; });
      if (!choice) throw new Error("choice " + id + " is not open at " + node);
      values = applyEffects(sc, values, choice);
      steps.push({ node: node, choice: choice, values: values });
      node = choice.next;
    });
    var ending = sc.nodes[node].ending !== null;
    return { node: node, values: values, steps: steps, score: ending ? finalScore(sc, node, values) : null };
  }

  /** The longest beginning of `path` that still plays (a saved path may predate a content change). */
  function playable(sc, path) {
    var node = sc.start, values = Object.assign({}, sc.initial), kept = [];
    for (var i = 0; i < path.length && sc.nodes[node]; i++) {
      var id = path[i], choice = openChoices(sc, node, values).find(function (c) { return c.id === id; });
      if (!choice) break;
      values = applyEffects(sc, values, choice);
      node = choice.next;
      kept.push(id);
    }
    return kept;
  }

  /** What the learner did, what came of it, and what to revisit (scenario/engine.py, `debrief`):
   * the key points of every choice not rated good, in the order first met. */
  function debrief(sc, path) {
    var run = replay(sc, path), node = sc.nodes[run.node], revisit = [];
    run.steps.forEach(function (step) {
      if (step.choice.rating === "good") return;
      step.choice.covers.forEach(function (k) { if (revisit.indexOf(k) < 0) revisit.push(k); });
    });
    return {
      scenario: sc.id,
      steps: run.steps.map(function (s) {
        return { node: s.node, choice: s.choice.id, rating: s.choice.rating, values: s.values };
      }),
      ending: node.ending !== null ? run.node : null,
      kind: node.kind,
      score: run.score,
      values: run.values,
      revisit: revisit,
    };
  }

  return {
    Invalid: Invalid, register: register, element: element,
    isBlank: isBlank, isPlainObject: isPlainObject, asId: asId, asIds: asIds, asText: asText, EPSILON: EPSILON,
    normaliseText: normaliseText, parseNumber: parseNumber, grade: grade, score: score,
    fnv1a: fnv1a, shuffled: shuffled, presentationOrder: presentationOrder,
    holds: holds, openChoices: openChoices, replay: replay, finalScore: finalScore, playable: playable, debrief: debrief,
  };
})();

if (typeof module !== "undefined" && module.exports) module.exports = AdvocacyQuiz; // Node.js, for the tests
