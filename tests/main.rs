//! docsift's one integration-test binary.
