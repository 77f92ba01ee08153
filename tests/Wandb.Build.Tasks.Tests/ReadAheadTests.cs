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
        var groupIndex = Path.Combine(fixture.StoreDirectory, "index", "groups.v2.jsonl");
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
    public void What_reads_the_run_s_store_during_the_build_waits_for_the_read_ahead_and_reads_through_it()
    {
        using var fixture = new TaskFixture();
        for (var i = 0; i < 200; i++)
        {
            fixture.EarlierRun("build-earlier-" + (i % 20), daysAgo: 2);
        }

        var groupIndex = Path.Combine(fixture.StoreDirectory, "index", "groups.v2.jsonl");
        var start = fixture.Start("Train");
        Assert.IsTrue(start.Execute());
        var session = BuildSession.Find(fixture.Engine)!;
        var runStore = session.Tracked(start.RunId)!.Started.Store;

        // The quality gate after a target asks this way; the read-ahead ends by writing the group index.
        var readable = session.ReadableStore(runStore);

        Assert.IsTrue(File.Exists(groupIndex), "the store is handed out only once the read-ahead is done");
        Assert.AreSame(runStore, readable, "the first run's store object is the one read ahead");
        Assert.AreEqual(201, readable.ListRuns().Count(), "and it lists every run, the running one too");
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
    }

    [TestMethod]
    public void The_read_ahead_ends_by_settling_what_it_read_into_the_oldest_generation()
    {
        using var fixture = new TaskFixture();
        fixture.EarlierRun("build-earlier", daysAgo: 2);
        var collections = GC.CollectionCount(1);

        var start = fixture.Start("Train");
        Assert.IsTrue(start.Execute());
        var session = BuildSession.Find(fixture.Engine)!;
        _ = session.ReadableStore(session.Tracked(start.RunId)!.Started.Store);

        // Two collections of the young generations (ReportReadAhead.SettleIntoOldGeneration), so the refresh at the end of
        // the build does not promote what the read-ahead keeps for it.
        Assert.IsTrue(GC.CollectionCount(1) - collections >= 2, $"{GC.CollectionCount(1) - collections} collection(s) of generation 1 during the read-ahead");
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
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

        Assert.IsFalse(File.Exists(Path.Combine(fixture.StoreDirectory, "index", "groups.v2.jsonl")), "no group index without reports");
    }
}
