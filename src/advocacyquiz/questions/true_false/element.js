/* True or false in the browser (true_false/__init__.py); its two options are never shuffled. */
(function (aq) {
  "use strict";
  var options = aq.parts.options;
  aq.register("true_false", {
    score: function (q, raw) {
      var answer;
      if (raw === true || raw === false) answer = raw;
      else if (raw === "true" || raw === "false") answer = raw === "true";
      else throw new aq.Invalid("not-boolean");
      return [answer === q.answer ? 1 : 0, []];
    },
    page: {
      read: function (item) {
        var picked = aq.parts.ticked(item)[0];
        return picked === undefined ? null : picked === "true";
      },
      write: options.write,
      clear: options.clear,
    },
  });
})(AdvocacyQuiz);
