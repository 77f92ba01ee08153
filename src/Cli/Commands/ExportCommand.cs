using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Interop.Export;

namespace Wandb.Cli.Commands;

/// <summary><c>dotnet wandb export --format wandb</c>: runs as W&amp;B offline run folders for <c>wandb sync</c> (docs/wandb-interop.md).</summary>
internal static class ExportCommand
{
    public const string WandbFormat = "wandb";

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format")
        {
            Description = "The format to write. wandb: W&B offline run folders (offline-run-*/run-<id>.wandb) that wandb sync uploads; the only format, and the default.",
            HelpName = "format",
            DefaultValueFactory = _ => WandbFormat,
        };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!string.Equals(value, WandbFormat, StringComparison.Ordinal))
            {
                result.AddError($"--format: '{value}' is not a format this tool writes; use --format wandb.");
            }
        });
        var output = new Option<string>("--out") { Description = "Folder that receives one offline-run-* folder per run; created when missing.", HelpName = "folder", Required = true };
        var store = StoreOption.Create();
        var project = new Option<string?>("--project") { Description = "Only runs of this project. Default: every project.", HelpName = "name" };
        var groups = new Option<string[]>("--group") { Description = "Only runs of this group; repeat for several. Default: every group.", HelpName = "name", Arity = ArgumentArity.OneOrMore };
        var entity = new Option<string?>("--entity") { Description = "W&B entity (user or team) written into every run. Default: none, wandb sync uses your default entity.", HelpName = "name" };

        var command = new Command("export", "Export runs as W&B offline runs; upload them with: wandb sync DIR/offline-run-*")
        {
            format, output, store, project, groups, entity,
        };
        command.SetAction(parse =>
        {
            var console = new CliOutput(context);
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: true);
            var progress = new ProgressDisplay(context);
            console.Progress = progress;
            var options = new WandbExportOptions
            {
                OutputDirectory = Path.GetFullPath(Path.Combine(context.CurrentDirectory, parse.GetValue(output)!)),
                Project = parse.GetValue(project),
                Groups = parse.GetValue(groups) ?? Array.Empty<string>(),
                Entity = parse.GetValue(entity),
            };
            progress.Stage($"Exporting the runs of {runStore.Location} to {options.OutputDirectory}...");
            WandbExporter.Export(runStore, options, console, new SynchronousProgress<WandbExportProgress>(p => progress.Report($"Exported {p.RunsDone} run(s), last {RunTable.Clean(p.RunId)}")));
            progress.Complete();
            return ExitCodes.Success;
        });
        return command;
    }
}
