//! `cargo xtask release plan | bump | publish`: lockstep releases, dry run unless `--execute`.
//!
//! Every crate inherits `[workspace.package] version`, and internal dependencies are declared
//! once in the root `[workspace.dependencies]` as `{ path = "crates/x", version = "=x.y.z" }`.
//! The path serves development; the exact version is what `cargo publish` keeps in the
//! published manifest, so users can never mix crates from different releases.
//!
//! Dev-dependencies: cargo strips a dev-dependency that has a `path` but no `version` when it
//! packages a crate, so test-only edges (a crate's tests using `openai-mock`, which itself
//! depends on that crate) must be declared path-only in the member manifest, e.g.
//! `openai-mock = { path = "../openai-mock" }`, not with `workspace = true` (which would carry
//! the `=x.y.z` pin and require `openai-mock` on crates.io first). `plan` flags violations.

mod bump;
mod changelog;
mod names;

use std::path::{Path, PathBuf};

use crate::graph::publish_order;
use crate::metadata::{self, DepKind, Workspace};
use crate::util::{self, cargo, git_state, git_tag_exists, line_diff, run as sh};

/// Usage of the release subcommands (also part of `cargo xtask help`).
pub(crate) const USAGE: &str = "  release plan
           show the version, the publish order (normal + build path dependencies, ties by
           name), lockstep problems, the Unreleased changelog entries and the git state
  release bump <major|minor|patch|x.y.z> [--execute]
           lockstep bump: [workspace.package] version, every internal \"=x.y.z\" pin, and
           CHANGELOG.md `## [Unreleased]` -> `## [x.y.z] - YYYY-MM-DD` (UTC today); prints the
           diff; writes only with --execute (clean git tree required), then runs cargo metadata
           to prove the manifests resolve (this also updates Cargo.lock). Refuses an empty
           Unreleased section. `bump <current version>` dates the changelog for a first
           release whose version is already in the manifests (e.g. 0.1.0)
  release publish [--execute] [--no-verify]
           both: refuse a package name crates.io holds for another repository (looked up
           with `cargo info`); dry run: one `cargo publish --dry-run --allow-dirty -p <crate>...` over every
           publishable crate (cargo verifies inter-dependent crates through a local overlay);
           --execute: needs a clean tree on main, a CHANGELOG.md section for the version and
           no existing tag v<version>; publishes crate by crate in order, then prints the git
           tag/push commands for you to run
";

/// Dispatches `release <subcommand>`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let (sub, rest) = match args.split_first() {
        Some((sub, rest)) => (sub.as_str(), rest),
        None => return Err(format!("release needs a subcommand:\n{USAGE}")),
    };
    let mut execute = false;
    let mut no_verify = false;
    let mut positional = Vec::new();
    for arg in rest {
        match arg.as_str() {
            "--execute" => execute = true,
            "--no-verify" if sub == "publish" => no_verify = true,
            flag if flag.starts_with('-') => {
                return Err(format!("release {sub}: unknown flag `{flag}`\n{USAGE}"));
            }
            value => positional.push(value),
        }
    }
    match (sub, positional.as_slice()) {
        ("plan", []) if !execute => plan(),
        ("bump", [spec]) => bump(spec, execute),
        ("publish", []) => publish(execute, no_verify),
        _ => Err(format!(
            "release: bad arguments `{}`\n{USAGE}",
            args.join(" ")
        )),
    }
}

/// Everything the subcommands read before deciding anything.
struct Context {
    ws: Workspace,
    root_manifest: PathBuf,
    version: String,
    order: Vec<String>,
    changelog_path: PathBuf,
}

impl Context {
    fn load() -> Result<Self, String> {
        let ws = metadata::load()?;
        let root_manifest = ws.root.join("Cargo.toml");
        let text = read(&root_manifest)?;
        let version = bump::section_version(&text, "workspace.package").ok_or(
            "root Cargo.toml has no `version = \"…\"` under [workspace.package] (lockstep needs one)",
        )?;
        let order = publish_order(&ws)?;
        let changelog_path = ws.root.join("CHANGELOG.md");
        Ok(Self {
            ws,
            root_manifest,
            version,
            order,
            changelog_path,
        })
    }

    fn tag(&self) -> String {
        format!("v{}", self.version)
    }

    /// Release blockers found in the manifests (empty when publishing can work).
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let exact = format!("={}", self.version);
        let position = |name: &str| self.order.iter().position(|n| n == name);
        for package in self.ws.publishable() {
            if package.version != self.version {
                problems.push(format!(
                    "{} is at {}, not the workspace version {} (use version.workspace = true)",
                    package.name, package.version, self.version
                ));
            }
            for dep in package.deps.iter().filter(|d| d.is_path) {
                let Some(target) = self.ws.package(&dep.name) else {
                    continue;
                };
                if dep.kind == DepKind::Dev {
                    // A versioned dev-dependency is kept on publish, so its target must already
                    // be on the registry when this crate is published.
                    let later = match (position(&package.name), position(&dep.name)) {
                        (Some(me), Some(other)) => other >= me,
                        _ => !target.publishable,
                    };
                    if dep.req != "*" && later && dep.name != package.name {
                        problems.push(format!(
                            "{} dev-depends on {} with version {} but {} is not published \
                             before it: declare it path-only in {}'s manifest \
                             (`{} = {{ path = \"…\" }}`) so cargo strips it on publish",
                            package.name, dep.name, dep.req, dep.name, package.name, dep.name
                        ));
                    }
                    continue;
                }
                if !target.publishable {
                    problems.push(format!(
                        "{} depends on {}, which has publish = false",
                        package.name, dep.name
                    ));
                } else if dep.req != exact {
                    problems.push(format!(
                        "{} depends on {} with requirement `{}`, expected `{exact}` \
                         (use the [workspace.dependencies] entry: `{}.workspace = true`)",
                        package.name, dep.name, dep.req, dep.name
                    ));
                }
            }
        }
        problems
    }
}

fn plan() -> Result<(), String> {
    let cx = Context::load()?;
    println!(
        "workspace version: {} (root Cargo.toml [workspace.package])",
        cx.version
    );
    match git_state() {
        Ok(git) => {
            let cleanliness = if git.dirty.is_empty() {
                "clean".to_owned()
            } else {
                format!("dirty ({} paths)", git.dirty.len())
            };
            println!("git: branch {} at {}, {cleanliness}", git.branch, git.head);
            let tag = cx.tag();
            match git_tag_exists(&tag) {
                Ok(true) => println!("tag {tag}: exists (this version was tagged already)"),
                Ok(false) => println!("tag {tag}: absent"),
                Err(err) => println!("tag {tag}: unknown ({err})"),
            }
        }
        Err(err) => println!("git: unavailable ({err})"),
    }

    println!("\npublish order (normal + build path dependencies; dev-dependencies ignored):");
    for (i, name) in cx.order.iter().enumerate() {
        let internal: Vec<&str> = cx
            .ws
            .package(name)
            .into_iter()
            .flat_map(|p| &p.deps)
            .filter(|d| d.is_path && d.kind != DepKind::Dev && d.name != *name)
            .map(|d| d.name.as_str())
            .collect();
        let after = if internal.is_empty() {
            String::new()
        } else {
            format!("  (after {})", internal.join(", "))
        };
        println!("  {}. {name}{after}", i + 1);
    }
    let unpublished: Vec<&str> = cx
        .ws
        .packages
        .iter()
        .filter(|p| !p.publishable)
        .map(|p| p.name.as_str())
        .collect();
    if !unpublished.is_empty() {
        println!(
            "not published (publish = false): {}",
            unpublished.join(", ")
        );
    }

    let problems = cx.problems();
    println!("\nchecks:");
    if problems.is_empty() {
        println!(
            "  ok: all publishable crates at {} with exact internal pins",
            cx.version
        );
    }
    for problem in &problems {
        println!("  PROBLEM: {problem}");
    }

    println!("\nchangelog ({}):", display(&cx.ws, &cx.changelog_path));
    match std::fs::read_to_string(&cx.changelog_path) {
        Ok(text) => {
            match changelog::unreleased_body(&text) {
                Ok(body) if changelog::has_entries(&body) => {
                    println!("  ## [Unreleased]");
                    for line in body.lines() {
                        let shown = format!("  {line}");
                        println!("{}", shown.trim_end());
                    }
                }
                Ok(_) => println!("  ## [Unreleased] is empty: add entries before bumping"),
                Err(err) => println!("  PROBLEM: {err}"),
            }
            if !changelog::has_release(&text, &cx.version) {
                println!(
                    "  note: no `## [{}]` section yet (publish --execute needs one)",
                    cx.version
                );
            }
        }
        Err(err) => println!("  PROBLEM: cannot read it: {err}"),
    }
    println!(
        "\nnext: cargo xtask release bump <major|minor|patch|x.y.z>   (dry run; add --execute)"
    );
    Ok(())
}

fn bump(spec: &str, execute: bool) -> Result<(), String> {
    let cx = Context::load()?;
    let old = cx.version.as_str();
    let changelog_text = read(&cx.changelog_path)?;
    // The first release of the current version (0.1.0 was never released): `bump 0.1.0`
    // only dates the changelog section; the manifests already say 0.1.0.
    let first_release = spec == old && !changelog::has_release(&changelog_text, old);
    let new = if first_release {
        old.to_owned()
    } else {
        bump::next_version(old, spec)?
    };
    let date = changelog::today();
    println!(
        "bump {old} -> {new} ({})",
        if execute { "execute" } else { "dry run" }
    );

    // All edits are computed in memory first: nothing is written unless every one succeeds.
    let mut edits: Vec<(PathBuf, String, String)> = Vec::new();
    let released = changelog::release(&changelog_text, &new, &date)?;
    edits.push((cx.changelog_path.clone(), changelog_text, released));

    let mut pins = 0;
    if !first_release {
        pins = manifest_edits(&cx, old, &new, &mut edits)?;
    }

    for (path, before, after) in &edits {
        println!("\n--- {}", display(&cx.ws, path));
        print!("{}", line_diff(before, after));
    }
    println!(
        "\n{} file(s), {pins} internal pin(s), changelog section dated {date}",
        edits.len()
    );

    let git = git_state()?;
    if !execute {
        if !git.dirty.is_empty() {
            println!("note: the tree is dirty; --execute will refuse until it is clean");
        }
        println!("dry run: nothing written. Re-run with --execute to apply.");
        return Ok(());
    }
    if !git.dirty.is_empty() {
        return Err(dirty_message(&git.dirty));
    }
    for (path, _, after) in &edits {
        std::fs::write(path, after)
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    }
    // Resolving the full graph proves the edited manifests still load, and updates the
    // workspace members' versions in Cargo.lock.
    util::capture(&cargo(), &["metadata", "--format-version", "1"], &[])
        .map_err(|err| format!("manifests written, but cargo metadata failed: {err}"))?;
    let after = metadata::load()?;
    let stale: Vec<&str> = after
        .publishable()
        .filter(|p| p.version != new)
        .map(|p| p.name.as_str())
        .collect();
    if !stale.is_empty() {
        return Err(format!(
            "manifests written, but these crates are not at {new}: {}",
            stale.join(", ")
        ));
    }
    println!("written; cargo metadata resolves every crate at {new} (Cargo.lock updated).");
    println!("next: review `git diff`, then");
    println!("  git commit -am \"Release {new}\"");
    println!("  cargo xtask release publish            (dry run)");
    println!("  cargo xtask release publish --execute");
    Ok(())
}

/// Computes the lockstep edits of every manifest (root and members) without writing them.
/// Returns how many internal pins changed.
fn manifest_edits(
    cx: &Context,
    old: &str,
    new: &str,
    edits: &mut Vec<(PathBuf, String, String)>,
) -> Result<usize, String> {
    let internal: Vec<&str> = cx.ws.packages.iter().map(|p| p.name.as_str()).collect();
    let root_text = read(&cx.root_manifest)?;
    let mut text = bump::set_section_version(&root_text, "workspace.package", old, new)?
        .ok_or("root Cargo.toml: [workspace.package] version disappeared")?;
    let (text2, mut pins) = bump::bump_internal_pins(&text, &internal, old, new)
        .map_err(|err| format!("root Cargo.toml: {err}"))?;
    text = text2;
    if let Some(t) = bump::set_section_version(&text, "package", old, new)
        .map_err(|err| format!("root Cargo.toml: {err}"))?
    {
        text = t;
    }
    if text != root_text {
        edits.push((cx.root_manifest.clone(), root_text, text));
    }

    for package in &cx.ws.packages {
        if package.manifest_path == cx.root_manifest {
            continue;
        }
        let before = read(&package.manifest_path)?;
        let label = display(&cx.ws, &package.manifest_path);
        let (mut after, n) = bump::bump_internal_pins(&before, &internal, old, new)
            .map_err(|err| format!("{label}: {err}"))?;
        pins += n;
        // A member with its own literal version (instead of version.workspace = true) moves
        // along when it is in lockstep; an unrelated version (a publish = false tool) stays.
        if package.version == old {
            if let Some(t) = bump::set_section_version(&after, "package", old, new)
                .map_err(|err| format!("{label}: {err}"))?
            {
                after = t;
            }
        }
        if after != before {
            edits.push((package.manifest_path.clone(), before, after));
        }
    }
    Ok(pins)
}

/// Removes what earlier dry runs extracted of our own crates from cargo's local registry
/// overlays (`$CARGO_HOME/registry/src/-<hash>/<name>-<version>`).
///
/// Why: the overlay serves each packaged crate under the unreleased version, and cargo reuses an
/// extraction that exists for that name and version, so after a source change the verification
/// of a dependent crate would build the stale copy of its dependency.
fn forget_overlay_extractions(names: &[String], version: &str) {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo")));
    let Some(home) = home else {
        return;
    };
    let Ok(registries) = std::fs::read_dir(home.join("registry").join("src")) else {
        return;
    };
    for registry in registries.flatten() {
        // Overlay registries have no host in their name; crates.io's never starts with '-'.
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for name in names {
            let dir = registry.path().join(format!("{name}-{version}"));
            if dir.exists() {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
}

fn publish(execute: bool, no_verify: bool) -> Result<(), String> {
    let cx = Context::load()?;
    let problems = cx.problems();
    println!(
        "publish {} in this order: {}",
        cx.version,
        cx.order.join(", ")
    );
    for problem in &problems {
        println!("PROBLEM: {problem}");
    }
    // Names first: a dry run must fail on a name crates.io would refuse at upload time.
    let (name_problems, name_notes) = names::problems(
        cx.order.iter().map(|name| {
            let repository = cx.ws.package(name).and_then(|p| p.repository.as_deref());
            (name.as_str(), repository)
        }),
        execute,
        names::lookup,
    );
    for note in &name_notes {
        println!("note: {note}");
    }
    if !name_problems.is_empty() {
        for problem in &name_problems {
            println!("PROBLEM: {problem}");
        }
        return Err("refusing to publish: package names owned by other projects".to_owned());
    }
    println!("crates.io names checked: {}", cx.order.join(", "));
    let mut args: Vec<&str> = vec!["publish"];
    if no_verify {
        args.push("--no-verify");
    }
    if !execute {
        // One invocation: cargo (>= 1.90) packages every selected crate, and verifies each
        // against the others through a local registry overlay, so crates that depend on one
        // another are checked before any of them exists on crates.io.
        args.extend(["--dry-run", "--allow-dirty"]);
        for name in &cx.order {
            args.extend(["-p", name.as_str()]);
        }
        forget_overlay_extractions(&cx.order, &cx.version);
        sh(&cargo(), &args, &[])?;
        println!("\ndry run passed for {} crate(s).", cx.order.len());
        if let Ok(text) = std::fs::read_to_string(&cx.changelog_path) {
            if !changelog::has_release(&text, &cx.version) {
                println!(
                    "note: --execute will refuse: CHANGELOG.md has no `## [{}]` section \
                     (run cargo xtask release bump first)",
                    cx.version
                );
            }
        }
        print_advisories_reminder();
        return Ok(());
    }

    // --execute guards, all checked before anything is uploaded.
    if !problems.is_empty() {
        return Err("refusing to publish: fix the problems listed above".to_owned());
    }
    let git = git_state()?;
    if !git.dirty.is_empty() {
        return Err(dirty_message(&git.dirty));
    }
    if git.branch != "main" {
        return Err(format!(
            "refusing to publish from branch `{}`: releases come from main",
            git.branch
        ));
    }
    let changelog_text = read(&cx.changelog_path)?;
    if !changelog::has_release(&changelog_text, &cx.version) {
        return Err(format!(
            "refusing to publish: CHANGELOG.md has no `## [{}]` section \
             (cargo xtask release bump <level> --execute writes it)",
            cx.version
        ));
    }
    let tag = cx.tag();
    if git_tag_exists(&tag)? {
        return Err(format!(
            "refusing to publish: tag {tag} already exists (was {} released?)",
            cx.version
        ));
    }
    print_advisories_reminder();
    // Crate by crate, in dependency order: cargo waits until each upload is visible in the
    // index, so the next crate resolves its exact pin. A failure stops here; re-running
    // continues after fixing it (cargo refuses already-published versions, skip those by hand).
    for name in &cx.order {
        let mut one = args.clone();
        one.extend(["-p", name.as_str()]);
        sh(&cargo(), &one, &[])?;
    }
    println!(
        "\npublished {} crate(s) at {}. Now tag and push:",
        cx.order.len(),
        cx.version
    );
    println!(
        "  git tag -a {tag} -m \"openai-azure-sdk {}\" {}",
        cx.version, git.head
    );
    println!("  git push origin main {tag}");
    Ok(())
}

fn print_advisories_reminder() {
    println!(
        "reminder: run `cargo deny check advisories` on a networked machine before releasing \
         (CI runs only bans, licenses and sources offline)."
    );
}

fn dirty_message(dirty: &[String]) -> String {
    let shown: Vec<&str> = dirty.iter().take(10).map(String::as_str).collect();
    format!(
        "refusing: the git tree is dirty (commit or stash first):\n  {}{}",
        shown.join("\n  "),
        if dirty.len() > shown.len() {
            "\n  …"
        } else {
            ""
        }
    )
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

/// A path relative to the workspace root, for messages.
fn display(ws: &Workspace, path: &Path) -> String {
    path.strip_prefix(&ws.root)
        .unwrap_or(path)
        .display()
        .to_string()
}
