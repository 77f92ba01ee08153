using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.OutputDevice;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.Messages;
using Microsoft.Testing.Platform.OutputDevice;
using Microsoft.Testing.Platform.Services;
using Wandb.Gates;
using Wandb.Testing;
using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>
/// The Microsoft.Testing.Platform side of the logger: consumes final test node updates and drives the
/// same <see cref="TestSessionReporter"/> as the VSTest logger. It runs inside the test process, so the
/// variables it exports reach <c>Run.Init</c> calls of the tests directly, and it installs the test link there. When the
/// test project has <c>WandbGate</c> rules, its build wrote them beside the app; at the end of the session the reporter
/// gates the session's runs, prints the verdicts and fails the app with a failed test per failing verdict.
/// </summary>
internal sealed class WandbReporter : IDataConsumer, IDataProducer, ITestSessionLifetimeHandler, IOutputDeviceDataProducer
{
    private readonly ICommandLineOptions _options;
    private readonly IOutputDevice _outputDevice;
    private readonly IMessageBus _messageBus;
    private readonly BufferedOutput _output = new();
    private readonly string _source;
    private readonly string? _targetFramework;
    private TestSessionReporter? _reporter;

    public WandbReporter(IServiceProvider services)
    {
        _options = services.GetCommandLineOptions();
        _outputDevice = services.GetOutputDevice();
        _messageBus = services.GetMessageBus();
        var testAssembly = Assembly.GetEntryAssembly();
        _source = testAssembly?.Location ?? string.Empty;
        _targetFramework = testAssembly?.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
    }

    public string Uid => ExtensionInfo.Uid;

    public string Version => ExtensionInfo.Version;

    public string DisplayName => ExtensionInfo.DisplayName;

    public string Description => ExtensionInfo.Description;

    public Type[] DataTypesConsumed => new[] { typeof(TestNodeUpdateMessage) };

    public Type[] DataTypesProduced => new[] { typeof(SessionFileArtifact), typeof(TestNodeUpdateMessage) };

    public Task<bool> IsEnabledAsync() => Task.FromResult(_options.IsOptionSet(WandbCommandLineOptions.OptionName));

    public async Task OnTestSessionStartingAsync(ITestSessionContext testSessionContext)
    {
        _options.TryGetOptionArgumentList(WandbCommandLineOptions.OptionName, out var arguments);
        var parameters = LoggerParameters.Parse(ParameterText.Split(arguments is { Length: > 0 } ? arguments[0] : null));
        var gateRequest = Path.Combine(AppContext.BaseDirectory, TestRunGate.TestAppFileName);
        _reporter = new TestSessionReporter(parameters, new ReporterEnvironment { Output = _output, TestAppGateRequest = gateRequest });
        _reporter.Start(ParentSession.Id());

        // The tests run in this process, so this is their entry point: a plain Run.Init() in a test joins its run.
        TestRunLink.Install();
        await FlushAsync(testSessionContext.CancellationToken).ConfigureAwait(false);
    }

    public Task ConsumeAsync(IDataProducer dataProducer, IData value, CancellationToken cancellationToken)
    {
        if (value is TestNodeUpdateMessage update && _reporter is not null && !GateTestNodes.IsGateNode(update.TestNode))
        {
            var result = MtpResultMapper.Map(update.TestNode, _source, _targetFramework);
            if (result is not null)
            {
                _reporter.Record(result);
            }
        }

        return Task.CompletedTask;
    }

    public async Task OnTestSessionFinishingAsync(ITestSessionContext testSessionContext)
    {
        _reporter?.Complete();
        await FlushAsync(testSessionContext.CancellationToken).ConfigureAwait(false);
        foreach (var failure in _reporter?.GateFailures ?? Array.Empty<GateFailure>())
        {
            await _messageBus.PublishAsync(this, GateTestNodes.Failed(testSessionContext.SessionUid, failure)).ConfigureAwait(false);
        }

        if (_reporter?.ReportPath is { } report && File.Exists(report))
        {
            // Listed by dotnet test under the run's file artifacts, which it shows even where the lines cannot reach its output.
            var artifact = new SessionFileArtifact(testSessionContext.SessionUid, new FileInfo(report), "Wandb report", "Grouped runs of this test run (--report-wandb)");
            await _messageBus.PublishAsync(this, artifact).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var lines = _output.Drain();
        if (IsRunByDotnetTest())
        {
            // dotnet test shows neither the output device nor this process's output of a passing run.
            DotnetTestOutput.Write(lines);
            return;
        }

        foreach (var line in lines)
        {
            await _outputDevice.DisplayAsync(this, new TextOutputDeviceData(line), cancellationToken).ConfigureAwait(false);
        }
    }

    private bool IsRunByDotnetTest() =>
        _options.TryGetOptionArgumentList(DotnetTestOutput.ServerOption, out var server) && server.Contains(DotnetTestOutput.DotnetTestServer, StringComparer.OrdinalIgnoreCase);
}
