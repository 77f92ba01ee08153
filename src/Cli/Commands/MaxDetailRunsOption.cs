using System.CommandLine;
using Wandb.Reports;

namespace Wandb.Cli.Commands;

/// <summary><c>--max-detail-runs</c>: the reports' budget of runs shown in full (<see cref="ReportOptions.MaxDetailRuns"/>), for <c>report</c> and <c>ui</c>.</summary>
internal static class MaxDetailRunsOption
{
    /// <param name="description">What the budget bounds, for --help.</param>
    public static Option<int> Create(string description)
    {
        var option = new Option<int>("--max-detail-runs")
        {
            Description = $"{description} Default: {ReportOptions.DefaultMaxDetailRuns}.",
            HelpName = "runs",
            DefaultValueFactory = _ => ReportOptions.DefaultMaxDetailRuns,
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
