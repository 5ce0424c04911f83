//! Evaluation: conll.

/// Entry point of `whomet-eval conll`.
pub fn main(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("not yet implemented")
}
