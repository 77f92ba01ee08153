using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// runs.json's <c>runs</c> entries of the runs a read-ahead expects the report to show in full before the build's or test
/// run's own, as UTF-8 (one piece, or two: <see cref="Pieces"/>, kept where the kernel can copy them: <see cref="KeptBytes"/>)
/// that the report writes to the file as it is and follows with the entries of the runs after them (<see cref="RunsJsonWriter"/>,
/// <see cref="RawUtf8Value"/>). At 100,000 runs writing the 4,800 kept entries one by one took 3-16 ms of every refresh
/// (a lookup of each run's entry, then 3.25 MiB of text through the JSON writer piece by piece), for the same runs as the
/// refresh before. Kept per store object, with the entries without the oldest unit, by <see cref="KeptPrefixes{T}"/>.
/// </summary>
internal sealed class RunsJsonPrefix
{
    private static readonly KeptPrefixes<RunsJsonPrefix> Kept = new(Make, MakeBoth);

    private RunsJsonPrefix(int count, params KeptBytes[] pieces)
    {
        Count = count;
        Pieces = pieces;
    }

    /// <summary>How many runs' entries <see cref="Pieces"/> hold: the first runs of the report's.</summary>
    public int Count { get; }

    /// <summary>
    /// The entries as the indented runs.json writes them inside <c>runs</c>, UTF-8, in one or two pieces, each without the
    /// line break and indent before its first entry: the writer puts those between two raw values as it puts them between
    /// two entries. The entries with and without the oldest group share the piece of the runs after it, instead of a copy
    /// each (2.7 million characters for the 5,000 runs a 100,000-run store shows, joined in 19-20 ms of a fresh process's
    /// read-ahead). Kept as bytes, not text: they are written to the file as they are, and take half the memory, or none
    /// where they are kept in a file.
    /// </summary>
    public IReadOnlyList<KeptBytes> Pieces { get; }

    /// <summary>Keeps the entries of <paramref name="runs"/> (oldest first) for the reports written from <paramref name="store"/>; none when there are no runs.</summary>
    /// <inheritdoc cref="KeptPrefixes{T}.Keep" path="/param"/>
    public static void Keep(RunStore store, IReadOnlyList<StoredRun> runs, bool withoutOldest)
    {
        // A second read-ahead of the same store object replaces the first's entries: their files are closed now, not when collected.
        Release(store);
        Kept.Keep(store, runs, withoutOldest);
    }

    /// <summary>
    /// Drops the entries kept for <paramref name="store"/> and closes the files they are kept in: a read-ahead is for the one
    /// report after it, and a build's MSBuild node lives on for minutes after the build, with its store object unreachable
    /// but not yet collected. A later report of the same store object writes every entry itself, as without a read-ahead.
    /// </summary>
    public static void Release(RunStore store)
    {
        foreach (var piece in Kept.Forget(store).SelectMany(p => p.Pieces).Distinct())
        {
            piece.Dispose();
        }
    }

    /// <summary>The kept entries of <paramref name="store"/> (or those without its oldest unit) when the report's runs begin with their runs; else null.</summary>
    public static RunsJsonPrefix? For(RunStore store, IReadOnlyList<StoredRun> runs) => Kept.For(store, runs);

    /// <summary>
    /// The entries of <paramref name="runs"/>, in their order, for the reports of <paramref name="store"/>. The read-ahead
    /// made them already, on every core (<see cref="RunsJsonEntries.Make"/>); one it did not is made here.
    /// </summary>
    public static RunsJsonPrefix Make(RunStore store, IReadOnlyList<StoredRun> runs) => new(runs.Count, Joined(store, runs));

    /// <summary>The entries of <paramref name="runs"/>, and of the same runs without the first <paramref name="first"/>, sharing the text of the rest.</summary>
    private static (RunsJsonPrefix All, RunsJsonPrefix WithoutFirst) MakeBoth(RunStore store, IReadOnlyList<StoredRun> runs, int first)
    {
        var rest = Joined(store, runs.Skip(first));
        return (new RunsJsonPrefix(runs.Count, Joined(store, runs.Take(first)), rest), new RunsJsonPrefix(runs.Count - first, rest));
    }

    /// <summary>
    /// The entries joined, kept in a file beside the store's reports where the system allows (the report folder by default:
    /// the kernel copies only within one file system; one elsewhere gets them through memory).
    /// </summary>
    private static KeptBytes Joined(RunStore store, IEnumerable<StoredRun> runs) =>
        KeptBytes.Keep(RawUtf8Value.Encode(runs.Select(RunsJsonEntries.Of).ToList(), RunsJsonWriter.BetweenEntries), ReportWriter.DefaultDirectory(store));
}
