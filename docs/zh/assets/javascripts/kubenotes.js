/* kubenotes: keep the reader's section when switching language.
   Both languages use the same heading ids, so the current #fragment is carried over.
   The switcher links already point at the same page in the other language. */
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link || event.button > 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (!url.hash) url.hash = window.location.hash;
    event.preventDefault();
    event.stopImmediatePropagation();
    window.location.assign(url.toString());
  }, true);
})();
