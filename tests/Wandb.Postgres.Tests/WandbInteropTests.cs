using Wandb.Interop.Export;
using Wandb.Interop.Import;
using Wandb.Postgres.Tests.Infrastructure;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class WandbInteropTests
{
    private static string _source = string.Empty;
    private static string _target = string.Empty;

    [ClassInitialize]
    public static void CreateSchemas(TestContext context)
    {
        _source = PostgresServer.CreateSchema("wandb_export");
        _target = PostgresServer.CreateSchema("wandb_import");
    }

    [ClassCleanup]
    public static void DropSchemas()
    {
        PostgresServer.DropSchema(_source);
        PostgresServer.DropSchema(_target);
    }

    [TestMethod]
    public void Runs_in_PostgreSQL_exported_to_W_and_B_and_imported_into_PostgreSQL_and_a_folder_read_back_identical()
    {
        using var temp = new TempFolder("wandb-interop");
        var output = new RecordingOutput();
        var source = TestRuns.OpenPostgres(_source, temp.Sub("spill-source"), output);
        var ids = InteropRuns.Write(options => TestRuns.Init(options, _source, temp.Sub("spill-source"), output), source, "cv-pg-roundtrip");

        var export = WandbExporter.Export(source, new WandbExportOptions { OutputDirectory = temp.Sub("exported"), Project = InteropRuns.Project }, output);
        var target = TestRuns.OpenPostgres(_target, temp.Sub("spill-target"), output);
        var first = WandbImporter.Import(new[] { temp.Sub("exported") }, target, output);
        var rowsAfterFirst = PostgresServer.Scalar(_target, "SELECT count(*) FROM wandb_history");
        var second = WandbImporter.Import(new[] { temp.Sub("exported") }, target, output);
        var folder = TestRuns.OpenFolder(temp.Sub("folder"), output);
        WandbImporter.Import(new[] { temp.Sub("exported") }, folder, output);

        Assert.AreEqual((3, 13L), (export.Runs, export.HistoryRows));
        Assert.AreEqual((3, 13L), (first.RunsAdded, first.RowsAdded));
        Assert.AreEqual((0, 3, 0L), (second.RunsAdded, second.RunsUnchanged, second.RowsAdded), "importing again adds nothing");
        Assert.AreEqual(13, rowsAfterFirst);
        Assert.AreEqual(13, PostgresServer.Scalar(_target, "SELECT count(*) FROM wandb_history"));
        foreach (var id in ids)
        {
            var expected = InteropRuns.Describe(source.GetRun(id)!);
            Assert.AreEqual(expected, InteropRuns.Describe(target.GetRun(id)!), $"run {id} in PostgreSQL");
            Assert.AreEqual(expected, InteropRuns.Describe(folder.GetRun(id)!), $"run {id} in a folder store");
            var history = InteropRuns.DescribeHistory(source.ReadHistory(id));
            Assert.AreEqual(history, InteropRuns.DescribeHistory(target.ReadHistory(id)), $"history of run {id} in PostgreSQL");
            Assert.AreEqual(history, InteropRuns.DescribeHistory(folder.ReadHistory(id)), $"history of run {id} in a folder store");
        }

        CollectionAssert.AreEquivalent(new[] { RunState.Finished, RunState.Failed, RunState.Crashed }, ids.Select(id => target.GetRun(id)!.State).ToList());
        Assert.AreEqual(0, output.Warnings.Count, string.Join("\n", output.Lines));
    }
}
