using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Batches;

namespace Wandb.TestSupport;

/// <summary>Finished runs as a batch writer receives them: a fold of a cross-validation, recorded by one writer.</summary>
internal static class BatchRecords
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static RunBatchRecord Fold(string id, int fold, string writer, string state = "finished", DateTimeOffset? at = null, string group = "test-abcd1234", Dictionary<string, object?>? summary = null)
    {
        var finished = at ?? Start.AddSeconds(1);
        return new RunBatchRecord(
            new RunMetadataFile
            {
                Id = id,
                Name = $"Fold ({fold})",
                Project = "churn",
                Group = group,
                JobType = "Fold",
                Tags = new List<string> { "mstest" },
                CreatedAt = Start,
                System = new SystemInfo { Host = "ci-7", Os = "Linux", DotNet = ".NET 10", Pid = 42 },
            },
            new WriterStateFile
            {
                Writer = writer,
                Host = "ci-7",
                Pid = 42,
                StartedAt = Start,
                UpdatedAt = finished,
                FinishedAt = finished,
                State = state,
                ExitCode = state == "finished" ? 0 : 1,
                Config = new Dictionary<string, object?> { ["fold"] = (long)fold, ["seed"] = 2L },
                Summary = summary ?? new Dictionary<string, object?> { ["outcome"] = state == "finished" ? "passed" : "failed" },
            });
    }
}
