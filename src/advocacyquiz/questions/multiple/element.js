/* Multiple choice in the browser (multiple/__init__.py): net = right − wrong, over the right ones. */
(function (aq) {
  "use strict";
  var options = aq.parts.options;
  function ids(q) { return q.options.map(function (o) { return o.id; }); }
  aq.register("multiple", {
    score: function (q, raw) {
      var chosen = aq.asIds(raw, ids(q));
      var byId = {};
      q.options.forEach(function (o) { byId[o.id] = o; });
      var rightCount = q.options.filter(function (o) { return o.correct; }).length;
      var right = chosen.filter(function (id) { return byId[id].correct; }).length;
      var net = right - (chosen.length - right);
      var feedback = chosen.map(function (id) { return byId[id].feedback; }).filter(Boolean);
      return [Math.max(0, net / rightCount), feedback];
    },
    publicIds: ids,
    page: {
      arrange: options.arrange,
      read: function (item) { return aq.parts.ticked(item); },
      write: options.write,
      clear: options.clear,
    },
  });
})(AdvocacyQuiz);
