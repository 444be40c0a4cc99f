// mfbundle dev: the page's side of the dev server. It asks the server (a long poll) for the
// next build and does what the server says it takes to run it: nothing (the output did not
// change), swap the stylesheets that changed, or reload. A failed build shows its errors over
// the page (the last good code keeps running) until a build succeeds again.
(function () {
  // The build this page's files come from (the server writes it into this script's URL).
  var script = document.currentScript;
  var own = script && /[?&]build=(\d+)/.exec(script.src);
  var seen = own ? Number(own[1]) : null;
  var first = true;
  var id = "__mfbundle_overlay__";
  function show(text) {
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:24px;" +
        "background:rgba(20,20,20,.92);color:#f88;font:13px/1.5 monospace;white-space:pre-wrap";
      (document.body || document.documentElement).appendChild(box);
    }
    box.textContent = "mfbundle: the build failed; the page runs the last good build.\n\n" + text;
  }
  function hide() {
    var box = document.getElementById(id);
    if (box) box.remove();
  }
  // A changed stylesheet is loaded again beside the old one, which goes once the new one is
  // in: no reload, no flash of unstyled content.
  function swapCss(names, build) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      var file = url.pathname.split("/").pop();
      if (names.indexOf(file) < 0 && !names.some(function (n) { return url.pathname.endsWith("/" + n); })) return;
      var fresh = link.cloneNode();
      url.searchParams.set("mfbundle", String(build));
      fresh.href = url.href;
      fresh.onload = fresh.onerror = function () {
        link.remove();
      };
      link.after(fresh);
    });
  }
  function poll() {
    var query = "since=" + (seen === null ? -1 : seen) + (first ? "&first=1" : "");
    first = false;
    fetch("/__mfbundle/poll?" + query, { cache: "no-store" })
      .then(function (r) {
        return r.json();
      })
      .then(
        function (state) {
          var changed = seen !== null && state.build !== seen;
          seen = state.build;
          if (state.ok) {
            if (changed && state.update === "reload") return location.reload();
            if (changed && state.update === "css") swapCss(state.css, state.build);
            hide();
          } else {
            show(state.errors);
          }
          poll();
        },
        function () {
          // The server restarted or is gone: try again shortly.
          setTimeout(poll, 1000);
        }
      );
  }
  if (typeof window !== "undefined" && typeof fetch === "function") poll();
})();
