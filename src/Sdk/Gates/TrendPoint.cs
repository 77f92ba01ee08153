using Wandb.Grouping.Statistics;

namespace Wandb.Gates;

/// <summary>One group's statistics of a gated metric in the trend: when its last run started, and whether it is the baseline or the gated group.</summary>
internal sealed record TrendPoint(string Group, DateTimeOffset Time, MetricStatistics Stats, bool IsBaseline, bool IsCurrent);
