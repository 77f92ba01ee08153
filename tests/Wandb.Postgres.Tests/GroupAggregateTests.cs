using System.Globalization;
using Wandb.Environment;
using Wandb.Grouping;
using Wandb.Grouping.Aggregates;
using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Postgres.Tests;

/// <summary>
/// The same runs, written through the SDK to a folder store and to the database, give the same group aggregates:
/// the database's computed in SQL where it can decide the runs alone, the folder's from its listing, which is what
/// reports group (<see cref="RunGroup.Summary"/>). Equal means equal to the last bit: SQL hands each metric's
/// values over in run order and the statistics are computed by the same code.
/// </summary>
[TestClass]
public sealed class GroupAggregateTests
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
    private static string _connection = string.Empty;
    private static TempFolder? _temp;
    private static FolderRunStore? _folder;
    private static PostgresRunStore? _database;
    private static readonly List<Run> LiveRuns = new();

    [ClassInitialize]
    public static void WriteTheSameRunsToBothStores(TestContext context)
    {
        _connection = PostgresServer.CreateSchema("aggregates");
        _temp = new TempFolder("aggregates");
        var output = new RecordingOutput();
        WriteRuns(null, _temp.Sub("folder"), output);
        WriteRuns(_connection, _temp.Sub("spill"), output);
        _folder = TestRuns.OpenFolder(_temp.Sub("folder"), output);
        _database = TestRuns.OpenPostgres(_connection, _temp.Sub("spill"), output);
    }

    [ClassCleanup]
    public static void DropSchema()
    {
        foreach (var run in LiveRuns)
        {
            run.Dispose();
        }

        PostgresServer.DropSchema(_connection);
        _temp?.Dispose();
    }

    [TestMethod]
    public void The_database_computes_the_same_group_aggregates_as_the_folder_store_from_the_same_runs()
    {
        var fromFolder = _folder!.AggregateGroups();
        var fromDatabase = _database!.AggregateGroups();

        CollectionAssert.AreEqual(Describe(fromFolder), Describe(fromDatabase));
        var cv1 = fromDatabase.Single(g => g.Group == "cv-1");
        Assert.AreEqual("4 finished, 1 failed", States(cv1));
        Assert.AreEqual(5, cv1.Metrics["loss"].N);
        Assert.AreEqual(1, cv1.Metrics["accuracy"].NonFinite, "a NaN logged last");
        Assert.AreEqual(3, cv1.Metrics["accuracy"].N, "one fold never logged accuracy");
        Assert.AreEqual(1, cv1.Metrics["best"].NonNumeric, "a string where the others have numbers");
        Assert.IsFalse(cv1.Metrics.ContainsKey("note"), "a metric only ever text has no statistics");
        CollectionAssert.AreEqual(new[] { "eval", "fold" }, cv1.JobTypes.ToList());
        Assert.AreEqual(Start.AddMinutes(4), cv1.NewestCreatedAt, "the newest run's time to the tick, not the column's microsecond");
        Assert.AreEqual("1 finished, 1 killed", States(fromDatabase.Single(g => g.Group == "cv-2")));
        Assert.AreEqual("1 running, 1 finished", States(fromDatabase.Single(g => g.Group == "live")));
        Assert.AreEqual("1 finished, 1 crashed", States(fromDatabase.Single(g => g.Group == "crashy")));
        Assert.AreEqual(0.25, fromDatabase.Single(g => g.Group == "crashy").Metrics["loss"].Min, "the crashed writer's rows past its state count");
        Assert.AreEqual(2, fromDatabase.Single(g => g.Group == "resumed").Metrics["loss"].N);
        CollectionAssert.AreEqual(new[] { "eval.auc", "loss", "size.mb" }, fromDatabase.Single(g => g.Group == "nested").Metrics.Keys.ToList());
        Assert.AreEqual(2, fromDatabase.Count(g => g.Group is null), "runs without a group, one row per project");
    }

    [TestMethod]
    public void Sql_decides_the_groups_of_ended_single_writer_flat_runs_and_leaves_the_others_to_the_reader()
    {
        using var connection = _database!.OpenConnection();
        var decided = PostgresGroupAggregates.Query(connection, new RunFilter())
            .ToDictionary(g => g.Project + "/" + (g.Group ?? "(none)"), g => !g.NeedsRuns);

        Assert.IsTrue(decided["vision/cv-1"] && decided["vision/cv-2"] && decided["nlp/(none)"] && decided["vision/(none)"], "finished, failed and killed runs of one writer");
        Assert.IsFalse(decided["vision/live"], "a running writer: its liveness needs this host");
        Assert.IsFalse(decided["vision/crashy"], "a stale writer: its history past the state counts");
        Assert.IsFalse(decided["vision/resumed"], "two writers");
        Assert.IsFalse(decided["vision/nested"], "a nested summary value");
    }

    [TestMethod]
    public void Sql_gives_the_same_statistics_when_PostgreSQL_groups_the_values_by_sorting_instead_of_hashing()
    {
        using var hashing = _database!.OpenConnection();
        using var sorting = _database.OpenConnection();
        using (var command = new Npgsql.NpgsqlCommand("SET enable_hashagg = off", sorting))
        {
            command.ExecuteNonQuery();
        }

        try
        {
            var expected = PostgresGroupAggregates.Query(hashing, new RunFilter()).Where(g => !g.NeedsRuns).OrderBy(g => g.Project + "/" + g.Group, StringComparer.Ordinal).ToList();
            var actual = PostgresGroupAggregates.Query(sorting, new RunFilter()).Where(g => !g.NeedsRuns).OrderBy(g => g.Project + "/" + g.Group, StringComparer.Ordinal).ToList();

            Assert.AreEqual(expected.Count, actual.Count);
            Assert.IsTrue(expected.Sum(g => g.Metrics.Count) >= 8, "groups with metrics to compare");
            foreach (var (e, a) in expected.Zip(actual))
            {
                CollectionAssert.AreEqual(e.Metrics.Select(m => m.Key + " " + Describe(m.Value)).ToList(), a.Metrics.Select(m => m.Key + " " + Describe(m.Value)).ToList(), e.Group);
            }
        }
        finally
        {
            using var reset = new Npgsql.NpgsqlCommand("RESET enable_hashagg", sorting);
            reset.ExecuteNonQuery();
        }
    }

    [TestMethod]
    public void Filtered_aggregates_are_the_same_from_both_stores()
    {
        var filters = new[]
        {
            new RunFilter { Project = "vision" },
            new RunFilter { Group = "cv-1" },
            new RunFilter { JobType = "eval" },
            new RunFilter { State = RunState.Failed },
            new RunFilter { State = RunState.Running },
            new RunFilter { State = RunState.Crashed, Project = "vision" },
            new RunFilter { Project = "nobody" },
        };

        foreach (var filter in filters)
        {
            var expected = Describe(_folder!.AggregateGroups(filter));
            CollectionAssert.AreEqual(expected, Describe(_database!.AggregateGroups(filter)), $"{filter.Project}/{filter.Group}/{filter.JobType}/{filter.State}");
        }

        Assert.AreEqual("1 failed", States(_database!.AggregateGroups(new RunFilter { State = RunState.Failed }).Single()));
        Assert.AreEqual("live", _database.AggregateGroups(new RunFilter { State = RunState.Running }).Single().Group);
        Assert.AreEqual(0, _database.AggregateGroups(new RunFilter { Project = "nobody" }).Count);
    }

    [TestMethod]
    public void The_folder_stores_aggregates_are_the_statistics_reports_compute_for_each_group()
    {
        var runs = _folder!.ListRuns().ToList();
        var grouping = RunGrouper.Group(runs, new[] { GroupingKey.Parse("project"), GroupingKey.Parse("group") });
        var aggregates = _folder.AggregateGroups();

        Assert.AreEqual(grouping.Groups.Count, aggregates.Count);
        foreach (var (group, aggregate) in grouping.Groups.Zip(aggregates))
        {
            Assert.AreEqual(group.Runs.Count, aggregate.Runs);
            Assert.AreEqual(group.Runs.Max(r => r.CreatedAt), aggregate.NewestCreatedAt);
            CollectionAssert.AreEqual(group.Summary.Keys.ToList(), aggregate.Metrics.Keys.ToList());
            foreach (var pair in group.Summary)
            {
                Assert.AreEqual(Describe(pair.Value), Describe(aggregate.Metrics[pair.Key]), pair.Key);
            }
        }
    }

    /// <summary>
    /// A database as a version 1 SDK left it: its tables made by migration 1 alone, holding the rows the SDK writes
    /// (copied from this class's database: writing runs never touched what version 2 adds), and one writer state that
    /// is not JSON. Opened by this SDK, it is migrated in place: the columns version 2 adds are filled from the states
    /// (SQL decides the same groups as in a database created at version 2), the state that is not JSON does not stop
    /// the migration and is left to the reader, and listing and aggregates are what they were.
    /// </summary>
    [TestMethod]
    public void A_version_1_database_is_migrated_in_place_and_lists_and_aggregates_as_before()
    {
        var v1 = PostgresServer.CreateSchema("aggregates_v1");
        try
        {
            var from = new Npgsql.NpgsqlConnectionStringBuilder(_connection).SearchPath;
            using (var connection = new Npgsql.NpgsqlConnection(v1))
            {
                connection.Open();
                PostgresSchema.Migrate(connection, 1, "version 1 database");
            }

            PostgresServer.Execute($"INSERT INTO wandb_runs SELECT * FROM {from}.wandb_runs", v1);
            PostgresServer.Execute($"INSERT INTO wandb_writers SELECT run_id, writer, updated_at, state FROM {from}.wandb_writers", v1);
            PostgresServer.Execute($"INSERT INTO wandb_history SELECT * FROM {from}.wandb_history", v1);
            PostgresServer.Execute(
                "INSERT INTO wandb_runs SELECT 'torn-run', project, 'torn', job_type, created_at, replace(replace(metadata, '\"cv2-b\"', '\"torn-run\"'), '\"cv-2\"', '\"torn\"') FROM wandb_runs WHERE id = 'cv2-b'; " +
                "INSERT INTO wandb_writers (run_id, writer, updated_at, state) VALUES ('torn-run', 'torn-writer', now(), '{\"state\": \"finished\", \"summary\": ')",
                v1);
            Assert.AreEqual(1, PostgresServer.Scalar(v1, "SELECT max(version) FROM wandb_schema_version"));

            var output = new RecordingOutput();
            var migrated = TestRuns.OpenPostgres(v1, _temp!.Sub("spill-v1"), output);
            var aggregates = migrated.AggregateGroups();

            Assert.AreEqual(PostgresSchema.CurrentVersion, PostgresServer.Scalar(v1, "SELECT max(version) FROM wandb_schema_version"));
            CollectionAssert.AreEqual(Describe(_folder!.AggregateGroups()), Describe(aggregates.Where(g => g.Group != "torn").ToList()));
            CollectionAssert.AreEqual(Describe(GroupAggregator.Of(migrated.ListRuns(new RunFilter { Group = "torn" }).ToList())), Describe(aggregates.Where(g => g.Group == "torn").ToList()));
            // The run still running here goes on writing its heartbeat to the original only.
            Assert.AreEqual(Listing(_database!.ListRuns().Where(r => r.Id != "live-running")), Listing(migrated.ListRuns().Where(r => r.Id is not "torn-run" and not "live-running")));
            Assert.AreEqual(RunState.Running, migrated.GetRun("live-running")!.State);
            StringAssert.Contains(string.Join("\n", output.Lines), "Skipped a writer state of run 'torn-run'");

            using var v1Connection = migrated.OpenConnection();
            using var v2Connection = _database.OpenConnection();
            var decidedAfterMigration = PostgresGroupAggregates.Query(v1Connection, new RunFilter()).ToDictionary(g => g.Project + "/" + g.Group, g => !g.NeedsRuns);
            var decidedAtVersion2 = PostgresGroupAggregates.Query(v2Connection, new RunFilter()).ToDictionary(g => g.Project + "/" + g.Group, g => !g.NeedsRuns);
            Assert.IsFalse(decidedAfterMigration["vision/torn"], "a state that is not JSON is the reader's");
            decidedAfterMigration.Remove("vision/torn");
            CollectionAssert.AreEquivalent(decidedAtVersion2.ToList(), decidedAfterMigration.ToList());
            Assert.IsTrue(decidedAfterMigration["vision/cv-1"], "the migration filled the columns SQL decides with");
        }
        finally
        {
            PostgresServer.DropSchema(v1);
        }
    }

    /// <summary>
    /// Two projects; groups of finished, failed and killed runs with missing, NaN and text summary values; a run still
    /// running in this process; a crashed writer with rows past its last state; a run written by two writers; nested
    /// summary values. Each run's clock is fixed, so both stores hold the same times.
    /// </summary>
    private static void WriteRuns(string? connection, string folder, RecordingOutput output)
    {
        var minute = 0;
        Run Open(string id, string project, string? group, string? jobType, ResumeMode? resume = null) =>
            TestRuns.Init(
                new RunOptions { Id = id, Project = project, Group = group, JobType = jobType, Resume = resume },
                connection,
                folder,
                output,
                clock: new FixedClock(Start.AddMinutes(minute++)));

        for (var fold = 0; fold < 5; fold++)
        {
            using var run = Open($"cv1-fold-{fold}", "vision", "cv-1", fold == 4 ? "eval" : "fold");
            run.Log(new Dictionary<string, double> { ["loss"] = 0.9 - (fold * 0.13) });
            if (fold != 2)
            {
                run.Log(new Dictionary<string, double> { ["loss"] = 0.5 - (fold * 0.07), ["accuracy"] = fold == 3 ? double.NaN : 0.7 + (fold / 30.0) });
            }

            run.Summary["best"] = fold == 1 ? "n/a" : 0.8 + (fold / 100.0);
            run.Summary["note"] = "fold " + fold.ToString(CultureInfo.InvariantCulture);
            run.Finish(fold == 3 ? 1 : 0);
        }

        using (var run = Open("cv2-a", "vision", "cv-2", "fold"))
        {
            run.Log(new Dictionary<string, double> { ["loss"] = 1e-300, ["accuracy"] = double.PositiveInfinity });
            run.Summary["flag"] = true;
        }

        using (var run = Open("cv2-b", "vision", "cv-2", "fold"))
        {
            run.Log(new Dictionary<string, double> { ["loss"] = 3e-300 });
            run.Summary["flag"] = null;
            run.Finish(RunState.Killed, 130);
        }

        for (var i = 0; i < 3; i++)
        {
            using var run = Open($"nlp-{i}", "nlp", null, i switch { 0 => "train", 1 => "eval", _ => null });
            run.Log(new Dictionary<string, double> { ["perplexity"] = 20.5 + i, ["tokens"] = 1e12 + i });
        }

        using (var run = Open("vision-loose", "vision", null, "fold"))
        {
            run.Log("loss", 0.31);
        }

        using (var done = Open("live-done", "vision", "live", "fold"))
        {
            done.Log("loss", 0.2);
        }

        var live = Open("live-running", "vision", "live", "fold");
        live.Log("loss", 0.4);
        LiveRuns.Add(live);

        using (var first = Open("resumed-run", "vision", "resumed", "fold"))
        {
            first.Log("loss", 0.6);
        }

        using (var second = Open("resumed-run", "vision", "resumed", "fold", ResumeMode.Allow))
        {
            second.Log("loss", 0.45);
        }

        using (var other = Open("resumed-other", "vision", "resumed", "fold"))
        {
            other.Log("loss", 0.5);
        }

        using (var run = Open("nested-run", "vision", "nested", "eval"))
        {
            run.Log("loss", 0.3);
            run.Summary["eval"] = new Dictionary<string, object?> { ["auc"] = 0.91, ["f1"] = "n/a" };
            run.Summary["size"] = new Dictionary<string, object?> { ["mb"] = 12L };
        }

        using (var run = Open("crashy-done", "vision", "crashy", "fold"))
        {
            run.Log("loss", 0.35);
        }

        WriteCrashedRun(connection is null ? TestRuns.OpenFolder(folder, output) : TestRuns.OpenPostgres(connection, folder, output), Start.AddMinutes(minute++));
    }

    /// <summary>What a killed process leaves: a running state of a process that no longer exists, and a row its last state did not count.</summary>
    private static void WriteCrashedRun(RunStore store, DateTimeOffset at)
    {
        var metadata = new RunMetadataFile { Id = "crashy-killed", Name = "crashy-killed", Project = "vision", Group = "crashy", JobType = "fold", CreatedAt = at };
        store.OpenRun(metadata, ResumeMode.Allow);
        using var writer = store.CreateWriter(metadata.Id, "killed-writer");
        writer.AppendRows(new[] { Row(0, 0.9), Row(1, 0.5), Row(2, 0.25) });
        writer.WriteState(
            new WriterStateFile
            {
                Writer = "killed-writer",
                Host = SystemInfoCollector.SafeHostName(),
                Pid = System.Environment.ProcessId,
                ProcessStartedAt = at.AddDays(-3),
                StartedAt = at,
                UpdatedAt = at,
                State = "running",
                Rows = 2,
                LastStep = 1,
                Last = new Dictionary<string, double> { ["loss"] = 0.5 },
            },
            durable: true);
        writer.FlushDurable();
    }

    private static PendingRow Row(long step, double loss) => new(step, step, 1_764_000_000 + step, new[] { "loss" }, new[] { loss });

    private static string Listing(IEnumerable<StoredRun> runs) => Newtonsoft.Json.JsonConvert.SerializeObject(runs.ToList());

    private static string States(GroupAggregate group) => string.Join(", ", group.States.Select(s => $"{s.Value} {s.Key.ToName()}"));

    private static List<string> Describe(IReadOnlyList<GroupAggregate> groups) => groups.Select(g =>
        string.Join(
            " | ",
            g.Project,
            g.Group ?? "(none)",
            g.Runs.ToString(CultureInfo.InvariantCulture),
            States(g),
            g.NewestCreatedAt.ToString("O", CultureInfo.InvariantCulture),
            string.Join(",", g.JobTypes) + (g.AnyWithoutJobType ? ",(none)" : string.Empty),
            string.Join("; ", g.Metrics.Select(m => m.Key + " " + Describe(m.Value))))).ToList();

    private static string Describe(Wandb.Grouping.Statistics.MetricStatistics s) => string.Create(
        CultureInfo.InvariantCulture,
        $"n={s.N} mean={s.Mean:R} median={s.Median:R} min={s.Min:R} max={s.Max:R} std={s.Std:R} nonfinite={s.NonFinite} nonnumeric={s.NonNumeric}");
}
