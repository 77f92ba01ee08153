namespace Wandb.TestLogger.Reporting;

/// <summary>
/// The logger's parameters (<c>--logger "wandb;project=...;group=...;dir=...;mode=...;store=...;job_type=...;max_detail_runs=...;baseline=...;retention_days=...;retention_groups=...;retention_dry_run=..."</c>, a .runsettings
/// <c>&lt;Logger&gt;</c> configuration, or the MTP options), parsed once. Names are case-insensitive.
/// </summary>
internal sealed record LoggerParameters
{
    public const string ProjectName = "project";
    public const string GroupName = "group";
    public const string DirName = "dir";
    public const string ModeName = "mode";
    public const string StoreName = "store";
    public const string JobTypeName = "job_type";
    public const string MaxDetailRunsName = "max_detail_runs";
    public const string BaselineName = "baseline";
    public const string RetentionDaysName = "retention_days";
    public const string RetentionGroupsName = "retention_groups";
    public const string RetentionDryRunName = "retention_dry_run";

    /// <summary>Parameters vstest adds by itself; not the user's, so never reported as unknown.</summary>
    private static readonly string[] PlatformNames = { "TestRunDirectory", "TargetFramework" };

    private static readonly string[] KnownNames = { ProjectName, GroupName, DirName, ModeName, StoreName, JobTypeName, MaxDetailRunsName, BaselineName, RetentionDaysName, RetentionGroupsName, RetentionDryRunName };

    public string? Project { get; init; }

    public string? Group { get; init; }

    public string? Dir { get; init; }

    public string? Mode { get; init; }

    /// <summary>A PostgreSQL connection string (<c>WANDB_STORE</c>); never printed, it may hold a password.</summary>
    public string? Store { get; init; }

    /// <summary>How job types are named: <c>method</c> or <c>class_method</c> (see <see cref="Wandb.Testing.TestJobTypeFormat"/>); checked when the session starts.</summary>
    public string? JobType { get; init; }

    /// <summary>Most runs the refreshed reports show in full (<see cref="Wandb.Reports.ReportOptions.MaxDetailRuns"/>), as given; checked when the session starts.</summary>
    public string? MaxDetailRuns { get; init; }

    /// <summary>What the reports' comparison and the quality gate compare the session's group with (<c>WandbBaseline</c>): auto, a group, or a baseline file.</summary>
    public string? Baseline { get; init; }

    /// <summary>Retention when the reports are refreshed (<c>WandbRetentionDays</c>): delete groups not active for this many days; as given, checked when the session starts.</summary>
    public string? RetentionDays { get; init; }

    /// <summary>Retention when the reports are refreshed (<c>WandbRetentionGroups</c>): keep this many latest groups per project; as given.</summary>
    public string? RetentionGroups { get; init; }

    /// <summary>With retention, list what would be deleted instead of deleting it (<c>true</c>/<c>false</c>); as given.</summary>
    public string? RetentionDryRun { get; init; }

    /// <summary>Parameters the logger does not know, for a clear warning.</summary>
    public IReadOnlyList<string> Unknown { get; init; } = Array.Empty<string>();

    public static string KnownList => string.Join(", ", KnownNames);

    public static LoggerParameters Parse(IEnumerable<KeyValuePair<string, string?>> values)
    {
        string? project = null, group = null, dir = null, mode = null, store = null, jobType = null, maxDetailRuns = null, baseline = null, retentionDays = null, retentionGroups = null, retentionDryRun = null;
        var unknown = new List<string>();
        foreach (var pair in values)
        {
            var value = string.IsNullOrWhiteSpace(pair.Value) ? null : pair.Value!.Trim();
            switch (pair.Key.Trim().ToLowerInvariant())
            {
                case ProjectName:
                    project = value;
                    break;
                case GroupName:
                    group = value;
                    break;
                case DirName:
                    dir = value;
                    break;
                case ModeName:
                    mode = value;
                    break;
                case StoreName:
                    store = value;
                    break;
                case JobTypeName:
                    jobType = value;
                    break;
                case MaxDetailRunsName:
                    maxDetailRuns = value;
                    break;
                case BaselineName:
                    baseline = value;
                    break;
                case RetentionDaysName:
                    retentionDays = value;
                    break;
                case RetentionGroupsName:
                    retentionGroups = value;
                    break;
                case RetentionDryRunName:
                    retentionDryRun = value;
                    break;
                default:
                    if (!PlatformNames.Any(p => string.Equals(p, pair.Key, StringComparison.OrdinalIgnoreCase)))
                    {
                        unknown.Add(pair.Key);
                    }

                    break;
            }
        }

        return new LoggerParameters { Project = project, Group = group, Dir = dir, Mode = mode, Store = store, JobType = jobType, MaxDetailRuns = maxDetailRuns, Baseline = baseline, RetentionDays = retentionDays, RetentionGroups = retentionGroups, RetentionDryRun = retentionDryRun, Unknown = unknown };
    }
}
