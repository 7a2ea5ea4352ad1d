/* The facilitator's board, projected: the join address and its QR code, the set-up of a round or
 * a scenario, and the room's answers and votes as they come in. */
(function (root) {
  "use strict";
  var W = root.Workshop, t = W.t, el = W.el;
  var stage = document.getElementById("ws-stage");
  var setup = el("div", { id: "ws-setup" }), live = el("div", { id: "ws-live", "aria-live": "polite" });
  var joinedCount = el("strong", { id: "ws-joined" }, ["0"]);

  stage.appendChild(el("section", { class: "ws-join" }, [
    el("p", {}, [t("join")]), el("p", { class: "ws-address", dir: "ltr" }, [W.config.join]),
    el("img", { src: W.config.qr, alt: W.config.join, class: "ws-qr", width: 240, height: 240 }),
    el("p", {}, [t("joined") + ": ", joinedCount])]));
  stage.appendChild(setup);
  stage.appendChild(live);

  function act(message) {
    return W.send("action", message).then(function (reply) {
      if (!reply.ok) W.status(reply.message);
      return reply;
    });
  }

  /** The set-up panels, from the banks and scenarios on offer (fixed for the session: in the page). */
  function build(offer) {
    var bankSelect = el("select", { id: "ws-bank", "aria-label": t("bank") });
    var questions = el("fieldset", { id: "ws-questions" });
    offer.banks.forEach(function (b) { bankSelect.appendChild(el("option", { value: b.id }, [b.title])); });
    function listQuestions() {
      var bank = offer.banks.filter(function (b) { return b.id === bankSelect.value; })[0];
      questions.textContent = "";
      bank.questions.forEach(function (q) {
        questions.appendChild(el("label", { class: "ws-pick" }, [
          el("input", { type: "checkbox", value: q.id }), " ", q.prompt]));
      });
    }
    bankSelect.addEventListener("change", listQuestions);
    listQuestions();
    var scenarioSelect = el("select", { id: "ws-scenario", "aria-label": t("scenario-vote") });
    offer.scenarios.forEach(function (s) { scenarioSelect.appendChild(el("option", { value: s.id }, [s.title])); });
    setup.appendChild(el("details", { class: "ws-panel", open: true }, [el("summary", {}, [t("quiz-round")]), bankSelect, questions,
      el("button", { type: "button", id: "ws-start-quiz", onclick: function () {
        var picked = Array.prototype.filter.call(questions.querySelectorAll("input"), function (i) { return i.checked; })
          .map(function (i) { return i.value; });
        act({ action: "start-quiz", bank: bankSelect.value, questions: picked });
      } }, [t("start-round")])]));
    setup.appendChild(el("details", { class: "ws-panel" }, [el("summary", {}, [t("scenario-vote")]), scenarioSelect,
      el("button", { type: "button", id: "ws-start-scenario", onclick: function () {
        act({ action: "start-scenario", scenario: scenarioSelect.value });
      } }, [t("start-scenario")])]));
  }

  function button(id, label, message) {
    return el("button", { type: "button", id: id, onclick: function () { act(message); } }, [label]);
  }

  function bars(rows, total) {
    return el("ul", { class: "ws-bars" }, rows.map(function (row) {
      var share = total ? Math.round((100 * row.count) / total) : 0;
      return el("li", { class: "ws-bar" + (row.right ? " ws-right" : ""), "data-option": row.id }, [
        el("span", { class: "ws-bar-text" }, [(row.right ? "✓ " : "") + row.text]),
        el("span", { class: "ws-bar-fill", style: false, "data-share": share }, []),
        el("span", { class: "ws-bar-count" }, [String(row.count)]), " (" + share + "%)"]);
    }));
  }

  function quiz(round) {
    var q = round.question, box = el("section", { class: "ws-question", "data-question": q.id, "data-phase": round.phase });
    box.appendChild(el("p", { class: "ws-count" }, [round.bank + " · " + t("question-of", { n: round.number, count: round.count })]));
    box.appendChild(el("h2", { class: "ws-prompt" }, [q.prompt]));
    box.appendChild(el("p", { class: "ws-answered" }, [t("answered") + ": ", el("strong", { id: "ws-answered" }, [String(round.answered)])]));
    if (round.phase === "revealed") {
      var key = round.key, counts = round.distribution.options;
      var right = [].concat(round.right).map(String); // for options: the right option ids (true_false's "true"/"false")
      var statuses = round.distribution.statuses;
      if (q.options) {
        box.appendChild(bars(q.options.map(function (o) {
          return { id: o.id, text: o.text, count: counts[o.id] || 0, right: right.indexOf(o.id) >= 0 };
        }), round.answered));
        box.appendChild(el("p", { class: "ws-statuses" }, ["correct", "partial", "incorrect"].filter(function (s) { return statuses[s]; })
          .map(function (s) { return t(s) + ": " + statuses[s] + "  "; })));
      } else {
        // No options to count: how the room scored (right, partly right, wrong), by the engine.
        box.appendChild(el("h3", {}, [t("scores")]));
        box.appendChild(bars(["correct", "partial", "incorrect"].map(function (s) {
          return { id: s, text: t(s), count: statuses[s] || 0, right: s === "correct" };
        }), round.answered));
      }
      if (q.items || q.left) {
        box.appendChild(el("h3", {}, [t("right-answer")]));
        box.appendChild(W.rightAnswer(q, round.right, null));
      }
      if (key.explanation) box.appendChild(el("p", { class: "ws-explanation" }, [el("strong", {}, [t("why") + ": "]), key.explanation]));
    } else {
      // The parts as the engine describes them, in neutral order (each phone shows its own).
      [q.options, q.items, q.left, q.right].filter(Boolean).forEach(function (part) {
        box.appendChild(el("ul", { class: "ws-options" }, part.map(function (o) { return el("li", {}, [o.text]); })));
      });
    }
    var controls = el("div", { class: "ws-controls" }, [
      round.phase === "open" ? button("ws-close", t("close"), { action: "close" }) : null,
      round.phase !== "revealed" ? button("ws-reveal", t("reveal"), { action: "reveal" }) : null,
      round.phase === "revealed" && !round.last ? button("ws-next", t("next"), { action: "next" }) : null,
      el("a", { href: "export.csv", download: "", id: "ws-export", class: "ws-button" }, [t("export")]),
      button("ws-stop", t("stop"), { action: "stop" })]);
    box.appendChild(controls);
    return box;
  }

  function scenario(sc) {
    var box = el("section", { class: "ws-scenario", "data-node": sc.node });
    box.appendChild(el("h2", {}, [sc.title]));
    box.appendChild(el("p", { class: "ws-values" }, sc.values.map(function (v) { return v.label + ": " + v.value + "  "; })));
    if (sc.debrief) {
      var d = sc.debrief;
      box.appendChild(el("div", { class: "ws-debrief" }, [
        el("h3", {}, [t("ending")]), el("p", { class: "ws-ending" }, [d.ending]),
        el("p", { class: "ws-score" }, [t("score") + ": ", el("strong", { id: "ws-score" }, [String(d.score)])]),
        el("ol", { class: "ws-steps" }, d.steps.map(function (s) {
          return el("li", { class: "ws-" + s.rating }, [el("strong", {}, [s.choice]), " — " + s.feedback,
            el("span", { class: "ws-step-tally" }, [" (" + s.tally.map(function (r) { return r.votes; }).join(" / ") + ")"])]);
        })),
        d.revisit.length ? el("h3", {}, [t("revisit")]) : null,
        el("ul", {}, d.revisit.map(function (k) { return el("li", {}, [k]); }))]));
      box.appendChild(button("ws-stop", t("stop"), { action: "stop" }));
      return box;
    }
    box.appendChild(el("p", { class: "ws-scene" }, [sc.text]));
    box.appendChild(el("p", { class: "ws-answered" }, [t("votes") + ": ", el("strong", { id: "ws-voted" }, [String(sc.voted)])]));
    box.appendChild(bars(sc.choices.map(function (c) {
      return { id: c.id, text: c.text, count: sc.tally[c.id] || 0, right: false };
    }), sc.voted));
    if (sc.tied.length) {
      box.appendChild(el("p", { class: "ws-tied" }, [t("tied")]));
      box.appendChild(el("div", { class: "ws-controls" }, sc.choices.filter(function (c) { return sc.tied.indexOf(c.id) >= 0; })
        .map(function (c) { return el("button", { type: "button", class: "ws-settle", "data-choice": c.id,
          onclick: function () { act({ action: "settle", choice: c.id }); } }, [t("settle") + ": " + c.text]); })));
    } else {
      box.appendChild(el("div", { class: "ws-controls" }, [button("ws-close-vote", t("close-vote"), { action: "close-vote" }),
        button("ws-stop", t("stop"), { action: "stop" })]));
    }
    return box;
  }

  function onView(view) {
    joinedCount.textContent = String(view.joined);
    setup.hidden = view.mode !== "idle";
    live.textContent = "";
    if (view.mode === "quiz") live.appendChild(quiz(view.quiz));
    else if (view.mode === "scenario") live.appendChild(scenario(view.scenario));
    // Bar widths from data-share: set through the DOM, as the page allows no inline style.
    live.querySelectorAll(".ws-bar-fill").forEach(function (bar) { bar.style.width = bar.getAttribute("data-share") + "%"; });
  }

  build(W.config);
  W.follow("events", onView);
})(this);
