//! Bounds-checked reading of .sor files.

use super::{
    BlockInfo, Checksum, DataPts, DataTrace, FxdParams, GenParams, KeyEvent, KeyEvents, SorError,
    SorFile, SupParams, Version,
};

/// A reader over one block's bytes that refuses to read past them.
struct Cur<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Offset of `bytes` in the file, for messages.
    base: usize,
    block: &'a str,
}

type R<T> = Result<T, SorError>;

impl<'a> Cur<'a> {
    fn new(bytes: &'a [u8], base: usize, block: &'a str) -> Cur<'a> {
        Cur {
            bytes,
            pos: 0,
            base,
            block,
        }
    }

    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let available = self.bytes.len().saturating_sub(self.pos);
        if n > available {
            return Err(SorError::Truncated {
                block: self.block.to_string(),
                offset: self.base + self.pos,
                needed: n,
                available,
            });
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u16(&mut self) -> R<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn i16(&mut self) -> R<i16> {
        Ok(self.u16()? as i16)
    }
    fn u32(&mut self) -> R<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i32(&mut self) -> R<i32> {
        Ok(self.u32()? as i32)
    }

    /// A NUL-terminated string. Bytes are read as Latin-1 so that no file can make this
    /// fail; the writer emits ASCII only.
    fn string(&mut self) -> R<String> {
        let rest = &self.bytes[self.pos.min(self.bytes.len())..];
        let Some(end) = rest.iter().position(|&b| b == 0) else {
            return Err(SorError::Truncated {
                block: self.block.to_string(),
                offset: self.base + self.pos,
                needed: rest.len() + 1,
                available: rest.len(),
            });
        };
        let s: String = rest[..end].iter().map(|&b| b as char).collect();
        self.pos += end + 1;
        Ok(s)
    }

    fn fixed(&mut self, n: usize) -> R<String> {
        Ok(self.take(n)?.iter().map(|&b| b as char).collect())
    }

    fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }
}

/// Reads a whole .sor file.
pub fn read(bytes: &[u8]) -> Result<SorFile, SorError> {
    let (version, map_revision, map_size, entries) = read_map(bytes)?;
    let mut offset = map_size;
    let mut blocks = Vec::with_capacity(entries.len());
    for (name, revision, size) in entries {
        if offset
            .checked_add(size as usize)
            .is_none_or(|end| end > bytes.len())
        {
            return Err(SorError::BlockOutsideFile {
                name,
                offset,
                size,
                file_len: bytes.len(),
            });
        }
        blocks.push(BlockInfo {
            name,
            revision,
            size,
            offset,
        });
        offset += size as usize;
    }
    let mut file = SorFile {
        version,
        map_revision,
        blocks: blocks.clone(),
        general: None,
        sup: None,
        fxd: None,
        events: None,
        data: None,
        checksum: None,
        skipped: Vec::new(),
    };
    for b in &blocks {
        let body = &bytes[b.offset..b.offset + b.size as usize];
        let mut c = Cur::new(body, b.offset, &b.name);
        let known = matches!(
            b.name.as_str(),
            "GenParams" | "SupParams" | "FxdParams" | "KeyEvents" | "DataPts" | "Cksum"
        );
        if !known {
            file.skipped.push(b.name.clone());
            continue;
        }
        if version == Version::V2 {
            let header = c.string()?;
            if header != b.name {
                return Err(SorError::BadBlockHeader {
                    name: b.name.clone(),
                });
            }
        }
        match b.name.as_str() {
            "GenParams" => file.general = Some(gen_params(&mut c, version)?),
            "SupParams" => {
                file.sup = Some(SupParams {
                    supplier: c.string()?,
                    mainframe_id: c.string()?,
                    mainframe_sn: c.string()?,
                    module_id: c.string()?,
                    module_sn: c.string()?,
                    software: c.string()?,
                    other: c.string()?,
                })
            }
            "FxdParams" => file.fxd = Some(fxd_params(&mut c, version)?),
            "KeyEvents" => file.events = Some(key_events(&mut c, version)?),
            "DataPts" => file.data = Some(data_pts(&mut c)?),
            "Cksum" => {
                let field_offset = b.offset + c.pos;
                let stored = c.u16()?;
                file.checksum = Some(Checksum {
                    stored,
                    block_offset: b.offset,
                    field_offset,
                });
            }
            _ => {}
        }
    }
    if file
        .data
        .as_ref()
        .is_some_and(|d| d.traces.iter().all(|t| t.values.is_empty()))
    {
        return Err(SorError::NoPoints);
    }
    Ok(file)
}

type MapEntries = Vec<(String, u16, u32)>;

fn read_map(bytes: &[u8]) -> Result<(Version, u16, usize, MapEntries), SorError> {
    let version = if bytes.starts_with(b"Map\0") {
        Version::V2
    } else {
        // Version 1 starts with the map revision, 1.00 to 1.99.
        match bytes.get(..2).map(|b| u16::from_le_bytes([b[0], b[1]])) {
            Some(100..=199) => Version::V1,
            _ => return Err(SorError::NotSor),
        }
    };
    let mut c = Cur::new(bytes, 0, "Map");
    if version == Version::V2 {
        c.take(4)?;
    }
    let revision = c.u16()?;
    let size = c.u32()? as usize;
    let count = c.u16()?;
    if count == 0 || count > 500 {
        return Err(SorError::BadMap(format!("{count} blocks listed")));
    }
    if size > bytes.len() {
        return Err(SorError::BadMap(format!(
            "map of {size} bytes in a file of {}",
            bytes.len()
        )));
    }
    let mut entries = Vec::with_capacity(count as usize - 1);
    for _ in 1..count {
        let name = c.string()?;
        let rev = c.u16()?;
        let bsize = c.u32()?;
        if c.pos > size {
            return Err(SorError::BadMap(format!(
                "entries run past the map size {size}"
            )));
        }
        entries.push((name, rev, bsize));
    }
    if c.pos != size {
        return Err(SorError::BadMap(format!(
            "map size {size} but its entries end at {}",
            c.pos
        )));
    }
    Ok((version, revision, size, entries))
}

fn gen_params(c: &mut Cur, v: Version) -> R<GenParams> {
    let mut g = GenParams {
        language: c.fixed(2)?,
        cable_id: c.string()?,
        fibre_id: c.string()?,
        ..GenParams::default()
    };
    if v == Version::V2 {
        g.fibre_type = c.u16()?;
    }
    g.nominal_wavelength_nm = c.u16()?;
    g.location_a = c.string()?;
    g.location_b = c.string()?;
    g.cable_code = c.string()?;
    g.build_condition = c.fixed(2)?;
    g.user_offset = c.i32()?;
    if v == Version::V2 {
        g.user_offset_distance = c.i32()?;
    }
    g.operator = c.string()?;
    g.comment = c.string()?;
    Ok(g)
}

fn fxd_params(c: &mut Cur, v: Version) -> R<FxdParams> {
    let v2 = v == Version::V2;
    let mut f = FxdParams {
        date_time: c.u32()?,
        distance_units: c.fixed(2)?,
        wavelength: c.u16()?,
        acquisition_offset: c.i32()?,
        ..FxdParams::default()
    };
    if v2 {
        f.acquisition_offset_distance = c.i32()?;
    }
    let n = c.u16()? as usize;
    if n == 0 || n * 10 > c.remaining() {
        return Err(SorError::BadValue {
            block: "FxdParams".into(),
            detail: format!("{n} pulse widths"),
        });
    }
    f.pulse_widths_ns = (0..n).map(|_| c.u16()).collect::<R<_>>()?;
    f.data_spacing = (0..n).map(|_| c.u32()).collect::<R<_>>()?;
    f.points_per_pulse = (0..n).map(|_| c.u32()).collect::<R<_>>()?;
    f.group_index = c.u32()?;
    f.backscatter = c.u16()?;
    f.averages = c.u32()?;
    if v2 {
        f.averaging_time = c.u16()?;
    }
    f.acquisition_range = c.u32()?;
    if v2 {
        f.acquisition_range_distance = c.i32()?;
    }
    f.front_panel_offset = c.i32()?;
    f.noise_floor_level = c.u16()?;
    f.noise_floor_scale = c.i16()?;
    f.power_offset_first_point = c.u16()?;
    f.loss_threshold = c.u16()?;
    f.reflectance_threshold = c.u16()?;
    f.end_of_fibre_threshold = c.u16()?;
    if v2 {
        f.trace_type = c.fixed(2)?;
        for w in f.window.iter_mut() {
            *w = c.i32()?;
        }
    }
    Ok(f)
}

fn key_events(c: &mut Cur, v: Version) -> R<KeyEvents> {
    let v2 = v == Version::V2;
    let n = c.u16()? as usize;
    let min_size = if v2 { 43 } else { 23 };
    if n * min_size > c.remaining() {
        return Err(SorError::BadValue {
            block: "KeyEvents".into(),
            detail: format!("{n} events cannot fit in {} bytes", c.remaining()),
        });
    }
    let mut out = KeyEvents::default();
    for _ in 0..n {
        let mut e = KeyEvent {
            number: c.u16()?,
            time: c.u32()?,
            attenuation: c.i16()?,
            loss: c.i16()?,
            reflectance: c.i32()?,
            code: c.fixed(6)?,
            technique: c.fixed(2)?,
            ..KeyEvent::default()
        };
        if v2 {
            for m in e.markers.iter_mut() {
                *m = c.i32()?;
            }
        }
        e.comment = c.string()?;
        out.events.push(e);
    }
    if n > 0 {
        out.end_to_end_loss = c.i32()?;
        out.end_to_end_markers = [c.i32()?, c.i32()?];
        out.orl = c.u16()?;
        out.orl_markers = [c.i32()?, c.i32()?];
    }
    Ok(out)
}

fn data_pts(c: &mut Cur) -> R<DataPts> {
    let total = c.u32()?;
    let n_sf = c.i16()?;
    if !(0..=64).contains(&n_sf) {
        return Err(SorError::BadValue {
            block: "DataPts".into(),
            detail: format!("{n_sf} scale factors"),
        });
    }
    let mut traces = Vec::new();
    for _ in 0..n_sf {
        let n = c.u32()? as usize;
        let scale_factor = c.u16()?;
        if n.saturating_mul(2) > c.remaining() {
            return Err(SorError::Truncated {
                block: "DataPts".into(),
                offset: c.base + c.pos,
                needed: n.saturating_mul(2),
                available: c.remaining(),
            });
        }
        let raw = c.take(n * 2)?;
        let values: Vec<u16> = raw
            .chunks_exact(2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        traces.push(DataTrace {
            scale_factor,
            values,
        });
    }
    if total == 0 || traces.is_empty() {
        return Err(SorError::NoPoints);
    }
    Ok(DataPts {
        total_points: total,
        traces,
    })
}
