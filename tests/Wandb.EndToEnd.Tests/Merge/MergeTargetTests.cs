using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Merge;

[TestClass]
public sealed class MergeTargetTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void The_WandbMerge_target_merges_CI_artifacts_into_one_store_once_and_pushes_them_into_PostgreSQL()
    {
        var server = Environment.GetEnvironmentVariable("WANDB_TEST_POSTGRES");
        Assert.IsFalse(string.IsNullOrEmpty(server), "WANDB_TEST_POSTGRES is not set: run `bash build/test.sh`, which starts the PostgreSQL server this test pushes into.");
        using var workspace = TestWorkspace.Create("merge-target");
        workspace.WriteProject("Churn", outputType: "Library");
        var suffix = Guid.NewGuid().ToString("N").Substring(0, 6);
        WriteFoldStore(workspace, "artifacts/wandb-fold-0", $"fold-0-{suffix}");
        WriteFoldStore(workspace, "artifacts/wandb-fold-1", $"fold-1-{suffix}");

        var first = workspace.DotNet("build Churn -t:WandbMerge -p:WandbMergeFrom=../artifacts -p:WandbMergeTo=../merged", timeout: TimeSpan.FromMinutes(5));
        var second = workspace.DotNet("build Churn -t:WandbMerge -p:WandbMergeFrom=../artifacts -p:WandbMergeTo=../merged", timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, first.ExitCode, first.ToString());
        StringAssert.Contains(first.StandardOutput, "2 run(s) added, 0 updated, 0 already there, 6 history row(s) added, 0 conflict(s).", first.ToString());
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        StringAssert.Contains(second.StandardOutput, "0 run(s) added, 0 updated, 2 already there, 0 history row(s) added", second.ToString());
        var merged = new StoreFiles(Path.Combine(workspace.Root, "merged"));
        CollectionAssert.AreEquivalent(new[] { $"fold-0-{suffix}", $"fold-1-{suffix}" }, merged.RunIds.ToList());
        Assert.AreEqual(3, merged.HistoryRows($"fold-0-{suffix}").Count);
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Root, "merged", "report", "runs.json")), "one grouped report is written");

        ProcessResult pushed;
        using (ServerLock())
        {
            pushed = workspace.DotNet(
                "build Churn -t:WandbMerge -p:WandbMergeFrom=../artifacts",
                environment: new Dictionary<string, string?> { ["WANDB_STORE"] = server },
                timeout: TimeSpan.FromMinutes(5));
        }

        Assert.AreEqual(0, pushed.ExitCode, pushed.ToString());
        StringAssert.Contains(pushed.StandardOutput, "Merged 2 store(s) into postgresql://", pushed.ToString());
        StringAssert.Contains(pushed.StandardOutput, "2 run(s) added", pushed.ToString());
        var password = server!.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Password", StringComparison.OrdinalIgnoreCase)).Select(p => p[1]).Single();
        Assert.IsFalse(pushed.Output.Contains(password, StringComparison.Ordinal), "the build log never shows the password");
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Root, "Churn", "wandb", "report", "runs.json")), "the report of the database goes to the default folder store's report folder");
    }

    /// <summary>
    /// The lock the PostgreSQL tests hold while they restart the shared test server (see
    /// tests/Wandb.Postgres.Tests/Infrastructure/ServerLock.cs), so this push never meets a restart.
    /// </summary>
    private static IDisposable ServerLock()
    {
        var data = Environment.GetEnvironmentVariable("WANDB_TEST_POSTGRES_DATA");
        Assert.IsFalse(string.IsNullOrEmpty(data), "WANDB_TEST_POSTGRES_DATA is not set: run `bash build/test.sh`.");
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data!))!, "wandb-tests.lock");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>A finished fold run as a CI job's folder store holds it (docs/store-format.md).</summary>
    private static void WriteFoldStore(TestWorkspace workspace, string folder, string runId)
    {
        var run = $"{folder}/runs/{runId}";
        workspace.WriteFile($"{run}/run.json", $$"""
            {"schema":1,"id":"{{runId}}","name":"{{runId}}","project":"churn","group":"cv-merge-e2e","job_type":"fold","tags":[],"notes":null,
             "created_at":"2026-11-29T10:00:00+00:00","system":{"host":"ci-{{runId}}","pid":42} }
            """);
        workspace.WriteFile($"{run}/w1.state.json", """
            {"schema":1,"writer":"w1","host":"ci","pid":42,"started_at":"2026-11-29T10:00:00+00:00","updated_at":"2026-11-29T10:01:00+00:00",
             "finished_at":"2026-11-29T10:01:00+00:00","state":"finished","exit_code":0,"rows":3,"last_step":2,"config":{"fold":1},"summary":{},"last":{"loss":0.3}}
            """);
        workspace.WriteFile($"{run}/w1.history.jsonl", """
            {"_step":0,"_runtime":0.1,"_timestamp":1795970148.1,"loss":0.9}
            {"_step":1,"_runtime":0.2,"_timestamp":1795970148.2,"loss":0.5}
            {"_step":2,"_runtime":0.3,"_timestamp":1795970148.3,"loss":0.3}

            """);
    }
}
