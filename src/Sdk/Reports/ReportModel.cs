using Wandb.Environment;
using Wandb.Gates;
using Wandb.Grouping;
using Wandb.Grouping.Aggregates;
using Wandb.Grouping.Curves;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// Everything the reports show, computed once: the runs, their groupings with summary statistics, the key
/// metrics, the comparison of groups, the runs that did not finish and (on first request) the bucketed
/// curves. Every writer (JSON, Markdown, console, HTML) renders this one model, so they never disagree.
/// </summary>
internal sealed class ReportModel
{
    private readonly RunStore _store;
    private readonly HashSet<string> _focusGroups;
    private readonly Task<IReadOnlyList<StoredRun>> _problems;
    private readonly Lazy<GroupComparison?> _comparison;
    private readonly Lazy<IReadOnlyList<RunGrouping>> _tables;
    private readonly Dictionary<string, IReadOnlyDictionary<string, MetricCurves>> _curves = new(StringComparer.Ordinal);

    /// <param name="store">The store the runs come from (their histories are read for the curves).</param>
    /// <param name="options">What to report.</param>
    /// <param name="runs">The runs, oldest first.</param>
    /// <param name="generatedAt">The time written into the reports.</param>
    /// <param name="summarised">
    /// Groups of the store that <paramref name="runs"/> leaves out, from its aggregates (<see cref="Summarised"/>); null when
    /// <paramref name="runs"/> are all the runs of the report.
    /// </param>
    /// <param name="rebuilt">Why an earlier listing of this report rebuilt the store's run index (the count against the budget), or null.</param>
    private ReportModel(RunStore store, ReportOptions options, IReadOnlyList<StoredRun> runs, DateTimeOffset generatedAt, Summarised? summarised = null, string? rebuilt = null)
    {
        _store = store;
        IndexRebuildReason = rebuilt ?? store.IndexRebuildReason;
        Options = options;
        Runs = runs;
        GeneratedAt = generatedAt;
        Goals = new MetricGoals(options.LowerIsBetter, options.HigherIsBetter);
        var keys = summarised is not null ? Summarised.Keys
            : options.GroupBy is null ? RunGrouper.DefaultKeys(runs)
            : options.GroupBy.Select(GroupingKey.Parse).ToList();
        var grouped = RunGrouper.Group(runs, keys);
        Main = summarised is null ? grouped : summarised.With(grouped);
        _focusGroups = new HashSet<string>(options.FocusGroups, StringComparer.Ordinal);

        // A store of 100,000 runs takes a noticeable time for each pass over its runs: the passes that need
        // nothing else of the model run on another core, and every group's statistics (which the comparison and
        // all writers read) are computed on every core. What only summary.md and the console summary read (the failed
        // runs, the comparison of groups, summary.md's tables) is awaited or worked out when first asked for, on the core
        // that writes them: the page, written on the other core, starts without waiting for it (about 4 ms of a refresh
        // at 100,000 runs: 500 groups compared, the job types of 4,800 runs looked at).
        _problems = Task.Run(() => RunProblems.InOrder(runs, IsFocus));
        Parallel.ForEach(Main.Groups, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree }, group => _ = group.Summary);
        var byGroupOnly = grouped.IsByGroup;
        ByGroup = byGroupOnly ? Main : RunGrouper.Group(runs, new[] { GroupingKey.Parse(GroupingKey.Group) });

        // The grouping of these runs alone: Main and ByGroup also hold the groups summarised from the store's aggregates.
        FocusRuns = FocusOf(byGroupOnly ? grouped : ByGroup);

        var given = new HashSet<(string, string, string, string)>(options.GateResults.Select(g => (g.Project, g.Group, g.Metric, g.JobType)));
        Gates = options.GateResults
            .Concat(GateRecords.Load(store, FocusRuns.Select(r => r.Project).Distinct(StringComparer.Ordinal), _focusGroups).Where(g => !given.Contains((g.Project, g.Group, g.Metric, g.JobType))))
            .ToList();
        BaselineGroup = options.BaselineGroup ?? Gates.FirstOrDefault(g => g.Baseline is not null && !g.BaselineIsFile)?.Baseline ?? GateBaselineGroup(options.Baseline, options.BaselineBranch, runs);
        Detail = summarised is null
            ? ReportDetail.Choose(runs, ByGroup, _focusGroups, BaselineGroup, options.MaxDetailRuns)
            : ReportDetail.Of(runs, summarised.Groups, options.MaxDetailRuns);

        // The key metrics of a build or test run are its own runs' metrics: a store shared by several
        // projects would otherwise show the metrics most runs of other projects have. Without focus groups, those
        // of the runs shown in full, whether the other groups were read or summarised by the store.
        KeyMetrics = options.KeyMetrics.Count > 0 ? options.KeyMetrics.ToList() : KeyMetricChooser.Choose(FocusRuns.Count > 0 ? FocusRuns : Detail.Runs);
        CompareMetric = options.CompareMetric ?? KeyMetrics.FirstOrDefault();
        _comparison = new Lazy<GroupComparison?>(() => CompareMetric is null || Main.IsOff ? null : GroupComparison.Create(Main, CompareMetric, Goals, BaselineGroup));
        _tables = new Lazy<IReadOnlyList<RunGrouping>>(() => ChooseTables(Detail.Runs, Main, ReferenceEquals(Detail.Runs, Runs) ? grouped : null));
    }

    public ReportOptions Options { get; }

    /// <summary>Why reading the store rebuilt its run index, or null when it did not (docs/store-format.md).</summary>
    public string? IndexRebuildReason { get; }

    /// <summary>
    /// The runs the model holds, oldest first: every run of the report, or, when the store summarised the groups past
    /// the budget from its own aggregates (<see cref="Build"/>), the runs shown in full.
    /// </summary>
    public IReadOnlyList<StoredRun> Runs { get; }

    /// <summary>How many runs the report counts, listed or summarised.</summary>
    public int RunCount => ByGroup.Groups.Sum(g => g.RunCount);

    public DateTimeOffset GeneratedAt { get; }

    public MetricGoals Goals { get; }

    /// <summary>The grouping asked for (<see cref="ReportOptions.GroupBy"/>).</summary>
    public RunGrouping Main { get; }

    /// <summary>Grouped by <c>group</c>, as runs.json lists groups.</summary>
    public RunGrouping ByGroup { get; }

    /// <summary>The runs of <see cref="ReportOptions.FocusGroups"/> (the build or test run that asked for the reports); empty without them.</summary>
    public IReadOnlyList<StoredRun> FocusRuns { get; }

    /// <summary>Failed, crashed and killed runs of <see cref="Runs"/>: those of the focus groups first, then the newest first.</summary>
    public IReadOnlyList<StoredRun> Problems => _problems.GetAwaiter().GetResult();

    /// <summary>Failed, crashed and killed runs that groups summarised from a store's aggregates count but <see cref="Problems"/> cannot list.</summary>
    public int UnlistedProblems => ByGroup.Groups.Sum(RunProblems.Count) - Problems.Count;

    /// <summary>
    /// The tables of summary.md: the main grouping, then group / job_type when groups shown in full mix job types (of
    /// those groups only: a group summarised from a store's aggregates has no per-job-type statistics, and the table stays
    /// within the budget).
    /// </summary>
    public IReadOnlyList<RunGrouping> Tables => _tables.Value;

    public IReadOnlyList<string> KeyMetrics { get; }

    public string? CompareMetric { get; }

    /// <summary>The comparison of the main grouping's groups on <see cref="CompareMetric"/>, or null when there is nothing to compare.</summary>
    public GroupComparison? Comparison => _comparison.Value;

    /// <summary>The store the runs were read from, whose read-ahead may have made what the reports write of them.</summary>
    internal RunStore Store => _store;

    /// <summary>Which runs are shown in full (rows, curves) and which only in their group's aggregates (<see cref="ReportOptions.MaxDetailRuns"/>).</summary>
    public ReportDetail Detail { get; }

    /// <summary>The quality gate's verdicts of the focus groups: runs.json's <c>gates</c> and summary.md's gate table.</summary>
    public IReadOnlyList<GateRow> Gates { get; }

    /// <summary>
    /// The group the comparison of groups compares with: <see cref="ReportOptions.BaselineGroup"/>, else the group the
    /// quality gate compared the focus groups with, else the group <see cref="ReportOptions.Baseline"/> names or finds;
    /// null for the best group.
    /// </summary>
    public string? BaselineGroup { get; }

    /// <summary>Whether the run belongs to one of <see cref="ReportOptions.FocusGroups"/>.</summary>
    public bool IsFocus(StoredRun run) => run.Group is not null && _focusGroups.Contains(run.Group);

    /// <summary>
    /// The runs of the focus groups, in report order, from the grouping by <c>group</c> of the model's runs: a group's first
    /// run says whether it is one, and its runs are already in report order. Looking up the group of each of 4,800 runs
    /// shown took about 0.2 ms of a 100,000-run store's model, before the page can start (perf).
    /// </summary>
    private List<StoredRun> FocusOf(RunGrouping byGroup)
    {
        var focus = byGroup.Groups.Where(g => g.Runs.Count > 0 && IsFocus(g.Runs[0])).ToList();
        return focus.Count == 1 ? focus[0].Runs.ToList() : InReportOrder(focus.SelectMany(g => g.Runs));
    }

    /// <param name="store">The store to read.</param>
    /// <param name="options">What to report.</param>
    /// <param name="generatedAt">The time written into the reports.</param>
    /// <param name="filter">Which runs; default the runs of <see cref="ReportOptions.Project"/> (the CLI's <c>ls</c> filters further).</param>
    public static ReportModel Build(RunStore store, ReportOptions options, DateTimeOffset generatedAt, RunFilter? filter = null)
    {
        if (options.ChartBuckets < 2)
        {
            throw new ArgumentException($"ReportOptions.ChartBuckets must be at least 2 (got {options.ChartBuckets}).", nameof(options));
        }

        if (options.MaxDetailRuns < 1)
        {
            throw new ArgumentException($"ReportOptions.MaxDetailRuns must be at least 1 run (got {options.MaxDetailRuns}).", nameof(options));
        }

        filter ??= new RunFilter { Project = options.Project };
        string? rebuilt = null;
        if (GroupsByGroup(options.GroupBy) && store.OpenGroups(filter) is { } groups)
        {
            var past = groups.HoldsMoreRunsThan(options.MaxDetailRuns);
            rebuilt = store.IndexRebuildReason;
            var aggregates = past ? groups.Aggregates() : Array.Empty<GroupAggregate>();
            if (aggregates.Sum(a => (long)a.Runs) > options.MaxDetailRuns && aggregates.Any(a => a.Group is not null))
            {
                return FromAggregates(store, groups, options, generatedAt, aggregates, rebuilt);
            }
        }

        return new ReportModel(store, options, InReportOrder(store.ListRuns(filter)), generatedAt, rebuilt: rebuilt);
    }

    /// <summary>
    /// The report of a store that aggregates its groups itself (PostgreSQL in SQL, the folder store from its group index)
    /// and holds more runs than the budget: only the runs of the groups shown in full are read; every other group comes
    /// from its aggregate.
    /// </summary>
    private static ReportModel FromAggregates(RunStore store, GroupSource groups, ReportOptions options, DateTimeOffset generatedAt, IReadOnlyList<GroupAggregate> aggregates, string? rebuilt)
    {
        var focusGroups = new HashSet<string>(options.FocusGroups, StringComparer.Ordinal);
        var baseline = options.BaselineGroup ?? GateRecords.Load(store, aggregates.Where(a => a.Group is not null && focusGroups.Contains(a.Group)).Select(a => a.Project).Distinct(StringComparer.Ordinal), focusGroups)
            .FirstOrDefault(g => g.Baseline is not null && !g.BaselineIsFile)?.Baseline;
        var shown = ReportDetail.ChooseGroups(aggregates, focusGroups, baseline, options.MaxDetailRuns);
        var runs = InReportOrder(groups.RunsOf(shown.Select(a => (a.Project, a.Group)).ToList()));
        var summarised = Summarised.Of(groups, aggregates.Except(shown).ToList(), options.MaxDetailRuns);

        // Reading the runs shown may have met a damaged line of the run index and rebuilt it.
        return new ReportModel(store, options, runs, generatedAt, summarised, store.IndexRebuildReason ?? rebuilt);
    }

    /// <summary>Whether the grouping asked for is the one a store aggregates by: by <c>group</c>, the default.</summary>
    private static bool GroupsByGroup(IList<string>? groupBy) =>
        groupBy is null || (groupBy.Count == 1 && GroupingKey.Parse(groupBy[0]).Name == GroupingKey.Group);

    /// <summary>
    /// Oldest first, by id when created at the same time: a total order, so a sort in place gives what a stable one would.
    /// Sorted by each run's time as a number, then runs of the same time by id: comparing the times as dates in a comparer
    /// took about 0.5 ms of a refresh's model at 100,000 runs (4,800 runs shown, perf).
    /// </summary>
    internal static List<StoredRun> InReportOrder(IEnumerable<StoredRun> runs)
    {
        var ordered = runs.ToArray();
        var times = new long[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            // Dates compare by their UTC instant, as these numbers do.
            times[i] = ordered[i].CreatedAt.UtcTicks;
        }

        Array.Sort(times, ordered);
        for (var start = 0; start < ordered.Length;)
        {
            var end = start + 1;
            while (end < ordered.Length && times[end] == times[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(ordered, start, end - start, RunIdOrder.Instance);
            }

            start = end;
        }

        return new List<StoredRun>(ordered);
    }

    /// <summary>
    /// The charts on each of <paramref name="axes"/>, keyed by axis name then metric, of the runs shown in full
    /// (<see cref="Detail"/>). Histories are streamed once for all axes not computed yet; results are kept for later calls.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, MetricCurves>> Curves(params CurveAxis[] axes)
    {
        var missing = axes.Where(a => !_curves.ContainsKey(a.Name)).GroupBy(a => a.Name).Select(g => g.First()).ToList();
        if (missing.Count > 0)
        {
            var builders = missing.Select(a => new CurveBuilder(a, Options.ChartBuckets)).ToList();
            CurveScan.Run(_store, Detail.Runs, builders);
            foreach (var builder in builders)
            {
                _curves[builder.Axis.Name] = builder.Build();
            }
        }

        return axes.Select(a => a.Name).Distinct().ToDictionary(n => n, n => _curves[n], StringComparer.Ordinal);
    }

    /// <summary>
    /// Works out ahead what a model would of the groups of <paramref name="shown"/> and of <paramref name="summarised"/>:
    /// the groupings by <c>group</c> (and by group / job_type when one mixes job types) with each group's statistics,
    /// states, job types and projects. They are kept with the run and aggregate objects (<see cref="RunGroupCache"/>), so
    /// the refresh after a build or test run works out only the groups its runs changed.
    /// </summary>
    /// <param name="shown">The runs the report will likely show in full.</param>
    /// <param name="summarised">The aggregates of the groups it will likely summarise.</param>
    /// <returns>The grouping of <paramref name="shown"/> by <c>group</c>.</returns>
    internal static RunGrouping PrepareGroups(IReadOnlyList<StoredRun> shown, IEnumerable<GroupAggregate> summarised)
    {
        var runs = InReportOrder(shown);
        var byGroup = RunGrouper.Group(runs, Summarised.Keys);
        var groups = ChooseTables(runs, byGroup, byGroup).SelectMany(t => t.Groups)
            .Concat(summarised.Select(RunGroupCache.Of));
        foreach (var group in groups)
        {
            _ = group.Summary;
            _ = group.States;
            _ = group.JobTypes;
            _ = group.Projects;
        }

        return byGroup;
    }

    /// <summary>
    /// The group the quality gate compares the focus group with (<see cref="ReportOptions.Baseline"/>), so the comparison
    /// of groups shows the same baseline: a named group, or what <c>auto</c> finds (on <see cref="ReportOptions.BaselineBranch"/>) for the first focus group; null for a
    /// baseline file or when nothing is set.
    /// </summary>
    private string? GateBaselineGroup(string? baseline, string? branch, IReadOnlyList<StoredRun> runs)
    {
        if (string.IsNullOrWhiteSpace(baseline) || BaselineFile.IsFilePath(baseline!))
        {
            return null;
        }

        if (!string.Equals(baseline!.Trim(), BaselineResolver.Auto, StringComparison.OrdinalIgnoreCase))
        {
            return baseline.Trim();
        }

        var focus = FocusRuns.FirstOrDefault(r => r.Group is not null);
        return focus is null
            ? null
            : BaselineResolver.Resolve(baseline, focus.Group!, runs.Where(r => r.Project == focus.Project).ToList(), branch, baseDirectory: ".").Baseline?.Name;
    }

    /// <summary>
    /// Whether runs of one group have different job types, for runs not grouped by group already (a report showing part of
    /// the runs it grouped): one pass, no grouping of the runs made.
    /// </summary>
    private static bool AnyGroupMixesJobTypes(IReadOnlyList<StoredRun> runs)
    {
        var jobTypes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var withoutGroup = false;
        string? withoutGroupJobType = null;
        foreach (var run in runs)
        {
            if (run.Group is null)
            {
                if (withoutGroup && !string.Equals(withoutGroupJobType, run.JobType, StringComparison.Ordinal))
                {
                    return true;
                }

                withoutGroup = true;
                withoutGroupJobType = run.JobType;
            }
            else if (!jobTypes.TryGetValue(run.Group, out var first))
            {
                jobTypes.Add(run.Group, run.JobType);
            }
            else if (!string.Equals(first, run.JobType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="shown">The runs shown in full.</param>
    /// <param name="main">The main grouping.</param>
    /// <param name="shownGrouped">
    /// <paramref name="shown"/> grouped as <paramref name="main"/> groups, when at hand: grouped by group, a group mixes job
    /// types when its job types (null among them) are more than one, which a group kept from the read-ahead knows already,
    /// instead of a pass over the runs (4,800 runs shown: about 0.4 ms of a 100,000-run store's refresh, perf).
    /// </param>
    private static IReadOnlyList<RunGrouping> ChooseTables(IReadOnlyList<StoredRun> shown, RunGrouping main, RunGrouping? shownGrouped = null)
    {
        var tables = new List<RunGrouping> { main };
        if (main.IsByGroup && (shownGrouped is null ? AnyGroupMixesJobTypes(shown) : shownGrouped.Groups.Any(g => g.JobTypes.Count() > 1)))
        {
            tables.Add(RunGrouper.Group(shown, new[] { GroupingKey.Parse(GroupingKey.Group), GroupingKey.Parse(GroupingKey.JobType) }));
        }

        return tables;
    }
}
