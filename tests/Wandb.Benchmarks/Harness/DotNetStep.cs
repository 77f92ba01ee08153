using Wandb.TestSupport;

namespace Wandb.Benchmarks.Harness;

/// <summary>
/// A `dotnet` command a benchmark depends on (pack, build, test). One that fails or hangs ends the benchmark
/// with its output, since figures measured after it would mean nothing.
/// </summary>
internal static class DotNetStep
{
    public static void Run(string arguments, string directory, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.DotNet(arguments, directory, environment, TimeSpan.FromMinutes(10)).ThrowIfFailed();
}
