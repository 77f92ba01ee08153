using Wandb.Diagnostics;
using Wandb.Gates;
using Wandb.Storage;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// The quality gate of one test session (<see cref="TestRunGate"/>): the rules the test project's build handed over,
/// evaluated for the session's own group and the job types it recorded, whatever the tests' outcome. The verdicts are
/// kept for the reports. Under VSTest they are written back for the build, which reports them after the test run; when a
/// test failed it reports nothing, so they are printed here. Under Microsoft.Testing.Platform no build step follows the
/// test app, so they are always printed here and the failing ones are returned, for the app to fail with.
/// </summary>
internal sealed class SessionGate
{
    private readonly string _requestPath;
    private readonly TestRunGate _request;
    private readonly bool _buildReadsVerdicts;

    private SessionGate(string requestPath, TestRunGate request, bool buildReadsVerdicts)
    {
        _requestPath = requestPath;
        _request = request;
        _buildReadsVerdicts = buildReadsVerdicts;
    }

    /// <summary>The baseline the build set (<c>WandbBaseline</c>), for the session's reports too.</summary>
    public string? Baseline => _request.Baseline;

    public string? BaselineBranch => _request.BaselineBranch;

    /// <summary>The request the build pointed the session at (<c>WANDB_TEST_GATE</c>), or null without one.</summary>
    public static SessionGate? Find(string? requestPath, IWandbOutput output) => Find(requestPath, buildReadsVerdicts: true, output);

    /// <summary>
    /// The request a Microsoft.Testing.Platform test app's build wrote beside it (<see cref="TestRunGate.TestAppFileName"/>),
    /// or null without one: no build reads the verdicts back.
    /// </summary>
    public static SessionGate? FindBesideTestApp(string? requestPath, IWandbOutput output) => Find(requestPath, buildReadsVerdicts: false, output);

    private static SessionGate? Find(string? requestPath, bool buildReadsVerdicts, IWandbOutput output)
    {
        if (string.IsNullOrWhiteSpace(requestPath) || !File.Exists(requestPath))
        {
            return null;
        }

        try
        {
            return new SessionGate(requestPath!, TestRunGate.Read(requestPath!), buildReadsVerdicts);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            output.Warning(WarningCodes.GateNotEvaluated, $"The quality gate of this test run is not evaluated: {ex.Message}");
            return null;
        }
    }

    /// <param name="store">The session's store.</param>
    /// <param name="project">The project the session's runs went to.</param>
    /// <param name="group">The session's group.</param>
    /// <param name="baseline">The baseline: the logger's parameter, the build's, or <c>WANDB_BASELINE</c>.</param>
    /// <param name="jobTypes">The job types the session recorded: only these are judged, so a group shared with other test projects (a CI run's) is gated by each project for its own tests.</param>
    /// <param name="anyTestFailed">A test failed, so a build that reads the verdicts back will not: print them.</param>
    /// <param name="output">Where warnings and printed verdicts go.</param>
    /// <returns>The verdicts that fail the test run, when no build reads them back; otherwise none.</returns>
    public IReadOnlyList<GateFailure> Evaluate(RunStore store, string project, string group, string? baseline, IReadOnlyCollection<string> jobTypes, bool anyTestFailed, IWandbOutput output)
    {
        TestRunVerdicts found;
        IReadOnlyList<GateResult> results = Array.Empty<GateResult>();
        try
        {
            var outcome = QualityGate.Evaluate(store, new GateRequest
            {
                Project = project,
                Group = group,
                Rules = _request.ParseRules(),
                Baseline = baseline,
                BaselineBranch = _request.BaselineBranch,
                BaseDirectory = _request.BaseDirectory,
                JobTypes = jobTypes,
            });
            GateRecords.Save(store, project, group, outcome.Results.Select(r => GateRow.From(r, project)).ToList());
            results = outcome.Results;
            found = new TestRunVerdicts(GateSeverity.Headline(outcome), outcome.Results.Select(r => (r.Verdict, GateMessage.Format(r))).ToList());
        }
        catch (InvalidDataException ex)
        {
            found = new TestRunVerdicts(ex.Message, Array.Empty<(GateVerdict, string)>(), WarningCodes.BaselineFileInvalid);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            output.Warning(WarningCodes.GateNotEvaluated, $"The quality gate of group {group} was not evaluated: {ex.Message}");
            return Array.Empty<GateFailure>();
        }

        if (!_buildReadsVerdicts)
        {
            Print(found, output);
            return Failures(found, results);
        }

        try
        {
            TestRunGate.WriteVerdicts(_requestPath, found);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.Warning(WarningCodes.GateNotEvaluated, $"The verdicts of group {group} could not be handed to the build: {ex.Message}");
        }

        if (anyTestFailed)
        {
            Print(found, output);
        }

        return Array.Empty<GateFailure>();
    }

    /// <summary>The verdicts that are errors, worded as the build words them (<see cref="Print"/> and WandbEvaluateGates).</summary>
    private IReadOnlyList<GateFailure> Failures(TestRunVerdicts found, IReadOnlyList<GateResult> results)
    {
        if (found.ErrorCode is { } code)
        {
            return new[] { new GateFailure(GateFailure.GateName, GateFailure.ErrorText(code, found.Headline)) };
        }

        // The verdicts are the results' own, in their order, with their messages.
        var failures = new List<GateFailure>();
        foreach (var (result, message) in results.Zip(found.Verdicts, (r, v) => (r, v.Message)))
        {
            var (verdictCode, isError) = GateSeverity.Of(result.Verdict, _request.WarnOnly, _request.RequireBaseline);
            if (verdictCode is not null && isError)
            {
                failures.Add(GateFailure.Of(result.Metric, result.JobType, verdictCode, GateSeverity.Message(result.Verdict, message, _request.RequireBaseline)));
            }
        }

        return failures;
    }

    private void Print(TestRunVerdicts found, IWandbOutput output)
    {
        if (found.ErrorCode is { } code)
        {
            output.Info(GateFailure.ErrorText(code, found.Headline));
            return;
        }

        if (found.Verdicts.Count == 0)
        {
            return;
        }

        // The output adds its own "wandb: " to the headline's "wandb gate: ...".
        output.Info(found.Headline.Replace("wandb gate:", "gate:"));
        foreach (var (verdict, message) in found.Verdicts)
        {
            var (verdictCode, isError) = GateSeverity.Of(verdict, _request.WarnOnly, _request.RequireBaseline);
            var text = GateSeverity.Message(verdict, message, _request.RequireBaseline);
            if (verdictCode is null)
            {
                output.Info("gate: " + text);
            }
            else if (isError)
            {
                output.Info(GateFailure.ErrorText(verdictCode, text));
            }
            else
            {
                output.Warning(verdictCode, text);
            }
        }
    }
}
