/* Click-to-zoom for build-time diagrams that are shrunk to the column (no network, no deps). */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".diagram-wrap > svg.diagram").forEach(function (svg) {
      var natural = svg.width.baseVal.value;
      svg.parentElement.classList.toggle("diagram-zoomable", natural > svg.getBoundingClientRect().width + 1);
    });
  }
  document.addEventListener("click", function (event) {
    var wrap = event.target.closest && event.target.closest(".diagram-wrap");
    if (!wrap || !(wrap.classList.contains("diagram-zoomable") || wrap.classList.contains("diagram-zoomed"))) return;
    wrap.classList.toggle("diagram-zoomed");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".diagram-zoomed").forEach(function (wrap) {
      wrap.classList.remove("diagram-zoomed");
    });
  });
  window.addEventListener("resize", mark);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(mark);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
