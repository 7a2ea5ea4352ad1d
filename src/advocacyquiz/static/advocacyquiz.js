/* advocacyquiz runtime: scores the book's quizzes in the browser, with no server and no network.
 *
 * The scoring functions mirror the Python engine (src/advocacyquiz/questions/, normalise.py)
 * rule for rule; tests run both on the same generated responses and require equal results.
 * The page's markup is rendered and escaped at build time; this file only sets textContent.
 */
(function (root) {
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

  // ---- Scoring (scoring.py and questions/*.py) -----------------------------------------------
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

  function optionIds(q) { return q.options.map(function (o) { return o.id; }); }

  var KINDS = {
    single: function (q, raw) {
      var chosen = asId(raw, optionIds(q));
      var option = q.options.find(function (o) { return o.id === chosen; });
      return [option.correct ? 1 : 0, option.feedback ? [option.feedback] : []];
    },
    multiple: function (q, raw) {
      var chosen = asIds(raw, optionIds(q));
      var byId = {};
      q.options.forEach(function (o) { byId[o.id] = o; });
      var rightCount = q.options.filter(function (o) { return o.correct; }).length;
      var right = chosen.filter(function (id) { return byId[id].correct; }).length;
      var net = right - (chosen.length - right);
      var feedback = chosen.map(function (id) { return byId[id].feedback; }).filter(Boolean);
      return [Math.max(0, net / rightCount), feedback];
    },
    true_false: function (q, raw) {
      var answer;
      if (raw === true || raw === false) answer = raw;
      else if (raw === "true" || raw === "false") answer = raw === "true";
      else throw new Invalid("not-boolean");
      return [answer === q.answer ? 1 : 0, []];
    },
    numeric: function (q, raw) {
      var value = typeof raw === "number" ? raw : parseNumber(asText(raw));
      if (value === null || !isFinite(value)) throw new Invalid("not-a-number");
      return [Math.abs(value - q.answer) <= q.tolerance + EPSILON ? 1 : 0, []];
    },
    text: function (q, raw) {
      return [q.accepted.indexOf(normaliseText(asText(raw))) >= 0 ? 1 : 0, []];
    },
    order: function (q, raw) {
      var ids = asIds(raw, q.items);
      if (ids.length !== q.items.length) throw new Invalid("incomplete-order");
      var ranks = ids.map(function (id) { return q.items.indexOf(id); });
      var n = ranks.length, inOrder = 0;
      for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) if (ranks[i] < ranks[j]) inOrder++;
      return [inOrder / (n * (n - 1) / 2), []];
    },
    match: function (q, raw) {
      if (!isPlainObject(raw)) throw new Invalid("not-a-mapping");
      var lefts = Object.keys(q.pairs), rights = lefts.map(function (left) { return q.pairs[left]; }), right = 0;
      Object.keys(raw).forEach(function (left) {
        asId(left, lefts);
        if (asId(raw[left], rights) === q.pairs[left]) right++;
      });
      return [right / lefts.length, []];
    },
  };

  /** Score one answer: {id, status, points, maxPoints, feedback, reason}. Never throws. */
  function grade(q, raw) {
    var result = { id: q.id, status: "unanswered", points: 0, maxPoints: q.points, feedback: [], reason: null };
    if (isBlank(raw)) return result;
    var scored;
    try {
      scored = KINDS[q.type](q, raw);
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
    var ids = q.options ? optionIds(q) : q.items ? q.items.slice()
      : q.pairs ? Object.keys(q.pairs).map(function (left) { return q.pairs[left]; }) : [];
    if (q.type === "true_false") ids = [];
    return shuffled(ids.sort(), seed, q.id);
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

  var api = {
    normaliseText: normaliseText, parseNumber: parseNumber, grade: grade, score: score,
    fnv1a: fnv1a, shuffled: shuffled, presentationOrder: presentationOrder,
    holds: holds, openChoices: openChoices, replay: replay, finalScore: finalScore,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api; // Node.js, for the tests that hold this file equal to the Python engine
    return;
  }
  root.AdvocacyQuiz = api;

  // ---- Progress, kept only in this browser ----------------------------------------------------
  var PREFIX = "advocacyquiz:";
  var storage = (function () {
    try {
      var probe = PREFIX + "probe";
      root.localStorage.setItem(probe, "1");
      root.localStorage.removeItem(probe);
      return root.localStorage;
    } catch (error) {
      return null; // private mode or storage disabled: quizzes still work, nothing is kept
    }
  })();

  function load(key) {
    if (!storage) return null;
    try { return JSON.parse(storage.getItem(PREFIX + key) || "null"); } catch (error) { return null; }
  }

  function save(key, value) {
    if (storage) storage.setItem(PREFIX + key, JSON.stringify(value));
  }

  function eraseAll() {
    if (!storage) return;
    Object.keys(storage).filter(function (key) { return key.indexOf(PREFIX) === 0; })
      .forEach(function (key) { storage.removeItem(key); });
  }

  // ---- The quiz on the page -------------------------------------------------------------------
  var STATE_VERSION = 2;

  /** This learner's seed: drawn once and kept with their progress. After an erase a new one is
   * drawn but kept only from the learner's next answer, so that an erase leaves nothing behind. */
  var seed = null;

  function learnerSeed(fresh) {
    var saved = fresh ? null : load("seed");
    if (typeof saved === "number" && saved >= 0 && saved < 4294967296 && saved === Math.floor(saved)) seed = saved;
    else {
      seed = root.crypto.getRandomValues(new Uint32Array(1))[0];
      if (!fresh) save("seed", seed);
    }
    return seed;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function number(value) {
    return String(Math.round(value * 100) / 100);
  }

  function Quiz(section, seed) {
    this.section = section;
    this.data = JSON.parse(section.querySelector("script.aq-data").textContent);
    this.strings = this.data.strings;
    this.key = "quiz:" + this.data.bank;
    this.byId = {};
    this.data.questions.forEach(function (q) { this.byId[q.id] = q; }, this);
    this.state = this.loadState();
    this.wire();
    this.arrange(seed);
    this.restore();
  }

  /** Saved progress, or a fresh state. Progress saved against another version of the bank (its
   * hash differs, or it predates hashes) keeps only the answers that still fit a question; the
   * learner is told how many were kept and how many cleared. */
  Quiz.prototype.loadState = function () {
    var saved = load(this.key), byId = this.byId, hash = this.data.hash;
    var state = { version: STATE_VERSION, hash: hash, responses: {}, checked: [] };
    if (!saved || !isPlainObject(saved.responses) || !Array.isArray(saved.checked)) return state;
    var same = saved.hash === hash, dropped = 0;
    Object.keys(saved.responses).forEach(function (id) {
      var fits = byId[id] && (same || grade(byId[id], saved.responses[id]).status !== "invalid");
      if (fits) state.responses[id] = saved.responses[id];
      else dropped++;
    });
    state.checked = saved.checked.filter(function (id) { return state.responses.hasOwnProperty(id); });
    if (!same) this.migrated = { kept: Object.keys(state.responses).length, dropped: dropped };
    return state;
  };

  Quiz.prototype.items = function () {
    return Array.prototype.slice.call(this.section.querySelectorAll(".aq-question"));
  };

  /** Show each question's options, items or match targets in this learner's own order. */
  Quiz.prototype.arrange = function (seed) {
    var self = this;
    this.items().forEach(function (item) {
      var q = self.byId[item.getAttribute("data-aq-question")];
      var order = presentationOrder(q, seed);
      if (!order.length) return;
      if (q.type === "single" || q.type === "multiple") {
        var box = item.querySelector(".aq-options");
        order.forEach(function (id) { box.appendChild(box.querySelector('input[value="' + CSS.escape(id) + '"]').closest("label")); });
      } else if (q.type === "order") {
        var list = item.querySelector(".aq-order");
        order.forEach(function (id) { list.appendChild(list.querySelector('[data-aq-item="' + CSS.escape(id) + '"]')); });
      } else if (q.type === "match") {
        item.querySelectorAll("select").forEach(function (select) {
          order.forEach(function (id) { select.appendChild(select.querySelector('option[value="' + CSS.escape(id) + '"]')); });
        });
      }
      item.aqShown = order;
    });
  };

  Quiz.prototype.wire = function () {
    var self = this;
    this.items().forEach(function (item) {
      item.querySelector(".aq-check").addEventListener("click", function () { self.check(item); });
      item.querySelectorAll(".aq-up, .aq-down").forEach(function (button) {
        button.addEventListener("click", function () { self.move(button); });
      });
      var keep = item.querySelector(".aq-keep-order");
      if (keep) keep.addEventListener("click", function () { item.aqTouched = true; self.check(item); });
      item.querySelectorAll("input[type=text]").forEach(function (input) {
        input.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); self.check(item); }
        });
      });
    });
    this.section.querySelector(".aq-retry").addEventListener("click", function () { self.retry(); });
  };

  Quiz.prototype.move = function (button) {
    var li = button.closest("li");
    var up = button.classList.contains("aq-up");
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    li.parentNode.insertBefore(li, up ? other : other.nextElementSibling);
    li.closest(".aq-question").aqTouched = true; // an order the learner has not touched is no answer
    button.focus(); // keyboard users keep their place
  };

  Quiz.prototype.read = function (item) {
    var type = item.getAttribute("data-aq-type");
    if (type === "single" || type === "true_false") {
      var picked = item.querySelector("input:checked");
      if (!picked) return null;
      return type === "true_false" ? picked.value === "true" : picked.value;
    }
    if (type === "multiple") {
      return Array.prototype.map.call(item.querySelectorAll("input:checked"), function (i) { return i.value; });
    }
    if (type === "numeric" || type === "text") return item.querySelector("input").value;
    if (type === "order") {
      if (!item.aqTouched) return null;
      return Array.prototype.map.call(item.querySelectorAll("[data-aq-item]"), function (li) {
        return li.getAttribute("data-aq-item");
      });
    }
    var answer = {};
    item.querySelectorAll("select").forEach(function (select) {
      if (select.value) answer[select.getAttribute("data-aq-left")] = select.value;
    });
    return answer;
  };

  Quiz.prototype.write = function (item, raw) {
    var type = item.getAttribute("data-aq-type");
    if (raw === null || raw === undefined) return;
    if (type === "single" || type === "true_false" || type === "multiple") {
      var values = [].concat(raw).map(String);
      item.querySelectorAll("input").forEach(function (input) { input.checked = values.indexOf(input.value) >= 0; });
    } else if (type === "numeric" || type === "text") {
      item.querySelector("input").value = String(raw);
    } else if (type === "order" && Array.isArray(raw)) {
      this.placeItems(item, raw);
      item.aqTouched = true;
    } else if (type === "match") {
      item.querySelectorAll("select").forEach(function (select) {
        select.value = raw[select.getAttribute("data-aq-left")] || "";
      });
    }
  };

  Quiz.prototype.placeItems = function (item, ids) {
    var list = item.querySelector(".aq-order");
    ids.forEach(function (id) {
      var li = list.querySelector('[data-aq-item="' + CSS.escape(String(id)) + '"]');
      if (li) list.appendChild(li);
    });
  };

  Quiz.prototype.check = function (item) {
    var id = item.getAttribute("data-aq-question");
    var raw = this.read(item);
    if (isBlank(raw)) {
      delete this.state.responses[id];
      this.state.checked = this.state.checked.filter(function (c) { return c !== id; });
    } else {
      this.state.responses[id] = raw;
      if (this.state.checked.indexOf(id) < 0) this.state.checked.push(id);
    }
    save(this.key, this.state);
    save("seed", seed);
    this.show(item, raw);
    this.summarise();
  };

  Quiz.prototype.show = function (item, raw) {
    var q = this.byId[item.getAttribute("data-aq-question")];
    var result = grade(q, raw);
    var box = item.querySelector(".aq-feedback");
    box.textContent = "";
    item.setAttribute("data-aq-status", result.status);
    var heading = document.createElement("p");
    heading.className = "aq-status";
    heading.textContent = this.strings[result.status] + " — " + number(result.points) + " / " + number(result.maxPoints);
    box.appendChild(heading);
    var lines = result.feedback.slice();
    if (result.status === "invalid") lines.push(this.strings["invalid." + result.reason] || "");
    if (result.status === "unanswered") lines.push(this.strings[q.type === "order" ? "order-untouched" : "unanswered-hint"]);
    lines.forEach(function (text) {
      if (!text) return;
      var p = document.createElement("p");
      p.textContent = text;
      box.appendChild(p);
    });
    if (q.explanation && result.status !== "unanswered" && result.status !== "invalid") {
      var why = document.createElement("p");
      why.className = "aq-explanation";
      why.textContent = this.strings.why + " " + q.explanation;
      box.appendChild(why);
    }
  };

  Quiz.prototype.summarise = function () {
    var result = score(this.data, this.state.responses);
    var done = this.state.checked.length, total = this.data.questions.length;
    var template = done >= total ? this.strings.answered : this.strings.progress;
    var text = done ? format(template, {
      score: number(result.score), max: number(result.maxScore), done: done, total: total,
    }) : "";
    if (this.migrated && (this.migrated.kept || this.migrated.dropped)) text = format(this.strings.migrated, this.migrated) + " " + text;
    this.section.querySelector(".aq-score").textContent = text;
  };

  Quiz.prototype.restore = function () {
    var self = this;
    this.items().forEach(function (item) {
      var id = item.getAttribute("data-aq-question");
      self.write(item, self.state.responses[id]);
      if (self.state.checked.indexOf(id) >= 0) self.show(item, self.state.responses[id]);
    });
    this.summarise();
  };

  Quiz.prototype.retry = function () {
    this.clear();
    save(this.key, this.state);
    this.section.querySelector(".aq-question").querySelector("input, select, button").focus();
  };

  /** Forget every answer on the page (the stored copy is the caller's business); `seed`, when
   * given, is the learner's new seed after an erase: the options are shown in its order. */
  Quiz.prototype.clear = function (seed) {
    var self = this;
    this.state = { version: STATE_VERSION, hash: this.data.hash, responses: {}, checked: [] };
    this.migrated = null;
    if (seed !== undefined) this.arrange(seed);
    this.items().forEach(function (item) {
      item.removeAttribute("data-aq-status");
      item.querySelector(".aq-feedback").textContent = "";
      item.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (i) { i.checked = false; });
      item.querySelectorAll("input[type=text]").forEach(function (i) { i.value = ""; });
      item.querySelectorAll("select").forEach(function (s) { s.value = ""; });
      if (item.aqShown && item.getAttribute("data-aq-type") === "order") self.placeItems(item, item.aqShown);
      item.aqTouched = false;
    });
    this.summarise();
  };

  // ---- The scenario player ------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#1f6fb2", "#c0392b", "#2e8b57", "#8e44ad", "#b9770e"];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Player(section) {
    this.section = section;
    this.sc = JSON.parse(section.querySelector("script.aq-data").textContent);
    this.strings = this.sc.strings;
    this.key = "scenario:" + this.sc.id;
    this.stage = section.querySelector(".aq-sc-stage");
    this.votes = null;
    var saved = load(this.key);
    this.path = saved && Array.isArray(saved.path) ? saved.path : [];
    try { replay(this.sc, this.path); } catch (error) { this.path = []; } // content changed since
    this.render();
  }

  Player.prototype.save = function () { save(this.key, { path: this.path }); };

  Player.prototype.choose = function (id) {
    this.path.push(id);
    this.votes = this.votes && {};
    this.save();
    this.render(true);
  };

  Player.prototype.restart = function () { this.path = []; this.save(); this.render(true); };
  Player.prototype.back = function () { this.path.pop(); this.save(); this.render(true); };
  Player.prototype.clear = function () { this.path = []; this.votes = null; this.render(); };

  Player.prototype.render = function (moveFocus) {
    var self = this, sc = this.sc, run = replay(sc, this.path), node = sc.nodes[run.node];
    this.stage.textContent = "";
    this.stage.appendChild(this.bars(run.values));
    if (run.steps.length) this.stage.appendChild(this.happened(run));
    var heading = el("h4", "aq-sc-heading", node.ending !== null ? this.strings.ending + ": " + this.strings["kind." + node.kind] : "");
    heading.tabIndex = -1;
    if (node.ending !== null) {
      this.stage.appendChild(heading);
      this.stage.appendChild(el("p", "aq-sc-text", node.ending));
      this.debrief(run);
    } else {
      this.stage.appendChild(el("p", "aq-sc-text", node.text));
      var list = el("div", "aq-sc-choices");
      openChoices(sc, run.node, run.values).forEach(function (choice) {
        var row = el("div", "aq-sc-choice");
        var button = el("button", "aq-sc-pick", choice.text);
        button.type = "button";
        button.addEventListener("click", function () { self.choose(choice.id); });
        row.appendChild(button);
        if (self.votes) row.appendChild(self.voteCounter(choice));
        list.appendChild(row);
      });
      this.stage.appendChild(list);
    }
    this.stage.appendChild(this.controls(node.ending !== null));
    if (moveFocus) (this.stage.querySelector(".aq-sc-pick") || heading).focus();
  };

  /** What the last choice changed, as a neutral note: its rating waits for the debrief. */
  Player.prototype.happened = function (run) {
    var sc = this.sc, steps = run.steps, last = steps[steps.length - 1];
    var before = steps.length > 1 ? steps[steps.length - 2].values : sc.initial;
    var changes = sc.names.filter(function (n) { return last.values[n] !== before[n]; }).map(function (n) {
      var delta = last.values[n] - before[n];
      return sc.variables[n].label + " " + (delta > 0 ? "+" : "−") + Math.abs(delta);
    });
    var box = el("div", "aq-sc-happened");
    box.appendChild(el("p", "aq-sc-chosen", last.choice.text));
    box.appendChild(el("p", "aq-sc-effects", (this.strings["what-happened"] || "") + " " + (changes.join(" · ") || "—")));
    return box;
  };

  Player.prototype.voteCounter = function (choice) {
    var self = this, id = choice.id, box = el("span", "aq-sc-votes");
    var count = el("output", "aq-sc-count", String(this.votes[id] || 0));
    count.setAttribute("aria-label", this.strings.vote + ": " + choice.text);
    [["−", -1], ["+", 1]].forEach(function (pair) {
      var button = el("button", "aq-sc-vote", pair[0]);
      button.type = "button";
      button.setAttribute("aria-label", self.strings.vote + " " + pair[0] + ": " + choice.text);
      button.addEventListener("click", function () {
        self.votes[id] = Math.max(0, (self.votes[id] || 0) + pair[1]);
        count.textContent = String(self.votes[id]);
      });
      box.appendChild(button);
    });
    box.insertBefore(count, box.lastChild);
    return box;
  };

  Player.prototype.controls = function (finished) {
    var self = this, bar = el("div", "aq-sc-controls");
    function add(label, action, enabled) {
      var button = el("button", "aq-sc-control", label);
      button.type = "button";
      button.disabled = !enabled;
      button.addEventListener("click", action);
      bar.appendChild(button);
      return button;
    }
    // A room decides together and lives with it: no stepping back while the room votes.
    if (!this.votes) add(this.strings.back, function () { self.back(); }, this.path.length > 0);
    add(this.strings["start-again"], function () { self.restart(); }, this.path.length > 0);
    if (!finished) {
      var toggle = add(this.strings.vote, function () {
        self.votes = self.votes ? null : {};
        self.render();
        self.stage.querySelector(".aq-sc-vote-mode").focus(); // the stage was rebuilt: keep the user's place
      }, true);
      toggle.classList.add("aq-sc-vote-mode");
      toggle.setAttribute("aria-pressed", this.votes ? "true" : "false");
      if (this.votes) {
        add(this.strings["go-with-vote"], function () {
          var best = null;
          Object.keys(self.votes).forEach(function (id) { if (best === null || self.votes[id] > self.votes[best]) best = id; });
          if (best !== null && self.votes[best] > 0) self.choose(best);
        }, true);
      }
    }
    return bar;
  };

  Player.prototype.bars = function (values) {
    var sc = this.sc, box = el("dl", "aq-sc-bars");
    sc.names.forEach(function (name) {
      var spec = sc.variables[name];
      box.appendChild(el("dt", null, spec.label));
      var dd = el("dd");
      var meter = el("meter");
      meter.min = spec.min; meter.max = spec.max; meter.value = values[name];
      meter.setAttribute("aria-label", spec.label);
      dd.appendChild(meter);
      dd.appendChild(el("span", "aq-sc-value", String(values[name])));
      box.appendChild(dd);
    });
    return box;
  };

  Player.prototype.debrief = function (run) {
    var sc = this.sc, strings = this.strings, box = el("div", "aq-sc-debrief");
    box.appendChild(el("p", "aq-sc-score", strings["scenario-score"].replace("{score}", run.score)));
    box.appendChild(this.chart(run));
    box.appendChild(el("h4", null, strings["your-path"]));
    var steps = el("ol", "aq-sc-path");
    var revisit = [];
    run.steps.forEach(function (step) {
      var li = el("li", "aq-rating-" + step.choice.rating);
      li.appendChild(el("strong", null, step.choice.text));
      li.appendChild(el("span", "aq-sc-rating", " (" + strings["rating." + step.choice.rating] + ")"));
      li.appendChild(el("p", "aq-sc-feedback aq-rating-" + step.choice.rating, step.choice.feedback));
      steps.appendChild(li);
      if (step.choice.rating !== "good") {
        step.choice.covers.forEach(function (k) { if (revisit.indexOf(k) < 0) revisit.push(k); });
      }
    });
    box.appendChild(steps);
    if (revisit.length) {
      box.appendChild(el("h4", null, strings.revisit));
      var list = el("ul", "aq-sc-revisit");
      revisit.forEach(function (k) {
        var point = sc.keyPoints[k] || { text: k, module: "", href: "" };
        var li = el("li", null, k + ": " + point.text + " ");
        if (point.href) {
          var link = el("a", null, "(" + strings.module + ": " + point.module + ")");
          link.href = point.href;
          li.appendChild(link);
        }
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    this.stage.appendChild(box);
  };

  /** The variables along the path, as a small SVG line chart. */
  Player.prototype.chart = function (run) {
    var sc = this.sc, width = 320, height = 140, pad = 20;
    var series = [sc.initial].concat(run.steps.map(function (s) { return s.values; }));
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (height + 20 * sc.names.length));
    svg.setAttribute("class", "aq-sc-chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", sc.names.map(function (n) { return sc.variables[n].label + " " + run.values[n]; }).join(", "));
    svg.setAttribute("direction", "ltr");
    sc.names.forEach(function (name, i) {
      var spec = sc.variables[name];
      var points = series.map(function (values, step) {
        var x = pad + (width - 2 * pad) * (series.length > 1 ? step / (series.length - 1) : 0);
        var y = pad + (height - 2 * pad) * (1 - (values[name] - spec.min) / ((spec.max - spec.min) || 1));
        return x.toFixed(1) + "," + y.toFixed(1);
      });
      var line = document.createElementNS(SVG, "polyline");
      line.setAttribute("points", points.join(" "));
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", COLOURS[i % COLOURS.length]);
      line.setAttribute("stroke-width", "3");
      svg.appendChild(line);
      var legend = document.createElementNS(SVG, "text");
      legend.setAttribute("x", String(pad));
      legend.setAttribute("y", String(height + 16 * (i + 1)));
      legend.setAttribute("fill", COLOURS[i % COLOURS.length]);
      legend.textContent = "■ " + spec.label + ": " + run.values[name];
      svg.appendChild(legend);
    });
    return svg;
  };

  function start() {
    learnerSeed(false);
    var quizzes = Array.prototype.map.call(document.querySelectorAll(".aq-quiz"), function (s) { return new Quiz(s, seed); });
    quizzes = quizzes.concat(Array.prototype.map.call(document.querySelectorAll(".aq-scenario"), function (s) { return new Player(s); }));
    document.querySelectorAll("[data-aq-erase]").forEach(function (button) {
      button.addEventListener("click", function () {
        eraseAll();
        var fresh = learnerSeed(true);
        quizzes.forEach(function (quiz) { quiz.clear(fresh); });
        var note = button.parentNode.querySelector(".aq-erased");
        if (note) note.hidden = false;
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(this);
