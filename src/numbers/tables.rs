//! Lexical tables: numeral characters, units and measure words, qualifiers.
//!
//! Everything the engine knows about words lives here, so the rules in the
//! lexer and the assembler stay free of vocabulary.

use crate::model::Qualifier;

/// Value of an Arabic digit, ASCII or full-width.
pub(crate) fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Value of a Chinese digit character (ordinary, formal and colloquial forms).
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | '洞' => 0,
        '一' | '壹' | '幺' | '弌' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '倆' | '俩' | '弍' => 2,
        '三' | '叁' | '參' | '叄' | '弎' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' | '拐' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Formal (banker's) digits that are also ordinary word characters.
pub(crate) fn is_formal_digit(c: char) -> bool {
    matches!(
        c,
        '壹' | '贰'
            | '貳'
            | '叁'
            | '參'
            | '肆'
            | '伍'
            | '陆'
            | '陸'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '洞'
            | '拐'
            | '幺'
    )
}

/// Multiplier of a Chinese unit character below 万 (`十`, `百`, `千`).
pub(crate) fn cn_small_unit(c: char) -> Option<f64> {
    match c {
        '十' | '拾' => Some(10.0),
        '百' | '佰' => Some(100.0),
        '千' | '仟' => Some(1000.0),
        _ => None,
    }
}

/// Tens written as one character (`廿` 20, `卅` 30, `卌` 40).
pub(crate) fn cn_tens(c: char) -> Option<f64> {
    match c {
        '廿' => Some(20.0),
        '卅' => Some(30.0),
        '卌' => Some(40.0),
        _ => None,
    }
}

/// Multiplier of a Chinese big unit (`万`, `亿`, `兆`).
pub(crate) fn cn_big_unit(c: char) -> Option<f64> {
    match c {
        '万' | '萬' => Some(1e4),
        '亿' | '億' => Some(1e8),
        '兆' => Some(1e12),
        _ => None,
    }
}

/// Approximation characters inside a numeral (`十多万`, `五百余`, `二十几`).
pub(crate) fn is_cn_approx(c: char) -> bool {
    matches!(c, '多' | '余' | '餘' | '几' | '幾' | '来')
}

/// Decimal point of a Chinese numeral.
pub(crate) fn is_cn_point(c: char) -> bool {
    matches!(c, '点' | '點')
}

/// Negative sign words and characters.
pub(crate) fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−' | '负' | '負')
}

pub(crate) use crate::text::is_cjk;

/// Words in which a numeral character is not a number (`一切`, `四川`, `队伍`).
/// Each entry is the word and the offset of the numeral character in it.
pub(crate) const NOT_NUMBER_WORDS: &[&str] = &[
    "一切",
    "一看",
    "一起",
    "一些",
    "一般",
    "一样",
    "一直",
    "一致",
    "一旦",
    "一向",
    "一律",
    "一同",
    "一并",
    "一道",
    "一流",
    "一体",
    "一线",
    "一带",
    "一方面",
    "统一",
    "唯一",
    "同一",
    "进一步",
    "逐一",
    "万一",
    "之一",
    "一定",
    "一举",
    "一贯",
    "一再",
    "一成不变",
    "专一",
    "划一",
    "不一",
    "一手",
    "一口气",
    "一度",
    "一环",
    "一揽子",
    "一站式",
    "一网",
    "一码",
    "一件事",
    "一盘棋",
    "一张网",
    "一张图",
    "一把手",
    "一系列",
    "一路",
    "一身",
    "一心",
    "一時",
    "一齐",
    "四川",
    "陆地",
    "大陆",
    "登陆",
    "着陆",
    "海陆",
    "陆续",
    "陆军",
    "队伍",
    "入伍",
    "退伍",
    "伍仁",
    "拾取",
    "收拾",
    "拾起",
    "拾到",
    "夕拾",
    "放肆",
    "肆意",
    "肆无",
    "两两",
    "三三两两",
    "千万不",
    "千万要",
    "万万不",
    "百分百",
    "三令五申",
    "五湖四海",
    "四面八方",
    "一五一十",
    "千方百计",
    "千家万户",
    "万无一失",
    "十分",
    "百姓",
    "千瓦",
    "十足",
    "五角大楼",
];

/// What a unit measures; decides the span kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitClass {
    /// A measure word (classifier): `个`, `所`, `项`.
    Classifier,
    /// A physical unit: `公里`, `吨`, `亩`.
    Dimension,
    /// Money: `元`, `美元`.
    Money,
    /// Time length: `个月`, `小时`, `天`; also `年` when not a calendar year.
    Duration,
    /// Age: `岁`.
    Age,
}

/// Chinese units and measure words, longest first within each class is not
/// required: lookup always takes the longest match.
pub(crate) const CN_UNITS: &[(&str, UnitClass)] = &[
    // money
    ("元人民币", UnitClass::Money),
    ("元", UnitClass::Money),
    ("圆", UnitClass::Money),
    ("块钱", UnitClass::Money),
    ("块", UnitClass::Money),
    ("人民币", UnitClass::Money),
    ("美元", UnitClass::Money),
    ("美圆", UnitClass::Money),
    ("美刀", UnitClass::Money),
    ("美金", UnitClass::Money),
    ("美分", UnitClass::Money),
    ("欧元", UnitClass::Money),
    ("日元", UnitClass::Money),
    ("英镑", UnitClass::Money),
    ("港元", UnitClass::Money),
    ("港币", UnitClass::Money),
    ("台币", UnitClass::Money),
    ("新台币", UnitClass::Money),
    ("卢布", UnitClass::Money),
    ("韩元", UnitClass::Money),
    ("奈拉", UnitClass::Money),
    ("瑞士法郎", UnitClass::Money),
    ("法郎", UnitClass::Money),
    ("比特币", UnitClass::Money),
    ("个比特币", UnitClass::Money),
    ("角", UnitClass::Money),
    ("毛", UnitClass::Money),
    // duration and age
    ("个月", UnitClass::Duration),
    ("個月", UnitClass::Duration),
    ("个小时", UnitClass::Duration),
    ("小时", UnitClass::Duration),
    ("个工作日", UnitClass::Duration),
    ("工作日", UnitClass::Duration),
    ("分钟", UnitClass::Duration),
    ("秒钟", UnitClass::Duration),
    ("秒", UnitClass::Duration),
    ("天", UnitClass::Duration),
    ("日内", UnitClass::Duration),
    ("周", UnitClass::Duration),
    ("个星期", UnitClass::Duration),
    ("星期", UnitClass::Duration),
    ("年", UnitClass::Duration),
    ("学年", UnitClass::Duration),
    ("周岁", UnitClass::Age),
    ("岁", UnitClass::Age),
    // dimensions
    ("平方公里", UnitClass::Dimension),
    ("平方千米", UnitClass::Dimension),
    ("平方米", UnitClass::Dimension),
    ("立方米", UnitClass::Dimension),
    ("公里", UnitClass::Dimension),
    ("千米", UnitClass::Dimension),
    ("厘米", UnitClass::Dimension),
    ("毫米", UnitClass::Dimension),
    ("公分", UnitClass::Dimension),
    ("米", UnitClass::Dimension),
    ("公顷", UnitClass::Dimension),
    ("亩", UnitClass::Dimension),
    ("吨", UnitClass::Dimension),
    ("公斤", UnitClass::Dimension),
    ("千克", UnitClass::Dimension),
    ("毫克", UnitClass::Dimension),
    ("微克", UnitClass::Dimension),
    ("克", UnitClass::Dimension),
    ("斤", UnitClass::Dimension),
    ("毫升", UnitClass::Dimension),
    ("升", UnitClass::Dimension),
    ("千瓦时", UnitClass::Dimension),
    ("千瓦", UnitClass::Dimension),
    ("兆瓦", UnitClass::Dimension),
    ("瓦", UnitClass::Dimension),
    ("兆赫兹", UnitClass::Dimension),
    ("赫兹", UnitClass::Dimension),
    ("兆字节", UnitClass::Dimension),
    ("千字节", UnitClass::Dimension),
    ("字节", UnitClass::Dimension),
    ("千比特", UnitClass::Dimension),
    ("比特", UnitClass::Dimension),
    ("千卡", UnitClass::Dimension),
    ("标准箱", UnitClass::Dimension),
    // measure words
    ("人次", UnitClass::Classifier),
    ("户次", UnitClass::Classifier),
    ("家次", UnitClass::Classifier),
    ("场次", UnitClass::Classifier),
    ("批次", UnitClass::Classifier),
    ("架次", UnitClass::Classifier),
    ("车次", UnitClass::Classifier),
    ("个", UnitClass::Classifier),
    ("個", UnitClass::Classifier),
    ("所", UnitClass::Classifier),
    ("项", UnitClass::Classifier),
    ("項", UnitClass::Classifier),
    ("家", UnitClass::Classifier),
    ("名", UnitClass::Classifier),
    ("位", UnitClass::Classifier),
    ("人", UnitClass::Classifier),
    ("户", UnitClass::Classifier),
    ("戶", UnitClass::Classifier),
    ("座", UnitClass::Classifier),
    ("条", UnitClass::Classifier),
    ("條", UnitClass::Classifier),
    ("件", UnitClass::Classifier),
    ("台", UnitClass::Classifier),
    ("辆", UnitClass::Classifier),
    ("套", UnitClass::Classifier),
    ("批", UnitClass::Classifier),
    ("处", UnitClass::Classifier),
    ("种", UnitClass::Classifier),
    ("类", UnitClass::Classifier),
    ("场", UnitClass::Classifier),
    ("只", UnitClass::Classifier),
    ("隻", UnitClass::Classifier),
    ("本", UnitClass::Classifier),
    ("张", UnitClass::Classifier),
    ("篇", UnitClass::Classifier),
    ("部", UnitClass::Classifier),
    ("期", UnitClass::Classifier),
    ("届", UnitClass::Classifier),
    ("支", UnitClass::Classifier),
    ("片", UnitClass::Classifier),
    ("棵", UnitClass::Classifier),
    ("株", UnitClass::Classifier),
    ("头", UnitClass::Classifier),
    ("匹", UnitClass::Classifier),
    ("间", UnitClass::Classifier),
    ("份", UnitClass::Classifier),
    ("门", UnitClass::Classifier),
    ("节", UnitClass::Classifier),
    ("枚", UnitClass::Classifier),
    ("双", UnitClass::Classifier),
    ("雙", UnitClass::Classifier),
    ("对", UnitClass::Classifier),
    ("對", UnitClass::Classifier),
    ("打", UnitClass::Classifier),
    ("次", UnitClass::Classifier),
    ("例", UnitClass::Classifier),
    ("轮", UnitClass::Classifier),
    ("级", UnitClass::Classifier),
    ("层", UnitClass::Classifier),
    ("册", UnitClass::Classifier),
    ("栋", UnitClass::Classifier),
    ("幢", UnitClass::Classifier),
    ("床", UnitClass::Classifier),
    ("章", UnitClass::Classifier),
    ("条款", UnitClass::Classifier),
    ("款", UnitClass::Classifier),
    ("號", UnitClass::Classifier),
    ("号", UnitClass::Classifier),
    ("倍", UnitClass::Classifier),
];

/// Longest unit from [`CN_UNITS`] starting at `i`.
pub(crate) fn unit_at(cs: &[char], i: usize) -> Option<(usize, UnitClass)> {
    let mut best: Option<(usize, UnitClass)> = None;
    for (u, class) in CN_UNITS {
        let n = u.chars().count();
        if i + n <= cs.len() && u.chars().zip(&cs[i..i + n]).all(|(a, b)| a == *b) {
            // An ASCII unit must not run into further letters (`5G基站`, `m2`).
            if u.is_ascii() && cs.get(i + n).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            if best.is_none_or(|(b, _)| n > b) {
                best = Some((n, *class));
            }
        }
    }
    best
}

/// Qualifiers written before a number, longest match wins.
pub(crate) const CN_PREFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("大于或者等于", Qualifier::AtLeast),
    ("大于或等于", Qualifier::AtLeast),
    ("大于等于", Qualifier::AtLeast),
    ("小于或者等于", Qualifier::AtMost),
    ("小于或等于", Qualifier::AtMost),
    ("小于等于", Qualifier::AtMost),
    ("大于或者等于", Qualifier::AtLeast),
    (">=", Qualifier::AtLeast),
    ("<=", Qualifier::AtMost),
    ("等于", Qualifier::Exact),
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不小于", Qualifier::AtLeast),
    ("不短于", Qualifier::AtLeast),
    ("至少", Qualifier::AtLeast),
    ("最少", Qualifier::AtLeast),
    ("最低", Qualifier::AtLeast),
    ("≥", Qualifier::AtLeast),
    ("不超过", Qualifier::AtMost),
    ("不高于", Qualifier::AtMost),
    ("不大于", Qualifier::AtMost),
    ("不多于", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("至多", Qualifier::AtMost),
    ("最高", Qualifier::AtMost),
    ("≤", Qualifier::AtMost),
    ("超过", Qualifier::MoreThan),
    ("多于", Qualifier::MoreThan),
    ("高于", Qualifier::MoreThan),
    ("大于", Qualifier::MoreThan),
    ("突破", Qualifier::MoreThan),
    ("逾", Qualifier::MoreThan),
    ("超", Qualifier::MoreThan),
    ("过", Qualifier::MoreThan),
    (">", Qualifier::MoreThan),
    ("低于", Qualifier::LessThan),
    ("少于", Qualifier::LessThan),
    ("小于", Qualifier::LessThan),
    ("不到", Qualifier::LessThan),
    ("不足", Qualifier::LessThan),
    ("<", Qualifier::LessThan),
    ("大约", Qualifier::About),
    ("大概", Qualifier::About),
    ("约", Qualifier::About),
    ("将近", Qualifier::About),
    ("接近", Qualifier::About),
    ("近", Qualifier::About),
];

/// Qualifiers written after a number (or after its unit).
pub(crate) const CN_SUFFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("或者以上", Qualifier::AtLeast),
    ("或以上", Qualifier::AtLeast),
    ("及以上", Qualifier::AtLeast),
    ("以上", Qualifier::AtLeast),
    ("或者更多", Qualifier::AtLeast),
    ("或更多", Qualifier::AtLeast),
    ("及以下", Qualifier::AtMost),
    ("以下", Qualifier::AtMost),
    ("以内", Qualifier::AtMost),
    ("之内", Qualifier::AtMost),
    ("之下", Qualifier::AtMost),
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
];

/// Longest entry of `table` matching at `i`.
pub(crate) fn match_table<T: Copy>(
    cs: &[char],
    i: usize,
    table: &[(&str, T)],
) -> Option<(usize, T)> {
    let mut best: Option<(usize, T)> = None;
    for (w, v) in table {
        let n = w.chars().count();
        if i + n <= cs.len()
            && w.chars().zip(&cs[i..i + n]).all(|(a, b)| a == *b)
            && best.as_ref().is_none_or(|(b, _)| n > *b)
        {
            best = Some((n, *v));
        }
    }
    best
}

/// True when `word` occurs in `cs` covering position `i`.
pub(crate) fn word_covers(cs: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    for k in 0..w.len() {
        if w[k] != cs[i] || k > i {
            continue;
        }
        let s = i - k;
        if s + w.len() <= cs.len() && cs[s..s + w.len()] == w[..] {
            return true;
        }
    }
    false
}
