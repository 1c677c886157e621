//! docsift's one integration-test binary.

mod cli;
mod common;
mod documents;
mod eval;
mod numbers_suites;
mod rules;
mod targets_cases;
