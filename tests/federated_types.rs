//! Federated types (issue #20): a remote's build publishes declarations of its exposed
//! TypeScript modules (@mf-types.zip, metaData.types), `mfbundle types` fetches them into a
//! host's @mf-types/, and the host's own `tsc --noEmit` checks its use of the remote.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{mfbundle, text};

fn build(dir: &Path) {
    let out = mfbundle()
        .arg("build")
        .arg(dir)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "build {}: {}",
        dir.display(),
        text(&out.stderr)
    );
}

/// `mfbundle types DIR --json`: (exit status, the remotes' results, stderr).
fn fetch_types(dir: &Path) -> (bool, serde_json::Value, String) {
    let out = mfbundle()
        .arg("types")
        .arg(dir)
        .arg("--json")
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.success(),
        json["remotes"].clone(),
        text(&out.stderr),
    )
}

/// `tsc -p DIR` with the tsc of `node_modules` (the project's, pinned in its lockfile).
fn tsc(node_modules: &Path, project: &Path) -> Output {
    Command::new(node_modules.join(".bin/tsc"))
        .arg("-p")
        .arg(project)
        .output()
        .unwrap()
}

/// The files of a zip archive, by name.
fn unzip(path: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

#[test]
fn react_example_host_type_checks_against_the_remotes_published_types() {
    let (_tmp, ex) = support::example_copy();
    let remote = ex.join("remote");
    let host = ex.join("host");
    // Types fetched by hand in the working copy are not part of the example.
    let _ = std::fs::remove_dir_all(host.join("@mf-types"));
    build(&remote);

    // The remote publishes its Widget's props, the JSX return type written as tsc writes it.
    let zip = unzip(&remote.join("dist/@mf-types.zip"));
    let names: Vec<&str> = zip.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "compiled-types/",
            "compiled-types/Widget.d.ts",
            "Widget.d.ts"
        ]
    );
    let widget = &zip[1].1;
    assert!(widget.contains("export interface WidgetProps"), "{widget}");
    assert!(
        widget.contains(
            "export default function Widget({ title }: WidgetProps): import(\"react\").JSX.Element;"
        ),
        "{widget}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(remote.join("dist/mf-manifest.json")).unwrap())
            .unwrap();
    assert_eq!(
        manifest["metaData"]["types"],
        serde_json::json!({ "path": "", "name": "", "zip": "@mf-types.zip", "api": "@mf-types.d.ts" })
    );

    // Before the types are fetched, the host does not type-check (remote/Widget is unknown).
    let node_modules = ex.join("node_modules");
    let before = tsc(&node_modules, &host);
    assert!(!before.status.success());
    assert!(
        text(&before.stdout).contains("TS2307"),
        "{}",
        text(&before.stdout)
    );

    let server = support::fault_server(remote.join("dist"), Vec::new());
    support::point_host_at(&host, 3002, server.port);
    let (ok, remotes, stderr) = fetch_types(&host);
    assert!(ok, "{stderr}");
    assert_eq!(remotes[0]["status"], "fetched", "{remotes:#} {stderr}");
    assert_eq!(remotes[0]["files"], 3, "{remotes:#}");
    assert_eq!(server.requests("/@mf-types.zip"), 1);
    assert_eq!(server.requests("/@mf-types.d.ts"), 1);
    let apis = std::fs::read_to_string(host.join("@mf-types/remote/apis.d.ts")).unwrap();
    assert!(
        apis.contains("export type RemoteKeys = 'remote/Widget';"),
        "{apis}"
    );

    let checked = tsc(&node_modules, &host);
    assert!(checked.status.success(), "{}", text(&checked.stdout));

    // A wrong prop is a type error at the host's line.
    let wrong = host.join("src/WrongProp.tsx");
    std::fs::copy(
        support::repo_root().join("fixtures/types/WrongProp.tsx"),
        &wrong,
    )
    .unwrap();
    let failed = tsc(&node_modules, &host);
    let out = text(&failed.stdout);
    assert!(!failed.status.success());
    assert!(
        out.contains("src/WrongProp.tsx(6,30): error TS2322: Type 'number' is not assignable to type 'string'."),
        "{out}"
    );
    std::fs::remove_file(&wrong).unwrap();

    // By manifest: metaData.types names the files.
    let config = std::fs::read_to_string(host.join("federation.toml")).unwrap();
    let by_manifest = config.replace(
        &format!("remote@http://127.0.0.1:{}/remoteEntry.js", server.port),
        &format!("remote@http://127.0.0.1:{}/mf-manifest.json", server.port),
    );
    assert_ne!(config, by_manifest);
    std::fs::write(host.join("federation.toml"), &by_manifest).unwrap();
    let (ok, remotes, stderr) = fetch_types(&host);
    assert!(
        ok && remotes[0]["status"] == "fetched",
        "{remotes:#} {stderr}"
    );
    assert_eq!(server.requests("/mf-manifest.json"), 1);
    assert_eq!(server.requests("/@mf-types.zip"), 2);

    // The remote down: a warning, exit 0, and the last fetched types stay.
    let dead = support::dead_port();
    std::fs::write(
        host.join("federation.toml"),
        by_manifest.replace(&format!(":{}/", server.port), &format!(":{dead}/")),
    )
    .unwrap();
    let (ok, remotes, stderr) = fetch_types(&host);
    assert!(ok, "{stderr}");
    assert_eq!(remotes[0]["status"], "kept", "{remotes:#}");
    assert!(stderr.contains("warning[MF5002]"), "{stderr}");
    assert!(tsc(&node_modules, &host).status.success());

    // A file mfbundle did not write in the folder: it is never replaced.
    std::fs::write(host.join("@mf-types/remote/notes.d.ts"), "export {};\n").unwrap();
    support::point_host_at(&host, dead, server.port);
    let (ok, remotes, stderr) = fetch_types(&host);
    assert!(ok);
    assert_eq!(remotes[0]["status"], "kept", "{remotes:#}");
    assert!(
        stderr.contains("mfbundle did not write (notes.d.ts)"),
        "{stderr}"
    );
    assert!(host.join("@mf-types/remote/notes.d.ts").exists());
}

const PEERS: &str = "fixtures/interop/browser-peers";

/// A copy of fixtures/interop/browser-peers (tsc, @types/react, webpack + enhanced, pinned
/// in its lockfile) with types-remote built by mfbundle.
fn peers_with_remote_built() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = support::project_copy(PEERS, "node_modules/@types/react");
    build(&root.join("types-remote"));
    (tmp, root)
}

/// `tsc -p DIR` passes, and fails on the deliberate mistake of types-host/wrong/ (the
/// types are not `any`).
fn assert_host_checks(root: &Path) {
    let host = root.join("types-host");
    let node_modules = root.join("node_modules");
    let checked = tsc(&node_modules, &host);
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    let wrong = host.join("src/WrongProp.tsx");
    std::fs::copy(host.join("wrong/WrongProp.tsx"), &wrong).unwrap();
    let failed = tsc(&node_modules, &host);
    std::fs::remove_file(&wrong).unwrap();
    let out = text(&failed.stdout);
    assert!(
        out.contains("src/WrongProp.tsx(4,40): error TS2322: Type '\"huge\"' is not assignable to type 'Size | undefined'."),
        "{out}"
    );
}

/// The declarations mfbundle publishes are byte for byte what `tsc --declaration
/// --emitDeclarationOnly` writes for the same sources (enums, overloads, classes with
/// private members, `as const` objects, JSDoc, type-only imports, React components whose
/// return type tsc infers), and the same sources give the same archive.
#[test]
fn declarations_are_what_tsc_writes() {
    let (_tmp, root) = peers_with_remote_built();
    let remote = root.join("types-remote");
    let zip = unzip(&remote.join("dist/@mf-types.zip"));
    let names: Vec<&str> = zip.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "compiled-types/",
            "compiled-types/format.d.ts",
            "compiled-types/ui/",
            "compiled-types/ui/Badge.d.ts",
            "compiled-types/units.d.ts",
            "compiled-types/Widget.d.ts",
            "format.d.ts",
            "ui/",
            "ui/Badge.d.ts",
            "Widget.d.ts",
        ]
    );

    let out = tempfile::tempdir().unwrap();
    let o = Command::new(root.join("node_modules/.bin/tsc"))
        .arg("-p")
        .arg(&remote)
        .args([
            "--noEmit",
            "false",
            "--declaration",
            "--emitDeclarationOnly",
            "--rootDir",
        ])
        .arg(remote.join("src"))
        .arg("--outDir")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stdout));
    for file in ["format.d.ts", "ui/Badge.d.ts", "Widget.d.ts"] {
        let ours = &zip
            .iter()
            .find(|(n, _)| *n == format!("compiled-types/{file}"))
            .unwrap()
            .1;
        let theirs = std::fs::read_to_string(out.path().join(file)).unwrap();
        assert_eq!(ours, &theirs, "{file}");
    }
    // The hand-written .d.ts a source imports travels as written (tsc leaves it out).
    assert_eq!(
        zip[4].1,
        std::fs::read_to_string(remote.join("src/units.d.ts")).unwrap()
    );
    // One re-export per exposed key, `default` only where the module has one.
    assert_eq!(zip[8].1, "export * from '../compiled-types/ui/Badge';");
    assert_eq!(
        zip[9].1,
        "export * from './compiled-types/Widget';\nexport { default } from './compiled-types/Widget';"
    );
    // Development builds also leave the unzipped folder.
    assert!(
        remote
            .join("dist/@mf-types/compiled-types/Widget.d.ts")
            .is_file()
    );

    let first = std::fs::read(remote.join("dist/@mf-types.zip")).unwrap();
    let again = remote.parent().unwrap().join("types-remote-again");
    support::copy_dir(&remote, &again);
    build(&again);
    assert_eq!(
        first,
        std::fs::read(again.join("dist/@mf-types.zip")).unwrap()
    );

    // compiler = "tsc" runs the project's tsc instead: the same archive for these sources
    // (the .d.ts tsc leaves out of its output included).
    let config = std::fs::read_to_string(again.join("federation.toml")).unwrap();
    std::fs::write(
        again.join("federation.toml"),
        config + "\n[types]\ncompiler = \"tsc\"\n",
    )
    .unwrap();
    build(&again);
    assert_eq!(
        first,
        std::fs::read(again.join("dist/@mf-types.zip")).unwrap()
    );
}

fn peer_types_build(root: &Path, args: &[&str]) {
    let o = Command::new("node")
        .arg(root.join("build-types-peer.cjs"))
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
}

/// Both ways with `@module-federation/enhanced`'s dts-plugin on webpack 5: its host fetches
/// and unpacks the types mfbundle's remote published, and `mfbundle types` fetches the types
/// its remote published; the host's tsc accepts the right use and rejects the wrong one.
#[test]
fn types_interoperate_with_the_dts_plugin_both_ways() {
    let (_tmp, root) = peers_with_remote_built();
    let host = root.join("types-host");
    let ours = support::fault_server(root.join("types-remote/dist"), Vec::new());

    // The dts-plugin's host, our remote.
    let manifest = format!(
        "types_remote@http://127.0.0.1:{}/mf-manifest.json",
        ours.port
    );
    peer_types_build(&root, &["host", host.to_str().unwrap(), &manifest]);
    assert!(ours.requests("/@mf-types.zip") >= 1);
    let apis = std::fs::read_to_string(host.join("@mf-types/types_remote/apis.d.ts")).unwrap();
    assert!(apis.contains("'types_remote/ui/Badge'"), "{apis}");
    assert_host_checks(&root);

    // Our host, the dts-plugin's remote (by manifest, then by remoteEntry.js).
    std::fs::remove_dir_all(host.join("@mf-types")).unwrap();
    let dist = root.join("peer-types-dist");
    peer_types_build(&root, &["remote", dist.to_str().unwrap()]);
    let theirs = support::fault_server(dist, Vec::new());
    support::point_host_at(&host, 9, theirs.port);
    let (ok, remotes, stderr) = fetch_types(&host);
    assert!(
        ok && remotes[0]["status"] == "fetched",
        "{remotes:#} {stderr}"
    );
    assert_eq!(theirs.requests("/mf-manifest.json"), 1);
    assert!(
        host.join("@mf-types/types_remote/compiled-types/Widget.d.ts")
            .is_file()
    );
    assert_host_checks(&root);

    let config = std::fs::read_to_string(host.join("federation.toml")).unwrap();
    std::fs::write(
        host.join("federation.toml"),
        config.replace("/mf-manifest.json", "/remoteEntry.js"),
    )
    .unwrap();
    let (ok, remotes, stderr) = fetch_types(&host);
    assert!(
        ok && remotes[0]["status"] == "fetched",
        "{remotes:#} {stderr}"
    );
    assert_eq!(theirs.requests("/@mf-types.zip"), 2);
    assert_host_checks(&root);
}
