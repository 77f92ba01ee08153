using Wandb.Interop.Import;
using Wandb.Interop.Protocol;

namespace Wandb.Sdk.Tests.Interop;

[TestClass]
public sealed class ImportTests
{
    [TestMethod]
    public void A_run_the_Python_client_wrote_offline_imports_with_its_identity_config_history_summary_and_state()
    {
        using var store = new TempStore();
        var wandb = Path.Combine(store.Root, "python", "wandb");
        PythonClientLog.Complete("py1run").WriteTo(wandb);

        var result = WandbImporter.Import(new[] { wandb }, store.Reader(), store.Output);

        Assert.AreEqual((1, 1, 3L), (result.Files, result.RunsAdded, result.RowsAdded));
        var run = store.Reader().GetRun("py1run")!;
        Assert.AreEqual(("python-py1run", "vision", "cv-python", "train", "written by the Python client"), (run.Name, run.Project, run.Group, run.JobType, run.Notes));
        CollectionAssert.AreEqual(new[] { "python", "resnet" }, run.Tags.ToList());
        Assert.AreEqual((RunState.Finished, (int?)0), (run.State, run.ExitCode));
        Assert.AreEqual(PythonClientLog.Started, run.CreatedAt);
        Assert.AreEqual("gpu-7", run.System.Host);
        Assert.AreEqual(
            "{\"batch_size\":64,\"layers\":[64,32],\"lr\":0.001,\"model\":{\"depth\":50,\"width\":128}}",
            InteropRuns.Canonical(run.Config),
            "config: the client's own _wandb key left out, the nested update and removal applied");
        Assert.AreEqual("{\"acc\":0.2,\"loss\":0.3333333333333333}", InteropRuns.Canonical(run.Summary), "summary: last values, without _wandb and _runtime");
        var rows = store.Reader().ReadHistory("py1run").ToList();
        CollectionAssert.AreEqual(new long[] { 0, 1, 2 }, rows.Select(r => r.Step).ToList());
        CollectionAssert.AreEqual(new[] { 1.0, 0.5, 1.0 / 3 }, rows.Select(r => r.Values["loss"]).ToList());
        CollectionAssert.AreEqual(new[] { 0, 1.5, 3 }, rows.Select(r => r.Runtime).ToList());
        Assert.AreEqual(PythonClientLog.Started.ToUnixTimeSeconds() + 3.0, rows[2].Timestamp);
        Assert.IsTrue(rows.All(r => r.Values.Count == 2), "no _step, _runtime or _timestamp among the metrics");
    }

    [TestMethod]
    public void Every_record_type_the_importer_does_not_use_is_skipped_and_counted_without_failing()
    {
        using var store = new TempStore();
        var log = PythonClientLog.Complete("skips");
        var path = log.WriteTo(Path.Combine(store.Root, "wandb"));

        var result = WandbImporter.Import(new[] { path }, store.Reader(), store.Output);

        var written = log.Records.GroupBy(r => Record.Descriptor.FindFieldByNumber((int)r.RecordTypeCase).Name).ToDictionary(g => g.Key, g => g.Count());
        var used = new[] { "header", "run", "config", "history", "summary", "exit", "final", "footer" };
        CollectionAssert.AreEquivalent(
            new[] { "alert", "artifact", "environment", "files", "metric", "noop_link_artifact", "output", "output_logger", "output_raw", "preempting", "request", "stats", "tbrecord", "telemetry", "use_artifact" },
            written.Keys.Except(used).ToList(),
            "the log holds every record type the client persists");
        CollectionAssert.AreEquivalent(written.Where(p => !used.Contains(p.Key)).ToList(), result.SkippedRecords.ToList());
        Assert.AreEqual(0, result.Rejected.Count);
        Assert.AreEqual(0, store.Output.Warnings.Count, string.Join("\n", store.Output.Lines));
        StringAssert.Contains(store.Output.Infos.Last(), "Skipped records: alert 1, artifact 1, environment 1, files 1, metric 1, noop_link_artifact 1, output 1, output_logger 1, output_raw 1, preempting 1, request 5, stats 3, tbrecord 1, telemetry 1, use_artifact 1.");
    }

    [TestMethod]
    public void The_exit_record_decides_the_state_finished_failed_or_crashed()
    {
        using var store = new TempStore();
        var wandb = Path.Combine(store.Root, "wandb");
        PythonClientLog.Complete("ok", exitCode: 0).WriteTo(wandb);
        PythonClientLog.Complete("bad", exitCode: 2).WriteTo(wandb);
        new PythonClientLog("gone").Start().History(0, ("loss", 1)).History(1, ("loss", 0.5)).WriteTo(wandb);

        WandbImporter.Import(new[] { wandb }, store.Reader(), store.Output);

        var reader = store.Reader();
        Assert.AreEqual((RunState.Finished, (int?)0), (reader.GetRun("ok")!.State, reader.GetRun("ok")!.ExitCode));
        Assert.AreEqual((RunState.Failed, (int?)2), (reader.GetRun("bad")!.State, reader.GetRun("bad")!.ExitCode));
        Assert.AreEqual((RunState.Crashed, (int?)null, 2L), (reader.GetRun("gone")!.State, reader.GetRun("gone")!.ExitCode, reader.GetRun("gone")!.HistoryRows));
    }

    [TestMethod]
    public void Nested_non_finite_and_non_numeric_history_values_are_read_as_W_and_B_shows_them()
    {
        using var store = new TempStore();
        var path = new PythonClientLog("values").Start()
            .HistoryJson(
                0,
                ("train/loss", "0.25"),
                ("nan", "NaN"),
                ("up", "Infinity"),
                ("down", "-Infinity"),
                ("legacy", "{\"a\": 1, \"b\": {\"c\": 2.5}}"),
                ("image", "{\"_type\": \"image-file\", \"path\": \"media/a.png\"}"),
                ("caption", "\"a cat\""),
                ("flag", "true"),
                ("hist", "[1, 2, 3]"))
            .End(0)
            .WriteTo(Path.Combine(store.Root, "wandb"));

        WandbImporter.Import(new[] { path }, store.Reader(), store.Output);

        var row = store.Reader().ReadHistory("values").Single();
        Assert.AreEqual(0.25, row.Values["train.loss"]);
        Assert.IsTrue(double.IsNaN(row.Values["nan"]));
        Assert.AreEqual((double.PositiveInfinity, double.NegativeInfinity), (row.Values["up"], row.Values["down"]));
        Assert.AreEqual((1.0, 2.5), (row.Values["legacy.a"], row.Values["legacy.b.c"]));
        CollectionAssert.AreEquivalent(new[] { "train.loss", "nan", "up", "down", "legacy.a", "legacy.b.c" }, row.Values.Keys.ToList());
        var warning = store.Output.WarningsWith("WANDB123").Single();
        StringAssert.Contains(warning, "4 history value(s) of run 'values' in " + path);
        StringAssert.Contains(warning, "keys: caption, flag, hist, image.");
    }

    [TestMethod]
    public void A_torn_last_block_imports_the_records_before_it_with_a_warning_naming_the_file_and_offset()
    {
        using var store = new TempStore();
        var log = new PythonClientLog("torn").Start();
        for (var step = 0; step < 400; step++)
        {
            log.History(step, ("loss", 1.0 / (step + 1)));
        }

        var path = log.WriteTo(Path.Combine(store.Root, "wandb"));
        var full = File.ReadAllBytes(path);
        var lastRecord = LastRecordOffset(full);
        File.WriteAllBytes(path, full.Take((int)lastRecord + 20).ToArray());

        var result = WandbImporter.Import(new[] { path }, store.Reader(), store.Output);

        Assert.AreEqual((1, 399L), (result.RunsAdded, result.RowsAdded));
        Assert.AreEqual(RunState.Crashed, store.Reader().GetRun("torn")!.State);
        var warning = store.Output.WarningsWith("WANDB120").Single();
        StringAssert.Contains(warning, $"{path} ends inside the record at offset {lastRecord}");
    }

    [TestMethod]
    public void A_log_with_a_checksum_mismatch_is_rejected_with_its_file_and_offset_and_the_other_runs_are_imported()
    {
        using var store = new TempStore();
        var wandb = Path.Combine(store.Root, "wandb");
        PythonClientLog.Complete("good1").WriteTo(wandb);
        var bad = PythonClientLog.Complete("bad1").WriteTo(wandb);
        var bytes = File.ReadAllBytes(bad);
        var offset = LastRecordOffset(bytes);
        bytes[offset + 7] ^= 0xFF;
        File.WriteAllBytes(bad, bytes);

        var result = WandbImporter.Import(new[] { wandb }, store.Reader(), store.Output);

        Assert.AreEqual((2, 1), (result.Files, result.RunsAdded));
        Assert.AreEqual((bad, $"checksum mismatch at offset {offset}"), result.Rejected.Single());
        var error = store.Output.WarningsWith("WANDB121").Single();
        StringAssert.Contains(error, $"Rejected {bad}: checksum mismatch at offset {offset}.");
        Assert.IsNull(store.Reader().GetRun("bad1"), "nothing of a rejected file is imported");
        Assert.IsNotNull(store.Reader().GetRun("good1"));
    }

    [TestMethod]
    public void Importing_a_wandb_folder_twice_adds_nothing_and_its_latest_run_link_is_not_read_twice()
    {
        using var store = new TempStore();
        var wandb = Path.Combine(store.Root, "python", "wandb");
        var first = PythonClientLog.Complete("twice1", steps: 50).WriteTo(wandb);
        PythonClientLog.Complete("twice2", steps: 20, exitCode: 1).WriteTo(wandb);
        Directory.CreateSymbolicLink(Path.Combine(wandb, "latest-run"), Path.GetDirectoryName(first)!);
        File.WriteAllText(Path.Combine(wandb, "debug.log"), "client log");

        var once = WandbImporter.Import(new[] { wandb }, store.Reader(), store.Output);
        var storeFiles = Snapshot(store.Root);
        var again = WandbImporter.Import(new[] { wandb, first }, store.Reader(), store.Output);

        Assert.AreEqual((2, 2, 0, 70L), (once.Files, once.RunsAdded, once.RunsUnchanged, once.RowsAdded));
        Assert.AreEqual((2, 0, 0, 2, 0L), (again.Files, again.RunsAdded, again.RunsUpdated, again.RunsUnchanged, again.RowsAdded));
        CollectionAssert.AreEqual(storeFiles, Snapshot(store.Root), "the second import changed no file of the store");
        Assert.AreEqual(70, store.Reader().ReadHistory("twice1").Count() + store.Reader().ReadHistory("twice2").Count());
    }

    [TestMethod]
    public void A_log_that_grew_since_it_was_imported_adds_only_its_new_rows()
    {
        using var store = new TempStore();
        var wandb = Path.Combine(store.Root, "wandb");
        var log = new PythonClientLog("grows").Start();
        for (var step = 0; step < 10; step++)
        {
            log.History(step, ("loss", step));
        }

        log.WriteTo(wandb);
        WandbImporter.Import(new[] { wandb }, store.Reader(), store.Output);
        for (var step = 10; step < 15; step++)
        {
            log.History(step, ("loss", step));
        }

        log.End(0).WriteTo(wandb);
        var grown = WandbImporter.Import(new[] { wandb }, store.Reader(), store.Output);

        Assert.AreEqual((1, 5L), (grown.RunsUpdated, grown.RowsAdded));
        CollectionAssert.AreEqual(Enumerable.Range(0, 15).Select(i => (long)i).ToList(), store.Reader().ReadHistory("grows").Select(r => r.Step).ToList());
        Assert.AreEqual(RunState.Finished, store.Reader().GetRun("grows")!.State);
    }

    [TestMethod]
    public void A_W_and_B_run_whose_id_names_another_run_of_the_store_is_left_out_with_a_warning()
    {
        using var store = new TempStore();
        using (var native = store.Init(new RunOptions { Id = "taken1" }))
        {
            native.Log("loss", 1);
        }

        var path = PythonClientLog.Complete("taken1").WriteTo(Path.Combine(store.Root, "wandb"));

        var result = WandbImporter.Import(new[] { path }, store.Reader(), store.Output);

        Assert.AreEqual((path, "taken1"), result.Conflicts.Single());
        StringAssert.Contains(store.Output.WarningsWith("WANDB122").Single(), $"Run 'taken1' of {path} is not the run with that id in {store.Root}");
        Assert.AreEqual(1, store.Reader().ReadHistory("taken1").Count(), "the store's run keeps its own rows only");
    }

    [TestMethod]
    public void A_path_that_does_not_exist_is_an_error_naming_it_and_a_folder_without_runs_a_warning()
    {
        using var store = new TempStore();
        var missing = Path.Combine(store.Root, "nowhere");
        var empty = Directory.CreateDirectory(Path.Combine(store.Root, "empty")).FullName;

        var error = Assert.ThrowsExactly<ArgumentException>(() => WandbImporter.Import(new[] { missing }, store.Reader(), store.Output));
        var result = WandbImporter.Import(new[] { empty }, store.Reader(), store.Output);

        StringAssert.Contains(error.Message, $"'{missing}' does not exist");
        Assert.AreEqual(0, result.Files);
        StringAssert.Contains(store.Output.WarningsWith("WANDB124").Single(), $"'{empty}' holds no W&B run");
    }

    private static long LastRecordOffset(byte[] log)
    {
        var reader = new Wandb.Interop.TransactionLog.TransactionLogReader(new MemoryStream(log));
        long last = 0;
        while (reader.TryRead(out _))
        {
            last = reader.RecordOffset;
        }

        return last;
    }

    private static List<string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains(Path.DirectorySeparatorChar + "runs" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => f + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
            .ToList();
}
