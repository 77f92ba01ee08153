using Wandb.Reports.Html;
using Wandb.Reports.Json;
using Wandb.Reports.Markdown;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// What a build or a test run reads ahead for the report at its end, while its targets or tests run: the store's indexes
/// and the runs that report will likely show in full (<see cref="RunStore.Prepare"/>), then the texts those runs are
/// written as (their entries in runs.json, their cells in the page), the runs.json entries of the groups the store
/// summarises and of the groups of those runs, summary.md's cells of both, the page's entries of the summarised groups,
/// and the groups of both with their statistics (<see cref="Grouping.RunGroupCache"/>). The store object keeps those runs and aggregates as they are until they change,
/// so the report works out and writes again only what changed meanwhile: the runs of the build or test run itself and
/// their group.
/// </summary>
internal static class ReportReadAhead
{
    /// <inheritdoc cref="RunStore.Prepare" path="/param"/>
    public static void Prepare(RunStore store, IReadOnlyCollection<string> focusGroups, int maxDetailRuns, string? repeatsProject = null)
    {
        var read = store.Prepare(focusGroups, maxDetailRuns, repeatsProject);
        if (read.Runs.Count > 0)
        {
            RunsJsonEntries.Make(read.Runs);
            PageRunCells.Of(read.Runs);
        }

        // The page's runs table and runs.json's entries of the runs before the build's or test run's own, which are the
        // newest and still change.
        var before = ReportModel.InReportOrder(read.Runs.Where(r => r.Group is null || !focusGroups.Contains(r.Group)));
        PageRunsPrefix.Keep(store, before, withoutOldest: repeatsProject is null);
        RunsJsonPrefix.Keep(store, before, withoutOldest: repeatsProject is null);

        RunsJsonGroupEntries.Make(read.Aggregates);
        var byGroup = ReportModel.PrepareGroups(read.Runs, read.Aggregates);

        // The runs without a group may be shown in part (each is a group of one for the budget): their entry is written by
        // the report, with the runs it shows.
        RunsJsonGroupEntries.MakeShown(byGroup.Groups.Where(g => !g.Path[0].IsMissing).ToList());

        // summary.md's cells of the same groups: the table lists every group, the summarised ones too.
        MarkdownGroupCells.Make(byGroup.Groups.Concat(read.Aggregates.Select(Grouping.RunGroupCache.Of)));

        // The page's entries of the groups the store summarises, which it lists with their statistics.
        PageOmittedGroupText.Make(read.Aggregates.Select(Grouping.RunGroupCache.Of));
    }

    /// <summary>
    /// Ends a build's read-ahead with two collections of the young generations, while its targets still run. What the
    /// read-ahead made lives until the report at the end of the build, and the MSBuild node allocates little meanwhile (its
    /// targets run the training programs as processes of their own), so the report's own collections had to promote it: at
    /// 10,000 runs one of them promoted 7 MB and paused the report for up to 12 ms, and now and then the promotion set off a
    /// full collection inside the report (20-23 ms of pauses). Done here, that work is done while nobody waits for it. One
    /// collection left the report's pauses as they were, and a full collection helped less than two young ones
    /// (docs/benchmarks.md, <c>refresh</c>). The test logger's read-ahead does not call it: the test results arriving
    /// meanwhile bring on collections that promote what it made anyway, and a collection ending it made test runs slower.
    /// </summary>
    public static void SettleIntoOldGeneration()
    {
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
    }
}
