using System.Globalization;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Gates;
using Wandb.Reports;
using Wandb.Settings;
using Wandb.Storage;
using Wandb.Storage.Retention;
using Wandb.Testing;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// The reporting core shared by the VSTest logger and the Microsoft.Testing.Platform extension: resolves
/// the session's group and store, hands them to the test processes through <c>WANDB_*</c> variables,
/// records one run per test result on a background thread (so the test run never waits for the disk), and
/// at the end refreshes the reports and prints a grouped summary. Tracking problems become warnings.
/// </summary>
internal sealed class TestSessionReporter
{
    /// <summary>Results buffered at most before a flush while they keep coming, so memory stays flat on huge test runs.</summary>
    private const int FlushEveryResults = 1000;

    private readonly LoggerParameters _parameters;
    private readonly ReporterEnvironment _env;
    private readonly ParameterNameReader _names = new();
    private readonly HandOffQueue<TestResultInfo> _queue = new();
    private TestJobTypeFormat _jobTypes;
    private int _maxDetailRuns = ReportOptions.DefaultMaxDetailRuns;
    private RetentionPolicy? _retention;
    private string? _project;
    private SessionGate? _gate;
    private SessionTally? _tally;
    private RunStore? _store;
    private TestRunWriter? _writer;
    private Thread? _worker;
    private Task? _prepared;
    private int _failedWrites;
    private int _failedFlushes;

    public TestSessionReporter(LoggerParameters parameters, ReporterEnvironment environment)
    {
        _parameters = parameters;
        _env = environment;
    }

    /// <summary>The group of this session, once started.</summary>
    public string? Group { get; private set; }

    /// <summary>The HTML report written at the end of the session, once written.</summary>
    public string? ReportPath { get; private set; }

    /// <summary>The gate's verdicts that fail this test run, once completed, when no build reports them (Microsoft.Testing.Platform).</summary>
    public IReadOnlyList<GateFailure> GateFailures { get; private set; } = Array.Empty<GateFailure>();

    /// <summary>False when disabled (<c>mode=disabled</c>) or when the store or a parameter made recording impossible.</summary>
    public bool IsRecording => _writer is not null;

    /// <summary>Resolves group, project and store, and exports them to the test processes. Never throws.</summary>
    /// <param name="sessionId">The platform's id of this invocation, or null to generate one.</param>
    public void Start(string? sessionId)
    {
        var output = _env.Output;
        foreach (var unknown in _parameters.Unknown)
        {
            output.Warning(WarningCodes.UnknownLoggerParameter, $"Unknown logger parameter '{unknown}' was ignored. Known parameters: {LoggerParameters.KnownList}.");
        }

        WandbSettings settings;
        try
        {
            var (mode, _) = SettingsResolver.ParseMode(null, _parameters.Mode ?? _env.Variables.Get(WandbVariables.Mode));
            settings = SettingsResolver.Resolve(new RunOptions { Project = _parameters.Project, Dir = _parameters.Dir, Mode = mode }, _env.Variables, _env.CurrentDirectory);
        }
        catch (ArgumentException ex)
        {
            var field = _parameters.Mode is not null ? "logger parameter 'mode'" : WandbVariables.Mode;
            output.Warning(WarningCodes.InvalidLoggerParameter, $"{field} is invalid, so no runs are recorded for this test run: {ex.Message}");
            return;
        }

        Group = GroupResolver.Resolve(_parameters.Group, _env.Variables, () => sessionId is null ? "test-" + RunId.Generate() : SessionGroupName.From(sessionId)).Name;
        Export(WandbVariables.RunGroup, Group);
        Export(TestRunLink.LoggerVariable, "1");
        _jobTypes = ResolveJobTypes();
        _maxDetailRuns = ResolveMaxDetailRuns();
        _retention = ResolveRetention();
        _tally = new SessionTally(Group, _jobTypes);
        Export(TestRunNames.JobTypeFormatVariable, TestRunNames.JobTypeFormatName(_jobTypes));
        Export(WandbVariables.Dir, settings.StoreDirectory);
        if (_parameters.Project is not null)
        {
            Export(WandbVariables.Project, _parameters.Project);
        }

        if (settings.Mode == WandbMode.Disabled)
        {
            Export(WandbVariables.Mode, "disabled");
            return;
        }

        if (_parameters.Store is not null)
        {
            // Exported before the store is opened: the store factory and the test processes both read WANDB_STORE.
            Export(WandbVariables.Store, _parameters.Store);
        }

        try
        {
            _store = _env.OpenStore(settings);
            var system = SystemInfoCollector.Collect(_env.Variables, _env.CurrentDirectory, settings.DisableGit);
            _writer = new TestRunWriter(_store, settings.Project, Group, system, _env.Clock);
            _project = settings.Project;
            _gate = FindGate(output);
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            output.Warning(WarningCodes.LoggerStoreUnavailable, $"The run store {settings.StoreDirectory} cannot be opened, so no runs are recorded for this test run: {ex.Message}");
            return;
        }

        // One writer thread: a result costs a line in a buffer, and the buffer is appended to the store
        // whenever the queue runs dry (or every thousand results), so the disk sees a few large writes.
        _worker = new Thread(WriteQueued) { IsBackground = true, Name = "wandb test logger" };
        _worker.Start();

        // While the tests run, the store's indexes are read, so the refresh at the end reads only this run's results and
        // the runs it shows: reading a 100,000-run index after the last test cost seconds there, against the test host's
        // own recompilation of what got hot during the run. A failure here only leaves the work to the refresh.
        var store = _store;
        var focus = new[] { Group };
        var budget = _maxDetailRuns;
        var project = _project;
        _prepared = Task.Run(() =>
        {
            try
            {
                // A test run mostly repeats the project's last one: the runs its group will hold push as many of the
                // oldest groups out of the budget, so those are not read.
                ReportReadAhead.Prepare(store, focus, budget, repeatsProject: project);
            }
            catch (Exception ex) when (IsRecoverable(ex))
            {
                // The refresh reads the store itself and reports what is wrong with it.
            }
        });
    }

    /// <summary>Queues a result for recording and returns at once.</summary>
    public void Record(TestResultInfo result)
    {
        if (_writer is null)
        {
            return;
        }

        // A result reported after the run completed has nowhere to go.
        if (_queue.TryAdd(result))
        {
            _tally!.Add(result);
        }
    }

    /// <summary>Waits for queued results, refreshes the reports and prints the grouped summary. Never throws.</summary>
    public void Complete()
    {
        if (_writer is null || _store is null || _worker is null)
        {
            return;
        }

        _queue.CompleteAdding();
        if (!_worker.Join(_env.DrainTimeout))
        {
            _env.Output.Warning(WarningCodes.TestRecordingTimedOut, $"Recording test results took longer than {_env.DrainTimeout.TotalSeconds:0} s; {_queue.Count} result(s) were not recorded. Check that the store {_store.Location} is reachable.");
            return;
        }

        var notRecorded = _failedWrites + CloseWriter();

        // The store object is not read from two threads at once: the gate and the refresh wait for the read-ahead.
        _prepared?.Wait();
        if (notRecorded > 0)
        {
            _env.Output.Warning(WarningCodes.TestResultNotRecorded, $"{notRecorded} test result(s) could not be recorded in {_store.Location}; see the first message above.");
        }

        // Gated before the reports are refreshed, so they show the verdicts; under VSTest printed here only when a test
        // failed, since the build then reports nothing after the test run.
        GateFailures = _gate?.Evaluate(_store, _project!, Group!, Baseline, _tally!.JobTypes, _tally.AnyFailed, _env.Output) ?? Array.Empty<GateFailure>();

        // The reports are refreshed before the summary is printed, so a failure message cut in the summary can point
        // at its run's page; their lines follow it and leave the failures to it, so each is printed once.
        var report = TryRefreshReports(out var problem);
        foreach (var line in _tally!.Lines(_store.Location, report is null ? null : report.RunPageUrl))
        {
            _env.Output.Info(line);
        }

        if (report is null)
        {
            _env.Output.Warning(WarningCodes.TestReportsNotWritten, $"The reports in {_store.Location} could not be refreshed: {problem}. The runs are recorded; write the reports later with the SDK's ReportWriter.");
            return;
        }

        foreach (var line in report.ConsoleLines)
        {
            _env.Output.Info(line.StartsWith("wandb: ", StringComparison.Ordinal) ? line.Substring(7) : line);
        }

        // A session that recorded nothing (no test matched the filter, the test host did not start) has no page to point at.
        var page = report.GroupPageUrl(Group!);
        if (page is not null && _tally.JobTypes.Count > 0)
        {
            _env.Output.Info("report: " + page);
        }
    }

    private void WriteQueued()
    {
        while (_queue.TryTakeAll(out var results))
        {
            foreach (var result in results)
            {
                Write(result);
                if (_writer!.Pending >= FlushEveryResults)
                {
                    TryFlush();
                }
            }

            if (_queue.Count == 0)
            {
                TryFlush();
            }
        }

        TryFlush();
    }

    /// <summary>Buffers one result's run; a failure is reported once and counted.</summary>
    private void Write(TestResultInfo result)
    {
        try
        {
            _writer!.Write(TestRunDescription.From(result, Group!, _names, _jobTypes), result);
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            if (Interlocked.Increment(ref _failedWrites) == 1)
            {
                _env.Output.Warning(WarningCodes.TestResultNotRecorded, $"The result of '{result.DisplayName}' could not be recorded in {_store!.Location}: {ex.Message}");
            }
        }
    }

    /// <summary>Appends the buffered results to the store; a failure is reported once and retried at the next flush.</summary>
    private void TryFlush()
    {
        try
        {
            _writer!.Flush();
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            if (Interlocked.Increment(ref _failedFlushes) == 1)
            {
                _env.Output.Warning(WarningCodes.TestResultNotRecorded, $"{_writer!.Pending} test result(s) could not be written to {_store!.Location} yet; retrying: {ex.Message}");
            }
        }
    }

    /// <summary>Closes the batch writer after the last flush; returns how many results never reached the store.</summary>
    private int CloseWriter()
    {
        var pending = _writer!.Pending;
        try
        {
            _writer.Dispose();
            return 0;
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            return pending;
        }
    }

    /// <summary>Refreshes the reports focused on the session's group, without the reports' own list of failures; null and the reason when that failed.</summary>
    private ReportResult? TryRefreshReports(out string? problem)
    {
        problem = null;
        try
        {
            var refresh = new ReportRefresh(_env.Output, Console.Out) { WriteReports = _env.WriteReports };
            var report = refresh.Refresh(_store!, new ReportOptions { FocusGroups = { Group! }, ConsoleFailures = false, MaxDetailRuns = _maxDetailRuns, Retention = _retention, Baseline = Baseline, BaselineBranch = _gate?.BaselineBranch }, _env.Variables);
            ReportPath = report.HtmlPath;
            return report;
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <summary>The request the build set in <c>WANDB_TEST_GATE</c> (VSTest), else the one beside the test app (Microsoft.Testing.Platform).</summary>
    private SessionGate? FindGate(IWandbOutput output)
    {
        var fromBuild = _env.Variables.Get(TestRunGate.Variable);
        return string.IsNullOrWhiteSpace(fromBuild)
            ? SessionGate.FindBesideTestApp(_env.TestAppGateRequest, output)
            : SessionGate.Find(fromBuild, output);
    }

    /// <summary>The session's baseline: the logger's parameter, else the test project's <c>WandbBaseline</c>, else <c>WANDB_BASELINE</c>; null: auto for the gate, the best group for the comparison.</summary>
    private string? Baseline => _parameters.Baseline ?? _gate?.Baseline ?? _env.Variables.Get(WandbVariables.Baseline);

    /// <summary>The job_type parameter, else <c>WANDB_TEST_JOB_TYPE</c>, else method names; an unknown value is named in a warning.</summary>
    private TestJobTypeFormat ResolveJobTypes()
    {
        var fromParameter = _parameters.JobType is not null;
        var value = fromParameter ? _parameters.JobType : _env.Variables.Get(TestRunNames.JobTypeFormatVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return TestJobTypeFormat.Method;
        }

        if (TestRunNames.TryParseJobTypeFormat(value, out var format))
        {
            return format;
        }

        var source = fromParameter ? $"Logger parameter '{LoggerParameters.JobTypeName}'" : TestRunNames.JobTypeFormatVariable;
        _env.Output.Warning(
            WarningCodes.UnknownLoggerParameterValue,
            $"{source} has the unknown value '{value}', so job types are the test method names. Known values: {TestRunNames.JobTypeFormatNames}.");
        return TestJobTypeFormat.Method;
    }

    /// <summary>The max_detail_runs parameter, else the reports' default; a value that is not a whole number of at least 1 is named in a warning.</summary>
    private int ResolveMaxDetailRuns()
    {
        var value = _parameters.MaxDetailRuns;
        if (value is null)
        {
            return ReportOptions.DefaultMaxDetailRuns;
        }

        if (CountSetting.TryParse(value, out var runs))
        {
            return runs;
        }

        _env.Output.Warning(
            WarningCodes.UnknownLoggerParameterValue,
            $"Logger parameter '{LoggerParameters.MaxDetailRunsName}' must be {CountSetting.Expected}, not '{value}', so the reports show up to {ReportOptions.DefaultMaxDetailRuns.ToString("N0", CultureInfo.InvariantCulture)} runs in full, the default.");
        return ReportOptions.DefaultMaxDetailRuns;
    }

    /// <summary>
    /// The retention_* parameters as a policy for the refresh, or null without them. A value that is not a whole number
    /// of at least 1 (or true/false for the dry run) is named in a warning and retention stays off: deleting runs on a
    /// misread limit would be worse than keeping them.
    /// </summary>
    private RetentionPolicy? ResolveRetention()
    {
        if (_parameters.RetentionDays is null && _parameters.RetentionGroups is null)
        {
            return null;
        }

        int? Limit(string name, string? value)
        {
            if (value is null)
            {
                return null;
            }

            if (CountSetting.TryParse(value, out var limit))
            {
                return limit;
            }

            throw new FormatException($"Logger parameter '{name}' must be {CountSetting.Expected}, not '{value}'");
        }

        try
        {
            var dryRun = _parameters.RetentionDryRun;
            return new RetentionPolicy
            {
                KeepDays = Limit(LoggerParameters.RetentionDaysName, _parameters.RetentionDays),
                KeepGroups = Limit(LoggerParameters.RetentionGroupsName, _parameters.RetentionGroups),
                DryRun = dryRun is null ? false : bool.TryParse(dryRun, out var parsed) ? parsed : throw new FormatException($"Logger parameter '{LoggerParameters.RetentionDryRunName}' must be true or false, not '{dryRun}'"),
            };
        }
        catch (FormatException ex)
        {
            _env.Output.Warning(WarningCodes.UnknownLoggerParameterValue, ex.Message + ", so no runs are deleted.");
            return null;
        }
    }

    // Tracking must never take the test run down: anything but a broken runtime becomes a warning. This
    // includes MissingMethodException, because vstest.console loads its own Newtonsoft.Json.
    private static bool IsRecoverable(Exception ex) => ex is not (OutOfMemoryException or StackOverflowException or ThreadAbortException);

    private void Export(string name, string value)
    {
        try
        {
            _env.Export(name, value);
        }
        catch (Exception ex) when (ex is ArgumentException or System.Security.SecurityException)
        {
            _env.Output.Warning(WarningCodes.InvalidLoggerParameter, $"Could not pass {name} to the test processes: {ex.Message}");
        }
    }
}
