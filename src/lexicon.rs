//! Lexicons: the word lists under `data/lexicon/`, embedded at compile time.
