//! Who carries out a task: the units a plan names in brackets after it
//! (`（牵头单位：省工业和信息化厅、省财政厅）`, `（负责部门：自然资源部）`,
//! `（海关总署、商务部等有关部门负责）`), read into the node's
//! `responsible` field. The text stays in the paragraph; the field is the
//! same information, structured.

use crate::model::{Node, Responsible};
use crate::pattern::Pattern;

/// A bracket group: its content.
static GROUP: Pattern = Pattern::new(|| r"[（(]([^（）()]{2,120})[）)]".into());

/// `LABEL：names` with a label of the lexicon.
static LABELLED: Pattern = Pattern::new(|| {
    format!(
        r"^({})\s*[：:]\s*(.+)$",
        crate::lexicon::alternation(crate::lexicon::RESPONSIBILITY_LABELS)
    )
});

/// The roles and units named in the bracket groups of `text`.
pub fn read(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for c in GROUP.captures_iter(text) {
        let inner = c[1].trim();
        // Several roles in one bracket: `牵头单位：…；责任单位：…`.
        let parts: Vec<&str> = inner.split(['；', ';']).map(str::trim).collect();
        let labelled: Vec<(String, Vec<String>)> = parts
            .iter()
            .filter_map(|p| {
                let m = LABELLED.captures(p)?;
                let units = names(&m[2])?;
                Some((m[1].to_string(), units))
            })
            .collect();
        if !labelled.is_empty() && labelled.len() == parts.len() {
            out.extend(labelled);
        } else if let Some(list) = inner
            .strip_suffix("负责")
            .or_else(|| inner.strip_suffix("牵头"))
        {
            // `（海关总署、商务部等有关部门负责）`: names, then the role.
            if let Some(units) = names(list) {
                let role = &inner[list.len()..];
                out.push((role.to_string(), units));
            }
        }
    }
    out
}

/// A list of organisations (`省工业和信息化厅、省财政厅`), each ending in an
/// organisation's word; `None` when any item is not one.
fn names(list: &str) -> Option<Vec<String>> {
    // `农业农村部等和各有关省级人民政府`: `等和` closes one list and opens the
    // next (a bare `和` stays: `文化和旅游部`, `工业和信息化厅`).
    let list = list.replace("等和", "等、").replace("以及", "、");
    let units: Vec<String> = list
        .split(['、', '，', ','])
        .map(|s| s.trim().trim_start_matches(['和', '及']).to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let org = |u: &String| crate::metadata::names_organisation(u.trim_end_matches("等"));
    (!units.is_empty() && units.iter().all(org)).then_some(units)
}

/// Fills every node's `responsible` from its title and paragraphs.
pub fn attach(nodes: &mut [Node]) {
    for n in nodes {
        let mut found = Vec::new();
        if let Some(t) = &n.title {
            for (role, units) in read(t) {
                found.push(Responsible {
                    role,
                    units,
                    lines: n.lines,
                });
            }
        }
        for p in &n.paragraphs {
            for (role, units) in read(&p.text) {
                found.push(Responsible {
                    role,
                    units,
                    lines: p.lines,
                });
            }
        }
        n.responsible = found;
        attach(&mut n.children);
    }
}

#[cfg(test)]
mod tests {
    use super::read;

    fn roles(t: &str) -> Vec<(String, Vec<String>)> {
        read(t)
    }

    #[test]
    fn labelled_units() {
        let r = roles("支持龙头企业做大做强。（牵头单位：省工业和信息化厅、省财政厅）");
        assert_eq!(
            r,
            [(
                "牵头单位".into(),
                vec!["省工业和信息化厅".into(), "省财政厅".into()]
            )]
        );
        let r = roles("推进改革。(牵头单位:省发展改革委;责任单位:各市州人民政府)");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].0, "责任单位");
        assert_eq!(r[1].1, ["各市州人民政府"]);
    }

    #[test]
    fn names_then_role() {
        let r = roles("实行告知承诺制。（海关总署、商务部等有关部门负责）");
        assert_eq!(
            r,
            [(
                "负责".into(),
                vec!["海关总署".into(), "商务部等有关部门".into()]
            )]
        );
    }

    #[test]
    fn lists_joined_after_etc() {
        let r = roles("（商务部、农业农村部等和各有关省级人民政府负责）");
        assert_eq!(r[0].1, ["商务部", "农业农村部等", "各有关省级人民政府"]);
        let r = roles("（负责部门：文化和旅游部、海关总署）");
        assert_eq!(r[0].1, ["文化和旅游部", "海关总署"]);
    }

    #[test]
    fn other_brackets_are_not_units() {
        assert!(roles("（以下简称《办法》）").is_empty());
        assert!(roles("发展目标（2022—2025年）").is_empty());
        assert!(roles("（负责部门：加强组织领导）").is_empty());
        assert!(roles("由有关部门（单位）负责").is_empty());
    }
}
