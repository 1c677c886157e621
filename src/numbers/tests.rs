//! Unit tests of the assembled engine.

use super::*;

fn one(s: &str) -> NumberSpan {
    let v = find_numbers(s);
    assert_eq!(v.len(), 1, "{s}: {v:#?}");
    v.into_iter().next().unwrap()
}

#[test]
fn quantities_keep_measure_word_and_qualifier() {
    let s = one("重点办好 1 所以上骨干院校");
    assert_eq!(s.text, "1 所以上");
    assert_eq!(s.value, Some(1.0));
    assert_eq!(s.unit.as_deref(), Some("所"));
    assert_eq!(s.kind, NumberKind::Quantity);
    assert_eq!(s.qualifier, Some(Qualifier::AtLeast));
    let s = one("带动就业超10万人");
    assert_eq!((s.value, s.unit.as_deref()), (Some(100000.0), Some("人")));
    assert_eq!(s.magnitude, Some(("万".to_string(), 1e4)));
    assert_eq!(s.qualifier, Some(Qualifier::MoreThan));
    let s = one("投入1.2亿元");
    assert_eq!(
        (s.value, s.unit.as_deref(), s.kind),
        (Some(1.2e8), Some("元"), NumberKind::Money)
    );
    assert_eq!(s.text, "1.2亿元");
}

/// (text, value, unit, kind) of the only span found in `s`.
fn vuk(s: &str) -> (String, Option<f64>, Option<String>, NumberKind) {
    let x = one(s);
    (x.text, x.value, x.unit, x.kind)
}

fn check(s: &str, text: &str, value: Option<f64>, unit: Option<&str>, kind: NumberKind) {
    let (t, v, u, k) = vuk(s);
    assert_eq!(t, text, "{s}");
    match (v, value) {
        (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{s}: {a} != {b}"),
        (a, b) => assert_eq!(a, b, "{s}"),
    }
    assert_eq!(u.as_deref(), unit, "{s}");
    assert_eq!(k, kind, "{s}");
}

#[test]
fn magnitude_words_scale_the_value_and_leave_the_unit() {
    use NumberKind::*;
    check(
        "装机容量超过3000万千瓦",
        "超过3000万千瓦",
        Some(3e7),
        Some("千瓦"),
        Quantity,
    );
    check(
        "海上风电达到1.5亿千瓦",
        "1.5亿千瓦",
        Some(1.5e8),
        Some("千瓦"),
        Quantity,
    );
    check(
        "发电量达2900亿千瓦时",
        "2900亿千瓦时",
        Some(2.9e11),
        Some("千瓦时"),
        Quantity,
    );
    check(
        "接待游客30万人次",
        "30万人次",
        Some(3e5),
        Some("人次"),
        Quantity,
    );
    check(
        "节约50万吨标准煤",
        "50万吨标准煤",
        Some(5e5),
        Some("吨标准煤"),
        Quantity,
    );
    check(
        "新建4000公里管网",
        "4000公里",
        Some(4000.0),
        Some("公里"),
        Quantity,
    );
    check("两万千米长", "两万千米", Some(2e4), Some("千米"), Quantity);
    check(
        "电网12千伏线路",
        "12千伏",
        Some(12.0),
        Some("千伏"),
        Quantity,
    );
    check(
        "投资3.5万亿元",
        "3.5万亿元",
        Some(3.5e12),
        Some("元"),
        Money,
    );
}

#[test]
fn any_unit_after_a_number_keeps_the_number() {
    use NumberKind::*;
    // units from the generated measure-word list and traditional forms
    check("运来5公噸钢材", "5公噸", Some(5.0), Some("公噸"), Quantity);
    check("占地3公頃", "3公頃", Some(3.0), Some("公頃"), Quantity);
    check("三艘次", "三艘次", Some(3.0), Some("艘次"), Quantity);
    check("摆了8盏灯", "8盏", Some(8.0), Some("盏"), Quantity);
    check(
        "面积12平方海里",
        "12平方海里",
        Some(12.0),
        Some("平方海里"),
        Quantity,
    );
    // SI / CLDR symbols
    check("面积3 m²", "3 m²", Some(3.0), Some("m²"), Quantity);
    check("体温36℃", "36℃", Some(36.0), Some("℃"), Quantity);
    check("新建10kV线路", "10kV", Some(10.0), Some("kV"), Quantity);
    check("储能55GWh", "55GWh", Some(55.0), Some("GWh"), Quantity);
    check(
        "算力160Eflops",
        "160Eflops",
        Some(160.0),
        Some("Eflops"),
        Quantity,
    );
    // compound units: unit per unit
    check(
        "浓度23微克/立方米",
        "23微克/立方米",
        Some(23.0),
        Some("微克/立方米"),
        Quantity,
    );
    check(
        "标准为801元/月",
        "801元/月",
        Some(801.0),
        Some("元/月"),
        Money,
    );
    check(
        "单价30元每吨",
        "30元每吨",
        Some(30.0),
        Some("元每吨"),
        Money,
    );
    // half and colloquial tenths
    check("半吨", "半吨", Some(0.5), Some("吨"), Quantity);
    check("走了半公里", "半公里", Some(0.5), Some("公里"), Quantity);
    check("身高一米八", "一米八", Some(1.8), Some("米"), Quantity);
    check("两米三的个子", "两米三", Some(2.3), Some("米"), Quantity);
    check("花了一块五", "一块五", Some(1.5), Some("块"), Money);
    // an unknown word after a number leaves the number
    check("共有17只小狗崽", "17只", Some(17.0), Some("只"), Quantity);
    check("取得12呗", "12", Some(12.0), None, Cardinal);
    // a one-letter symbol before a Chinese word is a label, not a unit
    check("国家5A级旅游景区", "5", Some(5.0), None, Cardinal);
}

#[test]
fn fractions_proportions_multiples() {
    use NumberKind::*;
    check("十分之三", "十分之三", Some(0.3), None, Fraction);
    check("占十分之一", "十分之一", Some(0.1), None, Fraction);
    check("GDP翻一番", "翻一番", Some(2.0), Some("倍"), Quantity);
    check("收入翻两番", "翻两番", Some(4.0), Some("倍"), Quantity);
    check("七成", "七成", Some(70.0), Some("%"), Percent);
    check(
        "两个百分点",
        "两个百分点",
        Some(2.0),
        Some("个百分点"),
        Percent,
    );
    check(
        "百分之零点五",
        "百分之零点五",
        Some(0.5),
        Some("%"),
        Percent,
    );
    let s = one("三分之二以上");
    assert_eq!(s.kind, Fraction);
    assert!((s.value.unwrap() - 2.0 / 3.0).abs() < 1e-6);
    assert_eq!(s.qualifier, Some(Qualifier::AtLeast));
    let s = one("占比不低于三分之一");
    assert!((s.value.unwrap() - 1.0 / 3.0).abs() < 1e-6);
    assert_eq!(s.qualifier, Some(Qualifier::AtLeast));
    let s = one("五分之一以下");
    assert_eq!((s.value, s.qualifier), (Some(0.2), Some(Qualifier::AtMost)));
}

#[test]
fn within_a_time_or_distance_is_at_most() {
    let s = one("自收到之日起30日内");
    assert_eq!((s.value, s.unit.as_deref()), (Some(30.0), Some("日")));
    assert_eq!(s.qualifier, Some(Qualifier::AtMost));
    let s = one("三年内完成");
    assert_eq!(s.qualifier, Some(Qualifier::AtMost));
    // 内 after a count is not a bound (`5家内资企业`)
    let s = one("引进5家内资企业");
    assert_eq!(s.qualifier, None);
    // a negated strict bound is the opposite inclusive bound
    let s = one("扣除期限不能超过48个月");
    assert_eq!(
        (s.value, s.qualifier),
        (Some(48.0), Some(Qualifier::AtMost))
    );
    assert_eq!(s.text, "不能超过48个月");
    let s = one("比例不可低于三成");
    assert_eq!(
        (s.value, s.qualifier),
        (Some(30.0), Some(Qualifier::AtLeast))
    );
    let s = one("严禁超过5吨");
    assert_eq!(s.qualifier, Some(Qualifier::AtMost));
    let s = one("调查人员不得少于2人");
    assert_eq!(
        (s.value, s.qualifier),
        (Some(2.0), Some(Qualifier::AtLeast))
    );
}

#[test]
fn overflow_and_precision_loss_give_null_not_a_wrong_number() {
    let big = "9".repeat(10_000);
    let s = one(&format!("共{big}个"));
    assert_eq!(s.value, None);
    assert_eq!(s.text.chars().count(), 10_001);
    let s = one(&format!("{}万亿元", "1".repeat(300)));
    assert_eq!((s.value, s.unit.as_deref()), (None, Some("元")));
    assert_eq!(one("1e309个").value, None);
    assert_eq!(one("1e-400").value, None);
    // what fits in an f64 is reported, a long number as its nearest f64
    assert_eq!(one("123456789012345").value, Some(123456789012345.0));
    assert_eq!(one("1e300").value, Some(1e300));
    assert_eq!(
        one("12345678901234567890").value,
        Some(1.2345678901234567e19)
    );
    let json = numbers_line_json(&format!("共{}个", "9".repeat(400)));
    assert!(json.contains("\"value\":null"), "{json}");
}

#[test]
fn percents_ranges_years() {
    assert_eq!(one("达到百分之九十").value, Some(90.0));
    assert_eq!(one("９成").value, Some(90.0));
    let s = one("提高3个百分点");
    assert_eq!((s.value, s.kind), (Some(3.0), NumberKind::Percent));
    let s = one("10～15%");
    assert_eq!(s.kind, NumberKind::Range);
    assert_eq!(
        s.interval,
        Some(Interval {
            min: Some(10.0),
            max: Some(15.0)
        })
    );
    assert_eq!(s.unit.as_deref(), Some("%"));
    let s = one("5至8所");
    assert_eq!((s.kind, s.unit.as_deref()), (NumberKind::Range, Some("所")));
    let s = one("三四十万");
    assert_eq!(
        s.interval,
        Some(Interval {
            min: Some(300000.0),
            max: Some(400000.0)
        })
    );
    let s = one("到2025年底");
    assert_eq!((s.kind, s.value), (NumberKind::Year, Some(2025.0)));
    assert_eq!(one("二〇二五年").value, Some(2025.0));
    let s = one("2023—2027年");
    assert_eq!(s.kind, NumberKind::Year);
    assert_eq!(
        s.interval,
        Some(Interval {
            min: Some(2023.0),
            max: Some(2027.0)
        })
    );
    assert_eq!(one("2022年3月1日").kind, NumberKind::Date);
    let s = one("三分之一");
    assert!((s.value.unwrap() - 1.0 / 3.0).abs() < 1e-6);
    assert_eq!(one("五百多").qualifier, Some(Qualifier::About));
}

#[test]
fn ordinals_and_words() {
    let s = one("第3批");
    assert_eq!((s.kind, s.value), (NumberKind::Ordinal, Some(3.0)));
    assert!(find_numbers("一切正常，统一部署，进一步加强").is_empty());
    let s = one("twenty-five");
    assert_eq!(s.value, Some(25.0));
    let s = one("at least 30 percent");
    assert_eq!(
        (s.value, s.kind, s.qualifier),
        (Some(30.0), NumberKind::Percent, Some(Qualifier::AtLeast))
    );
    assert_eq!(one("1.5 million").value, Some(1_500_000.0));
    let s = one("no later than 2030");
    assert_eq!((s.kind, s.value), (NumberKind::Year, Some(2030.0)));
}

#[test]
fn offsets_are_characters_and_bytes_match() {
    let text = "建设 20 个基地，投入３５万元";
    for s in find_numbers(text) {
        let chars: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        assert_eq!(chars, s.text);
        assert_eq!(&text[s.bytes.clone()], s.text);
    }
}

#[test]
fn json_line() {
    let j = numbers_line_json("建设20个");
    assert!(j.starts_with("{\"spans\":[{\"text\":\"20个\""), "{j}");
}

#[test]
fn random_input_never_panics() {
    let alphabet: Vec<char> = "0123456789０１２.,，-－~～至到分之又点點零〇一二两三四五六七八九十百千万亿兆第年月日个所%％成折以上下左右约近多余几 abcdeklmMGtwentyonehundredandpercent$¥/^e+"
        .chars()
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..20000 {
        let len = (seed % 24) as usize;
        let mut s = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        // every qualifier, prefix and separator also at the very end
        for tail in [
            "约",
            "超过了",
            "百分之",
            "人民币 ",
            "$",
            "第",
            "比",
            "3至",
            "3分之",
            "1又",
            "半",
            "一",
            "at least ",
        ] {
            if round % 50 == 0 {
                let _ = find_numbers(&format!("{s}{tail}"));
            }
        }
        seed = seed.wrapping_add(1);
        let spans = find_numbers(&s);
        let mut last = 0;
        for sp in &spans {
            assert!(sp.start >= last && sp.end > sp.start, "{s:?}: {spans:?}");
            last = sp.end;
        }
        let _ = numbers_line_json(&s);
    }
}

/// Every position where some number form is read opens with a character
/// `may_open` lets through: the check before the forms skips none of them.
/// Read on the number suites (every phrasing of cn2an, Duckling and
/// Recognizers-Text), the seed and the Chinese corpus.
#[test]
fn the_first_character_check_skips_no_number() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut texts = Vec::new();
    for dir in [
        "numbers",
        "seed",
        "corpus/zh-policy",
        "corpus/zh-law",
        "corpus/zh-noisy",
        "corpus/en-policy",
    ] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = e.unwrap().path();
            if path.is_file() {
                texts.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let (mut read, mut positions) = (0, 0);
    for t in &texts {
        let cs: Vec<char> = t.chars().collect();
        for i in 0..cs.len() {
            positions += 1;
            if span_forms(&cs, i).is_some() {
                read += 1;
                assert!(may_open(cs[i]), "{:?} opens a number", cs[i]);
            }
        }
    }
    assert!(
        read > 10_000 && positions > 100_000,
        "{read} of {positions}"
    );
}
