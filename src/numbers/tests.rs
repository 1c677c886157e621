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
    assert_eq!((s.value, s.unit.as_deref()), (Some(10.0), Some("万人")));
    assert_eq!(s.qualifier, Some(Qualifier::MoreThan));
    let s = one("投入1.2亿元");
    assert_eq!(
        (s.value, s.unit.as_deref(), s.kind),
        (Some(1.2), Some("亿元"), NumberKind::Money)
    );
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
