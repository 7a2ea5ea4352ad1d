/* advocacyquiz page code: the book's quizzes and scenario players, with no server and no network.
 *
 * Scoring and play are the engine's (engine.js); what each question type does on the page is its
 * element.js's `page` hooks (arrange, read, write, clear, and optionally wire and `unanswered`).
 * The page's markup is rendered and escaped at build time; this file only sets textContent.
 * Progress is kept only in this browser's localStorage, under "advocacyquiz:", and erasable.
 */
(function (root, aq) {
  "use strict";
  if (typeof document === "undefined") return; // under Node.js: the engine alone

  /** The page hooks of a question's type. */
  function hooks(q) { return aq.element(q.type).page; }

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
  var STATE_VERSION = 2; // {version, hash, responses, checked}; the learner's seed is kept apart, under "seed"

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
    if (!saved || !aq.isPlainObject(saved.responses) || !Array.isArray(saved.checked)) return state;
    var same = saved.hash === hash, dropped = 0;
    Object.keys(saved.responses).forEach(function (id) {
      var fits = byId[id] && (same || aq.grade(byId[id], saved.responses[id]).status !== "invalid");
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

  /** Show each question's shuffled part (options, items, match targets) in this learner's order. */
  Quiz.prototype.arrange = function (seed) {
    var self = this;
    this.items().forEach(function (item) {
      var q = self.byId[item.getAttribute("data-aq-question")];
      var order = aq.presentationOrder(q, seed);
      if (!order.length) return;
      hooks(q).arrange(item, order);
      item.aqShown = order;
    });
  };

  Quiz.prototype.wire = function () {
    var self = this;
    this.items().forEach(function (item) {
      function check() { self.check(item); }
      item.querySelector(".aq-check").addEventListener("click", check);
      var own = hooks(self.byId[item.getAttribute("data-aq-question")]).wire;
      if (own) own(item, check);
    });
    this.section.querySelector(".aq-retry").addEventListener("click", function () { self.retry(); });
  };

  /** What the learner has entered, in the engine's form (null: nothing yet). */
  Quiz.prototype.read = function (item) {
    return hooks(this.byId[item.getAttribute("data-aq-question")]).read(item);
  };

  /** Put a saved answer back into the controls. */
  Quiz.prototype.write = function (item, raw) {
    if (raw === null || raw === undefined) return;
    hooks(this.byId[item.getAttribute("data-aq-question")]).write(item, raw);
  };

  Quiz.prototype.check = function (item) {
    var id = item.getAttribute("data-aq-question");
    var raw = this.read(item);
    if (aq.isBlank(raw)) {
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
    var result = aq.grade(q, raw);
    var box = item.querySelector(".aq-feedback");
    box.textContent = "";
    item.setAttribute("data-aq-status", result.status);
    var heading = document.createElement("p");
    heading.className = "aq-status";
    heading.textContent = this.strings[result.status] + " — " + number(result.points) + " / " + number(result.maxPoints);
    box.appendChild(heading);
    var lines = result.feedback.slice();
    if (result.status === "invalid") lines.push(this.strings["invalid." + result.reason] || "");
    if (result.status === "unanswered") lines.push(this.strings[hooks(q).unanswered || "unanswered-hint"]);
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
    var result = aq.score(this.data, this.state.responses);
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
      hooks(self.byId[item.getAttribute("data-aq-question")]).clear(item, item.aqShown);
    });
    this.summarise();
  };

  // ---- The scenario player ------------------------------------------------------------------
  var SCENARIO_VERSION = 1; // {version, hash, path}

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
    this.path = this.loadPath();
    this.render();
  }

  /** The saved path: {version, hash, path}. A path saved against another version of the scenario
   * (its hash differs, or it predates hashes) keeps the longest beginning that still plays, and
   * the learner is told how many steps were kept, or that the path no longer fits. */
  Player.prototype.loadPath = function () {
    var saved = load(this.key), path = saved && Array.isArray(saved.path) ? saved.path : [];
    var kept = aq.playable(this.sc, path), lost = kept.length < path.length;
    var current = saved && saved.version === SCENARIO_VERSION && saved.hash === this.sc.hash;
    var hashed = saved && saved.version !== undefined; // a saved path from before hashes is only checked
    if (lost || (hashed && !current && path.length)) {
      this.notice = kept.length ? format(this.strings["scenario-migrated"], { kept: kept.length, total: path.length })
        : this.strings["scenario-reset"];
    }
    this.path = kept;
    if (saved && (lost || !current)) this.save(); // in the current shape, once
    return kept;
  };

  Player.prototype.save = function () {
    save(this.key, { version: SCENARIO_VERSION, hash: this.sc.hash, path: this.path });
  };

  Player.prototype.choose = function (id) {
    this.path.push(id);
    this.notice = null;
    this.votes = this.votes && {};
    this.save();
    this.render(true);
  };

  Player.prototype.restart = function () { this.path = []; this.notice = null; this.save(); this.render(true); };
  Player.prototype.back = function () { this.path.pop(); this.notice = null; this.save(); this.render(true); };
  Player.prototype.clear = function () { this.path = []; this.votes = null; this.notice = null; this.render(); };

  Player.prototype.render = function (moveFocus) {
    var self = this, sc = this.sc, run = aq.replay(sc, this.path), node = sc.nodes[run.node];
    this.stage.textContent = "";
    if (this.notice) this.stage.appendChild(el("p", "aq-sc-notice", this.notice));
    this.stage.appendChild(this.bars(run.values));
    if (run.steps.length) this.stage.appendChild(this.happened(run));
    var heading = el("h4", "aq-sc-heading", node.ending !== null ? this.strings.ending + ": " + this.strings["kind." + node.kind] : "");
    heading.tabIndex = -1;
    if (node.ending !== null) {
      this.stage.appendChild(heading);
      this.stage.appendChild(el("p", "aq-sc-text", node.ending));
      this.debrief(run, aq.debrief(sc, this.path).revisit);
    } else {
      this.stage.appendChild(el("p", "aq-sc-text", node.text));
      var list = el("div", "aq-sc-choices");
      aq.openChoices(sc, run.node, run.values).forEach(function (choice) {
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

  Player.prototype.debrief = function (run, revisit) {
    var sc = this.sc, strings = this.strings, box = el("div", "aq-sc-debrief");
    box.appendChild(el("p", "aq-sc-score", strings["scenario-score"].replace("{score}", run.score)));
    box.appendChild(this.chart(run));
    box.appendChild(el("h4", null, strings["your-path"]));
    var steps = el("ol", "aq-sc-path");
    run.steps.forEach(function (step) {
      var li = el("li", "aq-rating-" + step.choice.rating);
      li.appendChild(el("strong", null, step.choice.text));
      li.appendChild(el("span", "aq-sc-rating", " (" + strings["rating." + step.choice.rating] + ")"));
      li.appendChild(el("p", "aq-sc-feedback aq-rating-" + step.choice.rating, step.choice.feedback));
      steps.appendChild(li);
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
})(this, AdvocacyQuiz);
