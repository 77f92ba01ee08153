using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Gates;

namespace Wandb.Cli.Commands;

/// <summary>
/// <c>dotnet wandb baseline save</c>: a group's statistics to a baseline file, the engine of the
/// <c>WandbSaveBaseline</c> target, so a repository can commit what its quality gate compares with.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create(CliContext context)
    {
        var store = StoreOption.Create();
        var project = new Option<string?>(ProjectChoice.OptionName) { Description = "The project whose group is saved. Default: WANDB_PROJECT, else the store's only project.", HelpName = "name" };
        var group = new Option<string?>("--group") { Description = "The group to save. Default: the project's latest group (the one whose last run started last).", HelpName = "name" };
        var file = new Option<string?>("--file") { Description = $"Where to write the baseline file (relative to the current folder). Default: {BaselineFile.DefaultName} in the current folder.", HelpName = "path" };

        var save = new Command("save", "Write a group's n, mean and std of every summary metric, per job type, to a baseline file (schema 1, as dotnet build -t:WandbSaveBaseline writes it).")
        {
            store, project, group, file,
        };
        save.SetAction(parse =>
        {
            var console = new CliOutput(context);
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: true);
            var projectName = ProjectChoice.Resolve(parse.GetValue(project), context, runStore);
            var path = Path.GetFullPath(Path.Combine(context.CurrentDirectory, NonEmpty(parse.GetValue(file)) ?? BaselineFile.DefaultName));
            var baseline = QualityGate.SaveBaseline(runStore, projectName, NonEmpty(parse.GetValue(group)), path);
            var metrics = baseline.JobTypes.Sum(p => p.Value.Count);
            context.Output.WriteLine($"wandb: baseline of group {baseline.Group} (project {projectName}, {baseline.JobTypes.Count} job types, {metrics} metrics) written to {path}");
            return ExitCodes.Success;
        });

        return new Command("baseline", "Baseline files of the quality gate (docs/quality-gate.md).") { save };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
