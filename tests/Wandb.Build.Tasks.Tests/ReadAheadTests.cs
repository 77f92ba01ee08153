using Newtonsoft.Json.Linq;
using Wandb.Build.Tasks.Session;
using Wandb.Reports;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class ReadAheadTests
{
    [TestMethod]
    public void The_store_is_read_while_the_target_runs_and_the_refresh_still_sees_the_run_finish()
    {
        using var fixture = new TaskFixture();
        var earlier = fixture.EarlierRun("build-earlier", daysAgo: 2);
        var groupIndex = Path.Combine(fixture.StoreDirectory, "index", "groups.v1.jsonl");
        var indexedAtRefresh = false;
        var start = fixture.Start("Train");
        start.CreateSession = () => new BuildSession(new ReportRefresh(fixture.EndOfBuildOutput, fixture.EndOfBuildConsole, fixture.Root)
        {
            WriteReports = (store, options) =>
            {
                // Nothing but the read-ahead reads the store's groups before this point: the reports are not written yet.
                indexedAtRefresh = File.Exists(groupIndex);
                return ReportWriter.WriteAll(store, options);
            },
        });

        Assert.IsTrue(start.Execute());

        // The read-ahead ends by writing the group index; the target's run is still running then.
        Assert.IsTrue(SpinWait.SpinUntil(() => File.Exists(groupIndex), TimeSpan.FromSeconds(30)), "the store was read ahead while the target ran");
        StringAssert.Contains(File.ReadAllText(groupIndex), "build-earlier");
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        Assert.IsTrue(indexedAtRefresh);
        var runs = JObject.Parse(File.ReadAllText(Path.Combine(fixture.StoreDirectory, "report", "runs.json")))["runs"]!
            .ToDictionary(r => (string)r["id"]!, r => (string)r["state"]!);
        Assert.AreEqual("finished", runs[start.RunId], "the refresh reads the run again after the read-ahead saw it running");
        Assert.AreEqual("finished", runs[earlier]);
    }

    [TestMethod]
    public void WandbReports_false_reads_nothing_ahead()
    {
        using var fixture = new TaskFixture();
        fixture.EarlierRun("build-earlier", daysAgo: 2);
        var start = fixture.Start("Train");
        start.WriteReports = false;

        Assert.IsTrue(start.Execute());

        // A read-ahead, had one started, writes the group index within this time (the other test waits for it).
        Thread.Sleep(500);
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        Assert.IsFalse(File.Exists(Path.Combine(fixture.StoreDirectory, "index", "groups.v1.jsonl")), "no group index without reports");
    }
}
