using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Storage.Merging;

namespace Wandb.Cli.Commands;

/// <summary><c>dotnet wandb merge</c>: folder stores (CI artifacts) into one store, the engine of the <c>WandbMerge</c> target.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var sources = new Argument<string[]>("sources")
        {
            Description = "Folder stores to merge, or folders holding them (a folder without runs/ stands for the stores in its subfolders, two levels deep, as CI artifact downloads are laid out).",
            Arity = ArgumentArity.OneOrMore,
        };
        ExistingPaths.Require(sources, context, foldersOnly: true);
        var store = StoreOption.Create("The destination: a folder, or a PostgreSQL connection string. Default: WANDB_STORE, else WANDB_DIR, else the repository's wandb folder.");
        var noReport = new Option<bool>("--no-report") { Description = "Do not write the grouped report of the destination afterwards." };
        var output = new Option<string?>("--out") { Description = "Folder of the report written afterwards. Default: the destination's report folder.", HelpName = "folder" };

        var command = new Command("merge", "Merge folder stores (for example the wandb folders of CI jobs) into one store, then write its grouped report. Idempotent: merging again adds nothing.")
        {
            sources, store, noReport, output,
        };
        command.SetAction(parse =>
        {
            var console = new CliOutput(context);
            var from = parse.GetValue(sources)!;
            var destination = parse.GetValue(store);
            // Validates the destination with errors that name --store; the engine opens the store itself.
            _ = StoreSelection.Open(destination, context, console, mustExist: false);

            var progress = new ProgressDisplay(context);
            console.Progress = progress;
            progress.Stage($"Merging {from.Length} folder(s)...");
            var outcome = Storage.Merging.MergeCommand.Run(
                new MergeRequest
                {
                    From = from,
                    To = destination,
                    BaseDirectory = context.CurrentDirectory,
                    Report = !parse.GetValue(noReport),
                    ReportDirectory = parse.GetValue(output),
                },
                context.Environment,
                console);
            progress.Complete();
            return outcome.Result.Conflicts.Count > 0 ? ExitCodes.Incomplete : ExitCodes.Success;
        });
        return command;
    }
}
