//! docsift's one integration-test binary.

mod numbers_suites;
mod targets_cases;
