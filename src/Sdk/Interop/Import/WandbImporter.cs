using Wandb.Diagnostics;
using Wandb.Interop.TransactionLog;
using Wandb.Storage;
using Wandb.Storage.Merging;

namespace Wandb.Interop.Import;

/// <summary>
/// Imports runs the W&amp;B client wrote (offline run folders, or the <c>wandb</c> folder holding them) into a
/// store, folder or PostgreSQL. The engine behind <c>dotnet wandb import</c>. Each file becomes one writer of
/// its run, with an id derived from the file's name, so importing again adds nothing and a file that grew
/// adds only its new rows. A file whose checksums do not match is rejected whole (WANDB121) and the others
/// are imported; a run id that names another run in the store is left out (WANDB122).
/// </summary>
internal static class WandbImporter
{
    private static readonly object CreateGate = new();

    /// <exception cref="ArgumentException">A path does not exist or is not a run, run folder or <c>wandb</c> folder.</exception>
    /// <exception cref="IOException">The store cannot be written (what was imported before stays; importing again finishes the rest).</exception>
    public static WandbImportResult Import(IEnumerable<string> paths, RunStore store, IWandbOutput output, IProgress<WandbImportProgress>? progress = null, string? baseDirectory = null)
    {
        var files = OfflineRunFiles.Find(paths, baseDirectory ?? System.Environment.CurrentDirectory, output);
        var destination = MergeDestinations.For(store, output);
        var result = new WandbImportResult();
        var done = 0;
        void ImportFile(string file)
        {
            if (Read(file, output, result) is { } run)
            {
                Write(run, destination, output, result);
            }

            var filesDone = Interlocked.Increment(ref done);
            progress?.Report(new WandbImportProgress(filesDone, files.Count, file));
        }

        try
        {
            // Runs of a folder store are separate files, so files import side by side, more of them than there
            // are cores since each run's durable write waits on the disk; a database destination holds one
            // connection and takes them one at a time.
            if (store.SupportsParallelReads)
            {
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(8, Math.Max(4, 2 * System.Environment.ProcessorCount)) }, ImportFile);
            }
            else
            {
                foreach (var file in files)
                {
                    ImportFile(file);
                }
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        finally
        {
            (destination as IDisposable)?.Dispose();
        }

        output.Info(result.Describe(store.Location));
        return result;
    }

    private static ImportedRun? Read(string file, IWandbOutput output, WandbImportResult result)
    {
        string reason;
        try
        {
            return OfflineRunReader.Read(file, output);
        }
        catch (CorruptLogException ex)
        {
            reason = $"{ex.Problem} at offset {ex.Offset}";
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            reason = ex.Message;
        }

        output.Warning(WarningCodes.WandbLogRejected, $"Rejected {file}: {reason}. Nothing of it was imported; the other files are imported.");
        result.Reject(file, reason);
        return null;
    }

    private static void Write(ImportedRun run, IMergeDestination destination, IWandbOutput output, WandbImportResult result)
    {
        var id = run.Metadata.Id;
        bool runIsNew;
        lock (CreateGate)
        {
            // One decision at a time, so two files of one run imported at once cannot both create it.
            var existing = destination.ReadRun(id);
            runIsNew = existing is null;
            if (existing is null)
            {
                destination.CreateRun(run.Metadata);
            }
            else if (!StoreMerger.SameRun(existing, run.Metadata))
            {
                output.Warning(
                    WarningCodes.WandbRunConflict,
                    $"Run '{id}' of {run.Path} is not the run with that id in {destination.Location} (created {existing.CreatedAt:yyyy-MM-dd HH:mm:ss} on {existing.System?.Host ?? "an unknown host"}); kept the store's run and left this file out.");
                result.Conflict(run);
                return;
            }
        }

        var ours = destination.ReadWriter(id, run.State.Writer);
        if (ours is not null && ours.Rows >= run.State.Rows && ours.UpdatedAt >= run.State.UpdatedAt && ours.State == run.State.State)
        {
            result.Unchanged(run);
            return;
        }

        result.Added(run, destination.WriteWriter(id, run.State, 0, run.History.Lines()), runIsNew);
    }
}
