//! docsift's one integration-test binary.

mod cli;
mod common;
mod documents;
mod eval;
mod hostile;
mod numbers_suites;
mod properties;
mod targets_cases;
