using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Storage.Batches;

namespace Wandb.Storage;

/// <summary>
/// Where runs live: a folder by default, or a shared database. Reading is public, so tools and reports can
/// enumerate runs and stream their history; writing goes through <see cref="Run"/>.
/// </summary>
public abstract class RunStore
{
    private protected RunStore()
    {
    }

    /// <summary>A description of where the runs are (a folder path, or a database without its password).</summary>
    public abstract string Location { get; }

    /// <summary>
    /// Opens the store that <see cref="Run.Init(RunOptions?)"/> would use: the PostgreSQL store when
    /// <c>WANDB_STORE</c> holds a connection string, else the folder <paramref name="directory"/>, else
    /// <c>WANDB_DIR</c>, else the repository's <c>wandb</c> folder, else <c>./wandb</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><c>WANDB_STORE</c> is set but is not a PostgreSQL connection string.</exception>
    public static RunStore Open(string? directory = null) =>
        Open(directory, ProcessEnvironmentVariables.Instance, System.Environment.CurrentDirectory, ConsoleOutput.Instance);

    internal static RunStore Open(string? directory, IEnvironmentVariables env, string currentDirectory, IWandbOutput output) =>
        StoreFactory.Open(directory, env, currentDirectory, output);

    /// <summary>
    /// The local folder that belongs to this store: the store itself for the folder store, the spill folder for
    /// the PostgreSQL store. Reports go to its <c>report</c> folder by default, since a database has no folder.
    /// </summary>
    internal virtual string LocalDirectory => Location;

    /// <summary>
    /// Why the last <see cref="ListRuns"/> rebuilt the store's run index, for the reports to say; null when it used
    /// the index as it was, or the store keeps none.
    /// </summary>
    internal virtual string? IndexRebuildReason => null;

    /// <summary>Enumerates runs, filtered; each run's files are read as it is reached, so memory stays flat.</summary>
    public abstract IEnumerable<StoredRun> ListRuns(RunFilter? filter = null);

    /// <summary>
    /// Per project and group of the runs <paramref name="filter"/> selects: run count, states, newest run, job types
    /// and summary statistics, without handing out the runs. Computed here from <see cref="ListRuns"/>, the numbers
    /// reports show; a store that can compute them where the runs are overrides this with equal answers.
    /// </summary>
    internal virtual IReadOnlyList<GroupAggregate> AggregateGroups(RunFilter? filter = null) => GroupAggregator.Of(ListRuns(filter).ToList());

    /// <summary>
    /// The groups of the runs <paramref name="filter"/> selects as this store keeps them, for a report that shows only some
    /// in full (<see cref="Reports.ReportModel"/>); null when the store has no cheaper answer than listing every run (the
    /// report then lists them), as here: the base aggregates are a listing.
    /// </summary>
    internal virtual GroupSource? OpenGroups(RunFilter filter) => null;

    /// <summary>
    /// Reads ahead what the next report of this store object will read, while the caller has other work to do (a test
    /// run between the logger's start and its report, a build's targets): the folder store reads its run index and group
    /// index, and the runs of the groups that report would show in full if it ran now, so the report at the end reads
    /// only what changed since. Nothing by default. Runs may be written through the same object meanwhile (their writers
    /// do not touch what it reads); never list, read or report through it at the same time: the caller waits for it
    /// before the report.
    /// </summary>
    /// <param name="focusGroups">The report's focus groups (<see cref="Reports.ReportOptions.FocusGroups"/>).</param>
    /// <param name="maxDetailRuns">The report's budget of runs shown in full (<see cref="Reports.ReportOptions.MaxDetailRuns"/>).</param>
    /// <param name="repeatsProject">
    /// The project whose newest group the focus groups repeat (a test run of the same tests as the last one), or null: the
    /// focus groups will hold about as many runs at the report and push as many of the oldest groups out of its budget,
    /// so those are not read ahead.
    /// </param>
    /// <returns>The runs and group aggregates read ahead, for the caller to make their texts in the reports too (<see cref="Reports.ReportReadAhead"/>).</returns>
    internal virtual StoreReadAhead Prepare(IReadOnlyCollection<string> focusGroups, int maxDetailRuns, string? repeatsProject = null) =>
        StoreReadAhead.None;

    /// <summary>
    /// Keeps index files this object's listings bring up to date (the folder store's group index) in memory until the
    /// hold is released, instead of writing them at once; a listing made meanwhile replaces what was held, so only the
    /// newest is written. Nothing to hold by default.
    /// </summary>
    internal virtual IndexWriteHold HoldIndexWrites() => IndexWriteHold.None;

    /// <summary>Reads one run, or null when it does not exist.</summary>
    public abstract StoredRun? GetRun(string runId);

    /// <summary>Streams a run's history ordered by step, merging the rows of every process that wrote to it.</summary>
    public abstract IEnumerable<HistoryRow> ReadHistory(string runId);

    /// <summary>
    /// Whether several runs' histories may be read at once from different threads. Stores whose readers share
    /// one connection say no, and readers such as the curve scan then go one run at a time.
    /// </summary>
    internal virtual bool SupportsParallelReads => false;

    /// <summary>
    /// Whether the curve scan may read several runs' histories at once. Every store that reads in parallel, and
    /// PostgreSQL, whose history reads each take a pooled connection of their own (its writes do not: an import into it
    /// stays one run at a time, which is why this is not <see cref="SupportsParallelReads"/>).
    /// </summary>
    internal virtual bool ReadsHistoriesInParallel => SupportsParallelReads;

    /// <summary>How many threads read histories at once for the reports' charts: every core the SDK uses when the store allows, else one.</summary>
    internal int HistoryReaders => ReadsHistoriesInParallel ? Environment.Parallelism.Degree : 1;

    /// <summary>Where finished runs' bucketed histories are kept between reports, or null when this store keeps none.</summary>
    internal virtual Curves.RunCurveCache? CurveCache => null;

    /// <summary>Creates the run, or attaches to it when it exists and <paramref name="resume"/> allows.</summary>
    internal abstract RunOpenResult OpenRun(RunMetadataFile requested, ResumeMode resume);

    /// <summary>Creates the writer through which one process appends to an open run.</summary>
    internal abstract IRunWriter CreateWriter(string runId, string writerId);

    /// <summary>
    /// Where writer <paramref name="writerId"/> of <paramref name="run"/> goes when this store fails for good: a
    /// folder under the temp folder named for this store (<see cref="Folder.FallbackFolder"/>).
    /// </summary>
    internal abstract Runs.RunFallback CreateFallback(RunMetadataFile run, string writerId);

    /// <summary>
    /// Deletes whole runs for retention, each only after checking again that it has no live writer; runs that
    /// cannot be deleted stay with WANDB131. Returns the ids deleted.
    /// </summary>
    internal abstract IReadOnlyList<string> DeleteRuns(IReadOnlyCollection<string> runIds, IWandbOutput output);

    /// <summary>The command that merges the folder store <paramref name="folder"/> into this store, as warnings print it.</summary>
    internal abstract string MergeInstruction(string folder);

    /// <summary>
    /// Creates a writer that records many finished runs at once for the writer <paramref name="writerId"/>.
    /// Stores with a bulk format override this; the default opens each run and writes its state.
    /// </summary>
    internal virtual IRunBatchWriter CreateBatchWriter(string writerId) => new PerRunBatchWriter(this);
}
