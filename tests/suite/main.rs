//! charter's integration tests, one binary (as mdBook's and cargo's test
//! suites are): each module covers one concern, and `common` is the harness
//! they share. One binary links the library once instead of once per file,
//! which keeps a clean `cargo test` within a small CI machine's disk.
//! Run one module with `cargo test --test suite MODULE::`.

mod common;

mod bad_inputs;
mod browser;
mod build;
mod cli;
mod codes;
mod corpora;
mod i18n;
mod properties;
mod safety;
mod search;
mod serve;
mod specs;
mod translations;
mod versions;
