using Newtonsoft.Json;
using Wandb.Environment;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// What a store holds, read without its run index: every run folder and every batch record, each run read on
/// its own (<see cref="RunStore.GetRun"/>), as listings read the store before the index existed.
/// </summary>
internal static class FullScan
{
    public static List<string> Of(string root)
    {
        var layout = new StoreLayout(root);
        var output = new RecordingOutput();
        var store = new FolderRunStore(root, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance);
        var folders = Directory.Exists(layout.RunsDirectory)
            ? Directory.EnumerateDirectories(layout.RunsDirectory).Select(d => Path.GetFileName(d)!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        return RunBatchIndex.Read(layout, PhysicalStoreFileSystem.Instance, output).RunIdsWith(folders)
            .Select(store.GetRun)
            .Where(r => r is not null)
            .Select(r => Describe(r!))
            .ToList();
    }

    /// <summary>Every field of the run, so two listings compare whole.</summary>
    public static string Describe(StoredRun run) => JsonConvert.SerializeObject(run);

    public static List<string> Listing(RunStore store) => store.ListRuns().Select(Describe).ToList();
}
