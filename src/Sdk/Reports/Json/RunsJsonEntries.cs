using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Reports.Json;

/// <summary>
/// The text of each run's entry in runs.json's <c>runs</c>, made once per run object (<see cref="KeptTexts{TKey}"/>). A store
/// object lists a run that did not change as the same <see cref="StoredRun"/> from one listing to the next (a build's
/// read-ahead, then its refresh; each refresh of <c>dotnet wandb ui</c>), and a run object never changes, so each refresh
/// formats only the runs written since. Formatting the 5,000 runs a report shows in full took about 9 µs a run, on every
/// refresh, whatever changed.
/// </summary>
internal static class RunsJsonEntries
{
    private static readonly KeptTexts<StoredRun> Texts = new(JsonFields.Runs, (json, run) => ReportRunWriter.WriteRun(json, run, ReportRunWriter.RunsJsonFields), RunsJsonEntryText.Of);

    /// <summary>The run's entry: its object as the indented runs.json writes it inside <c>runs</c>, without the line break and indent before it.</summary>
    public static string Of(StoredRun run) => Texts.Of(run);

    /// <summary>Whether the run's entry was made already (by a read-ahead or an earlier report).</summary>
    public static bool IsMade(StoredRun run) => Texts.IsMade(run);

    /// <summary>Makes the entries of <paramref name="runs"/> not made yet on every core, ahead of the report that writes them.</summary>
    public static void Make(IReadOnlyList<StoredRun> runs) => Texts.Make(runs);
}
