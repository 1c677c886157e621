//! The HTML page of a [`Diff`], in the review page's style.

use crate::diff::{Change, ChangeKind, Diff, NodeRef, TargetChange, TargetRef};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// Longest pair of texts (product of lengths, in characters) compared
/// character by character; longer pairs are shown whole, old then new.
const CHAR_DIFF_MAX: usize = 4_000_000;

/// One run of a character diff.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    Same(String),
    Del(String),
    Ins(String),
}

/// Character diff of two texts: common prefix and suffix, then a longest
/// common subsequence of the middle (when small enough).
fn char_diff(a: &str, b: &str) -> Vec<Run> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut runs = vec![Run::Same(a[..pre].iter().collect())];
    if ma.len() * mb.len() > CHAR_DIFF_MAX {
        runs.push(Run::Del(ma.iter().collect()));
        runs.push(Run::Ins(mb.iter().collect()));
    } else {
        runs.extend(lcs_runs(ma, mb));
    }
    runs.push(Run::Same(a[a.len() - suf..].iter().collect()));
    runs.retain(|r| !matches!(r, Run::Same(s) | Run::Del(s) | Run::Ins(s) if s.is_empty()));
    runs
}

fn lcs_runs(a: &[char], b: &[char]) -> Vec<Run> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[at(i, j)] = if a[i] == b[j] {
                t[at(i + 1, j + 1)] + 1
            } else {
                t[at(i + 1, j)].max(t[at(i, j + 1)])
            };
        }
    }
    let mut runs: Vec<Run> = Vec::new();
    let push = |runs: &mut Vec<Run>, r: Run| match (runs.last_mut(), r) {
        (Some(Run::Same(s)), Run::Same(x)) | (Some(Run::Del(s)), Run::Del(x)) => s.push_str(&x),
        (Some(Run::Ins(s)), Run::Ins(x)) => s.push_str(&x),
        (_, r) => runs.push(r),
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            push(&mut runs, Run::Same(a[i].to_string()));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || t[at(i + 1, j)] >= t[at(i, j + 1)]) {
            // Deletions first: `<del>2</del><ins>3</ins>`.
            push(&mut runs, Run::Del(a[i].to_string()));
            i += 1;
        } else {
            push(&mut runs, Run::Ins(b[j].to_string()));
            j += 1;
        }
    }
    runs
}

fn kind_name(k: ChangeKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The diff as a self-contained HTML page.
pub fn diff_page(d: &Diff) -> String {
    let s = &d.summary;
    html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                title { "docsift diff — " (d.old.name) " → " (d.new.name) }
                style { (PreEscaped(super::CSS)) }
            }
            body {
                header {
                    h1 { (d.old.name) " → " (d.new.name) }
                    p #summary { (d.old.nodes) " → " (d.new.nodes) " nodes: "
                        (s.unchanged) " unchanged, " (s.added) " added, " (s.removed) " removed, "
                        (s.moved) " moved, " (s.renumbered) " renumbered, " (s.changed) " changed, "
                        (s.targets_changed) " target changes" }
                }
                @for c in &d.changes { (change(c)) }
            }
        }
    }
    .into_string()
}

fn heading(n: &NodeRef) -> String {
    format!(
        "{} {}{} (line {})",
        n.id,
        n.marker.as_deref().unwrap_or(""),
        n.title.as_deref().unwrap_or(""),
        n.lines[0]
    )
}

fn change(c: &Change) -> Markup {
    html! {
        div.change data-kinds=(c.kinds.iter().map(|k| kind_name(*k)).collect::<Vec<_>>().join(" ")) {
            h3 {
                @for k in &c.kinds { span class=(format!("tag k-{}", kind_name(*k))) { (kind_name(*k)) } }
                @match (&c.old, &c.new) {
                    (Some(o), Some(n)) => { (heading(o)) " → " (heading(n)) }
                    (Some(o), None) => { (heading(o)) }
                    (None, Some(n)) => { (heading(n)) }
                    (None, None) => {}
                }
                @if let Some(s) = c.similarity { " " span.tag { "similarity " (s) } }
            }
            @match (&c.old, &c.new) {
                (Some(o), Some(n)) if o.text != n.text => { div.new { (runs(&char_diff(&o.text, &n.text))) } }
                (Some(o), None) => { div.old { del { (o.text) } } }
                (None, Some(n)) => { div.new { ins { (n.text) } } }
                _ => {}
            }
            @if !c.targets.is_empty() { (targets(&c.targets)) }
        }
    }
}

fn runs(rs: &[Run]) -> Markup {
    html! {
        @for r in rs {
            @match r { Run::Same(s) => { (s) } Run::Del(s) => { del { (s) } } Run::Ins(s) => { ins { (s) } } }
        }
    }
}

fn target_cell(t: &Option<TargetRef>) -> Markup {
    html! {
        @if let Some(t) = t {
            (t.value) " " (t.unit.as_deref().unwrap_or("")) " "
            (serde_json::to_value(t.qualifier).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())
            @if let Some(d) = &t.deadline { " by " (d) }
            " — " (t.object.as_deref().unwrap_or(""))
        } @else { "—" }
    }
}

fn targets(ts: &[TargetChange]) -> Markup {
    html! {
        table.diff {
            thead { tr { th { "changed" } th { "old target" } th { "new target" } } }
            tbody { @for t in ts { tr {
                td { @if t.fields.is_empty() { @if t.old.is_none() { "added" } @else { "removed" } }
                     @else { (t.fields.join(", ")) } }
                td { (target_cell(&t.old)) } td { (target_cell(&t.new)) }
            } } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_diff_finds_the_changed_number() {
        let r = char_diff("建设 20 个基地", "建设 30 个基地");
        assert_eq!(
            r,
            vec![
                Run::Same("建设 ".into()),
                Run::Del("2".into()),
                Run::Ins("3".into()),
                Run::Same("0 个基地".into()),
            ]
        );
    }
}
