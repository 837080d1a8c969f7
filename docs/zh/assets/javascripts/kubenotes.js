/* kubenotes: keep the reader's section when switching language.
   Both languages use the same heading ids, so the current #fragment is carried over. */
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link || !window.location.hash) return;
    var url = new URL(link.href, window.location.href);
    if (!url.hash) {
      url.hash = window.location.hash;
      link.href = url.toString();
    }
  }, true);
})();
