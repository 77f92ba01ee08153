namespace Wandb.Storage.Merging;

/// <summary>Where merged runs go: another folder store or the PostgreSQL store.</summary>
internal interface IMergeDestination
{
    /// <summary>Describes the destination without secrets.</summary>
    string Location { get; }

    /// <summary>The run's metadata, or null when the destination lacks the run.</summary>
    RunMetadataFile? ReadRun(string runId);

    void CreateRun(RunMetadataFile metadata);

    /// <summary>A writer's state, or null when the destination lacks it.</summary>
    WriterStateFile? ReadWriter(string runId, string writerId);

    /// <summary>
    /// Adds the writer's rows the destination does not have yet (row <c>i</c> of <paramref name="lines"/> is
    /// the writer's row <c>firstSeq + i</c>) and replaces its state; returns the rows added.
    /// </summary>
    long WriteWriter(string runId, WriterStateFile state, long firstSeq, IEnumerable<HistoryLine> lines);
}
