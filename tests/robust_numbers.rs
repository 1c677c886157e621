//! Issue 10, the number rows: a line dense with numbers or Chinese numerals
//! costs time and memory linear in its length, and an overflowing number is
//! reported with `value: null`, never a wrong value.

use docsift::numbers::numbers_line_json;

/// A line of `n` numbers with units, as in `robust/slow_one_line_*`.
fn number_line(n: usize) -> String {
    let units = ["个", "%", "年", "亿元", "万人", "所"];
    (0..n)
        .map(|k| {
            format!(
                "{}{}",
                100_000_007u64.wrapping_mul(k as u64 + 1) % 999_999_937,
                units[k % units.len()]
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line of `n` characters dense with Chinese numerals and measure words,
/// as in `robust/mem_quadratic_numeral_line_*` (deterministic).
fn numeral_line(n: usize) -> String {
    let pool: Vec<char> = "一二三四五六七八九十百千万亿个所条第建设以上年章地基节"
        .chars()
        .collect();
    let mut x: u64 = 12345;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            pool[(x >> 33) as usize % pool.len()]
        })
        .collect()
}

fn output_bytes(text: &str) -> usize {
    let doc = docsift::run("line.txt", format!("{text}\n").as_bytes()).unwrap();
    docsift::emit::to_json(&doc).len()
}

/// Output (and so memory) grows linearly: doubling the line at most
/// doubles the JSON, with slack for fixed parts. Before the fix every target
/// quoted the whole 40k-character clause: output and memory grew with the
/// square of the line.
#[test]
fn output_is_linear_in_a_dense_numeral_line() {
    let one = output_bytes(&numeral_line(20_000));
    let two = output_bytes(&numeral_line(40_000));
    assert!(two as f64 <= 2.5 * one as f64, "{one} → {two}");
    assert!(two < 40_000 * 200, "{two} bytes for a 40k-character line");
}

#[test]
fn output_is_linear_in_a_line_of_many_numbers() {
    let one = output_bytes(&number_line(2_500));
    let two = output_bytes(&number_line(5_000));
    assert!(two as f64 <= 2.5 * one as f64, "{one} → {two}");
}

/// Timed doubling check, benchmark-style: run with `--ignored`. Best of
/// three, factor 3 for a doubled input (quadratic would be 4).
#[test]
#[ignore]
fn time_is_linear_in_a_line_of_many_numbers() {
    let best = |text: &str| {
        (0..3)
            .map(|_| {
                let t = std::time::Instant::now();
                output_bytes(text);
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    for (a, b) in [
        (number_line(5_000), number_line(10_000)),
        (numeral_line(40_000), numeral_line(80_000)),
    ] {
        let (ta, tb) = (best(&a), best(&b));
        assert!(tb <= 3.0 * ta.max(0.01), "{ta:.3}s → {tb:.3}s");
    }
}

/// Row 12 of the issue: each overflowing number keeps its text, value null.
#[test]
fn overflowing_numbers_are_null_with_their_text() {
    for (line, text) in [
        (
            format!("共{}个", "9".repeat(10_000)),
            format!("{}个", "9".repeat(10_000)),
        ),
        (
            format!("{}万亿元", "3".repeat(300)),
            format!("{}万亿元", "3".repeat(300)),
        ),
        ("投入1e309个".to_string(), "1e309个".to_string()),
    ] {
        let v: serde_json::Value = serde_json::from_str(&numbers_line_json(&line)).unwrap();
        let span = &v["spans"][0];
        assert_eq!(span["text"].as_str(), Some(text.as_str()));
        assert!(span["value"].is_null(), "{}", &line[..40.min(line.len())]);
    }
}
