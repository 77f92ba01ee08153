using Wandb.Gates;
using Wandb.Grouping.Aggregates;

namespace Wandb.Storage.Retention;

/// <summary>
/// Chooses what a policy expires: whole groups per project, never a protected group, one with a live writer, or one
/// the quality gate's <c>auto</c> baseline would choose for the project's next group (deleting it would leave the next
/// build without a baseline however recent its own runs are). The choice is made on groups, not runs, so a store that
/// keeps its groups' aggregates (the folder store's group index) answers without reading every run.
/// </summary>
internal static class RetentionSelection
{
    /// <summary>The runs of <paramref name="runs"/> the policy expires, by project (ordinal), then group from the most recently active, then id.</summary>
    public static List<ExpiredRun> Expired(IEnumerable<StoredRun> runs, RetentionPolicy policy, ISet<string> protectedGroups, DateTimeOffset now)
    {
        var considered = runs.Where(r => policy.Project is null || r.Project == policy.Project).ToList();
        var groups = considered.Where(r => r.Group is not null).GroupBy(r => (r.Project, Group: r.Group!)).ToDictionary(g => g.Key, g => g.ToList());
        var units = groups.Select(g => RetentionUnit.OfGroup(g.Key.Project, g.Key.Group, g.Value))
            .Concat(considered.Where(r => r.Group is null).Select(RetentionUnit.OfLoneRun))
            .ToList();
        var candidates = considered.GroupBy(r => r.Project, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (IReadOnlyCollection<BaselineCandidate>)BaselineResolver.CandidatesOf(p), StringComparer.Ordinal);
        var expired = Choose(units, candidates, policy, protectedGroups, now);
        return Runs(expired, named => named.SelectMany(k => groups[k]).ToList());
    }

    /// <summary>
    /// The units the policy expires, by project (ordinal), then from the most recently active. A project keeps, past
    /// every limit, the groups <c>auto</c> may choose from <paramref name="candidates"/> (its named groups).
    /// </summary>
    public static List<RetentionUnit> Choose(IReadOnlyList<RetentionUnit> units, IReadOnlyDictionary<string, IReadOnlyCollection<BaselineCandidate>> candidates, RetentionPolicy policy, ISet<string> protectedGroups, DateTimeOffset now)
    {
        var expired = new List<RetentionUnit>();
        if (!policy.IsActive)
        {
            return expired;
        }

        var cutoff = policy.KeepDays is { } days ? now - TimeSpan.FromDays(days) : (DateTimeOffset?)null;
        foreach (var project in units.Where(u => policy.Project is null || u.Project == policy.Project).GroupBy(u => u.Project, StringComparer.Ordinal).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var baselines = new HashSet<string>(
                candidates.TryGetValue(project.Key, out var groups) ? BaselineResolver.AutomaticCandidates(groups) : Array.Empty<string>(),
                StringComparer.Ordinal);
            var ranked = project.OrderByDescending(u => u.LastActiveAt).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
            for (var rank = 0; rank < ranked.Count; rank++)
            {
                var unit = ranked[rank];
                var keptByAge = cutoff is not null && unit.LastActiveAt >= cutoff;
                var keptByCount = policy.KeepGroups is not null && rank < policy.KeepGroups;
                var spared = unit.Group is not null && (protectedGroups.Contains(unit.Group) || baselines.Contains(unit.Group));
                if (!keptByAge && !keptByCount && !spared && !unit.AnyRunning)
                {
                    expired.Add(unit);
                }
            }
        }

        return expired;
    }

    /// <summary>The runs of the expired units, in their order, each unit's by id; <paramref name="runsOf"/> reads the named groups' runs, all at once.</summary>
    public static List<ExpiredRun> Runs(IReadOnlyList<RetentionUnit> expired, Func<IReadOnlyCollection<(string Project, string Group)>, IReadOnlyList<StoredRun>> runsOf)
    {
        var named = expired.Where(u => u.Group is not null).Select(u => (u.Project, Group: u.Group!)).ToList();
        var byGroup = (named.Count == 0 ? Array.Empty<StoredRun>() : runsOf(named))
            .GroupBy(r => (r.Project, Group: r.Group!))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id, StringComparer.Ordinal).ToList());
        return expired
            .SelectMany(u => u.LoneRun is { } lone ? new List<StoredRun> { lone } : byGroup.TryGetValue((u.Project, u.Group!), out var runs) ? runs : new List<StoredRun>())
            .Select(r => new ExpiredRun(r.Id, r.Project, r.Group, GroupActivity.LastActive(r)))
            .ToList();
    }
}
