using Wandb.Storage;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Writes a finished test run into the folder store with three file-system operations (create the folder,
/// create <c>run.json</c>, create the writer state) instead of the temporary-file-and-rename dance the SDK
/// uses for files it rewrites. Both files are new and written once, in one write each: the writer id is
/// this process's own, and <c>run.json</c> is created exclusively, so when a test already created its run
/// the existing file is kept, exactly as <c>OpenRun</c> would attach. The format is unchanged
/// (docs/store-format.md); this matters because a test project may record thousands of runs.
/// </summary>
internal static class FolderFastPath
{
    public static void Write(StoreLayout layout, RunMetadataFile metadata, WriterStateFile state)
    {
        Directory.CreateDirectory(layout.RunDirectory(metadata.Id));
        var metadataPath = layout.MetadataPath(metadata.Id);
        try
        {
            CreateNew(metadataPath, StoreJson.Serialize(metadata));
        }
        catch (IOException) when (File.Exists(metadataPath))
        {
            // The test opened this run itself (WandbTest.Init or Run.Init); attach to it.
        }

        CreateNew(layout.StatePath(metadata.Id, state.Writer), StoreJson.Serialize(state));
    }

    private static void CreateNew(string path, byte[] content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1);
        stream.Write(content, 0, content.Length);
    }
}
