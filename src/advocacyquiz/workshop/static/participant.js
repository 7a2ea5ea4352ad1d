/* The participant's phone: no name, no account. A random device id for this session only, kept
 * in this browser; the options in this device's own order, as the book shows them. */
(function (root) {
  "use strict";
  var W = root.Workshop, AQ = root.AdvocacyQuiz, t = W.t, el = W.el;
  var KEY = "advocacyquiz:workshop";
  var stage = document.getElementById("ws-stage");
  var me = load();
  var source = null, shown = null, lastView = null;

  function randomId() {
    var bytes = root.crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    var saved = null;
    try { saved = JSON.parse(root.localStorage.getItem(KEY) || "null"); } catch (error) { saved = null; }
    if (!saved || typeof saved.device !== "string" || typeof saved.seed !== "number") {
      var bookSeed = null;
      try { bookSeed = JSON.parse(root.localStorage.getItem("advocacyquiz:seed") || "null"); } catch (error) { bookSeed = null; }
      saved = { session: null, device: randomId(), seed: typeof bookSeed === "number" ? bookSeed : root.crypto.getRandomValues(new Uint32Array(1))[0] };
    }
    return saved;
  }

  function keep() {
    try { root.localStorage.setItem(KEY, JSON.stringify(me)); } catch (error) { /* private mode: this page still works */ }
  }

  function connect() {
    if (source) source.close();
    source = W.follow("/workshop/events?device=" + me.device, onView);
  }

  function onView(view) {
    if (me.session !== view.session) {
      var stale = me.session !== null;
      me.session = view.session;
      if (stale) me.device = randomId(); // a new session: yesterday's id must not follow this device
      keep();
      if (stale) { connect(); return; }
    }
    lastView = view;
    var key = JSON.stringify([view.mode, view.quiz && [view.quiz.question.id, view.quiz.phase, view.mine],
      view.scenario && [view.scenario.node, view.scenario.tied, view.mine, !!view.scenario.debrief]]);
    if (key === shown) return; // counts changed, nothing this phone shows: keep what the participant is doing
    shown = key;
    stage.textContent = "";
    if (view.mode === "quiz") stage.appendChild(quiz(view.quiz, view.mine));
    else if (view.mode === "scenario") stage.appendChild(scenario(view.scenario, view.mine));
    else stage.appendChild(el("p", { class: "ws-waiting" }, [t("waiting")]));
  }

  function notice(text, kind) {
    return el("p", { class: "ws-notice" + (kind ? " ws-" + kind : ""), role: "status" }, [text]);
  }

  /** A part of the question (options, items, right texts…) in the order this phone shows it: the
   * part the engine shuffles (q.shuffled) in this device's own order, as the book would. */
  function ordered(q, part) {
    var entries = q[part] || [], byId = {};
    if (q.shuffled !== part) return entries;
    entries.forEach(function (e) { byId[e.id] = e; });
    return AQ.shuffled(Object.keys(byId).sort(), me.seed, q.id).map(function (id) { return byId[id]; });
  }

  /** The answer area as the book shows it: the type's own markup (web.py's, made by the server
   * from the course's texts: no key, no script; the one HTML this page inserts), its shuffled part
   * in this device's order, and the participant's answer put back, all through the type's page
   * hooks (element.js). No type is named here: a new type's folder is enough. */
  function answerArea(q, mine, open, send) {
    var hooks = AQ.element(q.type).page, item = el("div", { class: "aq-question", "data-aq-question": q.id });
    var markup = document.createElement("template");
    markup.innerHTML = q.inputs;
    item.appendChild(markup.content);
    var order = q.shuffled ? ordered(q, q.shuffled).map(function (e) { return e.id; }) : [];
    if (order.length) hooks.arrange(item, order);
    if (mine !== null && mine !== undefined) hooks.write(item, mine);
    if (open && hooks.wire) hooks.wire(item, send);
    if (!open) item.querySelectorAll("input, select, button").forEach(function (control) { control.disabled = true; });
    return { item: item, read: function () { return hooks.read(item); }, unanswered: hooks.unanswered || "unanswered-hint" };
  }

  function quiz(round, mine) {
    var q = round.question, box = el("section", { class: "ws-question", "data-question": q.id });
    box.appendChild(el("p", { class: "ws-count" }, [t("question-of", { n: round.number, count: round.count })]));
    box.appendChild(el("h2", { class: "ws-prompt" }, [q.prompt]));
    if (round.phase === "revealed") { box.appendChild(revealed(round, mine)); return box; }
    var open = round.phase === "open", form = el("form", { class: "ws-answer" });
    var feedback = el("div", { class: "ws-feedback", "aria-live": "polite" }, [
      !open ? notice(t("closed")) : mine !== null && mine !== undefined ? notice(t("sent"), "ok") : null]);
    function say(node) { feedback.textContent = ""; feedback.appendChild(node); }
    function send() {
      var answer = area.read();
      if (AQ.isBlank(answer)) { say(notice(W.config.book[area.unanswered], "error")); return; }
      W.send("/workshop/answer", { device: me.device, question: q.id, answer: answer }).then(function (reply) {
        say(reply.ok ? notice(t("sent"), "ok") : notice(reply.message, "error"));
      });
    }
    var area = answerArea(q, mine, open, send);
    form.appendChild(area.item);
    if (open) form.appendChild(el("button", { type: "submit", class: "ws-send" }, [t("send")]));
    form.addEventListener("submit", function (event) { event.preventDefault(); send(); });
    box.appendChild(form);
    box.appendChild(feedback);
    return box;
  }

  function revealed(round, mine) {
    var key = round.key, out = el("div", { class: "ws-revealed" });
    var result = mine === null || mine === undefined ? null : AQ.grade(key, mine);
    if (result) out.appendChild(notice(t("your-answer") + ": " + t(result.status === "correct" ? "correct" : result.status === "partial" ? "partial" : "incorrect"), result.status));
    var q = round.question;
    if (q.options) {
      var right = [].concat(round.right).map(String), chosen = [].concat(mine).map(String);
      var list = el("ul", { class: "ws-key" });
      ordered(q, "options").forEach(function (o) {
        var isRight = right.indexOf(o.id) >= 0;
        list.appendChild(el("li", { class: isRight ? "ws-right" : "ws-wrong", "data-option": o.id }, [
          (isRight ? "✓ " : "✗ ") + o.text, chosen.indexOf(o.id) >= 0 ? el("strong", {}, [" ← " + t("your-answer")]) : null]));
      });
      out.appendChild(list);
    } else if (q.items || q.left) {
      out.appendChild(el("h3", {}, [t("right-answer")]));
      out.appendChild(W.rightAnswer(q, round.right, mine));
    }
    if (key.explanation) out.appendChild(el("p", { class: "ws-explanation" }, [el("strong", {}, [t("why") + ": "]), key.explanation]));
    return out;
  }

  function scenario(sc, mine) {
    var box = el("section", { class: "ws-scenario", "data-node": sc.node });
    box.appendChild(el("h2", {}, [sc.title]));
    if (sc.debrief) { box.appendChild(debrief(sc.debrief)); return box; }
    box.appendChild(el("p", { class: "ws-scene" }, [sc.text]));
    var feedback = el("div", { class: "ws-feedback", "aria-live": "polite" }, [
      sc.tied.length ? notice(t("tied")) : mine ? notice(t("voted"), "ok") : null]);
    var list = el("div", { class: "ws-choices" });
    sc.choices.forEach(function (c) {
      list.appendChild(el("button", { type: "button", class: "ws-choice", "data-choice": c.id, "aria-pressed": String(mine === c.id),
        disabled: sc.tied.length > 0, onclick: function () {
          W.send("/workshop/vote", { device: me.device, node: sc.node, choice: c.id }).then(function (reply) {
            if (!reply.ok) { feedback.textContent = ""; feedback.appendChild(notice(reply.message, "error")); }
          });
        } }, [c.text]));
    });
    box.appendChild(list);
    box.appendChild(feedback);
    return box;
  }

  function debrief(d) {
    return el("div", { class: "ws-debrief" }, [
      el("h3", {}, [t("ending")]), el("p", {}, [d.ending]),
      el("p", { class: "ws-score" }, [t("score") + ": " + d.score]),
      d.revisit.length ? el("h3", {}, [t("revisit")]) : null,
      d.revisit.length ? el("ul", {}, d.revisit.map(function (k) { return el("li", {}, [k]); })) : null]);
  }

  keep();
  connect();
  root.WorkshopParticipant = { device: function () { return me.device; }, view: function () { return lastView; } };
})(this);
