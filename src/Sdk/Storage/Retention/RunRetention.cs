using Wandb.Diagnostics;
using Wandb.Environment;

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
        var expired = policy.IsActive
            ? RetentionSelection.Expired(store.ListRuns(), policy, protectedSet, clock.UtcNow)
            : new List<ExpiredRun>();
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
}
