//! The name a trainer meant: a misspelt name in a scenario or an action list is
//! answered with the nearest one the file format or the scenario knows ("did you mean").

/// The expected name nearest to what was written, when it is close enough to be a typo.
pub(crate) fn closest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(&found.to_lowercase(), &e.to_lowercase()), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field() {
        assert_eq!(
            closest("tubs", &["tubes", "fibres_per_tube"]),
            Some("tubes")
        );
        assert_eq!(closest("zzzzzz", &["tubes"]), None);
    }
}
