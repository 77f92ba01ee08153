using Wandb.Grouping.Statistics;

namespace Wandb.Gates;

/// <summary>
/// One trend of the reports: a metric of a job type of a project over its recent groups, oldest first, and the
/// baseline it is judged against (a group, which is one of the points when it is recent enough, or a file, whose
/// statistics <paramref name="BaselineStats"/> holds).
/// </summary>
internal sealed record TrendSeries(string Project, string Metric, string JobType, string? Baseline, bool BaselineIsFile, MetricStatistics? BaselineStats, IReadOnlyList<TrendPoint> Points);
