/* The reader's display preferences, applied before the page paints (loaded in <head>, not
   deferred) as data attributes on <html>, which site.css styles:
   - data-font-size="large|small": the article page's 字体 大/中/小 switch (buttons in site.js);
   - data-contrast="high": high-contrast mode, the header's 高对比度 toggle;
   - data-large-text="on": large-text mode (适老化), the header's 大字模式 toggle.
   All are kept in localStorage, so they follow the reader from page to page. */
(function () {
  "use strict";
  var root = document.documentElement;
  /* toggle name (the button's data-pref) → [storage key, attribute on <html>, value when on] */
  var TOGGLES = {
    "contrast": ["portal-contrast", "data-contrast", "high"],
    "large-text": ["portal-large-text", "data-large-text", "on"]
  };

  function read(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); }
    } catch (e) { /* storage disabled: the choice lasts for this page only */ }
  }

  var size = read("portal-font-size");
  if (size === "large" || size === "small") {
    root.setAttribute("data-font-size", size);
  }
  Object.keys(TOGGLES).forEach(function (name) {
    var toggle = TOGGLES[name];
    if (read(toggle[0]) === toggle[2]) { root.setAttribute(toggle[1], toggle[2]); }
  });

  function isOn(toggle) { return root.getAttribute(toggle[1]) === toggle[2]; }

  function markToggles() {
    var buttons = document.querySelectorAll("button[data-pref]");
    for (var i = 0; i < buttons.length; i++) {
      var toggle = TOGGLES[buttons[i].getAttribute("data-pref")];
      if (toggle) { buttons[i].setAttribute("aria-pressed", String(isOn(toggle))); }
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-pref]") : null;
    var toggle = button && TOGGLES[button.getAttribute("data-pref")];
    if (!toggle) { return; }
    var on = !isOn(toggle);
    if (on) { root.setAttribute(toggle[1], toggle[2]); } else { root.removeAttribute(toggle[1]); }
    write(toggle[0], on ? toggle[2] : null);
    markToggles();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markToggles);
  } else {
    markToggles();
  }
})();
