using Wandb.Diagnostics;
using Wandb.Storage.Codec;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Merging;

/// <summary>
/// Merges folder stores (for example the artifacts of CI matrix jobs) into one folder store or into the
/// PostgreSQL store. Merging is idempotent: a run or writer already there with the same or newer content
/// is left alone, and rows are added only past what the destination has. A run id that names different
/// runs in source and destination is a conflict: reported (WANDB080/081) and skipped, never overwritten.
/// </summary>
internal static class StoreMerger
{
    public static MergeResult Merge(IReadOnlyList<string> sources, IMergeDestination destination, IWandbOutput output)
    {
        var result = new MergeResult();
        foreach (var root in sources)
        {
            result.Sources++;
            var source = new FolderStoreSource(root, output);
            foreach (var run in source.Runs())
            {
                MergeRun(root, run, destination, output, result);
            }
        }

        return result;
    }

    /// <summary>
    /// Expands the folders given to merge: a folder holding <c>runs/</c> or <c>batches/</c> is a store; any other folder
    /// stands for the stores below it (two levels deep), which is how CI jobs download several artifacts.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">A folder does not exist (the message names it).</exception>
    public static IReadOnlyList<string> ResolveSources(IEnumerable<string> folders, string baseDirectory, IWandbOutput output)
    {
        var stores = new List<string>();
        foreach (var folder in folders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Path.GetFullPath(Path.Combine(baseDirectory, f.Trim()))))
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"WandbMergeFrom names '{folder}', which does not exist.");
            }

            var found = IsStore(folder)
                ? new List<string> { folder }
                : Directory.EnumerateDirectories(folder)
                    .SelectMany(d => IsStore(d) ? new[] { d } : Directory.EnumerateDirectories(d).Where(IsStore).ToArray())
                    .OrderBy(d => d, StringComparer.Ordinal)
                    .ToList();
            if (found.Count == 0)
            {
                output.Warning(WarningCodes.MergeSourceEmpty, $"'{folder}' holds no run store (no runs/ or batches/ folder in it or in its subfolders); nothing merged from it.");
            }

            stores.AddRange(found.Where(s => !stores.Contains(s, StringComparer.Ordinal)));
        }

        return stores;
    }

    private static bool IsStore(string folder) =>
        Directory.Exists(Path.Combine(folder, StoreLayout.RunsFolder)) || Directory.Exists(Path.Combine(folder, StoreLayout.BatchesFolder));

    private static void MergeRun(string root, SourceRun run, IMergeDestination destination, IWandbOutput output, MergeResult result)
    {
        var id = run.Metadata.Id;
        var existing = destination.ReadRun(id);
        var added = existing is null;
        if (existing is null)
        {
            destination.CreateRun(run.Metadata);
        }
        else if (!SameRun(existing, run.Metadata))
        {
            var message =
                $"Run '{id}' in {root} (created {Describe(run.Metadata)}) is not the run with that id in {destination.Location} (created {Describe(existing)}); kept the destination's run and skipped this one. "
                + "Two jobs gave their runs the same id: leave WANDB_RUN_ID unset so ids are unique, or merge the jobs into separate stores.";
            Report(output, result, new MergeConflict(id, null, root, message), WarningCodes.MergeRunConflict);
            return;
        }

        var changed = false;
        foreach (var writer in run.Writers)
        {
            var theirs = writer.State;
            var ours = destination.ReadWriter(id, theirs.Writer);
            if (ours is not null && !SameWriter(ours, theirs))
            {
                var message =
                    $"Writer '{theirs.Writer}' of run '{id}' in {root} was recorded by another process ({theirs.Host} pid {theirs.Pid}) than the writer with that id in {destination.Location} ({ours.Host} pid {ours.Pid}); kept the destination's.";
                Report(output, result, new MergeConflict(id, theirs.Writer, root, message), WarningCodes.MergeWriterConflict);
                continue;
            }

            if (ours is not null && ours.UpdatedAt >= theirs.UpdatedAt && ours.Rows >= theirs.Rows)
            {
                continue;
            }

            result.RowsAdded += destination.WriteWriter(id, theirs, writer.FirstSeq, FolderStoreSource.ReadHistory(writer.HistoryPath));
            changed = true;
        }

        if (added)
        {
            result.RunsAdded++;
        }
        else if (changed)
        {
            result.RunsUpdated++;
        }
        else
        {
            result.RunsUnchanged++;
        }
    }

    private static void Report(IWandbOutput output, MergeResult result, MergeConflict conflict, string code)
    {
        result.Conflicts.Add(conflict);
        output.Warning(code, conflict.Message);
    }

    /// <summary>Whether two descriptions of a run are the same run: every field equal, as stored.</summary>
    internal static bool SameRun(RunMetadataFile a, RunMetadataFile b) =>
        StoreCodec.Serialize(a).SequenceEqual(StoreCodec.Serialize(b));

    private static bool SameWriter(WriterStateFile a, WriterStateFile b) =>
        a.Writer == b.Writer && a.Pid == b.Pid && a.StartedAt == b.StartedAt && string.Equals(a.Host, b.Host, StringComparison.Ordinal);

    private static string Describe(RunMetadataFile run) =>
        $"{run.CreatedAt:yyyy-MM-dd HH:mm:ss} on {run.System?.Host ?? "an unknown host"}";
}
