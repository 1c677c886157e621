//! Hash maps for the hot paths: a multiply-rotate hasher (as FxHash) keyed
//! per process, instead of SipHash's rounds for every bigram, shingle and
//! line key of a document.
//!
//! Keyed because the keys come from the input: without a key, text crafted
//! from this code could pile its keys into one bucket and make a pass
//! quadratic. Output never depends on the key: these maps are looked up,
//! never iterated in an order that reaches the output.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// This process's key, drawn once from the standard library's random state.
static KEY: LazyLock<u64> =
    LazyLock::new(|| std::hash::BuildHasher::hash_one(&std::hash::RandomState::new(), 0u64) | 1);

/// Multiplier of the mixing step (the golden ratio in 64 bits, as FxHash).
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hasher of [`FastMap`] and [`FastSet`].
#[derive(Clone, Copy)]
pub struct KeyHasher(u64);

impl Default for KeyHasher {
    fn default() -> Self {
        KeyHasher(*KEY)
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(MIX);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(MIX);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A `HashMap` with [`KeyHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;
/// A `HashSet` with [`KeyHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<KeyHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn spreads_neighbouring_keys() {
        let b = BuildHasherDefault::<KeyHasher>::default();
        // Consecutive integers and Han bigrams land in most of 16,384
        // buckets by the low bits (the table's index) and by the high bits.
        let ints: Vec<u64> = (0u64..10_000).map(|n| b.hash_one(n)).collect();
        let pairs: Vec<u64> = ('一'..='龥')
            .take(200)
            .flat_map(|a| ('一'..='龥').take(50).map(move |c| (a, c)))
            .map(|k| b.hash_one(k))
            .collect();
        for hashes in [ints, pairs] {
            let low: HashSet<u64> = hashes.iter().map(|h| h & 0x3fff).collect();
            let high: HashSet<u64> = hashes.iter().map(|h| h >> 50).collect();
            assert!(
                low.len() > 5_000 && high.len() > 5_000,
                "{} {}",
                low.len(),
                high.len()
            );
        }
    }
}
