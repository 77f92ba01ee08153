using System.CommandLine;
using Wandb.Reports;

namespace Wandb.Cli.Commands;

/// <summary><c>--max-detail-runs</c>: the reports' budget of runs shown in full (<see cref="ReportOptions.MaxDetailRuns"/>), for <c>report</c> and <c>ui</c>.</summary>
internal static class MaxDetailRunsOption
{
    /// <param name="description">What the budget bounds, for --help.</param>
    /// <param name="defaultRuns">The budget when the option is not given: the reports' default unless the command has its own.</param>
    public static Option<int> Create(string description, int defaultRuns = ReportOptions.DefaultMaxDetailRuns)
    {
        var option = new Option<int>("--max-detail-runs")
        {
            Description = $"{description} Default: {defaultRuns}.",
            HelpName = "runs",
            DefaultValueFactory = _ => defaultRuns,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 1)
            {
                result.AddError($"--max-detail-runs: '{value}' is not a number of runs; use 1 or more.");
            }
        });
        return option;
    }
}
