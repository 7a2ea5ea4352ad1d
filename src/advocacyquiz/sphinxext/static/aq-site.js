/* advocacyquiz: the site's navigation drawers, and forgetting the last search on "erase".
 *
 * pydata-sphinx-theme 0.17 binds its drawer to the first `.primary-toggle` in the page, a hidden
 * copy in the top bar (its issue #2451), so the visible ☰ and ≡ buttons did nothing. Every
 * toggle is handled here instead, at the document, before the theme's own listener: the sidebar's
 * contents move into the theme's <dialog> (as the theme does it), which opens as a modal drawer;
 * closing it (Escape, a tap outside) moves them back and returns focus to the button.
 */
(function () {
  "use strict";

  var DRAWERS = [
    { toggle: ".primary-toggle", sidebar: "pst-primary-sidebar", dialog: "pst-primary-sidebar-modal" },
    { toggle: ".secondary-toggle", sidebar: "pst-secondary-sidebar", dialog: "pst-secondary-sidebar-modal" },
  ];

  function move(from, to) {
    Array.from(from.childNodes).forEach(function (node) { to.appendChild(node); });
    Array.from(from.classList).forEach(function (name) { from.classList.remove(name); to.classList.add(name); });
  }

  function setExpanded(selector, expanded) {
    document.querySelectorAll(selector).forEach(function (button) {
      button.setAttribute("aria-expanded", expanded ? "true" : "false");
    });
  }

  function open(drawer, button) {
    var sidebar = document.getElementById(drawer.sidebar);
    var dialog = document.getElementById(drawer.dialog);
    if (!sidebar || !dialog || dialog.open) return;
    move(sidebar, dialog);
    dialog.showModal();
    setExpanded(drawer.toggle, true);
    dialog.addEventListener("close", function () {
      if (dialog.childNodes.length) move(dialog, sidebar);
      setExpanded(drawer.toggle, false);
      if (button && button.focus) button.focus();
    }, { once: true });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    DRAWERS.forEach(function (drawer) {
      var button = target.closest(drawer.toggle);
      if (button) {
        event.preventDefault();
        event.stopPropagation();  // the theme's listener would open it a second time, or not at all
        open(drawer, button);
        return;
      }
      var dialog = document.getElementById(drawer.dialog);
      if (dialog && dialog.open && target === dialog) dialog.close();  // a tap on the backdrop
    });
  }, true);

  /* "Erase my progress" also forgets the last search: Sphinx keeps its terms in localStorage
     until a result page has highlighted them. */
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target || !target.closest("[data-aq-erase]")) return;
    try {
      localStorage.removeItem("sphinx_highlight_terms");
      sessionStorage.removeItem("sidebar-scroll-top");
    } catch (error) { /* storage refused (private mode): nothing was kept */ }
    document.querySelectorAll("input[name=q]").forEach(function (input) { input.value = ""; });
  });
})();
