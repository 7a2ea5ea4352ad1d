/* A short text in the browser (text/__init__.py): right when it normalises to an accepted one. */
(function (aq) {
  "use strict";
  aq.register("text", {
    score: function (q, raw) {
      return [q.accepted.indexOf(aq.normaliseText(aq.asText(raw))) >= 0 ? 1 : 0, []];
    },
    page: aq.parts.typed,
  });
})(AdvocacyQuiz);
