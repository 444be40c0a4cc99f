use serde::{Serialize, Serializer};

use super::Severity;

/// Stable diagnostic codes. A code, once shipped, keeps its meaning: users grep for them and CI
/// scripts match on them. `MF1xxx` are source problems, `MF2xxx` configuration and usage
/// problems, `MF3xxx` I/O problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// A JavaScript syntax error.
    SyntaxError,
    /// A JSON module that is not valid JSON.
    JsonSyntaxError,
    /// A request that no file satisfies.
    UnresolvedImport,
    /// A named import or re-export of a name the target ES module does not export.
    MissingExport,
    /// A Node.js built-in module requested in a build for the web.
    NodeBuiltinOnWeb,
    /// `require(expr)` / `import(expr)` whose request is not a constant: left to run time.
    DynamicRequest,
    /// An optional request (in a `try` block, with a rejection handler, or a package the
    /// importer declares optional) that does not resolve: it fails at run time, as in Node.
    OptionalRequestMissing,
    /// Syntax mfbundle parses but cannot bundle yet (`import.meta.env`, ...).
    Unsupported,
    /// `require()` of an ES module that awaits at top level (Node refuses it too).
    RequireOfAsyncModule,
    /// An import attribute Node does not support (`type` other than `"json"`, a key other
    /// than `type`), or `type: "json"` on a file that is not JSON.
    ImportAttributeInvalid,
    /// Brackets nested deeper than the compiler's recursion can follow.
    TooDeeplyNested,
    /// A package.json (a module's nearest, or the project's) that is not a JSON object, or a
    /// package.json or tsconfig.json that a resolution needed and could not parse (an error).
    PackageJsonInvalid,
    /// A CSS file that does not parse.
    CssSyntaxError,
    /// A `url()` in CSS that names no file.
    CssUnresolvedUrl,
    /// A `federation.toml` that is not valid TOML or has a value of the wrong type.
    ConfigInvalid,
    /// A key `federation.toml` does not know.
    ConfigUnknownKey,
    /// The configuration file or project directory does not exist.
    ConfigNotFound,
    /// An entry that does not resolve to a file.
    EntryNotFound,
    /// An exposed module that does not resolve to a file.
    ExposeNotFound,
    /// An option webpack accepts and ignores in this combination (a warning).
    ConfigIgnored,
    /// An outDir that holds files mfbundle did not write (no marker, another project's
    /// marker, or files the marker does not list): replacing it would delete them.
    OutDirNotOwned,
    /// An outDir that must never be replaced: the project directory or an ancestor, a
    /// directory holding sources, the configuration, a package.json or .git, the filesystem
    /// root, the home directory, or a path that is not a directory.
    OutDirProtected,
    /// A consumed package whose required version cannot be determined (webpack's warning).
    SharedRequiredVersionUnknown,
    /// A provided module whose version cannot be determined (webpack's warning).
    SharedVersionUnknown,
    /// A singleton whose issuers require versions that the provided one does not satisfy.
    SharedSingletonConflict,
    /// A provided version that no consumer of this build accepts.
    SharedVersionUnaccepted,
    /// A `shared` key that no module requests.
    SharedUnused,
    /// An eager shared module that synchronously requires a non-eager one.
    SharedEagerRequiresLazy,
    /// A remote key that is also an installed package: the remote wins.
    RemoteShadowsPackage,
    /// A remote whose share scope this build does not share anything in.
    RemoteScopeNotShared,
    /// A remote of type script in a Node build.
    RemoteTypeUnsupported,
    /// A file that cannot be read.
    ReadFailed,
    /// The output directory cannot be written.
    WriteFailed,
    /// The persistent cache file cannot be written (a warning: the output is written).
    CacheWriteFailed,
    /// An exported declaration that isolated declarations cannot write without an
    /// annotation (TypeScript's TS9xxx): its type is `any` in the published types.
    TypesNeedAnnotation,
    /// A remote's types that cannot be fetched or unpacked (the last fetched ones stay).
    TypesUnavailable,
    /// `types = { compiler = "tsc" }` failed (no tsc, or tsc reported errors).
    TypesCompilerFailed,
}

impl Code {
    pub const ALL: [Code; 37] = [
        Code::SyntaxError,
        Code::JsonSyntaxError,
        Code::UnresolvedImport,
        Code::MissingExport,
        Code::NodeBuiltinOnWeb,
        Code::DynamicRequest,
        Code::OptionalRequestMissing,
        Code::Unsupported,
        Code::RequireOfAsyncModule,
        Code::ImportAttributeInvalid,
        Code::TooDeeplyNested,
        Code::PackageJsonInvalid,
        Code::CssSyntaxError,
        Code::CssUnresolvedUrl,
        Code::ConfigInvalid,
        Code::ConfigUnknownKey,
        Code::ConfigNotFound,
        Code::EntryNotFound,
        Code::ExposeNotFound,
        Code::OutDirNotOwned,
        Code::OutDirProtected,
        Code::ConfigIgnored,
        Code::SharedRequiredVersionUnknown,
        Code::SharedVersionUnknown,
        Code::SharedSingletonConflict,
        Code::SharedVersionUnaccepted,
        Code::SharedUnused,
        Code::SharedEagerRequiresLazy,
        Code::RemoteShadowsPackage,
        Code::RemoteScopeNotShared,
        Code::RemoteTypeUnsupported,
        Code::ReadFailed,
        Code::WriteFailed,
        Code::CacheWriteFailed,
        Code::TypesNeedAnnotation,
        Code::TypesUnavailable,
        Code::TypesCompilerFailed,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Code::SyntaxError => "MF1001",
            Code::JsonSyntaxError => "MF1002",
            Code::UnresolvedImport => "MF1003",
            Code::MissingExport => "MF1004",
            Code::NodeBuiltinOnWeb => "MF1005",
            Code::DynamicRequest => "MF1006",
            Code::OptionalRequestMissing => "MF1010",
            Code::Unsupported => "MF1007",
            Code::RequireOfAsyncModule => "MF1011",
            Code::ImportAttributeInvalid => "MF1012",
            Code::TooDeeplyNested => "MF1008",
            Code::PackageJsonInvalid => "MF1009",
            Code::CssSyntaxError => "MF1201",
            Code::CssUnresolvedUrl => "MF1202",
            Code::ConfigInvalid => "MF2001",
            Code::ConfigUnknownKey => "MF2002",
            Code::ConfigNotFound => "MF2003",
            Code::EntryNotFound => "MF2004",
            Code::ExposeNotFound => "MF2005",
            Code::OutDirNotOwned => "MF2006",
            Code::OutDirProtected => "MF2007",
            Code::ConfigIgnored => "MF2008",
            Code::SharedRequiredVersionUnknown => "MF4001",
            Code::SharedVersionUnknown => "MF4002",
            Code::SharedSingletonConflict => "MF4003",
            Code::SharedVersionUnaccepted => "MF4004",
            Code::SharedUnused => "MF4005",
            Code::SharedEagerRequiresLazy => "MF4006",
            Code::RemoteShadowsPackage => "MF4101",
            Code::RemoteScopeNotShared => "MF4102",
            Code::RemoteTypeUnsupported => "MF4103",
            Code::ReadFailed => "MF3001",
            Code::WriteFailed => "MF3002",
            Code::CacheWriteFailed => "MF3003",
            Code::TypesNeedAnnotation => "MF5001",
            Code::TypesUnavailable => "MF5002",
            Code::TypesCompilerFailed => "MF5003",
        }
    }

    /// Federation warnings, the dynamic-request and malformed-package.json warnings, and
    /// ignored options are warnings; everything else is an error.
    pub const fn default_severity(self) -> Severity {
        if self.is_federation()
            || matches!(
                self,
                Code::DynamicRequest
                    | Code::OptionalRequestMissing
                    | Code::PackageJsonInvalid
                    | Code::ConfigIgnored
                    | Code::CacheWriteFailed
                    | Code::TypesNeedAnnotation
                    | Code::TypesUnavailable
                    | Code::TypesCompilerFailed
            )
        {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// Federation warnings, which `--strict-federation` turns into errors.
    pub const fn is_federation(self) -> bool {
        matches!(
            self,
            Code::SharedRequiredVersionUnknown
                | Code::SharedVersionUnknown
                | Code::SharedSingletonConflict
                | Code::SharedVersionUnaccepted
                | Code::SharedUnused
                | Code::SharedEagerRequiresLazy
                | Code::RemoteShadowsPackage
                | Code::RemoteScopeNotShared
        )
    }

    /// Configuration and usage problems (every `MF2xxx`) exit with 2, build problems with 1.
    pub const fn is_config(self) -> bool {
        matches!(
            self,
            Code::ConfigInvalid
                | Code::ConfigUnknownKey
                | Code::ConfigNotFound
                | Code::EntryNotFound
                | Code::ExposeNotFound
                | Code::OutDirNotOwned
                | Code::OutDirProtected
        )
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
