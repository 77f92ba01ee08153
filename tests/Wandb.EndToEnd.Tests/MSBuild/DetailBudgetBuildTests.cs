using System.Text.RegularExpressions;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.MSBuild;

[TestClass]
public sealed class DetailBudgetBuildTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void WandbMaxDetailRuns_keeps_an_older_build_out_of_the_run_rows_and_runs_json_and_the_page_say_so()
    {
        using var workspace = TestWorkspace.Create("msb-budget");
        TrainingConsumer.Write(workspace, "Churn");
        var store = new StoreFiles(workspace.StoreDirectory);
        var earlier = workspace.DotNet("build Churn -t:Train", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, earlier.ExitCode, earlier.ToString());
        var older = TrainingConsumer.Runs(store).Single();

        var bounded = workspace.DotNet("build Churn -t:Train -p:WandbMaxDetailRuns=1", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, bounded.ExitCode, bounded.ToString());
        var report = TrainingConsumer.ReportRuns(store);
        var runs = report["runs"]!.AsArray();
        Assert.HasCount(1, runs);
        Assert.AreNotEqual((string)older.Metadata["id"]!, (string)runs[0]!["id"]!, "the build's own run is the one shown in full");
        var omitted = report["omitted"]!;
        Assert.AreEqual(1, (int)omitted["runs"]!);
        Assert.AreEqual(1, (int)omitted["groups"]!);
        Assert.AreEqual((string)older.Metadata["group"]!, (string)omitted["summary_only_groups"]![0]!);
        StringAssert.Contains((string)omitted["how"]!, "WandbMaxDetailRuns");
        var olderGroup = report["groups"]!.AsArray().Single(g => (string?)g!["group"] == (string)older.Metadata["group"]!)!;
        Assert.AreEqual(1, (int)olderGroup["states"]!["finished"]!, "the summarised group keeps its aggregates");
        var html = File.ReadAllText(Path.Combine(store.Root, "report", "index.html"));
        var data = Regex.Match(html, "<script type=\"application/json\" id=\"wandb-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.AreEqual(1, PageDataRuns.Count(data));
        StringAssert.Contains(data, "\"summary_only\":[{\"group\":\"" + (string)older.Metadata["group"]!);
    }
}
