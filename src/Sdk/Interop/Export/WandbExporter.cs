using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Interop.Protocol;
using Wandb.Storage;

namespace Wandb.Interop.Export;

/// <summary>
/// Exports runs of a store as W&amp;B offline runs, one <c>offline-run-YYYYMMDD_HHMMSS-&lt;id&gt;/run-&lt;id&gt;.wandb</c>
/// per run, which <c>wandb sync</c> uploads with their group and job type. The engine behind
/// <c>dotnet wandb export --format wandb</c> and the <c>WandbExport</c> MSBuild target. Exporting again
/// replaces each run's file with its current content.
/// </summary>
internal static class WandbExporter
{
    /// <exception cref="ArgumentException">The output folder is missing or blank (the message names the option).</exception>
    /// <exception cref="IOException">A run folder cannot be written, or the store cannot be read.</exception>
    public static WandbExportResult Export(RunStore store, WandbExportOptions options, IWandbOutput output, IProgress<WandbExportProgress>? progress = null)
    {
        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            throw new ArgumentException("The export needs an output folder (--out, or WandbExportDir in MSBuild).", nameof(options));
        }

        var directory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(directory);
        var groups = new HashSet<string>(options.Groups, StringComparer.Ordinal);
        var runs = store.ListRuns(new RunFilter { Project = options.Project })
            .Where(run => groups.Count == 0 || (run.Group is not null && groups.Contains(run.Group)));

        var done = 0;
        var withoutExit = 0;
        long rows = 0;
        void ExportRun(StoredRun run)
        {
            var folder = Path.Combine(directory, OfflineRunLayout.FolderName(run.CreatedAt, run.Id));
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, OfflineRunLayout.FileName(run.Id));
            Interlocked.Add(ref rows, OfflineRunWriter.Write(path, run, run.MayHaveHistory ? store.ReadHistory(run.Id) : Enumerable.Empty<HistoryRow>(), options.Entity));
            if (ExportRecords.ExitCode(run) is null)
            {
                Interlocked.Increment(ref withoutExit);
            }

            var runsDone = Interlocked.Increment(ref done);
            progress?.Report(new WandbExportProgress(runsDone, run.Id, path));
        }

        // Each run is its own file: stores whose histories read independently export on every core.
        if (store.SupportsParallelReads)
        {
            try
            {
                Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree }, ExportRun);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }
        }
        else
        {
            foreach (var run in runs)
            {
                ExportRun(run);
            }
        }

        var result = new WandbExportResult(directory, done, withoutExit, rows);
        output.Info(result.Describe());
        return result;
    }
}
