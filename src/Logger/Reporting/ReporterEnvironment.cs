using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.TestLogger.Reporting;

/// <summary>The edges the reporting core touches, so unit tests can replace every one of them.</summary>
internal sealed record ReporterEnvironment
{
    private readonly Func<WandbSettings, RunStore>? _openStore;

    public IEnvironmentVariables Variables { get; init; } = ProcessEnvironmentVariables.Instance;

    /// <summary>Sets a variable for this process and the processes it starts (the testhost).</summary>
    public Action<string, string> Export { get; init; } = (name, value) => System.Environment.SetEnvironmentVariable(name, value);

    public IWandbOutput Output { get; init; } = LoggerConsoleOutput.Instance;

    public IClock Clock { get; init; } = SystemClock.Instance;

    public string CurrentDirectory { get; init; } = System.Environment.CurrentDirectory;

    /// <summary>
    /// Opens the store the settings point at through <see cref="StoreFactory"/>: the shared store when
    /// <c>WANDB_STORE</c> (exported from the store parameter) holds a connection string, else the folder store.
    /// </summary>
    public Func<WandbSettings, RunStore> OpenStore
    {
        get => _openStore ?? (settings => StoreFactory.Open(Variables.Get(WandbVariables.Store), settings.StoreDirectory, PhysicalStoreFileSystem.Instance, Output, Clock));
        init => _openStore = value;
    }

    /// <summary>Writes the reports of a store (the refresh locks and publishes around it); the SDK's report writer unless replaced.</summary>
    public Func<RunStore, Wandb.Reports.ReportOptions, Wandb.Reports.ReportResult> WriteReports { get; init; } = Wandb.Reports.ReportWriter.WriteAll;

    /// <summary>
    /// The gate request a Microsoft.Testing.Platform test app's build wrote beside the app, used when <c>WANDB_TEST_GATE</c>
    /// is not set; null under VSTest, whose build hands the request over through that variable.
    /// </summary>
    public string? TestAppGateRequest { get; init; }

    /// <summary>How long the end of the test run waits for results still being written.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
