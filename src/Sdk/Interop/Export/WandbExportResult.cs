namespace Wandb.Interop.Export;

/// <summary>What an export wrote.</summary>
internal sealed class WandbExportResult
{
    public WandbExportResult(string outputDirectory, int runs, int runsWithoutExit, long historyRows)
    {
        OutputDirectory = outputDirectory;
        Runs = runs;
        RunsWithoutExit = runsWithoutExit;
        HistoryRows = historyRows;
    }

    /// <summary>The folder the run folders are in (full path).</summary>
    public string OutputDirectory { get; }

    /// <summary>Run folders written.</summary>
    public int Runs { get; }

    /// <summary>Runs still running or crashed, written without an exit record (as W&amp;B's client leaves an unfinished run).</summary>
    public int RunsWithoutExit { get; }

    /// <summary>History records written, over all runs.</summary>
    public long HistoryRows { get; }

    public string Describe() =>
        $"Exported {Runs} run(s) with {HistoryRows} history row(s) to {OutputDirectory}"
        + (RunsWithoutExit > 0 ? $" ({RunsWithoutExit} running or crashed, without an exit record)" : string.Empty)
        + $". Upload them with: wandb sync {Path.Combine(OutputDirectory, Protocol.OfflineRunLayout.OfflineFolderPrefix)}*";
}
