//! docsift's one integration-test binary.

mod cli;
mod common;
mod documents;
mod eval;
mod numbers_suites;
mod targets_cases;
mod targets_labelled;
mod robust_numbers;
