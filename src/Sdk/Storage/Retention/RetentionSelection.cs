using Wandb.Gates;

namespace Wandb.Storage.Retention;

/// <summary>
/// Chooses the runs a policy expires: whole groups per project, never a protected group, one with a live writer, or
/// one the quality gate's <c>auto</c> baseline would choose for the project's next group (deleting it would leave
/// the next build without a baseline however recent its own runs are).
/// </summary>
internal static class RetentionSelection
{
    public static List<ExpiredRun> Expired(IEnumerable<StoredRun> runs, RetentionPolicy policy, ISet<string> protectedGroups, DateTimeOffset now)
    {
        var expired = new List<ExpiredRun>();
        if (!policy.IsActive)
        {
            return expired;
        }

        var cutoff = policy.KeepDays is { } days ? now - TimeSpan.FromDays(days) : (DateTimeOffset?)null;
        foreach (var project in runs.Where(r => policy.Project is null || r.Project == policy.Project).GroupBy(r => r.Project, StringComparer.Ordinal))
        {
            var baselines = new HashSet<string>(BaselineResolver.AutomaticCandidates(project.ToList()), StringComparer.Ordinal);
            // A run without a group is a group of its own; the NUL prefix keeps its key apart from group names.
            var groups = project
                .GroupBy(r => r.Group ?? "\0" + r.Id, StringComparer.Ordinal)
                .Select(g => (Runs: g.ToList(), LastActive: g.Max(LastActive)))
                .OrderByDescending(g => g.LastActive)
                .ThenBy(g => g.Runs[0].Group ?? g.Runs[0].Id, StringComparer.Ordinal)
                .ToList();
            for (var rank = 0; rank < groups.Count; rank++)
            {
                var group = groups[rank];
                var keptByAge = cutoff is not null && group.LastActive >= cutoff;
                var keptByCount = policy.KeepGroups is not null && rank < policy.KeepGroups;
                var name = group.Runs[0].Group;
                if (keptByAge || keptByCount || (name is not null && (protectedGroups.Contains(name) || baselines.Contains(name))) || group.Runs.Any(r => r.State == RunState.Running))
                {
                    continue;
                }

                expired.AddRange(group.Runs.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => new ExpiredRun(r.Id, r.Project, r.Group, LastActive(r))));
            }
        }

        return expired;
    }

    public static DateTimeOffset LastActive(StoredRun run) =>
        new[] { run.CreatedAt, run.UpdatedAt, run.FinishedAt ?? run.CreatedAt }.Max();
}
