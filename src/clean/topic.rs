//! Document context: closing clauses of another document, and sentences that
//! share almost none of the document's vocabulary.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use super::line::closing_type;
use super::text::is_cjk;
use super::Verdict;
use crate::model::Reason;

/// Units at the top searched for the document's own type (its title).
const HEAD: usize = 10;

/// Words of other genres: company reports, medicine, research, weather,
/// advertising, letters. A cue only lowers the bar; the vocabulary decides.
static GENRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"本公司|我公司|公司战略|股东|董事会|上市公司|营业收入|营收|净利润|每股|分红|本季度|本年度|财报|投资者关系|市值",
        r"|患者|术后|随访|临床|病灶|病例|并发症|给药|剂量|复发|症状|治疗组|对照组|疗效",
        r"|本研究|本文|实验|该方法|模型|数据集|样本|显著|算法|网络结构|准确率|结果表明|研究表明|研究发现|论文|作者",
        r"|气温|多云|转晴|阵雨|雷阵雨|风力|东南风|西北风|东北风|西南风|降水|天气|℃|空气质量",
        r"|莅临|选购|优惠|折扣|促销|全场|包邮|下单|抢购|会员|顾客|门店|新品|特价",
        r"|我们将|我们一定|感谢各位|感谢大家|感谢您|亲爱的|各位股东|朋友们|谢谢",
        r"|比赛|球队|球员|赛季|票房|主演|剧情|粉丝|游客|景区|菜品|口感|食谱",
    ))
    .expect("static regex")
});

/// Content bigrams of a line: pairs of adjacent CJK characters.
fn bigrams(s: &str) -> BTreeSet<(char, char)> {
    let c: Vec<char> = s.chars().collect();
    c.windows(2)
        .filter(|w| is_cjk(w[0]) && is_cjk(w[1]))
        .map(|w| (w[0], w[1]))
        .collect()
}

/// The document types named in `t` (`办法`, `通知`…), longest forms first.
fn types_in(t: &str) -> Vec<&'static str> {
    const TYPES: &[&str] = &[
        "实施细则",
        "实施办法",
        "办法",
        "规定",
        "条例",
        "细则",
        "规则",
        "决定",
        "意见",
        "通知",
        "方案",
        "准则",
        "规程",
        "章程",
        "标准",
        "公告",
        "指引",
        "措施",
        "计划",
        "规划",
        "决议",
        "法",
    ];
    TYPES.iter().copied().filter(|ty| t.contains(ty)).collect()
}

/// Marks other documents' closing clauses and off-topic sentences in `out`.
pub(crate) fn context(texts: &[String], out: &mut [Option<Verdict>]) {
    let n = texts.len();
    // The document's own types, read from its head.
    let head: String = (0..n.min(HEAD))
        .filter(|&i| out[i].is_none())
        .map(|i| texts[i].as_str())
        .collect();
    let own = types_in(&head);
    let articles = texts
        .iter()
        .filter(|t| t.starts_with('第') && t.contains('条') && t.chars().take(8).any(|c| c == '条'))
        .count();
    for i in 0..n {
        if out[i].is_some() {
            continue;
        }
        let Some(ty) = closing_type(&texts[i]) else {
            continue;
        };
        let detail = if !own
            .iter()
            .any(|o| *o == ty || (ty.ends_with(o) && o.len() > 3))
        {
            format!(
                "closing clause of a {ty}, but the document's head names {}",
                if own.is_empty() {
                    "no document type".to_string()
                } else {
                    own.join("/")
                }
            )
        } else if articles >= 5 && !texts[i].starts_with('第') && i * 4 < n * 3 {
            format!("closing clause of a {ty} in the middle of the document, outside any article")
        } else {
            continue;
        };
        out[i] = Some(Verdict::new(Reason::Boilerplate, detail));
    }

    // Off-topic: how much of a sentence's vocabulary the rest of the document uses.
    // Identical lines count once, so a repeated noise line cannot vouch for itself.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut freq: HashMap<(char, char), u32> = HashMap::new();
    let grams: Vec<BTreeSet<(char, char)>> = texts.iter().map(|t| bigrams(t)).collect();
    for i in 0..n {
        if out[i].is_some() || !seen.insert(texts[i].as_str()) {
            continue;
        }
        for g in &grams[i] {
            *freq.entry(*g).or_default() += 1;
        }
    }
    for i in 0..n {
        if out[i].is_some() {
            continue;
        }
        let g = &grams[i];
        if g.len() < 8 {
            continue;
        }
        // The text itself was counted once, whichever occurrence this is.
        let own_count = u32::from(seen.contains(texts[i].as_str()));
        let shared = g
            .iter()
            .filter(|b| freq.get(b).copied().unwrap_or(0) > own_count)
            .count();
        let cue = GENRE.find(&texts[i]).map(|m| m.as_str().to_string());
        let share = shared as f64 / g.len() as f64;
        let off = share <= 0.2 || (cue.is_some() && share <= 0.4);
        if off {
            let mut detail = format!(
                "shares {shared} of {} content bigrams with the document",
                g.len()
            );
            if let Some(c) = cue {
                detail.push_str(&format!("; other-genre cue `{c}`"));
            }
            out[i] = Some(Verdict::new(Reason::OffTopic, detail));
        }
    }
}
