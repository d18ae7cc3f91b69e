/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "portal-font-size";

  function currentSize() {
    return root.getAttribute("data-font-size") || "medium";
  }

  function markButtons() {
    var size = currentSize();
    document.querySelectorAll("[data-font-size]").forEach(function (button) {
      if (button === root) return;
      button.setAttribute("aria-pressed", String(button.getAttribute("data-font-size") === size));
    });
  }

  function setSize(size) {
    if (size === "medium") {
      root.removeAttribute("data-font-size");
    } else {
      root.setAttribute("data-font-size", size);
    }
    try { localStorage.setItem(KEY, size); } catch (e) { /* not persisted */ }
    markButtons();
  }

  /* Copy the share URL; the status next to the button tells screen readers the result. */
  function copyLink(button) {
    var status = button.parentNode.querySelector(".copy-status");
    function say(key) { if (status) status.textContent = status.getAttribute(key); }
    var url = button.getAttribute("data-url");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say("data-copied"); },
        function () { say("data-failed"); });
      return;
    }
    var field = document.createElement("textarea");
    field.value = url;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-999px";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(field);
    say(copied ? "data-copied" : "data-failed");
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-font-size")) {
      setSize(target.getAttribute("data-font-size"));
    } else if (target.getAttribute("data-action") === "print") {
      window.print();
    } else if (target.getAttribute("data-action") === "copy-link") {
      copyLink(target);
    } else if (target.classList.contains("nav-toggle")) {
      var open = target.getAttribute("aria-expanded") === "true";
      target.setAttribute("aria-expanded", String(!open));
      document.getElementById(target.getAttribute("aria-controls")).classList.toggle("open", !open);
    }
  });

  root.classList.add("js");
  markButtons();
})();

/* Carousel: the numbered links scroll the track in place instead of jumping the page. */
(function () {
  "use strict";
  document.querySelectorAll(".carousel").forEach(function (carousel) {
    var track = carousel.querySelector(".carousel-track");
    var links = carousel.querySelectorAll(".carousel-dots a");
    function mark(index) {
      links.forEach(function (link, i) { link.setAttribute("aria-current", String(i === index)); });
    }
    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        track.scrollTo({ left: track.clientWidth * index, behavior: "smooth" });
        mark(index);
      });
    });
    track.addEventListener("scroll", function () {
      mark(Math.round(track.scrollLeft / Math.max(track.clientWidth, 1)));
    }, { passive: true });
    mark(0);
  });
})();
