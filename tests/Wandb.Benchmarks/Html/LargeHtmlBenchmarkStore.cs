using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Batches;

namespace Wandb.Benchmarks.Html;

/// <summary>
/// A shared store after months of builds: the 1,000 trained runs of <see cref="HtmlBenchmarkStore"/> (with
/// their curves) and 99,000 test results recorded in bulk the way the test logger records them (one run per
/// result, a group per CI run, the test class as job type, the data row's arguments as config, outcome,
/// duration and a score as summary, about one in a hundred failed with its message).
/// </summary>
internal static class LargeHtmlBenchmarkStore
{
    public const int TestRuns = 99_000;
    public const int TestsPerGroup = 200;
    public const int Classes = 10;

    public static string Create()
    {
        var directory = HtmlBenchmarkStore.Create();
        var store = RunStore.Open(directory);
        var start = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var system = new SystemInfo { Host = "ci-agent-3", Os = "Linux", DotNet = ".NET 10.0.1", Pid = 4711 };
        using var batch = store.CreateBatchWriter("bench001");
        for (var i = 0; i < TestRuns; i++)
        {
            var group = i / TestsPerGroup;
            var test = i % TestsPerGroup;
            var suite = test % Classes;
            var method = test / Classes;
            var createdAt = start.AddHours(group * 3).AddSeconds(test * 0.7);
            var failed = (i * 7919) % 100 == 0;
            var score = 0.6 + (0.3 * ((i * 2654435761L) % 1000) / 1000.0);
            var summary = new Dictionary<string, object?>
            {
                ["outcome"] = failed ? "failed" : "passed",
                ["duration"] = 0.05 + (test % 17 * 0.013),
                ["accuracy"] = Math.Round(score, 4),
                ["loss"] = Math.Round(1 - score, 4),
            };
            if (failed)
            {
                summary["error"] = $"Assert.IsTrue failed. accuracy {score:F3} below 0.62 for fold {method % 5}\n   at Suite{suite}.Fold{method}(Int32 fold, Int32 seed)";
            }

            batch.Append(new RunBatchRecord(
                new RunMetadataFile
                {
                    Id = "t" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                    Name = $"Fold{method} ({method % 5}, {test})",
                    Project = "sweep",
                    Group = $"ci-{group:D4}",
                    JobType = $"Suite{suite}",
                    Tags = new List<string> { "mstest" },
                    CreatedAt = createdAt,
                    System = system,
                },
                new WriterStateFile
                {
                    Writer = "bench001",
                    Host = system.Host,
                    Pid = system.Pid,
                    StartedAt = createdAt,
                    UpdatedAt = createdAt.AddSeconds(0.2),
                    FinishedAt = createdAt.AddSeconds(0.2),
                    State = failed ? "failed" : "finished",
                    ExitCode = failed ? 1 : 0,
                    Config = new Dictionary<string, object?>
                    {
                        ["fold"] = (long)(method % 5),
                        ["seed"] = (long)test,
                        ["test_class"] = $"Large.Tests.Suite{suite}",
                    },
                    Summary = summary,
                }));
            if (batch.Pending >= 5_000)
            {
                batch.Flush();
            }
        }

        batch.Flush();
        return directory;
    }
}
