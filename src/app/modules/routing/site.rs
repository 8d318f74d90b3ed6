//! The site drawn by Bevy: to be written.

use bevy::prelude::*;

pub fn plugin(_app: &mut App) {}
