/* Zoom for build-time diagrams (hooks/diagrams.py), by touch, mouse and keyboard.
   No network, no dependencies. Without JavaScript the diagrams still show, and a wide one
   scrolls sideways in its frame at a readable size (diagrams.css).

   Each .diagram-wrap becomes a focusable button; Enter, Space, a click or a tap opens a
   dialog that shows the diagram with labels of at least 16 px, scaled to fit the screen when
   it can, and panned by scrolling, by dragging with the mouse, or with the arrow keys.
   The close button and Esc close it; focus goes back to the diagram. */
(function () {
  "use strict";
  var SMALLEST_FONT = 12.6; // SMALL_FONT_SIZE of the renderer, in SVG units
  var ZOOM_LABEL_PX = 16;
  var MAX_SCALE = 2.5;
  var WORDS = {
    zh: { zoom: "放大图表", zoomed: "放大的图表", close: "关闭", scroll: "左右滑动查看全图" },
    en: { zoom: "Zoom diagram", zoomed: "Zoomed diagram", close: "Close", scroll: "Scroll sideways to see all of it" }
  };
  var CLOSE_ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
    '<path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 ' +
    '17.59 19 19 17.59 13.41 12z"/></svg>';
  var open = null; // {overlay, wrap}

  function words() {
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    return WORDS[lang] || WORDS.en;
  }

  function shown(wrap) {
    var svgs = wrap.querySelectorAll(":scope > svg.diagram");
    for (var i = 0; i < svgs.length; i++) {
      if (svgs[i].getClientRects().length) return svgs[i];
    }
    return svgs[0];
  }

  /* Of a diagram's two layouts, show the author's one when it fits the column at a readable
     size, else the narrower one (the media query alone decides by the screen width only). */
  function choose(wrap) {
    var svgs = wrap.querySelectorAll(":scope > svg.diagram");
    if (svgs.length !== 2) return;
    var least = (window.matchMedia("(min-width: 45em)").matches ? 12 : 10) / SMALLEST_FONT;
    var need = function (svg) { return svg.viewBox.baseVal.width * least; };
    var room = wrap.clientWidth;
    if (!room) return; // hidden (an inactive content tab): measured when shown
    var narrow = need(svgs[0]) > room && need(svgs[1]) < need(svgs[0]);
    wrap.classList.toggle("diagram-narrow", narrow);
    wrap.classList.toggle("diagram-wide", !narrow);
  }

  function mark() {
    var w = words();
    document.querySelectorAll(".md-typeset .diagram-wrap").forEach(function (wrap) {
      choose(wrap);
      var svg = shown(wrap);
      if (!svg) return;
      if (!wrap.classList.contains("diagram-zoomable")) {
        wrap.classList.add("diagram-zoomable");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "button");
        wrap.setAttribute("aria-haspopup", "dialog");
      }
      wrap.setAttribute("aria-label", w.zoom + ": " + (svg.getAttribute("aria-label") || ""));
      wrap.setAttribute("title", w.zoom);
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("diagram-scrolls", scrolls);
      var hint = wrap.nextElementSibling;
      var hasHint = hint && hint.classList.contains("diagram-scroll-hint");
      if (scrolls && !hasHint) {
        hint = document.createElement("p");
        hint.className = "diagram-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = w.scroll;
        wrap.after(hint);
      } else if (!scrolls && hasHint) {
        hint.remove();
      }
    });
  }

  function scaleFor(svg, pane) {
    var width = svg.viewBox.baseVal.width;
    var height = svg.viewBox.baseVal.height;
    var style = getComputedStyle(pane);
    var room = function (size, before, after) {
      return size - parseFloat(style[before]) - parseFloat(style[after]);
    };
    var fit = Math.min(room(pane.clientWidth, "paddingLeft", "paddingRight") / width,
                       room(pane.clientHeight, "paddingTop", "paddingBottom") / height);
    return Math.max(ZOOM_LABEL_PX / SMALLEST_FONT, Math.min(fit, MAX_SCALE));
  }

  function openZoom(wrap) {
    if (open) return;
    var w = words();
    var svg = shown(wrap);
    var overlay = document.createElement("div");
    overlay.className = "diagram-overlay";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", w.zoomed + ": " + (svg.getAttribute("aria-label") || ""));
    var close = document.createElement("button");
    close.type = "button";
    close.className = "diagram-overlay__close";
    close.setAttribute("aria-label", w.close);
    close.title = w.close + " (Esc)";
    close.innerHTML = CLOSE_ICON;
    var pane = document.createElement("div");
    pane.className = "diagram-overlay__pane";
    pane.setAttribute("tabindex", "0");
    var copy = svg.cloneNode(true);
    pane.appendChild(copy);
    overlay.appendChild(pane);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
    document.documentElement.classList.add("diagram-overlay-open");
    var scale = scaleFor(svg, pane);
    copy.style.maxWidth = "none";
    copy.style.minWidth = "0";
    copy.style.width = svg.viewBox.baseVal.width * scale + "px";
    copy.style.height = svg.viewBox.baseVal.height * scale + "px";
    copy.style.display = "block";
    close.addEventListener("click", closeZoom);
    pane.addEventListener("click", function (event) {
      if (event.target === pane && !pane.dragged) closeZoom();
    });
    draggable(pane);
    open = { overlay: overlay, wrap: wrap };
    pane.focus();
  }

  function closeZoom() {
    if (!open) return;
    var wrap = open.wrap;
    open.overlay.remove();
    document.documentElement.classList.remove("diagram-overlay-open");
    open = null;
    if (document.contains(wrap)) wrap.focus();
  }

  /* Pan with the mouse by dragging; touch and pen pan natively by scrolling the pane. */
  function draggable(pane) {
    var start = null;
    pane.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0) return;
      start = { x: event.clientX, y: event.clientY, left: pane.scrollLeft, top: pane.scrollTop };
      pane.dragged = false;
    });
    pane.addEventListener("pointermove", function (event) {
      if (!start) return;
      var dx = event.clientX - start.x;
      var dy = event.clientY - start.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) {
        pane.dragged = true;
        pane.classList.add("diagram-dragging");
      }
      pane.scrollLeft = start.left - dx;
      pane.scrollTop = start.top - dy;
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      pane.addEventListener(name, function () {
        start = null;
        pane.classList.remove("diagram-dragging");
        setTimeout(function () { pane.dragged = false; }, 0);
      });
    });
  }

  document.addEventListener("click", function (event) {
    var wrap = event.target.closest && event.target.closest(".diagram-wrap.diagram-zoomable");
    if (wrap && !open) openZoom(wrap);
  });

  document.addEventListener("keydown", function (event) {
    if (open) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeZoom();
      } else if (event.key === "Tab") { // keep focus inside the dialog
        var items = [open.overlay.querySelector(".diagram-overlay__pane"),
                     open.overlay.querySelector(".diagram-overlay__close")];
        var index = items.indexOf(document.activeElement);
        event.preventDefault();
        items[(index + (event.shiftKey ? items.length - 1 : 1)) % items.length].focus();
      }
      return;
    }
    var wrap = event.target.closest && event.target.closest(".diagram-wrap.diagram-zoomable");
    if (wrap && event.target === wrap && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openZoom(wrap);
    }
  });

  window.addEventListener("resize", mark);
  document.addEventListener("change", function (event) { // a content tab was selected
    if (event.target.closest && event.target.closest(".tabbed-set")) mark();
  });
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () {
      closeZoom();
      mark();
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
