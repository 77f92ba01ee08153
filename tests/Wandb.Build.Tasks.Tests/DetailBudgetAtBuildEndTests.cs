using Newtonsoft.Json.Linq;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class DetailBudgetAtBuildEndTests
{
    [TestMethod]
    public void WandbMaxDetailRuns_keeps_older_groups_out_of_the_run_rows_of_the_report_the_build_refreshes()
    {
        using var fixture = new TaskFixture();
        var older = fixture.EarlierRun("build-older", daysAgo: 1);
        var start = fixture.Start("Train");
        start.MaxDetailRuns = "1";

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        var json = JObject.Parse(File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json")));
        CollectionAssert.AreEqual(new[] { start.RunId }, json["runs"]!.Select(r => (string)r["id"]!).ToArray(), "The build's own group is shown in full.");
        Assert.AreEqual(1, (int)json["omitted"]!["runs"]!);
        Assert.AreEqual(1, (int)json["omitted"]!["max_detail_runs"]!);
        StringAssert.StartsWith((string)json["omitted"]!["reason"]!, "1 of 2 runs (1 group without any run shown in full)", "one group, not 1 groups");
        Assert.IsNotNull(fixture.Store.GetRun(older), "A budget leaves runs out of the reports, never out of the store.");
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("many")]
    public void A_bad_WandbMaxDetailRuns_warns_naming_the_property_and_the_value_and_keeps_the_default(string value)
    {
        using var fixture = new TaskFixture();
        fixture.EarlierRun("build-older", daysAgo: 1);
        var start = fixture.Start("Train");
        start.MaxDetailRuns = value;

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        var warning = fixture.Engine.Warnings.Single(w => w.Code == "WANDB037");
        StringAssert.Contains(warning.Message, "WandbMaxDetailRuns");
        StringAssert.Contains(warning.Message, $"'{value}'");
        var json = JObject.Parse(File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json")));
        Assert.AreEqual(2, json["runs"]!.Count(), "The default budget holds both runs.");
        Assert.IsNull(json["omitted"]);
    }
}
