using Wandb.Environment;

namespace Wandb.Cli.Tests.Infrastructure;

/// <summary>Runs <c>dotnet wandb</c> in-process with its output captured, a given environment and current folder.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(string currentDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new DictionaryEnvironmentVariables(environment ?? new Dictionary<string, string?>()), currentDirectory, errorIsTerminal: false);
        var code = await WandbCli.RunAsync(args, context);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
