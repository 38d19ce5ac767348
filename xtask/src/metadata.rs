//! The workspace as `cargo metadata --format-version 1 --no-deps` describes it.
//!
//! Only what the release and api-report commands need: members, their versions, whether they
//! publish, their library target and their dependencies on other members.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{capture, cargo};

/// The kind of a dependency edge, as cargo reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DepKind {
    /// `[dependencies]`: counts for publish order.
    Normal,
    /// `[build-dependencies]`: counts for publish order.
    Build,
    /// `[dev-dependencies]`: ignored for publish order (cargo strips path-only dev-deps).
    Dev,
}

/// One dependency of a workspace member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Dep {
    /// The package name of the dependency (not its rename).
    pub(crate) name: String,
    /// Normal, build or dev.
    pub(crate) kind: DepKind,
    /// The version requirement; `*` when the manifest gives only a path.
    pub(crate) req: String,
    /// Whether the dependency is a path dependency (a workspace member, for us).
    pub(crate) is_path: bool,
}

/// One workspace member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Package {
    /// Package name, e.g. `core-http`.
    pub(crate) name: String,
    /// Package version, e.g. `0.1.0`.
    pub(crate) version: String,
    /// Absolute path of its Cargo.toml.
    pub(crate) manifest_path: PathBuf,
    /// False when the manifest says `publish = false` (or an empty registry list).
    pub(crate) publishable: bool,
    /// The crate name of its library target, e.g. `core_http`, if it has one.
    pub(crate) lib_name: Option<String>,
    /// Its dependencies, in manifest order.
    pub(crate) deps: Vec<Dep>,
    /// The manifest's `repository` URL, if any (how a crates.io name is recognized as ours).
    pub(crate) repository: Option<String>,
}

impl Package {
    /// The directory holding the package's Cargo.toml.
    pub(crate) fn dir(&self) -> &Path {
        self.manifest_path.parent().unwrap_or(Path::new("."))
    }
}

/// The workspace: its root and its members sorted by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Workspace {
    /// The workspace root directory.
    pub(crate) root: PathBuf,
    /// Cargo's target directory (honours CARGO_TARGET_DIR and config).
    pub(crate) target_dir: PathBuf,
    /// Members, sorted by name so every listing is deterministic.
    pub(crate) packages: Vec<Package>,
}

impl Workspace {
    /// Looks a member up by package name.
    pub(crate) fn package(&self, name: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.name == name)
    }

    /// Members that may be published, sorted by name.
    pub(crate) fn publishable(&self) -> impl Iterator<Item = &Package> {
        self.packages.iter().filter(|p| p.publishable)
    }
}

/// Runs `cargo metadata --format-version 1 --no-deps` in the project root and parses it.
pub(crate) fn load() -> Result<Workspace, String> {
    let json = capture(
        &cargo(),
        &["metadata", "--format-version", "1", "--no-deps"],
        &[],
    )?;
    parse(&json)
}

/// Parses the JSON printed by `cargo metadata --format-version 1 --no-deps`.
pub(crate) fn parse(json: &str) -> Result<Workspace, String> {
    let value: Value =
        serde_json::from_str(json).map_err(|err| format!("cargo metadata: bad JSON: {err}"))?;
    let root = str_field(&value, "workspace_root")?;
    let target_dir = value
        .get("target_directory")
        .and_then(Value::as_str)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(&root).join("target"));
    let members: Vec<&str> = value
        .get("workspace_members")
        .and_then(Value::as_array)
        .map(|ids| ids.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let packages = value
        .get("packages")
        .and_then(Value::as_array)
        .ok_or("cargo metadata: no `packages` array")?;
    let mut out = Vec::new();
    for package in packages {
        let id = str_field(package, "id")?;
        if !members.contains(&id.as_str()) {
            continue;
        }
        out.push(parse_package(package)?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Workspace {
        root: PathBuf::from(root),
        target_dir,
        packages: out,
    })
}

fn parse_package(package: &Value) -> Result<Package, String> {
    let name = str_field(package, "name")?;
    // `publish`: null = any registry; [] = `publish = false`; a list = those registries only.
    let publishable = match package.get("publish") {
        None | Some(Value::Null) => true,
        Some(Value::Array(registries)) => !registries.is_empty(),
        Some(other) => return Err(format!("cargo metadata: {name}: odd `publish`: {other}")),
    };
    let lib_name = package
        .get("targets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|target| {
            target
                .get("kind")
                .and_then(Value::as_array)
                .is_some_and(|kinds| {
                    kinds
                        .iter()
                        .any(|k| matches!(k.as_str(), Some("lib" | "rlib" | "proc-macro")))
                })
        })
        .and_then(|target| target.get("name").and_then(Value::as_str))
        .map(|n| n.replace('-', "_"));
    let mut deps = Vec::new();
    for dep in package
        .get("dependencies")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kind = match dep.get("kind").and_then(Value::as_str) {
            None => DepKind::Normal,
            Some("build") => DepKind::Build,
            Some("dev") => DepKind::Dev,
            Some(other) => return Err(format!("cargo metadata: {name}: unknown dep kind {other}")),
        };
        deps.push(Dep {
            name: str_field(dep, "name")?,
            kind,
            req: str_field(dep, "req")?,
            is_path: dep.get("path").and_then(Value::as_str).is_some(),
        });
    }
    Ok(Package {
        version: str_field(package, "version")?,
        manifest_path: PathBuf::from(str_field(package, "manifest_path")?),
        publishable,
        lib_name,
        deps,
        repository: package
            .get("repository")
            .and_then(Value::as_str)
            .map(str::to_owned),
        name,
    })
}

fn str_field(value: &Value, key: &str) -> Result<String, String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("cargo metadata: missing string field `{key}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trimmed real `cargo metadata` document: two members, one publish = false, a dev-dep.
    const SAMPLE: &str = r#"{
      "packages": [
        {"name": "b-crate", "version": "0.1.0", "id": "path+file:///ws/b#0.1.0",
         "manifest_path": "/ws/b/Cargo.toml", "publish": null,
         "targets": [{"kind": ["lib"], "name": "b-crate"}],
         "dependencies": [
           {"name": "a-crate", "req": "=0.1.0", "kind": null, "path": "/ws/a"},
           {"name": "serde", "req": "^1", "kind": null},
           {"name": "a-crate", "req": "*", "kind": "dev", "path": "/ws/a"}
         ]},
        {"name": "a-crate", "version": "0.1.0", "id": "path+file:///ws/a#0.1.0",
         "manifest_path": "/ws/a/Cargo.toml", "publish": [],
         "targets": [{"kind": ["bin"], "name": "a-crate"}],
         "dependencies": []}
      ],
      "workspace_members": ["path+file:///ws/b#0.1.0", "path+file:///ws/a#0.1.0"],
      "workspace_root": "/ws"
    }"#;

    #[test]
    fn parses_members_sorted_with_publish_flag_lib_name_and_deps() {
        let ws = parse(SAMPLE).unwrap();
        assert_eq!(ws.root, PathBuf::from("/ws"));
        assert_eq!(ws.target_dir, PathBuf::from("/ws/target"));
        let names: Vec<_> = ws.packages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a-crate", "b-crate"]);
        let a = ws.package("a-crate").unwrap();
        assert!(!a.publishable);
        assert_eq!(a.lib_name, None);
        let b = ws.package("b-crate").unwrap();
        assert!(b.publishable);
        assert_eq!(b.lib_name.as_deref(), Some("b_crate"));
        assert_eq!(b.dir(), Path::new("/ws/b"));
        assert_eq!(b.deps.len(), 3);
        assert_eq!(b.deps[0].kind, DepKind::Normal);
        assert!(b.deps[0].is_path);
        assert!(!b.deps[1].is_path);
        assert_eq!(b.deps[2].kind, DepKind::Dev);
        assert_eq!(b.deps[2].req, "*");
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse("not json").is_err());
        assert!(parse("{}").is_err());
    }
}
