/* Shared by the workshop's two pages: the page's settings, building elements (text only, never
 * HTML: the one markup a page inserts is a question type's own, made by the server, in
 * participant.js), live updates over Server-Sent Events, and JSON messages to the server. */
(function (root) {
  "use strict";
  var config = JSON.parse(document.getElementById("ws-config").textContent);

  function t(key, vars) {
    var text = config.strings[key] || key;
    Object.keys(vars || {}).forEach(function (name) { text = text.replace("{" + name + "}", String(vars[name])); });
    return text;
  }

  /** el("p", {class: "x"}, ["text", child]): attributes by setAttribute, strings as text nodes. */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "onclick") node.addEventListener("click", value);
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function status(text) {
    document.querySelector(".ws-status").textContent = text;
  }

  /** Follow a stream of views; EventSource reconnects by itself, and we reopen it if it gives up. */
  function follow(url, onView) {
    var source = new EventSource(url);
    source.onmessage = function (event) {
      status("");
      onView(JSON.parse(event.data));
    };
    source.onerror = function () {
      status(t("offline"));
      if (source.readyState === EventSource.CLOSED) setTimeout(function () { follow(url, onView); }, 3000);
    };
    return source;
  }

  /** POST a JSON message; resolves to {ok, error?, message?} and never rejects. */
  function send(url, message) {
    return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(message) })
      .then(function (response) { return response.json(); })
      .then(function (reply) { return reply.ok ? reply : { ok: false, error: reply.error, message: reply[config.lang] || reply.en }; })
      .catch(function () { return { ok: false, error: "offline", message: t("offline") }; });
  }

  /** The right answer where a question's parts are items to order or pairs to match, from the
   * engine's right answer (public ids); a participant's own pairs (`mine`) are marked ✓ or ✗. */
  function rightAnswer(q, right, mine) {
    var text = {};
    (q.items || q.right || []).forEach(function (e) { text[e.id] = e.text; });
    if (q.items) return el("ol", { class: "ws-key" }, right.map(function (id) { return el("li", { "data-item": id }, [text[id]]); }));
    return el("ul", { class: "ws-key" }, q.left.map(function (left) {
      var hit = mine && typeof mine === "object" ? mine[left.id] === right[left.id] : null;
      return el("li", { "data-left": left.id, class: hit === null ? false : hit ? "ws-right" : "ws-wrong" }, [
        (hit === null ? "" : hit ? "✓ " : "✗ ") + left.text + " ← " + text[right[left.id]]]);
    }));
  }

  root.Workshop = { config: config, t: t, el: el, status: status, follow: follow, send: send, rightAnswer: rightAnswer };
})(this);
