using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Settings;
using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Storage.Merging;

/// <summary>
/// The <c>WandbMerge</c> command: resolve the source folders and the destination store, merge, then write
/// one grouped report of the destination. Kept out of the MSBuild task so it is tested without MSBuild.
/// </summary>
internal static class MergeCommand
{
    /// <exception cref="ArgumentException">A folder or the destination is not usable (the message names the setting).</exception>
    /// <exception cref="DirectoryNotFoundException">A source folder does not exist.</exception>
    /// <exception cref="IOException">The destination cannot be written.</exception>
    public static MergeOutcome Run(MergeRequest request, IEnvironmentVariables env, IWandbOutput output)
    {
        var sources = StoreMerger.ResolveSources(request.From, request.BaseDirectory, output);
        var folder = StoreLocator.Resolve(env.Get(WandbVariables.Dir), request.BaseDirectory);
        RunStore store;
        if (string.IsNullOrWhiteSpace(request.To))
        {
            store = StoreFactory.Open(env.Get(WandbVariables.Store), folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance);
        }
        else if (PostgresConnectionInfo.LooksLikeConnectionString(request.To!))
        {
            store = StoreFactory.Open(request.To, folder, PhysicalStoreFileSystem.Instance, output, SystemClock.Instance, "WandbMergeTo");
        }
        else
        {
            store = new FolderRunStore(StoreLocator.Resolve(request.To, request.BaseDirectory), PhysicalStoreFileSystem.Instance, output, SystemClock.Instance);
        }

        if (store is FolderRunStore target && sources.Contains(target.Layout.Root, StringComparer.Ordinal))
        {
            output.Info($"Skipped {target.Layout.Root} as a source: it is the destination.");
            sources = sources.Where(s => !string.Equals(s, target.Layout.Root, StringComparison.Ordinal)).ToList();
        }

        var destination = MergeDestinations.For(store, output);
        MergeResult result;
        try
        {
            result = StoreMerger.Merge(sources, destination, output);
        }
        finally
        {
            (destination as IDisposable)?.Dispose();
        }

        output.Info(result.Describe(store.Location));
        ReportResult? report = null;
        if (request.Report)
        {
            var reportDirectory = request.ReportDirectory is { Length: > 0 } given
                ? Path.GetFullPath(Path.Combine(request.BaseDirectory, given))
                : null;
            report = ReportWriter.WriteAll(store, new ReportOptions { OutputDirectory = reportDirectory });
            foreach (var line in report.ConsoleLines)
            {
                output.Info(line.StartsWith("wandb: ", StringComparison.Ordinal) ? line.Substring(7) : line);
            }
        }

        return new MergeOutcome(store.Location, result, report);
    }
}
