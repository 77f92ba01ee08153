namespace Wandb.Grouping.Curves;

/// <summary>One chart's data: the shared grid and, for every run that logged the metric, its bucketed curve.</summary>
internal sealed class MetricCurves
{
    private readonly Dictionary<string, RunCurve> _byRun;

    public MetricCurves(CurveGrid grid, IReadOnlyList<RunCurve> runs)
    {
        Grid = grid;
        Runs = runs;
        _byRun = runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);
    }

    public CurveGrid Grid { get; }

    public IReadOnlyList<RunCurve> Runs { get; }

    public RunCurve? ForRun(string runId) => _byRun.TryGetValue(runId, out var curve) ? curve : null;

    /// <summary>Per-bucket statistics across the given runs (runs without this metric are ignored).</summary>
    public GroupCurve Aggregate(IEnumerable<string> runIds) =>
        GroupCurve.Of(Grid, runIds.Select(ForRun).Where(c => c is not null).Select(c => c!).ToList());
}
