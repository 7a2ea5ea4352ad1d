/* The toy type in the browser (slider/__init__.py): full marks within the tolerance, half within
 * twice the tolerance; an answer off the scale or not a whole number is invalid. */
(function (aq) {
  "use strict";
  aq.register("slider", {
    score: function (q, raw) {
      var value = Number.isInteger(raw) ? raw : typeof raw === "string" && /^[0-9]+$/.test(raw) ? Number(raw) : null;
      if (value === null || value < q.low || value > q.high) throw new aq.Invalid("not-a-number");
      var distance = Math.abs(value - q.answer);
      return [distance <= q.tolerance ? 1 : distance <= 2 * q.tolerance ? 0.5 : 0, []];
    },
    page: aq.parts.typed,
  });
})(AdvocacyQuiz);
