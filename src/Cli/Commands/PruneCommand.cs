using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Storage.Retention;

namespace Wandb.Cli.Commands;

/// <summary>
/// <c>dotnet wandb prune</c>: deletes old runs with the retention engine the <c>WandbRetention...</c> properties use
/// (<see cref="RunRetention"/>), whole groups at a time, never a group with a live writer or the group the quality
/// gate's <c>auto</c> baseline would choose; then rewrites the store's reports so they no longer list what went.
/// </summary>
internal static class PruneCommand
{
    private const string KeepDaysOption = "--keep-days";
    private const string KeepGroupsOption = "--keep-groups";

    public static Command Create(CliContext context)
    {
        var store = StoreOption.Create();
        var keepDays = AtLeastOne(new Option<int?>(KeepDaysOption) { Description = "Keep the groups with a run active within this many days (WandbRetentionDays). Default: no limit by age.", HelpName = "days" });
        var keepGroups = AtLeastOne(new Option<int?>(KeepGroupsOption) { Description = "Keep this many most recently active groups per project (WandbRetentionGroups). Default: no limit by count.", HelpName = "count" });
        var project = new Option<string?>(ProjectChoice.OptionName) { Description = "Only prune this project's groups. Default: every project of the store.", HelpName = "name" };
        var keep = new Option<string[]>("--keep-group")
        {
            Description = "A group never deleted whatever its age, such as a baseline group. Repeat for several.",
            HelpName = "name",
            Arity = ArgumentArity.OneOrMore,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted and delete nothing (WandbRetentionDryRun)." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not rewrite the store's reports after deleting." };

        var command = new Command("prune", $"Delete old runs, whole groups at a time: those outside {KeepDaysOption} and {KeepGroupsOption} (a group stays when either keeps it). Never deletes a group with a running writer, a group named with --keep-group, or the group the quality gate's auto baseline would choose (docs/reports.md#retention-deleting-old-runs).")
        {
            store, keepDays, keepGroups, project, keep, dryRun, noReport,
        };
        command.SetAction(parse =>
        {
            var policy = new RetentionPolicy
            {
                KeepDays = parse.GetValue(keepDays),
                KeepGroups = parse.GetValue(keepGroups),
                Project = string.IsNullOrWhiteSpace(parse.GetValue(project)) ? null : parse.GetValue(project)!.Trim(),
                DryRun = parse.GetValue(dryRun),
            };
            if (!policy.IsActive)
            {
                throw CommandFailure.Usage($"give {KeepDaysOption}, {KeepGroupsOption} or both: without a limit nothing is old enough to delete.");
            }

            var console = new CliOutput(context);
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: true);
            var progress = new ProgressDisplay(context);
            console.Progress = progress;
            progress.Stage($"{(policy.DryRun ? "Listing" : "Deleting")} old runs of {runStore.Location}...");
            var result = RunRetention.Apply(runStore, policy, parse.GetValue(keep), SystemClock.Instance, console);
            progress.Complete();
            foreach (var line in result.Lines())
            {
                context.Output.WriteLine(line);
            }

            if (result.Kept.Count > 0)
            {
                context.Output.WriteLine($"{result.Kept.Count} selected run(s) stayed: written to since they were listed, or not deletable (see the warnings).");
            }

            if (!policy.DryRun && result.Runs.Count > 0 && !parse.GetValue(noReport))
            {
                var report = new ReportRefresh(console, context.Output).Refresh(runStore, new ReportOptions(), context.Environment);
                context.Output.WriteLine($"Reports rewritten: {report.HtmlPath ?? report.Directory}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<int?> AtLeastOne(Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var value)
            {
                result.AddError($"{option.Name}: '{value}' must be at least 1.");
            }
        });
        return option;
    }
}
