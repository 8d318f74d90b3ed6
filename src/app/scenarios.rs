//! Scenario files as Bevy assets: one RON loader that calls the same parser as the CLI,
//! with hot reload while a trainer edits a file. A file that does not load is kept in the
//! catalogue with its diagnostics, so the app shows the error instead of failing.

use std::path::{Path, PathBuf};

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;

use super::flow::Catalogue;
use crate::i18n::Msg;
use crate::scenario::load::{MAX_TEXT_FILE_BYTES, attach_files, load_bytes, scenario_files};
use crate::scenario::locate::Pos;
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
        // The same limit as the core's reader (the file may have grown since the walk).
        let mut result = if bytes.len() as u64 > MAX_TEXT_FILE_BYTES {
            Err(vec![Diagnostic {
                file: file.display().to_string(),
                pos: Pos { line: 1, col: 1 },
                path: String::new(),
                msg: Msg::new("load-too-large")
                    .text("file", file.display().to_string())
                    .num("mb", bytes.len() as f64 / 1_048_576.0, 1)
                    .num("max", MAX_TEXT_FILE_BYTES as f64 / 1_048_576.0, 0),
            }])
        } else {
            load_bytes(&bytes, &file.display().to_string())
        };
        // A real trace the scenario names is read beside it, as the CLI does.
        if let Ok(mut l) = result {
            let dir = file.parent().unwrap_or(&self.root).to_path_buf();
            result = attach_files(&mut l, &dir, &file.display().to_string()).map(|()| {
                l.path = Some(file);
                l
            });
        }
        Ok(ScenarioFile { key, result })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The handles that keep the scenario files loaded (and hot-reloaded).
#[derive(Resource)]
struct ScenarioFolder(#[allow(dead_code)] Vec<Handle<ScenarioFile>>);

/// The scenarios folder, as an absolute path.
#[derive(Resource)]
struct ScenarioRoot(PathBuf);

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
            .insert_resource(ScenarioRoot(root.clone()))
            .register_asset_loader(ScenarioLoader { root })
            .add_systems(Startup, load_folder)
            .add_systems(Update, sync_catalogue);
    }
}

/// Loads (and so watches for edits) each scenario file the core's walk of the folder
/// finds: ordinary files only, no links to folders followed, at most a few folders deep.
/// Bevy's own folder walk would open a pipe named `*.ron` and wait on it for ever.
fn load_folder(mut commands: Commands, server: Res<AssetServer>, root: Res<ScenarioRoot>) {
    let handles = scenario_files(&root.0)
        .into_iter()
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let key = p.strip_prefix(&root.0).ok()?.to_str()?.replace('\\', "/");
            Some(server.load::<ScenarioFile>(format!("{SOURCE}://{key}")))
        })
        .collect();
    commands.insert_resource(ScenarioFolder(handles));
}

fn sync_catalogue(
    mut events: MessageReader<AssetEvent<ScenarioFile>>,
    files: Res<Assets<ScenarioFile>>,
    mut catalogue: ResMut<Catalogue>,
) {
    for ev in events.read() {
        if let AssetEvent::Added { id } | AssetEvent::Modified { id } = ev
            && let Some(f) = files.get(*id)
        {
            if matches!(ev, AssetEvent::Modified { .. }) {
                info!("scenario file reloaded: {}", f.key);
            }
            catalogue.update(f.key.clone(), f.result.clone());
        }
    }
}
