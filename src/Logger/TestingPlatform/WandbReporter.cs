using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.OutputDevice;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.OutputDevice;
using Microsoft.Testing.Platform.Services;
using Wandb.TestLogger.Reporting;
using Wandb.Testing;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>
/// The Microsoft.Testing.Platform side of the logger: consumes final test node updates and drives the
/// same <see cref="TestSessionReporter"/> as the VSTest logger. It runs inside the test process, so the
/// variables it exports reach <c>Run.Init</c> calls of the tests directly, and it installs the test link there.
/// </summary>
internal sealed class WandbReporter : IDataConsumer, ITestSessionLifetimeHandler, IOutputDeviceDataProducer
{
    private readonly ICommandLineOptions _options;
    private readonly IOutputDevice _outputDevice;
    private readonly BufferedOutput _output = new();
    private readonly string _source;
    private readonly string? _targetFramework;
    private TestSessionReporter? _reporter;

    public WandbReporter(IServiceProvider services)
    {
        _options = services.GetCommandLineOptions();
        _outputDevice = services.GetOutputDevice();
        var testAssembly = Assembly.GetEntryAssembly();
        _source = testAssembly?.Location ?? string.Empty;
        _targetFramework = testAssembly?.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
    }

    public string Uid => ExtensionInfo.Uid;

    public string Version => ExtensionInfo.Version;

    public string DisplayName => ExtensionInfo.DisplayName;

    public string Description => ExtensionInfo.Description;

    public Type[] DataTypesConsumed => new[] { typeof(TestNodeUpdateMessage) };

    public Task<bool> IsEnabledAsync() => Task.FromResult(_options.IsOptionSet(WandbCommandLineOptions.OptionName));

    public async Task OnTestSessionStartingAsync(ITestSessionContext testSessionContext)
    {
        _options.TryGetOptionArgumentList(WandbCommandLineOptions.OptionName, out var arguments);
        var parameters = LoggerParameters.Parse(ParameterText.Split(arguments is { Length: > 0 } ? arguments[0] : null));
        _reporter = new TestSessionReporter(parameters, new ReporterEnvironment { Output = _output });
        _reporter.Start(ParentSession.Id());

        // The tests run in this process, so this is their entry point: a plain Run.Init() in a test joins its run.
        TestRunLink.Install();
        await FlushAsync(testSessionContext.CancellationToken).ConfigureAwait(false);
    }

    public Task ConsumeAsync(IDataProducer dataProducer, IData value, CancellationToken cancellationToken)
    {
        if (value is TestNodeUpdateMessage update && _reporter is not null)
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
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var line in _output.Drain())
        {
            await _outputDevice.DisplayAsync(this, new TextOutputDeviceData(line), cancellationToken).ConfigureAwait(false);
        }
    }
}
