using Wandb.Grouping.Statistics;
using Wandb.Storage;

namespace Wandb.Grouping;

/// <summary>One row of a grouped table: the runs whose keys have the values in <see cref="Path"/>, and their summary statistics.</summary>
internal sealed class RunGroup
{
    private IReadOnlyDictionary<string, MetricStatistics>? _summary;

    public RunGroup(IReadOnlyList<GroupValue> path, IReadOnlyList<StoredRun> runs, string label)
    {
        Path = path;
        Runs = runs;
        Label = label;
    }

    /// <summary>The value of each grouping key, outermost first; empty when grouping is off.</summary>
    public IReadOnlyList<GroupValue> Path { get; }

    public IReadOnlyList<StoredRun> Runs { get; }

    /// <summary>Path labels joined with " / ", or the run's name when grouping is off.</summary>
    public string Label { get; }

    /// <summary>Per numeric summary metric, statistics of the runs' values (computed once, on first use).</summary>
    public IReadOnlyDictionary<string, MetricStatistics> Summary => _summary ??= SummaryStatistics.Of(Runs);

    public IEnumerable<string> RunIds => Runs.Select(r => r.Id);
}
