using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Sdk;

[TestClass]
public sealed class StandaloneProgramTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_program_run_on_its_own_says_where_its_run_is_stored_and_leaves_a_current_report_and_WANDB_SILENT_quiets_it()
    {
        using var workspace = TestWorkspace.Create("sdk-standalone");
        workspace.WriteProject("Churn");
        workspace.WriteFile("Churn/Program.cs", """
            using Wandb;
            using (var run = Run.Init(new RunOptions { Project = "churn", Group = "solo-" + args[0], JobType = "train" }))
            {
                run.Log(new Dictionary<string, double> { ["loss"] = 0.5 });
                run.Log(new Dictionary<string, double> { ["loss"] = 0.25 });
                Console.WriteLine($"RUN {run.Id}");
            }

            Console.WriteLine("PROGRAM DONE");
            """);
        var build = workspace.DotNet("build Churn", timeout: TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, build.ExitCode, build.ToString());
        var store = workspace.StoreDirectory;
        var runsJson = Path.Combine(store, "report", "runs.json");

        var first = workspace.DotNet("run --no-build --project Churn -- one", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, first.ExitCode, first.ToString());
        var firstId = RunIdOf(first);
        var lines = first.StandardError.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("wandb:", StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, lines, "one line when the run starts, one for the report: " + first);
        StringAssert.Contains(lines[0], firstId);
        StringAssert.Contains(lines[0], "project churn");
        StringAssert.Contains(lines[0], "group solo-one");
        StringAssert.Contains(lines[0], store, "the line names the store");
        StringAssert.Contains(lines[1], new Uri(Path.Combine(store, "report", "index.html")).AbsoluteUri + "#/group/solo-one", "the report's page of the run's group");
        Assert.IsTrue(File.Exists(Path.Combine(store, "report", "index.html")), first.ToString());
        CollectionAssert.Contains(ReportedIds(runsJson), firstId, "the report is current when the program has exited");

        var quiet = workspace.StoreEnvironment();
        quiet["WANDB_SILENT"] = "true";
        var second = workspace.DotNet("run --no-build --project Churn -- two", environment: quiet, timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.IsFalse(second.Output.Contains("wandb:", StringComparison.Ordinal), "WANDB_SILENT=true prints nothing: " + second);
        CollectionAssert.IsSubsetOf(new[] { firstId, RunIdOf(second) }, ReportedIds(runsJson), "silent, the report is still kept current");
    }

    private static string RunIdOf(ProcessResult result) =>
        result.StandardOutput.Split('\n').Single(l => l.StartsWith("RUN ", StringComparison.Ordinal)).Substring(4).Trim();

    private static List<string?> ReportedIds(string runsJson) =>
        JsonNode.Parse(File.ReadAllText(runsJson))!["runs"]!.AsArray().Select(r => (string?)r!["id"]).ToList();
}
