//! Prints the clean stage's verdict for every line of one file:
//! `cargo run --example classify_file -- FILE`.

use docsift::clean::classify;
use docsift::segment::segment;

fn main() {
    let path = std::env::args().nth(1).expect("usage: classify_file FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text.replace("\r\n", "\n");
    let units = segment(&text);
    for (u, v) in units.iter().zip(classify(&units)) {
        match v {
            Some(v) => println!("{:>5} - [{:?}] {} — {}", u.line, v.reason, u.text, v.detail),
            None => println!(
                "{:>5}   {}",
                u.line,
                u.text.chars().take(60).collect::<String>()
            ),
        }
    }
}
