//! Evaluation: timeml.

/// Entry point of `whomet-eval timeml`.
pub fn main(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("not yet implemented")
}
