using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;
using Wandb.EndToEnd.Tests.TestLogger;

namespace Wandb.EndToEnd.Tests.Reports;

[TestClass]
public sealed class ConcurrentRefreshTests
{
    private static readonly TimeSpan DotNetTimeout = TimeSpan.FromMinutes(6);

    /// <summary>Lets the processes that meet it go on only when the test releases them all at once.</summary>
    private const string Barrier = """
        internal static class Barrier
        {
            public static void Meet(string name)
            {
                var folder = Environment.GetEnvironmentVariable("E2E_BARRIER_DIR");
                if (folder is null)
                {
                    return;
                }

                File.WriteAllText(Path.Combine(folder, name + ".ready"), string.Empty);
                var deadline = DateTime.UtcNow.AddMinutes(5);
                while (!File.Exists(Path.Combine(folder, "go")))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException("The end-to-end test never released the barrier.");
                    }

                    Thread.Sleep(10);
                }
            }
        }
        """;

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_build_and_a_test_run_that_refresh_one_store_at_the_same_moment_take_turns_and_leave_valid_reports_with_every_run()
    {
        using var workspace = TestWorkspace.Create("refresh-together");
        workspace.WriteProject("Churn", body: """
            <Target Name="Train" DependsOnTargets="Build">
              <Exec Command="dotnet &quot;$(TargetPath)&quot;" />
            </Target>
            """);
        workspace.WriteFile("Churn/Program.cs", """
            using Wandb;
            using var run = Run.Init();
            Barrier.Meet("build");
            run.Log(new Dictionary<string, double> { ["loss"] = 0.25 });
            """);
        workspace.WriteFile("Churn/Barrier.cs", Barrier);
        MlTestProject.WriteVsTestProjectFile(workspace, "Churn.Tests");
        workspace.WriteFile("Churn.Tests/FoldTests.cs", """
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            [TestClass]
            public sealed class FoldTests
            {
                [TestMethod] [DataRow(0)] [DataRow(1)] [DataRow(2)]
                public void Fold(int fold) => Assert.IsGreaterThanOrEqualTo(0, fold);

                [TestMethod]
                public void Evaluate() => Barrier.Meet("test");
            }
            """);
        workspace.WriteFile("Churn.Tests/Barrier.cs", Barrier);

        // Built first, so that the two commands below only run, record and refresh the reports.
        var prebuilt = workspace.DotNet("build Churn", timeout: DotNetTimeout);
        Assert.AreEqual(0, prebuilt.ExitCode, prebuilt.ToString());
        prebuilt = workspace.DotNet("build Churn.Tests", timeout: DotNetTimeout);
        Assert.AreEqual(0, prebuilt.ExitCode, prebuilt.ToString());

        var barrier = Directory.CreateDirectory(Path.Combine(workspace.Root, "barrier")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(workspace.Root, "tmp")).FullName;
        var environment = workspace.StoreEnvironment();
        environment["E2E_BARRIER_DIR"] = barrier;

        // A temp folder of their own, where both processes keep their lock files, so the test can count them.
        environment["TMPDIR"] = temp;
        var build = Task.Run(() => workspace.DotNet("build Churn -t:Train --no-restore", environment: environment, timeout: DotNetTimeout));
        var test = Task.Run(() => workspace.DotNet("test Churn.Tests --no-build --logger wandb", environment: environment, timeout: DotNetTimeout));
        var bothReady = SpinWait.SpinUntil(
            () => (File.Exists(Path.Combine(barrier, "build.ready")) && File.Exists(Path.Combine(barrier, "test.ready"))) || build.IsCompleted || test.IsCompleted,
            TimeSpan.FromMinutes(5));
        File.WriteAllText(Path.Combine(barrier, "go"), string.Empty);
        var built = build.Result;
        var tested = test.Result;

        Assert.IsTrue(bothReady, "both processes reached the barrier");
        Assert.AreEqual(0, built.ExitCode, built.ToString());
        Assert.AreEqual(0, tested.ExitCode, tested.ToString());
        foreach (var result in new[] { built, tested })
        {
            Assert.DoesNotContain("could not be refreshed", result.Output, result.ToString());
        }

        var locks = Directory.GetFiles(temp, "wandb-*.lock").Select(Path.GetFileName).ToList();
        Assert.HasCount(1, locks, "the build and the test run lock one file for the one store: " + string.Join(", ", locks));

        var store = new StoreFiles(workspace.StoreDirectory);
        var runs = RecordedRun.ReadAll(store);
        Assert.HasCount(5, runs, "the build's Train run and the test run's four results");
        var buildGroup = runs.Single(r => r.JobType == "Train").Group!;
        var testGroup = runs.Single(r => r.JobType == "Evaluate").Group!;
        StringAssert.StartsWith(buildGroup, "build-");
        StringAssert.StartsWith(testGroup, "test-");

        var report = Path.Combine(workspace.StoreDirectory, "report");
        var runsJson = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "runs.json")))!.AsObject();
        CollectionAssert.AreEquivalent(
            store.RunIds.ToArray(),
            runsJson["runs"]!.AsArray().Select(r => (string)r!["id"]!).ToArray(),
            "the report written last holds every run, whichever process wrote it");
        CollectionAssert.AreEquivalent(
            new[] { buildGroup, testGroup },
            runsJson["groups"]!.AsArray().Select(g => (string)g!["group"]!).ToArray());

        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        StringAssert.StartsWith(html, "<!DOCTYPE html>");
        StringAssert.EndsWith(html.TrimEnd(), "</html>", "index.html is written whole");
        foreach (var id in store.RunIds)
        {
            StringAssert.Contains(html, id, "the HTML report's data holds every run");
        }

        var summary = File.ReadAllText(Path.Combine(report, "summary.md"));
        StringAssert.StartsWith(summary, "# Wandb report");
        Assert.AreEqual(1, summary.Split("# Wandb report").Length - 1, "one summary, not two written over each other: " + summary);
        var unescaped = summary.Replace("\\", string.Empty, StringComparison.Ordinal);
        StringAssert.Contains(unescaped, buildGroup);
        StringAssert.Contains(unescaped, testGroup);
        Assert.IsFalse(summary.Contains('\0'), "no torn or padded bytes");
    }
}
