/* Single choice in the browser (single/__init__.py): exactly one option is right. */
(function (aq) {
  "use strict";
  var options = aq.parts.options;
  aq.register("single", {
    score: function (q, raw) {
      var chosen = aq.asId(raw, q.options.map(function (o) { return o.id; }));
      var option = q.options.find(function (o) { return o.id === chosen; });
      return [option.correct ? 1 : 0, option.feedback ? [option.feedback] : []];
    },
    publicIds: function (q) { return q.options.map(function (o) { return o.id; }); },
    page: {
      arrange: options.arrange,
      read: function (item) { return aq.parts.ticked(item)[0] || null; },
      write: options.write,
      clear: options.clear,
    },
  });
})(AdvocacyQuiz);
