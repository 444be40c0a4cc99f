// mfbundle dev: the page's side of the dev server. It asks the server (a long poll) for the
// next build and does what the server says it takes to run it: nothing (the output did not
// change), swap the stylesheets that changed, or reload. A failed build shows its errors over
// the page (the last good code keeps running) until a build succeeds again. The server
// serves it inside a function, after `codegen/runtime/dev_page.js`.
  // The build this page's files come from (the server writes it into this script's URL).
  var script = document.currentScript;
  var own = script && /[?&]build=(\d+)/.exec(script.src);
  var seen = own ? Number(own[1]) : null;
  var first = true;
  var id = "__mfbundle_overlay__";
  var title = "mfbundle: the build failed; the page runs the last good build.";
  function show(text) {
    __mf_dev_overlay__(id, title, text);
  }
  function hide() {
    __mf_dev_overlay__(id, title, null);
  }
  // Stylesheets of this server, named by their path.
  function swapCss(names, build) {
    __mf_dev_swap_css__(names, build, function (url) {
      if (url.origin !== location.origin) return null;
      var file = url.pathname.split("/").pop();
      var hit = names.filter(function (n) {
        return n === file || url.pathname.endsWith("/" + n);
      })[0];
      return hit === undefined ? null : hit;
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
