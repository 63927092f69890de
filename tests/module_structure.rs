//! The shape of the source: no module reaches, directly or round a loop, a module that reaches it
//! back, and no source file is over 600 lines.
//!
//! The module graph is read with `syn` from the crate roots: a node per file module (inline modules
//! belong to their file), an edge for every `crate::…` or `super::…` path in `use` items, in code and
//! in macro arguments. A module naming its own submodules (`mod x; pub use x::y;`) is how Rust nests
//! modules, not a dependency back, so edges into a module's own descendants are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

const MAX_LINES: usize = 600;

#[test]
fn no_source_file_is_over_600_lines() {
    let mut too_long = Vec::new();
    for entry in walkdir::WalkDir::new(source_dir()).sort_by_file_name() {
        let entry = entry.expect("the source folder can be walked");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let lines = std::fs::read_to_string(entry.path()).expect("a source file is UTF-8").lines().count();
            if lines > MAX_LINES {
                too_long.push(format!("{} has {lines} lines", entry.path().display()));
            }
        }
    }
    assert!(too_long.is_empty(), "split these by concern (at most {MAX_LINES} lines each):\n{}", too_long.join("\n"));
}

#[test]
fn the_library_has_no_module_import_cycle() {
    let cycles = ModuleGraph::read(&source_dir().join("lib.rs")).cycles();
    assert!(cycles.is_empty(), "module import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_command_line_binary_has_no_module_import_cycle() {
    let cycles = ModuleGraph::read(&source_dir().join("main.rs")).cycles();
    assert!(cycles.is_empty(), "module import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn a_cycle_between_sibling_modules_is_found_and_named() {
    let root = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(root.path().join(name), text).unwrap();
    write("lib.rs", "mod a;\nmod b;\nmod c;\npub use a::f;\n");
    write("a.rs", "use crate::b::g;\npub fn f() { g() }\n");
    write("b.rs", "pub fn g() { println!(\"{}\", super::c::h()) }\n");
    write("c.rs", "pub fn h() -> u8 { crate::a::f(); 1 }\n");
    let cycles = ModuleGraph::read(&root.path().join("lib.rs")).cycles();
    assert_eq!(cycles, ["a → b → c → a"]);
}

#[test]
fn a_module_using_its_parent_is_not_a_cycle() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("a")).unwrap();
    let write = |name: &str, text: &str| std::fs::write(root.path().join(name), text).unwrap();
    write("lib.rs", "mod a;\n");
    write("a/mod.rs", "mod inner;\npub use inner::Item;\npub struct Shared;\n");
    write("a/inner.rs", "use super::Shared;\npub struct Item(Shared);\n#[cfg(test)]\nmod tests { use super::*; }\n");
    assert!(ModuleGraph::read(&root.path().join("lib.rs")).cycles().is_empty());
}

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Module paths (`["render", "links"]`) with their files, and which modules each one names.
#[derive(Default)]
struct ModuleGraph {
    files: BTreeMap<Vec<String>, PathBuf>,
    uses: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

impl ModuleGraph {
    fn read(root: &Path) -> Self {
        let mut graph = ModuleGraph::default();
        let mut referenced = Vec::new();
        graph.read_module(Vec::new(), root, &mut referenced);
        for (from, path) in referenced {
            if let Some(to) = graph.module_of(&path)
                && !to.starts_with(&from)
            {
                graph.uses.entry(from).or_default().insert(to);
            }
        }
        graph
    }

    /// Reads one file module and, recursively, the file modules it declares.
    fn read_module(&mut self, module: Vec<String>, file: &Path, referenced: &mut Vec<(Vec<String>, Vec<String>)>) {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let is_root_of_folder = file.file_name().is_some_and(|name| name == "mod.rs" || module.is_empty());
        let children_dir =
            if is_root_of_folder { file.parent().unwrap().to_path_buf() } else { file.with_extension("") };
        self.files.insert(module.clone(), file.to_path_buf());
        let mut paths = PathCollector { scope: module.clone(), found: Vec::new(), declared: Vec::new() };
        paths.visit_file(&syntax);
        referenced.extend(paths.found.into_iter().map(|path| (module.clone(), path)));
        for name in paths.declared {
            let flat = children_dir.join(format!("{name}.rs"));
            let child_file = if flat.exists() { flat } else { children_dir.join(&name).join("mod.rs") };
            let mut child = module.clone();
            child.push(name);
            self.read_module(child, &child_file, referenced);
        }
    }

    /// The file module an absolute path lies in: its longest prefix that is a module.
    fn module_of(&self, path: &[String]) -> Option<Vec<String>> {
        (0..=path.len()).rev().map(|len| path[..len].to_vec()).find(|prefix| self.files.contains_key(prefix))
    }

    /// One line per strongly connected group of modules, naming a loop through it.
    fn cycles(&self) -> Vec<String> {
        strongly_connected(&self.uses)
            .into_iter()
            .filter(|group| group.len() > 1)
            .map(|group| {
                let start = group.iter().next().unwrap();
                let mut names: Vec<String> = self.loop_from(start, &group).iter().map(|m| m.join("::")).collect();
                names.push(start.join("::"));
                names.join(" → ")
            })
            .collect()
    }

    /// The shortest way from `start` back to itself inside `group` (without the final `start`).
    fn loop_from(&self, start: &Vec<String>, group: &BTreeSet<Vec<String>>) -> Vec<Vec<String>> {
        let mut came_from: BTreeMap<&Vec<String>, &Vec<String>> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(module) = queue.pop_front() {
            for next in self.uses.get(module).into_iter().flatten().filter(|m| group.contains(*m)) {
                if next == start {
                    let mut way = vec![module.clone()];
                    while let Some(previous) = came_from.get(way.last().unwrap()) {
                        way.push((*previous).clone());
                    }
                    way.reverse();
                    return way;
                }
                if !came_from.contains_key(next) && next != start {
                    came_from.insert(next, module);
                    queue.push_back(next);
                }
            }
        }
        unreachable!("a strongly connected group has a loop through each of its modules")
    }
}

/// Tarjan's algorithm, in the graph's (sorted) order so that the report is stable.
fn strongly_connected(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<BTreeSet<Vec<String>>> {
    struct State<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, (usize, usize)>,
        stack: Vec<&'a Vec<String>>,
        groups: Vec<BTreeSet<Vec<String>>>,
    }
    fn visit<'a>(state: &mut State<'a>, module: &'a Vec<String>) {
        let number = state.index.len();
        state.index.insert(module, (number, number));
        state.stack.push(module);
        let edges = state.edges;
        for next in edges.get(module).into_iter().flatten() {
            if !state.index.contains_key(next) {
                visit(state, next);
                let low = state.index[next].1.min(state.index[module].1);
                state.index.get_mut(module).unwrap().1 = low;
            } else if state.stack.contains(&next) {
                let low = state.index[next].0.min(state.index[module].1);
                state.index.get_mut(module).unwrap().1 = low;
            }
        }
        if state.index[module].0 == state.index[module].1 {
            let mut group = BTreeSet::new();
            while let Some(member) = state.stack.pop() {
                group.insert(member.clone());
                if member == module {
                    break;
                }
            }
            state.groups.push(group);
        }
    }
    let mut state = State { edges, index: BTreeMap::new(), stack: Vec::new(), groups: Vec::new() };
    for module in edges.keys() {
        if !state.index.contains_key(module) {
            visit(&mut state, module);
        }
    }
    state.groups
}

/// The `crate::`/`super::`/`self::` paths of one file, made absolute, and the file modules it declares.
struct PathCollector {
    /// The module the code being read is in, inline modules included (for `super`).
    scope: Vec<String>,
    found: Vec<Vec<String>>,
    declared: Vec<String>,
}

impl PathCollector {
    fn add(&mut self, segments: Vec<String>) {
        let Some(first) = segments.first() else { return };
        let mut absolute = match first.as_str() {
            "crate" => Vec::new(),
            "self" | "super" => self.scope.clone(),
            // A bare path names a child module, an extern crate or a local item: never a module
            // outside this one.
            _ => return,
        };
        let mut rest = segments.iter().skip(usize::from(first == "crate")).peekable();
        while let Some(segment) = rest.next_if(|s| s.as_str() == "super" || s.as_str() == "self") {
            if segment == "super" {
                absolute.pop();
            }
        }
        absolute.extend(rest.cloned());
        self.found.push(absolute);
    }

    fn add_use_tree(&mut self, prefix: Vec<String>, tree: &syn::UseTree) {
        let with = |name: String| {
            let mut path = prefix.clone();
            path.push(name);
            path
        };
        match tree {
            syn::UseTree::Path(path) => self.add_use_tree(with(path.ident.to_string()), &path.tree),
            syn::UseTree::Name(name) if name.ident == "self" => self.add(prefix),
            syn::UseTree::Name(name) => self.add(with(name.ident.to_string())),
            syn::UseTree::Rename(rename) => self.add(with(rename.ident.to_string())),
            syn::UseTree::Glob(_) => self.add(prefix),
            syn::UseTree::Group(group) => group.items.iter().for_each(|item| self.add_use_tree(prefix.clone(), item)),
        }
    }

    /// Macro arguments are not parsed as code: their `crate::a::b` token runs are read as paths.
    fn add_tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(group) => self.add_tokens(group.stream()),
                TokenTree::Ident(ident) if ident == "crate" || ident == "super" || ident == "self" => {
                    let mut segments = vec![ident.to_string()];
                    while let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(next))) =
                        (tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        i += 3;
                    }
                    if segments.len() > 1 {
                        self.add(segments);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.add_use_tree(Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.add(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.add_tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let name = item.ident.to_string();
        if item.content.is_none() {
            self.declared.push(name);
            return;
        }
        self.scope.push(name);
        syn::visit::visit_item_mod(self, item);
        self.scope.pop();
    }
}
