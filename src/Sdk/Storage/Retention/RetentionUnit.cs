using Wandb.Grouping.Aggregates;

namespace Wandb.Storage.Retention;

/// <summary>What retention keeps or deletes whole: a group of a project, or a run without a group (a group of its own).</summary>
/// <param name="Project">The project it belongs to.</param>
/// <param name="Group">The group, or null for a run without one.</param>
/// <param name="LoneRun">The run without a group, or null for a group.</param>
/// <param name="LastActiveAt">When one of its runs was last written (<see cref="GroupActivity.LastActive"/>).</param>
/// <param name="AnyRunning">Whether one of its runs has a live writer.</param>
internal sealed record RetentionUnit(string Project, string? Group, StoredRun? LoneRun, DateTimeOffset LastActiveAt, bool AnyRunning)
{
    /// <summary>What ties between units of the same age are broken by: the group's name, or the lone run's id.</summary>
    public string Name => Group ?? LoneRun!.Id;

    /// <summary>A named group, from its aggregate; the aggregate must have its <see cref="GroupAggregate.Activity"/>.</summary>
    public static RetentionUnit OfGroup(GroupAggregate aggregate) =>
        new(aggregate.Project, aggregate.Group, null, aggregate.Activity!.LastActiveAt, aggregate.States.ContainsKey(RunState.Running));

    /// <summary>A named group, from its runs.</summary>
    public static RetentionUnit OfGroup(string project, string group, IReadOnlyCollection<StoredRun> runs) =>
        new(project, group, null, runs.Max(GroupActivity.LastActive), runs.Any(r => r.State == RunState.Running));

    /// <summary>A run without a group.</summary>
    public static RetentionUnit OfLoneRun(StoredRun run) =>
        new(run.Project, null, run, GroupActivity.LastActive(run), run.State == RunState.Running);
}
