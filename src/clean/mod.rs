//! Clean: decides which units are noise (captions, URLs, page numbers,
//! running headers, off-topic and foreign passages, boilerplate, garbage,
//! tables of contents) and normalises converter damage in the rest.
//!
//! Rules work in three layers, each leaving what it decided to the next:
//! 1. line form (`line`): captions, addresses, page markers, web chrome,
//!    Latin-script passages (not in a Latin-script document), debris, TOC entries;
//! 2. page furniture (`page`): running headers found by repetition next to
//!    page numbers (or repeating the title), bare page numbers found next to
//!    those headers or between lines of running text, TOC blocks;
//! 3. document context (`topic`): closing clauses of another document and
//!    sentences that share almost no vocabulary with the document (judged per
//!    paragraph, lines cut at a page width joined first).
//!
//! Finally a document's own numbered figures and tables (`图1`…`图N` that
//! speak its vocabulary) are given back. Every verdict carries its evidence.

mod forms;
mod line;
mod page;
mod text;
mod topic;

pub(crate) use page::glued_page_numbers;
pub use text::{normalize, repair_doubled};

use crate::model::Reason;
use crate::segment::Unit;
use rayon::prelude::*;
use std::borrow::Cow;

/// Fewest lines of a document whose lines are judged on more than one
/// thread, and fewest a thread takes at a time: a line takes about a
/// microsecond, and starting the pool's threads about 3 ms (measured on the
/// seed, 26.5 → 29.7 ms when every document started them).
pub const PARALLEL_MIN_LINES: usize = 8192;

/// Why one unit is noise, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The removal reason.
    pub reason: Reason,
    /// Evidence an archivist can check.
    pub detail: String,
}

impl Verdict {
    fn new(reason: Reason, detail: impl Into<String>) -> Self {
        Verdict {
            reason,
            detail: detail.into(),
        }
    }
}

/// A removal verdict a stronger reading of the line overruled: the line is
/// kept, and the audit trail says what it was first judged and why not.
#[derive(Debug, Clone, PartialEq)]
pub struct Overruled {
    /// Index of the unit.
    pub unit: usize,
    /// The verdict overruled.
    pub verdict: Verdict,
    /// Why the line is kept after all.
    pub why: &'static str,
}

/// Every unit's verdict, and the verdicts overruled on the way.
#[derive(Debug, Clone, Default)]
pub struct Classified {
    /// Per unit: why it is noise, or `None` to keep it.
    pub verdicts: Vec<Option<Verdict>>,
    /// Verdicts a later rule overruled, in unit order.
    pub overruled: Vec<Overruled>,
}

/// Classifies every unit of a document; `None` keeps the unit.
pub fn classify(units: &[Unit]) -> Vec<Option<Verdict>> {
    classify_audited(units).verdicts
}

/// [`classify`], with the verdicts that later rules overruled.
pub fn classify_audited(units: &[Unit]) -> Classified {
    let mut overruled = Vec::new();
    let texts: Vec<Cow<str>> = units.iter().map(|u| text::fold(u.text.trim())).collect();
    // A document written in a Latin script (an English order) is not foreign to itself.
    let profile = texts.iter().fold((0usize, 0usize), |(c, l), t| {
        let p = text::Profile::of(t);
        (c + p.cjk, l + p.latin)
    });
    let latin_doc = profile.1 > 4 * profile.0;
    // Each line is judged alone, so a long document's lines are judged on
    // the threads of the caller's pool (one with `--jobs 1`), in order.
    let judge = |t: &Cow<str>| line::judge(t, latin_doc).map(|(r, d)| Verdict::new(r, d));
    let mut out: Vec<Option<Verdict>> = if texts.len() >= PARALLEL_MIN_LINES {
        let chunk = PARALLEL_MIN_LINES / 2;
        texts.par_iter().with_min_len(chunk).map(judge).collect()
    } else {
        texts.iter().map(judge).collect()
    };
    for (i, detail) in forms::circulation_notes(&texts, |j| out[j].is_none()) {
        out[i] = Some(Verdict::new(Reason::Boilerplate, detail));
    }
    url_tails(units, &texts, &mut out);
    repeated_lines(units, &texts, &mut out);
    page::furniture(&texts, &mut out);
    let widths: Vec<usize> = units.iter().map(|u| u.width).collect();
    let width = crate::segment::detect_wrap(units).map(|w| w.width);
    topic::context(&texts, &widths, width, &mut out);
    keep_own_captions(&texts, &mut out, &mut overruled);
    keep_numbered_items(&texts, &mut out, &mut overruled);
    overruled.sort_by_key(|o| o.unit);
    Classified {
        verdicts: out,
        overruled,
    }
}

/// The rest of an address the page width broke (`https://…/202203/` then
/// `t20220301_22505678.html`): a line right under a URL line, with no blank
/// line between, made only of the characters of an address, with a letter
/// and a path or query character in it (a date alone is not), is part of
/// that URL.
fn url_tails(units: &[Unit], texts: &[Cow<str>], out: &mut [Option<Verdict>]) {
    let address = |t: &str| {
        t.len() >= 3
            && t.chars().all(|c| c.is_ascii_graphic())
            && t.chars().any(|c| c.is_ascii_alphabetic())
            && t.contains(['/', '.', '_', '=', '?', '&', '%', '-'])
    };
    for i in 1..texts.len() {
        let above = out[i - 1].as_ref().is_some_and(|v| v.reason == Reason::Url);
        let open = texts[i - 1].ends_with(|c: char| c.is_ascii_graphic() && !".;,)".contains(c));
        if above && open && out[i].is_none() && !units[i].blank_before && address(&texts[i]) {
            out[i] = Some(Verdict::new(
                Reason::Url,
                "the rest of the address on the line above, broken by the page width",
            ));
        }
    }
}

/// A line that opens with a numbering marker is the document's structure, not
/// a sentence pasted from another genre: low shared vocabulary alone does not
/// remove it (the structure stage checks its number). An amendment's quoted
/// item (`“（一）单独或者合谋…`) opens with one after its quotation mark.
fn keep_numbered_items(
    texts: &[Cow<str>],
    out: &mut [Option<Verdict>],
    overruled: &mut Vec<Overruled>,
) {
    for (i, (t, v)) in texts.iter().zip(out.iter_mut()).enumerate() {
        if v.as_ref().is_some_and(|v| v.reason == Reason::OffTopic)
            && (crate::markers::parse(t, None).is_some()
                || crate::markers::parse_quoted(t).is_some())
        {
            overruled.extend(v.take().map(|verdict| Overruled {
                unit: i,
                verdict,
                why: "it opens with a numbering marker: the document's structure",
            }));
        }
    }
}

/// A short non-sentence line that stands verbatim three or more times, apart,
/// is page furniture (a running header or footer in any language), every
/// occurrence included: `Federal Register / Vol. 90, No. 12 / …`.
fn repeated_lines(units: &[Unit], texts: &[Cow<str>], out: &mut [Option<Verdict>]) {
    // Furniture stands apart: blank lines around it, or a page number next to it.
    let apart = |i: usize| {
        let page = |j: usize| {
            out.get(j)
                .and_then(|v| v.as_ref())
                .is_some_and(|v| v.reason == Reason::PageNumber)
        };
        let blank_after = units.get(i + 1).is_none_or(|u| u.blank_before);
        (units[i].blank_before && blank_after) || page(i + 1) || (i > 0 && page(i - 1))
    };
    // Every occurrence of a furniture-shaped line, and whether it stands apart.
    let mut at: std::collections::BTreeMap<&str, Vec<(usize, bool)>> =
        std::collections::BTreeMap::new();
    for (i, t) in texts.iter().enumerate() {
        let n = t.chars().count();
        let sentence = ends_a_clause(t);
        let enclosed = t.starts_with(['（', '(']) && t.ends_with(['）', ')']);
        // `最高人民法院、国家知识产权局`: a list of bodies in a table column.
        let list = t.contains('、');
        // The document's title at its head is the title (metadata), not furniture.
        let title = i < 5 && crate::metadata::looks_like_title(t);
        if (10..=100).contains(&n)
            && !sentence
            && !enclosed
            && !list
            && !title
            && crate::markers::parse(t, None).is_none()
        {
            at.entry(t.as_ref()).or_default().push((i, apart(i)));
        }
    }
    let pages = out
        .iter()
        .filter(|v| v.as_ref().is_some_and(|v| v.reason == Reason::PageNumber))
        .count();
    for all in at.values() {
        // A piece of a title set over lines, wherever it stands (the
        // titles of parallel parts): not furniture.
        if all.iter().all(|&(i, _)| inside_split_title(texts, out, i)) {
            continue;
        }
        let lines: Vec<usize> = all.iter().filter(|x| x.1).map(|x| x.0).collect();
        // Apart: not a run of table cells one after another.
        if lines.len() < 3 || lines.windows(2).any(|w| w[1] - w[0] < 3) {
            continue;
        }
        // In a document whose page breaks are marked by their numbers, a
        // header stands at a break: a line that mostly stands away from
        // every page number is the text's own (a title's last line repeated
        // by a compilation of decisions), however often it recurs.
        let at_break = all
            .iter()
            .filter(|&&(i, _)| near_page_number(out, i))
            .count();
        if pages >= PAGED_MIN_NUMBERS && at_break * 2 < all.len() {
            continue;
        }
        let detail = if all.len() == lines.len() {
            format!(
                "the same line stands {} times, apart (as headers and footers do)",
                all.len()
            )
        } else {
            format!(
                "the same line stands {} times, {} of them apart (as headers and footers do)",
                all.len(),
                lines.len()
            )
        };
        // Once the line is furniture, so is every copy of it, wherever the
        // page break fell (in a table, in lines with no blank between them).
        for &(i, _) in all {
            if out[i].as_ref().is_none_or(|v| v.reason == Reason::OffTopic) {
                out[i] = Some(Verdict::new(Reason::RunningHeader, detail.clone()));
            }
        }
    }
}

/// Page numbers that make a document's page breaks known: with fewer, a
/// header may stand where no number was printed or recognised.
const PAGED_MIN_NUMBERS: usize = 3;
/// Lines either side of a page break's number where its header stands (the
/// header above or below the number, a footer line between them).
const PAGE_BREAK_REACH: usize = 2;

/// Line `i` stands within [`PAGE_BREAK_REACH`] lines of a page number.
fn near_page_number(out: &[Option<Verdict>], i: usize) -> bool {
    let lo = i.saturating_sub(PAGE_BREAK_REACH);
    let hi = (i + PAGE_BREAK_REACH).min(out.len().saturating_sub(1));
    (lo..=hi).any(|j| {
        out[j]
            .as_ref()
            .is_some_and(|v| v.reason == Reason::PageNumber)
    })
}

/// The line ends a sentence or a clause; in quotation marks (`…定罪处罚。”`)
/// too.
fn ends_a_clause(t: &str) -> bool {
    t.trim_end_matches(['”', '’', '"', '\'', '」', '』'])
        .ends_with(['。', '；', '，', '！', '？', ';', ','])
}

/// Most lines a title is read across (`全国人民代表大会常务委员会关于增加` /
/// `《…基本法》` / `附件三所列全国性法律的决定`).
const TITLE_PIECES_MAX: usize = 3;

/// Line `i` is a piece of a title set over two to [`TITLE_PIECES_MAX`]
/// lines: with the lines next to it (no sentence, no numbering, nothing
/// already judged noise among them) it reads as a title, and the first of
/// them alone does not (it opens the title, `…关于增加`). A running header is
/// a whole line, never a piece: a page number beside it is no piece either.
fn inside_split_title(texts: &[Cow<str>], verdicts: &[Option<Verdict>], i: usize) -> bool {
    let piece = |j: usize| {
        let t = &texts[j];
        verdicts[j].is_none() && !ends_a_clause(t) && crate::markers::parse(t, None).is_none()
    };
    let first = i.saturating_sub(TITLE_PIECES_MAX - 1);
    (first..=i).any(|a| {
        let last = (a + TITLE_PIECES_MAX).min(texts.len());
        (i.max(a + 1)..last).any(|b| {
            let run = &texts[a..=b];
            (a..=b).all(piece)
                && !crate::metadata::looks_like_title(&run[0])
                && crate::metadata::looks_like_title(&run.concat())
        })
    })
}

/// A document's own numbered figures or tables (`图1`, `图2`, `图3` …) are its
/// content: captions that form a series from 1 are kept.
fn keep_own_captions(
    texts: &[Cow<str>],
    out: &mut [Option<Verdict>],
    overruled: &mut Vec<Overruled>,
) {
    let mut grams = Vec::new();
    for reason in [Reason::FigureCaption, Reason::TableCaption] {
        let number = |t: &str| -> Option<u32> {
            let t = t.trim_start_matches(['附', '续']);
            let rest = t.strip_prefix('图').or_else(|| t.strip_prefix('表'))?;
            let d: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            d.parse().ok()
        };
        let nums: std::collections::BTreeSet<u32> = (0..texts.len())
            .filter(|&i| out[i].as_ref().is_some_and(|v| v.reason == reason))
            .filter_map(|i| number(&texts[i]))
            .collect();
        // A series from 1 with few gaps (two captions may share a line).
        let run = (1..).take_while(|k| nums.contains(k)).count() as u32;
        let max = nums.last().copied().unwrap_or(0);
        if run < 3 || (nums.len() as u32) * 10 < max * 7 {
            continue;
        }
        // A caption of the document's own figure also speaks its vocabulary.
        // Built by insertion: collecting would first hold every bigram of
        // the document in a vector (8 bytes per character).
        let mut vocab = crate::hash::FastSet::default();
        for i in (0..texts.len()).filter(|&i| out[i].is_none()) {
            topic::bigrams_into(&texts[i], &mut grams);
            vocab.extend(grams.iter().copied());
        }
        for i in 0..texts.len() {
            if out[i].as_ref().is_none_or(|v| v.reason != reason)
                || number(&texts[i]).is_none_or(|k| k > max)
            {
                continue;
            }
            let g = topic::bigrams(&texts[i]);
            let shared = g.iter().filter(|b| vocab.contains(b)).count();
            if !g.is_empty() && shared * 2 >= g.len() {
                overruled.extend(out[i].take().map(|verdict| Overruled {
                    unit: i,
                    verdict,
                    why: "a caption of the document's own numbered series, in its vocabulary",
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn reasons(doc: &str) -> Vec<(String, Option<Reason>)> {
        let units = segment(doc);
        classify(&units)
            .into_iter()
            .zip(units)
            .map(|(v, u)| (u.text.into_owned(), v.map(|v| v.reason)))
            .collect()
    }

    fn flagged(doc: &str) -> Vec<(String, Reason)> {
        reasons(doc)
            .into_iter()
            .filter_map(|(t, r)| r.map(|r| (t, r)))
            .collect()
    }

    const BODY: &[&str] = &[
        "为深入贯彻落实党中央、国务院关于发展养老服务的决策部署，加快建设居家社区机构相协调的养老服务体系，现提出如下意见。",
        "一、总体要求",
        "坚持以人民为中心，坚持政府引导、社会参与，推动养老服务高质量发展，满足老年人多层次多样化养老服务需求。",
        "二、主要任务",
        "（一）完善居家社区养老服务网络。到2025年，每个街道至少建成1个综合性养老服务中心，社区养老服务设施覆盖率达到90%以上。",
        "（二）提升机构养老服务能力。推动公办养老机构改革，支持社会力量举办养老机构，提高护理型床位占比。",
        "（三）加强养老服务人才队伍建设。支持职业院校开设养老服务相关专业，加强养老护理员培训，落实养老服务人才激励政策。",
        "三、保障措施",
        "（一）加强组织领导。各地要把发展养老服务纳入经济社会发展规划，建立健全养老服务工作协调机制。",
        "（二）加大资金投入。各级财政要加大对养老服务的投入，福利彩票公益金用于支持发展养老服务的比例不低于55%。",
        "（三）强化监督管理。建立养老服务综合监管制度，加强养老机构安全管理，维护老年人合法权益。",
    ];

    fn doc_with(noise: &[(usize, &str)]) -> String {
        let mut lines: Vec<String> = vec!["某某省人民政府关于加快发展养老服务的实施意见".into()];
        for (i, b) in BODY.iter().enumerate() {
            for (at, n) in noise {
                if *at == i {
                    lines.push((*n).into());
                }
            }
            lines.push((*b).into());
        }
        lines.join("\n\n")
    }

    #[test]
    fn clean_document_keeps_everything() {
        assert!(flagged(&doc_with(&[])).is_empty());
    }

    #[test]
    fn page_breaks_with_running_header() {
        let h = "某某省人民政府关于加快发展养老服务的实施意见（送审稿）";
        let doc = doc_with(&[(3, "- 2 -"), (3, h), (6, "3"), (6, h), (9, "第4页"), (9, h)]);
        let f = flagged(&doc);
        assert_eq!(
            f.iter().filter(|x| x.1 == Reason::RunningHeader).count(),
            3,
            "{f:?}"
        );
        assert_eq!(
            f.iter().filter(|x| x.1 == Reason::PageNumber).count(),
            3,
            "{f:?}"
        );
        assert_eq!(f.len(), 6);
    }

    #[test]
    fn off_topic_and_other_closing_clause() {
        let doc = doc_with(&[
            (
                2,
                "本赛季球队主场战绩出色，主教练表示将继续加强防守训练，力争季后赛取得突破。",
            ),
            (
                5,
                "本规定自印发之日起施行，原《某某市机关车辆管理规定》同时废止。",
            ),
            (
                8,
                "该化合物在低温条件下表现出良好的催化活性，其晶体结构经X射线衍射确认。",
            ),
        ]);
        let f = flagged(&doc);
        assert_eq!(
            f.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![Reason::OffTopic, Reason::Boilerplate, Reason::OffTopic],
            "{f:?}"
        );
    }

    #[test]
    fn own_closing_article_kept() {
        let doc = "某某市物业管理条例\n\n第一章　总则\n\n第一条　为了规范物业管理活动，维护业主和物业服务企业的合法权益，制定本条例。\n\n第二条　本市行政区域内的物业管理活动，适用本条例。\n\n第三条　物业管理应当坚持业主自治与专业服务相结合。\n\n第四条　本条例自2023年1月1日起施行。";
        assert!(flagged(doc).is_empty(), "{:?}", flagged(doc));
    }

    #[test]
    fn table_of_contents_block() {
        let doc = "某某市城市更新条例\n\n目　录\n\n第一章　总则……………………1\n\n第二章　规划……………………5\n\n第三章　实施……………………9\n\n第一章　总则\n\n第一条　为了推进城市更新，制定本条例。";
        let f = flagged(doc);
        assert_eq!(f.len(), 4, "{f:?}");
        assert!(f.iter().all(|x| x.1 == Reason::Toc));
    }

    #[test]
    fn gazette_header_once_and_markdown_page_marker() {
        let doc = doc_with(&[
            (4, "## 第03页"),
            (4, "某某市人民政府公报"),
            (8, "--- 第 4 页 ---"),
        ]);
        let f = flagged(&doc);
        assert_eq!(
            f.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![
                Reason::PageNumber,
                Reason::RunningHeader,
                Reason::PageNumber
            ],
            "{f:?}"
        );
    }

    #[test]
    fn header_with_varying_issue_number_and_lost_page_numbers() {
        let doc = doc_with(&[
            (3, "第 7 页"),
            (3, "某某省人民政府公报 2023年第5期"),
            (7, "第 8 页"),
            (7, "某某省人民政府公报 2023年第6期"),
        ]);
        let f = flagged(&doc);
        assert_eq!(f.len(), 4, "{f:?}");
        let h = "某某省人民政府关于加快发展养老服务的实施意见";
        let doc = doc_with(&[(3, h), (6, h), (9, h)]);
        let f = flagged(&doc);
        assert_eq!(f.len(), 3, "{f:?}");
        assert!(f.iter().all(|x| x.1 == Reason::RunningHeader));
    }

    #[test]
    fn header_and_page_number_on_one_line() {
        let doc = doc_with(&[
            (4, "某某省人民政府公报　— 15 —"),
            (8, "— 16 —　某某省人民政府公报"),
        ]);
        let f = flagged(&doc);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|x| x.1 == Reason::RunningHeader));
    }

    #[test]
    fn own_figure_series_kept_foreign_caption_removed() {
        let doc = doc_with(&[
            (3, "图1 居家社区养老服务网络布局"),
            (4, "图2 养老机构护理型床位占比"),
            (5, "图3 养老服务人才培训情况"),
            (7, "图 2-4 卷积层特征图可视化结果"),
        ]);
        let f = flagged(&doc);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, Reason::FigureCaption);
    }

    #[test]
    fn wrapped_text_fragments_kept_inserted_sentence_removed() {
        // The body cut at a page width of 30 characters, with no blank lines.
        let mut lines: Vec<String> = Vec::new();
        for para in BODY {
            let chars: Vec<char> = para.chars().collect();
            for chunk in chars.chunks(30) {
                lines.push(chunk.iter().collect());
            }
        }
        lines.insert(
            9,
            "这家餐厅的招牌菜口感鲜嫩，深受食客好评，周末常常需要排队。".into(),
        );
        let doc = format!(
            "某某省人民政府关于加快发展养老服务的实施意见\n{}",
            lines.join("\n")
        );
        let f = flagged(&doc);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, Reason::OffTopic);
    }

    #[test]
    fn document_head_kept() {
        let doc = "国务院办公厅关于加快发展养老服务的实施意见\n\n国办发〔2023〕12号\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n为深入贯彻落实党中央、国务院决策部署，现提出如下意见。\n\n一、总体要求\n\n坚持以人民为中心，推动养老服务高质量发展。\n\n附件：重点任务分工表\n\n国务院办公厅\n\n2023年3月1日";
        assert!(flagged(doc).is_empty(), "{:?}", flagged(doc));
    }

    #[test]
    fn toc_without_leaders_and_closing_clause_inside_a_regulation() {
        let doc = "某某市养老服务条例\n\n目录\n\n第一章 总则 1\n\n第二章 服务供给 3\n\n第三章 附则 9\n\n第一章　总则\n\n第一条　为了规范养老服务，制定本条例。\n\n第二条　本市行政区域内的养老服务活动，适用本条例。\n\n本细则自印发之日起施行，原细则同时废止。\n\n第三条　养老服务坚持政府主导、社会参与。\n\n第四条　市民政部门负责养老服务工作。\n\n第五条　各区人民政府负责本区养老服务工作。\n\n第六条　本条例自2024年1月1日起施行。";
        let f = flagged(doc);
        assert_eq!(
            f.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![
                Reason::Toc,
                Reason::Toc,
                Reason::Toc,
                Reason::Toc,
                Reason::Boilerplate
            ],
            "{f:?}"
        );
    }

    #[test]
    fn english_order_is_not_foreign_to_itself() {
        let doc = "Executive Order on Promoting Competition\n\nBy the authority vested in me as President by the Constitution and the laws of the United States, it is hereby ordered as follows:\n\nSection 1. Policy. A fair, open, and competitive marketplace has long been a cornerstone of the American economy.\n\n- 2 -\n\nSec. 2. Definitions. For the purposes of this order, the term agency means any authority of the United States.";
        let f = flagged(doc);
        assert_eq!(f, vec![("- 2 -".to_string(), Reason::PageNumber)]);
    }

    #[test]
    fn titleless_document_keeps_its_own_last_clause() {
        let mut lines: Vec<&str> = vec!["湖南省教育厅", "湖南省发展和改革委员会"];
        lines.extend(BODY);
        lines.push("本方案自印发之日起施行。");
        assert!(flagged(&lines.join("\n\n")).is_empty());
        lines.insert(4, "本规定自2020年1月1日起施行，原规定同时废止。");
        let f = flagged(&lines.join("\n\n"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, Reason::Boilerplate);
    }

    #[test]
    fn page_break_inside_a_wrapped_paragraph() {
        let mut lines: Vec<String> = Vec::new();
        for para in BODY {
            let chars: Vec<char> = para.chars().collect();
            for chunk in chars.chunks(30) {
                lines.push(chunk.iter().collect());
            }
        }
        // A page break between two lines of one paragraph.
        lines.insert(6, "- 2 -".into());
        lines.insert(7, "某某省人民政府关于加快发展养老服务的实施意见".into());
        lines.insert(12, "- 3 -".into());
        lines.insert(13, "某某省人民政府关于加快发展养老服务的实施意见".into());
        let doc = format!(
            "某某省人民政府关于加快发展养老服务的实施意见\n{}",
            lines.join("\n")
        );
        let f = flagged(&doc);
        assert_eq!(f.len(), 4, "{f:?}");
    }

    #[test]
    fn table_numbers_kept() {
        let doc = "各省招生计划\n\n省份\n\n计划数\n\n北京\n\n90\n\n天津\n\n45\n\n河北\n\n100";
        assert!(flagged(doc).is_empty(), "{:?}", flagged(doc));
    }
}
