using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;
using Wandb.Diagnostics;
using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.VsTest;

/// <summary>
/// The VSTest logger <c>wandb</c>: <c>dotnet test --logger "wandb;project=...;group=...;dir=...;mode=..."</c>
/// records one run per test result in one group per <c>dotnet test</c> invocation. A thin adapter over
/// <see cref="TestSessionReporter"/>; vstest loads it from the test output folder (the file name ends in TestLogger.dll).
/// </summary>
[FriendlyName(FriendlyName)]
[ExtensionUri(ExtensionUri)]
public sealed class WandbTestLogger : ITestLoggerWithParameters
{
    /// <summary>The name used with <c>--logger</c>.</summary>
    public const string FriendlyName = "wandb";

    /// <summary>The logger's extension URI, for .runsettings.</summary>
    public const string ExtensionUri = "logger://wandb/v1";

    private TestSessionReporter? _reporter;
    private string? _targetFramework;

    /// <inheritdoc />
    public void Initialize(TestLoggerEvents events, string testRunDirectory) =>
        Initialize(events, new Dictionary<string, string?>());

    /// <inheritdoc />
    public void Initialize(TestLoggerEvents events, Dictionary<string, string?> parameters)
    {
        if (events is null)
        {
            throw new ArgumentNullException(nameof(events));
        }

        parameters ??= new Dictionary<string, string?>();
        parameters.TryGetValue(DefaultLoggerParameterNames.TargetFramework, out _targetFramework);
        _reporter = new TestSessionReporter(LoggerParameters.Parse(parameters), new ReporterEnvironment());

        // Initialize runs before the testhost starts, so the variables exported here reach the tests.
        _reporter.Start(SessionId.FromCommandLine(System.Environment.GetCommandLineArgs()));
        events.TestResult += OnTestResult;
        events.TestRunComplete += OnTestRunComplete;
    }

    private void OnTestResult(object? sender, TestResultEventArgs e)
    {
        try
        {
            _reporter?.Record(VsTestResultMapper.Map(e.Result, _targetFramework));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A result the mapper cannot read must not fail the test run.
            LoggerConsoleOutput.Instance.Warning(WarningCodes.TestResultNotRecorded, $"The result of '{e.Result?.TestCase?.DisplayName}' could not be read: {ex.Message}");
        }
    }

    private void OnTestRunComplete(object? sender, TestRunCompleteEventArgs e) => _reporter?.Complete();
}
