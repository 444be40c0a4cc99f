//! Writing outDir so that a reader never sees a half-written build: files go to a sibling
//! staging directory, which then takes the place of the old outDir by rename.

use std::path::Path;

use super::render_chunk::OutputFile;

pub fn write_output(out_dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let parent = out_dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dist".into());
    let staging = parent.join(format!(".{name}.mfbundle-tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.mfbundle-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| {
        std::fs::create_dir_all(&staging)?;
        for f in files {
            let path = staging.join(&f.name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, &f.contents)?;
        }
        Ok::<(), std::io::Error>(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_old = out_dir.exists();
    if had_old {
        std::fs::rename(out_dir, &old).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&staging);
        })?;
    }
    if let Err(e) = std::fs::rename(&staging, out_dir) {
        if had_old {
            let _ = std::fs::rename(&old, out_dir);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
