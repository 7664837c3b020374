//! output (placeholder)
