//! Renders rustdoc's JSON output (format version 57) as a sorted list of public signatures.
//!
//! Walks the crate from its root module, following public modules and `pub use` re-exports,
//! so every item appears under the path a user writes. Types inside signatures are named by
//! their shortest user-visible path in this crate (including other crates' items that this
//! crate re-exports, e.g. `openai_sdk::Error`), by a stable path for other crates' items
//! (prelude names such as `Option`/`String` bare, other std items as `std::…`), or as written
//! in the source when rustdoc gives nothing better. The output has no ids, spans or docs, so it
//! changes exactly when the public API changes.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

/// The rustdoc JSON `format_version`s this renderer understands.
pub(crate) const SUPPORTED_FORMAT_VERSIONS: &[u64] = &[57];

/// Auto traits worth listing: losing one is a breaking change. (`Freeze`, `UnsafeUnpin` and
/// other compiler-internal markers are left out; they are not nameable on stable.)
const AUTO_TRAITS: &[&str] = &["Send", "Sync", "Unpin", "UnwindSafe", "RefUnwindSafe"];

/// Trait impls that carry no API information (generated alongside `derive(PartialEq)`).
const HIDDEN_TRAITS: &[&str] = &["StructuralPartialEq", "Freeze", "UnsafeUnpin"];

/// Items of `core`/`alloc`/`std` that the prelude names, shown bare.
const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
];

/// The std modules the prelude items above come from (so `std::io::Result` stays qualified).
const PRELUDE_MODULES: &[&str] = &[
    "option", "result", "string", "vec", "boxed", "clone", "marker", "ops", "default", "cmp",
    "convert", "iter", "borrow",
];

type Res<T> = Result<T, String>;

/// Renders the report for one crate's rustdoc JSON; `title` is the first (comment) line.
pub(crate) fn render(json: &str, title: &str) -> Res<String> {
    let doc: Value =
        serde_json::from_str(json).map_err(|err| format!("rustdoc JSON does not parse: {err}"))?;
    let version = doc
        .get("format_version")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if !SUPPORTED_FORMAT_VERSIONS.contains(&version) {
        return Err(format!(
            "rustdoc JSON format_version {version} is not supported (xtask knows {:?}); \
             update xtask/src/api_report/render.rs for this toolchain",
            SUPPORTED_FORMAT_VERSIONS
        ));
    }
    let empty = Map::new();
    let krate = Krate {
        index: doc
            .get("index")
            .and_then(Value::as_object)
            .unwrap_or(&empty),
        paths: doc
            .get("paths")
            .and_then(Value::as_object)
            .unwrap_or(&empty),
        visible: HashMap::new(),
    };
    let root = doc
        .get("root")
        .map(id_key)
        .ok_or("rustdoc JSON has no root")?;
    let root_name = krate
        .item(&root)
        .and_then(|item| item.get("name"))
        .and_then(Value::as_str)
        .ok_or("rustdoc JSON: the root module has no name")?
        .to_owned();
    let mut krate = krate;
    let mut placements = Vec::new();
    krate.walk_child_module(&root, &[root_name], &mut placements, &mut HashSet::new())?;
    for placement in &placements {
        let (id, path) = match placement {
            Placement::Item { id, path } => (id, path),
            // Another crate's item re-exported here: users name it by our path.
            Placement::ExternUse {
                id: Some(id), path, ..
            } => (id, path),
            Placement::ExternUse { id: None, .. } => continue,
        };
        let better = match krate.visible.get(id) {
            None => true,
            Some(old) => (segments(path), path) < (segments(old), old),
        };
        if better {
            krate.visible.insert(id.clone(), path.clone());
        }
    }
    let mut out = Lines::default();
    for placement in &placements {
        match placement {
            Placement::Item { id, path } => krate.render_item(id, path, &mut out)?,
            Placement::ExternUse { path, source, .. } => {
                out.add(path, Rank::Item, format!("pub use {path} = {source}"));
            }
        }
    }
    Ok(out.finish(title))
}

fn segments(path: &str) -> usize {
    path.matches("::").count()
}

/// Where a line sorts within the item it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// The item itself: `pub struct …`, `pub fn …`.
    Item,
    /// Fields, variants and trait members.
    Member,
    /// Inherent associated functions, types and constants.
    Assoc,
    /// Trait impls.
    Impl,
}

/// Output lines, deduplicated, grouped by the item they belong to (its path), then by rank,
/// then by text.
#[derive(Default)]
struct Lines {
    by_line: BTreeMap<String, (String, Rank)>,
}

impl Lines {
    fn add(&mut self, key: &str, rank: Rank, line: String) {
        let slot = self
            .by_line
            .entry(line)
            .or_insert_with(|| (key.to_owned(), rank));
        if (key, rank) < (slot.0.as_str(), slot.1) {
            *slot = (key.to_owned(), rank);
        }
    }

    fn finish(self, title: &str) -> String {
        let mut lines: Vec<((String, Rank), String)> = self
            .by_line
            .into_iter()
            .map(|(line, key)| (key, line))
            .collect();
        lines.sort();
        let mut out = format!("{title}\n");
        for (_, line) in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// Where the walk found an item.
enum Placement {
    /// An item of the index, reachable at `path`.
    Item { id: String, path: String },
    /// A re-export of something rustdoc did not inline (another crate's item).
    ExternUse {
        /// The re-exported item's id in `paths`, when rustdoc gives one.
        id: Option<String>,
        path: String,
        source: String,
    },
}

struct Krate<'a> {
    index: &'a Map<String, Value>,
    paths: &'a Map<String, Value>,
    /// Shortest user-visible path of every placed item.
    visible: HashMap<String, String>,
}

/// Index key of an id (a number in format 57; strings are accepted too).
fn id_key(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The single `{kind: payload}` entry of an externally tagged rustdoc enum.
fn tagged(value: &Value) -> Option<(&str, &Value)> {
    match value {
        Value::Object(map) if map.len() == 1 => map.iter().next().map(|(k, v)| (k.as_str(), v)),
        Value::String(s) => Some((s.as_str(), &Value::Null)),
        _ => None,
    }
}

fn arr(value: &Value, key: &str) -> Vec<Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn flag(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}::{name}")
    }
}

impl Krate<'_> {
    fn item(&self, id: &str) -> Option<&Value> {
        self.index.get(id)
    }

    /// Walks a module placed at `path` (its own name already in `path`).
    fn walk_child_module(
        &self,
        id: &str,
        path: &[String],
        out: &mut Vec<Placement>,
        seen: &mut HashSet<(String, Vec<String>)>,
    ) -> Res<()> {
        let Some(module) = self.item(id) else {
            return Ok(());
        };
        if !seen.insert((id.to_owned(), path.to_vec())) || path.len() > 32 {
            return Ok(());
        }
        out.push(Placement::Item {
            id: id.to_owned(),
            path: path.join("::"),
        });
        let inner = module
            .pointer("/inner/module")
            .cloned()
            .unwrap_or(Value::Null);
        self.walk_items(&arr(&inner, "items"), path, out, seen)
    }

    fn walk_items(
        &self,
        items: &[Value],
        path: &[String],
        out: &mut Vec<Placement>,
        seen: &mut HashSet<(String, Vec<String>)>,
    ) -> Res<()> {
        for child in items {
            let child_id = id_key(child);
            let Some(item) = self.item(&child_id) else {
                continue;
            };
            let name = item.get("name").and_then(Value::as_str).unwrap_or("");
            let Some((kind, payload)) = item.get("inner").and_then(tagged) else {
                continue;
            };
            match kind {
                "module" => {
                    let mut sub = path.to_vec();
                    sub.push(name.to_owned());
                    self.walk_child_module(&child_id, &sub, out, seen)?;
                }
                "use" => {
                    if text(item, "visibility") == "public" {
                        self.walk_use(payload, path, out, seen)?;
                    }
                }
                "impl" | "primitive" => {}
                _ => out.push(Placement::Item {
                    id: child_id,
                    path: join(&path.join("::"), name),
                }),
            }
        }
        Ok(())
    }

    fn walk_use(
        &self,
        use_: &Value,
        path: &[String],
        out: &mut Vec<Placement>,
        seen: &mut HashSet<(String, Vec<String>)>,
    ) -> Res<()> {
        let source = text(use_, "source");
        let name = text(use_, "name");
        let target = use_.get("id").filter(|v| !v.is_null()).map(id_key);
        let target_item = target.as_deref().and_then(|t| self.item(t));
        if flag(use_, "is_glob") {
            match target_item.and_then(|i| i.pointer("/inner/module")) {
                Some(module) => {
                    if !seen.insert((target.clone().unwrap_or_default(), path.to_vec())) {
                        return Ok(());
                    }
                    self.walk_items(&arr(module, "items"), path, out, seen)?;
                }
                None => out.push(Placement::ExternUse {
                    id: None,
                    path: join(&path.join("::"), "*"),
                    source: format!("{source}::*"),
                }),
            }
            return Ok(());
        }
        let mut at = path.to_vec();
        at.push(name.to_owned());
        match (target, target_item) {
            (Some(id), Some(item)) if item.pointer("/inner/module").is_some() => {
                self.walk_child_module(&id, &at, out, seen)
            }
            (Some(id), Some(_)) => {
                out.push(Placement::Item {
                    id,
                    path: at.join("::"),
                });
                Ok(())
            }
            (id, _) => {
                out.push(Placement::ExternUse {
                    id,
                    path: at.join("::"),
                    source: source.to_owned(),
                });
                Ok(())
            }
        }
    }

    // ---- items -------------------------------------------------------------------------

    fn render_item(&self, id: &str, path: &str, out: &mut Lines) -> Res<()> {
        let Some(item) = self.item(id) else {
            return Ok(());
        };
        let Some((kind, body)) = item.get("inner").and_then(tagged) else {
            return Ok(());
        };
        let attrs = attr_prefix(item);
        match kind {
            "module" => out.add(path, Rank::Item, format!("{attrs}pub mod {path}")),
            "struct" => self.render_struct(item, body, path, &attrs, out)?,
            "union" => {
                let generics = self.generics(body.get("generics"))?;
                out.add(
                    path,
                    Rank::Item,
                    format!("{attrs}pub union {path}{}{}", generics.0, generics.1),
                );
                self.render_fields(&arr(body, "fields"), path, out)?;
                self.render_impls(&arr(body, "impls"), path, out)?;
            }
            "enum" => self.render_enum(body, path, &attrs, out)?,
            "function" => {
                let line = self.function(body, path)?;
                out.add(path, Rank::Item, format!("{attrs}{line}"));
            }
            "trait" => self.render_trait(body, path, &attrs, out)?,
            "trait_alias" => {
                let (params, wheres) = self.generics(body.get("generics"))?;
                let bounds = self.bounds(&arr(body, "params"))?;
                out.add(
                    path,
                    Rank::Item,
                    format!("{attrs}pub trait {path}{params} = {bounds}{wheres}"),
                );
            }
            "type_alias" => {
                let (params, wheres) = self.generics(body.get("generics"))?;
                let ty = self.ty(body.get("type").unwrap_or(&Value::Null))?;
                out.add(
                    path,
                    Rank::Item,
                    format!("{attrs}pub type {path}{params} = {ty}{wheres}"),
                );
            }
            "constant" => {
                let ty = self.ty(body.get("type").unwrap_or(&Value::Null))?;
                out.add(path, Rank::Item, format!("{attrs}pub const {path}: {ty}"));
            }
            "static" => {
                let ty = self.ty(body.get("type").unwrap_or(&Value::Null))?;
                let m = if flag(body, "is_mutable") { "mut " } else { "" };
                out.add(
                    path,
                    Rank::Item,
                    format!("{attrs}pub static {m}{path}: {ty}"),
                );
            }
            "macro" => out.add(path, Rank::Item, format!("{attrs}pub macro {path}!")),
            "proc_macro" => {
                let kind = text(body, "kind");
                let line = match kind {
                    "derive" => format!("pub macro derive {path}"),
                    "attr" => format!("pub macro attribute {path}"),
                    _ => format!("pub macro {path}!"),
                };
                out.add(path, Rank::Item, format!("{attrs}{line}"));
            }
            "extern_crate" => out.add(path, Rank::Item, format!("pub extern crate {path}")),
            // Fields, variants and associated items are rendered with their parents.
            _ => {}
        }
        Ok(())
    }

    fn render_struct(
        &self,
        item: &Value,
        body: &Value,
        path: &str,
        attrs: &str,
        out: &mut Lines,
    ) -> Res<()> {
        let (params, wheres) = self.generics(body.get("generics"))?;
        let kind = body.get("kind").unwrap_or(&Value::Null);
        match tagged(kind) {
            Some(("unit", _)) => out.add(
                path,
                Rank::Item,
                format!("{attrs}pub struct {path}{params}{wheres};"),
            ),
            Some(("tuple", fields)) => {
                let fields = self.tuple_fields(fields)?;
                out.add(
                    path,
                    Rank::Item,
                    format!("{attrs}pub struct {path}{params}({fields}){wheres};"),
                );
            }
            Some(("plain", plain)) => {
                let stripped = if flag(plain, "has_stripped_fields") {
                    " { /* private fields */ }"
                } else {
                    ""
                };
                out.add(
                    path,
                    Rank::Item,
                    format!("{attrs}pub struct {path}{params}{wheres}{stripped}"),
                );
                self.render_fields(&arr(plain, "fields"), path, out)?;
            }
            _ => {
                let name = text(item, "name");
                return Err(format!("struct {name}: unknown kind {kind}"));
            }
        }
        self.render_impls(&arr(body, "impls"), path, out)
    }

    fn tuple_fields(&self, fields: &Value) -> Res<String> {
        let mut parts = Vec::new();
        for field in fields.as_array().into_iter().flatten() {
            if field.is_null() {
                parts.push("_".to_owned());
                continue;
            }
            let ty = self
                .item(&id_key(field))
                .and_then(|f| f.pointer("/inner/struct_field"))
                .map(|t| self.ty(t))
                .transpose()?
                .unwrap_or_else(|| "_".to_owned());
            parts.push(format!("pub {ty}"));
        }
        Ok(parts.join(", "))
    }

    fn render_fields(&self, fields: &[Value], path: &str, out: &mut Lines) -> Res<()> {
        for field in fields {
            let Some(item) = self.item(&id_key(field)) else {
                continue;
            };
            let Some(ty) = item.pointer("/inner/struct_field") else {
                continue;
            };
            let name = text(item, "name");
            out.add(
                path,
                Rank::Member,
                format!("pub {path}::{name}: {}", self.ty(ty)?),
            );
        }
        Ok(())
    }

    fn render_enum(&self, body: &Value, path: &str, attrs: &str, out: &mut Lines) -> Res<()> {
        let (params, wheres) = self.generics(body.get("generics"))?;
        let stripped = if flag(body, "has_stripped_variants") {
            " { /* private variants */ }"
        } else {
            ""
        };
        out.add(
            path,
            Rank::Item,
            format!("{attrs}pub enum {path}{params}{wheres}{stripped}"),
        );
        for variant in arr(body, "variants") {
            let Some(item) = self.item(&id_key(&variant)) else {
                continue;
            };
            let Some(v) = item.pointer("/inner/variant") else {
                continue;
            };
            let name = text(item, "name");
            let shape = match v.get("kind").and_then(tagged) {
                Some(("plain", _)) => String::new(),
                Some(("tuple", fields)) => {
                    let mut parts = Vec::new();
                    for field in fields.as_array().into_iter().flatten() {
                        let ty = self
                            .item(&id_key(field))
                            .and_then(|f| f.pointer("/inner/struct_field"))
                            .map(|t| self.ty(t))
                            .transpose()?
                            .unwrap_or_else(|| "_".to_owned());
                        parts.push(ty);
                    }
                    format!("({})", parts.join(", "))
                }
                Some(("struct", s)) => {
                    let mut parts = Vec::new();
                    for field in arr(s, "fields") {
                        if let Some(f) = self.item(&id_key(&field)) {
                            if let Some(t) = f.pointer("/inner/struct_field") {
                                parts.push(format!("{}: {}", text(f, "name"), self.ty(t)?));
                            }
                        }
                    }
                    if flag(s, "has_stripped_fields") {
                        parts.push("..".to_owned());
                    }
                    format!(" {{ {} }}", parts.join(", "))
                }
                _ => return Err(format!("variant {name}: unknown kind")),
            };
            let discriminant = v
                .get("discriminant")
                .filter(|d| !d.is_null())
                .map(|d| format!(" = {}", text(d, "value")))
                .unwrap_or_default();
            let vattrs = attr_prefix(item);
            out.add(
                path,
                Rank::Member,
                format!("{vattrs}pub {path}::{name}{shape}{discriminant}"),
            );
        }
        self.render_impls(&arr(body, "impls"), path, out)
    }

    fn render_trait(&self, body: &Value, path: &str, attrs: &str, out: &mut Lines) -> Res<()> {
        let (params, wheres) = self.generics(body.get("generics"))?;
        let bounds = self.bounds(&arr(body, "bounds"))?;
        let bounds = if bounds.is_empty() {
            String::new()
        } else {
            format!(": {bounds}")
        };
        let unsafe_ = if flag(body, "is_unsafe") {
            "unsafe "
        } else {
            ""
        };
        let auto = if flag(body, "is_auto") { "auto " } else { "" };
        out.add(
            path,
            Rank::Item,
            format!("{attrs}pub {unsafe_}{auto}trait {path}{params}{bounds}{wheres}"),
        );
        for member in arr(body, "items") {
            let Some(item) = self.item(&id_key(&member)) else {
                continue;
            };
            let name = text(item, "name");
            let member_path = format!("{path}::{name}");
            if let Some(line) = self.assoc_item(item, &member_path, true)? {
                out.add(path, Rank::Member, line);
            }
        }
        // Implementations of our own traits (including blanket ones) are part of its API.
        for imp in arr(body, "implementations") {
            if let Some(line) = self.trait_impl_line(&id_key(&imp), true)? {
                out.add(path, Rank::Impl, line);
            }
        }
        Ok(())
    }

    /// An associated function, type or constant, rendered at `path`.
    fn assoc_item(&self, item: &Value, path: &str, in_trait: bool) -> Res<Option<String>> {
        let attrs = attr_prefix(item);
        let Some((kind, body)) = item.get("inner").and_then(tagged) else {
            return Ok(None);
        };
        let line = match kind {
            "function" => {
                let mut line = self.function(body, path)?;
                if in_trait && flag(body, "has_body") {
                    line.push_str(" (provided)");
                }
                line
            }
            "assoc_type" => {
                let (params, wheres) = self.generics(body.get("generics"))?;
                let bounds = self.bounds(&arr(body, "bounds"))?;
                let bounds = if bounds.is_empty() {
                    String::new()
                } else {
                    format!(": {bounds}")
                };
                let default = match body.get("type").filter(|t| !t.is_null()) {
                    Some(t) => format!(" = {}", self.ty(t)?),
                    None => String::new(),
                };
                format!("pub type {path}{params}{bounds}{wheres}{default}")
            }
            "assoc_const" => {
                let ty = self.ty(body.get("type").unwrap_or(&Value::Null))?;
                format!("pub const {path}: {ty}")
            }
            _ => return Ok(None),
        };
        Ok(Some(format!("{attrs}{line}")))
    }

    fn render_impls(&self, impls: &[Value], path: &str, out: &mut Lines) -> Res<()> {
        for imp in impls {
            let id = id_key(imp);
            let Some(body) = self.item(&id).and_then(|i| i.pointer("/inner/impl")) else {
                continue;
            };
            let is_blanket = body.get("blanket_impl").is_some_and(|b| !b.is_null());
            if is_blanket {
                continue;
            }
            if body.get("trait").is_some_and(|t| !t.is_null()) {
                if let Some(line) = self.trait_impl_line(&id, false)? {
                    out.add(path, Rank::Impl, line);
                }
                continue;
            }
            // Inherent impl: its public associated items, under the type's path. Generic
            // impls show their parameters through the self type and a where clause.
            let for_ty = self.ty(body.get("for").unwrap_or(&Value::Null))?;
            let (params, _) = self.generics(body.get("generics"))?;
            let owner = if params.is_empty() {
                path.to_owned()
            } else {
                match for_ty.split_once('<') {
                    Some((_, args)) => format!("{path}<{args}"),
                    None => path.to_owned(),
                }
            };
            let impl_where = self.inherent_where(body.get("generics"))?;
            for member in arr(body, "items") {
                let Some(item) = self.item(&id_key(&member)) else {
                    continue;
                };
                if text(item, "visibility") != "public" {
                    continue;
                }
                let member_path = format!("{owner}::{}", text(item, "name"));
                if let Some(line) = self.assoc_item(item, &member_path, false)? {
                    out.add(path, Rank::Assoc, format!("{line}{impl_where}"));
                }
            }
        }
        Ok(())
    }

    /// `impl<…> Trait<…, Assoc = T> for Type where …`, or `None` for impls not worth listing.
    fn trait_impl_line(&self, id: &str, keep_blanket: bool) -> Res<Option<String>> {
        let Some(item) = self.item(id) else {
            return Ok(None);
        };
        let Some(body) = item.pointer("/inner/impl") else {
            return Ok(None);
        };
        let Some(trait_) = body.get("trait").filter(|t| !t.is_null()) else {
            return Ok(None);
        };
        if !keep_blanket && body.get("blanket_impl").is_some_and(|b| !b.is_null()) {
            return Ok(None);
        }
        let trait_name = self.path_name(trait_);
        let last = trait_name.rsplit("::").next().unwrap_or("");
        if HIDDEN_TRAITS.contains(&last) {
            return Ok(None);
        }
        if flag(body, "is_synthetic") && !AUTO_TRAITS.contains(&last) {
            return Ok(None);
        }
        // Associated types fixed by the impl (`Iterator<Item = X>`) are part of its meaning.
        let mut assoc = Vec::new();
        for member in arr(body, "items") {
            if let Some(m) = self.item(&id_key(&member)) {
                if let Some(t) = m.pointer("/inner/assoc_type/type").filter(|t| !t.is_null()) {
                    assoc.push(format!("{} = {}", text(m, "name"), self.ty(t)?));
                }
            }
        }
        let mut trait_text = self.path(trait_)?;
        if !assoc.is_empty() {
            trait_text = match trait_text.strip_suffix('>') {
                Some(open) => format!("{open}, {}>", assoc.join(", ")),
                None => format!("{trait_text}<{}>", assoc.join(", ")),
            };
        }
        let (params, wheres) = self.generics(body.get("generics"))?;
        let for_ty = self.ty(body.get("for").unwrap_or(&Value::Null))?;
        let unsafe_ = if flag(body, "is_unsafe") {
            "unsafe "
        } else {
            ""
        };
        let not = if flag(body, "is_negative") { "!" } else { "" };
        Ok(Some(format!(
            "{unsafe_}impl{params} {not}{trait_text} for {for_ty}{wheres}"
        )))
    }

    // ---- signatures --------------------------------------------------------------------

    fn function(&self, body: &Value, path: &str) -> Res<String> {
        let header = body.get("header").unwrap_or(&Value::Null);
        let mut quals = String::new();
        if flag(header, "is_const") {
            quals.push_str("const ");
        }
        if flag(header, "is_async") {
            quals.push_str("async ");
        }
        if flag(header, "is_unsafe") {
            quals.push_str("unsafe ");
        }
        quals.push_str(&abi(header.get("abi")));
        let (params, wheres) = self.generics(body.get("generics"))?;
        let sig = body.get("sig").unwrap_or(&Value::Null);
        let mut inputs = Vec::new();
        for input in arr(sig, "inputs") {
            let name = input.get(0).and_then(Value::as_str).unwrap_or("_");
            let ty = input.get(1).unwrap_or(&Value::Null);
            inputs.push(self.input(name, ty)?);
        }
        if flag(sig, "is_c_variadic") {
            inputs.push("...".to_owned());
        }
        let output = match sig.get("output").filter(|o| !o.is_null()) {
            Some(o) => format!(" -> {}", self.ty(o)?),
            None => String::new(),
        };
        Ok(format!(
            "pub {quals}fn {path}{params}({}){output}{wheres}",
            inputs.join(", ")
        ))
    }

    fn input(&self, name: &str, ty: &Value) -> Res<String> {
        if name == "self" {
            if ty.get("generic").and_then(Value::as_str) == Some("Self") {
                return Ok("self".to_owned());
            }
            if let Some(r) = ty.get("borrowed_ref") {
                if r.pointer("/type/generic").and_then(Value::as_str) == Some("Self") {
                    let lifetime = r
                        .get("lifetime")
                        .and_then(Value::as_str)
                        .map(|l| format!("{l} "))
                        .unwrap_or_default();
                    let m = if flag(r, "is_mutable") { "mut " } else { "" };
                    return Ok(format!("&{lifetime}{m}self"));
                }
            }
        }
        Ok(format!("{name}: {}", self.ty(ty)?))
    }

    /// An inherent impl's parameter bounds and where clause, shown on each of its members
    /// (`pub fn Wrapper<T>::get(&self) -> &T where T: Clone`).
    fn inherent_where(&self, generics: Option<&Value>) -> Res<String> {
        let Some(generics) = generics else {
            return Ok(String::new());
        };
        let mut clauses = Vec::new();
        for param in arr(generics, "params") {
            let name = text(&param, "name");
            match param.get("kind").and_then(tagged) {
                Some(("type", k)) if !flag(k, "is_synthetic") => {
                    let bounds = self.bounds(&arr(k, "bounds"))?;
                    if !bounds.is_empty() {
                        clauses.push(format!("{name}: {bounds}"));
                    }
                }
                Some(("lifetime", k)) => {
                    let outlives: Vec<&str> = k
                        .get("outlives")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    if !outlives.is_empty() {
                        clauses.push(format!("{name}: {}", outlives.join(" + ")));
                    }
                }
                _ => {}
            }
        }
        let (_, wheres) = self.generics(Some(generics))?;
        if let Some(rest) = wheres.strip_prefix(" where ") {
            clauses.push(rest.to_owned());
        }
        Ok(if clauses.is_empty() {
            String::new()
        } else {
            format!(" where {}", clauses.join(", "))
        })
    }

    /// `(<params>, where-clause)`, each empty when there is nothing to show.
    fn generics(&self, generics: Option<&Value>) -> Res<(String, String)> {
        let Some(generics) = generics else {
            return Ok((String::new(), String::new()));
        };
        let params = self.param_defs(&arr(generics, "params"))?;
        let params = if params.is_empty() {
            String::new()
        } else {
            format!("<{params}>")
        };
        let mut preds = Vec::new();
        for pred in arr(generics, "where_predicates") {
            match tagged(&pred) {
                Some(("bound_predicate", p)) => {
                    let hrtb = self.hrtb(&arr(p, "generic_params"))?;
                    let ty = self.ty(p.get("type").unwrap_or(&Value::Null))?;
                    let bounds = self.bounds(&arr(p, "bounds"))?;
                    preds.push(format!("{hrtb}{ty}: {bounds}"));
                }
                Some(("lifetime_predicate", p)) => {
                    let outlives: Vec<String> = arr(p, "outlives")
                        .iter()
                        .filter_map(|o| o.as_str().map(str::to_owned))
                        .collect();
                    preds.push(format!("{}: {}", text(p, "lifetime"), outlives.join(" + ")));
                }
                Some(("eq_predicate", p)) => {
                    let lhs = self.ty(p.get("lhs").unwrap_or(&Value::Null))?;
                    let rhs = self.term(p.get("rhs").unwrap_or(&Value::Null))?;
                    preds.push(format!("{lhs} == {rhs}"));
                }
                _ => return Err(format!("unknown where predicate {pred}")),
            }
        }
        let wheres = if preds.is_empty() {
            String::new()
        } else {
            format!(" where {}", preds.join(", "))
        };
        Ok((params, wheres))
    }

    fn param_defs(&self, params: &[Value]) -> Res<String> {
        let mut out = Vec::new();
        for param in params {
            let name = text(param, "name");
            match param.get("kind").and_then(tagged) {
                Some(("lifetime", k)) => {
                    let outlives: Vec<String> = arr(k, "outlives")
                        .iter()
                        .filter_map(|o| o.as_str().map(str::to_owned))
                        .collect();
                    if outlives.is_empty() {
                        out.push(name.to_owned());
                    } else {
                        out.push(format!("{name}: {}", outlives.join(" + ")));
                    }
                }
                Some(("type", k)) => {
                    // `impl Trait` arguments appear as synthetic parameters: shown in place.
                    if flag(k, "is_synthetic") {
                        continue;
                    }
                    let bounds = self.bounds(&arr(k, "bounds"))?;
                    let mut s = name.to_owned();
                    if !bounds.is_empty() {
                        s.push_str(&format!(": {bounds}"));
                    }
                    if let Some(d) = k.get("default").filter(|d| !d.is_null()) {
                        s.push_str(&format!(" = {}", self.ty(d)?));
                    }
                    out.push(s);
                }
                Some(("const", k)) => {
                    let ty = self.ty(k.get("type").unwrap_or(&Value::Null))?;
                    let mut s = format!("const {name}: {ty}");
                    if let Some(d) = k.get("default").and_then(Value::as_str) {
                        s.push_str(&format!(" = {d}"));
                    }
                    out.push(s);
                }
                _ => return Err(format!("unknown generic parameter {param}")),
            }
        }
        Ok(out.join(", "))
    }

    fn hrtb(&self, params: &[Value]) -> Res<String> {
        let defs = self.param_defs(params)?;
        Ok(if defs.is_empty() {
            String::new()
        } else {
            format!("for<{defs}> ")
        })
    }

    fn bounds(&self, bounds: &[Value]) -> Res<String> {
        let mut out = Vec::new();
        for bound in bounds {
            match tagged(bound) {
                Some(("trait_bound", b)) => {
                    let hrtb = self.hrtb(&arr(b, "generic_params"))?;
                    let modifier = match text(b, "modifier") {
                        "maybe" => "?",
                        "maybe_const" => "~const ",
                        _ => "",
                    };
                    let trait_ = self.path(b.get("trait").unwrap_or(&Value::Null))?;
                    out.push(format!("{hrtb}{modifier}{trait_}"));
                }
                Some(("outlives", l)) => out.push(l.as_str().unwrap_or("'_").to_owned()),
                Some(("use", args)) => {
                    let args: Vec<String> = args
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|a| tagged(a).and_then(|(_, v)| v.as_str()))
                        .map(str::to_owned)
                        .collect();
                    out.push(format!("use<{}>", args.join(", ")));
                }
                _ => return Err(format!("unknown bound {bound}")),
            }
        }
        Ok(out.join(" + "))
    }

    fn term(&self, term: &Value) -> Res<String> {
        match tagged(term) {
            Some(("type", t)) => self.ty(t),
            Some(("constant", c)) => Ok(text(c, "expr").to_owned()),
            _ => Err(format!("unknown term {term}")),
        }
    }

    fn ty(&self, ty: &Value) -> Res<String> {
        let Some((kind, t)) = tagged(ty) else {
            return Err(format!("unknown type {ty}"));
        };
        Ok(match kind {
            "resolved_path" => self.path(t)?,
            "dyn_trait" => {
                let mut parts = Vec::new();
                for poly in arr(t, "traits") {
                    let hrtb = self.hrtb(&arr(&poly, "generic_params"))?;
                    parts.push(format!(
                        "{hrtb}{}",
                        self.path(poly.get("trait").unwrap_or(&Value::Null))?
                    ));
                }
                if let Some(l) = t.get("lifetime").and_then(Value::as_str) {
                    parts.push(l.to_owned());
                }
                format!("dyn {}", parts.join(" + "))
            }
            "generic" | "primitive" => t.as_str().unwrap_or("_").to_owned(),
            "function_pointer" => {
                let hrtb = self.hrtb(&arr(t, "generic_params"))?;
                let header = t.get("header").unwrap_or(&Value::Null);
                let unsafe_ = if flag(header, "is_unsafe") {
                    "unsafe "
                } else {
                    ""
                };
                let sig = t.get("sig").unwrap_or(&Value::Null);
                let mut inputs = Vec::new();
                for input in arr(sig, "inputs") {
                    inputs.push(self.ty(input.get(1).unwrap_or(&Value::Null))?);
                }
                let output = match sig.get("output").filter(|o| !o.is_null()) {
                    Some(o) => format!(" -> {}", self.ty(o)?),
                    None => String::new(),
                };
                format!(
                    "{hrtb}{unsafe_}{}fn({}){output}",
                    abi(header.get("abi")),
                    inputs.join(", ")
                )
            }
            "tuple" => {
                let items = t.as_array().cloned().unwrap_or_default();
                let mut parts = Vec::new();
                for item in &items {
                    parts.push(self.ty(item)?);
                }
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            "slice" => format!("[{}]", self.ty(t)?),
            "array" => format!(
                "[{}; {}]",
                self.ty(t.get("type").unwrap_or(&Value::Null))?,
                text(t, "len")
            ),
            "pat" => self.ty(t.get("type").unwrap_or(&Value::Null))?,
            "impl_trait" => {
                let bounds = t.as_array().cloned().unwrap_or_default();
                format!("impl {}", self.bounds(&bounds)?)
            }
            "infer" => "_".to_owned(),
            "raw_pointer" => format!(
                "*{} {}",
                if flag(t, "is_mutable") {
                    "mut"
                } else {
                    "const"
                },
                self.ty(t.get("type").unwrap_or(&Value::Null))?
            ),
            "borrowed_ref" => {
                let lifetime = t
                    .get("lifetime")
                    .and_then(Value::as_str)
                    .map(|l| format!("{l} "))
                    .unwrap_or_default();
                let m = if flag(t, "is_mutable") { "mut " } else { "" };
                format!(
                    "&{lifetime}{m}{}",
                    self.ty(t.get("type").unwrap_or(&Value::Null))?
                )
            }
            "qualified_path" => {
                let self_ty = self.ty(t.get("self_type").unwrap_or(&Value::Null))?;
                let args = self.generic_args(t.get("args"))?;
                let name = text(t, "name");
                match t.get("trait").filter(|tr| !tr.is_null()) {
                    Some(tr) if !text(tr, "path").is_empty() => {
                        format!("<{self_ty} as {}>::{name}{args}", self.path(tr)?)
                    }
                    _ => format!("{self_ty}::{name}{args}"),
                }
            }
            other => return Err(format!("unknown type kind `{other}`")),
        })
    }

    /// A path with its generic arguments.
    fn path(&self, path: &Value) -> Res<String> {
        Ok(format!(
            "{}{}",
            self.path_name(path),
            self.generic_args(path.get("args"))?
        ))
    }

    /// The stable name of the item a `Path` points at (see the module docs).
    fn path_name(&self, path: &Value) -> String {
        let written = text(path, "path");
        let id = path.get("id").map(id_key).unwrap_or_default();
        if let Some(visible) = self.visible.get(&id) {
            return visible.clone();
        }
        let Some(segments) = self
            .paths
            .get(&id)
            .and_then(|summary| summary.get("path"))
            .and_then(Value::as_array)
        else {
            return written.to_owned();
        };
        let segments: Vec<&str> = segments.iter().filter_map(Value::as_str).collect();
        let Some((first, rest)) = segments.split_first() else {
            return written.to_owned();
        };
        let last = segments.last().copied().unwrap_or(written);
        match *first {
            "core" | "alloc" | "std" => {
                let prelude_module = rest.first().is_some_and(|m| PRELUDE_MODULES.contains(m));
                if prelude_module && PRELUDE.contains(&last) {
                    last.to_owned()
                } else {
                    std_path(rest)
                }
            }
            // serde's derive support lives in serde_core since serde 1.0.220; users name it
            // through serde.
            "serde_core" => format!("serde::{}", rest.join("::")),
            _ => segments.join("::"),
        }
    }

    fn generic_args(&self, args: Option<&Value>) -> Res<String> {
        let Some(args) = args.filter(|a| !a.is_null()) else {
            return Ok(String::new());
        };
        match tagged(args) {
            Some(("angle_bracketed", a)) => {
                let mut parts = Vec::new();
                for arg in arr(a, "args") {
                    parts.push(match tagged(&arg) {
                        Some(("lifetime", l)) => l.as_str().unwrap_or("'_").to_owned(),
                        Some(("type", t)) => self.ty(t)?,
                        Some(("const", c)) => text(c, "expr").to_owned(),
                        Some(("infer", _)) => "_".to_owned(),
                        _ => return Err(format!("unknown generic argument {arg}")),
                    });
                }
                for c in arr(a, "constraints") {
                    let name = text(&c, "name");
                    let cargs = self.generic_args(c.get("args"))?;
                    parts.push(match c.get("binding").and_then(tagged) {
                        Some(("equality", term)) => {
                            format!("{name}{cargs} = {}", self.term(term)?)
                        }
                        Some(("constraint", bounds)) => {
                            let bounds = bounds.as_array().cloned().unwrap_or_default();
                            format!("{name}{cargs}: {}", self.bounds(&bounds)?)
                        }
                        _ => return Err(format!("unknown constraint {c}")),
                    });
                }
                Ok(if parts.is_empty() {
                    String::new()
                } else {
                    format!("<{}>", parts.join(", "))
                })
            }
            Some(("parenthesized", p)) => {
                let mut inputs = Vec::new();
                for input in arr(p, "inputs") {
                    inputs.push(self.ty(&input)?);
                }
                let output = match p.get("output").filter(|o| !o.is_null()) {
                    Some(o) => format!(" -> {}", self.ty(o)?),
                    None => String::new(),
                };
                Ok(format!("({}){output}", inputs.join(", ")))
            }
            Some(("return_type_notation", _)) => Ok("(..)".to_owned()),
            _ => Err(format!("unknown generic arguments {args}")),
        }
    }
}

/// Private std modules that hold public items re-exported one level up.
const STD_PRIVATE_MODULES: &[&str] = &[
    "unwind_safe",
    "deref",
    "function",
    "arith",
    "bit",
    "range",
    "index",
    "drop",
    "try_trait",
    "socket_addr",
    "ip_addr",
    "traits",
    "iterator",
    "collect",
    "accum",
    "double_ended",
    "exact_size",
    "adapters",
    "sources",
    "nonzero",
    "error",
];

/// The public `std::` path of a `core`/`alloc`/`std` item given its definition path (without
/// the crate): private modules dropped, `future::future::Future` collapsed, and collections
/// named at `std::collections::X`.
fn std_path(rest: &[&str]) -> String {
    if rest.first() == Some(&"collections") {
        if let Some(last) = rest.last() {
            return format!("std::collections::{last}");
        }
    }
    let mut kept: Vec<&str> = Vec::new();
    for (i, segment) in rest.iter().enumerate() {
        let is_last = i + 1 == rest.len();
        // The first segment is the public module itself (`std::error::Error`): keep it.
        if i > 0
            && !is_last
            && (STD_PRIVATE_MODULES.contains(segment) || kept.last() == Some(segment))
        {
            continue;
        }
        kept.push(segment);
    }
    format!("std::{}", kept.join("::"))
}

/// `#[non_exhaustive] `/`#[deprecated] ` prefixes: both change what users may do.
fn attr_prefix(item: &Value) -> String {
    let mut out = String::new();
    if item.get("deprecation").is_some_and(|d| !d.is_null()) {
        out.push_str("#[deprecated] ");
    }
    let non_exhaustive = arr(item, "attrs").iter().any(|a| {
        a.as_str() == Some("non_exhaustive")
            || a.get("other").and_then(Value::as_str) == Some("#[non_exhaustive]")
    });
    if non_exhaustive {
        out.push_str("#[non_exhaustive] ");
    }
    out
}

/// `extern "C" ` etc.; empty for the Rust ABI.
fn abi(abi: Option<&Value>) -> String {
    match abi.and_then(tagged) {
        None | Some(("Rust", _)) => String::new(),
        Some(("Other", name)) => format!("extern {} ", Value::from(name.as_str().unwrap_or(""))),
        Some((name, details)) => {
            let unwind = if flag(details, "unwind") {
                "-unwind"
            } else {
                ""
            };
            let name = if name == "C" {
                "C".to_owned()
            } else {
                name.to_ascii_lowercase()
            };
            format!("extern \"{name}{unwind}\" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../test_data/api_report/sample.json");
    const EXPECTED: &str = include_str!("../../test_data/api_report/sample.txt");

    /// A hand-written format-57 document covering modules, a re-export out of a private
    /// module, a glob re-export, an external re-export, structs, enums, traits, generics,
    /// where clauses, `impl Trait` arguments, trait impls (kept, synthetic, hidden, blanket)
    /// and std path normalisation.
    #[test]
    fn golden_sample() {
        let out = render(SAMPLE, "# Public API of `demo`.").unwrap();
        assert_eq!(out, EXPECTED, "actual:\n{out}");
    }

    #[test]
    fn output_is_deterministic() {
        let a = render(SAMPLE, "#").unwrap();
        let b = render(SAMPLE, "#").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn unknown_format_version_fails_clearly() {
        let doc = SAMPLE.replace("\"format_version\": 57", "\"format_version\": 99");
        assert_ne!(doc, SAMPLE);
        let err = render(&doc, "#").unwrap_err();
        assert!(err.contains("format_version 99"), "{err}");
        assert!(err.contains("render.rs"), "{err}");
    }

    #[test]
    fn unknown_type_shape_is_an_error_not_garbage() {
        let doc = SAMPLE.replace("\"primitive\": \"bool\"", "\"mystery\": \"bool\"");
        assert_ne!(doc, SAMPLE);
        let err = render(&doc, "#").unwrap_err();
        assert!(err.contains("mystery"), "{err}");
    }

    #[test]
    fn std_paths_are_normalised() {
        assert_eq!(std_path(&["fmt", "Debug"]), "std::fmt::Debug");
        assert_eq!(std_path(&["error", "Error"]), "std::error::Error");
        assert_eq!(std_path(&["io", "error", "Error"]), "std::io::Error");
        assert_eq!(
            std_path(&["future", "future", "Future"]),
            "std::future::Future"
        );
        assert_eq!(std_path(&["ops", "deref", "Deref"]), "std::ops::Deref");
        assert_eq!(
            std_path(&["collections", "hash", "map", "HashMap"]),
            "std::collections::HashMap"
        );
    }

    #[test]
    fn empty_crate_renders_just_its_module() {
        let doc = r#"{"root": 0, "format_version": 57, "paths": {},
            "index": {"0": {"id": 0, "crate_id": 0, "name": "empty", "visibility": "public",
            "attrs": [], "deprecation": null,
            "inner": {"module": {"is_crate": true, "items": [], "is_stripped": false}}}}}"#;
        assert_eq!(render(doc, "# t").unwrap(), "# t\npub mod empty\n");
    }
}
