using Wandb.Environment;
using Wandb.Reports;
using Wandb.Storage;
using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Fakes;

/// <summary>A reporter wired to a dictionary environment, a recording output and a temporary folder store.</summary>
internal sealed class ReporterHarness : IDisposable
{
    public ReporterHarness(Dictionary<string, string?>? variables = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "wandb-logger-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Variables = variables ?? new Dictionary<string, string?>();
        Variables.TryAdd("WANDB_DISABLE_GIT", "true");
        Environment = new ReporterEnvironment
        {
            Variables = new DictionaryEnvironmentVariables(Variables),
            Export = (name, value) => Exported[name] = value,
            Output = Output,
            CurrentDirectory = Root,
            WriteReports = (store, options) =>
            {
                ReportCalls.Add(options);
                return new ReportResult { Directory = Path.Combine(store.Location, "report"), ConsoleLines = new[] { "wandb: reports written" } };
            },
        };
    }

    public string Root { get; }

    public string StoreDirectory => Path.Combine(Root, "wandb");

    public Dictionary<string, string?> Variables { get; }

    public Dictionary<string, string> Exported { get; } = new();

    public RecordingOutput Output { get; } = new();

    public List<ReportOptions> ReportCalls { get; } = new();

    public ReporterEnvironment Environment { get; set; }

    public TestSessionReporter Start(string parameters = "", string? sessionId = "11743_session")
    {
        var reporter = new TestSessionReporter(LoggerParameters.Parse(ParameterText.Split(parameters)), Environment);
        reporter.Start(sessionId);
        return reporter;
    }

    public RunStore OpenStore() => RunStore.Open(StoreDirectory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static TestResultInfo Result(string method, string displayName, TestOutcome outcome = TestOutcome.Passed, params object?[] arguments) => new()
    {
        FullyQualifiedName = "Churn.Tests.ModelTests." + method,
        DisplayName = displayName,
        Source = typeof(ReporterHarness).Assembly.Location,
        TargetFramework = ".NETCoreApp,Version=v10.0",
        Outcome = outcome,
        Duration = TimeSpan.FromMilliseconds(250),
        Arguments = arguments,
    };
}
