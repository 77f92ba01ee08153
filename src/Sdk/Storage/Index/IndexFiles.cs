using Wandb.Storage.Folder;

namespace Wandb.Storage.Index;

/// <summary>
/// The files of a folder store's run index, under <c>&lt;store&gt;/index/</c> (docs/store-format.md): the snapshot
/// <c>runs.v1.jsonl</c> with the heads of its base (<see cref="RunHeads"/>), the writers' journals in <c>touched/</c> and the
/// <c>lock</c> its maintainer holds.
/// </summary>
internal sealed class IndexFiles
{
    public const string Folder = "index";
    public const string SnapshotFile = "runs.v1.jsonl";
    public const string TouchedFolder = "touched";
    public const string LockFile = "lock";

    /// <summary>A journal being appended to by the writers of one process.</summary>
    public const string JournalSuffix = ".ids";

    /// <summary>A journal the maintainer took away from its writers, deleted once the snapshot holds its runs.</summary>
    public const string TakenSuffix = ".taken";

    public IndexFiles(StoreLayout layout)
    {
        Directory = Path.Combine(layout.Root, Folder);
    }

    public string Directory { get; }

    public string SnapshotPath => Path.Combine(Directory, SnapshotFile);

    public string TouchedDirectory => Path.Combine(Directory, TouchedFolder);

    public string LockPath => Path.Combine(Directory, LockFile);
}
