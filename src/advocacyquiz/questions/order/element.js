/* Ordering in the browser (order/__init__.py): the fraction of pairs in the right order. A shown
 * order is no answer until the learner moves an item or keeps the order shown (`aqTouched`). */
(function (aq) {
  "use strict";
  function place(item, ids) {
    var list = item.querySelector(".aq-order");
    aq.parts.place(list, ids, function (id) { return list.querySelector(aq.parts.attr("data-aq-item", id)); });
  }

  function move(button) {
    var li = button.closest("li");
    var up = button.classList.contains("aq-up");
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    li.parentNode.insertBefore(li, up ? other : other.nextElementSibling);
    li.closest(".aq-question").aqTouched = true;
    button.focus(); // keyboard users keep their place
  }

  aq.register("order", {
    score: function (q, raw) {
      var ids = aq.asIds(raw, q.items);
      if (ids.length !== q.items.length) throw new aq.Invalid("incomplete-order");
      var ranks = ids.map(function (id) { return q.items.indexOf(id); });
      var n = ranks.length, inOrder = 0;
      for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) if (ranks[i] < ranks[j]) inOrder++;
      return [inOrder / (n * (n - 1) / 2), []];
    },
    publicIds: function (q) { return q.items; },
    page: {
      unanswered: "order-untouched",
      arrange: place,
      wire: function (item, check) {
        item.querySelectorAll(".aq-up, .aq-down").forEach(function (button) {
          button.addEventListener("click", function () { move(button); });
        });
        item.querySelector(".aq-keep-order").addEventListener("click", function () { item.aqTouched = true; check(); });
      },
      read: function (item) {
        if (!item.aqTouched) return null;
        return Array.prototype.map.call(item.querySelectorAll("[data-aq-item]"), function (li) {
          return li.getAttribute("data-aq-item");
        });
      },
      write: function (item, raw) {
        if (!Array.isArray(raw)) return;
        place(item, raw);
        item.aqTouched = true;
      },
      clear: function (item, shown) {
        if (shown) place(item, shown);
        item.aqTouched = false;
      },
    },
  });
})(AdvocacyQuiz);
