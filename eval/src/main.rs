//! `docsift-eval DIR… [--show N]`: scores docsift on folders of labelled cases
//! with the figures of `shared/eval/score.py`.

use clap::Parser;
use std::io::{self, Write};
use std::path::PathBuf;

/// Score docsift on labelled cases (`clean.md`, `noisy.md`, `labels.json` per
/// folder, as made by `shared/eval/inject.py`); same figures as `score.py`.
#[derive(Parser)]
#[command(name = "docsift-eval", version)]
struct Cli {
    /// Folders of cases.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Print up to N misses per case.
    #[arg(long, default_value_t = 0)]
    show: usize,
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(&cli) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("docsift-eval: {e}");
            std::process::exit(2);
        }
    }
}

fn run(cli: &Cli) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for dir in &cli.dirs {
        let f = docsift_eval::evaluate_dir(dir).map_err(io::Error::other)?;
        writeln!(out, "== {}\n{f}", dir.display())?;
        for m in f.misses(cli.show) {
            writeln!(out, "{m}")?;
        }
    }
    out.flush()
}
