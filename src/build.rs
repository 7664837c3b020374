//! build (placeholder)
