//! docsift's one integration-test binary.

mod numbers_suites;
