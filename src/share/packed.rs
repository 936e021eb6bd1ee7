//! An imported network in a link: packed into bytes (varints), deflated
//! (raw deflate, miniz_oxide) and written in base64url without padding.
//!
//! Bytes, in order (varint = LEB128; text = varint length, UTF-8 bytes):
//! firm count, each label as text; 0 or 1 then (if 1) each display name;
//! subgroup count (0 = none), each subgroup name, each firm's subgroup;
//! strength count, each strength as f64 little-endian; tie count, then per
//! tie: zigzag(a - previous a), zigzag(b - a), strength index (only when
//! there are several strengths). Reading trusts nothing: every count is
//! checked against the bytes left and the limits, and the result must pass
//! `EdgeList::check`.

use crate::network::edgelist::EdgeList;
use crate::network::{FirmId, MAX_FIRMS, MAX_TIES};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Most bytes a link's network may inflate to: far above what 8 KB of
/// deflate holds for a real network, far below what freezes a tab.
pub const MAX_INFLATED: usize = 1 << 20;

const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The list as base64url text, or, when its bytes before compression pass
/// [`MAX_INFLATED`] (a link could not be read back), how many they are.
pub fn pack(list: &EdgeList) -> Result<String, usize> {
    // Every label takes 2 bytes at least, every tie 2: a large list is
    // known too big before it is packed.
    let least = 2 * (list.labels.len() + list.ties.len());
    if least > MAX_INFLATED {
        return Err(least);
    }
    let mut out = Vec::with_capacity(8 * list.ties.len() + 64);
    varint(&mut out, list.labels.len() as u64);
    list.labels.iter().for_each(|s| text(&mut out, s));
    varint(&mut out, u64::from(!list.names.is_empty()));
    list.names.iter().for_each(|s| text(&mut out, s));
    varint(&mut out, list.group_names.len() as u64);
    list.group_names.iter().for_each(|s| text(&mut out, s));
    if !list.group_names.is_empty() {
        list.groups.iter().for_each(|&g| varint(&mut out, g.into()));
    }
    let mut strengths: Vec<f64> = Vec::new();
    let mut known = std::collections::HashMap::new();
    let index: Vec<usize> = (list.ties.iter())
        .map(|&(_, _, w)| {
            *known.entry(w.to_bits()).or_insert_with(|| {
                strengths.push(w);
                strengths.len() - 1
            })
        })
        .collect();
    varint(&mut out, strengths.len() as u64);
    strengths.iter().for_each(|w| out.extend(w.to_le_bytes()));
    varint(&mut out, list.ties.len() as u64);
    let mut previous = 0i64;
    for (&(a, b, _), &i) in list.ties.iter().zip(&index) {
        varint(&mut out, zigzag(a as i64 - previous));
        varint(&mut out, zigzag(b as i64 - a as i64));
        if strengths.len() > 1 {
            varint(&mut out, i as u64);
        }
        previous = a as i64;
    }
    if out.len() > MAX_INFLATED {
        return Err(out.len());
    }
    Ok(BASE64.encode(miniz_oxide::deflate::compress_to_vec(&out, 9)))
}

/// The list from base64url text, or why it cannot be read.
pub fn unpack(encoded: &str) -> Result<EdgeList, String> {
    let deflated = BASE64
        .decode(encoded)
        .map_err(|e| format!("not base64url: {e}"))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                format!("the network inflates to more than {MAX_INFLATED} bytes")
            }
            _ => "the compressed network is damaged or cut short".into(),
        })?;
    let mut r = Reader { bytes: &bytes };
    let n = r.count(MAX_FIRMS, "firms")?;
    let labels = r.texts(n)?;
    let names = match r.varint()? {
        0 => Vec::new(),
        1 => r.texts(n)?,
        _ => return Err("bad names flag".into()),
    };
    let group_count = r.count(MAX_FIRMS, "subgroups")?;
    let group_names = r.texts(group_count)?;
    let groups = if group_count > 0 {
        (0..n)
            .map(|_| r.count(group_count - 1, "subgroup").map(|g| g as u32))
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let strength_count = r.count(MAX_TIES, "strengths")?;
    let strengths = (0..strength_count)
        .map(|_| {
            r.take(8)
                .map(|b| f64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
        })
        .collect::<Result<Vec<f64>, _>>()?;
    let m = r.count(MAX_TIES, "ties")?;
    let mut ties = Vec::with_capacity(m.min(r.bytes.len()));
    let mut previous = 0i64;
    for _ in 0..m {
        let a = previous + unzigzag(r.varint()?);
        let b = a + unzigzag(r.varint()?);
        let i = if strength_count > 1 {
            r.count(strength_count - 1, "strength")?
        } else {
            0
        };
        let w = *strengths.get(i).ok_or("a tie without a strength")?;
        let id = |x: i64| FirmId::try_from(x).map_err(|_| format!("firm {x} does not exist"));
        ties.push((id(a)?, id(b)?, w));
        previous = a;
    }
    if !r.bytes.is_empty() {
        return Err("bytes left over after the ties".into());
    }
    let list = EdgeList {
        labels,
        ties,
        names,
        groups,
        group_names,
    };
    list.check().map_err(|e| e.to_string())?;
    Ok(list)
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn text(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend(s.as_bytes());
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    // Bounded first: a hostile value must not overflow the sums above.
    let v = v.min(1 << 40);
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        if len > self.bytes.len() {
            return Err("the network is cut short".into());
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(head)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number too long".into())
    }

    fn count(&mut self, max: usize, what: &str) -> Result<usize, String> {
        let v = self.varint()?;
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or_else(|| format!("{what}: {v} is more than {max}"))
    }

    fn texts(&mut self, count: usize) -> Result<Vec<String>, String> {
        // Each text takes at least one byte: a count beyond the bytes left is a lie.
        if count > self.bytes.len() {
            return Err("the network is cut short".into());
        }
        (0..count)
            .map(|_| {
                let len = self.count(self.bytes.len(), "text length")?;
                String::from_utf8(self.take(len)?.to_vec())
                    .map_err(|_| "a name is not UTF-8".into())
            })
            .collect()
    }
}
