//! docsift's one integration-test binary.

mod batch;
mod browser;
mod cli;
mod common;
mod diff;
mod documents;
mod health;
mod hostile;
mod numbers_suites;
mod properties;
mod real_noisy;
mod review;
mod rules;
mod targets_cases;
mod targets_labelled;
mod robust_numbers;
