//! A module's AST, and what is derived from it alone, held so that it can be made late: a
//! module whose scan results came from the persistent cache (`persistent_cache.rs`) is not
//! parsed unless a later stage reads its program (code generation of a module whose code is
//! not cached, production tree shaking, ...). Parsing is deterministic (each file has its
//! own swc `Globals`, so the same text gives the same syntax contexts), so a late parse
//! matches the import records and bindings cached from the first one.

use std::sync::{Arc, Mutex, OnceLock};

use swc_common::Globals;
use swc_ecma_ast::{Program, Script};

/// How to parse the file again: the program and its hygiene data, or `None` if it no
/// longer parses (which the cache's keys rule out).
pub type Reparse = Box<dyn Fn() -> Option<(Program, Arc<Globals>)> + Send + Sync>;

struct State {
    /// `None` until parsed, and after [`ModuleAst::take`] (when not kept).
    program: Option<Arc<Program>>,
    globals: Option<Arc<Globals>>,
    parsed: bool,
}

pub struct ModuleAst {
    state: Mutex<State>,
    reparse: Option<Reparse>,
    /// A cache shares the program: [`ModuleAst::take`] hands out the program and keeps it.
    keep: bool,
    /// The module's top level only declares or imports (`analysis/side_effects.rs`),
    /// remembered with the parse so that the persistent cache can keep it too.
    pub declarations_only: OnceLock<bool>,
}

fn empty() -> Arc<Program> {
    Arc::new(Program::Script(Script::default()))
}

impl ModuleAst {
    /// A parse that is done.
    pub fn parsed(program: Arc<Program>, globals: Arc<Globals>, keep: bool) -> ModuleAst {
        ModuleAst {
            state: Mutex::new(State {
                program: Some(program),
                globals: Some(globals),
                parsed: true,
            }),
            reparse: None,
            keep,
            declarations_only: OnceLock::new(),
        }
    }

    /// A parse no cache holds: code generation consumes its program.
    pub fn consumed(program: Program, globals: Arc<Globals>) -> Arc<ModuleAst> {
        Arc::new(ModuleAst::parsed(Arc::new(program), globals, false))
    }

    /// A parse made when first needed by `reparse`.
    pub fn later(reparse: Reparse, keep: bool, declarations_only: Option<bool>) -> ModuleAst {
        let cell = OnceLock::new();
        if let Some(d) = declarations_only {
            let _ = cell.set(d);
        }
        ModuleAst {
            state: Mutex::new(State {
                program: None,
                globals: None,
                parsed: false,
            }),
            reparse: Some(reparse),
            keep,
            declarations_only: cell,
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !state.parsed {
            state.parsed = true;
            let (program, globals) = self
                .reparse
                .as_ref()
                .and_then(|r| r())
                .map(|(p, g)| (Arc::new(p), g))
                .unwrap_or_else(|| (empty(), Default::default()));
            state.program = Some(program);
            state.globals = Some(globals);
        }
        state
    }

    /// The program (an empty script once code generation took it).
    pub fn program(&self) -> Arc<Program> {
        self.state().program.clone().unwrap_or_else(empty)
    }

    /// The hygiene data of the program's syntax contexts.
    pub fn globals(&self) -> Arc<Globals> {
        self.state().globals.clone().unwrap_or_default()
    }

    /// The program for code generation to consume: moved out, unless a cache keeps it.
    pub fn take(&self) -> Arc<Program> {
        let mut state = self.state();
        if self.keep {
            state.program.clone().unwrap_or_else(empty)
        } else {
            state.program.take().unwrap_or_else(empty)
        }
    }
}
