using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Reports;
using Wandb.Runs;
using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Folder;
using Wandb.Storage.Index;
using Wandb.Storage.Index.Groups;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// The folder store's group index (<c>index/groups.v2.jsonl</c>): per project and group, the aggregate reports show
/// and the fingerprints of the runs it counts. Its aggregates must always be those of every run listed and grouped,
/// whatever changed since it was written, and a report past its budget must read only the runs that changed and those
/// it shows in full.
/// </summary>
[TestClass]
public sealed class GroupIndexTests
{
    [TestMethod]
    public void The_group_index_gives_the_aggregates_of_every_run_listed_through_each_kind_of_change()
    {
        using var store = new TempStore();
        for (var g = 0; g < 4; g++)
        {
            for (var i = 0; i < 3; i++)
            {
                store.AddRun("g" + g, $"run{g}{i}", Summary(0.1 * (g + i)), jobType: i == 2 ? "eval" : "fold", project: g == 3 ? "other" : "proj");
            }
        }

        store.AddRun(null, "loose", Summary(0.9));
        var kept = store.Reader();
        AssertAgrees(store, kept, "first computed from every run");
        Assert.IsTrue(File.Exists(GroupIndexPath(store)));

        store.AddRun("g1", "joined", Summary(0.45), exitCode: 1);
        AssertAgrees(store, kept, "a run joined a group");

        using (var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch01"))
        {
            writer.Append(BatchRecords.Fold("b0000001", 0, "batch01", group: "g2"));
            writer.Append(BatchRecords.Fold("b0000002", 1, "batch01", group: "batched", summary: new() { ["loss"] = 0.8 }));
        }

        AssertAgrees(store, kept, "batch records joined a group and made a new one");

        var deleted = kept.ListRuns().First(r => r.Group == "g0").Id;
        CollectionAssert.AreEqual(new[] { deleted }, kept.DeleteRuns(new[] { deleted }, store.Output).ToList());
        AssertAgrees(store, kept, "a run was deleted");

        File.WriteAllText(GroupIndexPath(store), "{\"format\":\"wandb-group-index\",\"version\":1,\"groups\":2}\n{not json\n");
        AssertAgrees(store, store.Reader(), "a damaged group index is computed again");

        var lines = File.ReadAllLines(GroupIndexPath(store));
        lines[2] = lines[2].Replace("\"members\":{", "\"members\":{not json");
        File.WriteAllLines(GroupIndexPath(store), lines);
        AssertAgrees(store, store.Reader(), "a group line that does not read is computed again");

        File.Delete(GroupIndexPath(store));
        AssertAgrees(store, store.Reader(), "a missing group index is computed again");
    }

    [TestMethod]
    public void A_store_object_brings_its_grouping_up_to_date_from_the_runs_changed_since_its_listing_before()
    {
        using var store = new TempStore();
        var ids = Enumerable.Range(0, 12).Select(i => store.AddRun("g" + (i / 4), "run" + i, Summary(0.05 * i))).ToList();
        AppendBatch(store, BatchRecords.Fold("b0000001", 0, "batch01", group: "batched"), BatchRecords.Fold("b0000002", 1, "batch01", group: "batched"));
        var kept = (FolderRunStore)store.Reader();
        Assert.AreEqual(14, kept.ListGrouped(kept.ListIndexed()).CheckedRuns, "the first listing of a store object checks every run");

        var changes = new (string What, int Changed, Action Change)[]
        {
            ("a run joined a group", 1, () => store.AddRun("g1", "joined", Summary(0.45), exitCode: 1)),
            ("a batched run failed on a rerun and a batch record made a new group", 2, () => AppendBatch(
                store,
                BatchRecords.Fold("b0000001", 0, "batch01", state: "failed", at: BatchRecords.Start.AddMinutes(5), group: "batched"),
                BatchRecords.Fold("b0000003", 2, "batch01", group: "late"))),
            ("a run journaled by its writer without a change", 1, () => IndexJournal.Touch(new StoreLayout(store.Root), ids[5])),
            ("a run folder removed by hand", 1, () => Directory.Delete(Path.Combine(store.Root, "runs", ids[0]), recursive: true)),
            ("the last run of a group removed by hand", 4, () =>
            {
                foreach (var id in ids.Skip(8))
                {
                    Directory.Delete(Path.Combine(store.Root, "runs", id), recursive: true);
                }
            }),
        };
        foreach (var (what, changed, change) in changes)
        {
            change();
            var listing = kept.ListIndexed();
            var grouped = kept.ListGrouped(listing);
            Assert.AreEqual(changed, grouped.CheckedRuns, what + ": the runs checked");

            // A store object of its own, without the group index file, computes the grouping from every run.
            File.Delete(GroupIndexPath(store));
            var fresh = (FolderRunStore)store.Reader();
            var freshListing = fresh.ListIndexed();
            var full = fresh.ListGrouped(freshListing);
            Assert.AreEqual(freshListing.Runs.Count, full.CheckedRuns, what);
            CollectionAssert.AreEqual(freshListing.Runs.Select(r => r.Id).ToList(), listing.Runs.Select(r => r.Id).ToList(), what + ": the listing");
            AssertSameGrouping(full, grouped, what);
            Assert.IsTrue(listing.Runs.All(r => grouped.Members.Values.Any(m => m.Contains(r))), what + ": the member lists hold the listed entries themselves");
        }

        CollectionAssert.AreEquivalent(new[] { "batched", "g0", "g1", "late" }, kept.AggregateGroups().Select(a => a.Group).ToList());
    }

    [TestMethod]
    public void A_store_object_that_listed_live_runs_brings_its_grouping_up_to_date_from_the_runs_changed_since()
    {
        // A build reads its store ahead while its own runs are being written, so that listing holds live runs.
        using var store = new TempStore();
        for (var i = 0; i < 8; i++)
        {
            store.AddRun("g" + (i / 4), "run" + i, Summary(0.1 * i));
        }

        var kept = (FolderRunStore)store.Reader();
        var live = store.Init(new RunOptions { Project = "proj", Group = "build", Name = "live" });
        live.Summary["loss"] = 0.2;
        Assert.AreEqual(9, kept.ListGrouped(kept.ListIndexed()).CheckedRuns, "the first listing of a store object checks every run");

        live.Finish();
        store.AddRun("build", "after", Summary(0.9));
        var listing = kept.ListIndexed();
        var grouped = kept.ListGrouped(listing);
        Assert.AreEqual(2, grouped.CheckedRuns, "the run that was live, now finished, and the run added: not the other eight");

        File.Delete(GroupIndexPath(store));
        var fresh = (FolderRunStore)store.Reader();
        var full = fresh.ListGrouped(fresh.ListIndexed());
        AssertSameGrouping(full, grouped, "a listing after the live run finished");
        Assert.AreEqual(2, grouped.Aggregates.Single(a => a.Group == "build").Runs, "the finished run counted with the one added");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void A_kept_store_object_s_grouping_equals_one_computed_from_every_run_after_any_sequence_of_changes(int seed)
    {
        // Random changes of every kind a store sees between two listings of one store object (a build's read-ahead and its
        // refresh, dotnet wandb ui's refreshes), one or two at a time; after each, the kept object's grouping, brought up
        // to date from the changes, must be the one a new object computes from every run.
        var random = new Random(seed);
        using var store = new TempStore();
        var kept = (FolderRunStore)store.Reader();
        var finished = new List<string>();
        var live = new List<Run>();
        var batched = new List<string>();
        var log = new List<string>();
        try
        {
            for (var step = 0; step < 40; step++)
            {
                for (var change = random.Next(1, 3); change > 0; change--)
                {
                    var group = random.Next(6) == 0 ? null : "g" + random.Next(4);
                    switch (random.Next(9))
                    {
                        case 0:
                        case 1:
                            finished.Add(store.AddRun(group, "run" + step, Summary(random.NextDouble()), exitCode: random.Next(5) == 0 ? 1 : 0));
                            log.Add($"added a run to {group ?? "no group"}");
                            break;
                        case 2:
                            // Its first state is written before Init returns and, with nothing logged and no heartbeat due, no other until
                            // it finishes: a state its writer flushed between the two listings compared would differ by timing alone.
                            var started = store.Init(new RunOptions { Project = "proj", Group = group, Name = "live" + step }, store.Context(limits: QuietWriter));
                            live.Add(started);
                            log.Add($"started a live run in {group ?? "no group"}");
                            break;
                        case 3 when live.Count > 0:
                            var ending = live[random.Next(live.Count)];
                            live.Remove(ending);
                            ending.Finish(random.Next(3) == 0 ? 1 : 0);
                            finished.Add(ending.Id);
                            log.Add("finished a live run");
                            break;
                        case 4:
                            var id = batched.Count > 0 && random.Next(2) == 0 ? batched[random.Next(batched.Count)] : "b" + step.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
                            var state = random.Next(3) == 0 ? "failed" : "finished";
                            AppendBatch(store, BatchRecords.Fold(id, step, "batch01", state: state, at: BatchRecords.Start.AddSeconds(step + 1), group: group ?? "batched"));
                            if (!batched.Contains(id))
                            {
                                batched.Add(id);
                            }

                            log.Add($"a batch record of {id} ({state}) in {group ?? "batched"}");
                            break;
                        case 5 when finished.Count > 0:
                            var gone = finished[random.Next(finished.Count)];
                            finished.Remove(gone);
                            Directory.Delete(Path.Combine(store.Root, "runs", gone), recursive: true);
                            log.Add("a run folder removed by hand");
                            break;
                        case 6 when finished.Count > 0:
                            IndexJournal.Touch(new StoreLayout(store.Root), finished[random.Next(finished.Count)]);
                            log.Add("a run journaled without a change");
                            break;
                        case 7 when finished.Count > 0:
                            // Resumed: its states change, its group stays the one it was created in.
                            using (var resumed = store.Init(new RunOptions { Project = "proj", Id = finished[random.Next(finished.Count)], Resume = ResumeMode.Must, Group = group }))
                            {
                                resumed.Summary["loss"] = random.NextDouble();
                                resumed.Finish();
                            }

                            log.Add("a run resumed");
                            break;
                        case 8 when finished.Count > 0:
                            // Moved to another group by hand (its run.json edited), then journaled so listings look at it.
                            var moved = finished[random.Next(finished.Count)];
                            var metadata = Path.Combine(store.Root, "runs", moved, "run.json");
                            var target = "g" + random.Next(4);
                            File.WriteAllText(metadata, Regex.Replace(File.ReadAllText(metadata), "\"group\":\\s*(\"[^\"]*\"|null)", $"\"group\": \"{target}\""));
                            IndexJournal.Touch(new StoreLayout(store.Root), moved);
                            log.Add($"a run moved to {target} by hand");
                            break;
                        default:
                            log.Add("nothing");
                            break;
                    }
                }

                var what = $"seed {seed}, step {step}: " + string.Join("; ", log.Skip(Math.Max(0, log.Count - 2)));
                var listing = kept.ListIndexed();
                var grouped = kept.ListGrouped(listing);

                // A new object reading the group index file the kept one wrote, then one computing it from every run.
                var reader = new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance);
                var fromFile = reader.ListGrouped(reader.ListIndexed());
                var fresh = new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance);
                if (File.Exists(GroupIndexPath(store)))
                {
                    File.Delete(GroupIndexPath(store));
                }

                var freshListing = fresh.ListIndexed();
                var full = fresh.ListGrouped(freshListing);
                CollectionAssert.AreEqual(freshListing.Runs.Select(r => r.Id).ToList(), listing.Runs.Select(r => r.Id).ToList(), what + ": the listing");
                AssertSameGrouping(full, grouped, what);
                Assert.AreEqual(Describe(ByProjectAndGroup(full)), Describe(ByProjectAndGroup(fromFile)), what + ": the aggregates read from the file");
                Assert.AreEqual(Entries(full.Index), Entries(fromFile.Index), what + ": each run's group and fingerprint read from the file");
            }
        }
        finally
        {
            foreach (var run in live)
            {
                run.Finish();
            }
        }
    }

    [TestMethod]
    public void A_listing_of_one_project_assembles_that_project_s_runs_only_and_lists_what_a_full_listing_does()
    {
        using var store = new TempStore();
        for (var i = 0; i < 30; i++)
        {
            store.AddRun("history-" + (i % 3), "h" + i, Summary(i / 30.0), project: "history");
        }

        var churn = new[] { store.AddRun("cv", "a", Summary(0.5), project: "churn"), store.AddRun("cv", "b", Summary(0.6), project: "churn"), store.AddRun(null, "loose", Summary(0.7), project: "churn") };
        var filter = new RunFilter { Project = "churn" };
        store.Reader().ListRuns(filter).ToList();

        // A fresh store object, as the quality gate of the next build opens one: the group index says which runs are churn's.
        var next = (FolderRunStore)store.Reader();
        var listed = next.ListRuns(filter).ToList();

        var everyRun = new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance) { SummarisesGroups = false };
        CollectionAssert.AreEqual(everyRun.ListRuns(filter).Select(r => r.Id).ToList(), listed.Select(r => r.Id).ToList(), "the same runs in the same order");
        CollectionAssert.AreEquivalent(churn, listed.Select(r => r.Id).ToList(), "the run without a group too");
        Assert.AreEqual(3, next.RunsAssembledForGroups, "history's 30 runs are not read");
        CollectionAssert.AreEquivalent(new[] { "a", "b" }, next.ListRuns(new RunFilter { Project = "churn", Group = "cv" }).Select(r => r.Name).ToList(), "the filter's other criteria still apply");
    }

    [TestMethod]
    public void A_report_past_its_budget_reads_the_runs_that_changed_and_those_it_shows_not_the_store()
    {
        using var store = new TempStore();
        AddOldGroups(store);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Assert.HasCount(40, store.Runs(), "a listing that puts every run in the run index, as the builds before did");
        var first = (FolderRunStore)store.Reader();
        ReportWriter.WriteAll(first, Options("first", store), clock);
        Assert.AreEqual(40, first.RunsAssembledForGroups, "the first report past the budget aggregates every group once");

        store.AddRun("build", "a", Summary(0.5));
        store.AddRun("build", "b", Summary(0.6));
        store.Runs();
        var next = (FolderRunStore)store.Reader();
        var incremental = ReportWriter.WriteAll(next, Options("incremental", store), clock);

        // The two new runs (their group is new), then the groups shown in full within a budget of 6: "build" (the same two
        // runs) and the newest old group (4); the 36 runs of the other old groups are not read.
        Assert.AreEqual(6, next.RunsAssembledForGroups);
        File.Delete(GroupIndexPath(store));
        var recomputed = ReportWriter.WriteAll(store.Reader(), Options("recomputed", store), clock);
        var listing = ReportWriter.WriteAll(new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance) { SummarisesGroups = false }, Options("listing", store), clock);
        Assert.AreEqual(File.ReadAllText(recomputed.JsonPath!), File.ReadAllText(incremental.JsonPath!), "the reused aggregates are those computed from the runs");
        Assert.AreEqual(File.ReadAllText(listing.JsonPath!), File.ReadAllText(incremental.JsonPath!), "and those of a report that lists and groups every run");
        Assert.AreEqual(File.ReadAllText(listing.HtmlPath!), File.ReadAllText(incremental.HtmlPath!));
    }

    [TestMethod]
    public void A_report_prepared_while_runs_were_written_reads_only_those_runs_and_the_runs_it_shows_and_writes_what_an_unprepared_one_writes()
    {
        using var store = new TempStore();
        AddOldGroups(store);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        ReportWriter.WriteAll(store.Reader(), Options("first", store), clock);

        // As the test logger does: the store object reads ahead while the test run writes its results.
        var prepared = (FolderRunStore)store.Reader();
        var options = Options("prepared", store);
        prepared.Prepare(options.FocusGroups.ToList(), options.MaxDetailRuns);

        // The read-ahead assembled the groups a report would show now: the newest old group (4 runs; the next would pass
        // the budget of 6), of the 40 runs it listed and grouped.
        Assert.AreEqual(4, prepared.RunsAssembledForGroups, "runs assembled while reading ahead");
        store.AddRun("build", "a", Summary(0.5));
        store.AddRun("build", "b", Summary(0.6));
        var report = ReportWriter.WriteAll(prepared, options, clock);

        // The listing read the two new runs from their folders; the newest old group, shown in full beside them, was
        // assembled ahead: the report assembled no run of the groups it shows.
        Assert.AreEqual(4, prepared.RunsAssembledForGroups, "runs assembled for the report");
        var unprepared = ReportWriter.WriteAll(store.Reader(), Options("unprepared", store), clock);
        Assert.AreEqual(File.ReadAllText(unprepared.JsonPath!), File.ReadAllText(report.JsonPath!));
        Assert.AreEqual(File.ReadAllText(unprepared.HtmlPath!), File.ReadAllText(report.HtmlPath!));
    }

    [TestMethod]
    public void A_read_ahead_for_a_repeated_test_run_leaves_out_the_groups_its_runs_will_push_past_the_budget()
    {
        using var store = new TempStore();
        AddOldGroups(store);
        for (var i = 0; i < 4; i++)
        {
            store.AddRun("session-1", "t" + i, Summary(0.1), project: "lib");
        }

        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var options = new ReportOptions { OutputDirectory = Path.Combine(store.Root, "prepared"), MaxDetailRuns = 10, FocusGroups = { "session-2" }, Html = true };
        ReportWriter.WriteAll(store.Reader(), Options("first", store), clock);

        // Without knowing what the test run repeats, the read-ahead assembles the groups a report would show now: the last
        // session and the newest old group (8 runs; the next would pass the budget of 10).
        var unhinted = (FolderRunStore)store.Reader();
        unhinted.Prepare(options.FocusGroups.ToList(), options.MaxDetailRuns);
        Assert.AreEqual(8, unhinted.RunsAssembledForGroups);

        // Told that the new session repeats lib's last one (4 runs), it leaves room for them: only the last session.
        var prepared = (FolderRunStore)store.Reader();
        prepared.Prepare(options.FocusGroups.ToList(), options.MaxDetailRuns, repeatsProject: "lib");
        Assert.AreEqual(4, prepared.RunsAssembledForGroups, "runs assembled while reading ahead");
        for (var i = 0; i < 4; i++)
        {
            store.AddRun("session-2", "t" + i, Summary(0.2), project: "lib");
        }

        // The report shows the new session and the last one, and the newest old group no longer fits: every run of the
        // groups it shows was read ahead or read from the new runs' folders, and it writes what an unprepared report writes.
        var report = ReportWriter.WriteAll(prepared, options, clock);
        Assert.AreEqual(4, prepared.RunsAssembledForGroups, "runs assembled for the report");
        var unprepared = ReportWriter.WriteAll(store.Reader(), new ReportOptions { OutputDirectory = Path.Combine(store.Root, "unprepared"), MaxDetailRuns = 10, FocusGroups = { "session-2" }, Html = true }, clock);
        Assert.AreEqual(File.ReadAllText(unprepared.JsonPath!), File.ReadAllText(report.JsonPath!));
    }

    [TestMethod]
    public void A_held_group_index_is_written_once_when_the_last_hold_goes_and_is_that_of_the_newest_listing()
    {
        using var store = new TempStore();
        AddOldGroups(store);
        var reader = (FolderRunStore)store.Reader();
        var report = reader.HoldIndexWrites();
        var nested = reader.HoldIndexWrites();
        Assert.HasCount(10, reader.AggregateGroups());
        Assert.IsFalse(File.Exists(GroupIndexPath(store)), "a listing under a hold writes nothing");

        store.AddRun("build", "a", Summary(0.5));
        Assert.HasCount(11, reader.AggregateGroups(), "a listing under the hold, after a run was added");
        nested.Release();
        Assert.IsFalse(File.Exists(GroupIndexPath(store)), "another hold is still open");

        report.Release();
        var written = File.ReadAllText(GroupIndexPath(store));
        File.Delete(GroupIndexPath(store));
        report.Dispose();
        Assert.IsFalse(File.Exists(GroupIndexPath(store)), "a hold releases once");

        // What was written is the index of every run, the one added under the hold too.
        store.Reader().AggregateGroups();
        Assert.AreEqual(File.ReadAllText(GroupIndexPath(store)), written);
        var fresh = (FolderRunStore)store.Reader();
        Assert.HasCount(11, fresh.AggregateGroups());
        Assert.AreEqual(0, fresh.RunsAssembledForGroups, "the next store object reuses every aggregate");
    }

    [TestMethod]
    public void A_listing_fingerprints_only_the_lines_written_since_the_snapshot_the_group_index_covers()
    {
        using var store = StoreWithGroupIndex();
        StringAssert.Contains(File.ReadLines(GroupIndexPath(store)).First(), "\"snapshot\":{\"generation\":\"", "the header names the snapshot it covers");

        // The next build's store object: nothing changed, so no line is fingerprinted and no run read.
        var unchanged = Grouped(store);
        Assert.AreEqual(0, unchanged.LinesFingerprinted, "lines fingerprinted when nothing changed");
        Assert.AreEqual(0, unchanged.RunsAssembledForGroups);
        AssertAgrees(store, unchanged, "nothing changed");

        // Three runs added (two folders, a batch record): their lines are appended past what the group index covers.
        store.AddRun("build", "a", Summary(0.5));
        store.AddRun("old-3", "b", Summary(0.6));
        using (var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch01"))
        {
            writer.Append(BatchRecords.Fold("b0000001", 0, "batch01", group: "old-2"));
        }

        store.Runs();
        var appended = Grouped(store);
        Assert.AreEqual(3, appended.LinesFingerprinted, "only the appended lines are fingerprinted");
        AssertAgrees(store, appended, "runs appended");

        // Retention or a manual delete writes the snapshot whole: a new generation, so every line is fingerprinted once.
        var deleted = appended.ListRuns().First(r => r.Group == "old-0").Id;
        appended.DeleteRuns(new[] { deleted }, store.Output);
        var rewritten = Grouped(store);
        Assert.AreEqual(42, rewritten.LinesFingerprinted, "every line of a snapshot written whole since, once");
        AssertAgrees(store, rewritten, "the snapshot written whole");
        var after = Grouped(store);
        Assert.AreEqual(0, after.LinesFingerprinted, "and none once the group index covers it");
    }

    [TestMethod]
    public void Files_of_earlier_versions_without_the_snapshot_mark_or_the_generation_fingerprint_every_line_until_written_again()
    {
        using var store = StoreWithGroupIndex();

        // A group index without the mark (as versions before it wrote it) or naming another generation fingerprints every line.
        var lines = File.ReadAllLines(GroupIndexPath(store));
        foreach (var header in new[] { Regex.Replace(lines[0], ",\"snapshot\":\\{[^}]*\\}", string.Empty), Regex.Replace(lines[0], "\"generation\":\"[0-9a-f]+\"", "\"generation\":\"0123\"") })
        {
            Assert.AreNotEqual(lines[0], header);
            File.WriteAllLines(GroupIndexPath(store), new[] { header }.Concat(lines.Skip(1)));
            var unmarked = Grouped(store);
            Assert.AreEqual(40, unmarked.LinesFingerprinted, header);
            AssertAgrees(store, unmarked, "the group index header " + header);
        }

        // A snapshot without a generation (as versions before wrote it) has no line fingerprinted already; its next change
        // writes it whole, with one, and the group index then covers it.
        var snapshot = Path.Combine(store.Root, "index", "runs.v1.jsonl");
        var snapshotLines = File.ReadAllLines(snapshot);
        snapshotLines[0] = Regex.Replace(snapshotLines[0], ",\"generation\":\"[0-9a-f]+\"", string.Empty);
        File.WriteAllLines(snapshot, snapshotLines);
        var ungenerated = Grouped(store);
        Assert.AreEqual(40, ungenerated.LinesFingerprinted, "a snapshot without a generation");
        store.AddRun("build", "c", Summary(0.7));
        var generated = Grouped(store);
        StringAssert.Contains(File.ReadLines(snapshot).First(), "\"generation\":\"", "written whole at its next change");
        Assert.AreEqual(41, generated.LinesFingerprinted, "every line once, in the new generation");
        var covered = Grouped(store);
        Assert.AreEqual(0, covered.LinesFingerprinted, "then none");
        AssertAgrees(store, covered, "a snapshot given a generation");
    }

    [TestMethod]
    public void A_line_damaged_in_place_where_the_group_index_vouches_for_it_is_found_when_a_report_reads_its_run()
    {
        using var store = StoreWithGroupIndex();
        var groups = store.Runs().ToDictionary(r => r.Id, r => r.Group!);

        // Same length, same generation: the group index takes the line as the one it fingerprinted. The report that shows
        // its group in full reads it, rebuilds the run index from the run files, and says so.
        var damaged = DamageInPlace(store);
        var model = ReportModel.Build(store.Reader(), new ReportOptions { MaxDetailRuns = 6, FocusGroups = { groups[damaged] } }, DateTimeOffset.UtcNow);
        StringAssert.Contains(model.IndexRebuildReason, $"the line of run {damaged} is torn or invalid");
        Assert.AreEqual(40, model.RunCount);
        CollectionAssert.Contains(model.Detail.Runs.Select(r => r.Id).ToList(), damaged);
        CollectionAssert.AreEquivalent(groups.Keys.ToList(), store.Runs().Select(r => r.Id).ToList(), "no run is lost");
    }

    [TestMethod]
    public void A_group_index_written_last_from_an_older_listing_leaves_later_runs_to_be_fingerprinted()
    {
        using var store = StoreWithGroupIndex();

        // A report holds its group index (covering the snapshot up to its own append) while another process appends a
        // run to an old group and writes its index, then writes its older one last, as two refreshes at once can.
        var report = (FolderRunStore)store.Reader();
        var hold = report.HoldIndexWrites();
        store.AddRun("build", "x", Summary(0.1));
        report.AggregateGroups();
        store.AddRun("old-1", "y", Summary(0.2));
        var other = Grouped(store);
        Assert.AreEqual(2, other.LinesFingerprinted, "the other process fingerprints the runs appended past the index file it read: the report's and its own");
        hold.Release();

        // The file now covers the snapshot only up to the report's append: the run appended after it is fingerprinted and
        // read, and its group aggregated again, whatever the file says of it.
        var next = Grouped(store);
        Assert.AreEqual(1, next.LinesFingerprinted, "the run appended after what the file covers");
        AssertAgrees(store, next, "an older listing's group index written last");

        // Retention or a manual delete in between writes the snapshot whole: the older index then covers nothing.
        var held = (FolderRunStore)store.Reader();
        var second = held.HoldIndexWrites();
        store.AddRun("build", "z", Summary(0.3));
        held.AggregateGroups();
        var deleter = store.Reader();
        deleter.DeleteRuns(new[] { deleter.ListRuns().First(r => r.Group == "old-0").Id }, store.Output);
        deleter.AggregateGroups();
        second.Release();
        var after = Grouped(store);
        Assert.AreEqual(42, after.LinesFingerprinted, "every line of the snapshot written whole after the index the file holds");
        AssertAgrees(store, after, "an older generation's group index written last");
    }

    [TestMethod]
    public void A_run_line_whose_documents_do_not_read_rebuilds_the_run_index_and_says_why()
    {
        using var store = new TempStore();
        var (ids, before) = ThreeIndexedRuns(store);

        // A listing of every run, then a report past its budget, which reads the damaged run because its line's fingerprint changed.
        var damaged = Damage(store);
        var reader = store.Reader();
        CollectionAssert.AreEqual(before, FullScan.Listing(reader));
        StringAssert.Contains(reader.IndexRebuildReason, $"the line of run {damaged} is torn or invalid");

        damaged = Damage(store);
        var model = ReportModel.Build(store.Reader(), new ReportOptions { MaxDetailRuns = 1 }, DateTimeOffset.UtcNow);
        StringAssert.Contains(model.IndexRebuildReason, $"the line of run {damaged} is torn or invalid");
        Assert.AreEqual(ids.Count, model.RunCount);
        CollectionAssert.AreEqual(before, FullScan.Listing(store.Reader()));
    }

    [TestMethod]
    public void A_damaged_line_met_while_reading_ahead_is_reported_by_the_report_as_a_rebuild_and_no_run_is_lost()
    {
        using var store = new TempStore();
        var (ids, before) = ThreeIndexedRuns(store);

        // The damaged run's group is the one the report shows, so the read-ahead reads its lines; it does not throw.
        var damaged = Damage(store);
        var prepared = (FolderRunStore)store.Reader();
        prepared.Prepare(new[] { "g" }, maxDetailRuns: 1);
        var model = ReportModel.Build(prepared, new ReportOptions { MaxDetailRuns = 1, FocusGroups = { "g" } }, DateTimeOffset.UtcNow);

        StringAssert.Contains(model.IndexRebuildReason, $"the line of run {damaged} is torn or invalid");
        Assert.AreEqual(ids.Count, model.RunCount);
        CollectionAssert.AreEquivalent(ids, model.Detail.Runs.Select(r => r.Id).ToList(), "the focus group in full, read from the run files");
        CollectionAssert.AreEqual(before, FullScan.Listing(store.Reader()));
    }

    [TestMethod]
    public void A_store_object_whose_group_index_covers_every_listed_run_reads_no_run_entry_and_groups_as_a_full_read()
    {
        using var store = StoreWithGroupIndex();
        AppendBatch(store, BatchRecords.Fold("b0000001", 0, "batch01", group: "old-2"), BatchRecords.Fold("b0000002", 1, "batch01", group: "batched"));
        store.Reader().AggregateGroups();

        // The next test run's read-ahead: nobody wrote since the last report, so the file's groups are taken as they are.
        var kept = (FolderRunStore)store.Reader();
        var grouped = kept.ListGrouped(kept.ListIndexed());
        Assert.IsFalse(grouped.Index.Entries.IsRead, "no run's entry is read when the file covers every listed run");
        Assert.AreEqual(0, grouped.Fingerprinted);
        AssertSameAsComputed(store, kept, grouped, "nothing changed");

        // The test run's results, listed by a store object that read ahead before them: runs not listed before, so the
        // entries stay in the file; the file written is the one computed from every run.
        var prepared = (FolderRunStore)store.Reader();
        Assert.IsFalse(prepared.ListGrouped(prepared.ListIndexed()).Index.Entries.IsRead);
        AppendBatch(store, BatchRecords.Fold("t0000001", 2, "batch01", group: "session"), BatchRecords.Fold("t0000002", 3, "batch01", group: "session"), BatchRecords.Fold("a0000003", 4, "batch01", group: "old-2"));
        var results = prepared.ListGrouped(prepared.ListIndexed());
        Assert.AreEqual(3, results.CheckedRuns, "only the new runs are checked");
        Assert.IsFalse(results.Index.Entries.IsRead, "new runs need no entry of the file");

        // The same runs grouped again from that index, as by a listing that read the snapshot anew: the runs added since
        // the file was read are in none of its lines, so the index is not taken as the file.
        var anew = (FolderRunStore)store.Reader();
        var regrouped = GroupIndexUpdate.Apply(anew.ListIndexed(), results.Index, anew.Assemble, out _);
        AssertSameAsComputed(store, prepared, results, "a test run's results were added");
        AssertSameAsComputed(store, prepared, regrouped, "the index with the results, grouped again from a listing it covers");

        // A run listed before changed (a rerun's record of a batched run): its entry is read from the file.
        var rereading = (FolderRunStore)store.Reader();
        Assert.IsFalse(rereading.ListGrouped(rereading.ListIndexed()).Index.Entries.IsRead);
        AppendBatch(store, BatchRecords.Fold("b0000001", 0, "batch01", state: "failed", at: BatchRecords.Start.AddMinutes(5), group: "session"));
        var rerun = rereading.ListGrouped(rereading.ListIndexed());
        Assert.AreEqual(1, rerun.CheckedRuns);
        Assert.IsTrue(rerun.Index.Entries.IsRead, "a changed run's entry is looked up");
        AssertSameAsComputed(store, rereading, rerun, "a run listed before moved to another group");
    }

    [TestMethod]
    public void A_group_index_file_counting_a_run_in_two_groups_is_computed_again()
    {
        using var store = StoreWithGroupIndex();

        // Edited by hand: a run of old-0 replaced in old-1's members by a run of old-0, counts unchanged.
        var lines = File.ReadAllLines(GroupIndexPath(store));
        var oldZero = lines.Single(l => l.Contains("\"group\":\"old-0\"", StringComparison.Ordinal));
        var oldOne = Array.FindIndex(lines, l => l.Contains("\"group\":\"old-1\"", StringComparison.Ordinal));
        var taken = Regex.Match(oldZero, "\"members\":\\{\"([^\"]+)\"").Groups[1].Value;
        lines[oldOne] = Regex.Replace(lines[oldOne], "(\"members\":\\{\")[^\"]+\"", "${1}" + taken + "\"");
        File.WriteAllLines(GroupIndexPath(store), lines);

        var kept = (FolderRunStore)store.Reader();
        var grouped = kept.ListGrouped(kept.ListIndexed());
        Assert.IsTrue(grouped.Index.Entries.IsRead, "computed from the runs, not taken from the file");
        Assert.AreEqual(40, grouped.Fingerprinted, "every line fingerprinted again");
        AssertSameAsComputed(store, kept, grouped, "a run counted twice");
    }

    /// <summary>
    /// A grouping equals the one a store object without the group index file computes from every run (aggregates, member
    /// lists, entries), and the file it left is the one computed from every run, byte for byte.
    /// </summary>
    private static void AssertSameAsComputed(TempStore store, FolderRunStore kept, GroupedListing grouped, string what)
    {
        var written = File.ReadAllText(GroupIndexPath(store));
        File.Delete(GroupIndexPath(store));
        var fresh = (FolderRunStore)store.Reader();
        var freshListing = fresh.ListIndexed();
        var full = fresh.ListGrouped(freshListing);
        Assert.AreEqual(File.ReadAllText(GroupIndexPath(store)), written, what + ": the group index file");
        AssertSameGrouping(full, grouped, what);
        AssertAgrees(store, kept, what);
    }

    /// <summary>Three runs of group "g", listed through the run index and counted by a group index; their ids and the listing of every run.</summary>
    private static (List<string> Ids, List<string> Listing) ThreeIndexedRuns(TempStore store)
    {
        var ids = Enumerable.Range(0, 3).Select(i => store.AddRun("g", "run" + i)).ToList();
        var listing = FullScan.Listing(store.Reader());
        Assert.IsNotNull(store.Reader().AggregateGroups().Single(), "a group index that knows every line as it was");
        return (ids, listing);
    }

    /// <summary>The store as earlier builds left it: 10 groups of 4 runs.</summary>
    private static void AddOldGroups(TempStore store)
    {
        for (var g = 0; g < 10; g++)
        {
            for (var i = 0; i < 4; i++)
            {
                store.AddRun("old-" + g, $"run{g}{i}", Summary(0.01 * ((g * 4) + i)));
            }
        }
    }

    /// <summary>Damages the second run's line of the snapshot: still JSON, and still a run by its head, but its run.json has a date that is no date.</summary>
    private static string Damage(TempStore store)
    {
        var path = Path.Combine(store.Root, "index", "runs.v1.jsonl");
        var lines = File.ReadAllLines(path);
        var at = lines[2].IndexOf("\"created_at\":\"", StringComparison.Ordinal) + "\"created_at\":\"".Length;
        lines[2] = lines[2].Substring(0, at) + "not a date" + lines[2].Substring(lines[2].IndexOf('"', at));
        File.WriteAllLines(path, lines);
        return lines[2].Substring("{\"id\":\"".Length, 8);
    }

    /// <summary>The 40 runs of ten old groups, listed into the run index, and the group index computed and written from them.</summary>
    private static TempStore StoreWithGroupIndex()
    {
        var store = new TempStore();
        AddOldGroups(store);
        store.Runs();
        store.Reader().AggregateGroups();
        return store;
    }

    /// <summary>A new store object, as the next build's or test run's, with its group index brought up to date.</summary>
    private static FolderRunStore Grouped(TempStore store)
    {
        var grouped = (FolderRunStore)store.Reader();
        grouped.AggregateGroups();
        return grouped;
    }

    /// <summary>Damages the second run's line of the snapshot without changing its length: its run.json's date is no date.</summary>
    private static string DamageInPlace(TempStore store)
    {
        var path = Path.Combine(store.Root, "index", "runs.v1.jsonl");
        var bytes = File.ReadAllBytes(path);
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        var at = lines[0].Length + 1 + lines[1].Length + 1;
        var date = lines[2].IndexOf("\"created_at\":\"", StringComparison.Ordinal) + "\"created_at\":\"".Length;
        "zzzz"u8.CopyTo(bytes.AsSpan(at + date));
        File.WriteAllBytes(path, bytes);
        return lines[2].Substring("{\"id\":\"".Length, 8);
    }

    private static ReportOptions Options(string name, TempStore store) =>
        new() { OutputDirectory = Path.Combine(store.Root, name), MaxDetailRuns = 6, FocusGroups = { "build" }, Html = true };

    private static void AssertAgrees(TempStore store, RunStore kept, string when)
    {
        var expected = Describe(GroupAggregator.Of(new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance).ListRuns().ToList()));
        Assert.AreEqual(expected, Describe(kept.AggregateGroups()), "a kept store object: " + when);
        Assert.AreEqual(expected, Describe(store.Reader().AggregateGroups()), "a new store object, reading the group index file: " + when);
        foreach (var project in new[] { "proj", "other", "churn" })
        {
            var filter = new RunFilter { Project = project };
            Assert.AreEqual(Describe(GroupAggregator.Of(kept.ListRuns(filter).ToList())), Describe(kept.AggregateGroups(filter)), $"project {project}: {when}");
        }

        // The file as written, copying the lines of the groups that did not change, is the file computed from every run.
        var written = File.ReadAllText(GroupIndexPath(store));
        File.Delete(GroupIndexPath(store));
        store.Reader().AggregateGroups();
        Assert.AreEqual(File.ReadAllText(GroupIndexPath(store)), written, "the group index file: " + when);
    }

    /// <summary>A live run's writer that rewrites its state only when something changed, and no heartbeat within a test.</summary>
    private static RecorderLimits QuietWriter { get; } = new() { HeartbeatInterval = TimeSpan.FromHours(1) };

    /// <summary>A grouping brought up to date from changes is the one computed from every run: aggregates, members and entries.</summary>
    private static void AssertSameGrouping(GroupedListing full, GroupedListing grouped, string what)
    {
        Assert.AreEqual(Describe(ByProjectAndGroup(full)), Describe(ByProjectAndGroup(grouped)), what + ": the aggregates");
        Assert.AreEqual(Members(full), Members(grouped), what + ": each group's runs");
        Assert.AreEqual(Entries(full.Index), Entries(grouped.Index), what + ": each run's group and fingerprint");
    }

    private static List<GroupAggregate> ByProjectAndGroup(GroupedListing grouped) =>
        grouped.Aggregates.OrderBy(a => a.Project, StringComparer.Ordinal).ThenBy(a => a.Group, StringComparer.Ordinal).ToList();

    private static string Describe(IReadOnlyList<GroupAggregate> aggregates) => JsonConvert.SerializeObject(aggregates, Formatting.Indented);

    private static string Members(GroupedListing grouped) =>
        string.Join("\n", grouped.Members.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => $"{p.Key}: {string.Join(",", p.Value.Select(r => r.Id))}"));

    private static string Entries(GroupIndex index) =>
        string.Join("\n", index.Runs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Key} {p.Value.Hash}"));

    private static void AppendBatch(TempStore store, params RunBatchRecord[] records)
    {
        using var writer = new FolderRunBatchWriter(PhysicalStoreFileSystem.Instance, new StoreLayout(store.Root), "batch01");
        foreach (var record in records)
        {
            writer.Append(record);
        }
    }

    private static string GroupIndexPath(TempStore store) => Path.Combine(store.Root, "index", "groups.v2.jsonl");

    private static Dictionary<string, object?> Summary(double loss) => new() { ["loss"] = loss, ["nested"] = new Dictionary<string, object?> { ["acc"] = 1 - loss } };
}
