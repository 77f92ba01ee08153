using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Batches;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Records the run of each test result as one finished writer state, through the store's batch writer: no
/// background recorder per run, because a test project may have thousands of results. In the folder store
/// a result is one line of this session's batch file, and a flush is one append of many lines. A test that
/// opened its run itself keeps its run.json; the logger's state joins it (docs/store-format.md).
/// </summary>
internal sealed class TestRunWriter : IDisposable
{
    private readonly IRunBatchWriter _batch;
    private readonly string _project;
    private readonly string _group;
    private readonly SystemInfo _system;
    private readonly IClock _clock;
    private readonly DateTimeOffset? _processStartedAt = CurrentProcess.StartedAt;

    // One writer id for the whole session: a writer is one process's part of a run, and this process is
    // one writer of every run it records.
    private readonly string _writerId = RunId.Generate();

    public TestRunWriter(RunStore store, string project, string group, SystemInfo system, IClock clock)
    {
        _batch = store.CreateBatchWriter(_writerId);
        _project = project;
        _group = group;
        _system = system;
        _clock = clock;
    }

    /// <summary>Results written but not yet flushed to the store.</summary>
    public int Pending => _batch.Pending;

    /// <summary>Adds the run of one result; it reaches the store at the next <see cref="Flush"/>, or at once in stores without a bulk format.</summary>
    public void Write(TestRunDescription run, TestResultInfo result)
    {
        var (startedAt, finishedAt, _) = TestTiming.Of(result, _clock.UtcNow);
        var requested = new RunMetadataFile
        {
            Id = run.Id,
            Name = run.Name,
            Project = _project,
            Group = _group,
            JobType = run.JobType,
            Tags = run.Tags.ToList(),
            CreatedAt = startedAt,
            System = _system,
        };
        var state = new WriterStateFile
        {
            Writer = _writerId,
            Host = _system.Host,
            Pid = CurrentProcess.Id,
            ProcessStartedAt = _processStartedAt,
            StartedAt = startedAt,
            UpdatedAt = finishedAt,
            FinishedAt = finishedAt,
            State = run.State.ToName(),
            ExitCode = run.State == RunState.Failed ? 1 : 0,
            Config = run.Config,
            Summary = run.Summary,
        };
        _batch.Append(new RunBatchRecord(requested, state));
    }

    /// <summary>Hands the written results to the store; throws on failure and keeps them for the next flush.</summary>
    public void Flush() => _batch.Flush();

    public void Dispose() => _batch.Dispose();
}
