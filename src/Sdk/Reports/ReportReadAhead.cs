using Wandb.Reports.Html;
using Wandb.Reports.Json;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// What a build or a test run reads ahead for the report at its end, while its targets or tests run: the store's indexes
/// and the runs that report will likely show in full (<see cref="RunStore.Prepare"/>), then the texts those runs are
/// written as (their entries in runs.json, their cells in the page), the runs.json entries of the groups the store
/// summarises, and the groups of both with their statistics (<see cref="Grouping.RunGroupCache"/>). The store object keeps
/// those runs and aggregates as they are until they change, so the report works out and writes again only what changed
/// meanwhile: the runs of the build or test run itself and their group.
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

        RunsJsonGroupEntries.Make(read.Aggregates);
        ReportModel.PrepareGroups(read.Runs, read.Aggregates);
    }
}
