namespace Wandb.Storage.Retention;

/// <summary>
/// Which old runs <see cref="RunRetention.Apply(RunStore, RetentionPolicy, IEnumerable{string}?)"/> deletes. Runs
/// go a group at a time (a run without a group is a group of its own), judged per project by the group's latest
/// activity. With both limits set, a group stays when either keeps it. Nothing is deleted unless a limit is set.
/// </summary>
public sealed class RetentionPolicy
{
    /// <summary>Keep groups with a run active within this many days; default null (no limit by age).</summary>
    public int? KeepDays { get; set; }

    /// <summary>Keep this many most recently active groups per project; default null (no limit by count).</summary>
    public int? KeepGroups { get; set; }

    /// <summary>Only this project's runs are considered; default null (every project of the store).</summary>
    public string? Project { get; set; }

    /// <summary>List what would be deleted without deleting anything; default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>Whether a limit is set, so that the policy can delete anything at all.</summary>
    public bool IsActive => KeepDays is not null || KeepGroups is not null;

    /// <exception cref="ArgumentException">A limit is below 1 (the message names it and its value).</exception>
    internal void Validate()
    {
        if (KeepDays is < 1)
        {
            throw new ArgumentException($"RetentionPolicy.KeepDays (WandbRetentionDays) must be at least 1 day, not {KeepDays}.", nameof(KeepDays));
        }

        if (KeepGroups is < 1)
        {
            throw new ArgumentException($"RetentionPolicy.KeepGroups (WandbRetentionGroups) must be at least 1 group, not {KeepGroups}.", nameof(KeepGroups));
        }
    }
}
