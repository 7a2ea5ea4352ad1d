/* A number in the browser (numeric/__init__.py): right within the tolerance, in any digits. */
(function (aq) {
  "use strict";
  aq.register("numeric", {
    score: function (q, raw) {
      var value = typeof raw === "number" ? raw : aq.parseNumber(aq.asText(raw));
      if (value === null || !isFinite(value)) throw new aq.Invalid("not-a-number");
      return [Math.abs(value - q.answer) <= q.tolerance + aq.EPSILON ? 1 : 0, []];
    },
    page: aq.parts.typed,
  });
})(AdvocacyQuiz);
