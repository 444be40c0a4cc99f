//! `graph`: a differential fuzzer of the bundler's semantics. The input drives (through
//! `arbitrary`) a small module graph: ES modules (`.mjs`) and CommonJS modules (`.cjs`) with
//! named, default and namespace imports, `export *`, `export * as`, re-exports, cycles, live
//! bindings (exported `let`s that an exported function increments, a `let` exported as
//! default), `require`, and `import()` from the entry. Every module logs its evaluation and
//! registers a function that prints what it imported (before and after calling imported
//! functions); the entry runs them once everything static is evaluated, then loads the
//! dynamic imports one after another. The source runs in Node; mfbundle bundles it for Node
//! in development and in production; the three must print the same stdout and exit alike.
//!
//! Only programs whose behaviour is deterministic and that Node runs are generated: no reads
//! of another module's bindings while modules evaluate (no TDZ in cycles), no top-level await
//! or import.meta (MF1007 by design), CommonJS requires only CommonJS (Node 20 cannot
//! `require` ES modules), CommonJS exports written as `exports.x =` or
//! `module.exports = { x }` (what Node's cjs-module-lexer detects for named imports), and the
//! exports of CommonJS modules never change after evaluation (Node's named imports of
//! CommonJS are a snapshot, webpack's are live: a known, documented difference).
//!
//! The documented differences that must not count are excluded by construction: every
//! exported name is unique to the module that declares it, so two `export *` can never
//! provide one name from two modules (ambiguous names); no program inspects whether a
//! namespace object is extensible; no `.mjs` module mentions `require` or `module`. A program
//! whose source Node refuses (a SyntaxError while linking) is skipped.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use arbitrary::{Arbitrary, Unstructured};
use mfbundle::config::{self, CliOverrides, Mode};
use mfbundle::graph::NoProgress;
use mfbundle::pipeline;

use super::{render_all, with_big_stack, write};

const MAX_MODULES: usize = 6;
const MAX_LIST: usize = 4;

/// Lists are fixed-size arrays with a count byte (not `Vec`s, whose length `arbitrary` draws
/// one continuation bit per element): random bytes then make programs of several modules
/// with several imports each, not mostly one-module programs.
#[derive(Arbitrary, Debug)]
struct RawModule {
    cjs: bool,
    /// ESM: how the default export is written; CommonJS: `exports.x =` or `module.exports =`.
    style: u8,
    value: i8,
    esmodule_flag: bool,
    imports: (u8, [RawImport; MAX_LIST]),
    stars: (u8, [u8; MAX_LIST]),
    star_as: (u8, [u8; MAX_LIST]),
    reexports: (u8, [(u8, u8); MAX_LIST]),
    calls: (u8, [u8; MAX_LIST]),
}

#[derive(Arbitrary, Debug)]
enum RawImport {
    Named(u8, u8),
    Default(u8),
    Namespace(u8),
    SideEffect(u8),
}

#[derive(Arbitrary, Debug)]
struct RawProgram {
    modules: (u8, [RawModule; MAX_MODULES]),
    dynamic: (u8, [u8; MAX_LIST]),
}

/// A module of the generated program.
#[derive(Debug, Clone)]
pub struct Module {
    pub cjs: bool,
    pub style: u8,
    pub value: i8,
    pub esmodule_flag: bool,
    /// (kind, target, imported name for Named)
    pub imports: Vec<Import>,
    pub stars: Vec<usize>,
    pub star_as: Vec<usize>,
    /// (target, name in the target: "v", "f" or "default")
    pub reexports: Vec<(usize, &'static str)>,
    /// Indexes into `imports` whose binding is called.
    pub calls: Vec<usize>,
}

#[derive(Debug, Clone)]
pub enum Import {
    Named(usize, String),
    Default(usize),
    Namespace(usize),
    SideEffect(usize),
}

impl Import {
    fn target(&self) -> usize {
        match self {
            Import::Named(t, _)
            | Import::Default(t)
            | Import::Namespace(t)
            | Import::SideEffect(t) => *t,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Program {
    pub modules: Vec<Module>,
    pub dynamic: Vec<usize>,
}

/// The first `count % (N + 1)` elements of a counted list.
fn take<T, const N: usize>((count, items): (u8, [T; N])) -> impl Iterator<Item = T> {
    items.into_iter().take(count as usize % (N + 1))
}

impl Program {
    /// The program `data` describes (always a valid one; empty input: one module).
    pub fn from_bytes(data: &[u8]) -> Program {
        let Ok(raw) = RawProgram::arbitrary(&mut Unstructured::new(data)) else {
            unreachable!("arbitrary fills missing bytes with zeros")
        };
        let (count, modules) = raw.modules;
        let mut raws: Vec<RawModule> = modules
            .into_iter()
            .take(1 + count as usize % MAX_MODULES)
            .collect();
        let n = raws.len();
        // The entry is an ES module.
        raws[0].cjs = false;
        let cjs: Vec<bool> = raws.iter().map(|m| m.cjs).collect();
        let pick = |b: u8| b as usize % n;
        let mut modules: Vec<Module> = raws
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                // CommonJS requires only CommonJS.
                let ok = |t: usize| !cjs[i] || cjs[t];
                let imports: Vec<Import> = take(r.imports)
                    .map(|imp| match imp {
                        RawImport::Named(t, k) => Import::Named(pick(t), k.to_string()),
                        RawImport::Default(t) => Import::Default(pick(t)),
                        RawImport::Namespace(t) => Import::Namespace(pick(t)),
                        RawImport::SideEffect(t) => Import::SideEffect(pick(t)),
                    })
                    .filter(|imp| ok(imp.target()))
                    .collect();
                let esm = !cjs[i];
                Module {
                    cjs: cjs[i],
                    style: r.style,
                    value: r.value,
                    esmodule_flag: r.esmodule_flag,
                    calls: take(r.calls)
                        .filter(|_| !imports.is_empty())
                        .map(|c| c as usize % imports.len().max(1))
                        .collect(),
                    imports,
                    stars: take(r.stars).map(pick).filter(|_| esm).collect(),
                    star_as: take(r.star_as).map(pick).filter(|_| esm).collect(),
                    reexports: take(r.reexports)
                        .filter(|_| esm)
                        .map(|(t, k)| (pick(t), ["v", "f", "default"][k as usize % 3]))
                        .collect(),
                }
            })
            .collect();
        // Named imports name something the target exports.
        let names = exported_names(&modules);
        for m in &mut modules {
            for imp in &mut m.imports {
                if let Import::Named(t, k) = imp {
                    let list: Vec<&String> = names[*t].iter().collect();
                    let k: usize = k.parse().unwrap_or(0);
                    *imp = if list.is_empty() {
                        Import::Default(*t)
                    } else {
                        Import::Named(*t, list[k % list.len()].clone())
                    };
                }
            }
        }
        Program {
            dynamic: take(raw.dynamic).map(pick).collect(),
            modules,
        }
    }

    pub fn file_name(&self, i: usize) -> String {
        format!("m{i}.{}", if self.modules[i].cjs { "cjs" } else { "mjs" })
    }

    /// The program's files: (name, text).
    pub fn files(&self) -> Vec<(String, String)> {
        (0..self.modules.len())
            .map(|i| (self.file_name(i), self.module_text(i)))
            .collect()
    }

    fn module_text(&self, i: usize) -> String {
        let m = &self.modules[i];
        let mut s = String::new();
        let local = |k: usize| format!("i{i}_{k}");
        // What each import binding is: printed, and called when `calls` says so.
        let mut prints: Vec<String> = Vec::new();
        let mut callable: Vec<Option<String>> = Vec::new();
        if m.cjs {
            for (k, imp) in m.imports.iter().enumerate() {
                let t = imp.target();
                let l = local(k);
                let _ = writeln!(s, "const {l} = require(\"./{}\");", self.file_name(t));
                prints.push(l.clone());
                callable.push(Some(format!("{l}.f{t}()")));
            }
        } else {
            for (k, imp) in m.imports.iter().enumerate() {
                let t = imp.target();
                let file = self.file_name(t);
                let l = local(k);
                match imp {
                    Import::Named(_, name) => {
                        let _ = writeln!(s, "import {{ {name} as {l} }} from \"./{file}\";");
                        prints.push(l.clone());
                        let is_fn = name.starts_with('f') || name.starts_with("rf");
                        callable.push(is_fn.then(|| format!("{l}()")));
                    }
                    Import::Default(_) => {
                        let _ = writeln!(s, "import {l} from \"./{file}\";");
                        prints.push(l.clone());
                        let target = &self.modules[t];
                        callable.push(if target.cjs {
                            Some(format!("{l}.f{t}()"))
                        } else if matches!(target.style % 5, 1 | 2) {
                            Some(format!("{l}()"))
                        } else {
                            None
                        });
                    }
                    Import::Namespace(_) => {
                        let _ = writeln!(s, "import * as {l} from \"./{file}\";");
                        prints.push(l.clone());
                        callable.push(Some(format!("{l}.f{t}()")));
                    }
                    Import::SideEffect(_) => {
                        let _ = writeln!(s, "import \"./{file}\";");
                        callable.push(None);
                    }
                }
            }
            for (k, t) in m.stars.iter().enumerate() {
                let _ = writeln!(s, "export * from \"./{}\"; // star {k}", self.file_name(*t));
            }
            for (k, t) in m.star_as.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "export * as ns{i}_{k} from \"./{}\";",
                    self.file_name(*t)
                );
            }
            for (k, (t, name)) in m.reexports.iter().enumerate() {
                let source = if *name == "default" {
                    "default".to_string()
                } else {
                    format!("{name}{t}")
                };
                let alias = format!("r{}{i}_{k}", if *name == "default" { "d" } else { name });
                let _ = writeln!(
                    s,
                    "export {{ {source} as {alias} }} from \"./{}\";",
                    self.file_name(*t)
                );
            }
        }
        s.push_str(&SHOW.replace(
            "KNOWN",
            if std::env::var_os("MFBUNDLE_FUZZ_STRICT").is_some() {
                "false"
            } else {
                "true"
            },
        ));
        let v = m.value;
        if m.cjs {
            let _ = writeln!(s, "let count{i} = 0;");
            if m.style.is_multiple_of(2) {
                let _ = writeln!(s, "exports.v{i} = {v};");
                let _ = writeln!(
                    s,
                    "exports.f{i} = function f{i}() {{ count{i} += 1; return \"f{i}:\" + count{i}; }};"
                );
            } else {
                let _ = writeln!(s, "const v{i} = {v};");
                let _ = writeln!(
                    s,
                    "function f{i}() {{ count{i} += 1; return \"f{i}:\" + count{i}; }}"
                );
                let _ = writeln!(s, "module.exports = {{ v{i}, f{i} }};");
            }
            if m.esmodule_flag {
                let _ = writeln!(
                    s,
                    "Object.defineProperty(exports, \"__esModule\", {{ value: true }});"
                );
            }
        } else {
            let style = m.style % 5;
            let _ = writeln!(s, "export let v{i} = {v};");
            if style == 3 {
                let _ = writeln!(s, "let d{i} = \"d{i}\";");
            }
            let _ = writeln!(
                s,
                "export function f{i}() {{ v{i} += 1;{} return v{i}; }}",
                if style == 3 {
                    format!(" d{i} += \"+\";")
                } else {
                    String::new()
                }
            );
            let _ = match style {
                0 => writeln!(s, "export default \"d{i}:\" + v{i};"),
                1 => writeln!(
                    s,
                    "export default function d{i}() {{ return \"d{i}\" + v{i}; }}"
                ),
                2 => writeln!(s, "export default function () {{ return \"anon{i}\"; }}"),
                3 => writeln!(s, "export {{ d{i} as default }};"),
                _ => writeln!(s, "export default class {{ static id = {i}; }}"),
            };
        }
        let _ = writeln!(s, "console.log(\"eval m{i}\");");
        let _ = writeln!(s, "(globalThis.__r ||= []).push([\"m{i}\", function () {{");
        let print_all = |s: &mut String| {
            for p in &prints {
                let _ = writeln!(s, "  console.log(\"m{i} {p}\", show({p}));");
            }
        };
        print_all(&mut s);
        for c in &m.calls {
            if let Some(Some(call)) = callable.get(*c) {
                let _ = writeln!(s, "  console.log(\"m{i} call\", show({call}));");
            }
        }
        if !m.calls.is_empty() {
            print_all(&mut s);
        }
        let _ = writeln!(s, "}}]);");
        if i == 0 {
            s.push_str(
                "const runs = globalThis.__r;\nlet done = 0;\nfunction flush() {\n  while (done < runs.length) {\n    const [name, run] = runs[done++];\n    console.log(\"run\", name);\n    run();\n  }\n}\nflush();\nlet chain = Promise.resolve();\n",
            );
            for t in &self.dynamic {
                let file = self.file_name(*t);
                let _ = writeln!(
                    s,
                    "chain = chain.then(() => import(\"./{file}\")).then((ns) => {{ console.log(\"dyn {file}\", show(ns)); flush(); }});"
                );
            }
            s.push_str("chain.then(() => console.log(\"end\"));\n");
        }
        s
    }
}

/// How every module prints a value: functions by name, objects (namespaces: `[object
/// Module]`) by their keys and values, two levels deep.
///
/// Two known failures (fuzz/known-failures/, not fixed yet) are filtered here so that the
/// fuzzer keeps looking for others: a namespace's keys are printed sorted (an ES module
/// with `export * from` a CommonJS module lists the CommonJS names after its own), and
/// without `__esModule` (Node's namespace of a CommonJS module that defines it non-enumerably
/// has it, the bundle's does not). Set `MFBUNDLE_FUZZ_STRICT=1` to see them.
const SHOW: &str = "function show(x, depth = 0) {\n  if (typeof x === \"function\") return \"fn \" + x.name;\n  if (x === null || typeof x !== \"object\") return typeof x + \" \" + String(x);\n  if (depth > 1) return \"object\";\n  const tag = Object.prototype.toString.call(x);\n  let keys = Object.keys(x);\n  if (KNOWN && tag === \"[object Module]\") keys = keys.filter((k) => k !== \"__esModule\").sort();\n  return tag + \" {\" + keys.map((k) => k + \": \" + show(x[k], depth + 1)).join(\", \") + \"}\";\n}\n";

/// The names (other than `default`) each module exports, `export *` followed.
fn exported_names(modules: &[Module]) -> Vec<BTreeSet<String>> {
    let mut names: Vec<BTreeSet<String>> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut own: BTreeSet<String> = [format!("v{i}"), format!("f{i}")].into();
            if !m.cjs {
                for k in 0..m.star_as.len() {
                    own.insert(format!("ns{i}_{k}"));
                }
                for (k, (_, name)) in m.reexports.iter().enumerate() {
                    own.insert(format!(
                        "r{}{i}_{k}",
                        if *name == "default" { "d" } else { name }
                    ));
                }
            }
            own
        })
        .collect();
    loop {
        let mut changed = false;
        for i in 0..modules.len() {
            for &t in &modules[i].stars {
                let add: Vec<String> = names[t].iter().cloned().collect();
                for a in add {
                    changed |= names[i].insert(a);
                }
            }
        }
        if !changed {
            return names;
        }
    }
}

pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub ok: bool,
}

fn node(script: &Path, cwd: &Path) -> Outcome {
    let o = Command::new("node")
        .arg(script)
        .current_dir(cwd)
        .output()
        .expect("node must be installed for the graph fuzzer");
    Outcome {
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        ok: o.status.success(),
    }
}

/// What comparing the three runs found.
pub enum Verdict {
    Same,
    /// Node refuses the source itself (the generator's fault, not the bundler's).
    SourceInvalid,
    Mismatch(String),
}

/// Writes `program` into `dir` (src/, federation.toml), bundles it in both modes and runs
/// the source and both bundles in Node.
pub fn check(program: &Program, dir: &Path) -> Verdict {
    for (name, text) in program.files() {
        write(dir, &format!("src/{name}"), text);
    }
    let config_text = "entry = \"./src/m0.mjs\"\ntarget = \"node\"\n";
    write(dir, "federation.toml", config_text);
    let source = node(&dir.join("src/m0.mjs"), dir);
    if !source.ok && source.stderr.contains("SyntaxError") {
        return Verdict::SourceInvalid;
    }
    let show = |o: &Outcome| format!("{}[{}]\n", o.stdout, if o.ok { "ok" } else { "threw" });
    let expected = show(&source);
    for mode in [Mode::Development, Mode::Production] {
        let out_dir = dir.join(format!("dist-{}", mode.as_str()));
        let overrides = CliOverrides {
            mode: Some(mode),
            out_dir: Some(out_dir.clone()),
            ..Default::default()
        };
        let config = config::load_from_str(dir, config_text, &overrides)
            .expect("the fixed configuration resolves");
        let (outcome, files) = with_big_stack(|| pipeline::build_in_memory(&config, &NoProgress));
        render_all(outcome.diagnostics.iter());
        if outcome.diagnostics.has_errors() {
            return Verdict::Mismatch(format!(
                "{} build failed on a program Node runs:\n{:#?}",
                mode.as_str(),
                outcome.diagnostics
            ));
        }
        let _ = std::fs::remove_dir_all(&out_dir);
        for f in &files {
            write(&out_dir, &f.name, &f.contents);
        }
        let bundle = node(&out_dir.join("main.js"), dir);
        let actual = show(&bundle);
        if actual != expected {
            return Verdict::Mismatch(format!(
                "{} bundle differs from the source\n--- node (source)\n{expected}{}\n--- bundle\n{actual}{}",
                mode.as_str(),
                source.stderr,
                bundle.stderr
            ));
        }
    }
    Verdict::Same
}

pub fn run(data: &[u8]) {
    let program = Program::from_bytes(data);
    if std::env::var_os("MFBUNDLE_FUZZ_SHOW").is_some() {
        for (name, text) in program.files() {
            eprint!("// ----- src/{name}\n{text}");
        }
    }
    let tmp = tempfile::Builder::new()
        .prefix("mfbundle-fuzz-graph")
        .tempdir()
        .expect("temp dir");
    let dir = tmp.path().canonicalize().expect("canonical temp dir");
    if let Verdict::Mismatch(why) = check(&program, &dir) {
        let mut listing = String::new();
        for (name, text) in program.files() {
            let _ = write!(listing, "// ----- src/{name}\n{text}");
        }
        if let Ok(keep) = std::env::var("MFBUNDLE_FUZZ_KEEP") {
            let keep = Path::new(&keep);
            for (name, text) in program.files() {
                write(keep, &format!("src/{name}"), text);
            }
        }
        panic!("{why}\n--- program\n{listing}");
    }
}
