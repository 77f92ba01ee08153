using System.CommandLine;

namespace Wandb.Cli.Stores;

/// <summary>The <c>--store</c> option every command that reads or writes runs takes.</summary>
internal static class StoreOption
{
    public const string Name = "--store";

    public static Option<string?> Create(string description = "The run store: a folder, or a PostgreSQL connection string (Host=...;Database=...). Default: WANDB_STORE, else WANDB_DIR, else the repository's wandb folder.") =>
        new(Name)
        {
            Description = description,
            HelpName = "folder|connection-string",
        };
}
