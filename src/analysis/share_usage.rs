//! The share-usage report: for every consume-shared module, what its fallback provides, what
//! this build's modules import and really use, and what could be eliminated (the seed's
//! decision matrix). Field names are kept stable for CI scripts (schema:
//! `schemas/share-usage.schema.json`).

use super::Exports;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Value, json};

use super::shared_shaking::ShakenConsume;
use super::usage::{RecordUsage, record_usages};
use crate::diagnostics::line_col;
use crate::graph::{Module, ModuleGraph, ModuleIdx};

/// Bytes of a module and everything it statically requires (the fallback as shipped today).
fn closure_bytes(graph: &ModuleGraph, root: ModuleIdx) -> u64 {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    let mut total = 0;
    while let Some(i) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        if let Module::Normal(m) = graph.module(i) {
            total += m.source.len() as u64;
            for r in &m.records {
                if !matches!(r.kind, crate::graph::ImportKind::Dynamic) {
                    stack.push(r.target);
                }
            }
        }
    }
    total
}

fn action(state: &str, high_confidence: bool, side_effects: bool) -> &'static str {
    match (state, high_confidence, side_effects) {
        ("Used", _, _) => "Keep",
        ("Unused", true, false) => "Eliminate",
        ("Unused", false, false) => "Warning",
        ("Unused", _, true) => "Keep",
        ("ImportedButUnused", true, false) => "Eliminate",
        ("ImportedButUnused", _, true) => "AnalyzeDeeper",
        ("OnlyPropertiesUsed", _, _) => "PartialElimination",
        _ => "Keep",
    }
}

/// What the report and shared tree shaking read of module `m`: what it uses of each shared
/// module it imports, and the line of each such import.
pub fn shared_reads(
    graph: &ModuleGraph,
    m: &crate::graph::NormalModule,
) -> Vec<(RecordUsage, u32)> {
    record_usages(m)
        .into_iter()
        .filter(|u| {
            matches!(
                graph.module(m.records[u.record].target),
                Module::ConsumeShared(_)
            )
        })
        .map(|u| {
            let (line, _) = line_col(&m.source, m.records[u.record].span.0 as usize);
            (u, line)
        })
        .collect()
}

pub fn share_usage_report(graph: &ModuleGraph, exports: &Exports) -> Value {
    let mut usages: HashMap<usize, Vec<RecordUsage>> = HashMap::new();
    let mut reports = Vec::new();
    let mut consumes: Vec<ModuleIdx> = (0..graph.modules.len() as u32)
        .map(ModuleIdx)
        .filter(|m| matches!(graph.module(*m), Module::ConsumeShared(_)))
        .collect();
    consumes.sort_by_key(|m| graph.module(*m).id().to_string());
    for c in consumes {
        let Module::ConsumeShared(cs) = graph.module(c) else {
            continue;
        };
        let mut imported = BTreeSet::new();
        let mut used = BTreeSet::new();
        let mut uses_all = false;
        let mut bailouts = BTreeSet::new();
        let mut patterns = Vec::new();
        for (i, module) in graph.modules.iter().enumerate() {
            let Module::Normal(m) = module else { continue };
            if !m.records.iter().any(|r| r.target == c) {
                continue;
            }
            let list = usages.entry(i).or_insert_with(|| record_usages(m));
            for u in list.iter().filter(|u| m.records[u.record].target == c) {
                imported.extend(u.imported.iter().cloned());
                used.extend(u.used.iter().cloned());
                uses_all |= u.uses_all;
                if let Some(b) = &u.bailout {
                    bailouts.insert(format!("{}: {b}", m.id));
                }
                let r = &m.records[u.record];
                let (line, _) = line_col(&m.source, r.span.0 as usize);
                let eliminations: Vec<&String> = u.imported.difference(&u.used).collect();
                patterns.push(json!({
                    "pattern_type": u.pattern,
                    "import_statement": { "file": m.id, "line": line, "request": r.request },
                    "actual_usage": u.used,
                    "potential_eliminations": eliminations,
                    "confidence_level": if u.uses_all { "low" } else { "high" },
                }));
            }
        }
        let provided: Option<BTreeSet<String>> = cs.fallback.and_then(|f| match exports.get(f) {
            Some(Some(info)) if !info.has_dynamic => Some(info.names.keys().cloned().collect()),
            _ => None,
        });
        let side_effects = cs.fallback.is_none_or(|f| {
            graph
                .module(f)
                .as_normal()
                .is_none_or(|m| !graph.packages.side_effect_free(&m.path))
        });
        let high = !uses_all;
        let names: BTreeSet<String> = match &provided {
            Some(p) => p.union(&imported).cloned().collect(),
            None => imported.clone(),
        };
        let details: Vec<Value> = names
            .iter()
            .map(|n| {
                let state = if uses_all || used.contains(n) {
                    "Used"
                } else if imported.contains(n) {
                    "ImportedButUnused"
                } else if provided.is_some() {
                    "Unused"
                } else {
                    "Unknown"
                };
                json!({
                    "export_name": n,
                    "usage_state": state,
                    "can_mangle": false,
                    "can_inline": false,
                    "is_provided": provided.as_ref().is_none_or(|p| p.contains(n)),
                    "tree_shaking_action": action(state, high, side_effects),
                })
            })
            .collect();
        let version = graph.modules.iter().find_map(|m| match m {
            Module::ProvideShared(p)
                if p.share_key == cs.share_key && p.share_scope == cs.share_scope =>
            {
                p.version.clone()
            }
            _ => None,
        });
        let unused_imports: Vec<&String> = imported.difference(&used).collect();
        reports.push(json!({
            "module_identifier": cs.id,
            "share_key": cs.share_key,
            "share_scope": cs.share_scope,
            "version": version,
            "required_version": cs.required_version,
            "module_type": "consume-shared-module",
            "provided_exports": provided.map(|p| p.into_iter().collect::<Vec<_>>()).unwrap_or_else(|| vec!["*".into()]),
            "used_exports": if uses_all { vec!["*".to_string()] } else { used.iter().cloned().collect() },
            "unused_imports": unused_imports,
            "fallback_module": cs.fallback.map(|f| graph.module(f).id().to_string()),
            "export_usage_details": details,
            "patterns": patterns,
            "bailout_reasons": bailouts,
            "sizes": {
                "fallback_bytes_full": cs.fallback.map(|f| closure_bytes(graph, f)),
                "fallback_bytes_shaken": Value::Null,
            },
            "tree_shaking": {
                "enabled": false,
                "shaken_copy": Value::Null,
                "kept_exports": Value::Null,
            },
        }));
    }
    let consume_count = reports.len();
    json!({
        "consume_shared_modules": reports,
        "performance_metrics": {
            "total_modules_analyzed": graph.modules.iter().filter(|m| m.as_normal().is_some()).count(),
            "consume_shared_modules": consume_count,
        },
    })
}

/// Adds what shared tree shaking did (`shared_shaking.rs`) to a report made before it ran.
/// The report of a linked graph: [`share_usage_report`] of the graph before shared tree
/// shaking, completed with what `shaken` says it did (incremental rebuilds, which shake
/// nothing, make it from the linked graph).
pub fn finished_report(graph: &ModuleGraph, exports: &Exports, shaken: &[ShakenConsume]) -> Value {
    let mut report = share_usage_report(graph, exports);
    finish_report(&mut report, graph, shaken);
    report
}

/// Adds what shared tree shaking did, and leaves out what would differ from build to build.
pub fn finish_report(report: &mut Value, graph: &ModuleGraph, shaken: &[ShakenConsume]) {
    add_shaking(report, graph, shaken);
    // Timings would make the output differ from build to build.
    report["performance_metrics"]["analysis_duration_ms"] = Value::Null;
    report["performance_metrics"]["peak_rss_bytes"] = Value::Null;
}

fn add_shaking(report: &mut Value, graph: &ModuleGraph, shaken: &[ShakenConsume]) {
    let Some(list) = report["consume_shared_modules"].as_array_mut() else {
        return;
    };
    for s in shaken {
        let id = graph.module(s.consume).id();
        let Some(entry) = list.iter_mut().find(|e| e["module_identifier"] == id) else {
            continue;
        };
        entry["tree_shaking"]["enabled"] = json!(true);
        if let Some((copy, kept)) = &s.copy {
            entry["tree_shaking"]["shaken_copy"] = json!(graph.module(*copy).id());
            entry["tree_shaking"]["kept_exports"] = json!(kept);
            entry["sizes"]["fallback_bytes_shaken"] = json!(closure_bytes(graph, *copy));
        }
        if let Some(why) = &s.bailout
            && let Some(b) = entry["bailout_reasons"].as_array_mut()
        {
            b.push(json!(format!("tree shaking: {why}")));
        }
    }
}

/// Human table of a report.
pub fn render_table(report: &Value) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let list = report["consume_shared_modules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if list.is_empty() {
        out.push_str("no shared modules are consumed by this build\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{:<28} {:<10} {:>9} {:>9} {:>6} {:>16} {:>12} {:>10}",
        "shared module",
        "version",
        "provided",
        "imported",
        "used",
        "can eliminate",
        "fallback KB",
        "shaken KB"
    );
    let mut sites: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &list {
        let count = |k: &str| r[k].as_array().map_or(0, |a| a.len());
        let provided = if r["provided_exports"] == json!(["*"]) {
            "?".to_string()
        } else {
            count("provided_exports").to_string()
        };
        let eliminate = r["export_usage_details"].as_array().map_or(0, |d| {
            d.iter()
                .filter(|x| x["tree_shaking_action"] == "Eliminate")
                .count()
        });
        let imported: BTreeSet<&str> = r["patterns"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|p| {
                p["actual_usage"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .chain(p["potential_eliminations"].as_array().into_iter().flatten())
            })
            .filter_map(|v| v.as_str())
            .collect();
        let _ = writeln!(
            out,
            "{:<28} {:<10} {:>9} {:>9} {:>6} {:>16} {:>12} {:>10}",
            r["share_key"].as_str().unwrap_or(""),
            r["version"].as_str().unwrap_or("-"),
            provided,
            imported.len(),
            if r["used_exports"] == json!(["*"]) {
                "all".to_string()
            } else {
                count("used_exports").to_string()
            },
            eliminate,
            r["sizes"]["fallback_bytes_full"]
                .as_u64()
                .map_or("-".into(), |b| format!("{:.1}", b as f64 / 1024.0)),
            r["sizes"]["fallback_bytes_shaken"]
                .as_u64()
                .map_or("-".into(), |b| format!("{:.1}", b as f64 / 1024.0)),
        );
        for p in r["patterns"].as_array().into_iter().flatten() {
            for name in p["potential_eliminations"].as_array().into_iter().flatten() {
                sites
                    .entry(format!(
                        "{} {}",
                        r["share_key"].as_str().unwrap_or(""),
                        name.as_str().unwrap_or("")
                    ))
                    .or_default()
                    .push(format!(
                        "{}:{}",
                        p["import_statement"]["file"].as_str().unwrap_or(""),
                        p["import_statement"]["line"]
                    ));
            }
        }
        for b in r["bailout_reasons"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "  bailout: {}", b.as_str().unwrap_or(""));
        }
    }
    if !sites.is_empty() {
        out.push_str("\nimported but unused:\n");
        for (name, at) in sites {
            let _ = writeln!(out, "  {name}  ({})", at.join(", "));
        }
    }
    out
}

/// (share scope, share key, provided version)
type ShareVersion = (String, String, String);

/// A share-usage report (`analyze --json`, `share-usage.json`) read for `analyze --merge`:
/// None when `text` is not JSON or has no `consume_shared_modules`.
pub fn parse_report(text: &str) -> Option<Value> {
    let v: Value = serde_json::from_str(text).ok()?;
    v.get("consume_shared_modules").is_some().then_some(v)
}

/// `analyze --merge`: the union of the used exports of several apps' reports, per share
/// scope, key and provided version ("*" wins: some app uses everything).
pub fn merge(reports: &[(String, Value)]) -> Value {
    let mut union: BTreeMap<ShareVersion, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for (source, report) in reports {
        for m in report["consume_shared_modules"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let key = (
                m["share_scope"].as_str().unwrap_or("default").to_string(),
                m["share_key"].as_str().unwrap_or("").to_string(),
                m["version"].as_str().unwrap_or("").to_string(),
            );
            let entry = union.entry(key).or_default();
            for e in m["used_exports"].as_array().into_iter().flatten() {
                if let Some(e) = e.as_str() {
                    entry.0.insert(e.to_string());
                }
            }
            entry.1.insert(source.clone());
        }
    }
    let shared: Vec<Value> = union
        .into_iter()
        .map(|((scope, key, version), (used, sources))| {
            let used: Vec<String> = if used.contains("*") {
                vec!["*".into()]
            } else {
                used.into_iter().collect()
            };
            json!({
                "share_scope": scope,
                "share_key": key,
                "version": if version.is_empty() { Value::Null } else { json!(version) },
                "used_exports": used,
                "sources": sources,
            })
        })
        .collect();
    json!({ "shared_used_exports": shared })
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `analyze --html`: one self-contained page (no external resources) with, per shared module,
/// a bar of its exports by usage state and the sizes.
pub fn render_html(report: &Value) -> String {
    use std::fmt::Write;
    let mut body = String::new();
    for r in report["consume_shared_modules"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let details = r["export_usage_details"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let count = |state: &str| details.iter().filter(|d| d["usage_state"] == state).count();
        let (used, imported_unused, unused, unknown) = (
            count("Used"),
            count("ImportedButUnused"),
            count("Unused"),
            count("Unknown"),
        );
        let total = (used + imported_unused + unused + unknown).max(1) as f64;
        let mut x = 0.0;
        let mut bars = String::new();
        for (n, color, label) in [
            (used, "#2e7d32", "used"),
            (imported_unused, "#ef6c00", "imported but unused"),
            (unused, "#b0bec5", "unused"),
            (unknown, "#7e57c2", "unknown"),
        ] {
            if n == 0 {
                continue;
            }
            let w = 760.0 * n as f64 / total;
            let _ = write!(
                bars,
                r#"<rect x="{x:.1}" y="0" width="{w:.1}" height="28" fill="{color}"><title>{n} {label}</title></rect>"#
            );
            x += w;
        }
        let used_names: Vec<String> = details
            .iter()
            .filter(|d| d["usage_state"] == "Used")
            .filter_map(|d| d["export_name"].as_str().map(escape_html))
            .collect();
        let full = r["sizes"]["fallback_bytes_full"].as_u64().unwrap_or(0);
        let _ = write!(
            body,
            r#"<section><h2>{key} <small>{version}</small></h2>
<svg width="760" height="28" role="img" aria-label="exports by usage">{bars}</svg>
<p class="legend"><span class="u">{used} used</span> <span class="i">{imported_unused} imported but unused</span> <span class="n">{unused} unused</span>{unknown_text} &middot; fallback {kb:.1} KB unminified{shaken_text}</p>
<p class="names">used: {names}</p></section>
"#,
            key = escape_html(r["share_key"].as_str().unwrap_or("")),
            version = escape_html(r["version"].as_str().unwrap_or("")),
            unknown_text = if unknown > 0 {
                format!(r#" <span class="k">{unknown} unknown</span>"#)
            } else {
                String::new()
            },
            kb = full as f64 / 1024.0,
            shaken_text = r["sizes"]["fallback_bytes_shaken"]
                .as_u64()
                .map(|b| format!(" &middot; shaken copy {:.1} KB", b as f64 / 1024.0))
                .unwrap_or_default(),
            names = if used_names.is_empty() {
                "none".to_string()
            } else {
                used_names.join(", ")
            },
        );
    }
    if body.is_empty() {
        body.push_str("<p>No shared modules are consumed by this build.</p>");
    }
    format!(
        r#"<!doctype html>
<html><head><meta charset="utf-8"><title>mfbundle shared-module usage</title>
<style>
body {{ font: 14px system-ui, sans-serif; margin: 24px; color: #222; }}
section {{ margin-bottom: 28px; }}
h2 {{ font-size: 18px; margin: 0 0 8px; }} small {{ color: #666; font-weight: normal; }}
.legend span {{ padding: 1px 6px; border-radius: 3px; color: #fff; }}
.u {{ background: #2e7d32; }} .i {{ background: #ef6c00; }} .n {{ background: #78909c; }} .k {{ background: #7e57c2; }}
.names {{ color: #444; }}
</style></head>
<body><h1>Shared-module usage</h1>
{body}</body></html>
"#
    )
}
