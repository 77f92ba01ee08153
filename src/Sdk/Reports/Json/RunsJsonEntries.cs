using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Wandb.Environment;
using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// The text of each run's entry in runs.json's <c>runs</c>, made once per run object. A store object lists a run that did
/// not change as the same <see cref="StoredRun"/> from one listing to the next (a build's read-ahead, then its refresh; each
/// refresh of <c>dotnet wandb ui</c>), and a run object never changes, so its text is kept beside it for as long as it lives
/// and each refresh formats only the runs written since. Formatting the 5,000 runs a report shows in full took about
/// 9 µs a run, on every refresh, whatever changed.
/// </summary>
internal static class RunsJsonEntries
{
    private static readonly ConditionalWeakTable<StoredRun, string> Made = new();

    private static readonly ConditionalWeakTable<StoredRun, string>.CreateValueCallback Format = FormatEntry;

    /// <summary>The run's entry: its object as the indented runs.json writes it inside <c>runs</c>, without the line break and indent before it.</summary>
    public static string Of(StoredRun run) => Made.GetValue(run, Format);

    /// <summary>Whether the run's entry was made already (by a read-ahead or an earlier report).</summary>
    public static bool IsMade(StoredRun run) => Made.TryGetValue(run, out _);

    /// <summary>Makes the entries of <paramref name="runs"/> not made yet on every core, ahead of the report that writes them.</summary>
    public static void Make(IReadOnlyList<StoredRun> runs) =>
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree }, i => Of(runs[i]));

    /// <summary>Writes the run inside an array at the depth of runs.json's <c>runs</c> and keeps what it wrote for the run.</summary>
    private static string FormatEntry(StoredRun run)
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using var json = JsonConventions.CreateWriter(buffer, Formatting.Indented);
        json.WriteStartObject();
        json.WritePropertyName(JsonFields.Runs);
        json.WriteStartArray();
        json.Flush();
        var start = buffer.GetStringBuilder().Length;
        ReportRunWriter.WriteRun(json, run, ReportRunWriter.RunsJsonFields);
        json.Flush();

        // The writer put the array's line break and indent before the run; the report's writer puts its own.
        var text = buffer.GetStringBuilder();
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return text.ToString(start, text.Length - start);
    }
}
