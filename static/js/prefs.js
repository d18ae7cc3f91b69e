/* Apply the reader's saved font size before the page paints (loaded in <head>, not deferred). */
(function () {
  try {
    var size = localStorage.getItem("portal-font-size");
    if (size === "large" || size === "small") {
      document.documentElement.setAttribute("data-font-size", size);
    }
  } catch (e) { /* storage disabled: default size */ }
})();
