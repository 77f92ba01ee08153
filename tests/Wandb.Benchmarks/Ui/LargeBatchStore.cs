using System.Globalization;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;

namespace Wandb.Benchmarks.Ui;

/// <summary>
/// A folder store of finished runs recorded in bulk, as the test logger records a large test suite: 100,000 runs
/// by default in 20 batch files, 500 groups (one per 200 runs for smaller stores), 4 job types, a config and 3
/// summary metrics each, no history. The test logger benchmark grows stores of 1,000 to 100,000 runs with it.
/// </summary>
internal static class LargeBatchStore
{
    public const int Runs = 100_000;
    public const int Writers = 20;
    public const int Groups = 500;

    public static void Write(string root, int runs = Runs, string project = "suite")
    {
        var groups = Math.Min(Groups, Math.Max(1, runs / 200));
        var store = new FolderRunStore(root, PhysicalStoreFileSystem.Instance, Diagnostics.ConsoleOutput.Instance, Environment.SystemClock.Instance);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Parallel.For(0, Writers, w =>
        {
            var writer = "bench" + w.ToString("D2", CultureInfo.InvariantCulture);
            using var batch = store.CreateBatchWriter(writer);
            for (var i = w; i < runs; i += Writers)
            {
                var created = start.AddSeconds(i);
                var id = "r" + i.ToString("D6", CultureInfo.InvariantCulture);
                batch.Append(new RunBatchRecord(
                    new RunMetadataFile
                    {
                        Id = id,
                        Name = "test-" + i.ToString(CultureInfo.InvariantCulture),
                        Project = project,
                        Group = "g" + (i % groups).ToString("D3", CultureInfo.InvariantCulture),
                        JobType = "job" + (i % 4).ToString(CultureInfo.InvariantCulture),
                        CreatedAt = created,
                    },
                    new WriterStateFile
                    {
                        Writer = writer,
                        Host = "bench",
                        Pid = 1,
                        StartedAt = created,
                        UpdatedAt = created.AddSeconds(1),
                        FinishedAt = created.AddSeconds(1),
                        State = i % 50 == 0 ? "failed" : "finished",
                        ExitCode = i % 50 == 0 ? 1 : 0,
                        Config = new Dictionary<string, object?> { ["seed"] = (long)(i % 10), ["lr"] = 0.1 / (1 + (i % 5)) },
                        Summary = new Dictionary<string, object?> { ["loss"] = 1.0 / (1 + (i % 97)), ["accuracy"] = (i % 89) / 89.0, ["duration_ms"] = (double)(i % 1000) },
                    }));
                if (batch.Pending >= 1000)
                {
                    batch.Flush();
                }
            }

            batch.Flush();
        });
    }
}
