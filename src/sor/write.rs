//! Writing version-2 .sor files: GenParams, SupParams, FxdParams, KeyEvents, DataPts and
//! the checksum, CRC-16/CCITT-FALSE over every byte before it (REFERENCE.md F.10, F.13).

use super::{FxdParams, GenParams, KeyEvents, SorFile, SupParams, crc16};

#[derive(Default)]
struct Buf(Vec<u8>);

impl Buf {
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i16(&mut self, v: i16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// NUL-terminated ASCII (other characters become their unaccented letter or '?').
    fn string(&mut self, s: &str) {
        self.0.extend(s.chars().map(ascii));
        self.0.push(0);
    }
    /// Fixed-width field, padded with spaces as instruments do.
    fn fixed(&mut self, s: &str, n: usize) {
        let mut v: Vec<u8> = s.chars().map(ascii).take(n).collect();
        v.resize(n, b' ');
        self.0.extend(v);
    }
}

/// Latin letters with accents written without them (é → e), anything else non-ASCII as '?'.
fn ascii(c: char) -> u8 {
    if c.is_ascii() && c != '\0' {
        return c as u8;
    }
    let plain = match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'À' | 'Â' | 'Ä' | 'Á' => 'A',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'î' | 'ï' | 'í' => 'i',
        'Î' | 'Ï' | 'Í' => 'I',
        'ô' | 'ö' | 'ó' => 'o',
        'Ô' | 'Ö' | 'Ó' => 'O',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'Ù' | 'Û' | 'Ü' | 'Ú' => 'U',
        'ç' => 'c',
        'Ç' => 'C',
        'ñ' => 'n',
        'ÿ' => 'y',
        'µ' => 'u',
        _ => '?',
    };
    plain as u8
}

fn gen_block(g: &GenParams) -> Vec<u8> {
    let mut b = Buf::default();
    b.string("GenParams");
    b.fixed(&g.language, 2);
    b.string(&g.cable_id);
    b.string(&g.fibre_id);
    b.u16(g.fibre_type);
    b.u16(g.nominal_wavelength_nm);
    b.string(&g.location_a);
    b.string(&g.location_b);
    b.string(&g.cable_code);
    b.fixed(&g.build_condition, 2);
    b.i32(g.user_offset);
    b.i32(g.user_offset_distance);
    b.string(&g.operator);
    b.string(&g.comment);
    b.0
}

fn sup_block(s: &SupParams) -> Vec<u8> {
    let mut b = Buf::default();
    b.string("SupParams");
    for f in [
        &s.supplier,
        &s.mainframe_id,
        &s.mainframe_sn,
        &s.module_id,
        &s.module_sn,
        &s.software,
        &s.other,
    ] {
        b.string(f);
    }
    b.0
}

fn fxd_block(f: &FxdParams) -> Vec<u8> {
    let mut b = Buf::default();
    b.string("FxdParams");
    b.u32(f.date_time);
    b.fixed(&f.distance_units, 2);
    b.u16(f.wavelength);
    b.i32(f.acquisition_offset);
    b.i32(f.acquisition_offset_distance);
    let n = f
        .pulse_widths_ns
        .len()
        .min(f.data_spacing.len())
        .min(f.points_per_pulse.len());
    b.u16(n as u16);
    for v in &f.pulse_widths_ns[..n] {
        b.u16(*v);
    }
    for v in &f.data_spacing[..n] {
        b.u32(*v);
    }
    for v in &f.points_per_pulse[..n] {
        b.u32(*v);
    }
    b.u32(f.group_index);
    b.u16(f.backscatter);
    b.u32(f.averages);
    b.u16(f.averaging_time);
    b.u32(f.acquisition_range);
    b.i32(f.acquisition_range_distance);
    b.i32(f.front_panel_offset);
    b.u16(f.noise_floor_level);
    b.i16(f.noise_floor_scale);
    b.u16(f.power_offset_first_point);
    b.u16(f.loss_threshold);
    b.u16(f.reflectance_threshold);
    b.u16(f.end_of_fibre_threshold);
    b.fixed(&f.trace_type, 2);
    for w in f.window {
        b.i32(w);
    }
    b.0
}

fn events_block(k: &KeyEvents) -> Vec<u8> {
    let mut b = Buf::default();
    b.string("KeyEvents");
    b.u16(k.events.len() as u16);
    for e in &k.events {
        b.u16(e.number);
        b.u32(e.time);
        b.i16(e.attenuation);
        b.i16(e.loss);
        b.i32(e.reflectance);
        b.fixed(&e.code, 6);
        b.fixed(&e.technique, 2);
        for m in e.markers {
            b.i32(m);
        }
        b.string(&e.comment);
    }
    if !k.events.is_empty() {
        b.i32(k.end_to_end_loss);
        b.i32(k.end_to_end_markers[0]);
        b.i32(k.end_to_end_markers[1]);
        b.u16(k.orl);
        b.i32(k.orl_markers[0]);
        b.i32(k.orl_markers[1]);
    }
    b.0
}

fn data_block(d: &super::DataPts) -> Vec<u8> {
    let mut b = Buf::default();
    b.string("DataPts");
    let total: usize = d.traces.first().map(|t| t.values.len()).unwrap_or(0);
    b.u32(total as u32);
    b.i16(d.traces.len() as i16);
    for t in &d.traces {
        b.u32(t.values.len() as u32);
        b.u16(t.scale_factor);
        for v in &t.values {
            b.u16(*v);
        }
    }
    b.0
}

/// Encodes `file` as version 2. The map, block sizes and checksum are computed here;
/// `file.blocks`, `skipped` and `checksum` are ignored.
pub fn write(file: &SorFile) -> Vec<u8> {
    let mut blocks: Vec<(&str, Vec<u8>)> = Vec::new();
    if let Some(g) = &file.general {
        blocks.push(("GenParams", gen_block(g)));
    }
    if let Some(s) = &file.sup {
        blocks.push(("SupParams", sup_block(s)));
    }
    if let Some(f) = &file.fxd {
        blocks.push(("FxdParams", fxd_block(f)));
    }
    if let Some(k) = &file.events {
        blocks.push(("KeyEvents", events_block(k)));
    }
    if let Some(d) = &file.data {
        blocks.push(("DataPts", data_block(d)));
    }
    let cksum_size = "Cksum".len() + 1 + 2;
    let mut map_size = 4 + 2 + 4 + 2;
    for (name, _) in &blocks {
        map_size += name.len() + 1 + 2 + 4;
    }
    map_size += "Cksum".len() + 1 + 2 + 4;
    let mut out = Buf::default();
    out.0.extend_from_slice(b"Map\0");
    out.u16(200);
    out.u32(map_size as u32);
    out.u16(blocks.len() as u16 + 2);
    for (name, body) in &blocks {
        out.string(name);
        out.u16(200);
        out.u32(body.len() as u32);
    }
    out.string("Cksum");
    out.u16(200);
    out.u32(cksum_size as u32);
    for (_, body) in &blocks {
        out.0.extend_from_slice(body);
    }
    out.string("Cksum");
    let crc = crc16(&out.0, 0xFFFF);
    out.u16(crc);
    out.0
}
