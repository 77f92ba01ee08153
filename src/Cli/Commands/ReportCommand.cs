using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Grouping;
using Wandb.Reports;

namespace Wandb.Cli.Commands;

/// <summary><c>dotnet wandb report</c>: the reports a build writes (index.html, runs.json, summary.md), through the same refresh.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var store = StoreOption.Create();
        var output = new Option<string?>("--out") { Description = "Folder for index.html, runs.json and summary.md. Default: the store's report folder (<store>/report; for PostgreSQL, the local folder store's).", HelpName = "folder" };
        var project = new Option<string?>("--project") { Description = "Only runs of this project. Default: every project.", HelpName = "name" };
        var groupBy = new Option<string[]>("--group-by")
        {
            Description = "Group the report by this key: group, job_type, state, tags, project or a config key such as optimizer.lr. Repeat to nest. Default: group, when any run has one.",
            HelpName = "key",
            Arity = ArgumentArity.OneOrMore,
        };
        groupBy.Validators.Add(result =>
        {
            foreach (var key in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                try
                {
                    GroupingKey.Parse(key);
                }
                catch (ArgumentException)
                {
                    result.AddError($"--group-by: '{key}' is not a grouping key; use group, job_type, state, tags, project or a config key such as optimizer.lr.");
                }
            }
        });

        var maxDetailRuns = MaxDetailRunsOption.Create("Most runs shown in full (rows in runs.json and index.html, curves); the other groups are listed by their aggregates, with a note.");
        var group = new Option<string[]>("--group")
        {
            Description = "Show this group's runs in full whatever --max-detail-runs says, first in the console and summary.md. Repeat for several groups. Default: none.",
            HelpName = "name",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("report", "Write the grouped reports of a store: index.html (interactive), runs.json and summary.md, as builds and test runs do.")
        {
            store, output, project, groupBy, maxDetailRuns, group,
        };
        command.SetAction(parse =>
        {
            var console = new CliOutput(context);
            var progress = new ProgressDisplay(context);
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: true);
            var options = new ReportOptions
            {
                OutputDirectory = parse.GetValue(output) is { Length: > 0 } folder ? Path.GetFullPath(Path.Combine(context.CurrentDirectory, folder)) : null,
                Project = parse.GetValue(project),
                GroupBy = parse.GetValue(groupBy) is { Length: > 0 } keys ? keys : null,
                MaxDetailRuns = parse.GetValue(maxDetailRuns),
                FocusGroups = (parse.GetValue(group) ?? Array.Empty<string>()).ToList(),
            };
            progress.Stage($"Writing the reports of {runStore.Location}...");
            var refresh = new ReportRefresh(console, context.Output);
            var result = refresh.Refresh(runStore, options, context.Environment);
            progress.Complete();
            foreach (var line in result.ConsoleLines)
            {
                context.Output.WriteLine(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
