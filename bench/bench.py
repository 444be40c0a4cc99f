#!/usr/bin/env python3
"""mfbundle's benchmark: the same inputs built by mfbundle and its peers in one run.

    python3 bench/bench.py            # full: 1k/5k/20k modules, lodash, MF host; 5 runs each
    python3 bench/bench.py --smoke    # one small workload, one run (part of the test command)
    python3 bench/bench.py --mode minified --only synthetic-5000,lodash --runs 3
    python3 bench/bench.py --only react-page   # the React example's host page in Chromium
    python3 bench/bench.py --only dev-latency  # edit-to-update latency of mfbundle dev
    python3 bench/bench.py --only runtime-counters  # what the runtime's counters cost

"dev-latency" (full runs; 3 edits of synthetic-200 in --smoke) edits one leaf module of a
copy of synthetic-5000 20 times and reports the median time until the update is ready:
mfbundle dev (write -> answer of the page's waiting long poll), Rspack's development
compiler watching with HotModuleReplacementPlugin (write -> done hook, where rspack serve
sends its update), esbuild's context.rebuild() (tools/dev-latency.cjs); in full runs also
mfbundle dev's write -> the new code running in headless Chromium, the leaf accepting its
own updates (tools/dev-latency-page.mjs; a reload fails the run).

"runtime-counters" (every run; fewer iterations in --smoke) resolves one consume in Node with
the federation runtime as shipped and with its always-on counters replaced by no-ops, and
prints the cost per resolution of each (tools/runtime-counters.cjs).

"dev-startup" (every run) times `mfbundle dev` on the React example's host and remote from
the start of the process to the host's page answering with both first builds done, without
the persistent cache (--no-cache) and with it (warm: a previous process wrote it).

"warm-start" (full runs; synthetic-200 in --smoke) builds synthetic-5000 in development mode
with a persistent cache: cold (cache directory removed first) and warm (written by the
previous build, inputs unchanged), median of the runs, for mfbundle (cache = true), Rspack
(experiments.cache persistent) and webpack (filesystem cache); also mfbundle in production.

"types" (every run; one run in --smoke) times federated types: mfbundle's (the "types" stage
of `build --timings`: isolated declarations, the zip and the API file) against
@module-federation/dts-plugin's generateTypes (the project's tsc 7 with a temporary tsconfig,
then the zip; tools/types-gen.cjs), for the React example's remote and for a generated
remote of 100 TypeScript files exposing 50 of them (bench/work/types-100).

"react-page" (full runs) builds examples/react with mfbundle and with Rspack + Module
Federation 2.0 (@module-federation/enhanced, tools/react-mf2/) and sums the JavaScript the
host page loads in headless Chromium (tools/react-page.mjs).

Two modes, each tool building the same input: "unminified" (mfbundle --no-minify, webpack
and Rspack with minimize: false, esbuild and rolldown plain) and "minified", the production
build a team ships, each tool with its own minifier (mfbundle's default, esbuild --minify,
rolldown minify: true, webpack's terser and Rspack's SWC minimizer). Prints, per workload
and tool, the median wall time, peak memory (max RSS of the build process), JavaScript bytes
and their gzip size, and each peer's ratio to mfbundle. Cold builds: output and any cache
directory are removed before every run; no source maps. Workloads
are generated deterministically into bench/work/ (not committed). The peers (esbuild,
rolldown, Rspack, webpack) and the workloads' packages are pinned by bench/package-lock.json
and installed with `npm ci` by tests/setup.sh.
"""
import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
NODE_MODULES = os.path.join(HERE, "node_modules")
MFBUNDLE = os.path.join(ROOT, "target", "release", "mfbundle")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def link_node_modules(project):
    link = os.path.join(project, "node_modules")
    if not os.path.lexists(link):
        os.symlink(NODE_MODULES, link)


def synthetic(n):
    """A DAG of n modules (about 30 lines each, several exports of which one or two are
    used, cross edges, 10% CommonJS), generated from a fixed seed."""
    project = os.path.join(WORK, f"synthetic-{n}")
    if os.path.exists(os.path.join(project, "done")):
        return project
    shutil.rmtree(project, ignore_errors=True)
    rng = random.Random(n)
    cjs = set(rng.sample(range(1, n), n // 10))
    for i in range(n):
        deps = sorted({j for j in (i * 2 + 1, i * 2 + 2, rng.randrange(i + 1, n) if i + 1 < n else n) if j < n})
        lines = []
        if i in cjs:
            for j in deps:
                lines.append(f'const m{j} = require("./m{j}.js");')
            body = " + ".join(f"m{j}.f0({i})" for j in deps) or str(i)
            lines += [
                f"function f0(x) {{ return x + {i}; }}",
                f"function f1(x) {{ return x * {i}; }}",
                f"function f2(x) {{ return String(x) + '{i}'; }}",
                f"function unused{i}() {{ return [1, 2, 3].map((v) => v * {i}); }}",
                "module.exports = { f0, f1, f2, unused" + str(i) + ", total: () => " + body + " };",
            ]
        else:
            for j in deps:
                if j in cjs:
                    lines.append(f'import m{j} from "./m{j}.js";')
                else:
                    lines.append(f'import {{ f0 as f0_{j}, total as total_{j} }} from "./m{j}.js";')
            calls = [f"m{j}.f0({i})" if j in cjs else f"f0_{j}({i})" for j in deps]
            lines += [
                f"export function f0(x) {{ return x + {i}; }}",
                f"export function f1(x) {{ return x * {i}; }}",
                f"export const f2 = (x) => String(x) + '{i}';",
                f"export class C{i} {{",
                f"  constructor(v) {{ this.v = v; }}",
                f"  get double() {{ return this.v * 2; }}",
                "}",
                f"export function total() {{ return {' + '.join(calls) or str(i)}; }}",
            ]
        while len(lines) < 28:
            k = len(lines)
            lines.append(f"// filler {k}: const table{k} = {{ key: {k}, label: 'row {k} of module {i}' }};")
        write(os.path.join(project, "src", f"m{i}.js"), "\n".join(lines) + "\n")
    entry = [f'import {{ total as t{j} }} from "./m{j}.js";' for j in range(min(10, n)) if j not in cjs]
    entry.append("console.log(" + " + ".join(f"t{j}()" for j in range(min(10, n)) if j not in cjs) + ");")
    write(os.path.join(project, "src", "index.js"), "\n".join(entry) + "\n")
    write(os.path.join(project, "federation.toml"), 'entry = "./src/index.js"\n')
    write(os.path.join(project, "done"), "")
    return project


def lodash_workload():
    project = os.path.join(WORK, "lodash")
    write(os.path.join(project, "src", "index.js"),
          'import { debounce, chunk } from "lodash-es";\n'
          'import * as _ from "lodash-es";\n'
          'console.log(chunk([1, 2, 3, 4], 2), typeof debounce(() => 1, 10), _.kebabCase("A B"));\n')
    write(os.path.join(project, "federation.toml"), 'entry = "./src/index.js"\n')
    write(os.path.join(project, "package.json"), '{"name": "lodash-bench", "version": "1.0.0"}\n')
    link_node_modules(project)
    return project


SHARED = {"react": {"singleton": True, "requiredVersion": "^19.0.0"},
          "react-dom": {"singleton": True, "requiredVersion": "^19.0.0"},
          "lodash-es": {"requiredVersion": "^4.17.21"}}


def mf_host_workload():
    project = os.path.join(WORK, "mf-host")
    write(os.path.join(project, "src", "index.js"), 'import("./bootstrap.js");\n')
    write(os.path.join(project, "src", "bootstrap.js"),
          'import React from "react";\nimport { createRoot } from "react-dom/client";\n'
          'import { debounce } from "lodash-es";\n'
          'const App = () => React.createElement("h1", null, "host");\n'
          'createRoot(document.getElementById("root")).render(React.createElement(App));\n'
          'window.addEventListener("resize", debounce(() => {}, 100));\n')
    toml = 'name = "host"\nentry = "./src/index.js"\n\n[shared]\n'
    toml += 'react = { singleton = true, requiredVersion = "^19.0.0" }\n'
    toml += '"react-dom" = { singleton = true, requiredVersion = "^19.0.0" }\n'
    toml += '"lodash-es" = "^4.17.21"\n'
    write(os.path.join(project, "federation.toml"), toml)
    write(os.path.join(project, "package.json"), json.dumps({"name": "mf-host", "version": "1.0.0", "dependencies": {
        "react": "^19.0.0", "react-dom": "^19.0.0", "lodash-es": "^4.17.21"}}) + "\n")
    link_node_modules(project)
    return project


def types_workload(n=100, exposed=50):
    """n TypeScript modules (interfaces, enums, generic classes, overloads, imports of two
    others' types), the first `exposed` of them exposed; a tsconfig for the dts-plugin."""
    project = os.path.join(WORK, f"types-{n}")
    if os.path.exists(os.path.join(project, "done")):
        return project, exposed
    shutil.rmtree(project, ignore_errors=True)
    for i in range(n):
        deps = sorted({j for j in (i * 2 + 1, i * 2 + 2) if j < n})
        lines = [f'import type {{ Shape{j}, Kind{j} }} from "./m{j}";' for j in deps]
        child = " | ".join(f"Shape{j}" for j in deps) or "null"
        kinds = " | ".join([f'"k{i}"'] + [f"Kind{j}" for j in deps])
        lines += [
            f"/** Module {i}'s record. */",
            f"export interface Shape{i} {{",
            "  id: number;",
            "  name: string;",
            "  tags: readonly string[];",
            f"  child?: {child};",
            f"  meta: Record<string, {{ at: Date; by: string }}>;",
            "}",
            f"export type Kind{i} = {kinds};",
            f"export enum Level{i} {{ Low = 0, Mid = 1, High = 2 }}",
            f"export const LIMIT_{i} = {i};",
            f"export const DEFAULTS_{i} = {{ name: \"m{i}\", size: {i % 7} }} as const;",
            f"export function make{i}(name: string, child?: {child}): Shape{i} {{",
            f"  return {{ id: {i}, name, tags: [], child: child ?? undefined, meta: {{}} }};",
            "}",
            f"export function pick{i}(value: string): string;",
            f"export function pick{i}(value: number): number;",
            f"export function pick{i}(value: string | number): string | number {{",
            "  return value;",
            "}",
            f"export class Store{i}<T extends Shape{i} = Shape{i}> {{",
            "  private items: T[] = [];",
            "  protected limit: number;",
            "  constructor(limit: number) {",
            "    this.limit = limit;",
            "  }",
            "  add(item: T): this {",
            "    if (this.items.length < this.limit) this.items.push(item);",
            "    return this;",
            "  }",
            "  get size(): number {",
            "    return this.items.length;",
            "  }",
            f"  find(kind: Kind{i}): T | undefined {{",
            "    return this.items.find((x) => x.name === kind);",
            "  }",
            "}",
        ]
        write(os.path.join(project, "src", f"m{i}.ts"), "\n".join(lines) + "\n")
    write(os.path.join(project, "src", "index.ts"),
          "".join(f'import {{ make{i} }} from "./m{i}";\nconsole.log(make{i}("x").id);\n' for i in range(exposed)))
    exposes = "".join(f'"./m{i}" = "./src/m{i}.ts"\n' for i in range(exposed))
    write(os.path.join(project, "federation.toml"),
          f'name = "types_bench"\nentry = "./src/index.ts"\nmode = "production"\n[exposes]\n{exposes}')
    write(os.path.join(project, "tsconfig.json"), json.dumps({
        "compilerOptions": {"target": "ES2022", "module": "ESNext", "moduleResolution": "bundler",
                            "strict": True, "skipLibCheck": True, "types": [], "rootDir": "src"},
        "include": ["src"]}, indent=2) + "\n")
    write(os.path.join(project, "done"), "")
    return project, exposed


def types_stage_ms(project, out):
    """The "types" stage of one cold `mfbundle build --timings` (ms)."""
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([MFBUNDLE, "build", project, "--out-dir", out, "--timings", "--quiet"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    for line in proc.stderr.splitlines():
        parts = line.split()
        if parts[:1] == ["types"]:
            return float(parts[1])
    raise RuntimeError("no types stage in --timings:\n" + proc.stderr)


def dts_plugin_ms(project, out, name, exposes):
    """One run of the dts-plugin's generateTypes on a copy of `project` next to it (the
    plugin writes caches under the project's node_modules; packages still resolve from the
    folders above), in ms."""
    copy = project.rstrip("/") + "-dts"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns("dist", "node_modules"))
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run(["node", os.path.join(HERE, "tools", "types-gen.cjs"), copy, out, name, json.dumps(exposes)],
                          cwd=HERE, capture_output=True, text=True)
    shutil.rmtree(copy, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr or proc.stdout)
    return float(proc.stdout.strip().splitlines()[-1])


def types_benchmark(runs):
    """Federated types: mfbundle's types stage against the dts-plugin, side by side."""
    print("\n== types (federated types: declarations, zip, API file)")
    print(f"  {'remote':<26} {'mfbundle ms':>12} {'dts-plugin ms':>14} {'ratio':>8}")
    generated, exposed = types_workload()
    cases = [
        ("react example (1 expose)", os.path.join(ROOT, "examples", "react", "remote"), "remote",
         {"./Widget": "./src/Widget.tsx"}),
        (f"generated ({exposed} of 100)", generated, "types_bench",
         {f"./m{i}": f"./src/m{i}.ts" for i in range(exposed)}),
    ]
    failures = 0
    for label, project, name, exposes in cases:
        out = os.path.join(WORK, "out", "types", name)
        try:
            ours = statistics.median(types_stage_ms(project, out + "-mfbundle") for _ in range(runs))
            theirs = statistics.median(dts_plugin_ms(project, out + "-dts", name, exposes) for _ in range(runs))
        except RuntimeError as e:
            print(f"  {label:<26} failed: {str(e).strip().splitlines()[-1] if str(e).strip() else e}")
            failures += 1
            continue
        print(f"  {label:<26} {ours:>12.1f} {theirs:>14.1f} {theirs / max(ours, 0.001):>7.0f}x")
    return failures


def commands(tool, project, out, mf, minify):
    """The build command, and the environment it needs (the peers' scripts read
    BENCH_MINIFY)."""
    entry = "./src/index.js"
    node = "node"
    env = dict(os.environ, BENCH_MINIFY="1" if minify else "0")
    if tool == "mfbundle":
        # Production builds minify by default.
        extra = [] if minify else ["--no-minify"]
        return [MFBUNDLE, "build", project, "--out-dir", out, "--quiet"] + extra, env
    if tool == "esbuild":
        extra = ["--minify"] if minify else []
        return [os.path.join(NODE_MODULES, "esbuild", "bin", "esbuild"), os.path.join(project, "src", "index.js"),
                "--bundle", f"--outdir={out}", "--log-level=error", "--format=esm", "--splitting"] + extra, env
    if tool == "rolldown":
        return [node, os.path.join(HERE, "tools", "rolldown.mjs"), os.path.join(project, "src", "index.js"), out], env
    if tool in ("rspack", "webpack"):
        cmd = [node, os.path.join(HERE, "tools", "webpack-like.cjs"), tool, project, entry, out]
        if mf:
            cmd.append(json.dumps(SHARED))
        return cmd, env
    raise ValueError(tool)


def measure(command, out):
    """(seconds, peak RSS bytes) of one cold build."""
    cmd, env = command
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=HERE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err}")
    return elapsed, usage.ru_maxrss * 1024


def out_bytes(out):
    total = 0
    for dirpath, _, files in os.walk(out):
        for f in files:
            if f.endswith((".js", ".mjs")):
                total += os.path.getsize(os.path.join(dirpath, f))
    return total


def gzip_bytes(out):
    """The JS files' sizes after gzip (level 6, as servers and Vite's report use)."""
    total = 0
    for dirpath, _, files in os.walk(out):
        for f in files:
            if f.endswith((".js", ".mjs")):
                with open(os.path.join(dirpath, f), "rb") as fh:
                    total += len(gzip.compress(fh.read(), 6, mtime=0)) - 18
    return total


def leaf_module(project):
    """The last module of a synthetic project that imports nothing and is an ES module."""
    src = os.path.join(project, "src")
    for i in range(len(os.listdir(src)) - 2, 0, -1):
        with open(os.path.join(src, f"m{i}.js")) as f:
            text = f.read()
        if "module.exports" not in text and "import " not in text:
            return os.path.join(src, f"m{i}.js")
    raise RuntimeError("no leaf module")


def mfbundle_dev_latency(project, leaf, edits):
    """ms from writing `leaf` to the answer of a long poll that was waiting for the next
    build (the update message leaving `mfbundle dev`), for each edit."""
    import threading
    import urllib.request
    with open(leaf) as f:
        original = f.read()
    proc = subprocess.Popen([MFBUNDLE, "dev", project, "--port", "0", "--json"], cwd=HERE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        while True:
            event = json.loads(proc.stdout.readline())
            if event["event"] == "listening":
                url = event["url"]
            if event["event"] == "build":
                break
        threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
        samples = []
        for k in range(1, edits + 1):
            with urllib.request.urlopen(url + "__mfbundle/poll?since=-1&first=1") as r:
                build = json.load(r)["build"]
            answer = {}

            def wait():
                since = build
                while True:
                    with urllib.request.urlopen(url + f"__mfbundle/poll?since={since}", timeout=60) as r:
                        answer.update(json.load(r))
                        answer["at"] = time.perf_counter()
                    # A build with nothing to send (a second rebuild of the previous edit,
                    # when the watcher saw its truncation and its write apart) is not the
                    # update: wait for the next.
                    if answer.get("update") != "none":
                        return
                    since = answer["build"]
            waiter = threading.Thread(target=wait)
            waiter.start()
            time.sleep(0.3)  # the poll is waiting in the server
            start = time.perf_counter()
            with open(leaf, "w") as f:
                f.write(original + f"export const edited = {k};\n")
            waiter.join()
            if answer.get("update") != "hot":
                raise RuntimeError(f"expected a hot update, got {answer}")
            samples.append((answer["at"] - start) * 1000)
        return samples
    finally:
        proc.kill()
        proc.wait()
        with open(leaf, "w") as f:
            f.write(original)


def dev_startup(runs):
    """ms from starting `mfbundle dev` on the React example's host and remote (one process,
    from memory) to the host's page answering, both first builds done; median of `runs`,
    without the persistent cache and with the one the previous start wrote."""
    import urllib.request
    example = os.path.join(ROOT, "examples", "react")

    def start_once(extra, linger=0.0):
        start = time.perf_counter()
        proc = subprocess.Popen([MFBUNDLE, "dev", os.path.join(example, "host"), os.path.join(example, "remote"),
                                 "--port", "0", "--json"] + extra, cwd=HERE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            urls, built = [], 0
            while built < 2:
                line = proc.stdout.readline()
                if not line:
                    raise RuntimeError("mfbundle dev ended before serving")
                event = json.loads(line)
                if event["event"] == "listening":
                    urls.append(event["url"])
                elif event["event"] == "build":
                    if not event.get("ok"):
                        raise RuntimeError(f"a first build failed: {event}")
                    built += 1
            with urllib.request.urlopen(urls[0], timeout=60) as r:
                if r.status != 200 or b"<script" not in r.read():
                    raise RuntimeError("the host page has no script")
            elapsed = (time.perf_counter() - start) * 1000
            time.sleep(linger)
            return elapsed
        finally:
            proc.kill()
            proc.wait()

    cold = [start_once(["--no-cache"]) for _ in range(runs)]
    # The cache is written after the first build, on another thread: let it finish once.
    start_once([], linger=1.0)
    warm = [start_once([], linger=0.2) for _ in range(runs)]
    print(f"\n== dev start-up (React example: host + remote in one mfbundle dev, to the host page served)")
    print(f"  mfbundle   {statistics.median(cold):>8.1f} ms  (--no-cache, median of {runs})")
    print(f"  mfbundle   {statistics.median(warm):>8.1f} ms  (with the persistent cache a previous start wrote)")
    return 0


def warm_start(n, runs):
    """Cold and warm builds with each tool's persistent cache (development mode, inputs
    unchanged between the builds); the warm/cold ratio per tool."""
    project = synthetic(n)
    print(f"\n== warm start with a persistent cache, synthetic-{n} (median of {runs}, seconds)")
    print(f"  {'tool':<22} {'cold':>7} {'warm':>7}  warm/cold")
    failures = 0
    for tool, mode in (("mfbundle", "development"), ("mfbundle", "production"), ("rspack", "development"),
                       ("webpack", "development")):
        out = os.path.join(WORK, "out", "warm-start", f"{tool}-{mode}")
        cache = os.path.join(WORK, "cache", f"{tool}-{mode}")
        cmd, env = commands(tool, project, out, False, mode == "production")
        if tool == "mfbundle":
            cmd = cmd + ["--mode", mode, "--cache", "--cache-dir", cache]
        env = dict(env, BENCH_MODE=mode, BENCH_CACHE_DIR=cache)
        try:
            cold, warm = [], []
            for _ in range(runs):
                shutil.rmtree(cache, ignore_errors=True)
                cold.append(measure((cmd, env), out)[0])
                warm.append(measure((cmd, env), out)[0])
        except RuntimeError as e:
            print(f"  {tool:<22} failed: {str(e).splitlines()[-1] if str(e) else e}")
            failures += tool == "mfbundle"
            continue
        c, w = statistics.median(cold), statistics.median(warm)
        print(f"  {tool + ' (' + mode + ')':<22} {c:>7.3f} {w:>7.3f}  {w / c:>5.2f}x")
    return failures


def dev_latency(n, edits, page=False):
    """Edit-to-update latency on a copy of synthetic-n: mfbundle dev, Rspack's watching
    development compiler with HMR, esbuild's context.rebuild(); median of `edits` edits of
    one leaf module. With `page`, also mfbundle dev's write -> new code running in headless
    Chromium (tools/dev-latency-page.mjs)."""
    project = os.path.join(WORK, f"dev-latency-{n}")
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(synthetic(n), project)
    link_node_modules(project)
    leaf = leaf_module(project)
    print(f"\nedit-to-update latency, synthetic-{n}, {edits} edits of {os.path.relpath(leaf, project)} (median ms)")
    results = {}
    results["mfbundle"] = mfbundle_dev_latency(project, leaf, edits)
    failures = 0
    if page:
        out = subprocess.run(["node", os.path.join(HERE, "tools", "dev-latency-page.mjs"), MFBUNDLE, project, leaf,
                              str(edits)], cwd=HERE, capture_output=True, text=True)
        answer = json.loads(out.stdout) if out.returncode == 0 else None
        if answer is None or answer["reloads"]:
            why = out.stderr.strip().splitlines()[-1:] if answer is None else f"{answer['reloads']} reload(s)"
            print(f"  mfbundle page failed: {why}")
            failures += 1
        else:
            results["mfbundle page"] = answer["samples"]
    for tool in ("rspack", "esbuild"):
        out = subprocess.run(["node", os.path.join(HERE, "tools", "dev-latency.cjs"), tool, project, leaf, str(edits)],
                             cwd=HERE, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"  {tool:<10} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        results[tool] = json.loads(out.stdout)["samples"]
    base = statistics.median(results["mfbundle"])
    what = {"mfbundle": "dev: write -> poll answer", "rspack": "watch + HMR: write -> done",
            "esbuild": "context.rebuild()", "mfbundle page": "dev: write -> new code running in Chromium"}
    for tool, samples in results.items():
        med = statistics.median(samples)
        ratio = "" if tool.startswith("mfbundle") else f"   {med / base:>5.2f}x"
        print(f"  {tool:<13} {med:>8.1f} ms  ({what[tool]}){ratio}")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="one small workload, one run, both modes")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mode", choices=["unminified", "minified", "both"], default="both")
    ap.add_argument("--only", help="comma-separated workload names (synthetic-5000,lodash,mf-host)")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(NODE_MODULES, "esbuild")):
        sys.exit("bench/node_modules is missing: run tests/setup.sh (npm ci in bench/)")
    if not os.path.exists(MFBUNDLE):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    runs = 1 if args.smoke else args.runs
    tools = ["mfbundle", "esbuild", "rolldown", "rspack", "webpack"]
    if args.smoke:
        workloads = [("synthetic-200", lambda: synthetic(200), False)]
    else:
        workloads = [(f"synthetic-{n}", (lambda n=n: synthetic(n)), False) for n in (1000, 5000, 20000)]
        workloads += [("lodash", lodash_workload, False), ("mf-host", mf_host_workload, True)]
    if args.only:
        wanted = args.only.split(",")
        workloads = [w for w in workloads if w[0] in wanted]
    modes = ["unminified", "minified"] if args.mode == "both" else [args.mode]
    print(f"mfbundle benchmark: {runs} run(s) per tool, median shown; cold builds")
    print(f"machine: {os.cpu_count()} cores")
    failures = 0
    for mode in modes if workloads else []:
        minify = mode == "minified"
        print(f"\n== {mode}" + (" (each tool with its own minifier)" if minify else ""))
        for name, make, mf in workloads:
            project = make()
            print(f"\n{name} ({mode})")
            print(f"  {'tool':<10} {'wall s':>8} {'peak MB':>9} {'JS KB':>9} {'gzip KB':>8}   "
                  f"{'time':>6} {'mem':>6} {'size':>6} {'gzip':>6}  (ratio to mfbundle)")
            results = {}
            for tool in tools:
                if mf and tool in ("esbuild", "rolldown"):
                    continue  # no Module Federation
                out = os.path.join(WORK, "out", mode, name, tool)
                try:
                    samples = [measure(commands(tool, project, out, mf, minify), out) for _ in range(runs)]
                except RuntimeError as e:
                    print(f"  {tool:<10} failed: {str(e).splitlines()[-1] if str(e) else e}")
                    failures += tool == "mfbundle"
                    continue
                wall = statistics.median(s[0] for s in samples)
                mem = statistics.median(s[1] for s in samples)
                results[tool] = (wall, mem, out_bytes(out), gzip_bytes(out))
            base = results.get("mfbundle")
            for tool, (wall, mem, size, gz) in results.items():
                ratio = ""
                if base and tool != "mfbundle":
                    ratio = (f"   {wall / base[0]:>5.2f}x {mem / base[1]:>5.2f}x {size / max(base[2], 1):>5.2f}x"
                             f" {gz / max(base[3], 1):>5.2f}x")
                print(f"  {tool:<10} {wall:>8.3f} {mem / 2**20:>9.1f} {size / 1024:>9.1f} {gz / 1024:>8.1f}{ratio}")
    if args.smoke:
        failures += dev_latency(200, 3)
    elif not args.only or "dev-latency" in args.only.split(","):
        failures += dev_latency(5000, 20, page=True)
    if args.smoke:
        failures += warm_start(200, 1)
    elif not args.only or "warm-start" in args.only.split(","):
        failures += warm_start(5000, runs)
    if not args.only or "runtime-counters" in args.only.split(","):
        print("\n== runtime-counters")
        counters = subprocess.run(["node", os.path.join(HERE, "tools", "runtime-counters.cjs"),
                                   "50000" if args.smoke else "200000"], cwd=ROOT)
        failures += counters.returncode != 0
    if not args.only or "dev-startup" in args.only.split(","):
        try:
            failures += dev_startup(runs)
        except (RuntimeError, OSError, ValueError) as e:
            print(f"\n== dev start-up failed: {e}")
            failures += 1
    if not args.only or "types" in args.only.split(","):
        failures += types_benchmark(runs)
    if not args.smoke and (not args.only or "react-page" in args.only.split(",")):
        print("\n== react-page")
        page = subprocess.run(["node", os.path.join(HERE, "tools", "react-page.mjs")], cwd=ROOT)
        failures += page.returncode != 0
    print("\n1 passed, 0 failed" if failures == 0 else f"\n0 passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
