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

  function textsById(entries) {
    var out = {};
    (entries || []).forEach(function (e) { out[e.id] = e.text; });
    return out;
  }

  /** Items to put in order: a list with ↑/↓ buttons (keyboard and touch), in the phone's order
   * until the participant's own answer is known. */
  function orderList(q, mine, open) {
    var texts = textsById(q.items);
    var ids = Array.isArray(mine) && mine.length === q.items.length ? mine : ordered(q, "items").map(function (e) { return e.id; });
    var list = el("ol", { class: "ws-order" });
    function move(li, up) {
      var other = up ? li.previousElementSibling : li.nextElementSibling;
      if (other) list.insertBefore(li, up ? other : other.nextElementSibling);
    }
    ids.forEach(function (id) {
      var li = el("li", { "data-item": id }, [el("span", {}, [texts[id]])]);
      [["↑", "move-up", true], ["↓", "move-down", false]].forEach(function (b) {
        var button = el("button", { type: "button", class: "ws-move", "aria-label": t(b[1]), disabled: !open }, [b[0]]);
        button.addEventListener("click", function () { move(li, b[2]); button.focus(); });
        li.appendChild(button);
      });
      list.appendChild(li);
    });
    return el("div", {}, [el("p", { class: "ws-hint" }, [t("order-hint")]), list]);
  }

  /** Left texts in order, each with a choice of the right texts in this phone's order. */
  function matchTable(q, mine, open) {
    var rights = ordered(q, "right"), box = el("div", { class: "ws-match" }, [el("p", { class: "ws-hint" }, [t("match-hint")])]);
    q.left.forEach(function (left) {
      var select = el("select", { name: left.id, disabled: !open }, [el("option", { value: "" }, [t("pick")])]);
      rights.forEach(function (r) {
        select.appendChild(el("option", { value: r.id, selected: !!mine && mine[left.id] === r.id }, [r.text]));
      });
      box.appendChild(el("label", { class: "ws-pair" }, [el("span", {}, [left.text]), select]));
    });
    return box;
  }

  function quiz(round, mine) {
    var q = round.question, box = el("section", { class: "ws-question", "data-question": q.id });
    box.appendChild(el("p", { class: "ws-count" }, [t("question-of", { n: round.number, count: round.count })]));
    box.appendChild(el("h2", { class: "ws-prompt" }, [q.prompt]));
    if (round.phase === "revealed") { box.appendChild(revealed(round, mine)); return box; }
    var open = round.phase === "open", form = el("form", { class: "ws-answer" });
    var chosen = Array.isArray(mine) ? mine : mine === null || mine === undefined || typeof mine === "object" ? [] : [String(mine)];
    if (q.options) {
      var type = q.type === "multiple" ? "checkbox" : "radio";
      ordered(q, "options").forEach(function (o) {
        form.appendChild(el("label", { class: "ws-option" }, [
          el("input", { type: type, name: "answer", value: o.id, checked: chosen.indexOf(o.id) >= 0, disabled: !open }),
          el("span", {}, [o.text])]));
      });
    } else if (q.items) {
      form.appendChild(orderList(q, mine, open));
    } else if (q.left) {
      form.appendChild(matchTable(q, mine, open));
    } else {
      form.appendChild(el("label", { class: "ws-typed" }, [t("your-answer"), " ",
        el("input", { type: "text", name: "answer", dir: "auto", autocomplete: "off", value: chosen[0] || "",
          inputmode: q.type === "numeric" ? "decimal" : false, disabled: !open }), q.unit || ""]));
    }
    var feedback = el("div", { class: "ws-feedback", "aria-live": "polite" }, [
      !open ? notice(t("closed")) : chosen.length ? notice(t("sent"), "ok") : null]);
    if (open) form.appendChild(el("button", { type: "submit", class: "ws-send" }, [t("send")]));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = read(q, form);
      W.send("/workshop/answer", { device: me.device, question: q.id, answer: answer }).then(function (reply) {
        feedback.textContent = "";
        feedback.appendChild(reply.ok ? notice(t("sent"), "ok") : notice(reply.message, "error"));
      });
    });
    box.appendChild(form);
    box.appendChild(feedback);
    return box;
  }

  function read(q, form) {
    if (q.type === "multiple") {
      return Array.prototype.filter.call(form.elements.answer, function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    if (q.type === "true_false") {
      var picked = form.querySelector("input:checked");
      return picked ? picked.value === "true" : null;
    }
    if (q.options) { var one = form.querySelector("input:checked"); return one ? one.value : null; }
    if (q.items) return Array.prototype.map.call(form.querySelectorAll("[data-item]"), function (li) { return li.getAttribute("data-item"); });
    if (q.left) {
      var pairs = {};
      form.querySelectorAll("select").forEach(function (s) { if (s.value) pairs[s.name] = s.value; });
      return pairs;
    }
    return form.querySelector("input").value;
  }

  function revealed(round, mine) {
    var key = round.key, out = el("div", { class: "ws-revealed" });
    var result = mine === null || mine === undefined ? null : AQ.grade(key, mine);
    if (result) out.appendChild(notice(t("your-answer") + ": " + t(result.status === "correct" ? "correct" : result.status === "partial" ? "partial" : "incorrect"), result.status));
    var q = round.question;
    if (q.options) {
      var right = key.type === "true_false" ? [String(key.answer)] : key.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; });
      var chosen = Array.isArray(mine) ? mine : [String(mine)];
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
