//! Text from WTF-8 (UTF-8 that also encodes surrogates, as systems holding UTF-16 write
//! it), read in one pass: a surrogate pair becomes its character, a lone one U+FFFD.

const REPLACEMENT: char = '\u{FFFD}';

/// The surrogate (0xD800..=0xDFFF) that the three bytes at the start of `bytes` encode.
fn surrogate_at(bytes: &[u8]) -> Option<u32> {
    match bytes {
        [0xED, b1 @ 0xA0..=0xBF, b2 @ 0x80..=0xBF, ..] => {
            Some(0xD000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F))
        }
        _ => None,
    }
}

/// `data` read as WTF-8, or None where it holds bytes that are not (only then is the
/// reading certain, not a guess).
pub fn from_wtf8(data: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(data.len());
    let mut rest = data;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return Some(out);
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                out.push_str(std::str::from_utf8(valid).ok()?); // checked again: no `unsafe`
                let high = surrogate_at(after)?;
                let low = after.get(3..).and_then(surrogate_at);
                match low {
                    Some(low) if high < 0xDC00 && low >= 0xDC00 => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        out.push(char::from_u32(code)?);
                        rest = &after[6..];
                    }
                    _ => {
                        out.push(REPLACEMENT);
                        rest = &after[3..];
                    }
                }
            }
        }
    }
}
