// mfbundle runtime: React Fast Refresh over hot module replacement (the part of
// react-refresh-webpack-plugin's runtime that decides boundaries). One refresh runtime per
// page (React's own `react-refresh/runtime`, set up by the first build on the page, before
// React loads), shared by every build on it, so a remote's components refresh on a host's
// page. Each module of the project registers its components (`rr`, `rs`, from swc's refresh
// transform) and ends with `rb`: a module whose exports are all components accepts its own
// updates, and the page re-renders them with their state.
// Expects `__mf_react_refresh_runtime__(exports, process)` and `__mf_page__` in scope.
var __mf_refresh__ = __mf_page__.__mfbundle_react_refresh__;
if (!__mf_refresh__) {
  __mf_refresh__ = {};
  __mf_react_refresh_runtime__(__mf_refresh__, { env: { NODE_ENV: "development" } });
  if (typeof window !== "undefined") __mf_refresh__.injectIntoGlobalHook(window);
  __mf_page__.__mfbundle_react_refresh__ = __mf_refresh__;
}
var __mf_refresh_timer__;
__mf_require__.rr = function (type, id, moduleId) {
  __mf_refresh__.register(type, __mf_hot_name__ + " " + moduleId + " " + id);
};
__mf_require__.rs = __mf_refresh__.createSignatureFunctionForTransform;
function __mf_refresh_boundary__(exports) {
  if (__mf_refresh__.isLikelyComponentType(exports)) return true;
  if (exports == null || typeof exports !== "object") return false;
  var any = false;
  for (var key in exports) {
    any = true;
    // Exports are getters without side effects here; reading them is safe.
    if (!__mf_refresh__.isLikelyComponentType(exports[key])) return false;
  }
  return any;
}
function __mf_refresh_signature__(exports) {
  var signature = [__mf_refresh__.getFamilyByType(exports)];
  if (exports != null && typeof exports === "object") {
    for (var key in exports) signature.push(key, __mf_refresh__.getFamilyByType(exports[key]));
  }
  return signature;
}
__mf_require__.rb = function (module) {
  var exports = module.exports;
  var hot = module.hot;
  if (exports != null && typeof exports === "object") {
    for (var key in exports) {
      var value = exports[key];
      if (__mf_refresh__.isLikelyComponentType(value)) {
        __mf_refresh__.register(value, __mf_hot_name__ + " " + module.id + " %exports% " + key);
      }
    }
  }
  if (!hot) return;
  var update = hot.data !== undefined;
  var previous = update ? hot.data.refreshSignature : undefined;
  if (__mf_refresh_boundary__(exports)) {
    hot.dispose(function (data) {
      data.refreshSignature = __mf_refresh_signature__(exports);
    });
    hot.accept();
    if (update) {
      var next = __mf_refresh_signature__(exports);
      var same =
        previous !== undefined &&
        previous.length === next.length &&
        next.every(function (f, i) {
          return f === previous[i];
        });
      if (previous !== undefined && !same) hot.invalidate();
      else {
        clearTimeout(__mf_refresh_timer__);
        __mf_refresh_timer__ = setTimeout(function () {
          __mf_refresh__.performReactRefresh();
        }, 30);
      }
    }
  } else if (update && previous !== undefined) {
    // It was a boundary and is not any more: its importers must take the change.
    hot.invalidate();
  }
};
