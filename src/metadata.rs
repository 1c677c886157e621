//! Metadata: the title, issuing bodies, document number, date and recipients
//! found in the head and the signature block of a document.

use crate::model::Metadata;
use crate::pattern::Pattern;
use crate::segment::Unit;
use std::sync::LazyLock;

/// Most characters of an issuer's name before its organisation's word.
const ISSUER_MAX_CHARS: usize = 30;

static DOC_NUMBER: Pattern = Pattern::new(|| {
    r"^[\p{Han}]{1,12}\s*[〔\[【（(]\s*(?:19|20)\d{2}\s*[〕\]】）)]\s*(?:第\s*)?\d{1,4}\s*号$"
        .into()
});
/// The number of an order, on the line under the order's name
/// (`中华人民共和国国务院令` / `第707号`, `（第三十八号）`).
static ORDER_NUMBER: Pattern =
    Pattern::new(|| format!(r"^\s*[（(]?\s*第\s*{ORDINAL}\s*号\s*[）)]?\s*$"));
/// An order's ordinal: digits or Chinese numerals.
const ORDINAL: &str = "(?:[0-9]{1,4}|[一二三四五六七八九十百零〇]{1,8})";
/// The name of an order as its heading gives it: the issuing body and `令`
/// (`中华人民共和国主席令`, `…部令`), no longer than an issuer's name; once
/// (a browser's print doubles the line: `…国务院令 …国务院令`).
static ORDER_NAME: Pattern =
    Pattern::new(|| format!(r"^[\p{{Han}}&&[^令]]{{2,{ISSUER_MAX_CHARS}}}令$"));
/// An order's name and number on one line (`国务院令第737号`).
static ORDER: Pattern =
    Pattern::new(|| format!(r"^[\p{{Han}}&&[^令]]{{2,{ISSUER_MAX_CHARS}}}令第{ORDINAL}号$"));
static ISSUER: Pattern = Pattern::new(|| {
    format!(
        r"^[\p{{Han}}（）()]{{2,{ISSUER_MAX_CHARS}}}(?:{})$",
        crate::lexicon::alternation(crate::lexicon::ORG_SUFFIXES)
    )
});
/// The last name of an addressee line: an issuer's form or an addressee's
/// (`各有关单位`), a bracketed note after it (`教育厅（教委）`) aside.
static ADDRESSEE_END: Pattern = Pattern::new(|| {
    format!(
        r"(?:{}|{})(?:[（(][^（()）]{{1,12}}[）)])?$",
        crate::lexicon::alternation(crate::lexicon::ORG_SUFFIXES),
        crate::lexicon::alternation(crate::lexicon::ADDRESSEE_SUFFIXES)
    )
});
static TITLE_END: Pattern = Pattern::new(|| {
    format!(
        "(?:{})$",
        crate::lexicon::alternation(crate::lexicon::DOC_TYPES)
    )
});
static NOTE: Pattern = Pattern::new(|| r"^[（(][^（()）]{2,20}[）)]$".into());
static PAREN_TAIL: Pattern = Pattern::new(|| r"[（(][^（()）]{1,30}[）)]$".into());

/// Metadata and the units it consumed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The metadata.
    pub metadata: Metadata,
    /// Indices of the units consumed.
    pub units: Vec<usize>,
}

/// Whether `t` holds sentence punctuation (a full stop, comma or semicolon).
pub(crate) fn is_sentence(t: &str) -> bool {
    t.contains(['。', '，', '；', '！', '？', ',', ';'])
}

/// Most bytes a name [`ISSUER`] matches can have: [`ISSUER_MAX_CHARS`]
/// characters and an organisation's word, each at most 4 bytes. A longer
/// piece (most lines of a document) is answered without running the pattern.
static ISSUER_MAX_BYTES: LazyLock<usize> = LazyLock::new(|| {
    let suffix = crate::lexicon::terms(crate::lexicon::ORG_SUFFIXES)
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    4 * (ISSUER_MAX_CHARS + suffix)
});

/// One issuer's name: Han text ending in an organisation's word.
fn is_issuer(name: &str) -> bool {
    name.len() <= *ISSUER_MAX_BYTES && ISSUER.is_match(name)
}

/// Issuer names on one line (`湖南省教育厅 湖南省发展和改革委员会`).
fn issuers(text: &str) -> Option<Vec<String>> {
    let text = text
        .trim_start_matches(['#', '*', '>', ' '])
        .trim_end_matches(['*', ' ']);
    let parts: Vec<&str> = text
        .split([' ', '\u{3000}', '\t'])
        .filter(|p| !p.is_empty())
        .collect();
    // A letterhead names the issuer with `文件` after it (GB/T 9704 发文机关标志).
    if let [one] = parts[..] {
        if let Some(stem) = one.strip_suffix("文件").filter(|s| is_issuer(s)) {
            return Some(vec![stem.to_string()]);
        }
    }
    (!parts.is_empty() && parts.iter().all(|p| is_issuer(p)))
        .then(|| parts.iter().map(|p| p.to_string()).collect())
}

/// An addressee line (主送机关): names of organisations, the last one ending
/// in an organisation's word, closed by a colon (`各省、自治区、直辖市人民政府，
/// 国务院各部委、各直属机构：`, `国务院：`). A clause that leads into a list
/// (`…应当提交下列材料：`, `…重点做好以下工作：`) names no organisation last.
/// A name ends in an organisation's word (`…人民政府`, `各有关单位`,
/// `教育厅（教委）`): issuers' forms and addressees'.
pub(crate) fn names_organisation(name: &str) -> bool {
    ADDRESSEE_END.is_match(name)
}

/// Shortest addressee line, colon included (`国务院：`).
const RECIPIENTS_MIN_CHARS: usize = 4;
/// Longest addressee line: a long list of bodies (`各省、自治区、直辖市人民政府，
/// 国务院各部委、各直属机构：`) fits, a paragraph does not. Set on the dev cases.
const RECIPIENTS_MAX_CHARS: usize = 120;
/// Longest addressee line that stands alone by its form, never joined to a
/// paragraph. Set on the dev cases.
const STANDALONE_RECIPIENTS_MAX_CHARS: usize = 40;

fn is_recipients(t: &str) -> bool {
    let chars = t.chars().count();
    let Some(body) = t.strip_suffix(['：', ':']) else {
        return false;
    };
    let last = body.rsplit(['、', '，', ',', '；']).next().unwrap_or(body);
    (RECIPIENTS_MIN_CHARS..=RECIPIENTS_MAX_CHARS).contains(&chars)
        && !t.contains('。')
        && crate::markers::parse(t, None).is_none()
        // `…(牵头单位:` opens a note that goes on; an addressee line closes its brackets.
        && t.matches(['（', '(']).count() == t.matches(['）', ')']).count()
        && names_organisation(last)
}

/// A line that reads as a document title: it ends in a document-type word
/// (`…的通知`, `…条例`), an edition note in brackets aside.
pub fn looks_like_title(text: &str) -> bool {
    let core = PAREN_TAIL.replace(text.trim_end_matches(['》', '”']), "");
    !is_sentence(text) && TITLE_END.is_match(core.trim_end_matches(['》', '”']))
}

/// A line that stands alone by its form: a date, a document number, issuer
/// names or an addressee line. Such lines never join a paragraph.
pub fn is_standalone_line(text: &str) -> bool {
    is_date_or_doc_number(text)
        || issuers(text).is_some()
        || (is_recipients(text) && text.chars().count() <= STANDALONE_RECIPIENTS_MAX_CHARS)
}

/// A date line or a document number (`国办发〔2018〕124号`).
fn is_date_or_doc_number(text: &str) -> bool {
    // A document number closes on `号`; only such a line is compacted.
    crate::text::is_date_line(text) || (text.contains('号') && DOC_NUMBER.is_match(&compact(text)))
}

/// A date line, a document number or an order's number: a line a title
/// never holds.
fn is_date_or_number(text: &str) -> bool {
    is_date_or_doc_number(text) || ORDER_NUMBER.is_match(text)
}

/// `t` without its whitespace and its enclosing brackets (`（第三十八号）` →
/// `第三十八号`).
fn unbracketed(t: &str) -> String {
    compact(t)
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .to_string()
}

/// Reads the metadata of the units not flagged as noise (`noise[i]`); a title
/// is taken from the head even when the cleaner saw it repeated (running headers
/// repeat the title). `furniture[i]` marks every unit the cleaner flagged.
pub fn extract(units: &[Unit], source: &str, noise: &[bool], furniture: &[bool]) -> Found {
    let mut r = Reader {
        units,
        source,
        noise,
        furniture,
        head_end: head_end(units, furniture),
        taken: vec![false; units.len()],
        md: Metadata::default(),
        title_done: false,
    };
    for (i, &is_noise) in noise.iter().enumerate().take(r.head_end) {
        if !r.taken[i] && !is_noise {
            r.read_head_line(i);
        }
    }
    r.heading_title();
    r.read_signature();
    r.number_in_title();
    let found_units: Vec<usize> = (0..units.len()).filter(|&i| r.taken[i]).collect();
    let mut metadata = r.md;
    metadata.lines = found_units
        .iter()
        .map(|&i| [units[i].line, units[i].line])
        .collect();
    Found {
        metadata,
        units: found_units,
    }
}

/// Longest sentence that leaves the head open: a longer one is body text.
/// Set on the dev cases.
const HEAD_SENTENCE_MAX_CHARS: usize = 60;

/// The words of an order's promulgating sentence (《立法法》: the order
/// states that the law is promulgated and when it takes effect: `…现予公布，
/// 自2025年3月1日起施行。`): however long, it is part of the order's head,
/// above its signature, date and the title of what it promulgates.
const PROMULGATES: [&str; 2] = ["公布", "施行"];

/// The head: up to the first numbered or long body paragraph (page
/// furniture above the title does not end it).
fn head_end(units: &[Unit], furniture: &[bool]) -> usize {
    (0..units.len())
        .find(|&i| {
            let u = &units[i];
            !furniture[i]
                && (crate::markers::parse(&u.text, None).is_some()
                    || (u.text.chars().count() > HEAD_SENTENCE_MAX_CHARS
                        && is_sentence(&u.text)
                        && !PROMULGATES.iter().all(|w| u.text.contains(w))))
        })
        .unwrap_or(units.len())
}

/// The metadata read so far and the units it took.
struct Reader<'a> {
    units: &'a [Unit<'a>],
    /// The text the units were segmented from (their lines as read).
    source: &'a str,
    noise: &'a [bool],
    furniture: &'a [bool],
    head_end: usize,
    taken: Vec<bool>,
    md: Metadata,
    title_done: bool,
}

impl Reader<'_> {
    /// Reads one line of the head as the first field it can be: document
    /// number, addressees, date, title, issuers.
    fn read_head_line(&mut self, i: usize) {
        let (units, furniture) = (self.units, self.furniture);
        let t = units[i].text.as_ref();
        if self.doc_number(i) || self.cut_recipients(i) {
            return;
        }
        if self.md.date.is_none() && crate::text::is_date_line(t) {
            self.md.date = Some(date_text(t));
            self.taken[i] = true;
        } else if let Some(lines) = (!self.title_done)
            .then(|| title_span(units, self.source, self.noise, furniture, i, self.head_end))
            .flatten()
            .filter(|lines| !(self.repeated_furniture(i) && self.title_below(lines)))
        {
            self.md.title = Some(lines.iter().map(|&k| units[k].text.as_ref()).collect());
            for &k in &lines {
                self.taken[k] = true;
            }
            self.title_done = true;
        } else if let Some(names) = unit_issuers(&units[i], self.source)
            // A letterhead repeated at page breaks is a running header.
            .filter(|_| !(furniture[i] && t.ends_with("文件")))
        {
            self.md.issuers.extend(names);
            self.taken[i] = true;
        } else if self.md.recipients.is_empty() && is_recipients(t) {
            self.md.recipients = split_recipients(t);
            self.taken[i] = true;
        }
    }

    /// Line `i` is page furniture, or the same text as a line flagged so
    /// elsewhere (the cleaner spares the head, where a header may first be
    /// printed above the title).
    fn repeated_furniture(&self, i: usize) -> bool {
        let t = &self.units[i].text;
        self.furniture[i]
            || self
                .units
                .iter()
                .zip(self.furniture)
                .any(|(u, &f)| f && u.text == *t)
    }

    /// No document number of its own: the one a title's closing note gives
    /// (`防范和处置非法集资条例（国务院令第737号）`, `…办法（银发〔2025〕124号）`),
    /// as converters title a regulation with its order.
    fn number_in_title(&mut self) {
        if self.md.doc_number.is_some() {
            return;
        }
        let Some(title) = self.md.title.as_deref() else {
            return;
        };
        let Some(note) = PAREN_TAIL.find(title) else {
            return;
        };
        let inner = unbracketed(note.as_str());
        if DOC_NUMBER.is_match(&inner) || ORDER.is_match(&inner) {
            self.md.doc_number = Some(inner);
        }
    }

    /// Another title on the first line after `lines` (a title read from a
    /// repeated line) that the cleaner left alone: the repeated line is then
    /// a running header (`湖南省人民政府公报` over the regulation it prints),
    /// not the title. The same title printed again below, or its first
    /// lines (`…发展计划` / `审查监督条例`), is no other.
    fn title_below(&self, lines: &[usize]) -> bool {
        let text =
            |ls: &[usize]| -> String { ls.iter().map(|&k| compact(&self.units[k].text)).collect() };
        let last = lines[lines.len() - 1];
        (last + 1..self.head_end)
            .find(|&j| !self.furniture[j] && !self.noise[j])
            .filter(|&j| !self.taken[j])
            .and_then(|j| {
                title_span(
                    self.units,
                    self.source,
                    self.noise,
                    self.furniture,
                    j,
                    self.head_end,
                )
            })
            .is_some_and(|below| {
                let (a, b) = (text(lines), text(&below));
                !a.starts_with(&b) && !b.starts_with(&a)
            })
    }

    /// A document number on line `i`, or begun there and cut by the page
    /// width (`黔府发〔` / `2022〕8号`).
    fn doc_number(&mut self, i: usize) -> bool {
        if self.md.doc_number.is_some() {
            return false;
        }
        let t = self.units[i].text.as_ref();
        if DOC_NUMBER.is_match(&compact(t)) {
            self.md.doc_number = Some(compact(t));
            self.taken[i] = true;
            return true;
        }
        if ORDER_NAME.is_match(&compact(t)) {
            return self.order_number(i);
        }
        // Cut inside the number: the first part opens its bracket or ends on
        // the issuing word (`黔府发〔`, `国办发`).
        if !(t.contains(['〔', '[', '【', '（', '(']) || t.trim_end().ends_with('发')) {
            return false;
        }
        let Some((k, text)) = next_lines(self.units, self.noise, &self.taken, i, self.head_end)
            .filter(|(_, x)| DOC_NUMBER.is_match(&compact(x)))
        else {
            return false;
        };
        self.md.doc_number = Some(compact(&text));
        self.taken[i] = true;
        self.taken[k] = true;
        true
    }

    /// An order's name on line `i` and its number on the next line: the
    /// order's document number (`中华人民共和国国务院令第707号`).
    fn order_number(&mut self, i: usize) -> bool {
        // Page furniture between the two is stepped over.
        let Some(k) = (i + 1..self.head_end).find(|&k| !self.noise[k] && !self.furniture[k]) else {
            return false;
        };
        let text = self.units[k].text.as_ref();
        if self.taken[k] || !ORDER_NUMBER.is_match(text) {
            return false;
        }
        self.md.doc_number = Some(compact(&self.units[i].text) + &unbracketed(text));
        self.taken[i] = true;
        self.taken[k] = true;
        true
    }

    /// An addressee line the page width cut, starting on line `i`: it starts
    /// `各…` or leaves its list open (`北京、天津、…江苏、`).
    fn cut_recipients(&mut self, i: usize) -> bool {
        let t = self.units[i].text.as_ref();
        if !self.md.recipients.is_empty()
            || !(t.starts_with('各') || t.ends_with(['、', '，']))
            || is_recipients(t)
        {
            return false;
        }
        let Some(k) = recipients_end(self.units, self.noise, &self.taken, i, self.head_end) else {
            return false;
        };
        let lines: Vec<usize> = (i..=k).filter(|&j| !self.noise[j]).collect();
        let text: String = lines.iter().map(|&j| self.units[j].text.as_ref()).collect();
        self.md.recipients = split_recipients(&text);
        for j in lines {
            self.taken[j] = true;
        }
        true
    }

    /// No title of a known document type: a level-one Markdown heading at the
    /// head that names no issuer (`# Strengthening Wildfire Prevention…`).
    fn heading_title(&mut self) {
        if self.md.title.is_some() {
            return;
        }
        let units = self.units;
        if let Some(i) = (0..self.head_end).find(|&i| {
            !self.taken[i]
                && !self.noise[i]
                && units[i].heading == Some(1)
                && !is_sentence(&units[i].text)
        }) {
            self.md.title = Some(units[i].text.to_string());
            self.taken[i] = true;
        }
    }

    /// The signature block: issuers and date at the end or, when
    /// attachments follow it, right above an attachment's label alone on its
    /// line (`附件`, `附件1`): the last of these places that holds one; else
    /// the first date under a signing line. A notice that issues or forwards
    /// a document (by its title) signs above it: that first one.
    fn read_signature(&mut self) {
        let units = self.units;
        // A notice that issues or forwards a document signs above it: the
        // first date line right under a signing line. The last signature is
        // then the issued document's own.
        let first = |r: &Self| (r.head_end..units.len()).find(|&k| r.signs(k));
        let issues = self.md.title.as_deref().is_some_and(forwards);
        if issues
            && self.md.date.is_none()
            && first(self).is_some_and(|k| self.signature_above(k + 1))
        {
            return;
        }
        let labels: Vec<usize> = (self.head_end..units.len())
            .filter(|&j| !self.noise[j] && crate::parts::is_bare_label(&units[j].text))
            .collect();
        for end in std::iter::once(units.len()).chain(labels.into_iter().rev()) {
            if self.signature_above(end) {
                return;
            }
        }
        if let Some(k) = first(self) {
            self.signature_above(k + 1);
        }
    }

    /// Line `k` is a date under a line that can sign: an issuer's name, or
    /// a short line without Chinese clause punctuation (`国务院办公厅 &sp;`,
    /// a name the converter left debris on); page furniture between.
    fn signs(&self, k: usize) -> bool {
        let units = self.units;
        !self.noise[k]
            && crate::text::is_date_line(&units[k].text)
            && (self.head_end..k)
                .rev()
                .find(|&j| !self.noise[j])
                .is_some_and(|j| {
                    let t = units[j].text.as_ref();
                    unit_issuers(&units[j], self.source).is_some()
                        || (t.chars().count() <= ISSUER_MAX_CHARS
                            && !t.contains(['。', '，', '；', '：', '！', '？']))
                })
    }

    /// Reads the issuers and date on the lines right above `end`; whether
    /// it found any.
    fn signature_above(&mut self, end: usize) -> bool {
        let units = self.units;
        let mut found = false;
        let mut k = end;
        while k > self.head_end {
            k -= 1;
            if self.noise[k] || self.taken[k] {
                continue;
            }
            let t = units[k].text.as_ref();
            if NOTE.is_match(t) {
                // `（此件公开发布）` after the signature: body text, scan past it.
                continue;
            }
            if crate::text::is_date_line(t) {
                // Another date than the one read is another document's:
                // text, not this document's metadata.
                match &self.md.date {
                    None => self.md.date = Some(date_text(t)),
                    Some(d) if *d == date_text(t) => {}
                    Some(_) => break,
                }
            } else if let Some(names) =
                unit_issuers(&units[k], self.source).filter(|_| !t.ends_with("文件"))
            {
                // (A letterhead, `…文件`, heads a document; it never signs one.)
                for n in names {
                    if !self.md.issuers.contains(&n) {
                        self.md.issuers.push(n);
                    }
                }
            } else {
                break;
            }
            self.taken[k] = true;
            found = true;
        }
        found
    }
}

/// Lines an addressee list may take when the page width cuts it.
const RECIPIENT_LINES: usize = 3;

/// Unit `i` and the next kept unit, their texts joined: a field cut in two.
fn next_lines(
    units: &[Unit],
    noise: &[bool],
    taken: &[bool],
    i: usize,
    end: usize,
) -> Option<(usize, String)> {
    let k = (i + 1..end).find(|&k| !noise[k])?;
    (!taken[k]).then(|| (k, format!("{}{}", units[i].text, units[k].text)))
}

/// The last unit of an addressee list that starts at `i` and ends in `：`
/// within [`RECIPIENT_LINES`] kept lines.
fn recipients_end(
    units: &[Unit],
    noise: &[bool],
    taken: &[bool],
    i: usize,
    end: usize,
) -> Option<usize> {
    let mut acc = units[i].text.to_string();
    let mut lines = 1;
    for k in i + 1..end {
        if noise[k] {
            continue;
        }
        if taken[k] || lines == RECIPIENT_LINES {
            return None;
        }
        acc.push_str(&units[k].text);
        lines += 1;
        if acc.ends_with(['：', ':']) {
            return is_recipients(&acc).then_some(k);
        }
    }
    None
}

/// Longest title line of plain text.
const TITLE_LINE_MAX: usize = 50;
/// Longest title line of a Markdown heading (converters put a long title on
/// one heading line).
const HEADING_TITLE_MAX: usize = 120;
/// Shortest title.
const TITLE_MIN: usize = 6;
/// Shortest title at the very top of the document (a statute's short name,
/// `拘留所条例`).
const SHORT_TITLE_MIN: usize = 4;
/// Most lines a title takes (a long title wrapped by the page width).
const TITLE_LINES: usize = 4;
/// Lines read for a title from its first: its [`TITLE_LINES`] and the page
/// furniture a page break may put between them.
const TITLE_SCAN_LINES: usize = 8;

/// A code's book named on the line under its title (`中华人民共和国民法典` /
/// `合同编`): part of the title.
static BOOK: Pattern = Pattern::new(|| r"^(?:\p{Han}{1,8}[编篇]|总则|分则)$".into());

fn book_line(units: &[Unit], noise: &[bool], j: usize, end: usize) -> Option<usize> {
    (j < end && !noise[j] && BOOK.is_match(units[j].text.trim())).then_some(j)
}

/// The last unit of a title starting at `i`: up to [`TITLE_LINES`] short
/// lines that together end in a document-type word.
fn title_span(
    units: &[Unit],
    source: &str,
    noise: &[bool],
    flagged: &[bool],
    i: usize,
    end: usize,
) -> Option<Vec<usize>> {
    let mut acc = String::new();
    let mut lines = Vec::new();
    let first = (0..i).all(|k| noise[k] || flagged[k]);
    // Up to TITLE_LINES title lines; page furniture between them (a page
    // break after the first title line) is stepped over, not taken.
    for (j, u) in units
        .iter()
        .enumerate()
        .take(end.min(i + TITLE_SCAN_LINES))
        .skip(i)
    {
        if j > i && flagged[j] {
            continue;
        }
        let t: &str = &u.text;
        // Labels (`来源：…`) and web chrome never belong to a title, nor a
        // date or document number (`总理　李克强` / `2018年12月18日` / `…条例`
        // is a signature, its date and the title of the order).
        if (j > i && noise[j])
            || is_date_or_number(t)
            || lines.len() == TITLE_LINES
            || t.contains(['：', ':', '【', '】'])
            || is_sentence(t)
            || t.chars().count()
                > if u.heading.is_some() {
                    HEADING_TITLE_MAX
                } else {
                    TITLE_LINE_MAX
                }
            || lines.last().is_some_and(|&l: &usize| {
                // `国务院办公厅转发国家地震局` / `关于…的通知`: an issuer that
                // forwards or issues another's document opens the title.
                issuers(units[l].raw(source)).is_some() && !forwards(&units[l].text)
            })
        {
            return None;
        }
        acc.push_str(t);
        lines.push(j);
        let core = PAREN_TAIL.replace(acc.trim_end_matches(['》', '”']), "");
        // A statute's short name opens the document (`拘留所条例`); elsewhere a
        // short line ending in a type word is a label (`通知`, `实施方案`).
        let min = if first { SHORT_TITLE_MIN } else { TITLE_MIN };
        // A title is whole: the next line does not go on with it (`现公布…
        // 《…条例》` / `，自…起施行。` is a sentence the page width cut).
        let goes_on = (j + 1..end)
            .find(|&k| !noise[k] && !flagged[k])
            .is_some_and(|k| crate::join::starts_continuation(&units[k].text));
        if TITLE_END.is_match(core.trim_end_matches(['》', '”']))
            && acc.chars().count() >= min
            && !goes_on
        {
            lines.extend(book_line(units, noise, j + 1, end));
            return Some(lines);
        }
    }
    None
}

/// A line naming an issuer that forwards, approves or issues another body's
/// document (`…转发国家地震局`): the head of a title, not a signature.
fn forwards(text: &str) -> bool {
    crate::parts::issues_a_document(text)
}

/// Issuer names of a unit, read from the line as written (the normalised text
/// has lost the spaces between names).
fn unit_issuers(u: &Unit, source: &str) -> Option<Vec<String>> {
    issuers(u.raw(source)).or_else(|| issuers(&u.text))
}

/// A date line without spaces and brackets: `（2024年3月1日）` → `2024年3月1日`.
fn date_text(t: &str) -> String {
    compact(t).trim_matches(['（', '）', '(', ')']).to_string()
}

/// `t` without its whitespace (a title as two printings of it compare).
pub(crate) fn compact(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

fn split_recipients(t: &str) -> Vec<String> {
    t.trim_end_matches(['：', ':'])
        .split(['，', ',', '；'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn md(text: &str) -> Metadata {
        let u = segment(text);
        extract(&u, text, &vec![false; u.len()], &vec![false; u.len()]).metadata
    }

    #[test]
    fn head_and_signature() {
        let m = md("国务院关于做好当前和今后一个时期\n\n促进就业工作的若干意见\n\n国发〔2018〕39号\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n就业是最大的民生，也是经济发展的重中之重，必须把稳就业放在更加突出位置，深入贯彻落实党中央决策部署。\n\n一、支持企业\n\n国务院\n\n2018年12月5日");
        assert_eq!(
            m.title.as_deref(),
            Some("国务院关于做好当前和今后一个时期促进就业工作的若干意见")
        );
        assert_eq!(m.doc_number.as_deref(), Some("国发〔2018〕39号"));
        assert_eq!(
            m.recipients,
            ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
        );
        assert_eq!(m.issuers, ["国务院"]);
        assert_eq!(m.date.as_deref(), Some("2018年12月5日"));
    }

    #[test]
    fn issuers_at_top() {
        let m = md("# 湖南省教育厅\n\n湖南省发展和改革委员会\n\nwww.example.com\n\n进一步彰显，品牌效应进一步凸显。\n\n二、主要任务");
        assert_eq!(m.issuers, ["湖南省教育厅", "湖南省发展和改革委员会"]);
        assert_eq!(m.title, None);
    }
}
