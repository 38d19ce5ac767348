//! Deterministic publish order: Kahn's algorithm over path dependencies, ties broken by name.
//!
//! Only normal and build dependencies count. Dev-dependencies are not needed to build a
//! published crate, and cargo strips path-only dev-dependencies when it packages one, so a
//! dev-dependency "cycle" (a crate testing itself against `openai-mock`, which depends on that
//! crate) must not stop a release.

use std::collections::{BTreeMap, BTreeSet};

use crate::metadata::{DepKind, Workspace};

/// Sorts `nodes` so that every edge `(dependency, dependent)` has the dependency first.
///
/// Among the nodes that are ready at a step, the alphabetically first goes next, so the order
/// never depends on input order. Edges naming unknown nodes and self-edges are ignored. A cycle
/// is an error listing the nodes that could not be ordered.
pub(crate) fn topo_sort(nodes: &[&str], edges: &[(&str, &str)]) -> Result<Vec<String>, String> {
    let mut indegree: BTreeMap<&str, usize> = nodes.iter().map(|n| (*n, 0)).collect();
    let mut dependents: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (dependency, dependent) in edges {
        if dependency == dependent
            || !indegree.contains_key(dependency)
            || !indegree.contains_key(dependent)
        {
            continue;
        }
        // A BTreeSet deduplicates repeated edges (e.g. a normal and a build dep on one crate).
        if dependents.entry(dependency).or_default().insert(dependent) {
            *indegree.entry(dependent).or_default() += 1;
        }
    }
    let mut ready: BTreeSet<&str> = indegree
        .iter()
        .filter(|(_, degree)| **degree == 0)
        .map(|(node, _)| *node)
        .collect();
    let mut order = Vec::with_capacity(indegree.len());
    while let Some(node) = ready.pop_first() {
        order.push(node.to_owned());
        for dependent in dependents.get(node).into_iter().flatten() {
            if let Some(degree) = indegree.get_mut(dependent) {
                *degree -= 1;
                if *degree == 0 {
                    ready.insert(dependent);
                }
            }
        }
    }
    if order.len() < indegree.len() {
        let stuck: Vec<&str> = indegree
            .iter()
            .filter(|(node, _)| !order.iter().any(|done| done == *node))
            .map(|(node, _)| *node)
            .collect();
        return Err(format!(
            "dependency cycle among: {} (only normal and build dependencies count)",
            stuck.join(", ")
        ));
    }
    Ok(order)
}

/// The order in which the publishable members must be published.
pub(crate) fn publish_order(ws: &Workspace) -> Result<Vec<String>, String> {
    let nodes: Vec<&str> = ws.publishable().map(|p| p.name.as_str()).collect();
    let edges: Vec<(&str, &str)> = ws
        .publishable()
        .flat_map(|p| {
            p.deps
                .iter()
                .filter(|d| d.is_path && d.kind != DepKind::Dev)
                .map(move |d| (d.name.as_str(), p.name.as_str()))
        })
        .collect();
    topo_sort(&nodes, &edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependencies_come_first() {
        let order = topo_sort(
            &[
                "openai-sdk",
                "core-http",
                "openai-types",
                "openai-inference",
            ],
            &[
                ("core-http", "openai-inference"),
                ("openai-types", "openai-inference"),
                ("openai-inference", "openai-sdk"),
                ("core-http", "openai-sdk"),
            ],
        )
        .unwrap();
        assert_eq!(
            order,
            [
                "core-http",
                "openai-types",
                "openai-inference",
                "openai-sdk"
            ]
        );
    }

    #[test]
    fn ties_are_broken_by_name_regardless_of_input_order() {
        let edges = [("a", "z"), ("m", "z")];
        let one = topo_sort(&["z", "m", "b", "a"], &edges).unwrap();
        let two = topo_sort(&["a", "b", "m", "z"], &edges).unwrap();
        assert_eq!(one, ["a", "b", "m", "z"]);
        assert_eq!(one, two);
    }

    #[test]
    fn a_node_freed_later_still_sorts_by_name_among_ready_nodes() {
        // After `a`, both `c` (freed by a) and `b` (always ready) are ready: `b` goes first.
        let order = topo_sort(&["a", "b", "c"], &[("a", "c")]).unwrap();
        assert_eq!(order, ["a", "b", "c"]);
    }

    #[test]
    fn self_edges_duplicates_and_unknown_nodes_are_ignored() {
        let order = topo_sort(
            &["x", "y"],
            &[("x", "x"), ("x", "y"), ("x", "y"), ("outside", "y")],
        )
        .unwrap();
        assert_eq!(order, ["x", "y"]);
    }

    #[test]
    fn a_cycle_is_an_error_naming_its_members() {
        let err =
            topo_sort(&["a", "b", "c", "d"], &[("a", "b"), ("b", "c"), ("c", "b")]).unwrap_err();
        assert!(err.contains("cycle"), "{err}");
        assert!(err.contains("b, c"), "{err}");
        assert!(!err.contains("a,"), "{err}");
    }

    #[test]
    fn dev_dependency_cycles_do_not_count_and_unpublishable_members_are_left_out() {
        let json = r#"{
          "packages": [
            {"name": "types", "version": "0.1.0", "id": "t", "manifest_path": "/w/t/Cargo.toml",
             "publish": null, "targets": [],
             "dependencies": [{"name": "mock", "req": "*", "kind": "dev", "path": "/w/m"}]},
            {"name": "mock", "version": "0.1.0", "id": "m", "manifest_path": "/w/m/Cargo.toml",
             "publish": null, "targets": [],
             "dependencies": [{"name": "types", "req": "=0.1.0", "kind": null, "path": "/w/t"}]},
            {"name": "xtask", "version": "0.1.0", "id": "x", "manifest_path": "/w/x/Cargo.toml",
             "publish": [], "targets": [],
             "dependencies": [{"name": "mock", "req": "*", "kind": null, "path": "/w/m"}]}
          ],
          "workspace_members": ["t", "m", "x"],
          "workspace_root": "/w"
        }"#;
        let ws = crate::metadata::parse(json).unwrap();
        assert_eq!(publish_order(&ws).unwrap(), ["types", "mock"]);
    }
}
