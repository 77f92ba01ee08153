using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Retention;

namespace Wandb.TestSupport;

/// <summary>
/// A store's history for retention tests, the same into any store through its batch writer: two projects' groups of many
/// ages, on main and on feature branches (the newest finished group is on one, so the newest on main is a baseline too),
/// one failed, one created long ago but finished lately, one with a run still being written, and runs without a group.
/// Each run is a batch record, so its times and branch are exactly as given.
/// </summary>
internal static class RetentionHistory
{
    public const string Writer = "history";

    /// <summary>Policies that each expire part of the history (dry runs): by age, by count, both, one project, and with protected groups.</summary>
    public static IReadOnlyList<(string Name, RetentionPolicy Policy, string[] Protected)> Policies { get; } = new[]
    {
        ("7 days", new RetentionPolicy { KeepDays = 7, DryRun = true }, Array.Empty<string>()),
        ("2 groups", new RetentionPolicy { KeepGroups = 2, DryRun = true }, Array.Empty<string>()),
        ("both", new RetentionPolicy { KeepDays = 20, KeepGroups = 1, DryRun = true }, Array.Empty<string>()),
        ("one project", new RetentionPolicy { KeepDays = 3, Project = "web", DryRun = true }, Array.Empty<string>()),
        ("protected", new RetentionPolicy { KeepDays = 1, DryRun = true }, new[] { "web-old-main", "api-2" }),
    };

    public static void Write(IRunBatchWriter writer, DateTimeOffset now)
    {
        var next = 0;
        void Add(string project, string? group, int daysAgo, string? branch = null, string state = "finished", string jobType = "fold", int runs = 2, int? finishedDaysAgo = null)
        {
            for (var i = 0; i < runs; i++)
            {
                var created = now - TimeSpan.FromDays(daysAgo) + TimeSpan.FromMinutes(i);
                var last = finishedDaysAgo is { } days ? now - TimeSpan.FromDays(days) : created + TimeSpan.FromSeconds(30);
                writer.Append(Record("r" + (next++).ToString("D4", System.Globalization.CultureInfo.InvariantCulture), project, group, created, last, branch, state, jobType));
            }
        }

        Add("web", "web-old-main", 40, branch: "main");
        Add("web", "web-main", 30, branch: "main");
        Add("web", "web-feature", 25, branch: "feature/x");
        Add("web", "web-failed", 20, branch: "main", state: "failed");
        Add("web", "web-eval", 15, jobType: "eval");
        Add("web", "web-eval-2", 12, jobType: "eval");
        Add("web", "web-new", 2, branch: "feature/y");
        Add("web", "web-resumed", 40, finishedDaysAgo: 2);
        Add("web", null, 35, runs: 3);
        Add("web", null, 1);
        Add("api", "api-1", 50);
        Add("api", "api-2", 45);
        Add("api", "api-3", 10);
        Add("api", "api-live", 60, state: "running");
        Add("api", null, 9);
    }

    private static RunBatchRecord Record(string id, string project, string? group, DateTimeOffset at, DateTimeOffset last, string? branch, string state, string jobType) => new(
        new RunMetadataFile
        {
            Id = id,
            Name = id,
            Project = project,
            Group = group,
            JobType = jobType,
            CreatedAt = at,
            System = new SystemInfo { Host = "ci-7", Os = "Linux", DotNet = ".NET 10", Pid = 42, GitBranch = branch },
        },
        new WriterStateFile
        {
            Writer = Writer,
            Host = "ci-7",
            Pid = 42,
            StartedAt = at,
            UpdatedAt = last,
            FinishedAt = state == "running" ? null : last,
            State = state,
            ExitCode = state == "running" ? null : state == "finished" ? 0 : 1,
            Summary = new Dictionary<string, object?> { ["loss"] = 0.5 },
        });
}
