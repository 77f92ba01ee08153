using System.Security.Cryptography;
using System.Text;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Storage.Codec;

namespace Wandb.Storage.Folder;

/// <summary>
/// Where rows go that their store cannot take (a full disk, a read-only folder, a PostgreSQL store whose spill
/// folder cannot be written either): a folder store of its own under the user's temp folder, named for the store,
/// <c>&lt;temp&gt;/wandb-fallback/&lt;store name&gt;-&lt;8 hex digits&gt;</c>, that <c>WandbMerge</c> reads like any
/// other. The digits come from the store's full location, so two stores both named <c>wandb</c> never share one.
/// </summary>
internal static class FallbackFolder
{
    public const string ParentFolder = "wandb-fallback";

    public static string For(string storeLocation) =>
        Path.Combine(Path.GetTempPath(), ParentFolder, SafeName(storeLocation) + "-" + ShortHash(storeLocation));

    /// <summary>The fallback of writer <paramref name="writerId"/> of <paramref name="run"/>, for the store <paramref name="store"/>.</summary>
    public static RunFallback Create(RunStore store, IStoreFileSystem fs, IWandbOutput output, IClock clock, RunMetadataFile run, string writerId)
    {
        var directory = For(store.Location);
        return new RunFallback(run.Id, directory, store.MergeInstruction(directory), firstSeq =>
        {
            var fallback = new FolderRunStore(directory, fs, output, clock);
            fallback.OpenRun(run, ResumeMode.Allow);
            var marker = new SpillMarker { Writer = writerId, FirstSeq = firstSeq, Store = store.Location, SpilledAt = clock.UtcNow, Run = run };
            fs.WriteAtomic(SpillMarker.PathIn(fallback.Layout, run.Id, writerId), StoreCodec.Serialize(marker), durable: false);
            return fallback.CreateWriter(run.Id, writerId);
        });
    }

    // The last segment of a folder (or of a postgresql:// location without its query), reduced to characters
    // that are safe in a file name; never a path of its own.
    private static string SafeName(string location)
    {
        var trimmed = location.Split('?')[0].TrimEnd('/', '\\');
        var last = trimmed.Substring(Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('\\')) + 1);
        var safe = new StringBuilder();
        foreach (var c in last)
        {
            safe.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '_');
            if (safe.Length == 40)
            {
                break;
            }
        }

        return safe.Length == 0 ? "store" : safe.ToString();
    }

    private static string ShortHash(string location)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(location));
        return string.Concat(hash.Take(4).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
