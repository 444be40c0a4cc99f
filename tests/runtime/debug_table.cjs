// The counters (stats.js) and the debug console (debug.js) on one simulated page: builds
// share one share scope and one global object, as a host and its remotes do. Each step
// resolves consumes or fails a remote, then checks what __MF_DEBUG__ reports.
"use strict";
const assert = require("assert");
const loadRuntime = require("./load_runtime.cjs");

const lib = (version, from) => () => () => `lib ${version} from ${from}`;
const app = (page, name, version, loader, range, { fallback = true, debug = false } = {}) => {
  const rt = loadRuntime({
    uniqueName: name,
    page,
    debug,
    provides: version ? { default: [["lib", version, lib(version, name), 0]] } : {},
    consumes: { [`${name}-lib`]: [loader, "default", "lib", false, range, fallback ? lib("fallback", name) : undefined] },
  });
  rt.__mf_require__.S.default = page.scope;
  rt.__mf_require__.I("default");
  rt.resolve = () => rt.__mf_consume_handler__(`${name}-lib`)();
  return rt;
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

(async () => {
  let passed = 0;
  const check = (label, fn) => {
    fn();
    passed++;
  };

  // A healthy page: one provider, one consumer.
  {
    const page = { scope: {} };
    const host = app(page, "host", "2.0.0", "loadSingletonVersion", "^2.0.0", { debug: true });
    assert.strictEqual(host.resolve(), "lib 2.0.0 from host");
    const debug = page.__MF_DEBUG__;
    check("healthy", () => {
      const h = debug.health();
      assert.deepStrictEqual(h.overall_health, { status: "healthy", issues: [], recommendations: [] });
      assert.deepStrictEqual(h.share_scopes, {
        default: { total_modules: 1, healthy_modules: 1, failed_modules: 0, version_conflicts: 0 },
      });
      assert.strictEqual(h.consume_shared_modules.lib.resolution_success_rate, 1);
      assert.strictEqual(h.consume_shared_modules.lib.fallback_usage_percentage, 0);
    });
  }

  // A host, a remote whose singleton range the host's version does not satisfy, a dead
  // remote, then a build that cannot resolve at all.
  const page = { scope: {} };
  const host = app(page, "host", "2.0.0", "loadSingletonVersion", "^2.0.0", { debug: true });
  const debug = page.__MF_DEBUG__;
  const reports = [];
  debug.onHealth((h) => reports.push(h.overall_health.status));
  const app2 = app(page, "app2", "1.0.0", "loadSingletonVersion", "^1.0.0");
  assert.strictEqual(host.resolve(), "lib 2.0.0 from host");
  assert.strictEqual(app2.resolve(), "lib 2.0.0 from host");
  assert.deepStrictEqual(app2.warnings, ["Unsatisfied version 2.0.0 from host of shared singleton module lib (required ^1.0.0)"]);
  await tick();

  check("one registry per build on the page", () => {
    assert.deepStrictEqual(page.__mfbundle_stats__.map((s) => s.name), ["host", "app2"]);
  });
  check("inspectShareScope", () => {
    assert.deepStrictEqual(debug.inspectShareScope(), [
      {
        module: "lib",
        versions: ["1.0.0", "2.0.0"],
        providers: ["app2", "host"],
        loading_states: [
          { version: "1.0.0", from: "app2", eager: false, loaded: false },
          { version: "2.0.0", from: "host", eager: false, loaded: true },
        ],
      },
    ]);
    assert.deepStrictEqual(debug.inspectShareScope("other"), []);
  });
  check("analyzeConsumeShared", () => {
    const a = debug.analyzeConsumeShared("lib");
    assert.deepStrictEqual(
      a.configuration.map((c) => [c.app, c.requiredVersion, c.singleton, c.strictVersion, c.fallback]),
      [["host", "^2.0.0", true, false, true], ["app2", "^1.0.0", true, false, true]]
    );
    assert.deepStrictEqual(
      a.resolution_history.map((e) => [e.app, e.version, e.from, !!e.warning]),
      [["host", "2.0.0", "host", false], ["app2", "2.0.0", "host", true]]
    );
    assert.ok(a.resolution_history.every((e) => typeof e.ms === "number" && e.ms >= 0));
    assert.strictEqual(a.performance_metrics.resolutions, 2);
    assert.strictEqual(a.performance_metrics.reuse_rate, 0.5);
    assert.strictEqual(debug.analyzeConsumeShared("nothing"), null);
  });
  check("the conflict", () => {
    const h = debug.health();
    assert.strictEqual(h.overall_health.status, "degraded");
    assert.deepStrictEqual(h.overall_health.issues, [
      "lib: app2 requires ^1.0.0 of the singleton but uses 2.0.0 from host (loaded: 2.0.0 from host)",
    ]);
    assert.deepStrictEqual(h.overall_health.recommendations, ["lib: align requiredVersion ^2 in app2 (it asks for ^1.0.0)"]);
    assert.deepStrictEqual(h.share_scopes.default, {
      total_modules: 1,
      healthy_modules: 0,
      failed_modules: 0,
      version_conflicts: 1,
    });
    assert.strictEqual(h.consume_shared_modules.lib.cache_efficiency, 0.5);
  });

  // A remote whose script does not load.
  host.__mf_note_remote__(
    "webpack/container/reference/app3 (http://127.0.0.1:9/remoteEntry.js)",
    "./Widget",
    0,
    new Error("Loading script failed.\n(error: http://127.0.0.1:9/remoteEntry.js)")
  );
  await tick();
  check("the dead remote", () => {
    const h = debug.health();
    assert.strictEqual(h.overall_health.status, "degraded");
    assert.strictEqual(
      h.overall_health.issues[1],
      "remote app3 (http://127.0.0.1:9/remoteEntry.js) failed to load (1 of 1 attempt(s)): Loading script failed."
    );
    assert.match(h.overall_health.recommendations[1], /^remote app3 .*: check that it is deployed and reachable/);
    assert.strictEqual(h.remotes["app3 (http://127.0.0.1:9/remoteEntry.js)"].failures, 1);
    const m = debug.getPerformanceMetrics();
    assert.strictEqual(m.remotes["app3 (http://127.0.0.1:9/remoteEntry.js)"].loads, 1);
  });

  // Its own copy instead of the page's: a strict range no provider satisfies.
  const app5 = app(page, "app5", null, "loadStrictVersion", "^1.5.0");
  assert.strictEqual(app5.resolve(), "lib fallback from app5");
  check("a second copy", () => {
    const h = debug.health();
    assert.ok(
      h.overall_health.issues.includes("lib: app5 requires ^1.5.0 but uses app5's own copy (loaded: 2.0.0 from host)"),
      h.overall_health.issues.join("\n")
    );
    assert.ok(Math.abs(h.consume_shared_modules.lib.fallback_usage_percentage - 100 / 3) < 1e-9);
  });

  // A strict singleton the page cannot satisfy, without a fallback: critical.
  const app4 = app(page, "app4", null, "loadStrictSingletonVersion", "^3.0.0", { fallback: false });
  assert.throws(() => app4.resolve(), /Unsatisfied version 2.0.0 from host of shared singleton module lib \(required \^3.0.0\)/);
  await tick();
  check("critical", () => {
    const h = debug.health();
    assert.strictEqual(h.overall_health.status, "critical");
    assert.ok(
      h.overall_health.issues.includes(
        "lib: app4 could not resolve it (1 failure(s)): Unsatisfied version 2.0.0 from host of shared singleton module lib (required ^3.0.0)"
      ),
      h.overall_health.issues.join("\n")
    );
    assert.deepStrictEqual(h.share_scopes.default, {
      total_modules: 1,
      healthy_modules: 0,
      failed_modules: 1,
      version_conflicts: 1,
    });
    const m = debug.getPerformanceMetrics();
    assert.strictEqual(m.total_resolutions, 4);
    assert.strictEqual(m.failed_resolutions, 1);
    assert.ok(m.memory_usage.share_scopes > 0 && m.memory_usage.counters > 0);
  });
  check("onHealth: once per change of status or issues", () => {
    assert.deepStrictEqual(reports, ["degraded", "degraded", "critical"]);
  });

  // Counters are kept without the console too.
  check("counters without debug.js", () => {
    const quiet = { scope: {} };
    const solo = app(quiet, "solo", "1.0.0", "loadSingleton", undefined);
    solo.resolve();
    assert.strictEqual(quiet.__MF_DEBUG__, undefined);
    const c = quiet.__mfbundle_stats__[0].consumed["solo-lib"];
    assert.deepStrictEqual([c.resolutions, c.failures, c.fallbacks, c.history[0].version], [1, 0, 0, "1.0.0"]);
  });
  console.log(`${passed} passed, 0 failed`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
