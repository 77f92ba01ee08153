using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Runs;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Session;

/// <summary>
/// What one MSBuild node knows about the build's runs: the runs still open and the stores written to.
/// Registered with the engine for the lifetime of the build, so MSBuild disposes it when the build ends
/// on this node, whether it succeeded or not. That is the only hook that runs after a failed target (its
/// AfterTargets do not), so disposing closes the runs still open as failed, then refreshes the reports.
/// Every node that ran a tracked target refreshes (each holds the runs it closed last); the store's lock
/// makes them, and any test run ending at the same moment, take turns, and the build id is the summary
/// claim, so the CI job page shows the build's summary once. While the targets run, the store the reports will be
/// refreshed from is read ahead (<see cref="RunStore.Prepare"/>), as the test logger does during a test run, so the
/// refresh at the end reads what the build changed rather than the store's whole index.
/// </summary>
internal sealed class BuildSession : IDisposable
{
    private static readonly string Key = "Wandb.Build.Tasks.BuildSession/" + typeof(BuildSession).Assembly.FullName;
    private static readonly object CreationGate = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, TrackedRun> _open = new(StringComparer.Ordinal);
    private readonly List<TrackedRun> _all = new();
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    /// <summary>Per store location: the store object the reports are refreshed from, and its read-ahead.</summary>
    private readonly Dictionary<string, ReadAhead> _readAheads = new(StringComparer.Ordinal);
    private readonly ReportRefresh _reports;
    private IEnvironmentVariables? _environment;
    private string? _fallbackBuildId;
    private bool _reportsEnabled;
    private Wandb.Storage.Retention.RetentionPolicy? _retention;
    private int? _maxDetailRuns;
    private ReportBaseline? _baseline;
    private bool _disposed;

    public BuildSession(ReportRefresh reports) => _reports = reports;

    /// <summary>The build's session on this node, created and registered on first use; null when the engine cannot hold one.</summary>
    public static BuildSession? For(IBuildEngine engine, Func<BuildSession> create)
    {
        if (engine is not IBuildEngine4 registry)
        {
            return null;
        }

        lock (CreationGate)
        {
            if (registry.GetRegisteredTaskObject(Key, RegisteredTaskObjectLifetime.Build) is BuildSession existing)
            {
                return existing;
            }

            var session = create();
            registry.RegisterTaskObject(Key, session, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            return session;
        }
    }

    /// <summary>The build's session on this node if one exists.</summary>
    public static BuildSession? Find(IBuildEngine engine) =>
        (engine as IBuildEngine4)?.GetRegisteredTaskObject(Key, RegisteredTaskObjectLifetime.Build) as BuildSession;

    /// <summary>The per-build id shared by every node (see Wandb.Build.Session.proj), or null when unknown.</summary>
    public string? BuildId { get; private set; }

    /// <summary>The build's environment, as the first tracked target saw it; CI variables are read from it at the end.</summary>
    public IEnvironmentVariables Environment => _environment ?? new DictionaryEnvironmentVariables(new Dictionary<string, string?>());

    /// <summary>
    /// An id for this node when the shared per-build id is missing (the session project could not be built):
    /// runs of this node still share a group, with a warning that other nodes may use another.
    /// </summary>
    public string FallbackBuildId(Microsoft.Build.Utilities.TaskLoggingHelper log, bool strict)
    {
        lock (_gate)
        {
            if (_fallbackBuildId is null)
            {
                _fallbackBuildId = RunId.Generate();
                Diagnostics.BuildLog.Problem(log, strict, WarningCodes.BuildIdUnavailable, $"The id shared by every project of this build is not available, so projects built on other MSBuild nodes may get another group than build-{_fallbackBuildId}. Set WandbRunGroup or WANDB_RUN_GROUP to choose one.");
            }

            return _fallbackBuildId;
        }
    }

    /// <summary>
    /// Records a started run; the first run's retention policy (null keeps every run), budget of runs shown in full
    /// (null: the default) and baseline (the quality gate's, which the reports' comparison of groups then uses too)
    /// apply when the reports are refreshed.
    /// </summary>
    public void Add(TrackedRun run, string? buildId, IEnvironmentVariables environment, bool writeReports, Wandb.Storage.Retention.RetentionPolicy? retention = null, int? maxDetailRuns = null, ReportBaseline? baseline = null)
    {
        lock (_gate)
        {
            _open[run.RunId] = run;
            _all.Add(run);
            _groups.Add(run.Group);

            BuildId ??= buildId;
            _environment ??= environment;

            _reportsEnabled |= writeReports;
            _retention ??= retention;
            _maxDetailRuns ??= maxDetailRuns;
            _baseline ??= baseline;
            var store = run.Started.Store;
            if (writeReports && !_readAheads.ContainsKey(store.Location))
            {
                _readAheads.Add(store.Location, ReadAhead.Start(store, new[] { run.Group }, _maxDetailRuns ?? ReportOptions.DefaultMaxDetailRuns));
            }
        }
    }

    /// <summary>A run this node tracked in this build, open or finished, or null.</summary>
    public TrackedRun? Tracked(string runId)
    {
        lock (_gate)
        {
            return _all.FirstOrDefault(r => r.RunId == runId);
        }
    }

    /// <summary>Removes and returns an open run, or null when it is not open on this node.</summary>
    public TrackedRun? Take(string runId)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(runId, out var run))
            {
                _open.Remove(runId);
                return run;
            }

            return null;
        }
    }

    public void Dispose()
    {
        TrackedRun[] open;
        TrackedRun[] all;
        string[] groups;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = _open.Values.ToArray();
            _open.Clear();
            all = _reportsEnabled ? _all.ToArray() : Array.Empty<TrackedRun>();
            groups = _groups.ToArray();
        }

        foreach (var run in open)
        {
            // The target failed or the build was cancelled: its After task never ran.
            try
            {
                run.Output.Detach();
                run.Started.Run.Finish(RunState.Failed, 1);
            }
            catch (Exception ex)
            {
                _reports.Output.Warning(WarningCodes.TrackedRunNotFinished, $"The run {run.RunId} of target {run.TargetName} could not be closed as failed: {ex.Message}");
            }
        }

        var stores = all.Select(r => r.Started.Store).GroupBy(s => s.Location, StringComparer.Ordinal).Select(g => ReadableStore(g.First()));
        foreach (var store in stores)
        {
            try
            {
                var result = _reports.Refresh(store, new ReportOptions { FocusGroups = groups.ToList(), Retention = _retention, MaxDetailRuns = _maxDetailRuns ?? ReportOptions.DefaultMaxDetailRuns, Baseline = _baseline?.Baseline, BaselineBranch = _baseline?.Branch }, Environment, summaryClaim: BuildId);
                foreach (var line in result.Retention?.Lines(Wandb.Storage.Retention.RetentionResult.ConsoleIdsPerGroup) ?? Array.Empty<string>())
                {
                    _reports.Output.Info(line);
                }
            }
            catch (Exception ex)
            {
                // The build is over and must keep its result; a report failure is only worth a warning.
                _reports.Output.Warning(WarningCodes.BuildReportsNotWritten, $"The reports of {store.Location} could not be refreshed: {ex.Message} Runs already written are kept; write the reports again with ReportWriter.WriteAll once the store can be written.");
            }
        }
    }

    /// <summary>
    /// The store object to read <paramref name="store"/>'s location through: the one read ahead, once its read-ahead has
    /// finished (a store object is never read from two threads at once, and reading through it keeps what it read), else
    /// <paramref name="store"/>. The quality gate after a target and the refresh at the end both read through it.
    /// </summary>
    public RunStore ReadableStore(RunStore store)
    {
        ReadAhead? readAhead;
        lock (_gate)
        {
            _readAheads.TryGetValue(store.Location, out readAhead);
        }

        return readAhead?.Finished() ?? store;
    }
}
