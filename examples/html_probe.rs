use std::time::Instant;
fn main() {
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let text = String::from_utf8_lossy(&bytes).replace('\0', " ");
    let t = Instant::now();
    let d = scraper::Html::parse_document(&text);
    eprintln!("parse {:?} nodes {}", t.elapsed(), d.tree.nodes().count());
    let t = Instant::now();
    let a = whomet::html::extract(&text);
    eprintln!("extract {:?} {}", t.elapsed(), a.text.len());
}
