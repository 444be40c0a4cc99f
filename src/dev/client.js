// mfbundle dev: the page's side of the dev server. It asks the server (a long poll) for the
// next build: a successful one reloads the page, a failed one shows its errors over the page
// (the last good code keeps running) until a build succeeds again.
(function () {
  var seen = null;
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
  function poll() {
    fetch("/__mfbundle/poll?since=" + (seen === null ? -1 : seen), { cache: "no-store" })
      .then(function (r) {
        return r.json();
      })
      .then(
        function (state) {
          var first = seen === null;
          var changed = !first && state.build !== seen;
          seen = state.build;
          if (state.ok) {
            if (changed) return location.reload();
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
