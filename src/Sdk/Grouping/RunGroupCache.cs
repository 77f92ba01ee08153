using System.Runtime.CompilerServices;
using Wandb.Grouping.Aggregates;
using Wandb.Storage;

namespace Wandb.Grouping;

/// <summary>
/// The groups made so far, kept beside the objects they were made from: a group of the same keys, key values and runs
/// (the same run objects, in the same order) as one made before is that group, with the statistics, states and job types
/// it already worked out; a group summarised from one aggregate is kept beside that aggregate. A store object lists an
/// unchanged run or group aggregate as the same object from listing to listing, and neither ever changes, so the refresh
/// at the end of a build or test run takes the groups its read-ahead made (<c>ReportReadAhead</c>) and works out only
/// those its new runs changed: each group's statistics took about 3 ms of every refresh of a 100,000-run store, and the
/// job types of its 500 summarised groups 1.6 MB of allocations.
/// </summary>
internal static class RunGroupCache
{
    /// <summary>Most groupings whose groups are kept beside one run: by group, by group / job_type, and a few the live page asked for.</summary>
    private const int MaxGroupingsPerRun = 4;

    /// <summary>The groups made of runs, by their first run: a run is first of at most a few groups (one per grouping it was grouped by).</summary>
    private static readonly ConditionalWeakTable<StoredRun, List<KeptGroup>> ByFirstRun = new();

    private static readonly ConditionalWeakTable<GroupAggregate, RunGroup> ByAggregate = new();

    /// <summary>The group of <paramref name="runs"/> (at least one) whose values of <paramref name="keys"/> are <paramref name="path"/>.</summary>
    public static RunGroup Of(IReadOnlyList<GroupingKey> keys, IReadOnlyList<GroupValue> path, IReadOnlyList<StoredRun> runs, string label)
    {
        var kept = ByFirstRun.GetValue(runs[0], _ => new List<KeptGroup>(1));
        lock (kept)
        {
            var sameKeys = kept.FindIndex(k => SameKeys(k.Keys, keys));
            if (sameKeys >= 0 && SamePath(kept[sameKeys].Group.Path, path) && SameRuns(kept[sameKeys].Group.Runs, runs))
            {
                return kept[sameKeys].Group;
            }

            // The newest group of a grouping replaces the one before: the runs of a changed group are not kept twice.
            var made = new RunGroup(path, runs, label);
            var entry = new KeptGroup(keys.Select(k => k.Name).ToArray(), made);
            if (sameKeys >= 0)
            {
                kept[sameKeys] = entry;
            }
            else
            {
                // The live page of `dotnet wandb ui` regroups by any config key on request: the groupings asked for
                // longest ago go, so a run keeps the groups of a few groupings, not of every one ever asked for.
                if (kept.Count == MaxGroupingsPerRun)
                {
                    kept.RemoveAt(0);
                }

                kept.Add(entry);
            }

            return made;
        }
    }

    /// <summary>The group kept for <paramref name="runs"/> by <paramref name="keys"/>, which grouping them again would take; null when none is.</summary>
    public static RunGroup? Kept(IReadOnlyList<GroupingKey> keys, IReadOnlyList<StoredRun> runs)
    {
        if (runs.Count == 0 || !ByFirstRun.TryGetValue(runs[0], out var kept))
        {
            return null;
        }

        lock (kept)
        {
            return kept.Find(k => SameKeys(k.Keys, keys) && SameRuns(k.Group.Runs, runs))?.Group;
        }
    }

    /// <summary>The group a store summarised from one aggregate (one project's group).</summary>
    public static RunGroup Of(GroupAggregate aggregate) => ByAggregate.GetValue(aggregate, a => RunGroup.FromAggregates(new[] { a }));

    private static bool SameKeys(string[] kept, IReadOnlyList<GroupingKey> keys) =>
        Same(kept, keys, (name, key) => string.Equals(name, key.Name, StringComparison.Ordinal));

    private static bool SamePath(IReadOnlyList<GroupValue> kept, IReadOnlyList<GroupValue> path) => Same(kept, path, (a, b) => a.Equals(b));

    /// <summary>Whether both hold the same run objects in the same order: an equal run read again is a different object, and may differ.</summary>
    private static bool SameRuns(IReadOnlyList<StoredRun> kept, IReadOnlyList<StoredRun> runs) => Same(kept, runs, ReferenceEquals);

    /// <summary>Whether both lists are as long and each item is the same as the other's at its place.</summary>
    private static bool Same<TKept, TItem>(IReadOnlyList<TKept> kept, IReadOnlyList<TItem> items, Func<TKept, TItem, bool> same)
    {
        if (kept.Count != items.Count)
        {
            return false;
        }

        for (var i = 0; i < kept.Count; i++)
        {
            if (!same(kept[i], items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="Keys">The names of the grouping's keys.</param>
    /// <param name="Group">The group.</param>
    private sealed record KeptGroup(string[] Keys, RunGroup Group);
}
