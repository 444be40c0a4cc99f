// mfbundle runtime: the debug console and health data (`runtimeDebug`, on in development),
// as `__MF_DEBUG__` on the page's global object (`window`, `globalThis` in Node). It reads
// the counters of every mfbundle build on the page (stats.js's `__mfbundle_stats__`), hosts
// and remotes alike, whether or not they carry this file; the first build that carries it
// defines it. Times are in milliseconds.
//   inspectShareScope(scope = "default")  each shared module's versions and providers
//   analyzeConsumeShared(key)             every consume of `key`: configuration, history
//   getPerformanceMetrics()              totals, rates, remotes, a memory estimate
//   health()                              the design analysis's ModuleFederationHealth
//   onHealth(listener)                    called with health() whenever its status or
//                                         issues change (also the page event "mf-health")
(function () {
  if (__mf_page__.__MF_DEBUG__) return;
  var builds = function () {
    return __mf_page__.__mfbundle_stats__ || [];
  };
  var keys = function (o) {
    return o ? Object.keys(o).sort() : [];
  };
  var each = function (fn) {
    builds().forEach(function (build) {
      keys(build.consumes).forEach(function (id) {
        fn(build, id, build.consumes[id], build.consumed[id]);
      });
    });
  };
  var empty = { resolutions: 0, failures: 0, fallbacks: 0, reused: 0, time: 0, last: null, history: [] };
  // A record's events, oldest first, without the fields that do not apply.
  var history = function (record) {
    return record.history
      .map(function (event) {
        var out = {};
        for (var k in event) if (event[k] !== undefined) out[k] = event[k];
        return out;
      })
      .sort(function (a, b) {
        return a.at - b.at;
      });
  };
  // The share scope objects of `name` (builds that share one hold the same object).
  var scopeObjects = function (name) {
    var found = [];
    builds().forEach(function (build) {
      var scope = build.scopes[name];
      if (scope && found.indexOf(scope) < 0) found.push(scope);
    });
    return found;
  };
  var scopeNames = function () {
    var names = [];
    var add = function (name) {
      if (names.indexOf(name) < 0) names.push(name);
    };
    builds().forEach(function (build) {
      keys(build.scopes).forEach(add);
    });
    each(function (build, id, c) {
      add(c[1]);
    });
    return names.sort();
  };
  var inspectShareScope = function (name) {
    if (name === undefined) name = "default";
    var rows = {};
    scopeObjects(name).forEach(function (scope) {
      keys(scope).forEach(function (key) {
        var row = rows[key] || (rows[key] = { module: key, versions: [], providers: [], loading_states: [] });
        keys(scope[key]).forEach(function (version) {
          var entry = scope[key][version];
          for (var i = 0; i < row.versions.length; i++) {
            if (row.versions[i] === version && row.providers[i] === entry.from) return;
          }
          row.versions.push(version);
          row.providers.push(entry.from);
          row.loading_states.push({ version: version, from: entry.from, eager: !!entry.eager, loaded: !!entry.loaded });
        });
      });
    });
    return keys(rows).map(function (key) {
      return rows[key];
    });
  };
  var configuration = function (c) {
    return Object.assign({ shareScope: c[1], shareKey: c[2] }, __mf_share_config__(c), {
      fallback: !!c[5],
      loader: c[0]
    });
  };
  var metrics = function (n) {
    var ok = n.resolutions - n.failures;
    return {
      resolutions: n.resolutions,
      failures: n.failures,
      fallbacks: n.fallbacks,
      resolution_success_rate: n.resolutions ? ok / n.resolutions : 1,
      average_resolution_time: n.resolutions ? n.time / n.resolutions : 0,
      fallback_usage_rate: n.resolutions ? n.fallbacks / n.resolutions : 0,
      reuse_rate: ok ? n.reused / ok : 0
    };
  };
  var sum = function (records) {
    var total = { resolutions: 0, failures: 0, fallbacks: 0, reused: 0, time: 0 };
    records.forEach(function (n) {
      for (var k in total) total[k] += n[k];
    });
    return total;
  };
  var analyzeConsumeShared = function (key) {
    var consumers = [];
    each(function (build, id, c, n) {
      if (c[2] !== key && id !== key) return;
      n = n || empty;
      consumers.push({
        app: build.name,
        id: id,
        configuration: configuration(c),
        resolution_history: history(n),
        performance_metrics: metrics(n),
        counters: n
      });
    });
    if (!consumers.length) return null;
    var events = [];
    consumers.forEach(function (consumer) {
      consumer.resolution_history.forEach(function (event) {
        events.push(Object.assign({ app: consumer.app }, event));
      });
    });
    events.sort(function (a, b) {
      return a.at - b.at;
    });
    var total = metrics(
      sum(
        consumers.map(function (consumer) {
          return consumer.counters;
        })
      )
    );
    consumers.forEach(function (consumer) {
      delete consumer.counters;
    });
    return {
      module: key,
      configuration: consumers.map(function (consumer) {
        return Object.assign({ app: consumer.app, id: consumer.id }, consumer.configuration);
      }),
      resolution_history: events,
      performance_metrics: total,
      consumers: consumers
    };
  };
  // Rough bytes: 2 per character, 40 per object or property (V8's order of magnitude).
  var estimate = function (value, seen) {
    if (typeof value === "string") return 2 * value.length;
    if (!value || typeof value !== "object") return 8;
    if (seen.indexOf(value) >= 0) return 0;
    seen.push(value);
    var bytes = 40;
    for (var k in value) {
      if (Object.prototype.hasOwnProperty.call(value, k)) bytes += 40 + 2 * k.length + estimate(value[k], seen);
    }
    return bytes;
  };
  var remoteName = function (name) {
    return name.replace(/^webpack\/container\/reference\//, "");
  };
  var remotes = function () {
    var out = {};
    builds().forEach(function (build) {
      keys(build.remotes).forEach(function (name) {
        var r = build.remotes[name];
        var last = r.last;
        out[remoteName(name)] = {
          app: build.name,
          loads: r.loads,
          failures: r.failures,
          average_load_time: r.loads ? r.time / r.loads : 0,
          last_error: last && last.error ? last.error : null
        };
      });
    });
    return out;
  };
  var getPerformanceMetrics = function () {
    var records = [];
    each(function (build, id, c, n) {
      if (n) records.push(n);
    });
    var m = metrics(sum(records));
    var scopes = [];
    scopeNames().forEach(function (name) {
      scopes = scopes.concat(scopeObjects(name));
    });
    return {
      total_resolutions: m.resolutions,
      failed_resolutions: m.failures,
      average_resolution_time: m.average_resolution_time,
      fallback_usage_rate: m.fallback_usage_rate,
      cache_hit_rate: m.reuse_rate,
      remotes: remotes(),
      memory_usage: {
        share_scopes: estimate(scopes, []),
        counters: estimate(records, [])
      }
    };
  };
  // `^19` for 19.2.0 (`^0.4` for 0.4.1): what to require to accept `version`.
  var caret = function (version) {
    var parts = String(version).split(".");
    return "^" + (parts[0] === "0" && parts.length > 1 ? parts[0] + "." + parts[1] : parts[0]);
  };
  var loadedVersions = function (scopeName, key) {
    var out = [];
    inspectShareScope(scopeName).forEach(function (row) {
      if (row.module !== key) return;
      row.loading_states.forEach(function (state) {
        if (state.loaded) out.push(state.version + " from " + state.from);
      });
    });
    return out;
  };
  var health = function () {
    var issues = [];
    var recommendations = [];
    var failed = {};
    var conflicts = {};
    var modules = {};
    var critical = false;
    var grouped = {};
    each(function (build, id, c, n) {
      var name = c[1] === "default" ? c[2] : c[1] + "/" + c[2];
      (grouped[name] = grouped[name] || []).push(n || empty);
      if (!n || !n.last) return;
      var mark = c[1] + "\u0000" + c[2];
      var last = n.last;
      if (last.error) {
        failed[mark] = 1;
        if (n.failures === n.resolutions) critical = true;
        issues.push(c[2] + ": " + build.name + " could not resolve it (" + n.failures + " failure(s)): " + last.error.split("\n")[0]);
        recommendations.push(
          c[2] + ": check how " + build.name + " shares it (requiredVersion " + (c[4] || "any") +
            (c[5] ? "" : ", no fallback") + ") against the versions provided on the page"
        );
        return;
      }
      var warned = n.history.filter(function (event) {
        return event.warning;
      })[0];
      var conf = configuration(c);
      var loaded = loadedVersions(c[1], c[2]);
      if (conf.singleton && loaded.length > 1 && !conflicts[mark]) {
        conflicts[mark] = 1;
        issues.push(c[2] + ": " + loaded.length + " versions loaded for a singleton (" + loaded.join(", ") + ")");
      }
      if (warned || (last.fallback && loaded.length)) {
        conflicts[mark] = 1;
        var taken = warned ? warned.version + " from " + warned.from : build.name + "'s own copy";
        issues.push(
          c[2] + ": " + build.name + " requires " + c[4] + (conf.singleton ? " of the singleton" : "") +
            " but uses " + taken + (loaded.length ? " (loaded: " + loaded.join(", ") + ")" : "")
        );
        var winner = warned ? warned.version : loaded[0].split(" ")[0];
        recommendations.push(
          c[2] + ": align requiredVersion " + caret(winner) + " in " + build.name + " (it asks for " + c[4] + ")"
        );
      }
    });
    var remoteHealth = remotes();
    var remoteNames = keys(remoteHealth);
    var down = 0;
    remoteNames.forEach(function (name) {
      var r = remoteHealth[name];
      if (!r.last_error) return;
      down++;
      issues.push("remote " + name + " failed to load (" + r.failures + " of " + r.loads + " attempt(s)): " + r.last_error.split("\n")[0]);
      recommendations.push(
        "remote " + name + ": check that it is deployed and reachable; handle the failed import (a fallback component) so the page keeps working"
      );
    });
    if (remoteNames.length && down === remoteNames.length && down > 1) critical = true;
    var shareScopes = {};
    scopeNames().forEach(function (scopeName) {
      var names = [];
      scopeObjects(scopeName).forEach(function (scope) {
        keys(scope).forEach(function (key) {
          if (names.indexOf(key) < 0) names.push(key);
        });
      });
      each(function (build, id, c) {
        if (c[1] === scopeName && names.indexOf(c[2]) < 0) names.push(c[2]);
      });
      var failedCount = 0;
      var conflictCount = 0;
      var unhealthy = 0;
      names.forEach(function (key) {
        var mark = scopeName + "\u0000" + key;
        if (failed[mark]) failedCount++;
        if (conflicts[mark]) conflictCount++;
        if (failed[mark] || conflicts[mark]) unhealthy++;
      });
      shareScopes[scopeName] = {
        total_modules: names.length,
        healthy_modules: names.length - unhealthy,
        failed_modules: failedCount,
        version_conflicts: conflictCount
      };
    });
    keys(grouped).forEach(function (name) {
      var m = metrics(sum(grouped[name]));
      modules[name] = {
        resolution_success_rate: m.resolution_success_rate,
        average_resolution_time: m.average_resolution_time,
        fallback_usage_percentage: 100 * m.fallback_usage_rate,
        cache_efficiency: m.reuse_rate
      };
    });
    return {
      share_scopes: shareScopes,
      consume_shared_modules: modules,
      remotes: remoteHealth,
      overall_health: {
        status: critical ? "critical" : issues.length ? "degraded" : "healthy",
        issues: issues,
        recommendations: recommendations
      }
    };
  };
  var listeners = [];
  var timer = 0;
  var reported;
  var report = function () {
    timer = 0;
    var h = health();
    var said = JSON.stringify([h.overall_health.status, h.overall_health.issues]);
    if (said === reported) return;
    reported = said;
    listeners.slice().forEach(function (listener) {
      listener(h);
    });
    if (typeof __mf_page__.dispatchEvent === "function" && typeof CustomEvent === "function") {
      __mf_page__.dispatchEvent(new CustomEvent("mf-health", { detail: h }));
    }
  };
  var changed = function () {
    if (!timer && typeof setTimeout === "function") timer = setTimeout(report, 0);
  };
  builds().forEach(function (build) {
    build.changed = changed;
  });
  __mf_page__.__MF_DEBUG__ = {
    mfbundle: true,
    inspectShareScope: inspectShareScope,
    analyzeConsumeShared: analyzeConsumeShared,
    getPerformanceMetrics: getPerformanceMetrics,
    health: health,
    onHealth: function (listener) {
      listeners.push(listener);
      return function () {
        var i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    // stats.js calls this after each counted resolution: reports once things settle.
    changed: changed
  };
})();
