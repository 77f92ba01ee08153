using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Environment;
using Wandb.Build.Tasks.Merge;
using Wandb.Build.Tasks.Session;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Gates;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Gates;

/// <summary>
/// Evaluates the project's <c>WandbGate</c> items after a tracked target finished, for the job types whose runs the
/// target produced, or after <c>dotnet test</c>, for the runs the test logger recorded, against the baseline (<c>WandbBaseline</c>): <c>regressed</c>, <c>below_min</c> and
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
    /// After <c>dotnet test</c> (no <see cref="RunId"/>): when the test run started, as a round-trip time; the groups the
    /// test logger recorded since are gated.
    /// </summary>
    public string? TestRunStart { get; set; }

    /// <summary><c>WandbDir</c>, for a test run: the store folder; wins over <c>WANDB_DIR</c>.</summary>
    public string? Dir { get; set; }

    /// <summary><c>WandbStore</c>, for a test run: a PostgreSQL connection string; wins over <c>WANDB_STORE</c>. Never logged.</summary>
    public string? Store { get; set; }

    /// <summary>The project's folder: relative baseline file paths start here.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    internal ITaskEnvironment Environment { get; set; } = ProcessTaskEnvironment.Instance;

    /// <inheritdoc />
    public override bool Execute()
    {
        var testRunStart = ParseSince();
        if ((string.IsNullOrWhiteSpace(RunId) && testRunStart is null) || Rules.Length == 0)
        {
            return true;
        }

        var warnOnly = ParseMode();
        var rules = ParseRules();
        if (rules is null || warnOnly is null)
        {
            return false;
        }

        if (testRunStart is { } since)
        {
            GateTestRun(rules, warnOnly.Value, since);
            return !Log.HasLoggedErrors;
        }

        var tracked = BuildSession.Find(BuildEngine)?.Tracked(RunId);
        var started = tracked?.Started;
        if (tracked is null || started is null)
        {
            // The run was never created; that was reported when it failed, and there is nothing to gate.
            return true;
        }

        Gate(started.Store, Request(rules, started.Run.Project, tracked.Group, tracked.StartedAt), warnOnly.Value);
        return !Log.HasLoggedErrors;
    }

    /// <summary>After <c>dotnet test</c>: every group and project the test logger recorded since the test run started.</summary>
    private void GateTestRun(IReadOnlyList<GateRule> rules, bool warnOnly, DateTimeOffset since)
    {
        RunStore store;
        List<(string Project, string Group)> recorded;
        try
        {
            var variables = new DictionaryEnvironmentVariables(Environment.Snapshot().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
            store = GateStore.Open(Dir, Store, ProjectDirectory, variables, new MergeTaskOutput(Log));
            recorded = store.ListRuns()
                .Where(r => r.CreatedAt >= since && r.Group is not null)
                .Select(r => (r.Project, r.Group!))
                .Distinct()
                .ToList();
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Warning(WarningCodes.GateNotEvaluated, $"The quality gate of this test run was not evaluated: its store could not be read ({ex.Message}).");
            return;
        }

        foreach (var (project, group) in recorded)
        {
            Gate(store, Request(rules, project, group, since), warnOnly);
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

        Report(outcome, warnOnly);
        try
        {
            GateRecords.Save(store, request.Project, request.Group, outcome.Results.Select(r => GateRow.From(r, request.Project)).ToList());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Warning(WarningCodes.GateNotEvaluated, $"The verdicts of group {request.Group} were not kept for the reports: {ex.Message}");
        }
    }

    private DateTimeOffset? ParseSince() =>
        DateTimeOffset.TryParse(NonEmpty(TestRunStart), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var since) ? since : null;

    private void Report(GateOutcome outcome, bool warnOnly)
    {
        if (outcome.Results.Count == 0)
        {
            return;
        }

        var baseline = outcome.Baseline.Baseline;
        Log.LogMessage(MessageImportance.High, baseline is null
            ? $"wandb gate: no baseline ({outcome.Baseline.Missing})"
            : $"wandb gate: compared with the {baseline.Describe()}");
        foreach (var result in outcome.Results)
        {
            var message = GateMessage.Format(result);
            switch (result.Verdict)
            {
                case GateVerdict.Regressed or GateVerdict.BelowMin or GateVerdict.AboveMax:
                    var code = result.Verdict switch
                    {
                        GateVerdict.Regressed => WarningCodes.GateRegressed,
                        GateVerdict.BelowMin => WarningCodes.GateBelowMin,
                        _ => WarningCodes.GateAboveMax,
                    };
                    if (warnOnly)
                    {
                        Warning(code, message);
                    }
                    else
                    {
                        Error(code, message);
                    }

                    break;
                case GateVerdict.NoBaseline when RequireBaseline:
                    Error(WarningCodes.GateNoBaseline, message + " WandbGateRequireBaseline is true.");
                    break;
                case GateVerdict.NoBaseline:
                    Warning(WarningCodes.GateNoBaseline, message);
                    break;
                case GateVerdict.InsufficientData:
                    Warning(WarningCodes.GateInsufficientData, message);
                    break;
                default:
                    Log.LogMessage(MessageImportance.High, "wandb gate: " + message);
                    break;
            }
        }
    }

    private bool? ParseMode()
    {
        switch (NonEmpty(Mode)?.ToLowerInvariant())
        {
            case null or "error":
                return false;
            case "warn":
                return true;
            default:
                Error(WarningCodes.GateRuleInvalid, $"WandbGateMode '{Mode}' is neither 'error' nor 'warn'.");
                return null;
        }
    }

    private IReadOnlyList<GateRule>? ParseRules()
    {
        var rules = new List<GateRule>();
        foreach (var item in Rules)
        {
            try
            {
                rules.Add(GateRuleParser.Parse(item.ItemSpec, item.GetMetadata));
            }
            catch (FormatException ex)
            {
                Error(WarningCodes.GateRuleInvalid, ex.Message);
            }
        }

        return Log.HasLoggedErrors ? null : rules;
    }

    private void Error(string code, string message) =>
        Log.LogError(subcategory: "wandb", errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private void Warning(string code, string message) =>
        Log.LogWarning(subcategory: "wandb", warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
