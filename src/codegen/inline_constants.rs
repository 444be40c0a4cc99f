//! Inlining before the compressor (`minify`), as terser's and SWC's `reduce_vars` do:
//! - a `var`/`let`/`const` of a function body's top level whose value is a literal (or
//!   strings and such constants joined by `+`) is written into its reads when it is read
//!   once (or its literal is no longer than a mangled name); the compressor then folds the
//!   joined strings and drops the declarations nobody reads;
//! - a function declaration read once moves to its read as a function expression (see
//!   [`single_use_functions`]).
//!
//! oxc's compressor (0.146) inlines a constant only into the statement right after it, or
//! when the body has run no code yet, and moves no function. Packages built from small
//! modules declare their constants one module at a time (lodash-es builds its Unicode
//! patterns from 30 string constants) and call many helpers once: 0.4 KB gzip of lodash-es's
//! `chunk`, `debounce` and `kebabCase`.
//!
//! A read gets a constant's value only where it cannot run before the declaration:
//! - in a top-level statement after the declaration's (outside any function, or in a function
//!   expression, arrow, method or class that statement creates), or a later declarator, or
//! - in a top-level function declaration (hoisted, so callable earlier) that no statement
//!   before the declaration's can call: none names it, nor a function such a statement can
//!   call, transitively.
//!
//! Only strict code is touched (see [`strict_scope`]), and nothing in a file with `with` or a
//! direct `eval` (a name may then mean another binding at run time), at a script's top level
//! (its names are the page's globals), or from a binding anything writes.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use oxc_allocator::{Allocator, GetAllocator};
use oxc_ast::AstKind;
use oxc_ast::ast::{
    BinaryOperator, BindingPattern, Expression, FunctionBody, ObjectProperty, Program, Statement,
    UnaryOperator,
};
use oxc_ast::builder::AstBuilder;
use oxc_ast_visit::VisitMut;
use oxc_semantic::{AstNodes, Scoping, SemanticBuilder};
use oxc_span::{GetSpan, Span};
use oxc_syntax::node::NodeId;
use oxc_syntax::number::NumberBase;
use oxc_syntax::reference::ReferenceId;
use oxc_syntax::scope::ScopeId;
use oxc_syntax::symbol::SymbolId;
use rustc_hash::{FxHashMap, FxHashSet};

/// A constant's value.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Str(String),
    /// A finite, non-negative number (a negative one would need a unary minus).
    Num(f64),
    Bool(bool),
    Null,
    /// A parameter no argument is given for.
    Undefined,
}

impl Value {
    /// Whether writing the value at every read is no longer than a (mangled) name: then a
    /// constant read more than once is inlined too.
    fn is_tiny(&self) -> bool {
        match self {
            Value::Str(s) => s.chars().count() <= 1,
            Value::Num(n) => n.fract() == 0.0 && *n < 1000.0,
            Value::Bool(_) => true,
            Value::Null | Value::Undefined => false,
        }
    }

    fn to_expression<'a>(&self, span: Span, builder: &AstBuilder<'a>) -> Expression<'a> {
        match self {
            Value::Str(s) => {
                let s = builder.allocator().alloc_str(s);
                Expression::new_string_literal(span, s, None, builder)
            }
            Value::Num(n) => {
                Expression::new_numeric_literal(span, *n, None, NumberBase::Decimal, builder)
            }
            Value::Bool(b) => Expression::new_boolean_literal(span, *b, builder),
            Value::Null => Expression::new_null_literal(span, builder),
            Value::Undefined => Expression::new_unary_expression(
                span,
                UnaryOperator::Void,
                Expression::new_numeric_literal(span, 0.0, None, NumberBase::Decimal, builder),
                builder,
            ),
        }
    }
}

/// What [`prepare`] found and did.
pub(super) struct Prepared {
    /// How many reads were replaced, or `None` if a function left its body and found no read
    /// to move to (then the program is not to be used).
    pub inlined: Option<usize>,
    /// Whether oxc's mangler can rename this file's names (see [`block_function_shadows`]).
    pub mangle_safe: bool,
}

/// With `inline`, inlines the constants and single-use functions of `program` that are safe
/// to inline (`keep_names`: an inlined function keeps its name); either way, says whether the
/// file is safe to mangle.
pub(super) fn prepare<'a>(
    allocator: &'a Allocator,
    program: &mut Program<'a>,
    inline: bool,
    keep_names: bool,
) -> Prepared {
    let (plan, mangle_safe) = {
        let semantic = SemanticBuilder::new()
            .with_build_nodes(true)
            .build(program)
            .semantic;
        let (scoping, nodes) = (semantic.scoping(), semantic.nodes());
        let plan = if inline {
            plan(scoping, nodes)
        } else {
            Plan::default()
        };
        (plan, !block_function_shadows(scoping, nodes))
    };
    if plan.values.is_empty() && plan.calls.is_empty() {
        return Prepared {
            inlined: Some(0),
            mangle_safe,
        };
    }
    let mut apply = Apply {
        builder: AstBuilder::new(allocator),
        values: &plan.values,
        calls: &plan.calls,
        moving: &plan.moving,
        moved: FxHashMap::default(),
        keep_names,
        done: 0,
    };
    apply.visit_program(program);
    Prepared {
        inlined: apply.moved.is_empty().then_some(apply.done),
        mangle_safe,
    }
}

/// Whether sloppy code declares a function in a block under a name its function already
/// binds (`function f(){} { function f(){} }`, `var a; { function a(){} }`). Running the
/// block's declaration assigns to the function's binding (Annex B.3.3), but oxc's scopes
/// keep the two apart, and its mangler then gives them different names (the function's `f`
/// keeps returning 1). Such a file is compressed but not mangled.
fn block_function_shadows(scoping: &Scoping, nodes: &AstNodes<'_>) -> bool {
    scoping.symbol_ids().any(|symbol| {
        let scope = scoping.symbol_scope_id(symbol);
        let flags = scoping.scope_flags(scope);
        if flags.is_strict_mode() || flags.intersects(oxc_syntax::scope::ScopeFlags::Var) {
            return false;
        }
        let AstKind::Function(function) = nodes.kind(scoping.symbol_declaration(symbol)) else {
            return false;
        };
        let Some(id) = function.id.as_ref().filter(|_| function.is_declaration()) else {
            return false;
        };
        // The function (or script) scope the block is in.
        let var_scope = std::iter::successors(scoping.scope_parent_id(scope), |&s| {
            scoping.scope_parent_id(s)
        })
        .find(|&s| {
            scoping
                .scope_flags(s)
                .intersects(oxc_syntax::scope::ScopeFlags::Var)
        });
        var_scope.is_some_and(|s| {
            scoping
                .get_binding(s, id.name.as_str().into())
                .is_some_and(|other| other != symbol)
        })
    })
}

/// What to write where.
#[derive(Default)]
struct Plan {
    /// The value each inlined read of a constant gets.
    values: FxHashMap<ReferenceId, Value>,
    /// The one read of each function declaration that moves there.
    calls: FxHashMap<ReferenceId, SymbolId>,
    /// The functions that move.
    moving: FxHashSet<SymbolId>,
}

fn plan(scoping: &Scoping, nodes: &AstNodes<'_>) -> Plan {
    let mut plan = Plan::default();
    if nodes
        .iter()
        .any(|n| matches!(n.kind(), AstKind::WithStatement(_)))
        || (0..scoping.scopes_len()).any(|i| {
            scoping
                .scope_flags(ScopeId::from_usize(i))
                .contains_direct_eval()
        })
    {
        return plan;
    }
    single_use_functions(scoping, nodes, &mut plan);
    let values = &mut plan.values;
    // The candidates in source order, so that a constant built from earlier ones sees them.
    let mut candidates: Vec<Candidate<'_, '_>> = scoping
        .symbol_ids()
        .filter_map(|symbol| candidate(symbol, scoping, nodes))
        .collect();
    candidates.sort_by_key(|c| c.declarator.start);
    let mut known: FxHashMap<SymbolId, Value> = FxHashMap::default();
    let mut reach: FxHashMap<NodeId, FxHashMap<SymbolId, u32>> = FxHashMap::default();
    for c in candidates {
        let Some(value) = evaluate(c.init, scoping, &known) else {
            continue;
        };
        let reads = scoping.get_resolved_reference_ids(c.symbol);
        if reads.len() > 1 && !value.is_tiny() {
            continue;
        }
        let safe = reads.iter().all(|&id| {
            let node = scoping.get_reference(id).node_id();
            let Some(statement) = top_level_statement(nodes, node, c.body_id) else {
                return false;
            };
            match nodes.kind(statement) {
                AstKind::Function(f) if f.is_declaration() => {
                    let Some(id) = &f.id else { return false };
                    let first = reach
                        .entry(c.body_id)
                        .or_insert_with(|| first_reach(c.body, c.body_id, scoping, nodes));
                    first
                        .get(&id.symbol_id())
                        .is_some_and(|&at| at > c.statement.start)
                }
                // A later declarator of the declaration's own statement.
                _ if statement == c.statement_id => top_level_statement(nodes, node, statement)
                    .is_some_and(|d| nodes.kind(d).span().start >= c.declarator.end),
                other => other.span().start >= c.statement.end,
            }
        });
        if !safe {
            continue;
        }
        for &id in reads {
            values.insert(id, value.clone());
        }
        known.insert(c.symbol, value);
    }
    plan
}

/// Function declarations of a function body's top level read once, where the function can
/// move to its read as an expression: a call (`f(x)` -> `(function (x) {...})(x)`) anywhere
/// in the body outside loops, or any other read in the body's own code outside loops (so
/// that the function is still created once per run of the body); and every name the
/// function uses from outside means the same binding there. terser and SWC inline such
/// functions too, and the compressor then folds the call into its caller. A parameter the
/// call gives no argument for, and nothing assigns, is `undefined` where it is read.
fn single_use_functions(scoping: &Scoping, nodes: &AstNodes<'_>, plan: &mut Plan) {
    for symbol in scoping.symbol_ids() {
        let declaration = scoping.symbol_declaration(symbol);
        let AstKind::Function(function) = nodes.kind(declaration) else {
            continue;
        };
        let body_id = nodes.parent_id(declaration);
        if !function.is_declaration()
            || !strict_scope(symbol, scoping)
            || function.body.is_none()
            || !matches!(nodes.kind(body_id), AstKind::FunctionBody(_))
            || !scoping.symbol_redeclarations(symbol).is_empty()
        {
            continue;
        }
        let [read] = scoping.get_resolved_reference_ids(symbol) else {
            continue;
        };
        let reference = scoping.get_reference(*read);
        if !reference.is_read() || reference.is_write() {
            continue;
        }
        let node = reference.node_id();
        let AstKind::IdentifierReference(ident) = nodes.kind(node) else {
            continue;
        };
        if function.span.contains_inclusive(ident.span) {
            continue;
        }
        let call = match nodes.parent_kind(node) {
            AstKind::CallExpression(call) if matches!(&call.callee, Expression::Identifier(callee) if callee.span == ident.span) => {
                Some(call)
            }
            _ => None,
        };
        let called = call.is_some();
        // The read is in the body (not in a parameter's default, which cannot see it), and
        // on its way up meets no loop (and, unless called, no function).
        let mut movable = false;
        for ancestor in nodes.ancestor_ids(node) {
            if ancestor == body_id {
                movable = true;
                break;
            }
            match nodes.kind(ancestor) {
                // A class binds its own name inside (which oxc's scopes do not show for a
                // declaration) and its private names.
                AstKind::ForStatement(_)
                | AstKind::ForInStatement(_)
                | AstKind::ForOfStatement(_)
                | AstKind::WhileStatement(_)
                | AstKind::DoWhileStatement(_)
                | AstKind::Class(_) => break,
                AstKind::Function(_)
                | AstKind::ArrowFunctionExpression(_)
                | AstKind::StaticBlock(_)
                | AstKind::PropertyDefinition(_)
                | AstKind::AccessorProperty(_)
                    if !called =>
                {
                    break;
                }
                _ => {}
            }
        }
        if !movable || !same_meaning_at(function, reference.scope_id(), scoping) {
            continue;
        }
        plan.calls.insert(*read, symbol);
        plan.moving.insert(symbol);
        let Some(call) = call else { continue };
        if call
            .arguments
            .iter()
            .any(|a| matches!(a, oxc_ast::ast::Argument::SpreadElement(_)))
        {
            continue;
        }
        for parameter in function.params.items.iter().skip(call.arguments.len()) {
            let BindingPattern::BindingIdentifier(id) = &parameter.pattern else {
                continue;
            };
            let Some(parameter_symbol) = id.symbol_id.get() else {
                continue;
            };
            // A read in an earlier parameter's default runs before it exists (TDZ).
            if parameter.initializer.is_some()
                || scoping.get_resolved_references(parameter_symbol).any(|r| {
                    function
                        .params
                        .span
                        .contains_inclusive(nodes.kind(r.node_id()).span())
                })
                || !scoping.symbol_redeclarations(parameter_symbol).is_empty()
                || scoping
                    .get_resolved_references(parameter_symbol)
                    .any(|r| r.is_write() || !r.is_read())
            {
                continue;
            }
            for &id in scoping.get_resolved_reference_ids(parameter_symbol) {
                plan.values.insert(id, Value::Undefined);
            }
        }
    }
}

/// Whether every name `function` uses from outside itself resolves to the same binding (or
/// to none, a global) from `scope`.
fn same_meaning_at(
    function: &oxc_ast::ast::Function<'_>,
    scope: ScopeId,
    scoping: &Scoping,
) -> bool {
    struct Names<'s> {
        scoping: &'s Scoping,
        inside: ScopeId,
        at: ScopeId,
        same: bool,
    }
    impl<'a> oxc_ast_visit::Visit<'a> for Names<'_> {
        fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
            let Some(id) = it.reference_id.get() else {
                self.same = false;
                return;
            };
            let symbol = self.scoping.get_reference(id).symbol_id();
            if let Some(symbol) = symbol {
                let declared = self.scoping.symbol_scope_id(symbol);
                let local =
                    std::iter::successors(Some(declared), |&s| self.scoping.scope_parent_id(s))
                        .any(|s| s == self.inside);
                if local {
                    return;
                }
            }
            if self.scoping.find_binding(self.at, it.name.as_str().into()) != symbol {
                self.same = false;
            }
        }
    }
    let Some(inside) = function.scope_id.get() else {
        return false;
    };
    let mut names = Names {
        scoping,
        inside,
        at: scope,
        same: true,
    };
    oxc_ast_visit::Visit::visit_function(
        &mut names,
        function,
        oxc_syntax::scope::ScopeFlags::Function,
    );
    names.same
}

/// A binding that may be a constant: its declarator, its statement and the function body
/// that statement stands in.
struct Candidate<'s, 'a> {
    symbol: SymbolId,
    init: &'s Expression<'a>,
    declarator: Span,
    statement: Span,
    statement_id: NodeId,
    body: &'s FunctionBody<'a>,
    body_id: NodeId,
}

fn candidate<'s, 'a>(
    symbol: SymbolId,
    scoping: &'s Scoping,
    nodes: &'s AstNodes<'a>,
) -> Option<Candidate<'s, 'a>> {
    let declaration = scoping.symbol_declaration(symbol);
    let AstKind::VariableDeclarator(declarator) = nodes.kind(declaration) else {
        return None;
    };
    let BindingPattern::BindingIdentifier(id) = &declarator.id else {
        return None;
    };
    let init = declarator.init.as_ref()?;
    if id.symbol_id.get() != Some(symbol)
        || !strict_scope(symbol, scoping)
        || !scoping.symbol_redeclarations(symbol).is_empty()
        || !constant_shaped(init)
    {
        return None;
    }
    let statement = nodes.parent_id(declaration);
    let body_id = nodes.parent_id(statement);
    let AstKind::FunctionBody(body) = nodes.kind(body_id) else {
        return None;
    };
    let mut references = scoping.get_resolved_references(symbol);
    let mut any = false;
    if !references.all(|r| {
        any = true;
        r.is_read() && !r.is_write()
    }) || !any
    {
        return None;
    }
    Some(Candidate {
        symbol,
        init,
        declarator: declarator.span,
        statement: nodes.kind(statement).span(),
        statement_id: statement,
        body,
        body_id,
    })
}

/// Whether `symbol` is declared in strict code. Sloppy code is left alone: there a block's
/// function declaration assigns to the body's binding of its name (Annex B, which oxc's
/// scopes do not record as a write), a labelled function declaration is hoisted,
/// `arguments.callee` lets a function call itself or keep itself, and `delete name` reads a
/// binding; strict code has none of these (the ES modules of a chunk are strict; CommonJS
/// modules without "use strict" are not).
fn strict_scope(symbol: SymbolId, scoping: &Scoping) -> bool {
    scoping
        .scope_flags(scoping.symbol_scope_id(symbol))
        .is_strict_mode()
}

/// Whether `e` is made of literals, names and `+` only (checked before the names are known).
fn constant_shaped(e: &Expression<'_>) -> bool {
    match e.without_parentheses() {
        Expression::StringLiteral(_)
        | Expression::NumericLiteral(_)
        | Expression::BooleanLiteral(_)
        | Expression::NullLiteral(_)
        | Expression::Identifier(_) => true,
        Expression::TemplateLiteral(t) => t.expressions.is_empty(),
        Expression::BinaryExpression(b) => {
            b.operator == BinaryOperator::Addition
                && constant_shaped(&b.left)
                && constant_shaped(&b.right)
        }
        _ => false,
    }
}

/// The value of a constant expression whose names are constants already inlined.
fn evaluate(
    e: &Expression<'_>,
    scoping: &Scoping,
    known: &FxHashMap<SymbolId, Value>,
) -> Option<Value> {
    match e.without_parentheses() {
        Expression::StringLiteral(s) if !s.lone_surrogates => Some(Value::Str(s.value.to_string())),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            let quasi = t.quasis.first()?;
            if quasi.lone_surrogates {
                return None;
            }
            Some(Value::Str(quasi.value.cooked.as_ref()?.to_string()))
        }
        Expression::NumericLiteral(n) if n.value.is_finite() && n.value.is_sign_positive() => {
            Some(Value::Num(n.value))
        }
        Expression::BooleanLiteral(b) => Some(Value::Bool(b.value)),
        Expression::NullLiteral(_) => Some(Value::Null),
        Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
            match (
                evaluate(&b.left, scoping, known)?,
                evaluate(&b.right, scoping, known)?,
            ) {
                (Value::Str(l), Value::Str(r)) => Some(Value::Str(l + &r)),
                _ => None,
            }
        }
        Expression::Identifier(id) => {
            let symbol = scoping.get_reference(id.reference_id.get()?).symbol_id()?;
            known.get(&symbol).cloned()
        }
        _ => None,
    }
}

/// The statement of the body `body_id` that holds `node` (or the child of any other node).
fn top_level_statement(nodes: &AstNodes<'_>, node: NodeId, body_id: NodeId) -> Option<NodeId> {
    let mut previous = node;
    for ancestor in nodes.ancestor_ids(node) {
        if ancestor == body_id {
            return Some(previous);
        }
        previous = ancestor;
    }
    None
}

/// For each function declared at the top level of `body`, where the first statement that may
/// call it starts (`u32::MAX`: none): the first statement that names it, or names a function
/// that (transitively) names it. A function declaration runs nothing when its statement is
/// reached, so the names inside it count only once it can be called.
fn first_reach(
    body: &FunctionBody<'_>,
    body_id: NodeId,
    scoping: &Scoping,
    nodes: &AstNodes<'_>,
) -> FxHashMap<SymbolId, u32> {
    let mut first: FxHashMap<SymbolId, u32> = FxHashMap::default();
    let mut callers: FxHashMap<SymbolId, Vec<SymbolId>> = FxHashMap::default();
    let functions: Vec<SymbolId> = body
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::FunctionDeclaration(f) => f.id.as_ref().map(|id| id.symbol_id()),
            _ => None,
        })
        .collect();
    for &function in &functions {
        first.insert(function, u32::MAX);
    }
    for &function in &functions {
        for reference in scoping.get_resolved_references(function) {
            let Some(statement) = top_level_statement(nodes, reference.node_id(), body_id) else {
                continue;
            };
            match nodes.kind(statement) {
                AstKind::Function(g) if g.is_declaration() && g.id.is_some() => {
                    let caller = g.id.as_ref().map(|id| id.symbol_id()).unwrap_or(function);
                    callers.entry(caller).or_default().push(function);
                }
                other => {
                    let at = first.entry(function).or_insert(u32::MAX);
                    *at = (*at).min(other.span().start);
                }
            }
        }
    }
    // What a function reachable at a statement names is reachable there too: the earliest
    // position spreads along the names, smallest first.
    let mut queue: BinaryHeap<Reverse<(u32, SymbolId)>> = first
        .iter()
        .filter(|(_, at)| **at != u32::MAX)
        .map(|(&f, &at)| Reverse((at, f)))
        .collect();
    while let Some(Reverse((at, caller))) = queue.pop() {
        if first.get(&caller).is_some_and(|&known| known < at) {
            continue;
        }
        for &callee in callers.get(&caller).map(Vec::as_slice).unwrap_or(&[]) {
            let entry = first.entry(callee).or_insert(u32::MAX);
            if at < *entry {
                *entry = at;
                queue.push(Reverse((at, callee)));
            }
        }
    }
    first
}

/// Replaces the planned reads by their literals and functions.
struct Apply<'a, 'p> {
    builder: AstBuilder<'a>,
    values: &'p FxHashMap<ReferenceId, Value>,
    calls: &'p FxHashMap<ReferenceId, SymbolId>,
    moving: &'p FxHashSet<SymbolId>,
    /// The functions taken out of their bodies, waiting for their read.
    moved: FxHashMap<SymbolId, oxc_allocator::Box<'a, oxc_ast::ast::Function<'a>>>,
    keep_names: bool,
    done: usize,
}

impl Apply<'_, '_> {
    fn value_of(&self, e: &Expression<'_>) -> Option<&Value> {
        match e {
            Expression::Identifier(id) => self.values.get(&id.reference_id.get()?),
            _ => None,
        }
    }
}

impl<'a> VisitMut<'a> for Apply<'a, '_> {
    fn visit_function_body(&mut self, it: &mut FunctionBody<'a>) {
        // The functions that move leave the body first: their reads are all inside it.
        let moves = |s: &Statement<'a>| {
            matches!(s, Statement::FunctionDeclaration(f)
                if f.id.as_ref().and_then(|id| id.symbol_id.get()).is_some_and(|id| self.moving.contains(&id)))
        };
        if !self.calls.is_empty() && it.statements.iter().any(moves) {
            let statements = std::mem::replace(
                &mut it.statements,
                oxc_allocator::Vec::new_in(&self.builder),
            );
            for statement in statements {
                match statement {
                    Statement::FunctionDeclaration(f)
                        if let Some(symbol) = f.id.as_ref().and_then(|id| id.symbol_id.get())
                            && self.moving.contains(&symbol) =>
                    {
                        self.moved.insert(symbol, f);
                    }
                    other => it.statements.push(other),
                }
            }
        }
        oxc_ast_visit::walk_mut::walk_function_body(self, it);
    }

    fn visit_expression(&mut self, it: &mut Expression<'a>) {
        if let Some(value) = self.value_of(it) {
            *it = value.to_expression(it.span(), &self.builder);
            self.done += 1;
            return;
        }
        if let Expression::Identifier(id) = it
            && let Some(symbol) = id.reference_id.get().and_then(|r| self.calls.get(&r))
            && let Some(mut function) = self.moved.remove(symbol)
        {
            function.r#type = oxc_ast::ast::FunctionType::FunctionExpression;
            if !self.keep_names {
                function.id = None;
            }
            *it = Expression::FunctionExpression(function);
            self.done += 1;
        }
        oxc_ast_visit::walk_mut::walk_expression(self, it);
    }

    fn visit_object_property(&mut self, it: &mut ObjectProperty<'a>) {
        // `{ x }` becomes `{ x: "value" }`.
        if it.shorthand && self.value_of(&it.value).is_some() {
            it.shorthand = false;
        }
        oxc_ast_visit::walk_mut::walk_object_property(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_codegen::Codegen;
    use oxc_parser::Parser;
    use oxc_span::SourceType;

    /// `code` with its constants and single-use functions inlined, printed unminified.
    fn inlined(code: &str) -> String {
        printed(code, true)
    }

    /// `code` printed unminified, after the pass with or without inlining.
    fn printed(code: &str, inline: bool) -> String {
        let allocator = Allocator::default();
        let mut program = Parser::new(&allocator, code, SourceType::script())
            .parse()
            .program;
        assert!(
            prepare(&allocator, &mut program, inline, false)
                .inlined
                .is_some()
        );
        Codegen::new().build(&program).code
    }

    #[test]
    fn constants_read_after_their_declaration_are_inlined_and_joined() {
        let out = inlined(
            "(function(){ 'use strict'; var a = 'x', b = '[' + a + ']'; var c = 1; log(b, c, c); })();",
        );
        assert!(out.contains(r#"log("[x]", 1, 1)"#), "{out}");
    }

    #[test]
    fn a_read_that_may_run_before_the_declaration_keeps_its_name() {
        // f is called before `a` is assigned: it must see undefined.
        let out = inlined(
            "(function(){ 'use strict'; f(); var a = 'x'; function f(){ return a } log(f()); })();",
        );
        assert!(out.contains("return a"), "{out}");
        // ... and through a function that calls it.
        let out = inlined(
            "(function(){ 'use strict'; g(); var a = 'x'; function g(){ return f() } function f(){ return a } log(g(), f()); })();",
        );
        assert!(out.contains("return a"), "{out}");
        // Nobody calls f before the declaration: it gets the value.
        let out = inlined(
            "(function(){ 'use strict'; var a = 'x'; function f(){ return a } log(f(), f()); })();",
        );
        assert!(out.contains(r#"return "x""#), "{out}");
        // A read in an earlier statement, or an earlier declarator, waits for nothing.
        let out = inlined("(function(){ 'use strict'; log(a); var a = 'x'; })();");
        assert!(out.contains("log(a)"), "{out}");
    }

    #[test]
    fn written_and_long_repeated_constants_stay() {
        let out = inlined(
            "(function(){ 'use strict'; var a = 'x'; a = 'y'; var b = 'long string'; log(a, b, b); })();",
        );
        assert!(out.contains("log(a, b, b)"), "{out}");
        // A script's top level is the page's.
        assert!(inlined("var a = 'x'; log(a);").contains("log(a)"));
        // `eval` may declare anything.
        let out =
            inlined("(function(){ 'use strict'; var a = 'x'; eval('var a = 1'); log(a); })();");
        assert!(out.contains("log(a)"), "{out}");
    }

    #[test]
    fn sloppy_code_is_left_alone() {
        for code in [
            // The block's function assigns to the body's `f` and `a` (Annex B).
            "(function(){ function f(){ return 1 } { function f(){ return 2 } } log(f()); var a = 'x'; { function a(){} } log(typeof a); })();",
            // h is hoisted and calls g before `a` is assigned.
            "(function(){ var out = h(); var a = 'x'; l: function h(){ return g() } function g(){ return a } log(out); })();",
            // The function calls itself again, with an argument.
            "(function(){ function f(n){ if (n === undefined) return arguments.callee(5); return n } log(f()); })();",
            // A sloppy function moved into a strict one would lose its `this`.
            "(function(){ function f(){ return this } function g(){ 'use strict'; return f() } log(g()); })();",
        ] {
            assert_eq!(inlined(code), printed(code, false));
        }
    }

    #[test]
    fn a_function_used_once_moves_to_its_call() {
        let out = inlined(
            "(function(){ 'use strict'; function f(x, y){ return y ? x : 0 } log(f(1)); })();",
        );
        assert!(
            out.contains("log(function(x, y) {\n\t\treturn void 0 ? x : 0;"),
            "{out}"
        );
        assert!(!out.contains("function f"), "{out}");
    }

    #[test]
    fn a_function_stays_where_moving_it_would_change_it() {
        // Inside `g`, `x` is g's own parameter, not the outer `x` f reads.
        let out = inlined(
            "(function(){ 'use strict'; var x = Math.random(); function f(){ return x } function g(x){ return f() } log(g(1)); })();",
        );
        assert!(out.contains("function f()"), "{out}");
        // In a loop it would be created again and again.
        let out = inlined(
            "(function(){ 'use strict'; function f(){ return 1 } for (;;) { log(f()) } })();",
        );
        assert!(out.contains("function f()"), "{out}");
        // Stored (not called) inside another function: each call would make a new one.
        let out = inlined(
            "(function(){ 'use strict'; function f(){ return 1 } function g(){ return f } log(g() === g()); })();",
        );
        assert!(out.contains("function f()"), "{out}");
        // Recursive: it names itself.
        let out = inlined("(function(){ 'use strict'; function f(n){ return n && f(n - 1) } })();");
        assert!(out.contains("function f(n)"), "{out}");
    }
}
