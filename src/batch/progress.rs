//! A progress bar on standard error (indicatif), drawn only when standard
//! error is a terminal and the caller did not ask for quiet.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Progress of a batch: documents done (of a known total, or counted) and
/// bytes read. Cheap to share between worker threads.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
    bytes: Arc<AtomicU64>,
}

impl Progress {
    /// A bar for `total` documents (`None`: a stream of unknown length),
    /// shown on standard error when `visible` and standard error is a
    /// terminal.
    pub fn new(total: Option<u64>, visible: bool) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let (bar, template) = match total {
            Some(n) => (
                ProgressBar::with_draw_target(Some(n), target),
                "{bar:30} {pos}/{len} documents, {msg} [{elapsed_precise}, {eta} left]",
            ),
            None => (
                ProgressBar::with_draw_target(None, target),
                "{spinner} {pos} documents, {msg} [{elapsed_precise}]",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        if !bar.is_hidden() {
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
        Progress {
            bar,
            bytes: Arc::default(),
        }
    }

    /// A bar that is never drawn.
    pub fn hidden() -> Self {
        Progress {
            bar: ProgressBar::hidden(),
            bytes: Arc::default(),
        }
    }

    /// One more document done, of `bytes` bytes.
    pub fn advance(&self, bytes: u64) {
        let total_bytes = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.bar.inc(1);
        let secs = self.bar.elapsed().as_secs_f64();
        let mb = total_bytes as f64 / 1e6;
        let speed = if secs > 0.0 { mb / secs } else { 0.0 };
        self.bar.set_message(format!("{mb:.1} MB, {speed:.2} MB/s"));
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
