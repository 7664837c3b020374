use minicbor::Encode;

/// The word index chunks in `pagefind/index/`

/// A single word index chunk: `pagefind/index/*.pf_index`
#[derive(Encode)]
pub struct WordIndex {
    #[n(0)]
    pub words: Vec<PackedWord>,
}

/// A single word as an inverse index of all locations on the site
#[derive(Encode, Clone, Debug)]
pub struct PackedWord {
    #[n(0)]
    pub word: String,
    #[n(1)]
    pub pages: Vec<PackedPage>,
    #[n(2)]
    pub additional_variants: Vec<PackedVariant>,
}

/// A variant of a word with different diacritics (e.g., "café" vs "cafe")
#[derive(Encode, Clone, Debug)]
pub struct PackedVariant {
    #[n(0)]
    pub form: String,
    #[n(1)]
    pub pages: Vec<PackedPage>,
}

/// A set of locations on a given page
#[derive(Encode, Clone, Debug)]
pub struct PackedPage {
    #[n(0)]
    pub page_number: usize, // Won't exceed u32 but saves us some into()s
    #[n(1)]
    pub locs: Vec<i32>,
    #[n(2)]
    pub meta_locs: Vec<i32>,
}

/// Charter: the `.pf_index` bytes of a chunk's `words`, the same bytes as
/// Pagefind's delta encoding of page numbers followed by minicbor's
/// derived encoding of [`WordIndex`]. `words` hold absolute page numbers;
/// each page list is delta-encoded as it is written. minicbor took every
/// integer through its generic writer into a doubling buffer: 5% of a
/// 10,000-page charter build's CPU, for tens of millions of positions.
pub fn encode_word_index(words: &[PackedWord], out: &mut Vec<u8>) {
    out.reserve(word_index_bound(words));
    cbor_head(out, ARRAY, 1);
    cbor_head(out, ARRAY, words.len() as u64);
    for word in words {
        cbor_head(out, ARRAY, 3);
        cbor_text(out, &word.word);
        encode_pages(out, &word.pages);
        cbor_head(out, ARRAY, word.additional_variants.len() as u64);
        for variant in &word.additional_variants {
            cbor_head(out, ARRAY, 2);
            cbor_text(out, &variant.form);
            encode_pages(out, &variant.pages);
        }
    }
}

/// The most bytes [`encode_word_index`] writes for `words` (a head is at
/// most 9 bytes, an `i32` at most 5), so the output is never copied to grow.
fn word_index_bound(words: &[PackedWord]) -> usize {
    let pages_bound = |pages: &[PackedPage]| {
        9 + pages
            .iter()
            .map(|p| 3 * 9 + 5 * (p.locs.len() + p.meta_locs.len()))
            .sum::<usize>()
    };
    18 + words
        .iter()
        .map(|w| {
            2 * 9
                + 9
                + w.word.len()
                + pages_bound(&w.pages)
                + w.additional_variants
                    .iter()
                    .map(|v| 2 * 9 + v.form.len() + pages_bound(&v.pages))
                    .sum::<usize>()
        })
        .sum::<usize>()
}

fn encode_pages(out: &mut Vec<u8>, pages: &[PackedPage]) {
    cbor_head(out, ARRAY, pages.len() as u64);
    let mut last_page: usize = 0;
    for page in pages {
        cbor_head(out, ARRAY, 3);
        cbor_head(out, UNSIGNED, page.page_number.wrapping_sub(last_page) as u64);
        last_page = page.page_number;
        cbor_i32s(out, &page.locs);
        cbor_i32s(out, &page.meta_locs);
    }
}

const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1;
const TEXT: u8 = 3;
const ARRAY: u8 = 4;

/// A CBOR head of the shortest form, as minicbor writes it.
fn cbor_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    if n < 24 {
        out.push(major | n as u8);
    } else if n <= u8::MAX as u64 {
        out.extend_from_slice(&[major | 24, n as u8]);
    } else if n <= u16::MAX as u64 {
        out.push(major | 25);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else if n <= u32::MAX as u64 {
        out.push(major | 26);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    } else {
        out.push(major | 27);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

fn cbor_text(out: &mut Vec<u8>, text: &str) {
    cbor_head(out, TEXT, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn cbor_i32s(out: &mut Vec<u8>, values: &[i32]) {
    cbor_head(out, ARRAY, values.len() as u64);
    for &v in values {
        if v >= 0 {
            cbor_head(out, UNSIGNED, v as u64);
        } else {
            cbor_head(out, NEGATIVE, (-1 - i64::from(v)) as u64);
        }
    }
}

/// Charter: a page of a word as `(page number, locations, meta locations)`.
pub type PlainPage = (usize, Vec<i32>, Vec<i32>);
/// Charter: a word as `(word, pages, [(variant, pages)])`.
pub type PlainWord = (String, Vec<PlainPage>, Vec<(String, Vec<PlainPage>)>);

/// Charter: a chunk's bytes as Pagefind made them (delta-encoded page
/// numbers, then minicbor) and as [`encode_word_index`] makes them.
pub fn both_word_index_encodings(words: Vec<PlainWord>) -> (Vec<u8>, Vec<u8>) {
    let pages = |pages: Vec<PlainPage>| {
        pages
            .into_iter()
            .map(|(page_number, locs, meta_locs)| PackedPage {
                page_number,
                locs,
                meta_locs,
            })
            .collect()
    };
    let words: Vec<PackedWord> = words
        .into_iter()
        .map(|(word, word_pages, variants)| PackedWord {
            word,
            pages: pages(word_pages),
            additional_variants: variants
                .into_iter()
                .map(|(form, variant_pages)| PackedVariant {
                    form,
                    pages: pages(variant_pages),
                })
                .collect(),
        })
        .collect();
    let mut ours = Vec::new();
    encode_word_index(&words, &mut ours);
    let delta = |pages: &mut Vec<PackedPage>| {
        let mut last_page: usize = 0;
        for page in pages {
            let delta = page.page_number.wrapping_sub(last_page);
            last_page = page.page_number;
            page.page_number = delta;
        }
    };
    let words = words
        .into_iter()
        .map(|mut word| {
            delta(&mut word.pages);
            for variant in &mut word.additional_variants {
                delta(&mut variant.pages);
            }
            word
        })
        .collect();
    let mut theirs: Vec<u8> = Vec::new();
    let _ = minicbor::encode::<WordIndex, &mut Vec<u8>>(WordIndex { words }, theirs.as_mut());
    (theirs, ours)
}
