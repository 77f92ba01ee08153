using System.Text;
using Wandb.Environment;
using Wandb.Storage.Folder;

namespace Wandb.Storage.Index;

/// <summary>
/// Tells the run index that a run's folder changed in a way a listing would not otherwise notice: a writer
/// wrote its first state (created or attached) or its last (finished). Each process appends run ids, one a
/// line, to a journal of its own in <c>index/touched/</c>, after the change is on disk, so whoever reads the
/// line reads the change too. Writing a run never fails because of the index: a journal that cannot be
/// written removes the snapshot instead, and the next listing rebuilds it from the runs.
/// </summary>
internal static class IndexJournal
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly string ProcessJournal = RunId.Generate() + IndexFiles.JournalSuffix;
    private static readonly object Gate = new();

    public static void Touch(StoreLayout layout, string runId)
    {
        var files = new IndexFiles(layout);

        // No index yet: the listing that builds it reads every folder after creating index/, so a change made
        // before that is read anyway.
        if (!Directory.Exists(files.Directory))
        {
            return;
        }

        try
        {
            lock (Gate)
            {
                Append(files, runId);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Invalidate(files);
        }
    }

    private static void Append(IndexFiles files, string runId)
    {
        Directory.CreateDirectory(files.TouchedDirectory);
        using var stream = ExclusiveFile.Open(Path.Combine(files.TouchedDirectory, ProcessJournal), FileMode.OpenOrCreate, Patience);
        var line = runId + "\n";
        if (stream.Length > 0)
        {
            // A process killed mid-append left part of a line: a newline keeps it from swallowing this one.
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                line = "\n" + line;
            }
        }

        stream.Seek(0, SeekOrigin.End);
        var bytes = Encoding.UTF8.GetBytes(line);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }

    private static void Invalidate(IndexFiles files)
    {
        try
        {
            File.Delete(files.SnapshotPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Neither journal nor snapshot can be written: nor can the index be updated by a listing, which
            // then warns that it reads every run (WANDB012).
        }
    }
}
