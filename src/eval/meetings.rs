//! Evaluation: meetings.

/// Entry point of `whomet-eval meetings`.
pub fn main(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("not yet implemented")
}
