//! docsift's one integration-test binary.

mod batch;
mod cli;
mod common;
mod documents;
mod health;
mod hostile;
mod numbers_suites;
mod properties;
mod real_noisy;
mod rules;
mod targets_cases;
mod targets_labelled;
mod robust_numbers;
