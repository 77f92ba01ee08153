using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb;

/// <summary>
/// One job of an experiment (a training, a fold, an evaluation), like a W&amp;B run: create it with
/// <see cref="Init(RunOptions?)"/>, <see cref="Log(IReadOnlyDictionary{string, double}, long?)"/> metrics
/// per step, set <see cref="Config"/> and <see cref="Summary"/>, then <see cref="Finish(int)"/> or dispose.
/// Several runs may be open in one process; every member is thread-safe.
/// </summary>
public sealed class Run : IDisposable
{
    private static int _warnedOnline;
    private readonly RunRecorder? _recorder;
    private readonly object _finishGate = new();
    private RunState _state = RunState.Running;
    private string[]? _lastKeys;

    private Run(string id, string name, string project, string? group, string? jobType, string? notes, IReadOnlyList<string> tags, string? storeLocation, bool attached, RunRecorder? recorder, RunConfig config, RunSummary summary)
    {
        Id = id;
        Name = name;
        Project = project;
        Group = group;
        JobType = jobType;
        Notes = notes;
        Tags = tags;
        StoreLocation = storeLocation;
        IsAttached = attached;
        _recorder = recorder;
        Config = config;
        Summary = summary;
    }

    /// <summary>Run id: 8 characters of [a-z0-9] unless one was given.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Project.</summary>
    public string Project { get; }

    /// <summary>Group (experiment), or null.</summary>
    public string? Group { get; }

    /// <summary>Job type, or null.</summary>
    public string? JobType { get; }

    /// <summary>Notes, or null.</summary>
    public string? Notes { get; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Where the run is stored (the store folder), or null when disabled.</summary>
    public string? StoreLocation { get; }

    /// <summary>True when this process attached to a run that already existed (resume or an MSBuild target's run).</summary>
    public bool IsAttached { get; }

    /// <summary>True when <c>WANDB_MODE=disabled</c> made this run a no-op.</summary>
    public bool IsDisabled => _recorder is null;

    /// <summary>Hyperparameters and settings.</summary>
    public RunConfig Config { get; }

    /// <summary>Summary values: last logged metrics unless set explicitly.</summary>
    public RunSummary Summary { get; }

    /// <summary>The current state of this process's part of the run.</summary>
    public RunState State
    {
        get
        {
            lock (_finishGate)
            {
                return _state;
            }
        }
    }

    /// <summary>This process's writer id (the name of its files in the run folder), or null when disabled.</summary>
    internal string? WriterId => _recorder?.WriterId;

    /// <summary>The step the next <c>Log</c> call without an explicit step records.</summary>
    public long Step => _recorder?.NextStep ?? 0;

    /// <summary>Creates a run, or attaches to an existing one with the same id, from options and <c>WANDB_*</c> variables.</summary>
    /// <exception cref="ArgumentException">An option or variable has an invalid value (the message names it).</exception>
    /// <exception cref="InvalidOperationException">The resume mode forbids what the store holds (must: the run is missing; never: it exists).</exception>
    public static Run Init(RunOptions? options = null) => Init(options ?? new RunOptions(), RunContext.Default with { Standalone = StandaloneRuns.Process });

    /// <param name="options">What the caller asked for; an installed <see cref="RunInitHook"/> may fill in more.</param>
    /// <param name="context">The edges the run touches.</param>
    /// <param name="openedStore">A store the caller opened and keeps using after the run (the build refreshes its reports); null opens the one the settings point at.</param>
    internal static Run Init(RunOptions options, RunContext context, RunStore? openedStore = null)
    {
        RunInitHook.Apply(options, context);
        var settings = SettingsResolver.Resolve(options, context.Environment, context.CurrentDirectory);
        if (settings.Mode == WandbMode.Disabled)
        {
            var disabledId = settings.RunId ?? RunId.Generate();
            return new Run(disabledId, settings.Name ?? disabledId, settings.Project, settings.Group, settings.JobType, settings.Notes, settings.Tags, null, false, null, new RunConfig(), new RunSummary(() => EmptyMetrics));
        }

        settings = context.TargetRun.Resolve(options, settings, context.Environment, context.Output);
        var id = settings.RunId ?? RunId.Generate();

        if (settings.OnlineRequested && Interlocked.Exchange(ref _warnedOnline, 1) == 0)
        {
            context.Output.Warning(WarningCodes.OnlineModeNotSupported, "WANDB_MODE asks for a server; Wandb for .NET records runs in the local or shared store (offline).");
        }

        // The git read (a process start the first time) overlaps opening the store.
        var git = settings.DisableGit ? null : context.Git.Begin(context.CurrentDirectory);
        var store = openedStore ?? context.OpenStore(settings);
        var requested = new RunMetadataFile
        {
            Id = id,
            Name = settings.Name ?? id,
            Project = settings.Project,
            Group = settings.Group,
            JobType = settings.JobType,
            Tags = settings.Tags.ToList(),
            Notes = settings.Notes,
            CreatedAt = context.Clock.UtcNow,
            System = SystemInfoCollector.Collect(context.Environment, git?.GetAwaiter().GetResult()),
        };

        RunOpenResult? opened = null;
        try
        {
            opened = store.OpenRun(requested, settings.Resume);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Reported by the recorder when its first attempt to open the store fails the same way.
        }

        var metadata = opened?.Metadata ?? requested;
        var writerId = RunId.Generate();
        var config = new RunConfig();
        foreach (var pair in options.Config)
        {
            config.Values.SetTrusted(pair.Key, pair.Value);
        }

        RunRecorder? recorder = null;
        var summary = new RunSummary(() => recorder?.LastValues() ?? EmptyMetrics);
        var runOpened = opened is not null;
        recorder = new RunRecorder(
            writerId,
            store.Location,
            opened?.NextStep ?? 0,
            config.Values,
            summary.Overrides,
            () =>
            {
                if (!runOpened)
                {
                    store.OpenRun(requested, settings.Resume);
                    runOpened = true;
                }

                return store.CreateWriter(id, writerId);
            },
            store.CreateFallback(metadata, writerId),
            context.Limits,
            context.Output,
            context.Clock);

        var run = new Run(metadata.Id, metadata.Name, metadata.Project, metadata.Group, metadata.JobType, metadata.Notes, metadata.Tags, store.Location, opened?.Attached ?? false, recorder, config, summary);
        recorder.Start();
        OpenRuns.Add(run);
        context.Standalone?.Started(run, store, settings, context.Environment, context.Output);
        return run;
    }

    /// <summary>Logs metrics as one history row at the next step, or at <paramref name="step"/> (which must not go backwards).</summary>
    /// <exception cref="ArgumentException">A key is null, empty or starts with '_' (reserved).</exception>
    public void Log(IReadOnlyDictionary<string, double> metrics, long? step = null)
    {
        if (_recorder is null)
        {
            return;
        }

        if (metrics is null)
        {
            throw new ArgumentNullException(nameof(metrics));
        }

        // Training loops log the same keys every step: reusing the previous key array (immutable once
        // built) saves an allocation per row and lets the writer's key cache hit by reference.
        var previous = _lastKeys;
        var keys = previous is not null && previous.Length == metrics.Count ? previous : new string[metrics.Count];
        var values = new double[metrics.Count];
        var i = 0;
        foreach (var pair in metrics)
        {
            if (!ReferenceEquals(keys, previous) || !string.Equals(keys[i], pair.Key, StringComparison.Ordinal))
            {
                ValidateMetricKey(pair.Key);
                if (ReferenceEquals(keys, previous))
                {
                    keys = (string[])previous.Clone();
                }

                keys[i] = pair.Key;
            }

            values[i] = pair.Value;
            i++;
        }

        _lastKeys = keys;
        LogValidated(keys, values, step);
    }

    /// <summary>Logs metrics given as objects; every value must be a number.</summary>
    /// <exception cref="ArgumentException">A key is invalid or a value is not a number (the message names both).</exception>
    public void Log(IReadOnlyDictionary<string, object?> metrics, long? step = null)
    {
        if (_recorder is null)
        {
            return;
        }

        if (metrics is null)
        {
            throw new ArgumentNullException(nameof(metrics));
        }

        var keys = new string[metrics.Count];
        var values = new double[metrics.Count];
        var i = 0;
        foreach (var pair in metrics)
        {
            ValidateMetricKey(pair.Key);
            keys[i] = pair.Key;
            values[i] = MetricValues.ToDouble(pair.Key, pair.Value);
            i++;
        }

        LogValidated(keys, values, step);
    }

    /// <summary>Logs one metric as a history row.</summary>
    public void Log(string key, double value, long? step = null)
    {
        if (_recorder is null)
        {
            return;
        }

        ValidateMetricKey(key);
        LogValidated(new[] { key }, new[] { value }, step);
    }

    /// <summary>Ends the run: finished for exit code 0, failed otherwise. Writes everything durably; further calls do nothing.</summary>
    public void Finish(int exitCode = 0) => Finish(exitCode == 0 ? RunState.Finished : RunState.Failed, exitCode);

    /// <summary>Ends the run with an explicit state (for example <see cref="RunState.Killed"/> on cancellation).</summary>
    public void Finish(RunState state, int? exitCode)
    {
        if (state == RunState.Running)
        {
            throw new ArgumentException("A run cannot be finished as running.", nameof(state));
        }

        lock (_finishGate)
        {
            if (_state != RunState.Running)
            {
                return;
            }

            _state = state;
        }

        _recorder?.Finish(state, exitCode);
        OpenRuns.Remove(this);
    }

    /// <summary>Finishes the run if still open: as failed when an exception is propagating, else as finished.</summary>
    public void Dispose()
    {
        if (State != RunState.Running)
        {
            return;
        }

        var exceptionInFlight = ExceptionInFlight.IsPropagating();
        Finish(exceptionInFlight ? RunState.Failed : RunState.Finished, exceptionInFlight ? 1 : 0);
    }

    /// <inheritdoc />
    public override string ToString() => $"Run {Id} ({Name}) project={Project} group={Group ?? "-"} job_type={JobType ?? "-"}";

    private static readonly IReadOnlyDictionary<string, double> EmptyMetrics = new Dictionary<string, double>();

    private static void ValidateMetricKey(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key), "A metric key must not be null.");
        }

        if (key.Length == 0 || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"A metric key must not be empty or blank (got '{key}').", nameof(key));
        }

        ReservedKeys.Reject(key, "metric");
    }

    private void LogValidated(string[] keys, double[] values, long? step)
    {
        if (step is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "A step must not be negative.");
        }

        _recorder!.Log(keys, values, step);
    }
}
