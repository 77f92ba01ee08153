using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Gates;

namespace Wandb.Storage.Retention;

/// <summary>Deletes old runs from a store by a <see cref="RetentionPolicy"/>; never on unless asked for.</summary>
public static class RunRetention
{
    /// <summary>Deletes (or with <see cref="RetentionPolicy.DryRun"/> lists) the runs of the groups the policy no longer keeps.</summary>
    /// <param name="store">The folder or PostgreSQL store.</param>
    /// <param name="policy">The limits; a policy without any deletes nothing.</param>
    /// <param name="protectedGroups">Groups never deleted whatever their age: the build's own, focus and baseline groups.</param>
    /// <exception cref="ArgumentException">A limit of the policy is below 1.</exception>
    public static RetentionResult Apply(RunStore store, RetentionPolicy policy, IEnumerable<string>? protectedGroups = null) =>
        Apply(store, policy, protectedGroups, SystemClock.Instance, ConsoleOutput.Instance);

    internal static RetentionResult Apply(RunStore store, RetentionPolicy policy, IEnumerable<string>? protectedGroups, IClock clock, IWandbOutput output)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        if (policy is null)
        {
            throw new ArgumentNullException(nameof(policy));
        }

        policy.Validate();
        var protectedSet = new HashSet<string>(protectedGroups ?? Array.Empty<string>(), StringComparer.Ordinal);
        var expired = policy.IsActive ? Expired(store, policy, protectedSet, clock.UtcNow) : new List<ExpiredRun>();
        if (policy.DryRun || expired.Count == 0)
        {
            return new RetentionResult { DryRun = policy.DryRun, Runs = expired };
        }

        var deleted = new HashSet<string>(store.DeleteRuns(expired.Select(r => r.Id).ToList(), output), StringComparer.Ordinal);
        return new RetentionResult
        {
            DryRun = false,
            Runs = expired.Where(r => deleted.Contains(r.Id)).ToList(),
            Kept = expired.Where(r => !deleted.Contains(r.Id)).ToList(),
        };
    }

    /// <summary>
    /// The runs the policy expires. A store that aggregates its groups (the folder store from its group index, PostgreSQL
    /// in SQL) is judged by each group's activity, and only the runs without a group and those of the expired groups are
    /// read: a refresh with a policy then costs what it deletes, not the store (100,000 runs: about a second otherwise).
    /// Any other store lists its runs.
    /// </summary>
    private static List<ExpiredRun> Expired(RunStore store, RetentionPolicy policy, ISet<string> protectedGroups, DateTimeOffset now)
    {
        var source = store.OpenGroups(new RunFilter { Project = policy.Project });
        var aggregates = source?.AggregatesWithActivity();
        if (source is null || aggregates is null || aggregates.Any(a => a.Activity is null))
        {
            return RetentionSelection.Expired(store.ListRuns(), policy, protectedGroups, now);
        }

        var named = aggregates.Where(a => a.Group is not null).ToList();
        var loneRuns = aggregates.Any(a => a.Group is null)
            ? source.RunsOf(aggregates.Where(a => a.Group is null).Select(a => (a.Project, (string?)null)).ToList())
            : Array.Empty<StoredRun>();
        var units = named.Select(RetentionUnit.OfGroup).Concat(loneRuns.Where(r => r.Group is null).Select(RetentionUnit.OfLoneRun)).ToList();
        var candidates = named.GroupBy(a => a.Project, StringComparer.Ordinal).ToDictionary(
            p => p.Key,
            p => (IReadOnlyCollection<BaselineCandidate>)p.Select(BaselineCandidate.OfAggregate).OfType<BaselineCandidate>().ToList(),
            StringComparer.Ordinal);
        var expired = RetentionSelection.Choose(units, candidates, policy, protectedGroups, now);
        return RetentionSelection.Runs(expired, groups => source.RunsOf(groups.Select(g => (g.Project, (string?)g.Group)).ToList()));
    }
}
