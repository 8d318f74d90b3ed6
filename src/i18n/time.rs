//! Moments as people read them: in the school's time zone, in French or English.
//!
//! Moments are stored as milliseconds since 1970 (UTC) and written for machines in UTC
//! (`2026-12-06T08:57:00Z`: JSON, xAPI, bundles). Everything a person reads (the app,
//! reports, tables, spreadsheets) shows them in the school's time zone: the setting
//! `school set time-zone Europe/Paris`, else the system's (`TZ`, `/etc/localtime`).
//! A store sets the zone when it is opened ([`use_zone`]); a process without a store
//! uses the system's.

use std::sync::RwLock;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use super::{Lang, Msg};

/// The zone set by the store opened last; `None`: the system's.
static ZONE: RwLock<Option<TimeZone>> = RwLock::new(None);

/// A time zone by its IANA name (`Europe/Paris`, `Indian/Reunion`, `America/Cayenne`).
pub fn zone_named(name: &str) -> Result<TimeZone, Msg> {
    TimeZone::get(name.trim()).map_err(|_| Msg::new("time-bad-zone").text("found", name.trim()))
}

/// Shows moments in `zone` from now on (`None`: the system's).
pub fn use_zone(zone: Option<TimeZone>) {
    match ZONE.write() {
        Ok(mut z) => *z = zone,
        Err(poisoned) => *poisoned.into_inner() = zone,
    }
}

/// The zone moments are shown in.
pub fn zone() -> TimeZone {
    let set = match ZONE.read() {
        Ok(z) => z.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    set.unwrap_or_else(TimeZone::system)
}

/// The zone's name as people know it (`Europe/Paris`), or its offset when it has none.
pub fn zone_name() -> String {
    let z = zone();
    match z.iana_name() {
        Some(n) => n.to_string(),
        None => format!("{}", z.to_offset(Timestamp::now())),
    }
}

/// The wall-clock time in the school's zone of a moment in ms since 1970.
fn local(ms: i64) -> DateTime {
    let ts = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
    zone().to_datetime(ts)
}

/// For spreadsheets: `2026-12-06 09:57:00`, local, which LibreOffice and Excel read as a
/// date and time in any language (ISO 8601 with a space, without a zone).
pub fn sheet(ms: i64) -> String {
    local(ms).strftime("%Y-%m-%d %H:%M:%S").to_string()
}

/// The local wall-clock time as a spreadsheet's serial number (days since 1899-12-30,
/// the fraction of the day after the point): what an .xlsx date cell holds.
pub fn serial(ms: i64) -> f64 {
    let t = local(ms);
    let days = jiff::civil::date(1899, 12, 30)
        .until(t.date())
        .map(|span| span.get_days() as f64)
        .unwrap_or(0.0);
    let secs = t.hour() as f64 * 3600.0
        + t.minute() as f64 * 60.0
        + t.second() as f64
        + t.millisecond() as f64 / 1000.0;
    days + secs / 86_400.0
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The day as written in a letter: `6 décembre 2026` (`1er décembre`), `6 December 2026`.
pub fn date(lang: Lang, ms: i64) -> String {
    let t = local(ms);
    let m = (t.month() as usize).clamp(1, 12) - 1;
    match lang {
        Lang::Fr if t.day() == 1 => format!("1er {} {}", MONTHS_FR[m], t.year()),
        Lang::Fr => format!("{} {} {}", t.day(), MONTHS_FR[m], t.year()),
        Lang::En => format!("{} {} {}", t.day(), MONTHS_EN[m], t.year()),
    }
}

/// The time of day: `09:57` in both languages (`9 h 57` is for speech, not tables).
pub fn clock(ms: i64) -> String {
    local(ms).strftime("%H:%M").to_string()
}

/// The day and the time: `6 décembre 2026 à 09:57`, `6 December 2026 at 09:57`.
pub fn date_time(lang: Lang, ms: i64) -> String {
    let (d, c) = (date(lang, ms), clock(ms));
    match lang {
        Lang::Fr => format!("{d} à {c}"),
        Lang::En => format!("{d} at {c}"),
    }
}

/// Short, for tables and lists: `06/12/2026 09:57` in French, `2026-12-06 09:57` in
/// English (the day first is French; the ISO order reads the same everywhere else).
pub fn short(lang: Lang, ms: i64) -> String {
    let t = local(ms);
    match lang {
        Lang::Fr => t.strftime("%d/%m/%Y %H:%M").to_string(),
        Lang::En => t.strftime("%Y-%m-%d %H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test changes the process-wide zone: the others here only read it through
    /// functions given a zone explicitly.
    #[test]
    fn paris_winter_and_summer_hand_worked() {
        use_zone(Some(zone_named("Europe/Paris").unwrap()));
        // 2026-12-06T08:57:00Z: winter, UTC+1.
        let winter = 1_796_547_420_000;
        assert_eq!(sheet(winter), "2026-12-06 09:57:00");
        assert_eq!(date(Lang::Fr, winter), "6 décembre 2026");
        assert_eq!(date_time(Lang::Fr, winter), "6 décembre 2026 à 09:57");
        assert_eq!(date_time(Lang::En, winter), "6 December 2026 at 09:57");
        assert_eq!(short(Lang::Fr, winter), "06/12/2026 09:57");
        // 2026-07-01T06:30:00Z: summer, UTC+2; the first of the month is "1er".
        let summer = 1_782_887_400_000;
        assert_eq!(sheet(summer), "2026-07-01 08:30:00");
        assert_eq!(date(Lang::Fr, summer), "1er juillet 2026");
        // 2026-12-06 09:57 local = 46362 days after 1899-12-30, + 9:57 / 24 h.
        assert!((serial(winter) - (46_362.0 + (9.0 * 60.0 + 57.0) / 1440.0)).abs() < 1e-9);
        assert_eq!(zone_name(), "Europe/Paris");
        // Réunion is UTC+4 all year.
        use_zone(Some(zone_named("Indian/Reunion").unwrap()));
        assert_eq!(sheet(winter), "2026-12-06 12:57:00");
        assert!(zone_named("Europe/Pariss").is_err());
        use_zone(None);
    }
}
