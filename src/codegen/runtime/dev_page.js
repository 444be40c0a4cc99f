// mfbundle dev: what a dev client does to the page, shared by the hot runtime's client
// (`hot_module_replacement.js`) and the reload client of builds that are not hot
// (`src/dev/client.js`).
// The build's errors over the page (`text`), or no overlay (`text` null).
function __mf_dev_overlay__(id, title, text) {
  var box = document.getElementById(id);
  if (text === null) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = document.createElement("div");
    box.id = id;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:24px;" +
      "background:rgba(20,20,20,.92);color:#f88;font:13px/1.5 monospace;white-space:pre-wrap";
    (document.body || document.documentElement).appendChild(box);
  }
  box.textContent = title + "\n\n" + text;
}
// Stylesheets that changed (`fileOf(url)` names a link's file as the server does, or null
// for a link that is not the build's) are loaded again beside the old ones, which go once
// the new ones are in: no reload, no flash of unstyled content.
function __mf_dev_swap_css__(names, build, fileOf) {
  var links = document.querySelectorAll('link[rel="stylesheet"]');
  Array.prototype.forEach.call(links, function (link) {
    var url = new URL(link.href, location.href);
    var file = fileOf(url);
    if (file === null || names.indexOf(file) < 0) return;
    var fresh = link.cloneNode();
    url.searchParams.set("mfbundle", String(build));
    fresh.href = url.href;
    fresh.onload = fresh.onerror = function () {
      link.remove();
    };
    link.after(fresh);
  });
}
