//! docsift: clean noisy policy documents into a structured, auditable JSON hierarchy.
#![deny(missing_docs)]

pub mod clean;
pub mod damage;
pub mod dedup;
pub mod emit;
pub mod error;
<<<<<<< HEAD
pub mod join;
pub mod markers;
pub mod metadata;
=======
pub mod eval;
>>>>>>> read-eval
pub mod model;
pub mod numbers;
pub mod pipeline;
pub mod read;
pub mod segment;
pub mod structure;
pub mod targets;

pub use error::{Error, Result};
pub use model::Document;
pub use pipeline::{process, run};
