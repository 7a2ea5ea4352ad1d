/* Page hooks shared by types shown alike (web_parts.py's markup), for their element.js files.
 * Only the page calls these (page.js), so nothing here runs under Node.js. */
(function (aq) {
  "use strict";

  /** A selector part matching the attribute `name` equal to `value`. */
  function attr(name, value) { return "[" + name + '="' + CSS.escape(String(value)) + '"]'; }

  /** Move the children found by `find(id)` to the end of `box`, in the order of `ids`. */
  function place(box, ids, find) {
    ids.forEach(function (id) { var child = find(id); if (child) box.appendChild(child); });
  }

  /** The values of the ticked inputs (radio buttons, checkboxes). */
  function ticked(item) {
    return Array.prototype.map.call(item.querySelectorAll("input:checked"), function (i) { return i.value; });
  }

  /** Tick exactly the inputs whose values are in `values` (one value or a list). */
  function tick(item, values) {
    values = [].concat(values).map(String);
    item.querySelectorAll("input").forEach(function (input) { input.checked = values.indexOf(input.value) >= 0; });
  }

  aq.parts = {
    attr: attr,
    place: place,
    ticked: ticked,
    /** web_parts.options: labelled radio buttons or checkboxes. */
    options: {
      arrange: function (item, order) {
        var box = item.querySelector(".aq-options");
        place(box, order, function (id) { return box.querySelector("input" + attr("value", id)).closest("label"); });
      },
      write: tick,
      clear: function (item) { tick(item, []); },
    },
    /** web_parts.typed_answer: one text box; Enter checks the answer. */
    typed: {
      read: function (item) { return item.querySelector("input").value; },
      write: function (item, raw) { item.querySelector("input").value = String(raw); },
      clear: function (item) { item.querySelector("input").value = ""; },
      wire: function (item, check) {
        item.querySelector("input").addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); check(); }
        });
      },
    },
  };
})(AdvocacyQuiz);
