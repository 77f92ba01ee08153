using System.Globalization;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// runs.json's <c>runs</c> entries of the runs a read-ahead expects the report to show in full before the build's or test
/// run's own, as text (one piece, or two: <see cref="Pieces"/>) that the report writes as it is and follows with the entries of the runs after them
/// (<see cref="RunsJsonWriter"/>). At 100,000 runs writing the 4,800 kept entries one by one took 3-16 ms of every refresh
/// (a lookup of each run's entry, then 3.25 MiB of text through the JSON writer piece by piece), for the same runs as the
/// refresh before. Kept per store object, with the entries without the oldest unit, by <see cref="KeptPrefixes{T}"/>.
/// </summary>
internal sealed class RunsJsonPrefix
{
    private static readonly KeptPrefixes<RunsJsonPrefix> Kept = new(Make, MakeBoth);

    /// <summary>What the indented writer puts between two entries of <c>runs</c>: a comma, a line break and the indent.</summary>
    private static readonly string Separator = BetweenEntries();

    private RunsJsonPrefix(int count, params string[] pieces)
    {
        Count = count;
        Pieces = pieces;
    }

    /// <summary>How many runs' entries <see cref="Pieces"/> hold: the first runs of the report's.</summary>
    public int Count { get; }

    /// <summary>
    /// The entries as the indented runs.json writes them inside <c>runs</c>, in one or two pieces, each without the line
    /// break and indent before its first entry: the writer puts those between two raw values as it puts them between two
    /// entries. The entries with and without the oldest group share the piece of the runs after it, instead of a copy each
    /// (2.7 million characters for the 5,000 runs a 100,000-run store shows, joined in 19-20 ms of a fresh process's read-ahead).
    /// </summary>
    public IReadOnlyList<string> Pieces { get; }

    /// <summary>Keeps the entries of <paramref name="runs"/> (oldest first) for the reports written from <paramref name="store"/>; none when there are no runs.</summary>
    /// <inheritdoc cref="KeptPrefixes{T}.Keep" path="/param"/>
    public static void Keep(RunStore store, IReadOnlyList<StoredRun> runs, bool withoutOldest) => Kept.Keep(store, runs, withoutOldest);

    /// <summary>The kept entries of <paramref name="store"/> (or those without its oldest unit) when the report's runs begin with their runs; else null.</summary>
    public static RunsJsonPrefix? For(RunStore store, IReadOnlyList<StoredRun> runs) => Kept.For(store, runs);

    /// <summary>
    /// The entries of <paramref name="runs"/>, in their order. The read-ahead made them already, on every core
    /// (<see cref="RunsJsonEntries.Make"/>); one it did not is made here.
    /// </summary>
    public static RunsJsonPrefix Make(IReadOnlyList<StoredRun> runs) => new(runs.Count, Joined(runs));

    /// <summary>The entries of <paramref name="runs"/>, and of the same runs without the first <paramref name="first"/>, sharing the text of the rest.</summary>
    private static (RunsJsonPrefix All, RunsJsonPrefix WithoutFirst) MakeBoth(IReadOnlyList<StoredRun> runs, int first)
    {
        var rest = Joined(runs.Skip(first));
        return (new RunsJsonPrefix(runs.Count, Joined(runs.Take(first)), rest), new RunsJsonPrefix(runs.Count - first, rest));
    }

    private static string Joined(IEnumerable<StoredRun> runs) => string.Join(Separator, runs.Select(RunsJsonEntries.Of));

    /// <summary>Writes two values into <c>runs</c> with the report's writer and returns what came between them.</summary>
    private static string BetweenEntries()
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using var json = JsonConventions.CreateWriter(buffer, Formatting.Indented);
        json.WriteStartObject();
        json.WritePropertyName(JsonFields.Runs);
        json.WriteStartArray();
        json.WriteRawValue("1");
        json.Flush();
        var start = buffer.GetStringBuilder().Length;
        json.WriteRawValue("2");
        json.Flush();
        var text = buffer.ToString();
        return text.Substring(start, text.Length - start - 1);
    }
}
