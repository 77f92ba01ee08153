using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Interop.Import;

namespace Wandb.Cli.Commands;

/// <summary><c>dotnet wandb import</c>: runs the W&amp;B Python client wrote offline, into the store (docs/wandb-interop.md).</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "W&B offline runs: .wandb files, run folders (offline-run-* or run-*), or folders holding them (the client's wandb folder).",
            Arity = ArgumentArity.OneOrMore,
        };
        ExistingPaths.Require(paths, context, foldersOnly: false);
        var store = StoreOption.Create("The store to import into: a folder (created when missing), or a PostgreSQL connection string. Default: WANDB_STORE, else WANDB_DIR, else the repository's wandb folder.");

        var command = new Command("import", "Import runs written by the W&B Python client in offline mode into the store. Idempotent: importing the same files again adds nothing.")
        {
            paths, store,
        };
        command.SetAction(parse =>
        {
            var console = new CliOutput(context);
            var given = parse.GetValue(paths)!;
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: false);
            var progress = new ProgressDisplay(context);
            console.Progress = progress;
            progress.Stage($"Importing into {runStore.Location}...");
            var result = WandbImporter.Import(
                given,
                runStore,
                console,
                new SynchronousProgress<WandbImportProgress>(p => progress.Report($"Imported {p.FilesDone} of {p.FilesTotal} file(s)")),
                context.CurrentDirectory);
            progress.Complete();
            return result.Rejected.Count > 0 || result.Conflicts.Count > 0 ? ExitCodes.Incomplete : ExitCodes.Success;
        });
        return command;
    }
}
