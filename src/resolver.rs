//! Resolver: groups mentions of one real-world thing into one entity.
use crate::reader::Document;
use crate::tagger::{EntityKind, Mention};

/// One entity with all its mentions (byte ranges, in text order).
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    pub name: String,
    pub mentions: Vec<(usize, usize)>,
}

/// The entities of a document and, for each mention, its entity.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// `of_mention[i]` is the entity of the i-th mention given to [`resolve`].
    pub of_mention: Vec<usize>,
    /// The mentions, sorted by start.
    pub mentions: Vec<Mention>,
}

/// Group mentions into entities.
pub fn resolve(_doc: &Document, _mentions: &[Mention]) -> Entities {
    Entities::default()
}
