//! Document context: closing clauses of another document, and sentences that
//! share almost none of the document's vocabulary.

use crate::hash::{FastMap, FastSet};
use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use super::line::closing_type;
use super::text::is_cjk;
use super::Verdict;
use crate::model::Reason;
use crate::pattern::Pattern;
use crate::text::is_date_line;
use std::borrow::Cow;

/// Distinct content bigrams of a document from which its vocabulary is
/// taken as complete evidence; below it the off-topic bar is lowered in
/// proportion. A one-page notice has 200–400, the dev documents 600–9,000.
const FULL_EVIDENCE_GRAMS: usize = 600;

/// Units at the top searched for the document's own type (its title).
const HEAD: usize = 15;

/// Share of a paragraph's content bigrams found elsewhere in the document at
/// or under which it is off-topic, by the number of other-genre cues in it
/// (none, one, two or more). Set on the dev cases and not retuned on the
/// val and wide sets, whose figures are in `docs/evaluation.md`.
const CUE_BARS: [f64; 3] = [0.15, 0.35, 0.5];
/// The no-cue bar for a self-contained sentence (it closes, and does not
/// continue the line above): a whole sentence pasted in shares more of the
/// general vocabulary than a fragment does. Set on the dev cases.
const WHOLE_SENTENCE_BAR: f64 = 0.22;
/// Fewest content bigrams judged: a shorter paragraph (a label, a name, a
/// date) says too little to be told from the document.
const MIN_GRAMS: usize = 8;
/// Most content bigrams judged off-topic when the bar depends on cues: past
/// it a paragraph is taken for the document's own prose with unusual words,
/// not a pasted sentence.
const MAX_CUED_GRAMS: usize = 50;
/// Most content bigrams judged off-topic on the no-cue bar scaled by the
/// document's evidence.
const MAX_UNCUED_GRAMS: usize = 80;

/// Longest head line read as a title line when the document's own types
/// are looked for (a title runs to two or three lines of this).
const TITLE_LINE_MAX_CHARS: usize = 45;
/// Articles (`第…条`) that make a document a statute, whose own closing
/// clause is its last article.
const STATUTE_MIN_ARTICLES: usize = 5;
/// Where a document's end begins, as a share of its lines (numerator,
/// denominator): a closing clause there is in place.
const END_SHARE: (usize, usize) = (3, 4);
/// Longest heading line that stands alone in paragraph grouping.
const HEADING_MAX_CHARS: usize = 26;
/// Shortest comma-bearing line read as running text broken mid-sentence
/// when the text has no page width.
const RUNNING_MIN_CHARS: usize = 30;
/// A line above shorter than this (a heading, a label) does not make the
/// sentence below it a continuation.
const SHORT_LINE_CHARS: usize = 20;
/// Lines under a signature date searched back from a closing clause: the
/// date, the circulation note (`（此件公开发布）`) and a contact line.
const SIGNATURE_LINES: usize = 3;
/// Characters by which a wrapped line may miss the page width (a trailing
/// space, a wide character, a closing mark) and still fill it.
const WIDTH_SLACK: usize = 2;

/// Words of other genres ([`crate::lexicon::GENRE_CUES`]), one pattern per
/// genre in file order: company reports, medicine, research papers, weather,
/// advertising, letters and narratives, sports and food. A cue only lowers
/// the bar; the vocabulary decides.
static GENRES: LazyLock<Vec<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    let mut genres: Vec<(&str, Vec<&str>)> = Vec::new();
    for e in crate::lexicon::entries(crate::lexicon::GENRE_CUES) {
        let genre = e.note.split(':').next().unwrap_or("").trim();
        match genres.iter_mut().find(|(g, _)| *g == genre) {
            Some((_, words)) => words.push(e.term),
            None => genres.push((genre, vec![e.term])),
        }
    }
    genres
        .iter()
        .map(|(_, words)| {
            // Leftmost, then longest: the matches of the alternation of the
            // words, longest first. A contiguous NFA, not the default DFA:
            // searched only where `ANY_GENRE` found a cue, the seven are
            // built on every document that reaches the check (2.8 M of the
            // seed's 128 M instructions saved; a 2 MB document the same).
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(words)
                .expect("lexicon automaton")
        })
        .collect()
});

/// Any genre cue at all: one pass that spares most paragraphs the search
/// genre by genre (the cues are plain words: an Aho–Corasick automaton
/// answers without the regex engine's per-search set-up).
static ANY_GENRE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(crate::lexicon::terms(crate::lexicon::GENRE_CUES))
        .expect("lexicon automaton")
});

/// A third-person cue (`他的`) inside `其他的` ("other"): no cue.
fn inside_other(t: &str, at: usize, word: &str) -> bool {
    word.starts_with('他') && t[..at].ends_with('其')
}

/// The genre cues in `t`: the words found, and their strength (how many
/// genres they come from, plus one for three or more different words).
fn genre_cues(t: &str) -> (BTreeSet<&str>, usize) {
    let mut words = BTreeSet::new();
    if !ANY_GENRE.is_match(t) {
        return (words, 0);
    }
    let mut genres = 0;
    for g in GENRES.iter() {
        let before = words.len();
        let found = g
            .find_iter(t)
            .map(|m| (m.start(), &t[m.range()]))
            .filter(|&(at, w)| !inside_other(t, at, w));
        words.extend(found.map(|(_, w)| w));
        genres += usize::from(words.len() > before);
    }
    // Three different cue words weigh like a second genre.
    let strength = genres + usize::from(words.len() >= 3);
    (words, strength)
}

static HEADING: Pattern = Pattern::new(|| {
    r"^(?:第[一二三四五六七八九十百零]+[编章节条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])".into()
});

/// The bigrams of the common words of Chinese policy writing
/// ([`crate::lexicon::POLICY_WORDS`]): shared vocabulary even when a short
/// document uses them once, so only text of another genre stays low.
static POLICY: LazyLock<FastSet<Gram>> = LazyLock::new(|| {
    crate::lexicon::terms(crate::lexicon::POLICY_WORDS)
        .into_iter()
        .flat_map(|w| bigrams(w).into_iter())
        .collect()
});

/// Content bigrams of a line, its spaces aside (a PDF's letter-spaced title).
fn line_grams(t: &str) -> Vec<Gram> {
    let mut out = Vec::new();
    line_grams_into(t, &mut out);
    out
}

/// [`line_grams`] into a buffer the caller reuses line after line.
fn line_grams_into(t: &str, out: &mut Vec<Gram>) {
    grams_into(t.chars().filter(|c| !c.is_whitespace()), out);
}

/// Two adjacent characters as one number, the first in the high half: the
/// numbers sort as the pairs do, and sort and hash faster.
type Gram = u64;

fn gram(a: char, b: char) -> Gram {
    (u64::from(a) << 32) | u64::from(b)
}

/// Content bigrams of a line: pairs of adjacent CJK characters, sorted and
/// distinct (a set, kept in a vector: lines are short).
pub(crate) fn bigrams(s: &str) -> Vec<Gram> {
    grams_of(s.chars())
}

/// [`bigrams`] into `out`, emptied first: one buffer for many lines.
pub(crate) fn bigrams_into(s: &str, out: &mut Vec<Gram>) {
    grams_into(s.chars(), out);
}

fn grams_of(chars: impl Iterator<Item = char>) -> Vec<Gram> {
    let mut out = Vec::new();
    grams_into(chars, &mut out);
    out
}

/// [`grams_of`] into `out`, emptied first.
fn grams_into(chars: impl Iterator<Item = char>, out: &mut Vec<Gram>) {
    out.clear();
    let mut prev: Option<char> = None;
    for c in chars {
        if let Some(p) = prev.filter(|&p| is_cjk(p) && is_cjk(c)) {
            out.push(gram(p, c));
        }
        prev = Some(c);
    }
    out.sort_unstable();
    out.dedup();
}

/// A title without its trailing note (`（国务院令第778号）`, `（试行）`) and
/// Markdown emphasis: what is left ends with the document type.
fn title_stem(t: &str) -> &str {
    static NOTE: Pattern = Pattern::new(|| r"(?:\s*[（(][^（）()]{0,30}[)）])+\s*$".into());
    let t = t.trim_matches(['*', ' ', '#']);
    let t = NOTE.find(t).map_or(t, |m| &t[..m.start()]);
    t.trim_end_matches(['》', '*', ' '])
}

/// `t` is a document type (`办法`, `实施方案`) or a word for a document of
/// any type (`文件`).
fn is_doc_type(t: &str) -> bool {
    static TYPES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        let mut words = crate::lexicon::terms(crate::lexicon::DOC_TYPES);
        words.extend(crate::lexicon::terms(crate::lexicon::SELF_REFERENCES));
        words.into_iter().collect()
    });
    TYPES.contains(t)
}

/// The document types named in `t` (`办法`, `通知`…), longest forms first.
fn types_in(t: &str) -> Vec<&'static str> {
    static TYPES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut v = crate::lexicon::terms(crate::lexicon::DOC_TYPES);
        v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        v
    });
    TYPES.iter().copied().filter(|ty| t.contains(ty)).collect()
}

/// The document's own types (`通知`, `办法`…), read from the title lines of
/// its head: a title names its type at the end (…的通知, …实施条例); a
/// notice that issues or forwards another document (印发, 转发) carries
/// that one's type too.
fn own_types(texts: &[Cow<str>], out: &[Option<Verdict>]) -> Vec<&'static str> {
    let n = texts.len();
    // Title lines in the head: short, no clause punctuation, not a heading.
    let titles: Vec<&str> = (0..n.min(HEAD))
        .filter(|&i| out[i].is_none() && closing_type(&texts[i]).is_none())
        .map(|i| title_stem(&texts[i]))
        .filter(|t| {
            t.chars().count() <= TITLE_LINE_MAX_CHARS
                && !t.contains(['，', '。', '；'])
                && !t.ends_with(['：', ':'])
                && !HEADING.is_match(t)
        })
        .collect();
    let head: String = titles.concat();
    let mut own: Vec<&str> = titles
        .iter()
        .filter_map(|t| types_in(t).into_iter().find(|ty| t.ends_with(ty)))
        .collect();
    if ["印发", "转发", "发布", "公布", "颁布"]
        .iter()
        .any(|w| head.contains(w))
    {
        own.extend(types_in(&head));
    }
    own.sort_unstable();
    own.dedup();
    own
}

/// Marks other documents' closing clauses and off-topic sentences in `out`.
pub(crate) fn context(
    texts: &[Cow<str>],
    widths: &[usize],
    width: Option<usize>,
    out: &mut [Option<Verdict>],
) {
    let n = texts.len();
    let own = own_types(texts, out);
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
        // The document's own last article (`第三十六条 本条例自…施行`) stays.
        let (num, den) = END_SHARE;
        let at_end = i * den >= n * num;
        let last_article = texts[i].starts_with('第') && articles >= STATUTE_MIN_ARTICLES && at_end;
        // Without a readable title, only a clause that repeals another
        // document or sits mid-document betrays itself.
        // A document closes before its signature: a clause a few lines
        // under the signature date closes none of it.
        let signed = (i.saturating_sub(SIGNATURE_LINES)..i).find(|&j| is_date_line(&texts[j]));
        let detail = if let Some(j) = signed {
            format!(
                "closing clause of a document after this one's signature date (`{}`)",
                texts[j]
            )
        } else if last_article || (own.is_empty() && at_end && !texts[i].contains("废止")) {
            continue;
        } else if ty == super::line::GENERIC_DOC {
            // `本文件自…施行` names no type: any document may close so, at its end.
            if at_end {
                continue;
            }
            "closing clause of a document (`本文件…施行`) in the middle of this one".to_string()
        } else if !own
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
        } else if articles >= STATUTE_MIN_ARTICLES && !texts[i].starts_with('第') && !at_end {
            format!("closing clause of a {ty} in the middle of the document, outside any article")
        } else {
            continue;
        };
        out[i] = Some(Verdict::new(Reason::Boilerplate, detail));
    }

    off_topic(texts, widths, width, out);
}

/// Ends a sentence: a full line ending so is not continued by the next.
fn ends_sentence(t: &str) -> bool {
    t.ends_with(['。', '！', '？', '!', '?', '；', ';', '…'])
}

/// Ends a sentence or a block (a closing bracket or quote included).
fn closes(t: &str) -> bool {
    t.ends_with([
        '。', '！', '？', '!', '?', '；', ';', '：', ':', '）', ')', '”', '」', '…',
    ])
}

/// Starts inside a sentence: clause punctuation or a closing bracket first.
fn starts_inside(t: &str) -> bool {
    if t.starts_with([
        '，', '。', '、', '；', '：', '）', ')', '”', '》', '」', '％', '%',
    ]) {
        return true;
    }
    // A closing bracket before any opening one: the line began inside a pair.
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '（' | '(' | '《' | '“' => depth += 1,
            '）' | ')' | '》' | '”' => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// A paragraph as the off-topic judge reads it: its kept lines, and whether
/// it is one line found inside another paragraph's sentence (see
/// [`inserted`]), which is judged as a sentence of its own.
struct Paragraph {
    lines: Vec<usize>,
    inserted: bool,
}

/// Line `i` of a wrapped text sits inside a sentence that is not its own:
/// the line above fills the page width and leaves its sentence open, and
/// line `i` is out of the flow a page width makes, either longer than the
/// width (no line of the wrapped text can be) or not continuing the line
/// above while the line below does (`…由其他经营者实际提供商品或者服` /
/// `转发至：朋友圈` / `务的，还应当…`; the pair across the seam must be one
/// the document writes elsewhere, as in [`finishes_a_word`]).
fn inserted(
    vocab: &Vocabulary,
    widths: &[usize],
    w: usize,
    out: &[Option<Verdict>],
    i: usize,
) -> bool {
    let texts = vocab.texts;
    if i == 0 || (widths[i] + WIDTH_SLACK >= w && widths[i] <= w + WIDTH_SLACK) {
        return false;
    }
    if widths[i] > w + WIDTH_SLACK {
        return true;
    }
    let Some(next) = (i + 1 < texts.len() && out[i + 1].is_none()).then_some(i + 1) else {
        return false;
    };
    let a = texts[i - 1].as_ref();
    vocab.word_cut_across(a, &texts[next]) && !crate::lexicon::dict::word_across(a, &texts[i])
}

/// Groups kept lines into paragraphs. In PDF text cut at a page width
/// `width` (the joiner's, [`crate::segment::detect_wrap`]), a line that fills
/// the width and leaves its sentence open is continued by the next; a line
/// [`inserted`] into such a sentence is a paragraph of its own, and the
/// sentence goes on after it.
fn paragraphs(
    vocab: &Vocabulary,
    widths: &[usize],
    width: Option<usize>,
    out: &[Option<Verdict>],
) -> Vec<Paragraph> {
    let texts = vocab.texts;
    let mut paras: Vec<Paragraph> = Vec::new();
    // The paragraph a line may continue, and whether its sentence is open.
    let mut current: Option<usize> = None;
    let mut open = false;
    for (i, t) in texts.iter().enumerate() {
        if let Some(v) = &out[i] {
            // A page break (number, header) may fall inside a paragraph;
            // any other noise ends it.
            if !matches!(v.reason, Reason::PageNumber | Reason::RunningHeader) {
                open = false;
            }
            continue;
        }
        if open && width.is_some_and(|w| inserted(vocab, widths, w, out, i)) {
            paras.push(Paragraph {
                lines: vec![i],
                inserted: true,
            });
            continue;
        }
        // A line that starts inside a sentence (`，…`, `）…`) continues the one before.
        let continues = i > 0 && out[i - 1].is_none() && starts_inside(t);
        match current {
            Some(c) if open || continues => paras[c].lines.push(i),
            _ => {
                paras.push(Paragraph {
                    lines: vec![i],
                    inserted: false,
                });
                current = Some(paras.len() - 1);
            }
        }
        // Headings (`二、保障措施`) stand alone; full lines that leave a sentence
        // open continue; so does running text (with commas) broken mid-sentence.
        let heading = HEADING.is_match(t) && t.chars().count() < HEADING_MAX_CHARS;
        let full = width.is_some_and(|w| widths[i] + WIDTH_SLACK >= w);
        let running =
            width.is_none() && t.chars().count() >= RUNNING_MIN_CHARS && t.contains(['，', '；']);
        // A full line ending in a bracket or quote is still mid-paragraph.
        let ended = if full { ends_sentence(t) } else { closes(t) };
        open = (full || running) && !ended && !heading;
    }
    paras
}

/// The share bar for a sentence with cues of `cues` genres: none needs almost
/// no shared vocabulary, cues of two different genres are strong evidence.
fn bar(cues: usize) -> f64 {
    CUE_BARS[cues.min(CUE_BARS.len() - 1)]
}

/// The document's vocabulary: each line's content bigrams and, per bigram,
/// the number of distinct kept lines that have it.
struct Vocabulary<'a> {
    texts: &'a [Cow<'a, str>],
    freq: FastMap<Gram, u32>,
    /// Per pair of CJK characters after a `本`, the number of distinct kept
    /// lines that write `本` and the pair (`本办法` counts as `办法`).
    deictic: FastMap<Gram, u32>,
}

/// The pairs of CJK characters that follow a `本` in `t`, distinct.
fn deictic_pairs(t: &str) -> Vec<Gram> {
    let mut out: Vec<Gram> = t
        .match_indices('本')
        .filter_map(|(at, _)| {
            let mut after = t[at + '本'.len_utf8()..].chars();
            match (after.next(), after.next()) {
                (Some(a), Some(b)) if is_cjk(a) && is_cjk(b) => Some(gram(a, b)),
                _ => None,
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl<'a> Vocabulary<'a> {
    fn of(texts: &'a [Cow<'a, str>], out: &[Option<Verdict>]) -> Self {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut freq: FastMap<Gram, u32> = FastMap::default();
        let mut deictic: FastMap<Gram, u32> = FastMap::default();
        let mut buf = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            if out[i].is_none() && seen.insert(t.as_ref()) {
                line_grams_into(t, &mut buf);
                for &g in &buf {
                    *freq.entry(g).or_default() += 1;
                }
                for g in deictic_pairs(t) {
                    *deictic.entry(g).or_default() += 1;
                }
            }
        }
        Vocabulary {
            texts,
            freq,
            deictic,
        }
    }

    /// The content bigrams of line `i`, computed when asked: kept for every
    /// line they would take eight bytes per character of the document.
    fn grams(&self, i: usize) -> Vec<Gram> {
        line_grams(&self.texts[i])
    }

    /// `本X` that no other line of the document writes (`本产品`, `本周末`),
    /// with why: the deixis of another document, speaking of itself or its
    /// own time, where this one's self-references (`本办法`, `本行政区域`)
    /// name its type or what it is about, and recur. X is the next word of
    /// jieba's segmentation, two characters or more (`本市`, `本级` are too
    /// short to judge), and not a document type. Either X is named nowhere
    /// else (one of its bigrams is in no other distinct line), or no other
    /// distinct line writes `本` before X's first two characters.
    fn foreign_self_reference<'t>(&self, t: &'t str) -> Option<(&'t str, &'static str)> {
        let named = |w: &str| {
            bigrams(w)
                .iter()
                .all(|b| self.freq.get(b).is_some_and(|&n| n > 1))
        };
        let said_elsewhere = |w: &str| {
            let mut c = w.chars();
            let pair = gram(c.next().unwrap_or(' '), c.next().unwrap_or(' '));
            self.deictic.get(&pair).is_some_and(|&n| n > 1)
        };
        for block in t.split(|c: char| !is_cjk(c)).filter(|b| b.contains('本')) {
            // Word boundaries as byte offsets, the block's start first.
            let bounds = crate::lexicon::dict::char_bounds(block);
            let cuts: Vec<usize> = std::iter::once(0)
                .chain(crate::lexicon::dict::word_ends(block))
                .map(|k| bounds.get(k).copied().unwrap_or(block.len()))
                .collect();
            for w in cuts.windows(3) {
                let (word, next) = (&block[w[0]..w[1]], &block[w[1]..w[2]]);
                if word != "本" || next.chars().count() < 2 || is_doc_type(next) {
                    continue;
                }
                let found = &block[w[0]..w[2]];
                if !named(next) {
                    return Some((found, "which the document names nowhere else"));
                }
                if !said_elsewhere(next) {
                    return Some((
                        found,
                        "a self-reference no other line of the document makes",
                    ));
                }
            }
        }
        None
    }

    /// Line `b` finishes a word line `a` left cut: the seam falls inside a
    /// word, and the pair of characters across it is one the document
    /// writes elsewhere (a seam that merely could be read as a word, `…35人`
    /// over `本季度…`, is common by chance).
    fn word_cut_across(&self, a: &str, b: &str) -> bool {
        let (Some(x), Some(y)) = (a.chars().next_back(), b.chars().next()) else {
            return false;
        };
        is_cjk(x)
            && is_cjk(y)
            && self.freq.contains_key(&gram(x, y))
            && crate::lexicon::dict::word_across(a, b)
    }

    /// Shared bigrams of a set of lines (found in some other distinct line,
    /// or in the policy lexicon) and their distinct bigrams.
    fn share_of(&self, lines: &[usize]) -> (usize, usize) {
        let freq = |b: &Gram| self.freq.get(b).copied().unwrap_or(0);
        // One line: its bigrams are distinct already, each counted once.
        if let [i] = lines {
            let g = self.grams(*i);
            let shared = g
                .iter()
                .filter(|b| freq(b) > 1 || POLICY.contains(b))
                .count();
            return (shared, g.len());
        }
        let mut own: FastMap<Gram, u32> = FastMap::default();
        let mut distinct: HashSet<&str> = HashSet::new();
        for &i in lines {
            if distinct.insert(self.texts[i].as_ref()) {
                for g in self.grams(i) {
                    *own.entry(g).or_default() += 1;
                }
            }
        }
        let shared = own
            .iter()
            .filter(|(b, n)| freq(b) > **n || POLICY.contains(b))
            .count();
        (shared, own.len())
    }
}

/// Marks paragraphs that share almost none of the document's vocabulary.
///
/// Bigrams are counted once per distinct line, so a noise line repeated in
/// the document cannot vouch for itself; a bigram is shared when a line
/// outside the paragraph (or the policy lexicon) has it.
fn off_topic(
    texts: &[Cow<str>],
    widths: &[usize],
    width: Option<usize>,
    out: &mut [Option<Verdict>],
) {
    let vocab = Vocabulary::of(texts, out);
    let paras = paragraphs(&vocab, widths, width, out);
    // How much evidence the document gives: in a short document a real
    // paragraph shares few bigrams with the rest simply because the rest is
    // small, so the bar is lowered in proportion.
    let evidence = (vocab.freq.len() as f64 / FULL_EVIDENCE_GRAMS as f64).min(1.0);
    for para in &paras {
        let p = &para.lines;
        // A self-contained sentence (not a piece of a broken one) may share a
        // little more before it passes as the document's own.
        let whole = para.inserted
            || p.len() == 1 && {
                let i = p[0];
                let t: &str = &texts[i];
                t.ends_with(['。', '！', '？', '!', '?'])
                    && !starts_inside(t)
                    && (i == 0
                        || out[i - 1].is_some()
                        || texts[i - 1].chars().count() < SHORT_LINE_CHARS
                        || (closes(&texts[i - 1])
                            && width.is_none_or(|w| widths[i - 1] + WIDTH_SLACK < w)))
            };
        let mut marks = Vec::new();
        if !judge_paragraph(&vocab, p, whole, evidence, &mut marks) {
            judge_last_line(&vocab, p, &mut marks);
        }
        // Asked last: segmenting across the seam costs more than judging.
        if marks.is_empty() || finishes_a_word(&vocab, out, p[0]) {
            continue;
        }
        for (i, v) in marks {
            out[i] = Some(v);
        }
    }
}

/// Line `i` finishes a word the kept line right above it (page furniture
/// aside) left cut (`…他人共同持` over `有上市公司…`): the rest of the
/// document's own sentence, broken by a page or a blank line, not a sentence pasted in, so
/// it is not judged alone. A seam that merely could be read as a word is
/// common by chance (`…35人` over `本季度…`): the pair of characters across
/// it must also be one the document writes elsewhere.
fn finishes_a_word(vocab: &Vocabulary, out: &[Option<Verdict>], i: usize) -> bool {
    // Page furniture between the two halves is stepped over (a page break).
    let furniture = |v: &Verdict| matches!(v.reason, Reason::PageNumber | Reason::RunningHeader);
    let Some(above) = (0..i)
        .rev()
        .find(|&j| out[j].as_ref().is_none_or(|v| !furniture(v)))
        .filter(|&j| out[j].is_none())
    else {
        return false;
    };
    vocab.word_cut_across(&vocab.texts[above], &vocab.texts[i])
}

/// Marks paragraph `p` (its lines' verdicts go to `marks`) off-topic when it
/// shares too little of the document's vocabulary for its size and genre
/// cues; true when it did, or when it is too short to judge.
fn judge_paragraph(
    vocab: &Vocabulary,
    p: &[usize],
    whole: bool,
    evidence: f64,
    marks: &mut Vec<(usize, Verdict)>,
) -> bool {
    let texts = vocab.texts;
    let (shared, total) = vocab.share_of(p);
    if total < MIN_GRAMS {
        return true;
    }
    let share = shared as f64 / total as f64;
    // The highest bar any number of genre cues could set: a paragraph above
    // it stays whatever its cues, so they are not looked for (segmenting it
    // for `本X` is most of this stage's cost).
    let ceiling = f64::max(
        if total <= MAX_UNCUED_GRAMS {
            bar(0) * evidence
        } else {
            -1.0
        },
        if total <= MAX_CUED_GRAMS {
            bar(usize::MAX)
        } else {
            -1.0
        },
    );
    if share > ceiling {
        return false;
    }
    let joined: String = p.iter().map(|&i| texts[i].as_ref()).collect();
    let (cues, mut genres) = genre_cues(&joined);
    // Another document's self-reference weighs as a genre cue (once: it
    // may be a listed cue already, `本研究`).
    let deixis = vocab
        .foreign_self_reference(&joined)
        .filter(|(d, _)| !cues.contains(d));
    genres += usize::from(deixis.is_some());
    let bar0 = if whole { WHOLE_SENTENCE_BAR } else { bar(0) };
    // One foreign sentence, not a long paragraph with unusual vocabulary.
    // Other-genre cues are evidence of their own, whatever the size.
    let scale = if genres == 0 { evidence } else { 1.0 };
    let off = (total <= MAX_UNCUED_GRAMS && share <= bar(0) * evidence)
        || (total <= MAX_CUED_GRAMS && share <= bar(genres).max(bar0) * scale);
    if !off {
        return false;
    }
    let mut detail = format!("shares {shared} of {total} content bigrams with the document");
    if !cues.is_empty() {
        let list: Vec<&str> = cues.iter().copied().collect();
        detail.push_str(&format!("; other-genre cues `{}`", list.join("`, `")));
    }
    if let Some((d, why)) = deixis {
        detail.push_str(&format!("; it speaks of `{d}`, {why}"));
    }
    // In a paragraph of several lines, a line that speaks the document's
    // vocabulary by itself was glued on and stays.
    for &i in p {
        let (ls, lt) = vocab.share_of(&[i]);
        let line_bar = bar(genre_cues(&texts[i]).1).max(WHOLE_SENTENCE_BAR);
        if p.len() == 1 {
            marks.push((i, Verdict::new(Reason::OffTopic, detail.clone())));
        } else if ls as f64 <= line_bar * lt as f64 {
            let d = format!("line shares {ls} of {lt} content bigrams; its paragraph: {detail}");
            marks.push((i, Verdict::new(Reason::OffTopic, d)));
        }
    }
    true
}

/// A whole sentence glued to the end of a paragraph whose last line happened
/// to fill the page width: that last line judged by itself.
fn judge_last_line(vocab: &Vocabulary, p: &[usize], marks: &mut Vec<(usize, Verdict)>) {
    let Some(&last) = p.last() else { return };
    let t = &vocab.texts[last];
    let (cues, genres) = genre_cues(t);
    if p.len() < 2 || cues.is_empty() || !closes(t) {
        return;
    }
    let (ls, lt) = vocab.share_of(&[last]);
    if (MIN_GRAMS..=MAX_CUED_GRAMS).contains(&lt) && (ls as f64) <= bar(genres) * lt as f64 {
        let list: Vec<&str> = cues.iter().copied().collect();
        let detail = format!(
            "shares {ls} of {lt} content bigrams with the document; other-genre cues `{}`",
            list.join("`, `")
        );
        marks.push((last, Verdict::new(Reason::OffTopic, detail)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_rise_with_cues_so_the_early_exit_holds() {
        // `judge_paragraph` skips the cue search above `bar(usize::MAX)`:
        // that is only right while no cue count or sentence bar sets more.
        assert!(CUE_BARS.windows(2).all(|w| w[0] <= w[1]));
        assert!(WHOLE_SENTENCE_BAR <= bar(usize::MAX));
    }

    #[test]
    fn closing_in_head_of_a_notice() {
        let texts: Vec<Cow<str>> = [
            "国务院办公厅关于抓好赋予科研机构和人员",
            "本办法自发布之日起施行。《关于加强和改进中央和国家机关党的建设的意见》同时废止。",
            "更大自主权有关文件贯彻落实工作的通知",
            "国办发〔2018〕127号",
        ]
        .iter()
        .map(|&s| Cow::Borrowed(s))
        .collect();
        let mut out = vec![None; texts.len()];
        context(&texts, &[0; 4], None, &mut out);
        assert_eq!(
            out[1].as_ref().map(|v| v.reason),
            Some(Reason::Boilerplate),
            "{out:?}"
        );
    }
}
