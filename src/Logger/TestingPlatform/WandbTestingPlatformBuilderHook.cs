using Microsoft.Testing.Platform.Builder;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>
/// Called by the entry point Microsoft.Testing.Platform generates for a test project (the package adds a
/// <c>TestingPlatformBuilderHook</c> item): registers the <c>--report-wandb</c> option and the reporter.
/// </summary>
public static class WandbTestingPlatformBuilderHook
{
    /// <summary>Registers the Wandb reporter; it stays off unless <c>--report-wandb</c> is given.</summary>
    public static void AddExtensions(ITestApplicationBuilder builder, string[] args)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        builder.CommandLine.AddProvider(() => new WandbCommandLineOptions());
        var reporter = new Microsoft.Testing.Platform.Extensions.CompositeExtensionFactory<WandbReporter>(services => new WandbReporter(services));
        builder.TestHost.AddDataConsumer(reporter);
        builder.TestHost.AddTestSessionLifetimeHandler(reporter);
    }
}
