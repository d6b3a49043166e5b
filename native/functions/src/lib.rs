//! The CodeAnatomy function catalog.
