//! Dates and moments as the store writes them: civil dates by hand (no calendar crate),
//! moments with their offset, written back in UTC.

use crate::i18n::Msg;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// `YYYY-MM-DD` → (y, m, d), checked.
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let s = s.trim();
    let mut it = s.splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1970..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then_some((y, m, d))
}

/// A moment written `2026-12-01T08:30+01:00` (or `Z`, or a space for `T`): ms since 1970.
/// The offset is required: a school's clock is local, and a deadline an hour off is a
/// wrong deadline.
pub fn parse_moment(s: &str) -> std::result::Result<i64, Msg> {
    let bad = || Msg::new("time-bad-moment").text("found", s.trim());
    let t = s.trim().replacen(' ', "T", 1);
    let (date, rest) = t.split_once('T').ok_or_else(bad)?;
    let (y, m, d) = parse_date(date).ok_or_else(bad)?;
    let (clock, offset_min) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0i64)
    } else {
        let i = rest
            .rfind(['+', '-'])
            .ok_or_else(|| Msg::new("time-no-offset").text("found", s.trim()))?;
        let (c, off) = rest.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off[1..].split_once(':').ok_or_else(bad)?;
        let (oh, om): (i64, i64) = (
            oh.parse().map_err(|_| bad())?,
            om.parse().map_err(|_| bad())?,
        );
        if oh > 14 || om > 59 {
            return Err(bad());
        }
        (c, sign * (oh * 60 + om))
    };
    let mut parts = clock.split(':');
    let h: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let mi: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let sec: i64 = match parts.next() {
        Some(p) => p.parse().map_err(|_| bad())?,
        None => 0,
    };
    if parts.next().is_some() || h > 23 || mi > 59 || sec > 59 {
        return Err(bad());
    }
    let days = days_from_civil(y, m, d);
    Ok(((days * 24 + h) * 60 + mi - offset_min) * 60_000 + sec * 1000)
}

/// ms since 1970 as `2026-12-01T07:30:00Z`.
pub fn format_moment(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, s) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_by_hand() {
        // 2026-12-01 is day 20 788 since 1970-01-01 (56 years, 14 leap days: 56*365+14 = 20 454,
        // plus the 334 days of January to November 2026).
        assert_eq!(days_from_civil(2026, 12, 1), 20_788);
        assert_eq!(civil_from_days(20_788), (2026, 12, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        // 08:30 in Paris in winter is 07:30 UTC.
        let ms = parse_moment("2026-12-01T08:30+01:00").unwrap_or(0);
        assert_eq!(format_moment(ms), "2026-12-01T07:30:00Z");
        assert!(parse_moment("2026-12-01T08:30").is_err());
        assert!(parse_moment("2026-02-30T08:30Z").is_err());
    }
}
