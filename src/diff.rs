//! Diff: what changed between two versions of a document (`docsift diff OLD NEW`).
//!
//! Nodes are matched by text similarity (Dice coefficient of the character
//! bigrams of the title and own paragraphs), with the same numbering path as
//! a bonus. Candidates come from an inverted index of bigrams (bigrams shared
//! by more than [`COMMON_BIGRAM`] nodes are not indexed, and at most
//! [`MAX_CANDIDATES`] are scored per node), so the cost grows with the
//! document, not with its square. Pairs are taken greedily, best
//! first, ties broken by old then new position: the result is deterministic.
//!
//! A matched pair is *renumbered* when its ordinal changed, *moved* when its
//! parent is not the match of its old parent, *changed* when its text
//! differs; every target that changed (value, unit, qualifier, deadline) is
//! listed. Unmatched old nodes are *removed*, unmatched new ones *added*. The
//! JSON is tagged `docsift-diff/1` ([`DIFF_SCHEMA`]).

use crate::model::{Document, LineSpan, Node, Qualifier, Target};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The schema tag of a diff; bumped only on a breaking change.
pub const DIFF_SCHEMA: &str = "docsift-diff/1";

/// Similarity from which two nodes are the same node.
pub const MATCH_MIN: f64 = 0.5;
/// Similarity from which two nodes with the same numbering path are the same node.
pub const SAME_PATH_MIN: f64 = 0.3;
/// Bonus to the similarity of two nodes with the same numbering path, when ranking pairs.
const SAME_PATH_BONUS: f64 = 0.1;
/// A bigram in more nodes than this is too common to find candidates by.
pub const COMMON_BIGRAM: usize = 64;
/// Most candidates scored per old node (those sharing the most indexed
/// bigrams), besides the node at the same path.
pub const MAX_CANDIDATES: usize = 16;

/// Every node, depth first, in source order.
pub fn walk(nodes: &[Node]) -> Vec<&Node> {
    fn go<'a>(ns: &'a [Node], out: &mut Vec<&'a Node>) {
        for n in ns {
            out.push(n);
            go(&n.children, out);
        }
    }
    let mut out = Vec::new();
    go(nodes, &mut out);
    out
}

/// The comparison of two documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    /// Always [`DIFF_SCHEMA`].
    pub schema: String,
    /// The old version.
    pub old: Version,
    /// The new version.
    pub new: Version,
    /// How many nodes of each kind of change.
    pub summary: Summary,
    /// Every node that changed, in the new document's order (removed nodes
    /// after the node that follows their match's position, at the end when
    /// none does).
    pub changes: Vec<Change>,
}

/// One of the two documents compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Version {
    /// File name as given.
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Number of nodes.
    pub nodes: usize,
}

/// Node counts by kind of change (a node can be renumbered and changed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Matched and identical (id, parent, text, targets).
    pub unchanged: usize,
    /// Only in the new version.
    pub added: usize,
    /// Only in the old version.
    pub removed: usize,
    /// Matched under another parent.
    pub moved: usize,
    /// Matched with another ordinal.
    pub renumbered: usize,
    /// Matched with another text.
    pub changed: usize,
    /// Targets changed, added or removed in matched nodes.
    pub targets_changed: usize,
}

/// What happened to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// Under another parent.
    Moved,
    /// Another ordinal (`第五条` became `第六条`).
    Renumbered,
    /// Its title or paragraphs differ.
    Changed,
    /// One of its targets differs.
    Targets,
}

/// One node that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// What happened, in the order of [`ChangeKind`].
    pub kinds: Vec<ChangeKind>,
    /// The node in the old version (`null` when added).
    pub old: Option<NodeRef>,
    /// The node in the new version (`null` when removed).
    pub new: Option<NodeRef>,
    /// Similarity of the two texts, 0–1 to three decimals (`null` unless matched).
    pub similarity: Option<f64>,
    /// Targets that changed, were added or removed (matched nodes only).
    pub targets: Vec<TargetChange>,
}

/// A node as the diff shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodeRef {
    /// Its id (numbering path) in its document.
    pub id: String,
    /// Its parent's id; `null` at the top level.
    pub parent: Option<String>,
    /// The marker as written.
    pub marker: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Title and own paragraphs, one per line.
    pub text: String,
    /// Source lines of its heading.
    pub lines: LineSpan,
}

/// A target that changed between two matched nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TargetChange {
    /// The fields that differ (`value`, `unit`, `qualifier`, `deadline`);
    /// empty for an added or removed target.
    pub fields: Vec<String>,
    /// The old target (`null` when added).
    pub old: Option<TargetRef>,
    /// The new target (`null` when removed).
    pub new: Option<TargetRef>,
}

/// A target as the diff shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TargetRef {
    /// The number.
    pub value: f64,
    /// Its unit.
    pub unit: Option<String>,
    /// How it bounds the goal.
    pub qualifier: Qualifier,
    /// What is counted.
    pub object: Option<String>,
    /// Deadline year.
    pub deadline: Option<String>,
    /// The clause.
    pub text: String,
    /// Source lines.
    pub lines: LineSpan,
}

/// A node prepared for matching.
struct Flat<'a> {
    node: &'a Node,
    parent: Option<usize>,
    text: String,
    bigrams: Vec<(char, char)>,
}

fn flatten(nodes: &[Node]) -> Vec<Flat<'_>> {
    fn go<'a>(ns: &'a [Node], parent: Option<usize>, out: &mut Vec<Flat<'a>>) {
        for n in ns {
            let mut parts: Vec<&str> = n.title.iter().map(String::as_str).collect();
            parts.extend(n.paragraphs.iter().map(|p| p.text.as_str()));
            let text = parts.join("\n");
            let mut bigrams: Vec<(char, char)> = {
                let cs: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
                cs.windows(2).map(|w| (w[0], w[1])).collect()
            };
            bigrams.sort_unstable();
            bigrams.dedup();
            let me = out.len();
            out.push(Flat {
                node: n,
                parent,
                text,
                bigrams,
            });
            go(&n.children, Some(me), out);
        }
    }
    let mut out = Vec::new();
    go(nodes, None, &mut out);
    out
}

/// Dice coefficient of two sorted bigram sets; two empty texts are equal.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Candidate pairs `(rank, similarity, old, new)` above the thresholds.
fn candidates(old: &[Flat], new: &[Flat]) -> Vec<(f64, f64, usize, usize)> {
    let mut index: HashMap<(char, char), Vec<usize>> = HashMap::new();
    for (j, f) in new.iter().enumerate() {
        for &g in &f.bigrams {
            index.entry(g).or_default().push(j);
        }
    }
    let by_id: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(j, f)| (f.node.id.as_str(), j))
        .collect();
    let mut out = Vec::new();
    for (i, o) in old.iter().enumerate() {
        let mut hits: HashMap<usize, usize> = HashMap::new();
        for g in &o.bigrams {
            if let Some(js) = index.get(g).filter(|js| js.len() <= COMMON_BIGRAM) {
                for &j in js {
                    *hits.entry(j).or_insert(0) += 1;
                }
            }
        }
        // The nodes sharing the most indexed bigrams, and the one at the same path.
        let mut best: Vec<(usize, usize)> = hits.into_iter().collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(MAX_CANDIDATES);
        if let Some(&j) = by_id.get(o.node.id.as_str()) {
            best.push((j, 0));
        }
        best.sort_unstable();
        best.dedup_by_key(|b| b.0);
        for &(j, _) in &best {
            let sim = dice(&o.bigrams, &new[j].bigrams);
            let same = new[j].node.id == o.node.id;
            if sim >= MATCH_MIN || same && sim >= SAME_PATH_MIN {
                let rank = sim + if same { SAME_PATH_BONUS } else { 0.0 };
                out.push((rank, sim, i, j));
            }
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    out
}

/// Greedy best-first matching: `old index → (new index, similarity)`.
fn match_nodes(old: &[Flat], new: &[Flat]) -> Vec<Option<(usize, f64)>> {
    let mut of_old = vec![None; old.len()];
    let mut taken = vec![false; new.len()];
    for (_, sim, i, j) in candidates(old, new) {
        if of_old[i].is_none() && !taken[j] {
            of_old[i] = Some((j, sim));
            taken[j] = true;
        }
    }
    of_old
}

/// Compares two cleaned documents.
pub fn diff(old: &Document, new: &Document) -> Diff {
    let (fo, fnw) = (flatten(&old.sections), flatten(&new.sections));
    let of_old = match_nodes(&fo, &fnw);
    let mut of_new = vec![None; fnw.len()];
    for (i, m) in of_old.iter().enumerate() {
        if let Some((j, _)) = m {
            of_new[*j] = Some(i);
        }
    }
    let mut summary = Summary::default();
    let mut changes = Vec::new();
    let mut cursor = 0;
    for (j, n) in fnw.iter().enumerate() {
        // Removed nodes that came before this node's match, in old order.
        if let Some(i) = of_new[j] {
            changes.extend(removed_before(&fo, &of_old, &mut cursor, i));
        }
        let c = match of_new[j] {
            None => Some(added(n, &fnw)),
            Some(i) => compare(&fo, &fnw, i, j, &of_old, of_old[i].map_or(0.0, |m| m.1)),
        };
        match c {
            Some(c) => {
                count(&c, &mut summary);
                changes.push(c);
            }
            None => summary.unchanged += 1,
        }
    }
    changes.extend(removed_before(&fo, &of_old, &mut cursor, fo.len()));
    summary.removed = changes
        .iter()
        .filter(|c| c.kinds == [ChangeKind::Removed])
        .count();
    Diff {
        schema: DIFF_SCHEMA.into(),
        old: version(old, fo.len()),
        new: version(new, fnw.len()),
        summary,
        changes,
    }
}

fn version(d: &Document, nodes: usize) -> Version {
    Version {
        name: d.source.name.clone(),
        sha256: d.source.sha256.clone(),
        nodes,
    }
}

fn count(c: &Change, s: &mut Summary) {
    for k in &c.kinds {
        match k {
            ChangeKind::Added => s.added += 1,
            ChangeKind::Removed => {}
            ChangeKind::Moved => s.moved += 1,
            ChangeKind::Renumbered => s.renumbered += 1,
            ChangeKind::Changed => s.changed += 1,
            ChangeKind::Targets => s.targets_changed += c.targets.len(),
        }
    }
}

/// Unmatched old nodes from `*cursor` to old position `upto`; moves the cursor.
fn removed_before(
    fo: &[Flat],
    of_old: &[Option<(usize, f64)>],
    cursor: &mut usize,
    upto: usize,
) -> Vec<Change> {
    let upto = upto.min(fo.len());
    let out = (*cursor..upto)
        .filter(|&i| of_old[i].is_none())
        .map(|i| Change {
            kinds: vec![ChangeKind::Removed],
            old: Some(node_ref(&fo[i], fo)),
            new: None,
            similarity: None,
            targets: Vec::new(),
        })
        .collect();
    *cursor = (*cursor).max(upto);
    out
}

fn added(n: &Flat, all: &[Flat]) -> Change {
    Change {
        kinds: vec![ChangeKind::Added],
        old: None,
        new: Some(node_ref(n, all)),
        similarity: None,
        targets: Vec::new(),
    }
}

/// The change of a matched pair, `None` when there is none.
fn compare(
    fo: &[Flat],
    fnw: &[Flat],
    i: usize,
    j: usize,
    of_old: &[Option<(usize, f64)>],
    sim: f64,
) -> Option<Change> {
    let (o, n) = (&fo[i], &fnw[j]);
    let mut kinds = Vec::new();
    let parent_matches = match (o.parent, n.parent) {
        (None, None) => true,
        (Some(p), Some(q)) => of_old[p].is_some_and(|m| m.0 == q),
        _ => false,
    };
    if !parent_matches {
        kinds.push(ChangeKind::Moved);
    }
    if o.node.ordinal != n.node.ordinal || o.node.style != n.node.style {
        kinds.push(ChangeKind::Renumbered);
    }
    if o.text != n.text {
        kinds.push(ChangeKind::Changed);
    }
    let targets = target_changes(&o.node.targets, &n.node.targets);
    if !targets.is_empty() {
        kinds.push(ChangeKind::Targets);
    }
    (!kinds.is_empty()).then(|| Change {
        kinds,
        old: Some(node_ref(o, fo)),
        new: Some(node_ref(n, fnw)),
        similarity: Some((sim * 1000.0).round() / 1000.0),
        targets,
    })
}

fn node_ref(f: &Flat, all: &[Flat]) -> NodeRef {
    NodeRef {
        id: f.node.id.clone(),
        parent: f.parent.map(|p| all[p].node.id.clone()),
        marker: f.node.marker.clone(),
        title: f.node.title.clone(),
        text: f.text.clone(),
        lines: f.node.lines,
    }
}

fn target_ref(t: &Target) -> TargetRef {
    TargetRef {
        value: t.value,
        unit: t.unit.clone(),
        qualifier: t.qualifier,
        object: t.object.clone(),
        deadline: t.deadline.clone(),
        text: t.text.clone(),
        lines: t.lines,
    }
}

/// Pairs the targets of two matched nodes (same object and unit first, then
/// the rest in order) and lists those that differ.
fn target_changes(old: &[Target], new: &[Target]) -> Vec<TargetChange> {
    let mut pair: Vec<Option<usize>> = vec![None; old.len()];
    let mut used = vec![false; new.len()];
    let same_kind = |a: &Target, b: &Target| a.object == b.object && a.unit == b.unit;
    for (i, o) in old.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|&j| !used[j] && same_kind(o, &new[j])) {
            pair[i] = Some(j);
            used[j] = true;
        }
    }
    let mut free = (0..new.len())
        .filter(|&j| !used[j])
        .collect::<Vec<_>>()
        .into_iter();
    for p in pair.iter_mut().filter(|p| p.is_none()) {
        *p = free.next();
    }
    let mut out = Vec::new();
    for (i, p) in pair.iter().enumerate() {
        let o = &old[i];
        let Some(j) = *p else {
            out.push(TargetChange {
                fields: vec![],
                old: Some(target_ref(o)),
                new: None,
            });
            continue;
        };
        let n = &new[j];
        let mut fields = Vec::new();
        if o.value != n.value {
            fields.push("value".to_string());
        }
        if o.unit != n.unit {
            fields.push("unit".into());
        }
        if o.qualifier != n.qualifier {
            fields.push("qualifier".into());
        }
        if o.deadline != n.deadline {
            fields.push("deadline".into());
        }
        if !fields.is_empty() {
            out.push(TargetChange {
                fields,
                old: Some(target_ref(o)),
                new: Some(target_ref(n)),
            });
        }
    }
    let paired: Vec<usize> = pair.iter().flatten().copied().collect();
    for (_, n) in new.iter().enumerate().filter(|(j, _)| !paired.contains(j)) {
        out.push(TargetChange {
            fields: vec![],
            old: None,
            new: Some(target_ref(n)),
        });
    }
    out
}
