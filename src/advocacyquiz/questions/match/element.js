/* Matching in the browser (match/__init__.py): one drop-down per left text; the right texts are
 * shuffled under public ids. */
(function (aq) {
  "use strict";
  function rights(q) { return Object.keys(q.pairs).map(function (left) { return q.pairs[left]; }); }
  function selects(item) { return item.querySelectorAll("select"); }

  aq.register("match", {
    score: function (q, raw) {
      if (!aq.isPlainObject(raw)) throw new aq.Invalid("not-a-mapping");
      var lefts = Object.keys(q.pairs), known = rights(q), right = 0;
      Object.keys(raw).forEach(function (left) {
        aq.asId(left, lefts);
        if (aq.asId(raw[left], known) === q.pairs[left]) right++;
      });
      return [right / lefts.length, []];
    },
    publicIds: rights,
    page: {
      arrange: function (item, order) {
        selects(item).forEach(function (select) {
          aq.parts.place(select, order, function (id) { return select.querySelector("option" + aq.parts.attr("value", id)); });
        });
      },
      read: function (item) {
        var answer = {};
        selects(item).forEach(function (select) {
          if (select.value) answer[select.getAttribute("data-aq-left")] = select.value;
        });
        return answer;
      },
      write: function (item, raw) {
        selects(item).forEach(function (select) { select.value = raw[select.getAttribute("data-aq-left")] || ""; });
      },
      clear: function (item) { selects(item).forEach(function (select) { select.value = ""; }); },
    },
  });
})(AdvocacyQuiz);
