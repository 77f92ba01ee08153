using Wandb.Grouping.Statistics;

namespace Wandb.Storage.Postgres;

/// <summary>
/// One group as the aggregate query computed it from its runs SQL can decide alone. <see cref="NeedsRuns"/> says the
/// SQL numbers cannot stand (a run whose state needs this host's clock and processes, several writers, a nested
/// summary): then the group is assembled from its runs instead.
/// </summary>
internal sealed class SqlGroupAggregate
{
    public SqlGroupAggregate(string project, string? group)
    {
        Project = project;
        Group = group;
    }

    public string Project { get; }

    public string? Group { get; }

    public int Runs { get; set; }

    public Dictionary<RunState, int> States { get; } = new();

    /// <summary>The newest run's creation time as the <c>created_at</c> column holds it (microseconds).</summary>
    public DateTime NewestColumn { get; set; }

    /// <summary>The runs whose <c>created_at</c> is <see cref="NewestColumn"/> (several when they tie to the microsecond).</summary>
    public IReadOnlyList<string> NewestIds { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> JobTypes { get; set; } = Array.Empty<string>();

    /// <summary>Whether a run of the group has no job type.</summary>
    public bool AnyWithoutJobType { get; set; }

    public SortedDictionary<string, MetricStatistics> Metrics { get; } = new(StringComparer.Ordinal);

    public bool NeedsRuns { get; set; }

    /// <summary>When asked for activity: the latest <c>created_at</c> or writer <c>updated_at</c> of its runs (microseconds); else null.</summary>
    public DateTime? LastActiveColumn { get; set; }

    /// <summary>When asked for activity: the distinct git branches of its runs, ordinal order.</summary>
    public IReadOnlyList<string> Branches { get; set; } = Array.Empty<string>();
}
