//! docsift's one integration-test binary.
mod eval;
