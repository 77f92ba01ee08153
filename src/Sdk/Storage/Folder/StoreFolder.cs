using System.Text;
using Wandb.Storage.Index;

namespace Wandb.Storage.Folder;

/// <summary>
/// Creates the store folder the first time something is written into it, with a <c>.gitignore</c> of <c>*</c>
/// inside, as pytest does for its cache: the default store sits at the repository root, and its runs and
/// reports (easily a hundred megabytes) are never meant to be committed. A folder that already exists is
/// left as it is, and so is any <c>.gitignore</c> in it. A store without runs yet gets an empty run index.
/// </summary>
internal static class StoreFolder
{
    private static readonly byte[] IgnoreEverything = Encoding.UTF8.GetBytes("*\n");

    public static void EnsureCreated(IStoreFileSystem fs, StoreLayout layout)
    {
        if (fs.DirectoryExists(layout.RunsDirectory))
        {
            return;
        }

        if (!fs.DirectoryExists(layout.Root))
        {
            fs.CreateDirectory(layout.Root);
            try
            {
                fs.TryCreateNew(layout.GitIgnorePath, IgnoreEverything);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only a convenience: the runs are what must be written, and their own writes report a store
                // that cannot be written.
            }
        }

        if (!fs.DirectoryExists(layout.BatchesDirectory))
        {
            // A store is born with an empty run index, so its first listing is an update, not a rebuild to report.
            IndexSnapshot.TryCreateEmpty(fs, layout);
        }
    }
}
