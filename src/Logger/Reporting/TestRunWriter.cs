using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Writes the run of one test result straight into the store: creates the run (or attaches to the run a
/// test opened itself with <c>TestRun.Init</c>) and writes one finished writer state. No background
/// recorder per run, because a test project may have thousands of results.
/// </summary>
internal sealed class TestRunWriter
{
    private readonly RunStore _store;
    private readonly string _project;
    private readonly string _group;
    private readonly SystemInfo _system;
    private readonly IClock _clock;
    private readonly DateTimeOffset? _processStartedAt = CurrentProcess.StartedAt;

    public TestRunWriter(RunStore store, string project, string group, SystemInfo system, IClock clock)
    {
        _store = store;
        _project = project;
        _group = group;
        _system = system;
        _clock = clock;
    }

    public void Write(TestRunDescription run, TestResultInfo result)
    {
        var finishedAt = result.EndTime ?? _clock.UtcNow;
        var startedAt = result.StartTime ?? finishedAt - result.Duration;
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
        _store.OpenRun(requested, ResumeMode.Allow);
        var writerId = RunId.Generate();
        using var writer = _store.CreateWriter(run.Id, writerId);
        writer.WriteState(
            new WriterStateFile
            {
                Writer = writerId,
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
            },
            durable: false);
    }
}
