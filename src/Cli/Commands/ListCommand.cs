using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Reports;
using Wandb.Reports.Json;
using Wandb.Storage;

namespace Wandb.Cli.Commands;

/// <summary><c>dotnet wandb ls</c>: the runs of a store by group, as a table or as JSON with the fields of runs.json.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var store = StoreOption.Create();
        var project = new Option<string?>("--project") { Description = "Only runs of this project.", HelpName = "name" };
        var group = new Option<string?>("--group") { Description = "Only runs of this group.", HelpName = "name" };
        var jobType = new Option<string?>("--job-type") { Description = "Only runs of this job type.", HelpName = "name" };
        var state = new Option<RunState?>("--state")
        {
            Description = "Only runs in this state: running, finished, failed, crashed or killed.",
            HelpName = "state",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
                var known = Enum.GetValues<RunState>().FirstOrDefault(s => string.Equals(s.ToName(), text, StringComparison.OrdinalIgnoreCase));
                if (!string.Equals(known.ToName(), text, StringComparison.OrdinalIgnoreCase))
                {
                    result.AddError($"--state: '{text}' is not a run state; use running, finished, failed, crashed or killed.");
                    return null;
                }

                return known;
            },
        };
        var json = new Option<bool>("--json") { Description = "Print JSON with the fields of runs.json (schema, generated_at, runs, groups) instead of a table." };
        var groups = new Option<bool>("--groups")
        {
            Description = "One row per project and group (runs, states, newest run, n: mean ± std of metrics) without listing runs; "
                + "a PostgreSQL store computes it in the database. With --json: schema, generated_at and groups.",
        };
        var metrics = new Option<string[]>("--metric")
        {
            Description = "With --groups: a summary metric to show (repeatable). Default: the 3 metrics most runs have.",
            HelpName = "name",
        };
        metrics.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !result.GetValue(groups))
            {
                result.AddError("--metric: only with --groups (the run list shows no metrics).");
            }
        });

        var command = new Command("ls", "List the groups and runs of a store.")
        {
            store, project, group, jobType, state, json, groups, metrics,
        };
        command.SetAction(parse =>
        {
            var console = new CliOutput(context);
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: true);
            var filter = new RunFilter
            {
                Project = parse.GetValue(project),
                Group = parse.GetValue(group),
                JobType = parse.GetValue(jobType),
                State = parse.GetValue(state),
            };
            if (parse.GetValue(groups))
            {
                var aggregates = runStore.AggregateGroups(filter);
                if (parse.GetValue(json))
                {
                    GroupJson.Write(context.Output, aggregates, DateTimeOffset.UtcNow);
                    context.Output.WriteLine();
                }
                else
                {
                    var named = parse.GetValue(metrics) ?? Array.Empty<string>();
                    GroupTable.Write(context.Output, runStore.Location, aggregates, named.Length > 0 ? named : GroupTable.KeyMetrics(aggregates));
                }

                return ExitCodes.Success;
            }

            var model = ReportModel.Build(runStore, new ReportOptions { Project = filter.Project }, DateTimeOffset.UtcNow, filter);
            if (parse.GetValue(json))
            {
                RunsJsonWriter.Write(model, context.Output);
                context.Output.WriteLine();
            }
            else
            {
                RunTable.Write(context.Output, runStore.Location, model);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
