using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Environment;
using Wandb.Gates;

namespace Wandb.Build.Tasks.Gates;

/// <summary>
/// Before <c>dotnet test</c> runs a test project: checks its <c>WandbGate</c> items and writes them, with
/// <c>WandbBaseline</c>, <c>WandbBaselineBranch</c> and the gate's mode, to a request file whose path the test logger
/// finds in <c>WANDB_TEST_GATE</c>. The logger gates the runs it recorded (whatever the tests' outcome) and refreshes
/// its reports with that baseline; <see cref="WandbEvaluateGates"/> reports the verdicts once the tests passed.
/// For a Microsoft.Testing.Platform test app, after the build, it writes the same request beside the app instead, without
/// the variable (<see cref="ExportVariable"/> false): the app finds it there however it is started.
/// </summary>
public sealed class WandbPrepareTestGate : Microsoft.Build.Utilities.Task
{
    /// <summary>The <c>WandbGate</c> items.</summary>
    public ITaskItem[] Rules { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>WandbBaseline</c>.</summary>
    public string? Baseline { get; set; }

    /// <summary><c>WandbBaselineBranch</c>.</summary>
    public string? BaselineBranch { get; set; }

    /// <summary><c>WandbGateMode</c>.</summary>
    public string? Mode { get; set; }

    /// <summary><c>WandbGateRequireBaseline</c>.</summary>
    public bool RequireBaseline { get; set; }

    /// <summary>The project's folder: relative baseline file paths start here.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Where to write the request: one file per project and target framework (the intermediate output folder).</summary>
    [Required]
    public string RequestFile { get; set; } = string.Empty;

    /// <summary>
    /// Point <c>WANDB_TEST_GATE</c> at the request (default true): for the VSTest run this project starts next. False for a
    /// request beside a test app, which the variable, inherited by every later project built on the node, must not name.
    /// </summary>
    public bool ExportVariable { get; set; } = true;

    internal ITaskEnvironment Environment { get; set; } = ProcessTaskEnvironment.Instance;

    /// <inheritdoc />
    public override bool Execute()
    {
        var warnOnly = GateSettings.ParseMode(Mode, Error);
        var rules = GateSettings.ParseRules(Rules, Error);
        if (warnOnly is null || rules is null)
        {
            return false;
        }

        var path = Path.GetFullPath(Path.Combine(ProjectDirectory, RequestFile));
        var request = new TestRunGate
        {
            Rules = Rules.Select(item => new KeyValuePair<string, IReadOnlyDictionary<string, string>>(item.ItemSpec, Metadata(item))).ToList(),
            Baseline = NonEmpty(Baseline),
            BaselineBranch = NonEmpty(BaselineBranch),
            BaseDirectory = ProjectDirectory,
            WarnOnly = warnOnly.Value,
            RequireBaseline = RequireBaseline,
        };
        try
        {
            request.Write(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(subcategory: "wandb", warningCode: Wandb.Diagnostics.WarningCodes.GateNotEvaluated, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
                message: $"The quality gate of this test run will not be evaluated: {path} could not be written ({ex.Message}).");
            return true;
        }

        if (ExportVariable)
        {
            // vstest.console is started by this project's VSTest target after this task, and inherits the variable.
            Environment.Set(TestRunGate.Variable, path);
        }

        return true;
    }

    private static IReadOnlyDictionary<string, string> Metadata(ITaskItem item)
    {
        var names = new[] { GateRuleParser.JobType, GateRuleParser.Tolerance, GateRuleParser.Min, GateRuleParser.Max, GateRuleParser.Confidence, GateRuleParser.Direction };
        return names.Where(n => !string.IsNullOrWhiteSpace(item.GetMetadata(n))).ToDictionary(n => n, item.GetMetadata, StringComparer.OrdinalIgnoreCase);
    }

    private void Error(string code, string message) =>
        Log.LogError(subcategory: "wandb", errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
