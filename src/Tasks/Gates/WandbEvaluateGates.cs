using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Environment;
using Wandb.Build.Tasks.Session;
using Wandb.Diagnostics;
using Wandb.Gates;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Gates;

/// <summary>
/// Evaluates the project's <c>WandbGate</c> items after a tracked target finished, for the job types whose runs the
/// target produced, against the baseline (<c>WandbBaseline</c>); after <c>dotnet test</c>, reports the verdicts the test
/// logger found for the runs of that test run (<see cref="TestRunGate"/>). <c>regressed</c>, <c>below_min</c> and
/// <c>above_max</c> fail the build with <c>WANDB200</c>-<c>WANDB202</c> (warnings with <c>WandbGateMode=warn</c>).
/// See docs/quality-gate.md.
/// </summary>
public sealed class WandbEvaluateGates : Microsoft.Build.Utilities.Task
{
    /// <summary>The tracked target's run, just finished; empty when it had none.</summary>
    public string RunId { get; set; } = string.Empty;

    /// <summary>The <c>WandbGate</c> items: the item name is the metric, the metadata the rule.</summary>
    public ITaskItem[] Rules { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>WandbBaseline</c>: <c>auto</c>, a group name or a baseline file; default <c>WANDB_BASELINE</c>, else auto.</summary>
    public string? Baseline { get; set; }

    /// <summary><c>WandbBaselineBranch</c>: the branch auto takes its baseline from; default main or master.</summary>
    public string? BaselineBranch { get; set; }

    /// <summary><c>WandbGateMode</c>: <c>error</c> (default) or <c>warn</c>.</summary>
    public string? Mode { get; set; }

    /// <summary><c>WandbGateRequireBaseline</c>: a missing baseline is an error instead of a warning.</summary>
    public bool RequireBaseline { get; set; }

    /// <summary>
    /// After <c>dotnet test</c> (no <see cref="RunId"/>): the request file <see cref="WandbPrepareTestGate"/> wrote before the
    /// test run; the verdicts the test logger wrote beside it are reported.
    /// </summary>
    public string? TestRunRequest { get; set; }

    /// <summary>The project's folder: relative baseline file paths start here.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    internal ITaskEnvironment Environment { get; set; } = ProcessTaskEnvironment.Instance;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (NonEmpty(TestRunRequest) is { } request)
        {
            var mode = GateSettings.ParseMode(Mode, Error);
            if (mode is { } testWarnOnly)
            {
                ReportTestRun(request, testWarnOnly);
            }

            return !Log.HasLoggedErrors;
        }

        if (string.IsNullOrWhiteSpace(RunId) || Rules.Length == 0)
        {
            return true;
        }

        var warnOnly = GateSettings.ParseMode(Mode, Error);
        var rules = GateSettings.ParseRules(Rules, Error);
        if (rules is null || warnOnly is null)
        {
            return false;
        }

        var session = BuildSession.Find(BuildEngine);
        var tracked = session?.Tracked(RunId);
        var started = tracked?.Started;
        if (session is null || tracked is null || started is null)
        {
            // The run was never created; that was reported when it failed, and there is nothing to gate.
            return true;
        }

        // The run's store may be the one the build reads ahead: the gate waits for that and reads through it.
        Gate(session.ReadableStore(started.Store), Request(rules, started.Run.Project, tracked.Group, tracked.StartedAt), warnOnly.Value);
        return !Log.HasLoggedErrors;
    }

    /// <summary>After <c>dotnet test</c>: the verdicts each test process's logger found for its own runs.</summary>
    private void ReportTestRun(string request, bool warnOnly)
    {
        IReadOnlyList<TestRunVerdicts> found;
        try
        {
            found = TestRunGate.ReadVerdicts(request);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Warning(WarningCodes.GateNotEvaluated, $"The quality gate of this test run could not be read back: {ex.Message}");
            return;
        }

        if (found.Count == 0)
        {
            Log.LogMessage(MessageImportance.High, "wandb gate: the test run recorded no runs to gate (is the wandb logger on? dotnet test --logger wandb)");
            return;
        }

        foreach (var gate in found)
        {
            if (gate.ErrorCode is { } code)
            {
                Error(code, gate.Headline);
            }
            else if (gate.Verdicts.Count > 0)
            {
                Report(gate.Headline, gate.Verdicts, warnOnly);
            }
        }
    }

    private GateRequest Request(IReadOnlyList<GateRule> rules, string project, string group, DateTimeOffset since) => new()
    {
        Project = project,
        Group = group,
        Rules = rules,
        Baseline = NonEmpty(Baseline) ?? NonEmpty(Environment.Get(WandbVariables.Baseline)),
        BaselineBranch = NonEmpty(BaselineBranch),
        BaseDirectory = ProjectDirectory,
        Since = since,
    };

    private void Gate(RunStore store, GateRequest request, bool warnOnly)
    {
        GateOutcome outcome;
        try
        {
            outcome = QualityGate.Evaluate(store, request);
        }
        catch (InvalidDataException ex)
        {
            Error(WarningCodes.BaselineFileInvalid, ex.Message);
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Warning(WarningCodes.GateNotEvaluated, $"The quality gate of group {request.Group} was not evaluated: the store {store.Location} could not be read ({ex.Message}).");
            return;
        }

        if (outcome.Results.Count > 0)
        {
            Report(GateSeverity.Headline(outcome), outcome.Results.Select(r => (r.Verdict, GateMessage.Format(r))).ToList(), warnOnly);
        }

        try
        {
            GateRecords.Save(store, request.Project, request.Group, outcome.Results.Select(r => GateRow.From(r, request.Project)).ToList());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Warning(WarningCodes.GateNotEvaluated, $"The verdicts of group {request.Group} were not kept for the reports: {ex.Message}");
        }
    }

    private void Report(string headline, IReadOnlyList<(GateVerdict Verdict, string Message)> verdicts, bool warnOnly)
    {
        Log.LogMessage(MessageImportance.High, headline);
        foreach (var (verdict, message) in verdicts)
        {
            var (code, isError) = GateSeverity.Of(verdict, warnOnly, RequireBaseline);
            var text = GateSeverity.Message(verdict, message, RequireBaseline);
            if (code is null)
            {
                Log.LogMessage(MessageImportance.High, "wandb gate: " + text);
            }
            else if (isError)
            {
                Error(code, text);
            }
            else
            {
                Warning(code, text);
            }
        }
    }

    private void Error(string code, string message) =>
        Log.LogError(subcategory: "wandb", errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private void Warning(string code, string message) =>
        Log.LogWarning(subcategory: "wandb", warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
