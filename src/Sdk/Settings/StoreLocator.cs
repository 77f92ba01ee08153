namespace Wandb.Settings;

/// <summary>
/// Finds the run store folder. Every entry point (SDK, MSBuild, test logger, reports) uses this one rule so
/// they all agree: the explicit folder or <c>WANDB_DIR</c> when set; else a <c>wandb</c> folder at the
/// repository root (the nearest ancestor holding <c>.git</c>); else <c>./wandb</c>.
/// </summary>
/// <remarks>
/// Unlike W&amp;B, whose <c>WANDB_DIR</c> names the parent of its <c>wandb</c> folder, here <c>WANDB_DIR</c>
/// is the store itself, so reports land in <c>$WANDB_DIR/report/</c>.
/// </remarks>
internal static class StoreLocator
{
    public const string FolderName = "wandb";

    public static string Resolve(string? explicitDirectory, string currentDirectory)
    {
        if (explicitDirectory is not null)
        {
            return Path.GetFullPath(Path.Combine(currentDirectory, explicitDirectory));
        }

        var repositoryRoot = FindRepositoryRoot(currentDirectory);
        return Path.Combine(repositoryRoot ?? Path.GetFullPath(currentDirectory), FolderName);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding a <c>.git</c> folder or file (worktrees use a file).</summary>
    public static string? FindRepositoryRoot(string start)
    {
        DirectoryInfo? dir;
        try
        {
            dir = new DirectoryInfo(Path.GetFullPath(start));
        }
        catch (ArgumentException)
        {
            return null;
        }

        while (dir is not null)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        return null;
    }
}
