//! Scenario files as Bevy assets: one RON loader that calls the same parser as the CLI,
//! with hot reload while a trainer edits a file. A file that does not load is kept in the
//! catalogue with its diagnostics, so the app shows the error instead of failing.

use std::path::{Path, PathBuf};

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, LoadContext, LoadedFolder};
use bevy::prelude::*;

use super::flow::Catalogue;
use crate::scenario::load::load_bytes;
use crate::scenario::{Diagnostic, LoadedScenario};

/// The asset source name of the scenarios folder.
pub const SOURCE: &str = "scenarios";

#[derive(Asset, TypePath, Debug)]
pub struct ScenarioFile {
    /// Path relative to the scenarios folder: the catalogue key.
    pub key: String,
    pub result: Result<LoadedScenario, Vec<Diagnostic>>,
}

#[derive(Default, TypePath)]
pub struct ScenarioLoader {
    root: PathBuf,
}

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        ctx: &mut LoadContext<'_>,
    ) -> Result<ScenarioFile, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let key = ctx.path().path().display().to_string();
        let file = self.root.join(&key);
        let mut result = load_bytes(&bytes, &file.display().to_string());
        if let Ok(l) = result.as_mut() {
            l.path = Some(file);
        }
        Ok(ScenarioFile { key, result })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

#[derive(Resource)]
struct ScenarioFolder(#[allow(dead_code)] Handle<LoadedFolder>);

/// Registers the scenarios folder as an asset source. Must run before `DefaultPlugins`.
pub fn register_source(app: &mut App, dir: &Path) {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    app.register_asset_source(
        SOURCE,
        AssetSourceBuilder::platform_default(&abs.display().to_string(), None),
    );
}

/// The loader and the system that keeps the catalogue in step with the files.
pub fn plugin(dir: PathBuf) -> impl Fn(&mut App) {
    move |app: &mut App| {
        let root = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        app.init_asset::<ScenarioFile>()
            .register_asset_loader(ScenarioLoader { root })
            .add_systems(Startup, load_folder)
            .add_systems(Update, sync_catalogue);
    }
}

fn load_folder(mut commands: Commands, server: Res<AssetServer>) {
    let handle = server.load_folder(format!("{SOURCE}://"));
    commands.insert_resource(ScenarioFolder(handle));
}

fn sync_catalogue(
    mut events: MessageReader<AssetEvent<ScenarioFile>>,
    files: Res<Assets<ScenarioFile>>,
    mut catalogue: ResMut<Catalogue>,
) {
    for ev in events.read() {
        match ev {
            AssetEvent::Added { id } | AssetEvent::Modified { id } => {
                if let Some(f) = files.get(*id) {
                    if matches!(ev, AssetEvent::Modified { .. }) {
                        info!("scenario file reloaded: {}", f.key);
                    }
                    catalogue.entries.insert(f.key.clone(), f.result.clone());
                }
            }
            _ => {}
        }
    }
}
