using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.CommandLine;
using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>
/// <c>--report-wandb</c>, optionally with the VSTest logger's parameters in the same syntax:
/// <c>--report-wandb "project=churn;group=nightly;dir=/runs;mode=offline"</c>.
/// </summary>
internal sealed class WandbCommandLineOptions : ICommandLineOptionsProvider
{
    public const string OptionName = "report-wandb";

    public string Uid => ExtensionInfo.Uid + ".CommandLine";

    public string Version => ExtensionInfo.Version;

    public string DisplayName => ExtensionInfo.DisplayName;

    public string Description => ExtensionInfo.Description;

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public IReadOnlyCollection<CommandLineOption> GetCommandLineOptions() => new[]
    {
        new CommandLineOption(
            OptionName,
            $"Record one Wandb run per test result. Optional parameters as in the VSTest logger: \"{LoggerParameters.KnownList.Replace(", ", "=...;")}=...\".",
            ArgumentArity.ZeroOrOne,
            isHidden: false),
    };

    public Task<ValidationResult> ValidateOptionArgumentsAsync(CommandLineOption commandOption, string[] arguments)
    {
        if (arguments.Length == 1)
        {
            var parsed = LoggerParameters.Parse(ParameterText.Split(arguments[0]));
            if (parsed.Unknown.Count > 0)
            {
                return ValidationResult.InvalidTask($"--{OptionName}: unknown parameter(s) {string.Join(", ", parsed.Unknown.Select(u => "'" + u + "'"))}; known parameters: {LoggerParameters.KnownList}.");
            }
        }

        return ValidationResult.ValidTask;
    }

    public Task<ValidationResult> ValidateCommandLineOptionsAsync(ICommandLineOptions commandLineOptions) => ValidationResult.ValidTask;
}
