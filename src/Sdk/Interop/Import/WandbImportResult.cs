namespace Wandb.Interop.Import;

/// <summary>What an import did, for the summary line, the exit code of a front end, and tests.</summary>
internal sealed class WandbImportResult
{
    private readonly object _gate = new();

    public int Files { get; private set; }

    public int RunsAdded { get; private set; }

    public int RunsUpdated { get; private set; }

    public int RunsUnchanged { get; private set; }

    public long RowsAdded { get; private set; }

    /// <summary>Files rejected whole (bad checksum, not a log, no run record), with the reason.</summary>
    public List<(string Path, string Reason)> Rejected { get; } = new();

    /// <summary>Runs whose id names another run in the store, left out.</summary>
    public List<(string Path, string RunId)> Conflicts { get; } = new();

    /// <summary>Records of types the import does not use, by W&amp;B's name of the type, over all files.</summary>
    public SortedDictionary<string, int> SkippedRecords { get; } = new(StringComparer.Ordinal);

    public string Describe(string store) =>
        $"Imported {Files} W&B run file(s) into {store}: {RunsAdded} run(s) added, {RunsUpdated} updated, {RunsUnchanged} already there, {RowsAdded} history row(s) added, {Rejected.Count} rejected, {Conflicts.Count} conflict(s)."
        + (SkippedRecords.Count > 0 ? " Skipped records: " + string.Join(", ", SkippedRecords.Select(p => $"{p.Key} {p.Value}")) + "." : string.Empty);

    internal void Added(ImportedRun run, long rows, bool runIsNew) => Update(run, () =>
    {
        if (runIsNew)
        {
            RunsAdded++;
        }
        else
        {
            RunsUpdated++;
        }

        RowsAdded += rows;
    });

    internal void Unchanged(ImportedRun run) => Update(run, () => RunsUnchanged++);

    internal void Conflict(ImportedRun run) => Update(run, () => Conflicts.Add((run.Path, run.Metadata.Id)));

    internal void Reject(string path, string reason)
    {
        lock (_gate)
        {
            Files++;
            Rejected.Add((path, reason));
        }
    }

    private void Update(ImportedRun run, Action change)
    {
        lock (_gate)
        {
            Files++;
            change();
            foreach (var pair in run.Skipped)
            {
                SkippedRecords[pair.Key] = SkippedRecords.TryGetValue(pair.Key, out var count) ? count + pair.Value : pair.Value;
            }
        }
    }
}
