//! The evaluation's one integration-test binary: the scorer on hand-made
//! cases, the scorer against `score.py`, and the library on the six sets.

mod common;
mod differential;
mod scorer;
mod sets;
